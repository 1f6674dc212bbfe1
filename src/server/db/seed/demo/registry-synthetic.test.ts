import { describe, expect, it } from 'vitest';
import { isValidFiscalCode } from '../../../../contracts/fiscal-code.ts';
import { checkRows, parseRegistryCsv, registryCsv } from '../../../modules/registry/registry-import.rows.ts';
import { DEMO_REGISTRY } from './people.ts';
import { DEMO_SYNTHETIC_REGISTERS, demoPeopleDetails } from './register.ts';
import { ageOn, seedOf, syntheticRegister, type SyntheticRegisterOptions } from './registry-synthetic.ts';

const AS_OF = '2026-11-24';
const castelrocca = DEMO_SYNTHETIC_REGISTERS[0]!;
const options = (more: Partial<SyntheticRegisterOptions> = {}): SyntheticRegisterOptions => ({
  people: castelrocca.people, seed: seedOf(castelrocca.tenantSlug), asOf: AS_OF, familyPrefix: castelrocca.familyPrefix, address: castelrocca.address, ...more,
});
const demoPeople = DEMO_REGISTRY.flatMap((r) => r.people);
const register = syntheticRegister(options({ avoid: { fiscalCodes: demoPeople.map((p) => p.fiscalCode), names: demoPeople.map((p) => `${p.givenName} ${p.familyName}`) } }));
const share = (n: number) => n / register.length;

describe('the synthetic register', () => {
  it('is the same every time for the same seed and day, another for another seed, and exactly as many people as asked', () => {
    expect(syntheticRegister(options({ people: 300 }))).toEqual(syntheticRegister(options({ people: 300 })));
    expect(syntheticRegister(options({ people: 300, seed: 1 }))).not.toEqual(syntheticRegister(options({ people: 300 })));
    expect(register).toHaveLength(2000);
    expect(syntheticRegister(options({ people: 1 }))).toHaveLength(1);
  });

  it('passes every check of the load, as an export of the register would', () => {
    const parsed = parseRegistryCsv(registryCsv(register));
    if (!parsed.ok) throw new Error(parsed.problem);
    const checked = checkRows(parsed.rows, { today: AS_OF, columns: parsed.columns });
    expect(checked.rejected).toEqual([]);
    expect(checked.headless.size).toBe(0);
    expect(checked.valid).toHaveLength(register.length);
  });

  it('has valid, unique fiscal codes that no person of the demo families has, nor their full names', () => {
    expect(register.every((p) => isValidFiscalCode(p.fiscalCode))).toBe(true);
    expect(new Set(register.map((p) => p.fiscalCode)).size).toBe(register.length);
    const taken = new Set(demoPeople.map((p) => p.fiscalCode));
    const names = new Set(demoPeople.map((p) => `${p.givenName} ${p.familyName}`.toLowerCase()));
    expect(register.filter((p) => taken.has(p.fiscalCode) || names.has(`${p.givenName} ${p.familyName}`.toLowerCase()))).toEqual([]);
  });

  it('has the age pyramid of a small comune: babies, children, many elderly', () => {
    const ages = register.map((p) => ageOn(p.birthDate, AS_OF));
    expect(share(ages.filter((a) => a <= 3).length)).toBeGreaterThan(0.015);
    expect(share(ages.filter((a) => a <= 3).length)).toBeLessThan(0.05);
    expect(share(ages.filter((a) => a < 15).length)).toBeGreaterThan(0.08);
    expect(share(ages.filter((a) => a >= 65).length)).toBeGreaterThan(0.17);
    expect(share(ages.filter((a) => a >= 90).length)).toBeGreaterThan(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(102);
    expect(register.every((p) => p.birthDate <= AS_OF)).toBe(true);
  });

  it('is in families: one head each, spouses and children, a few elderly parents, one address per sheet, parents older than children', () => {
    const sheets = new Map<string, typeof register>();
    for (const p of register) sheets.set(p.familyId, [...(sheets.get(p.familyId) ?? []), p]);
    expect(sheets.size).toBeGreaterThan(700);
    for (const [id, members] of sheets) {
      expect(id).toMatch(/^CR-\d{4}$/);
      expect(members.filter((m) => m.familyRelation === 'intestatario')).toHaveLength(1);
      expect(new Set(members.map((m) => m.address)).size).toBe(1);
      const adults = members.filter((m) => ['intestatario', 'coniuge', 'convivente', 'unito_civilmente'].includes(m.familyRelation));
      for (const child of members.filter((m) => m.familyRelation === 'figlio')) {
        expect(adults.some((a) => ageOn(a.birthDate, child.birthDate) >= 16)).toBe(true);
      }
    }
    const relations = new Set(register.map((p) => p.familyRelation));
    for (const r of ['intestatario', 'coniuge', 'figlio', 'genitore', 'convivente', 'unito_civilmente']) expect(relations).toContain(r);
    expect(register.every((p) => p.address.endsWith(', 24029 Castelrocca (BG)'))).toBe(true);
    expect(castelrocca.address.streets.some((s) => register[0]!.address.startsWith(`${s} `))).toBe(true);
  });

  it('has Italian and foreign residents, with civil status and residence dates that fit their lives', () => {
    const foreign = register.filter((p) => p.citizenship !== 'italiana');
    expect(share(foreign.length)).toBeGreaterThan(0.05);
    expect(share(foreign.length)).toBeLessThan(0.2);
    expect(new Set(foreign.map((p) => p.citizenship)).size).toBeGreaterThanOrEqual(5);
    expect(foreign.some((p) => / \(\p{L}/u.test(p.birthPlace))).toBe(true);
    expect(new Set(register.map((p) => p.civilStatus))).toEqual(new Set(['celibe_nubile', 'coniugato', 'unito_civilmente', 'separato', 'divorziato', 'vedovo']));
    expect(register.filter((p) => ageOn(p.birthDate, AS_OF) < 18 && p.civilStatus !== 'celibe_nubile')).toEqual([]);
    expect(register.filter((p) => !p.residenceSince || p.residenceSince < p.birthDate || p.residenceSince > AS_OF)).toEqual([]);
  });

  it('has identity cards as the law gives them: most adults, expiries over the next ten years, a few expired', () => {
    const cards = register.filter((p) => p.idCardNumber);
    expect(cards.every((p) => /^C[A-E]\d{5}[A-Z]{2}$/.test(p.idCardNumber!) && p.idCardExpiresOn)).toBe(true);
    expect(new Set(cards.map((p) => p.idCardNumber)).size).toBe(cards.length);
    const adults = register.filter((p) => ageOn(p.birthDate, AS_OF) >= 18);
    expect(adults.filter((p) => p.idCardNumber).length / adults.length).toBeGreaterThan(0.75);
    const expired = cards.filter((p) => p.idCardExpiresOn! < AS_OF);
    expect(expired.length / cards.length).toBeGreaterThan(0.02);
    expect(expired.length / cards.length).toBeLessThan(0.15);
    const years = new Set(cards.filter((p) => p.idCardExpiresOn! >= AS_OF).map((p) => p.idCardExpiresOn!.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(10);
    expect(cards.every((p) => p.idCardExpiresOn! <= '2037-11-24')).toBe(true);
    // a card expires on the holder's birthday
    expect(cards.every((p) => p.idCardExpiresOn!.slice(5) === p.birthDate.slice(5) || p.birthDate.slice(5) === '02-29')).toBe(true);
  });
});

describe('the demo families of people.ts', () => {
  it('get a civil status and a residence date, those of the test identities as their stories tell', () => {
    const details = demoPeopleDetails(AS_OF);
    expect(details).toHaveLength(demoPeople.length);
    const of = (given: string, family: string) => {
      const p = demoPeople.find((x) => x.givenName === given && x.familyName === family)!;
      return details.find((d) => d.fiscalCode === p.fiscalCode)!;
    };
    expect(of('Giulia', 'Ferrari')).toMatchObject({ civil: 'coniugato', since: '2012-06-15' });
    expect(of('Sofia', 'Colombo')).toMatchObject({ civil: 'celibe_nubile', since: '2015-09-03' });
    expect(of('Maria Teresa', 'Rota')).toMatchObject({ civil: 'vedovo' });
    expect(of('Davide', 'Esposito')).toMatchObject({ civil: 'celibe_nubile', since: '2026-09-10' });
    expect(of('Stefano', 'Zanchi')).toMatchObject({ civil: 'unito_civilmente' });
    expect(of('Angela', 'Capelli')).toMatchObject({ civil: 'vedovo' });
    for (const d of details) {
      const p = demoPeople.find((x) => x.fiscalCode === d.fiscalCode)!;
      expect(d.since >= p.birthDate && d.since <= AS_OF).toBe(true);
    }
  });
});
