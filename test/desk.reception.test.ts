/**
 * The reception of the one-stop desk: the contacts register, "where is my application", and an application
 * started at the desk in the person's name. Castelrocca's URP is the desk (Francesca Gotti, role desk there).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskContact } from '../src/contracts/desk.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { CASTELROCCA_SLUG, VALDORO_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays } from '../src/server/platform/legal-clock.ts';
import { LEGAL_BASIS } from '../src/server/platform/personal-data.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { lookupKeyOf } from '../src/server/modules/desk/reception.service.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { createFormService, fileTestApplication } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';

describe('reception: contacts register, lookup, applications started for a person', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let gotti: TestSession;
  let brembilla: TestSession;
  let belotti: TestSession;
  let giulia: TestSession;
  let giuliaCode: string;
  let urpId: string;
  let anagrafeId: string;
  let valdoroOfficeId: string;
  let serviceId: string;
  let applicationId: string;
  let applicationCode: string;

  const accessLog = (fiscalCode: string) => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').selectAll()
    .where('subject_fiscal_code', '=', fiscalCode).orderBy('at').execute());

  beforeAll(async () => {
    t = await testApp({ demo: true });
    const castelrocca = await t.ctx.services.tenants.get(CASTELROCCA_SLUG);
    const offices = await t.ctx.services.tenants.offices(castelrocca.id);
    urpId = offices.find((o) => o.code === 'urp')!.id;
    anagrafeId = offices.find((o) => o.code === 'anagrafe')!.id;
    const valdoro = await t.ctx.services.tenants.get(VALDORO_SLUG);
    valdoroOfficeId = (await t.ctx.services.tenants.offices(valdoro.id)).find((o) => o.code === 'segreteria')!.id;
    gotti = await operatorLogin(t.app, 'f.gotti@castelrocca.example', DEMO_PASSWORD);
    brembilla = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    belotti = await operatorLogin(t.app, 'r.belotti@valdoro.example', DEMO_PASSWORD);
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    giuliaCode = (await t.app.inject(as(giulia, { url: '/api/v1/me' }))).json().fiscalCode;
    serviceId = await createFormService(t.ctx, CASTELROCCA_SLUG, { maxDays: 30 });
    applicationId = await fileTestApplication(t.app, t.ctx, giulia, serviceId);
    applicationCode = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${applicationId}` }))).json().code;
  }, 240_000);
  afterAll(async () => {
    clock.reset();
    await t?.close();
  });

  const contact = (body: Record<string, unknown>, key?: string, who = gotti) => t.app.inject(as(who, {
    method: 'POST', url: '/api/v1/desk-contacts', payload: { officeId: urpId, channel: 'desk', outcome: 'informed', reason: 'Orari della biblioteca', person: {}, ...body },
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  }));

  describe('contacts register', () => {
    it('records a contact in one call and lists it among the day\'s contacts', async () => {
      const r = await contact({ channel: 'phone', person: { name: 'Giulia Ferrari', fiscalCode: giuliaCode.toLowerCase() }, reason: 'Chiede della sua pratica',
        outcome: 'status_given', note: 'Richiamerà domani', applicationId }, 'contatto-giulia-0001');
      expect(r.statusCode, r.body).toBe(201);
      const saved = r.json() as DeskContact;
      expect(saved).toMatchObject({ officeId: urpId, channel: 'phone', person: { name: 'Giulia Ferrari', fiscalCode: giuliaCode }, outcome: 'status_given',
        note: 'Richiamerà domani', applicationId, applicationCode, recordedBy: 'Francesca Gotti' });

      // an anonymous request for information: nobody named
      const anonymous = await contact({ reason: 'Dove si paga la TARI?' });
      expect(anonymous.statusCode, anonymous.body).toBe(201);
      expect(anonymous.json().person).toEqual({ name: null, fiscalCode: null });

      const list = await t.app.inject(as(gotti, { url: `/api/v1/desk-contacts?office=${urpId}` }));
      expect(list.statusCode, list.body).toBe(200);
      const items = list.json().items as DeskContact[];
      expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([saved.id, anonymous.json().id]));
      // newest first
      expect(items[0]!.id).toBe(anonymous.json().id);
      // another day has none of them
      const yesterday = await t.app.inject(as(gotti, { url: `/api/v1/desk-contacts?office=${urpId}&day=${addDays(clock.today(), -1)}` }));
      expect(yesterday.json().items.map((i: DeskContact) => i.id)).not.toContain(saved.id);
    });

    it('records a repeated click with the same Idempotency-Key once', async () => {
      const body = { person: { name: 'Mario Bianchi' }, reason: 'Informazioni sul passaporto', outcome: 'referred' };
      const first = await contact(body, 'contatto-doppio-0001');
      const second = await contact(body, 'contatto-doppio-0001');
      expect(first.statusCode).toBe(201);
      expect(second.json().id).toBe(first.json().id);
      const count = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('desk_contacts').select('id')
        .where('reason', '=', 'Informazioni sul passaporto').execute());
      expect(count).toHaveLength(1);
    });

    it('says which field is wrong, and refuses links to objects that are not the body\'s or the office\'s', async () => {
      const bad = await contact({ person: { fiscalCode: 'RSSMRA80A01H501X' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual([{ path: 'person.fiscalCode', message: 'codice fiscale non valido' }]);
      const empty = await contact({ reason: '   ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors.map((e: { path: string }) => e.path)).toContain('reason');
      const unknownOutcome = await contact({ outcome: 'lost' });
      expect(unknownOutcome.statusCode).toBe(400);
      const strange = await contact({ ticketId: '00000000-0000-4000-8000-000000000001', applicationId: '00000000-0000-4000-8000-000000000002' });
      expect(strange.statusCode).toBe(400);
      expect(strange.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['applicationId', 'ticketId']);
    });

    it('writes the contact and each reading of the register into the person\'s access log, the register once a day per operator', async () => {
      const before = (await accessLog(giuliaCode)).filter((e) => e.operation === 'desk_contacts').length;
      await t.app.inject(as(gotti, { url: `/api/v1/desk-contacts?office=${urpId}` }));
      await t.app.inject(as(gotti, { url: `/api/v1/desk-contacts?office=${urpId}` }));
      const log = await accessLog(giuliaCode);
      const reads = log.filter((e) => e.operation === 'desk_contacts');
      expect(reads.length).toBe(Math.max(before, 1));
      expect(reads.length).toBe(1);
      expect(reads[0]).toMatchObject({ actor_kind: 'operator', actor_label: 'Francesca Gotti', purpose: 'sportello: registro dei contatti', office_name: expect.stringMatching(/URP|Relazioni/) });
      expect(log.some((e) => e.operation === 'desk_contact' && e.object_type === 'desk_contact')).toBe(true);
    });

    it('works at the operator\'s own desk office when none is named', async () => {
      const r = await t.app.inject(as(gotti, { method: 'POST', url: '/api/v1/desk-contacts', payload: { channel: 'email', person: {}, reason: 'Modulo per il passo carrabile', outcome: 'informed' } }));
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().officeId).toBe(urpId);
      const list = (await t.app.inject(as(gotti, { url: '/api/v1/desk-contacts' }))).json().items as DeskContact[];
      expect(list.map((c) => c.id)).toContain(r.json().id);
      // an operator without a reception gets 403, not a guess
      expect((await t.app.inject(as(brembilla, { url: '/api/v1/desk-contacts' }))).statusCode).toBe(403);
    });

    it('is the reception of its office only: another office 403, another body 404, citizens and strangers nothing', async () => {
      expect((await contact({}, undefined, brembilla)).statusCode).toBe(403);
      expect((await t.app.inject(as(brembilla, { url: `/api/v1/desk-contacts?office=${urpId}` }))).statusCode).toBe(403);
      // Francesca is not at the registry office
      expect((await contact({ officeId: anagrafeId })).statusCode).toBe(403);
      expect((await t.app.inject(as(belotti, { url: `/api/v1/desk-contacts?office=${urpId}` }))).statusCode).toBe(404);
      expect((await contact({ officeId: valdoroOfficeId })).statusCode).toBe(404);
      expect((await t.app.inject(as(giulia, { url: `/api/v1/desk-contacts?office=${urpId}` }))).statusCode).toBe(404);
      expect((await t.app.inject({ url: `/api/v1/desk-contacts?office=${urpId}` })).statusCode).toBe(401);
    });
  });

  describe('where is my application', () => {
    const lookup = (q: string, who = gotti, office = urpId) => t.app.inject(as(who, { url: `/api/v1/desk/lookup?office=${office}&q=${encodeURIComponent(q)}` }));

    it('reads the search box as a code, a protocol number or a fiscal code', () => {
      expect(lookupKeyOf(' ca-2026-ab12cd ')).toEqual({ code: 'CA-2026-AB12CD' });
      expect(lookupKeyOf('0000123/2026')).toEqual({ protocol: 123, year: 2026 });
      expect(lookupKeyOf('n. 45')).toEqual({ protocol: 45, year: null });
      expect(() => lookupKeyOf('Ferrari')).toThrow(/codice della pratica/);
      expect(() => lookupKeyOf('RSSMRA80A01H501X')).toThrow(/non è valido/);
    });

    it('finds an application of the body by code, protocol number and fiscal code, with status and due date', async () => {
      const detail = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${applicationId}` }))).json();
      expect(detail.protocol).not.toBeNull();
      const expected = {
        id: applicationId, code: applicationCode, serviceTitle: 'Domanda di prova', status: detail.status, dueDate: detail.dueDate,
        protocolNumber: `${detail.protocol.number}/${detail.protocol.year}`, submittedAt: detail.clock.submittedAt,
      };
      expect(detail.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      const byCode = await lookup(applicationCode.toLowerCase());
      expect(byCode.statusCode, byCode.body).toBe(200);
      expect(byCode.json().applications).toEqual([expect.objectContaining(expected)]);
      expect(byCode.json().person).toEqual({ name: detail.subject.name, fiscalCode: giuliaCode });

      const byProtocol = await lookup(`${Number(detail.protocol.number)}/${detail.protocol.year}`);
      expect(byProtocol.json().applications.map((a: { id: string }) => a.id)).toContain(applicationId);

      const byPerson = await lookup(giuliaCode);
      expect(byPerson.json().person.fiscalCode).toBe(giuliaCode);
      expect(byPerson.json().applications.map((a: { id: string }) => a.id)).toContain(applicationId);
    });

    it('logs each application shown in the person\'s access log with the reception\'s purpose', async () => {
      const before = (await accessLog(giuliaCode)).filter((e) => e.operation === 'desk_lookup').length;
      await lookup(applicationCode);
      const after = (await accessLog(giuliaCode)).filter((e) => e.operation === 'desk_lookup');
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)).toMatchObject({ object_type: 'application', object_id: applicationId, actor_label: 'Francesca Gotti',
        purpose: 'sportello: stato della pratica', legal_basis: LEGAL_BASIS.proceeding });
    });

    it('answers nothing for another body\'s application, and says what to type for a bad search', async () => {
      const valdoroService = await createFormService(t.ctx, VALDORO_SLUG);
      const elsewhere = await fileTestApplication(t.app, t.ctx, giulia, valdoroService);
      const code = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${elsewhere}` }))).json().code;
      const r = await lookup(code);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ person: null, applications: [] });
      expect((await lookup(giuliaCode)).json().applications.map((a: { id: string }) => a.id)).not.toContain(elsewhere);
      const bad = await lookup('la pratica di Giulia');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('q');
      expect((await lookup(applicationCode, brembilla)).statusCode).toBe(403);
      expect((await lookup(applicationCode, belotti)).statusCode).toBe(404);
    });
  });

  describe('a fiscal code the body has nothing of', () => {
    it('names nobody for a platform citizen with no application at the body and not in its registry, and logs nothing for them', async () => {
      const stranger = 'RSSMRA80A01H501U';
      const castelrocca = await t.ctx.services.tenants.get(CASTELROCCA_SLUG);
      expect(await t.ctx.services.registry.recordOf(castelrocca.id, stranger)).toBeFalsy();
      await inScope(t.database.db, { platform: true }, (trx) => trx.insertInto('citizens').values({
        fiscal_code: stranger, given_name: 'Mario', family_name: 'Rossi', birth_date: null, birth_place: null, address: null, email: null, phone: null, last_login_at: null,
      }).onConflict((oc) => oc.column('fiscal_code').doNothing()).execute());
      const r = await t.app.inject(as(gotti, { url: `/api/v1/desk/lookup?office=${urpId}&q=${stranger}` }));
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toEqual({ person: null, applications: [] });
      expect(await accessLog(stranger)).toEqual([]);
    });
  });

  describe('an application started for the person', () => {
    const start = (fiscalCode: string, service = serviceId, key?: string) => t.app.inject(as(gotti, {
      method: 'POST', url: '/api/v1/desk/applications', payload: { officeId: urpId, serviceId: service, fiscalCode }, ...(key ? { headers: { 'idempotency-key': key } } : {}),
    }));

    it('starts a draft in the citizen\'s name, which they find in their applications to complete, with its history and the contact', async () => {
      const r = await start(giuliaCode);
      expect(r.statusCode, r.body).toBe(201);
      const started = r.json();
      expect(started.code).toMatch(/^[A-Z]{2}-\d{4}-[A-Z0-9]{6}$/);
      expect(started.citizenName).toMatch(/Giulia Ferrari/);

      const mine = (await t.app.inject(as(giulia, { url: '/api/v1/applications?status=draft' }))).json().items as { id: string; status: string }[];
      expect(mine.find((a) => a.id === started.applicationId)?.status).toBe('draft');
      const draft = (await t.app.inject(as(giulia, { url: `/api/v1/applications/${started.applicationId}` }))).json();
      expect(draft.subject.fiscalCode).toBe(giuliaCode);
      // prefilled like her own draft
      expect(draft.data.richiedente.codiceFiscale).toBe(giuliaCode);
      const history = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('application_events').selectAll()
        .where('application_id', '=', started.applicationId).execute());
      expect(history).toEqual([expect.objectContaining({ type: 'created', actor_kind: 'operator', actor_label: 'Francesca Gotti', to_status: 'draft',
        note: expect.stringMatching(/allo sportello/) })]);
      expect(history[0]!.details).toMatchObject({ startedAt: 'desk', officeId: urpId });

      const contacts = (await t.app.inject(as(gotti, { url: `/api/v1/desk-contacts?office=${urpId}` }))).json().items as DeskContact[];
      expect(contacts.find((c) => c.applicationId === started.applicationId)).toMatchObject({ outcome: 'application_started', applicationCode: started.code,
        person: { fiscalCode: giuliaCode }, serviceId });

      // she can send it herself
      const send = await t.app.inject(as(giulia, { method: 'PATCH', url: `/api/v1/applications/${started.applicationId}`, payload: { data: { alloggio: { indirizzo: 'Via Roma 1', titolo: 'proprieta' } } } }));
      expect(send.statusCode, send.body).toBe(200);

      // a second start for the same service gives back the same draft
      const again = await start(giuliaCode);
      expect(again.statusCode).toBe(200);
      expect(again.json().applicationId).toBe(started.applicationId);
      // told again to the operator: in her log, and no second contact
      expect((await accessLog(giuliaCode)).some((e) => e.operation === 'desk_start' && e.object_id === started.applicationId)).toBe(true);
      const again2 = (await t.app.inject(as(gotti, { url: `/api/v1/desk-contacts?office=${urpId}` }))).json().items as DeskContact[];
      expect(again2.filter((c) => c.applicationId === started.applicationId)).toHaveLength(1);
    });

    it('starts one for a resident who never used Sportello, whose first sign-in finds it', async () => {
      const resident = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('registry_people as p').select(['p.fiscal_code', 'p.given_name', 'p.family_name'])
        .where('p.tenant_id', '=', (eb) => eb.selectFrom('tenants').select('id').where('slug', '=', CASTELROCCA_SLUG))
        .where('p.birth_date', '<', '2000-01-01')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('citizens as c').select('c.id').whereRef('c.fiscal_code', '=', 'p.fiscal_code'))))
        .orderBy('p.fiscal_code').executeTakeFirstOrThrow());
      const r = await start(resident.fiscal_code);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().citizenName).toBe(`${resident.given_name} ${resident.family_name}`);
      const account = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('citizens').select(['id', 'last_login_at'])
        .where('fiscal_code', '=', resident.fiscal_code).executeTakeFirstOrThrow());
      expect(account.last_login_at).toBeNull();
      const draft = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('applications').select(['citizen_id', 'status', 'subject_name'])
        .where('id', '=', r.json().applicationId).executeTakeFirstOrThrow());
      expect(draft).toEqual({ citizen_id: account.id, status: 'draft', subject_name: `${resident.given_name} ${resident.family_name}` });
    });

    it('explains when the person is unknown, the service has no online form or is another body\'s', async () => {
      const unknown = await start('BNCLRA70A41L219T');
      expect(unknown.statusCode, unknown.body).toBe(422);
      expect(unknown.json().detail).toMatch(/anagrafe/);
      expect(unknown.json().errors[0].path).toBe('fiscalCode');
      const bad = await start('BNCLRA70A41L219X');
      expect(bad.statusCode).toBe(400);
      const noForm = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('services as s').innerJoin('tenants as t', 't.id', 's.tenant_id')
        .innerJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 's.id').onRef('v.version', '=', 's.current_version'))
        .select('s.id').where('t.slug', '=', CASTELROCCA_SLUG).where(sql<boolean>`v.card->'form' IS NULL`).executeTakeFirstOrThrow());
      expect((await start(giuliaCode, noForm.id)).statusCode).toBe(409);
      // a resident who never used Sportello gets no account for a draft that cannot exist
      const resident = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('registry_people as p').select(['p.fiscal_code'])
        .where('p.tenant_id', '=', (eb) => eb.selectFrom('tenants').select('id').where('slug', '=', CASTELROCCA_SLUG))
        .where('p.birth_date', '<', '2000-01-01')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('citizens as c').select('c.id').whereRef('c.fiscal_code', '=', 'p.fiscal_code'))))
        .orderBy('p.fiscal_code', 'desc').executeTakeFirstOrThrow());
      expect((await start(resident.fiscal_code, noForm.id)).statusCode).toBe(409);
      const accounts = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('citizens').select('id').where('fiscal_code', '=', resident.fiscal_code).execute());
      expect(accounts).toEqual([]);
      const valdoroService = await createFormService(t.ctx, VALDORO_SLUG);
      expect((await start(giuliaCode, valdoroService)).statusCode).toBe(404);
      const byOperator = await t.app.inject(as(brembilla, { method: 'POST', url: '/api/v1/desk/applications', payload: { officeId: urpId, serviceId, fiscalCode: giuliaCode } }));
      expect(byOperator.statusCode).toBe(403);
    });
  });
});
