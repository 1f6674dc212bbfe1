import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, type AnalyticsFigures, type AnalyticsRow, type ApplicationsDashboard } from '../src/contracts/analytics.ts';
import { upsertTenants } from '../src/server/db/seed/seed.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays, romeDate } from '../src/server/platform/legal-clock.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService } from './support/forms.ts';

/**
 * The manager's dashboard against a real database. Bodies of its own (not the demo's, whose applications may
 * change): a comune (the member), a union that handles services for it (the lead) and an unrelated comune. The
 * applications are written straight into the tables with known dates, so every figure can be checked exactly.
 */

const PASSWORD = 'Password-cruscotto-1';
const office = (code: string, name: string) => ({
  code, name, address: 'Piazza Municipio 1', postalCode: '24000', city: 'Borgoprova', province: 'BG',
  openingHours: [{ days: [1, 2, 3, 4, 5], opens: '09:00', closes: '12:00' }],
});
const tenant = (slug: string, name: string, ipa: string, offices: ReturnType<typeof office>[]) => ({
  slug, name, type: 'comune' as const, fiscalCode: '00000000000', ipaCode: ipa, aooCode: 'AOO1', offices,
});

/** The instant of midnight in Italy at the start of a calendar day (whatever daylight-saving time says). */
function romeMidnight(date: string): Date {
  for (const offset of ['+01:00', '+02:00']) {
    const at = new Date(`${date}T00:00:00${offset}`);
    if (romeDate(at) === date && romeDate(new Date(at.getTime() - 1)) !== date) return at;
  }
  throw new Error(`no midnight for ${date}`);
}

describe('manager dashboard of applications', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const ids = { member: '', lead: '', other: '' };
  const offices = { anagrafe: '', tributi: '', otherOffice: '' };
  const services = { carta: '', rimborso: '', other: '' };
  let citizenId = '';
  let manager: TestSession;
  let leadManager: TestSession;
  let otherManager: TestSession;
  let operator: TestSession;
  let tenantAdmin: TestSession;
  const today = clock.today();
  const day = (n: number) => addDays(today, n);
  /** 10:00 UTC: the same calendar day in Italy, summer or winter */
  const at = (n: number) => new Date(`${day(n)}T10:00:00Z`);
  let counter = 0;

  async function insertApplication(o: {
    tenantId?: string; serviceId: string; officeId: string | null; status: string; submitted?: Date | null; closed?: Date | null;
    due?: number; suspended?: number; maxDays?: number; integration?: boolean; rating?: number;
  }) {
    const tenantId = o.tenantId ?? ids.member;
    return inScope(t.database.db, { platform: true }, async (trx) => {
      const { id } = await trx.insertInto('applications').values({
        tenant_id: tenantId, code: `AN-${++counter}-${randomUUID().slice(0, 6)}`, service_id: o.serviceId, service_version: 1,
        office_id: o.officeId, citizen_id: citizenId, filer_name: 'Mario Rossi', subject_kind: 'self', subject_ref: citizenId,
        subject_fiscal_code: 'RSSMRA80A01H501U', subject_name: 'Mario Rossi', status: o.status as never,
        submitted_at: o.submitted ?? null, closed_at: o.closed ?? null, due_date: o.due === undefined ? null : day(o.due),
        max_days: o.maxDays ?? 30, suspended_days: o.suspended ?? 0,
      }).returning('id').executeTakeFirstOrThrow();
      if (o.integration) {
        await trx.insertInto('application_events').values({
          tenant_id: tenantId, application_id: id, type: 'integration_requested', from_status: 'in_progress', to_status: 'awaiting_citizen',
          actor_kind: 'operator', actor_label: 'Operatore di prova', details: JSON.stringify({}) as never,
        }).execute();
      }
      if (o.rating) {
        await trx.insertInto('service_ratings').values({ application_id: id, tenant_id: tenantId, service_id: o.serviceId, score: o.rating }).execute();
      }
      return id;
    });
  }

  beforeAll(async () => {
    t = await testApp();
    const made = await upsertTenants(t.database.db, [
      tenant('comune-di-borgoprova', 'Comune di Borgoprova', 'c_bp01', [office('anagrafe', 'Anagrafe'), office('tributi', 'Tributi')]),
      tenant('unione-dei-colli-di-prova', 'Unione dei Colli di Prova', 'u_cp01', [office('segreteria', 'Segreteria')]),
      tenant('comune-di-altrove', 'Comune di Altrove', 'c_al01', [office('anagrafe', 'Anagrafe di Altrove')]),
    ]);
    ids.member = made.get('comune-di-borgoprova')!;
    ids.lead = made.get('unione-dei-colli-di-prova')!;
    ids.other = made.get('comune-di-altrove')!;
    await inScope(t.database.db, { platform: true }, async (trx) => {
      await trx.insertInto('tenant_associations').values({ lead_tenant_id: ids.lead, member_tenant_id: ids.member, description: 'Servizi in gestione associata' }).execute();
      for (const o of await trx.selectFrom('offices').select(['id', 'code', 'tenant_id']).where('tenant_id', 'in', [ids.member, ids.other]).execute()) {
        if (o.tenant_id === ids.other) offices.otherOffice = o.id;
        else offices[o.code as 'anagrafe' | 'tributi'] = o.id;
      }
      citizenId = (await trx.insertInto('citizens').values({ fiscal_code: 'RSSMRA80A01H501U', given_name: 'Mario', family_name: 'Rossi' })
        .returning('id').executeTakeFirstOrThrow()).id;
    });
    services.carta = await createFormService(t.ctx, 'comune-di-borgoprova', { officeCode: 'anagrafe', maxDays: 30 });
    services.rimborso = await createFormService(t.ctx, 'comune-di-borgoprova', { officeCode: 'tributi', maxDays: 60 });
    services.other = await createFormService(t.ctx, 'comune-di-altrove', { officeCode: 'anagrafe', maxDays: 30 });
    await inScope(t.database.db, { platform: true }, async (trx) => {
      await trx.updateTable('services').set({ title: "Carta d'identità" }).where('id', '=', services.carta).execute();
      await trx.updateTable('services').set({ title: 'Rimborso tributi' }).where('id', '=', services.rimborso).execute();
    });

    const { carta, rimborso } = services;
    const { anagrafe, tributi } = offices;
    // Carta d'identità at the registry office (legal maximum 30 days)
    await insertApplication({ serviceId: carta, officeId: anagrafe, status: 'approved', submitted: at(-50), closed: at(-20), due: -20, integration: true, rating: 5 }); // 30 days, on time
    await insertApplication({ serviceId: carta, officeId: anagrafe, status: 'rejected', submitted: at(-45), closed: at(-5), due: -10, suspended: 5, rating: 3 }); // 35, late
    await insertApplication({ serviceId: carta, officeId: anagrafe, status: 'approved', submitted: at(-40), closed: at(-30), due: -10 }); // 10, on time
    await insertApplication({ serviceId: carta, officeId: anagrafe, status: 'approved', submitted: at(-30), closed: at(-10), due: 2, suspended: 2 }); // 18, on time
    await insertApplication({ serviceId: carta, officeId: anagrafe, status: 'in_progress', submitted: at(-20), due: -1 }); // overdue
    await insertApplication({ serviceId: carta, officeId: anagrafe, status: 'registered', submitted: at(-10), due: 20 });
    await insertApplication({ serviceId: carta, officeId: anagrafe, status: 'awaiting_citizen', submitted: at(-15), due: -2, integration: true }); // waiting, not overdue
    await insertApplication({ serviceId: carta, officeId: anagrafe, status: 'withdrawn', submitted: at(-5), closed: at(-3) }); // received, not closed
    // received before the period, closed in it: counts among the closed, not the received (nor its rating)
    await insertApplication({ serviceId: carta, officeId: anagrafe, status: 'approved', submitted: at(-100), closed: at(-55), due: -70, rating: 1 }); // 45, late
    // before the period altogether, and an old one still open past its due date (overdue is about today)
    await insertApplication({ serviceId: carta, officeId: anagrafe, status: 'approved', submitted: at(-200), closed: at(-150), due: -170 });
    await insertApplication({ serviceId: carta, officeId: anagrafe, status: 'in_progress', submitted: at(-120), due: -90 });
    // a draft is not received
    await insertApplication({ serviceId: carta, officeId: anagrafe, status: 'draft', submitted: null });
    // reassigned to the tax office: its own row
    await insertApplication({ serviceId: carta, officeId: tributi, status: 'in_progress', submitted: at(-7), due: 23 });
    // Rimborso tributi at the tax office (legal maximum 60 days)
    await insertApplication({ serviceId: rimborso, officeId: tributi, status: 'approved', submitted: at(-58), closed: at(-1), due: 2, maxDays: 60 }); // 57, on time
    await insertApplication({ serviceId: rimborso, officeId: tributi, status: 'submitted', submitted: at(-3), due: 57, maxDays: 60 });
    // the first minutes of the period's first day count; the last minutes of the day before do not
    const start = romeMidnight(day(-60));
    await insertApplication({ serviceId: rimborso, officeId: tributi, status: 'withdrawn', submitted: new Date(start.getTime() + 30 * 60_000), closed: at(-59), maxDays: 60 });
    await insertApplication({ serviceId: rimborso, officeId: tributi, status: 'withdrawn', submitted: new Date(start.getTime() - 30 * 60_000), closed: at(-59), maxDays: 60 });
    // another body's application never shows
    await insertApplication({ tenantId: ids.other, serviceId: services.other, officeId: offices.otherOffice, status: 'in_progress', submitted: at(-5), due: -1 });

    const account = async (tenantId: string, email: string, role: 'manager' | 'operator' | 'tenant_admin', officeId: string | null = null) => {
      await t.ctx.services.identity.createOperator({ tenantId, email, name: `Prova ${role}`, password: PASSWORD, grants: [{ role, officeId }], createdBy: 'test' });
      return operatorLogin(t.app, email, PASSWORD);
    };
    manager = await account(ids.member, 'responsabile@borgoprova.example', 'manager');
    leadManager = await account(ids.lead, 'responsabile@colli.example', 'manager');
    otherManager = await account(ids.other, 'responsabile@altrove.example', 'manager');
    tenantAdmin = await account(ids.member, 'admin@borgoprova.example', 'tenant_admin');
    operator = await account(ids.member, 'operatore@borgoprova.example', 'operator', offices.anagrafe);
  }, 120_000);
  afterAll(() => t.close());
  afterEach(() => clock.reset());

  const get = (s: TestSession | null, url: string) => t.app.inject(s ? as(s, { url }) : { url });
  const period = `from=${day(-60)}&to=${day(0)}`;
  const dashboard = async (s: TestSession, query = period) => {
    const r = await get(s, `/api/v1/analytics/applications?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as ApplicationsDashboard;
  };
  const row = (d: ApplicationsDashboard, officeName: string, serviceTitle: string) =>
    d.rows.find((r) => r.office?.name === officeName && r.service.title === serviceTitle);

  const CARTA_ANAGRAFE: AnalyticsFigures = {
    received: 8, inProgress: 3, waiting: 1, overdue: 2, closed: 5, approved: 4, rejected: 1,
    // days 10, 18, 30, 35, 45: mean 27.6; percentile_cont(0.9) = 35 + 0.6 × (45 − 35) = 41
    avgDays: 27.6, p90Days: 41, maxDays: 30, onTimeShare: 0.6, integrationRate: 0.25, ratingAverage: 4, ratingCount: 2,
  };
  const CARTA_TRIBUTI: AnalyticsFigures = {
    received: 1, inProgress: 1, waiting: 0, overdue: 0, closed: 0, approved: 0, rejected: 0,
    avgDays: null, p90Days: null, maxDays: 30, onTimeShare: null, integrationRate: 0, ratingAverage: null, ratingCount: 0,
  };
  const RIMBORSO_TRIBUTI: AnalyticsFigures = {
    received: 3, inProgress: 1, waiting: 0, overdue: 0, closed: 1, approved: 1, rejected: 0,
    avgDays: 57, p90Days: 57, maxDays: 60, onTimeShare: 1, integrationRate: 0, ratingAverage: null, ratingCount: 0,
  };
  const TOTALS: AnalyticsFigures = {
    received: 12, inProgress: 5, waiting: 1, overdue: 2, closed: 6, approved: 5, rejected: 1,
    // days 10, 18, 30, 35, 45, 57: mean 32.5; percentile_cont(0.9) = 45 + 0.5 × (57 − 45) = 51
    avgDays: 32.5, p90Days: 51, maxDays: null, onTimeShare: 0.6667, integrationRate: 0.1667, ratingAverage: 4, ratingCount: 2,
  };

  it('gives every figure per office and service, and totals over the applications', async () => {
    const d = await dashboard(manager);
    expect(d.tenant).toEqual({ id: ids.member, name: 'Comune di Borgoprova' });
    expect(d.from).toBe(day(-60));
    expect(d.to).toBe(day(0));
    expect(Date.parse(d.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(d.rows.map((r) => [r.office?.name, r.service.title])).toEqual([
      ['Anagrafe', "Carta d'identità"], ['Tributi', "Carta d'identità"], ['Tributi', 'Rimborso tributi'],
    ]);
    const figuresOf = (r: AnalyticsRow | undefined) => {
      const { office: _o, service: _s, ...f } = r!;
      return f;
    };
    expect(figuresOf(row(d, 'Anagrafe', "Carta d'identità"))).toEqual(CARTA_ANAGRAFE);
    expect(figuresOf(row(d, 'Tributi', "Carta d'identità"))).toEqual(CARTA_TRIBUTI);
    expect(figuresOf(row(d, 'Tributi', 'Rimborso tributi'))).toEqual(RIMBORSO_TRIBUTI);
    expect(row(d, 'Anagrafe', "Carta d'identità")!.office!.id).toBe(offices.anagrafe);
    expect(row(d, 'Anagrafe', "Carta d'identità")!.service.id).toBe(services.carta);
    expect(d.totals).toEqual(TOTALS);
  });

  it('narrows to an office or a service, and the totals follow', async () => {
    const byOffice = await dashboard(manager, `${period}&office=${offices.tributi}`);
    expect(byOffice.rows.map((r) => r.service.title)).toEqual(["Carta d'identità", 'Rimborso tributi']);
    expect(byOffice.totals).toMatchObject({ received: 4, inProgress: 2, closed: 1, avgDays: 57, maxDays: null });
    const byService = await dashboard(manager, `${period}&service=${services.rimborso}`);
    expect(byService.rows).toHaveLength(1);
    expect(byService.totals).toEqual(RIMBORSO_TRIBUTI);
  });

  it('counts the period by Italian calendar days, and today\'s figures whatever the period', async () => {
    const short = await dashboard(manager, `from=${day(-25)}&to=${day(-6)}`);
    const carta = row(short, 'Anagrafe', "Carta d'identità")!;
    // submitted on days −20, −15 (with an integration request) and −10; closed on days −20 and −10 (30 and 18 days, both on time)
    expect(carta).toMatchObject({ received: 3, closed: 2, approved: 2, rejected: 0, avgDays: 24, p90Days: 28.8, onTimeShare: 1, integrationRate: 0.3333 });
    // what is on the desks today does not depend on the period
    expect(carta).toMatchObject({ inProgress: 3, waiting: 1, overdue: 2 });
    // the day before the period's first day: only the application sent at 23:30 that evening
    const dayBefore = await dashboard(manager, `from=${day(-61)}&to=${day(-61)}&service=${services.rimborso}`);
    expect(dayBefore.totals.received).toBe(1);
  });

  it('defaults to the last 90 days up to today, and follows the clock', async () => {
    const d = await dashboard(manager, '');
    expect(d.to).toBe(today);
    expect(d.from).toBe(addDays(today, -90));
    expect(d.totals.received).toBe(13); // the 12 of the 60 days, and the one sent 30 minutes before them

    clock.advanceDays(30);
    const later = await dashboard(manager, period);
    // the registered one (due in 20 days) and the reassigned one (due in 23) are now past their due date
    expect(row(later, 'Anagrafe', "Carta d'identità")!.overdue).toBe(3);
    expect(row(later, 'Tributi', "Carta d'identità")!.overdue).toBe(1);
    expect((await dashboard(manager, '')).to).toBe(addDays(today, 30));
  });

  it('lets the lead body\'s manager look at a member body, and the body\'s administrator', async () => {
    const d = await dashboard(leadManager, `${period}&tenant=${ids.member}`);
    expect(d.tenant.id).toBe(ids.member);
    expect(d.totals).toEqual(TOTALS);
    // the lead's own body: nothing received there
    const own = await dashboard(leadManager, period);
    expect(own.tenant.id).toBe(ids.lead);
    expect(own.rows).toEqual([]);
    expect(own.totals).toMatchObject({ received: 0, closed: 0, avgDays: null, p90Days: null, onTimeShare: null, integrationRate: null });
    expect((await dashboard(tenantAdmin)).totals).toEqual(TOTALS);
  });

  it('answers 404 for another body, 403 to an operator, 401 to nobody', async () => {
    for (const url of [`/api/v1/analytics/applications?tenant=${ids.other}`, `/api/v1/analytics/applications.xlsx?tenant=${ids.other}`,
      `/api/v1/analytics/filters?tenant=${ids.other}`]) {
      const r = await get(manager, url);
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    // the member does not serve the lead: the arrangement goes one way
    expect((await get(manager, `/api/v1/analytics/applications?tenant=${ids.lead}`)).statusCode).toBe(404);
    expect((await get(otherManager, `/api/v1/analytics/applications?tenant=${ids.member}`)).statusCode).toBe(404);
    const op = await get(operator, '/api/v1/analytics/applications');
    expect(op.statusCode).toBe(403);
    expect(op.json().detail).toMatch(/permessi/);
    expect((await get(operator, '/api/v1/analytics/applications.csv')).statusCode).toBe(403);
    expect((await get(null, '/api/v1/analytics/applications')).statusCode).toBe(401);
  });

  it('refuses bad periods with a message that says what to change', async () => {
    const problem = async (query: string) => {
      const r = await get(manager, `/api/v1/analytics/applications?${query}`);
      expect(r.statusCode, query).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      return r.json() as { detail: string; errors?: { path: string; message: string }[] };
    };
    const bad = await problem('from=2026-02-30&to=2026-03-10');
    expect(bad.detail).toMatch(/"2026-02-30" non è una data valida: scrivila come AAAA-MM-GG/);
    expect(bad.errors?.[0]?.path).toBe('query.from');
    expect((await problem('to=24/11/2026')).errors?.[0]?.path).toBe('query.to');
    expect((await problem('from=2026-11-24&to=2026-11-01')).detail).toMatch(/la data di inizio \(2026-11-24\) viene dopo quella di fine \(2026-11-01\)/);
    expect((await problem('from=2023-11-23&to=2026-11-24')).detail).toMatch(/al massimo 3 anni/);
    expect((await get(manager, '/api/v1/analytics/applications?from=2023-11-24&to=2026-11-24')).statusCode).toBe(200);
    expect((await problem('office=anagrafe')).errors?.[0]?.path).toBe('query.office');
    expect((await problem('colore=blu')).detail).toMatch(/parametro sconosciuto "colore"/);
  });

  it('exports the same numbers as CSV for Italian Excel', async () => {
    const r = await get(manager, `/api/v1/analytics/applications.csv?${period}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="pratiche-borgoprova-${day(-60)}_${day(0)}.csv"; filename*=UTF-8''pratiche-borgoprova-${day(-60)}_${day(0)}.csv`);
    expect([...r.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = r.rawPayload.toString('utf8').slice(1).split('\r\n').filter(Boolean).map((l) => l.split(';'));
    expect(lines[0]).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(lines).toHaveLength(5);
    const byName = Object.fromEntries(lines.slice(1).map((l) => [`${l[0]}|${l[1]}`, Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c.key, l[i]]))]));
    expect(byName["Anagrafe|Carta d'identità"]).toEqual({
      office: 'Anagrafe', service: "Carta d'identità", received: '8', inProgress: '3', waiting: '1', overdue: '2', closed: '5', approved: '4',
      rejected: '1', avgDays: '27,6', p90Days: '41', maxDays: '30', onTimeShare: '60', integrationRate: '25', ratingAverage: '4', ratingCount: '2',
    });
    expect(byName['Tributi|Rimborso tributi']).toMatchObject({ avgDays: '57', onTimeShare: '100', ratingAverage: '', integrationRate: '0' });
    expect(lines[4]).toEqual(['Totale', 'Tutti i servizi', '12', '5', '1', '2', '6', '5', '1', '32,5', '51', '', '66,7', '16,7', '4', '2']);
  });

  it('exports the same numbers as a formatted XLSX workbook that reads back', async () => {
    const r = await get(manager, `/api/v1/analytics/applications.xlsx?${period}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toContain(`filename="pratiche-borgoprova-${day(-60)}_${day(0)}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const ws = wb.getWorksheet('Pratiche')!;
    const header = ws.getRow(1);
    expect(EXPORT_COLUMNS.map((_, i) => header.getCell(i + 1).value)).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(ws.getColumn(2).width).toBeGreaterThan(20);
    expect(ws.rowCount).toBe(5);
    const values = (n: number) => Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c.key, ws.getRow(n).getCell(i + 1).value ?? null]));
    expect(values(2)).toEqual({ office: 'Anagrafe', service: "Carta d'identità", ...CARTA_ANAGRAFE });
    expect(values(3)).toEqual({ office: 'Tributi', service: "Carta d'identità", ...CARTA_TRIBUTI });
    expect(values(4)).toEqual({ office: 'Tributi', service: 'Rimborso tributi', ...RIMBORSO_TRIBUTI });
    expect(values(5)).toEqual({ office: 'Totale', service: 'Tutti i servizi', ...TOTALS });
    const onTime = EXPORT_COLUMNS.findIndex((c) => c.key === 'onTimeShare') + 1;
    expect(ws.getRow(2).getCell(onTime).numFmt).toBe('0.0%');
    expect(ws.getRow(5).getCell(1).font?.bold).toBe(true);
    const notes = wb.getWorksheet('Note')!;
    expect(notes.getRow(1).values).toContain('Comune di Borgoprova');
  });

  it('offers the bodies, offices and services to choose from', async () => {
    const r = await get(leadManager, '/api/v1/analytics/filters');
    expect(r.statusCode).toBe(200);
    expect(r.json().tenants.map((x: { name: string }) => x.name)).toEqual(['Comune di Borgoprova', 'Unione dei Colli di Prova']);
    const member = (await get(leadManager, `/api/v1/analytics/filters?tenant=${ids.member}`)).json();
    expect(member.tenant.name).toBe('Comune di Borgoprova');
    expect(member.offices.map((o: { name: string }) => o.name)).toEqual(['Anagrafe', 'Tributi']);
    expect(member.services.map((s: { title: string }) => s.title)).toEqual(["Carta d'identità", 'Rimborso tributi']);
    expect((await get(manager, '/api/v1/analytics/filters')).json().tenants.map((x: { id: string }) => x.id)).toEqual([ids.member]);
  });
});
