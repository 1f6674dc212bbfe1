import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell, FigureRow, SocialFigures } from '../src/contracts/social.ts';
import { upsertTenants } from '../src/server/db/seed/seed.ts';
import { clock } from '../src/server/platform/clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';

/**
 * The district's social figures on a district of the test's own: two member comuni (Alfa, Beta), first contacts,
 * cases and interventions written by hand so that every figure is known; a manager (whole district, small cells
 * hidden), the coordinator (exact) and a social worker of Alfa only (exact, Alfa only). Another district's
 * contact and contacts outside the period must not count.
 */
const PASSWORD = 'Password-cifre-sociali-1';
const FROM = '2025-01-01';
const TO = '2025-06-30';
const PERIOD = `from=${FROM}&to=${TO}`;

const office = { code: 'segretariato', name: 'Segretariato sociale', address: 'Via Roma 1', postalCode: '24000', city: 'Alfa', province: 'BG', openingHours: [] };
const tenant = (slug: string, name: string, type: 'comune' | 'social_district', ipa: string, parentSlug?: string) => ({
  slug, name, type, fiscalCode: '00000000000', ipaCode: ipa, aooCode: 'AOO1', offices: type === 'social_district' ? [office] : [], ...(parentSlug ? { parentSlug } : {}),
});

type Area = 'famiglie_minori' | 'disabilita_non_autosufficienza' | 'adulti_poverta' | 'anziani';
const SECTOR: Record<Area, 'tutela_minori' | 'disabilita' | 'inclusione' | 'anziani'> = {
  famiglie_minori: 'tutela_minori', disabilita_non_autosufficienza: 'disabilita', adulti_poverta: 'inclusione', anziani: 'anziani',
};

const v = (c: Cell) => (c.suppressed ? '<5' : c.value);
const column = (rows: FigureRow[], which: 'contacts' | 'cases') => Object.fromEntries(rows.map((r) => [r.key, v(r[which])]));

describe('social figures of a district', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const ids = { district: '', alfa: '', beta: '', other: '', otherComune: '' };
  let manager: TestSession;
  let admin: TestSession;
  let coordinator: TestSession;
  let alfaWorker: TestSession;
  let otherCoordinator: TestSession;

  beforeAll(async () => {
    t = await testApp();
    const made = await upsertTenants(t.database.db, [
      tenant('ambito-cifre-prova', 'Ambito sociale Cifre di Prova', 'social_district', 'as_cp01'),
      tenant('comune-di-alfa-cifre', 'Comune di Alfa', 'comune', 'c_alf1', 'ambito-cifre-prova'),
      tenant('comune-di-beta-cifre', 'Comune di Beta', 'comune', 'c_bet1', 'ambito-cifre-prova'),
      tenant('ambito-altro-cifre', 'Ambito sociale Altrove', 'social_district', 'as_al01'),
      tenant('comune-di-gamma-cifre', 'Comune di Gamma', 'comune', 'c_gam1', 'ambito-altro-cifre'),
    ]);
    ids.district = made.get('ambito-cifre-prova')!;
    ids.alfa = made.get('comune-di-alfa-cifre')!;
    ids.beta = made.get('comune-di-beta-cifre')!;
    ids.other = made.get('ambito-altro-cifre')!;
    ids.otherComune = made.get('comune-di-gamma-cifre')!;

    await inScope(t.database.db, { platform: true }, async (trx) => {
      const C = { A: ids.alfa, B: ids.beta };
      // people: [key, comune, birth date]
      const people: [string, 'A' | 'B', string][] = [
        ['P1', 'A', '1950-05-01'], ['P2', 'A', '1948-03-03'], ['P3', 'A', '1955-07-07'], ['P4', 'A', '1952-09-09'], ['P5', 'B', '1950-01-01'],
        ['P6', 'A', '1980-01-01'], ['P7', 'A', '1975-06-06'], ['P8', 'B', '1970-10-10'],
        // 34 on the period's first day, 35 on the day of the contact: 35–64
        ['P9', 'A', '1990-04-10'],
        // 17 on the day of the contact (18 the day after): 0–17
        ['P10', 'A', '2007-02-15'], ['P11', 'B', '2012-05-05'], ['P12', 'A', '2015-08-08'],
        ['P13', 'B', '1945-01-01'], ['P14', 'B', '1940-02-02'], ['P15', 'B', '1985-03-03'],
      ];
      const person: Record<string, string> = {};
      for (const [key, comune, birth] of people) {
        const row = await trx.insertInto('social_persons').values({
          tenant_id: ids.district, given_name: 'Persona', family_name: `Prova ${key}`, birth_date: birth, comune_id: C[comune],
        }).returning('id').executeTakeFirstOrThrow();
        person[key] = row.id;
      }
      // cases: [key, person, comune, area, status, first contact, opened, in charge, closed]
      const cases: [string, string, 'A' | 'B', Area, 'open' | 'in_charge' | 'closed', string, string | null, string | null][] = [
        ['K1', 'P1', 'A', 'anziani', 'in_charge', '2025-01-10', '2025-01-20', null], // 10 days
        ['K2', 'P2', 'A', 'anziani', 'closed', '2025-01-15', '2025-02-14', '2025-07-15'], // 30 days; closed after the period: still in charge at its end
        ['K3', 'P3', 'A', 'anziani', 'in_charge', '2025-03-03', '2025-03-08', null], // 5 days
        ['K4', 'P6', 'A', 'adulti_poverta', 'in_charge', '2025-02-05', '2025-02-25', null], // 20 days
        ['K5', 'P10', 'A', 'famiglie_minori', 'in_charge', '2025-02-14', '2025-04-15', null], // 60 days
        ['K6', 'P5', 'B', 'anziani', 'open', '2025-03-20', null, null], // not taken in charge
        ['K7', 'P13', 'B', 'disabilita_non_autosufficienza', 'in_charge', '2024-11-01', '2025-01-31', null], // opened before; 91 days
        ['K8', 'P14', 'B', 'anziani', 'closed', '2024-06-01', '2024-07-01', '2025-03-31'], // closed in the period: not in charge at its end
        ['K9', 'P15', 'B', 'adulti_poverta', 'in_charge', '2024-05-01', '2024-05-10', null], // in charge since before the period
      ];
      const kase: Record<string, string> = {};
      let n = 0;
      for (const [key, p, comune, area, status, first, inCharge, closed] of cases) {
        const row = await trx.insertInto('social_cases').values({
          tenant_id: ids.district, reference: `2025/${++n}`, person_id: person[p]!, comune_id: C[comune], sector: SECTOR[area], target_area: area, status,
          first_contact_on: first, opened_on: first, in_charge_on: inCharge, closed_on: closed, close_reason: closed ? 'goals_reached' : null,
        }).returning('id').executeTakeFirstOrThrow();
        kase[key] = row.id;
      }
      // contacts: [person, comune, area, need, day, case opened]
      const contacts: [string, 'A' | 'B', Area, 'care' | 'economic' | 'housing', string, string | null][] = [
        ['P1', 'A', 'anziani', 'care', '2025-01-10', 'K1'],
        ['P2', 'A', 'anziani', 'care', '2025-01-15', 'K2'],
        ['P3', 'A', 'anziani', 'care', '2025-03-03', 'K3'],
        ['P4', 'A', 'anziani', 'care', '2025-03-12', null],
        ['P5', 'B', 'anziani', 'care', '2025-03-20', 'K6'],
        ['P6', 'A', 'adulti_poverta', 'economic', '2025-02-05', 'K4'],
        ['P7', 'A', 'adulti_poverta', 'economic', '2025-02-20', null],
        ['P8', 'B', 'adulti_poverta', 'economic', '2025-03-25', null],
        ['P9', 'A', 'adulti_poverta', 'housing', '2025-04-10', null],
        ['P10', 'A', 'famiglie_minori', 'economic', '2025-02-14', 'K5'],
        ['P11', 'B', 'famiglie_minori', 'economic', '2025-03-28', null],
        ['P12', 'A', 'famiglie_minori', 'care', '2025-05-06', null],
        // P1 comes back: a 13th contact, still 12 people
        ['P1', 'A', 'anziani', 'care', '2025-06-30', null],
        // outside the period
        ['P13', 'B', 'disabilita_non_autosufficienza', 'care', '2024-11-01', 'K7'],
        ['P15', 'B', 'adulti_poverta', 'economic', '2024-12-31', null],
      ];
      await trx.insertInto('social_contacts').values(contacts.map(([p, comune, area, need, day, k]) => ({
        tenant_id: ids.district, comune_id: C[comune], contact_on: day, channel: 'in_person' as const, requester_kind: 'self' as const, person_id: person[p]!,
        target_area: area, sector: SECTOR[area], need, answer: k ? 'case_opened' as const : 'information' as const, privacy_notice_given: true,
        case_id: k ? kase[k]! : null,
      }))).execute();
      // another district's contact in the period: never counted here
      await trx.insertInto('social_contacts').values({
        tenant_id: ids.other, comune_id: ids.otherComune, contact_on: '2025-03-01', channel: 'phone', requester_kind: 'family', target_area: 'anziani',
        sector: 'anziani', need: 'care', answer: 'information', privacy_notice_given: true,
      }).execute();
      // interventions: [case, code, status, start, end, body's share in cents]
      const interventions: [string, string, 'requested' | 'authorised' | 'delivered' | 'ended' | 'refused', string | null, string | null, number][] = [
        ['K1', 'B1.01', 'delivered', '2025-01-20', null, 120_000],
        ['K1', 'B1.01', 'ended', '2024-12-01', '2025-01-19', 10_000], // same person, ends in the period
        ['K2', 'B1.01', 'delivered', '2025-02-15', '2025-12-31', 80_000],
        ['K3', 'B1.01', 'authorised', '2025-03-10', null, 50_000],
        ['K7', 'B1.01', 'delivered', '2025-02-01', null, 40_000],
        ['K8', 'B1.01', 'ended', '2024-07-01', '2025-03-31', 100_000],
        ['K4', 'A1.04', 'delivered', '2025-03-01', null, 30_000],
        ['K4', 'A1.05', 'delivered', '2025-04-01', '2025-04-01', 20_000],
        ['K9', 'A1.04', 'delivered', '2024-06-01', '2025-05-31', 60_000],
        // not active in the period: requested, refused, ended before it, starting after it
        ['K5', 'D1.01', 'requested', null, null, 99_000],
        ['K1', 'A1.04', 'refused', null, null, 99_000],
        ['K9', 'B3.02', 'ended', '2024-01-01', '2024-12-31', 99_000],
        ['K6', 'C1.01', 'authorised', '2025-07-10', null, 99_000],
      ];
      await trx.insertInto('social_interventions').values(interventions.map(([k, code, status, start, end, share]) => ({
        tenant_id: ids.district, case_id: kase[k]!, code, status, requested_on: start ?? '2025-01-05', start_on: start, end_on: end,
        authorised_on: status === 'requested' || status === 'refused' ? null : start, means_test: '1' as const, periodicity: '1' as const, share_body_cents: share,
      }))).execute();
    });

    const account = async (tenantId: string, email: string, grant: { role: 'manager' | 'tenant_admin' | 'social_worker'; comuni?: string[] }) => {
      await t.ctx.services.identity.createOperator({ tenantId, email, name: `Prova ${grant.role}`, password: PASSWORD,
        grants: [{ role: grant.role, officeId: null, comuni: grant.comuni ?? [] }], createdBy: 'test' });
      return operatorLogin(t.app, email, PASSWORD);
    };
    manager = await account(ids.district, 'responsabile@cifre.example', { role: 'manager' });
    admin = await account(ids.district, 'admin@cifre.example', { role: 'tenant_admin' });
    coordinator = await account(ids.district, 'coordinatrice@cifre.example', { role: 'social_worker' });
    alfaWorker = await account(ids.district, 'alfa@cifre.example', { role: 'social_worker', comuni: [ids.alfa] });
    otherCoordinator = await account(ids.other, 'coordinatrice@altrove-cifre.example', { role: 'social_worker' });
  }, 120_000);
  afterAll(() => t?.close());

  const get = (s: TestSession, url: string) => t.app.inject(as(s, { url }));
  const figures = async (s: TestSession, query = PERIOD) => {
    const r = await get(s, `/api/v1/social/figures?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as SocialFigures;
  };

  it('gives the coordinator exact figures of the whole district', async () => {
    const f = await figures(coordinator);
    expect(f).toMatchObject({ from: FROM, to: TO, suppression: false });
    // 13 contacts of 12 people; 6 people with a new case; in charge on 30 June: K1 K2 K3 K4 K5 K7 K9
    expect(f.totals).toEqual({
      contacts: { value: 13, suppressed: false }, newCases: { value: 6, suppressed: false },
      casesInCharge: { value: 7, suppressed: false }, people: { value: 12, suppressed: false },
    });
    expect(f.byComune.map((r) => r.label)).toEqual(['Comune di Alfa', 'Comune di Beta']);
    expect(column(f.byComune, 'contacts')).toEqual({ [ids.alfa]: 10, [ids.beta]: 3 });
    expect(column(f.byComune, 'cases')).toEqual({ [ids.alfa]: 5, [ids.beta]: 1 });
    expect(column(f.byTargetArea, 'contacts')).toEqual({ famiglie_minori: 3, disabilita_non_autosufficienza: 0, adulti_poverta: 4, anziani: 6 });
    expect(column(f.byTargetArea, 'cases')).toEqual({ famiglie_minori: 1, disabilita_non_autosufficienza: 0, adulti_poverta: 1, anziani: 4 });
    const needs = column(f.byNeed, 'contacts');
    expect([needs.economic, needs.care, needs.housing, needs.violence]).toEqual([5, 7, 1, 0]);
    // a case's need is that of the contact that opened it
    const caseNeeds = column(f.byNeed, 'cases');
    expect([caseNeeds.economic, caseNeeds.care, caseNeeds.housing]).toEqual([2, 4, 0]);
    // the age on the day of the contact (P9 turned 35 that day; P10 was one day short of 18)
    expect(column(f.byAgeBand, 'contacts')).toEqual({ '0-17': 3, '18-34': 0, '35-64': 4, '65-79': 6, '80+': 0 });
    expect(column(f.byAgeBand, 'cases')).toEqual({ '0-17': 1, '18-34': 0, '35-64': 1, '65-79': 4, '80+': 0 });
    expect(f.byMonth.map((r) => r.key)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    expect(f.byMonth.map((r) => r.label)).toEqual(['gen 2025', 'feb 2025', 'mar 2025', 'apr 2025', 'mag 2025', 'giu 2025']);
    expect(column(f.byMonth, 'contacts')).toEqual({ '2025-01': 2, '2025-02': 3, '2025-03': 5, '2025-04': 1, '2025-05': 1, '2025-06': 1 });
    expect(column(f.byMonth, 'cases')).toEqual({ '2025-01': 2, '2025-02': 2, '2025-03': 2, '2025-04': 0, '2025-05': 0, '2025-06': 0 });
  });

  it('computes waiting times from first contact to taking in charge with percentile_cont', async () => {
    // taken in charge in the period: 10, 30, 5, 20, 60, 91 days → mean 36; median 20 + 0.5 · 10 = 25; p90 60 + 0.5 · 31 = 75.5
    expect((await figures(coordinator)).waiting).toEqual({ cases: 6, meanDays: 36, medianDays: 25, p90Days: 75.5, suppressed: false });
    expect((await figures(manager)).waiting).toEqual({ cases: 6, meanDays: 36, medianDays: 25, p90Days: 75.5, suppressed: false });
  });

  it('counts interventions active in the period, their people and the body\'s spending by type', async () => {
    const f = await figures(coordinator);
    const byCode = Object.fromEntries(f.interventions.map((i) => [i.code, [v(i.people), v(i.interventions), i.spendingCents]]));
    // SAD: K1 twice, K2, K3, K7, K8 (ended in the period); requested, refused, ended before and starting after do not count
    expect(byCode['B1.01']).toEqual([5, 6, 400_000]);
    expect(byCode['A1.04']).toEqual([2, 2, 90_000]);
    expect(byCode['A1.05']).toEqual([1, 1, 20_000]);
    expect(byCode['D1.01']).toEqual([0, 0, 0]);
    expect(byCode['C1.01']).toEqual([0, 0, 0]);
    expect(byCode['B3.02']).toEqual([0, 0, 0]);
  });

  it('hides the cells of 1 to 4 people from the manager, with secondary suppression; zero stays zero', async () => {
    const f = await figures(manager);
    expect(f.suppression).toBe(true);
    expect(f.totals).toEqual({
      contacts: { value: 13, suppressed: false }, newCases: { value: 6, suppressed: false },
      casesInCharge: { value: 7, suppressed: false }, people: { value: 12, suppressed: false },
    });
    // Beta: 3 people → hidden; Alfa would be the total minus Beta: hidden too
    expect(f.byComune.find((r) => r.key === ids.beta)!.contacts).toEqual({ value: null, suppressed: true });
    expect(column(f.byComune, 'contacts')).toEqual({ [ids.alfa]: '<5', [ids.beta]: '<5' });
    // anziani: 6 contacts of 5 people → shown; 4 and 3 people hidden (two hidden: no secondary); nobody: 0
    expect(column(f.byTargetArea, 'contacts')).toEqual({ famiglie_minori: '<5', disabilita_non_autosufficienza: 0, adulti_poverta: '<5', anziani: 6 });
    // housing (1 person) alone is hidden → the next smallest, economic (5 people), goes too; care (6) stays
    const needs = column(f.byNeed, 'contacts');
    expect([needs.housing, needs.economic, needs.care, needs.violence]).toEqual(['<5', '<5', 7, 0]);
    expect(column(f.byAgeBand, 'contacts')).toEqual({ '0-17': '<5', '18-34': 0, '35-64': '<5', '65-79': 6, '80+': 0 });
    expect(column(f.byMonth, 'contacts')).toEqual({ '2025-01': '<5', '2025-02': '<5', '2025-03': 5, '2025-04': '<5', '2025-05': '<5', '2025-06': '<5' });
    // a hidden intervention type hides its count and its spending too
    const sad = f.interventions.find((i) => i.code === 'B1.01')!;
    expect(sad).toMatchObject({ people: { value: 5, suppressed: false }, interventions: { value: 6, suppressed: false }, spendingCents: 400_000, suppressed: false });
    const income = f.interventions.find((i) => i.code === 'A1.04')!;
    expect(income).toMatchObject({ people: { value: null, suppressed: true }, interventions: { value: null, suppressed: true }, spendingCents: null, suppressed: true });
    expect(f.interventions.find((i) => i.code === 'D1.01')).toMatchObject({ people: { value: 0, suppressed: false }, spendingCents: 0 });
    // the tenant's administrator sees the same hidden cells
    const a = await figures(admin);
    expect(a.suppression).toBe(true);
    expect(column(a.byComune, 'contacts')).toEqual({ [ids.alfa]: '<5', [ids.beta]: '<5' });
  });

  it('hides small waiting times and totals too (Beta only)', async () => {
    const f = await figures(manager, `${PERIOD}&comuneId=${ids.beta}`);
    expect(f.byComune.map((r) => r.key)).toEqual([ids.beta]);
    expect(f.totals.contacts).toEqual({ value: null, suppressed: true });
    // only K7 was taken in charge in Beta
    expect(f.waiting).toEqual({ cases: 0, meanDays: null, medianDays: null, p90Days: null, suppressed: true });
    const exact = await figures(coordinator, `${PERIOD}&comuneId=${ids.beta}`);
    expect(exact.totals.contacts).toEqual({ value: 3, suppressed: false });
    expect(exact.waiting).toEqual({ cases: 1, meanDays: 91, medianDays: 91, p90Days: 91, suppressed: false });
  });

  it('gives a social worker of one comune exact figures of that comune only', async () => {
    const f = await figures(alfaWorker);
    expect(f.suppression).toBe(false);
    expect(f.byComune.map((r) => [r.label, v(r.contacts), v(r.cases)])).toEqual([['Comune di Alfa', 10, 5]]);
    expect(f.totals).toEqual({
      contacts: { value: 10, suppressed: false }, newCases: { value: 5, suppressed: false },
      casesInCharge: { value: 5, suppressed: false }, people: { value: 9, suppressed: false },
    });
    expect(column(f.byTargetArea, 'contacts')).toEqual({ famiglie_minori: 2, disabilita_non_autosufficienza: 0, adulti_poverta: 3, anziani: 5 });
    // Alfa's cases in charge in the period: 10, 30, 5, 20, 60 days
    expect(f.waiting).toEqual({ cases: 5, meanDays: 25, medianDays: 20, p90Days: 48, suppressed: false });
    const byCode = Object.fromEntries(f.interventions.map((i) => [i.code, [v(i.people), v(i.interventions), i.spendingCents]]));
    expect(byCode['B1.01']).toEqual([3, 4, 260_000]);
    expect(byCode['A1.04']).toEqual([1, 1, 30_000]);
    // Beta is not theirs: refused, not an empty answer
    const r = await get(alfaWorker, `/api/v1/social/figures?${PERIOD}&comuneId=${ids.beta}`);
    expect(r.statusCode).toBe(403);
    // filtered by target area within their reach
    const area = await figures(alfaWorker, `${PERIOD}&targetArea=anziani`);
    expect(area.byTargetArea.map((x) => x.key)).toEqual(['anziani']);
    expect(area.totals.contacts.value).toBe(5);
  });

  it('keeps each district to its own rows', async () => {
    const f = await figures(otherCoordinator);
    expect(f.totals.contacts).toEqual({ value: 1, suppressed: false });
    expect(f.byComune.map((r) => r.label)).toEqual(['Comune di Gamma']);
    // a comune of another district is not one of this district's
    const r = await get(manager, `/api/v1/social/figures?${PERIOD}&comuneId=${ids.otherComune}`);
    expect(r.statusCode).toBe(404);
  });

  it('widens suppressed figures to whole months, so that two periods a day apart cannot be subtracted', async () => {
    const a = await figures(manager, 'from=2025-01-15&to=2025-06-20');
    const b = await figures(manager, 'from=2025-01-15&to=2025-06-19');
    expect([a.from, a.to]).toEqual([FROM, TO]);
    expect(b).toEqual(a);
    // a social worker's own figures keep the days asked
    const exact = await figures(coordinator, 'from=2025-01-15&to=2025-06-20');
    expect([exact.from, exact.to]).toEqual(['2025-01-15', '2025-06-20']);
  });

  it('defaults to the last 12 months and checks the period', async () => {
    const f = await figures(manager, '');
    const today = clock.today();
    // the manager's figures come in whole months (the last day of this month); the coordinator's end today
    expect(f.to.slice(0, 7)).toBe(today.slice(0, 7));
    expect(f.to >= today).toBe(true);
    expect((await figures(coordinator, '')).to).toBe(today);
    expect(f.from.slice(8)).toBe('01');
    expect(f.byMonth).toHaveLength(12);
    expect(f.byMonth.at(-1)!.key).toBe(today.slice(0, 7));
    for (const [query, status] of [['from=2025-06-30&to=2025-01-01', 400], ['from=2025-02-30', 400], ['from=2015-01-01&to=2025-01-01', 400], ['other=1', 400],
      ['targetArea=nessuna', 400]] as const) {
      const r = await get(manager, `/api/v1/social/figures?${query}`);
      expect(r.statusCode, query).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('exports CSV with the same suppression: "<5" for the manager, exact for the coordinator', async () => {
    const managerCsv = await get(manager, `/api/v1/social/figures/export?format=csv&${PERIOD}`);
    expect(managerCsv.statusCode, managerCsv.body).toBe(200);
    expect(managerCsv.headers['content-type']).toContain('text/csv');
    expect(managerCsv.headers['content-disposition']).toContain(`servizi-sociali-${FROM}_${TO}.csv`);
    const m = managerCsv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(m[0]).toBe('Ambito sociale Cifre di Prova: servizi sociali dal 01/01/2025 al 30/06/2025');
    expect(m[1]).toContain('Per tutelare le persone, i valori inferiori a 5 sono nascosti');
    expect(m).toContain('Comune di Beta;<5;<5');
    expect(m).toContain('Comune di Alfa;<5;<5');
    expect(m).toContain('Anziani;6;<5');
    expect(m).toContain('Primi contatti;13');
    expect(m).toContain("B1.01;Assistenza domiciliare socio-assistenziale (SAD);5;6;4000");
    expect(m).toContain('A1.04;Contributo economico per il sostegno al reddito;<5;<5;<5');
    expect(m).toContain('Attesa al 90° percentile (giorni);75,5');

    const exact = await get(coordinator, `/api/v1/social/figures/export?format=csv&${PERIOD}`);
    const c = exact.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(c.join('\n')).not.toContain('Per tutelare le persone');
    expect(c).toContain('Comune di Beta;3;1');
    expect(c).toContain('Comune di Alfa;10;5');
    expect(c).toContain('A1.04;Contributo economico per il sostegno al reddito;2;2;900');
  });

  it('exports XLSX with the same figures and suppression', async () => {
    const read = async (s: TestSession) => {
      const r = await get(s, `/api/v1/social/figures/export?format=xlsx&${PERIOD}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const rows = (sheet: string) => {
        const out: unknown[][] = [];
        wb.getWorksheet(sheet)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
        return out;
      };
      return { wb, rows };
    };
    const m = await read(manager);
    expect(m.wb.worksheets.map((w) => w.name)).toEqual(['Sintesi', 'Comuni', 'Bisogni', 'Aree', 'Età', 'Mesi', 'Interventi', 'Note']);
    expect(m.rows('Comuni')).toEqual([['Comune', 'Primi contatti', 'Nuove cartelle (persone)'], ['Comune di Alfa', '<5', '<5'], ['Comune di Beta', '<5', '<5']]);
    expect(m.rows('Interventi').find((r) => r[0] === 'B1.01')).toEqual(['B1.01', 'Assistenza domiciliare socio-assistenziale (SAD)', 5, 6, 4000]);
    expect(m.rows('Interventi').find((r) => r[0] === 'A1.04')).toEqual(['A1.04', 'Contributo economico per il sostegno al reddito', '<5', '<5', '<5']);
    expect(m.rows('Sintesi').find((r) => r[0] === 'Attesa mediana (giorni)')).toEqual(['Attesa mediana (giorni)', 25]);
    expect(m.rows('Note').find((r) => r[0] === 'Valori nascosti')![1]).toContain('Per tutelare le persone');

    const c = await read(coordinator);
    expect(c.rows('Comuni')).toEqual([['Comune', 'Primi contatti', 'Nuove cartelle (persone)'], ['Comune di Alfa', 10, 5], ['Comune di Beta', 3, 1]]);
    expect(c.rows('Aree').find((r) => r[0] === 'Famiglie e minori')).toEqual(['Famiglie e minori', 3, 1]);
    expect(c.rows('Interventi').find((r) => r[0] === 'A1.04')).toEqual(['A1.04', 'Contributo economico per il sostegno al reddito', 2, 2, 900]);

    const bad = await get(manager, `/api/v1/social/figures/export?format=pdf&${PERIOD}`);
    expect(bad.statusCode).toBe(400);
  });
});
