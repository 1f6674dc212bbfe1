import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATUSES, INTERVENTION_TYPES, TARGET_AREAS, type SinaAssessment, type SinbaRecord } from '../src/contracts/social.ts';
import { isValidFiscalCode } from '../src/contracts/fiscal-code.ts';
import { seedDemo } from '../src/server/db/seed/seed.ts';
import { seedDemoSocial, SOCIAL_DEMO_GIULIA } from '../src/server/db/seed/demo/social.ts';
import { AMBITO_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays } from '../src/server/platform/legal-clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { asOwner } from './support/db.ts';

/**
 * The demo district's social services: five comuni with the Casellario's codes, a few hundred first contacts and
 * case files spread over comuni, target areas and statuses, sealed special-category texts, gapless references,
 * complete SINA and SINBA records, the deliberate export gaps, and a second seed that adds nothing.
 */
describe('demo social services seed', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let districtId: string;
  let socialMs = 0;
  const q = <T>(fn: (trx: Parameters<Parameters<typeof inScope>[2]>[0]) => Promise<T>) => inScope(t.database.db, { platform: true }, fn as never) as Promise<T>;

  beforeAll(async () => {
    t = await testApp({ demo: true });
    districtId = (await q((trx) => trx.selectFrom('tenants').select('id').where('slug', '=', AMBITO_SLUG).executeTakeFirstOrThrow())).id;
    // the time the social part takes: remove what the demo seed wrote (as the database owner) and write it again
    for (const table of ['social_contacts', 'social_diary_entries', 'social_interventions', 'social_case_workers', 'social_case_events', 'social_cases', 'social_persons']) {
      await asOwner(t.database, `DELETE FROM ${table} WHERE tenant_id = '${districtId}'`);
    }
    const ids = new Map((await q((trx) => trx.selectFrom('tenants').select(['slug', 'id']).execute())).map((r) => [r.slug, r.id]));
    const started = performance.now();
    await seedDemoSocial(t.database.db, t.ctx.services.fieldCipher, ids);
    socialMs = performance.now() - started;
    console.info(`demo social seed: ${Math.round(socialMs)} ms`);
  }, 180_000);
  afterAll(async () => t?.close());

  it('has a district of at least five comuni with their ISTAT, cadastral and region codes', async () => {
    const comuni = await q((trx) => trx.selectFrom('tenants').select(['id', 'slug', 'type', 'istat_code', 'cadastral_code', 'region_code'])
      .where('parent_id', '=', districtId).execute());
    expect(comuni.length).toBeGreaterThanOrEqual(5);
    for (const c of comuni) {
      expect(c.type).toBe('comune');
      expect(c.istat_code, c.slug).toMatch(/^\d{6}$/);
      expect(c.cadastral_code, c.slug).toMatch(/^X\d{3}$/);
      expect(c.region_code).toBe('03');
    }
    expect(new Set(comuni.map((c) => c.istat_code)).size).toBe(comuni.length);
    const associations = await q((trx) => trx.selectFrom('tenant_associations').select('member_tenant_id').where('lead_tenant_id', '=', districtId).execute());
    // the Ambito runs the social services of every one of them (associated management)
    expect(new Set(associations.map((a) => a.member_tenant_id))).toEqual(new Set(comuni.map((c) => c.id)));
  });

  it('has hundreds of first contacts and case files over all comuni, target areas and statuses, within the last 18 months', async () => {
    const comuni = (await q((trx) => trx.selectFrom('tenants').select('id').where('parent_id', '=', districtId).execute())).map((c) => c.id);
    const contacts = await q((trx) => trx.selectFrom('social_contacts').selectAll().where('tenant_id', '=', districtId).execute());
    const cases = await q((trx) => trx.selectFrom('social_cases').selectAll().where('tenant_id', '=', districtId).execute());
    expect(contacts.length).toBeGreaterThanOrEqual(300);
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((c) => c.comune_id))).toEqual(new Set(comuni));
    expect(new Set(contacts.map((c) => c.comune_id))).toEqual(new Set(comuni));
    expect(new Set(cases.map((c) => c.target_area))).toEqual(new Set(TARGET_AREAS));
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(CASE_STATUSES));
    expect(cases.filter((c) => c.status === 'closed').every((c) => c.close_reason && c.closed_on)).toBe(true);
    const today = clock.today();
    const oldest = addDays(today, -550);
    expect(contacts.every((c) => c.contact_on >= oldest && c.contact_on <= today)).toBe(true);
    // answers: about 45% open a case, 35% information, 20% referral; every case has the contact that opened it
    const share = (a: string) => contacts.filter((c) => c.answer === a).length / contacts.length;
    expect(share('case_opened')).toBeGreaterThan(0.35);
    expect(share('information')).toBeGreaterThan(0.25);
    expect(share('referral')).toBeGreaterThan(0.12);
    expect(new Set(contacts.filter((c) => c.case_id).map((c) => c.case_id))).toEqual(new Set(cases.map((c) => c.id)));
    // reviews due within 14 days give alerts
    expect(cases.filter((c) => c.status !== 'closed' && c.next_review_on && c.next_review_on <= addDays(today, 14)).length).toBeGreaterThanOrEqual(5);
    // the people: valid fiscal codes, minors among the families' cases, every age band
    const persons = await q((trx) => trx.selectFrom('social_persons').selectAll().where('tenant_id', '=', districtId).execute());
    expect(persons.filter((p) => p.fiscal_code).every((p) => isValidFiscalCode(p.fiscal_code!))).toBe(true);
    const age = (b: string) => Number(today.slice(0, 4)) - Number(b.slice(0, 4));
    const ages = persons.filter((p) => p.birth_date).map((p) => age(p.birth_date!));
    for (const [lo, hi] of [[0, 17], [18, 34], [35, 64], [65, 79], [80, 120]]) expect(ages.some((a) => a >= lo! && a <= hi!), `${lo}-${hi}`).toBe(true);
    expect(new Set(persons.map((p) => p.citizenship_code)).size).toBeGreaterThan(3);
  });

  it('seals the diary, the needs and the reserved parts: the column is not the text, and opens only with the cipher and its row', async () => {
    const cipher = t.ctx.services.fieldCipher;
    const diary = await q((trx) => trx.selectFrom('social_diary_entries').selectAll().where('tenant_id', '=', districtId).limit(50).execute());
    expect(diary.length).toBe(50);
    for (const d of diary) {
      expect(d.text_sealed).toMatch(/^s1\./);
      const text = cipher.open(d.text_sealed, d.id);
      expect(text.length).toBeGreaterThan(10);
      expect(d.text_sealed).not.toContain(text.slice(0, 12));
    }
    expect(() => cipher.open(diary[0]!.text_sealed, diary[1]!.id)).toThrow();
    const reserved = await q((trx) => trx.selectFrom('social_cases').select(['id', 'court_sealed', 'health_sealed']).where('tenant_id', '=', districtId)
      .where((eb) => eb.or([eb('court_sealed', 'is not', null), eb('health_sealed', 'is not', null)])).execute());
    expect(reserved.length).toBeGreaterThanOrEqual(3);
    for (const r of reserved) for (const s of [r.court_sealed, r.health_sealed].filter(Boolean)) expect(cipher.open(s!, r.id).length).toBeGreaterThan(20);
    const contact = await q((trx) => trx.selectFrom('social_contacts').select(['id', 'need_sealed']).where('tenant_id', '=', districtId).limit(1).executeTakeFirstOrThrow());
    expect(cipher.open(contact.need_sealed!, contact.id).length).toBeGreaterThan(10);
  });

  it('numbers cases <year>/<n> without gaps, and the sequence continues after them', async () => {
    const cases = await q((trx) => trx.selectFrom('social_cases').select(['reference', 'opened_on']).where('tenant_id', '=', districtId).execute());
    const byYear = new Map<number, number[]>();
    for (const c of cases) {
      const [y, n] = c.reference.split('/').map(Number);
      expect(y).toBe(Number(c.opened_on.slice(0, 4)));
      byYear.set(y!, [...(byYear.get(y!) ?? []), n!]);
    }
    const sequences = await q((trx) => trx.selectFrom('social_case_sequences').selectAll().where('tenant_id', '=', districtId).execute());
    for (const [year, ns] of byYear) {
      expect(ns.sort((a, b) => a - b)).toEqual(ns.map((_, i) => i + 1));
      expect(sequences.find((s) => s.year === year)?.last_n).toBe(ns.length);
    }
  });

  it('gives SINA assessments and SINBA records with the fields the flows require, and interventions that fit the areas', async () => {
    const cipher = t.ctx.services.fieldCipher;
    const cases = await q((trx) => trx.selectFrom('social_cases').selectAll().where('tenant_id', '=', districtId).execute());
    const interventions = await q((trx) => trx.selectFrom('social_interventions').selectAll().where('tenant_id', '=', districtId).execute());
    const sina = cases.filter((c) => c.sina_sealed);
    const sinba = cases.filter((c) => c.sinba_sealed);
    expect(sina.length).toBeGreaterThanOrEqual(10);
    expect(sinba.length).toBeGreaterThanOrEqual(10);
    for (const c of sina) {
      expect(['disabilita_non_autosufficienza', 'anziani']).toContain(c.target_area);
      const a = cipher.openJson<SinaAssessment>(c.sina_sealed, c.id)!;
      for (const k of ['mobility', 'dailyLiving', 'behavioural', 'healthCare', 'income', 'support', 'source', 'tool', 'assessedOn'] as const) expect(a[k], k).toBeTruthy();
      expect(a.neededInterventions.length).toBeGreaterThan(0);
      expect(a.invalidity.length).toBeGreaterThan(0);
    }
    for (const c of sinba) {
      expect(c.target_area).toBe('famiglie_minori');
      const r = cipher.openJson<SinbaRecord>(c.sinba_sealed, c.id)!;
      for (const k of ['unaccompaniedForeignMinor', 'condition', 'livingPlace', 'school', 'work', 'disability', 'reportSource', 'minorAssessment', 'familyAssessment', 'reportedToCourt', 'courtMeasure'] as const) expect(r[k], k).toBeTruthy();
      expect(r.firstReportMonth).toMatch(/^\d{2}\/\d{4}$/);
      expect(r.household.length).toBeGreaterThan(0);
      expect(r.interventions.length).toBeGreaterThan(0);
      if (r.courtMeasure === '1') expect(r.courtMeasureType && r.courtAuthority).toBeTruthy();
    }
    const caseById = new Map(cases.map((c) => [c.id, c]));
    expect(interventions.length).toBeGreaterThanOrEqual(150);
    for (const iv of interventions) {
      const type = INTERVENTION_TYPES.find((x) => x.code === iv.code)!;
      expect(type.targetAreas, iv.code).toContain(caseById.get(iv.case_id)!.target_area);
      expect(iv.means_test).toBe(type.meansTest);
      if (iv.start_on && iv.status !== 'refused') expect(Number(iv.amount_cents)).toBeGreaterThan(0);
      if (iv.means_test === '1' && iv.status !== 'refused') expect(caseById.get(iv.case_id)!.isee, iv.code).toBeTruthy();
    }
    // on purpose: a few benefits without the request's protocol, one SINA benefit of a case not assessed yet
    const missing = interventions.filter((iv) => !iv.request_protocol && iv.status !== 'refused' && iv.start_on);
    expect(missing.length).toBeGreaterThanOrEqual(3);
    expect(missing.length).toBeLessThanOrEqual(4);
    const protocols = interventions.filter((iv) => iv.request_protocol).map((iv) => iv.request_protocol);
    expect(new Set(protocols).size).toBe(protocols.length);
    expect(protocols.every((p) => /^AMB-\d{4}-\d{7}$/.test(p!))).toBe(true);
    const sinaCodes = new Set(INTERVENTION_TYPES.filter((x) => x.sina).map((x) => x.code));
    const unassessed = cases.filter((c) => !c.sina_sealed && c.status !== 'closed'
      && interventions.some((iv) => iv.case_id === c.id && sinaCodes.has(iv.code) && iv.start_on && iv.status !== 'refused'));
    expect(unassessed.length).toBe(1);
    for (const c of cases.filter((x) => x.isee)) expect(c.isee!.dsuProtocol).toMatch(/^INPS-ISEE-\d{4}-\d{9}-00$/);
  });

  it("links a few cases to the registers' residents, Giulia Ferrari's among them (closed, this year, adults and poverty)", async () => {
    const linked = await q((trx) => trx.selectFrom('social_persons as p').innerJoin('registry_people as r', 'r.id', 'p.registry_person_id')
      .select(['p.id', 'p.fiscal_code', 'r.fiscal_code as registry_code', 'r.tenant_id', 'p.comune_id']).where('p.tenant_id', '=', districtId).execute());
    expect(linked.length).toBeGreaterThanOrEqual(4);
    for (const l of linked) {
      expect(l.fiscal_code).toBe(l.registry_code);
      expect(l.comune_id).toBe(l.tenant_id);
    }
    const giulia = linked.find((l) => l.fiscal_code === SOCIAL_DEMO_GIULIA)!;
    expect(giulia).toBeTruthy();
    const cases = await q((trx) => trx.selectFrom('social_cases').selectAll().where('person_id', '=', giulia.id).execute());
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ status: 'closed', target_area: 'adulti_poverta', close_reason: 'goals_reached' });
    expect(cases[0]!.reference.startsWith(`${clock.today().slice(0, 4)}/`)).toBe(true);
  });

  it('gives the social workers their scopes and the reserved permission, and the district a manager', async () => {
    const roles = await q((trx) => trx.selectFrom('operator_roles as r').innerJoin('operators as o', 'o.id', 'r.operator_id')
      .select(['o.email', 'r.role', 'r.social_reserved', 'r.target_areas', 'r.comuni']).where('r.tenant_id', '=', districtId).execute());
    const of = (email: string) => roles.find((r) => r.email === email)!;
    expect(of('s.personeni@ambitovalleorsa.example').social_reserved).toBe(true);
    expect(of('m.bonfanti@ambitovalleorsa.example').social_reserved).toBe(true);
    expect(of('c.ghisleni@ambitovalleorsa.example').social_reserved).toBe(false);
    expect(of('e.vavassori@ambitovalleorsa.example').target_areas.sort()).toEqual(['anziani', 'disabilita_non_autosufficienza']);
    expect(of('a.capelli@ambitovalleorsa.example').comuni).toHaveLength(4);
    expect(of('g.zambelli@ambitovalleorsa.example').role).toBe('manager');
  });

  it('adds nothing on a second seed, and takes little time', async () => {
    const count = async () => {
      const n: Record<string, number> = {};
      for (const table of ['social_persons', 'social_contacts', 'social_cases', 'social_diary_entries', 'social_interventions', 'tenants', 'operators'] as const) {
        n[table] = Number((await q((trx) => trx.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow())).n);
      }
      return n;
    };
    const before = await count();
    await seedDemo(t.database.db, t.ctx.services);
    expect(await count()).toEqual(before);
    expect(socialMs).toBeLessThan(process.env.DATABASE_URL ? 5_000 : 4_000);
  });
});
