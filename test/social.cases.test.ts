/**
 * Social services of a district: a first contact opens a case (gapless references under concurrency), the case
 * file's status, professionals, household, ISEE, diary, interventions and alerts; every opening of a case and
 * every registry lookup is in the person's access log (hidden from them when the case is withheld by law);
 * invalid input saves nothing. 
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLogEntry } from '../src/contracts/myspace.ts';
import type { CaseDetail, CaseSummary, FirstContact, Intervention, SocialPerson } from '../src/contracts/social.ts';
import { findTestIdentity } from '../src/server/modules/identity/test-idp/identities.ts';
import { psaSnapshot } from '../src/server/modules/social/psa-snapshot.ts';
import { clock } from '../src/server/platform/clock.ts';
import { addDays } from '../src/server/platform/legal-clock.ts';
import { LEGAL_BASIS } from '../src/server/platform/personal-data.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, type TestSession } from './support/auth.ts';
import { citizenLogin } from './support/oidc-browser.ts';
import { fakeFiscalCode, openCase, socialWorld, type SocialWorld } from './support/social.ts';

const ORIGIN = 'http://localhost:3000';
const giulia = findTestIdentity('giulia-ferrari')!;

describe('social services: first contacts and case files', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: SocialWorld;
  let coord: TestSession;
  let citizen: TestSession;
  const today = () => clock.today();
  const inj = (s: TestSession, opts: Parameters<typeof as>[1]) => t.app.inject(as(s, opts));
  const count = (table: 'social_contacts' | 'social_cases' | 'social_persons') => inScope(t.database.db, { platform: true }, async (trx) =>
    Number((await trx.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', w.ambito).executeTakeFirstOrThrow()).n));

  beforeAll(async () => {
    t = await testApp({ demo: true });
    w = await socialWorld(t, { Coord: { reserved: true }, Second: {} });
    coord = w.session('Coord');
    citizen = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
  }, 240_000);
  afterAll(() => t?.close());

  let giuliaCase: string;

  it('looks a resident up in the registry of a comune of the district, and logs the read', async () => {
    const r = await inj(coord, { url: `/api/v1/social/registry-lookup?fiscalCode=${giulia.fiscalCode}&comuneId=${w.castelrocca}` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ fiscalCode: giulia.fiscalCode, givenName: 'Giulia', familyName: 'Ferrari', birthDate: '1984-05-14', comuneId: w.castelrocca });
    const logged = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').selectAll()
      .where('subject_fiscal_code', '=', giulia.fiscalCode).where('operation', '=', 'registry').where('actor_label', '=', 'AS Coord').execute());
    expect(logged).toHaveLength(1);
    expect(logged[0]!.legal_basis).toBe(LEGAL_BASIS.socialServices);
    // not a resident of Valdoro: 404, nothing logged
    const none = await inj(coord, { url: `/api/v1/social/registry-lookup?fiscalCode=${giulia.fiscalCode}&comuneId=${w.valdoro}` });
    expect(none.statusCode).toBe(404);
  });

  it('records a first contact that opens a case, with the person from the registry, in one go', async () => {
    const prefill = (await inj(coord, { url: `/api/v1/social/registry-lookup?fiscalCode=${giulia.fiscalCode}&comuneId=${w.castelrocca}` })).json();
    const r = await inj(coord, { method: 'POST', url: '/api/v1/social/contacts', payload: {
      comuneId: w.castelrocca, contactOn: today(), channel: 'in_person', requesterKind: 'self', person: prefill, targetArea: 'famiglie_minori',
      sector: 'servizio_sociale_base', need: 'family', needText: 'Il marito beve e la situazione in casa è difficile', answer: 'case_opened', privacyNoticeGiven: true,
      case: { nextReviewOn: addDays(today(), 7) },
    } });
    expect(r.statusCode, r.body).toBe(201);
    const { contact, caseId } = r.json() as { contact: FirstContact; caseId: string };
    expect(caseId).toBeTruthy();
    expect(contact).toMatchObject({ answer: 'case_opened', caseId, needText: 'Il marito beve e la situazione in casa è difficile', privacyNoticeGiven: true,
      person: { name: 'Giulia Ferrari', fiscalCode: giulia.fiscalCode }, comuneName: 'Comune di Castelrocca' });
    giuliaCase = caseId;
    const detail = (await inj(coord, { url: `/api/v1/social/cases/${caseId}` })).json() as CaseDetail;
    expect(detail.reference).toMatch(new RegExp(`^${today().slice(0, 4)}/\\d+$`));
    expect(detail).toMatchObject({ status: 'open', firstContactOn: today(), openedOn: today(), inChargeOn: null, comuneId: w.castelrocca,
      targetArea: 'famiglie_minori', person: { fiscalCode: giulia.fiscalCode, registryPersonId: prefill.registryPersonId }, caseManager: 'AS Coord' });
    expect(detail.contacts.map((c) => c.id)).toContain(contact.id);
    // the need is sealed at rest
    const raw = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('social_contacts').select('need_sealed').where('id', '=', contact.id).executeTakeFirstOrThrow());
    expect(raw.need_sealed).toMatch(/^s1\./);
    expect(raw.need_sealed).not.toContain('beve');
    const history = (await inj(coord, { url: `/api/v1/social/cases/${caseId}/history` })).json().items;
    expect(history[0]).toMatchObject({ kind: 'opened', toStatus: 'open', actor: 'AS Coord' });
    // the review is due within 14 days: the alert shows and the filter finds it
    expect(detail.alerts).toEqual([expect.objectContaining({ kind: 'review_due', on: addDays(today(), 7) })]);
  });

  it('numbers cases per district and year without gaps, also when opened at once', async () => {
    const before = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('social_case_sequences').select('last_n')
      .where('tenant_id', '=', w.ambito).where('year', '=', Number(today().slice(0, 4))).executeTakeFirst());
    const opened = await Promise.all(Array.from({ length: 6 }, (_, i) => openCase(t, i % 2 ? coord : w.session('Second'),
      { comuneId: w.valdoro, targetArea: 'adulti_poverta', sector: 'inclusione', fiscalCode: fakeFiscalCode(), familyName: `Parallelo${i}` })));
    const refs = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('social_cases').select('reference')
      .where('id', 'in', opened.map((o) => o.caseId)).execute());
    const numbers = refs.map((r) => Number(r.reference.split('/')[1])).sort((a, b) => a - b);
    const start = (before?.last_n ?? 0) + 1;
    expect(numbers).toEqual([start, start + 1, start + 2, start + 3, start + 4, start + 5]);
  });

  it('refuses an incomplete first contact and saves nothing of it', async () => {
    const counts = async () => [await count('social_contacts'), await count('social_cases'), await count('social_persons')];
    const before = await counts();
    const base = { comuneId: w.castelrocca, contactOn: today(), channel: 'phone', requesterKind: 'family', targetArea: 'anziani', sector: 'anziani',
      need: 'care', answer: 'case_opened', privacyNoticeGiven: true };
    // a case without a person
    const noPerson = await inj(coord, { method: 'POST', url: '/api/v1/social/contacts', payload: base });
    expect(noPerson.statusCode).toBe(422);
    expect(noPerson.headers['content-type']).toContain('application/problem+json');
    expect(noPerson.json().errors[0]).toMatchObject({ path: 'body.person' });
    expect(noPerson.json().detail).toMatch(/serve la persona .*\(a case needs the person\)/);
    // a person living outside the district
    const outside = await inj(coord, { method: 'POST', url: '/api/v1/social/contacts', payload: { ...base,
      person: { fiscalCode: fakeFiscalCode(), givenName: 'Ada', familyName: 'Fuori', comuneId: '00000000-0000-4000-8000-000000000001' } } });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors.map((e: { path: string }) => e.path)).toContain('body.person.comuneId');
    // an unknown person id
    const unknown = await inj(coord, { method: 'POST', url: '/api/v1/social/contacts', payload: { ...base, personId: '00000000-0000-4000-8000-000000000002' } });
    expect(unknown.statusCode).toBe(422);
    // a referral without where to
    const referral = await inj(coord, { method: 'POST', url: '/api/v1/social/contacts', payload: { ...base, answer: 'referral' } });
    expect(referral.statusCode).toBe(422);
    // unknown fields and bad values are refused by the schema
    const extra = await inj(coord, { method: 'POST', url: '/api/v1/social/contacts', payload: { ...base, answer: 'information', colour: 'blu' } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().detail).toMatch(/unknown field/);
    const badArea = await inj(coord, { method: 'POST', url: '/api/v1/social/contacts', payload: { ...base, answer: 'information', targetArea: 'astrologia' } });
    expect(badArea.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    // a contact that only gives information opens no case
    const info = await inj(coord, { method: 'POST', url: '/api/v1/social/contacts', payload: { ...base, answer: 'information', needText: null } });
    expect(info.statusCode, info.body).toBe(201);
    expect(info.json().caseId).toBeNull();
    expect(await counts()).toEqual([before[0]! + 1, before[1], before[2]]);
  });

  it('moves a case through take charge, close (with a reason), reopen and take charge again, each step in the history', async () => {
    const url = `/api/v1/social/cases/${giuliaCase}/transitions`;
    const taken = await inj(coord, { method: 'POST', url: `${url}/take_charge`, payload: { note: 'Progetto concordato' } });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'in_charge', inChargeOn: today() });
    const noReason = await inj(coord, { method: 'POST', url: `${url}/close`, payload: {} });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors[0].path).toBe('body.closeReason');
    const again = await inj(coord, { method: 'POST', url: `${url}/take_charge`, payload: {} });
    expect(again.statusCode).toBe(409);
    const closed = await inj(coord, { method: 'POST', url: `${url}/close`, payload: { closeReason: 'goals_reached', note: 'Situazione risolta' } });
    expect(closed.json()).toMatchObject({ status: 'closed', closeReason: 'goals_reached', closeNote: 'Situazione risolta', closedOn: today(), alerts: [] });
    const reopened = await inj(coord, { method: 'POST', url: `${url}/reopen`, payload: { note: 'Nuova segnalazione della scuola' } });
    expect(reopened.json()).toMatchObject({ status: 'reopened', closeReason: null, closedOn: null });
    const back = await inj(coord, { method: 'POST', url: `${url}/take_charge`, payload: {} });
    expect(back.json().status).toBe('in_charge');
    const history = (await inj(coord, { url: `/api/v1/social/cases/${giuliaCase}/history` })).json().items as { kind: string; fromStatus: string | null; toStatus: string | null; note: string | null }[];
    expect(history.filter((h) => h.toStatus).map((h) => [h.kind, h.fromStatus, h.toStatus])).toEqual([
      ['opened', null, 'open'], ['take_charge', 'open', 'in_charge'], ['close', 'in_charge', 'closed'], ['reopen', 'closed', 'reopened'], ['take_charge', 'reopened', 'in_charge'],
    ]);
    expect(history.find((h) => h.kind === 'close')!.note).toContain('Obiettivi del progetto raggiunti');
  });

  it('keeps professionals, household and ISEE, and writes each change in the history', async () => {
    const second = w.operatorId('Second');
    const r = await inj(coord, { method: 'PATCH', url: `/api/v1/social/cases/${giuliaCase}`, payload: {
      household: [{ relation: 'figlio', name: 'Sofia Colombo', birthYear: 2015 }, { relation: 'figlio', name: 'Tommaso Colombo', birthYear: 2018 }],
      isee: { dsuProtocol: 'INPS-ISEE-2026-00001', dsuYear: 2026, dsuDate: '2026-01-15', valueCents: 812_000, validUntil: '2026-12-31' },
      workers: [{ operatorId: w.operatorId('Coord'), role: 'case_manager' }, { operatorId: second, role: 'educator' }],
    } });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json() as CaseDetail;
    expect(d.household).toHaveLength(2);
    expect(d.isee).toMatchObject({ valueCents: 812_000 });
    expect(d.workers.map((x) => [x.name, x.role])).toEqual(expect.arrayContaining([['AS Coord', 'case_manager'], ['AS Second', 'educator']]));
    // someone who is not a social worker of the district cannot be named
    const bad = await inj(coord, { method: 'PATCH', url: `/api/v1/social/cases/${giuliaCase}`, payload: { workers: [{ operatorId: '00000000-0000-4000-8000-000000000003', role: 'other' }] } });
    expect(bad.statusCode).toBe(422);
    const history = (await inj(coord, { url: `/api/v1/social/cases/${giuliaCase}/history` })).json().items as { kind: string; note: string }[];
    expect(history.filter((h) => h.kind === 'updated').at(-1)!.note).toMatch(/nucleo familiare.*ISEE.*professionisti/);
  });

  it('keeps a dated diary', async () => {
    const add = await inj(coord, { method: 'POST', url: `/api/v1/social/cases/${giuliaCase}/diary`, payload: { kind: 'home_visit', occurredOn: today(), text: 'Visita: casa in ordine, bambini sereni' } });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({ kind: 'home_visit', reserved: false, author: 'AS Coord', text: 'Visita: casa in ordine, bambini sereni' });
    const future = await inj(coord, { method: 'POST', url: `/api/v1/social/cases/${giuliaCase}/diary`, payload: { kind: 'note', occurredOn: addDays(today(), 3), text: 'x' } });
    expect(future.statusCode).toBe(422);
    const list = (await inj(coord, { url: `/api/v1/social/cases/${giuliaCase}/diary` })).json().items;
    expect(list.map((e: { text: string }) => e.text)).toContain('Visita: casa in ordine, bambini sereni');
  });

  it('keeps interventions with dates, amounts and shares, and flags a change after an export', async () => {
    const add = await inj(coord, { method: 'POST', url: `/api/v1/social/cases/${giuliaCase}/interventions`, payload: {
      code: 'D1.01', status: 'authorised', requestedOn: addDays(today(), -20), authorisedOn: addDays(today(), -10), startOn: addDays(today(), -5),
      endOn: addDays(today(), 20), requestProtocol: '2026/1234', meansTest: '4', periodicity: '1', hoursMonthly: 24, monthlyAmountCents: 48_000,
      shareBodyCents: 40_000, shareUserCents: 3_000, shareHealthCents: 5_000,
    } });
    expect(add.statusCode, add.body).toBe(201);
    const i = add.json() as Intervention;
    expect(i).toMatchObject({ name: 'Assistenza educativa domiciliare per minori (ADM)', shareBodyCents: 40_000, shareUserCents: 3_000, shareHealthCents: 5_000,
      exportedAt: null, changedSinceExport: false });
    // ends within 30 days: the case carries the alert and the filter finds it
    const listed = (await inj(coord, { url: '/api/v1/social/cases?alert=intervention_expiring' })).json().items as CaseSummary[];
    expect(listed.find((c) => c.id === giuliaCase)!.alerts.map((a) => a.kind)).toContain('intervention_expiring');
    // a wrong order of dates, an unknown benefit
    expect((await inj(coord, { method: 'PATCH', url: `/api/v1/social/cases/${giuliaCase}/interventions/${i.id}`, payload: { endOn: addDays(today(), -30) } })).statusCode).toBe(422);
    expect((await inj(coord, { method: 'POST', url: `/api/v1/social/cases/${giuliaCase}/interventions`, payload: {
      code: 'Z9.99', requestedOn: today(), meansTest: '4', periodicity: '1' } })).statusCode).toBe(422);
    // the export marks it sent with its snapshot
    await inScope(t.database.db, { platform: true }, async (trx) => {
      const row = await trx.selectFrom('social_interventions').selectAll().where('id', '=', i.id).executeTakeFirstOrThrow();
      await trx.updateTable('social_interventions').set({ exported_at: new Date(), exported_snapshot: JSON.stringify(psaSnapshot(row)) }).where('id', '=', i.id).execute();
    });
    const path = `/api/v1/social/cases/${giuliaCase}/interventions/${i.id}`;
    const note = await inj(coord, { method: 'PATCH', url: path, payload: { note: 'Educatrice cambiata' } });
    expect(note.json()).toMatchObject({ note: 'Educatrice cambiata', changedSinceExport: false });
    expect(note.json().exportedAt).toBeTruthy();
    const amount = await inj(coord, { method: 'PATCH', url: path, payload: { shareUserCents: 4_000 } });
    expect(amount.json()).toMatchObject({ shareUserCents: 4_000, changedSinceExport: true });
    const back = await inj(coord, { method: 'PATCH', url: path, payload: { shareUserCents: 3_000 } });
    expect(back.json().changedSinceExport).toBe(false);
    const detail = (await inj(coord, { url: `/api/v1/social/cases/${giuliaCase}` })).json() as CaseDetail;
    expect(detail.interventions.map((x) => x.id)).toContain(i.id);
  });

  it('lists cases with search and filters, and the review-due alert', async () => {
    const byCode = (await inj(coord, { url: `/api/v1/social/cases?q=${giulia.fiscalCode}` })).json().items as CaseSummary[];
    expect(byCode.map((c) => c.id)).toContain(giuliaCase);
    expect(byCode.every((c) => c.person.fiscalCode === giulia.fiscalCode)).toBe(true);
    const byName = (await inj(coord, { url: '/api/v1/social/cases?q=ferrari' })).json().items as CaseSummary[];
    expect(byName.map((c) => c.id)).toContain(giuliaCase);
    const due = (await inj(coord, { url: '/api/v1/social/cases?alert=review_due' })).json().items as CaseSummary[];
    expect(due.map((c) => c.id)).toContain(giuliaCase);
    await inj(coord, { method: 'PATCH', url: `/api/v1/social/cases/${giuliaCase}`, payload: { nextReviewOn: addDays(today(), 60) } });
    const later = (await inj(coord, { url: '/api/v1/social/cases?alert=review_due' })).json().items as CaseSummary[];
    expect(later.map((c) => c.id)).not.toContain(giuliaCase);
    const poverty = (await inj(coord, { url: `/api/v1/social/cases?targetArea=adulti_poverta&comuneId=${w.valdoro}&limit=2` })).json();
    expect(poverty.items).toHaveLength(2);
    expect(poverty.items.every((c: CaseSummary) => c.targetArea === 'adulti_poverta' && c.comuneId === w.valdoro)).toBe(true);
    expect(poverty.nextCursor).toBeTruthy();
    const next = (await inj(coord, { url: `/api/v1/social/cases?targetArea=adulti_poverta&comuneId=${w.valdoro}&limit=2&cursor=${poverty.nextCursor}` })).json();
    expect(next.items.map((c: CaseSummary) => c.id)).not.toContain(poverty.items[0].id);
    expect((await inj(coord, { url: '/api/v1/social/cases?cursor=nonsense' })).statusCode).toBe(400);
    const contacts = (await inj(coord, { url: `/api/v1/social/contacts?comuneId=${w.castelrocca}&from=${today()}` })).json().items as FirstContact[];
    expect(contacts.some((c) => c.caseId === giuliaCase)).toBe(true);
    const persons = (await inj(coord, { url: '/api/v1/social/persons?q=ferr' })).json().items;
    expect(persons.find((p: SocialPerson) => p.fiscalCode === giulia.fiscalCode)!.cases).toEqual(expect.arrayContaining([expect.objectContaining({ id: giuliaCase })]));
  });

  it('puts every opening of the case in the person’s access log, and hides it while the case is withheld by law', async () => {
    const log = async () => (await t.app.inject(as(citizen, { url: '/api/v1/me/access-log?limit=100' }))).json().items as AccessLogEntry[];
    const openings = async () => (await log()).filter((e) => e.object.id === giuliaCase && e.operation === 'view');
    const before = (await openings()).length;
    expect((await inj(coord, { url: `/api/v1/social/cases/${giuliaCase}` })).statusCode).toBe(200);
    const seen = await openings();
    expect(seen).toHaveLength(before + 1);
    // the Ambito names the office, not its staff (tenants.access_log_names_operators)
    expect(seen[0]).toMatchObject({ who: { kind: 'operator' }, office: 'Servizio sociale', object: { type: 'social_case' }, legalBasis: LEGAL_BASIS.socialServices, hidden: null });
    // a court's child-protection proceeding: the case is withheld from her
    const withheld = await inj(coord, { method: 'PATCH', url: `/api/v1/social/cases/${giuliaCase}`,
      payload: { withheldFromSubject: true, withheldReason: 'Decreto del Tribunale per i minorenni' } });
    expect(withheld.statusCode, withheld.body).toBe(200);
    expect((await inj(coord, { url: `/api/v1/social/cases/${giuliaCase}` })).statusCode).toBe(200);
    // the openings before the withholding are hidden from her too, not only the ones after
    expect(await openings()).toHaveLength(0);
    const hidden = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').select(['hidden_until', 'hidden_reason'])
      .where('object_id', '=', giuliaCase).where('operation', '=', 'view').orderBy('at', 'desc').limit(1).executeTakeFirstOrThrow());
    expect(hidden.hidden_until!.toISOString().slice(0, 10)).toBe('9999-12-31');
    expect(hidden.hidden_reason).toBe('procedimento a tutela di minore: art. 23 GDPR, legge 184/1983');
    // withholding needs a reason
    const open = await openCase(t, coord, { comuneId: w.castelrocca, targetArea: 'famiglie_minori', sector: 'tutela_minori', fiscalCode: fakeFiscalCode() });
    const noReason = await inj(coord, { method: 'PATCH', url: `/api/v1/social/cases/${open.caseId}`, payload: { withheldFromSubject: true } });
    expect(noReason.statusCode).toBe(422);
  });

  it('reopens a case closed before it was taken in charge as open, and keeps a long closing note', async () => {
    const c = await openCase(t, coord, { comuneId: w.castelrocca, targetArea: 'anziani', sector: 'anziani', fiscalCode: fakeFiscalCode() });
    const url = `/api/v1/social/cases/${c.caseId}/transitions`;
    const closed = await inj(coord, { method: 'POST', url: `${url}/close`, payload: { closeReason: 'other', note: 'n'.repeat(1000) } });
    expect(closed.statusCode, closed.body).toBe(200);
    const reopened = await inj(coord, { method: 'POST', url: `${url}/reopen`, payload: { note: 'r'.repeat(1000) } });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', inChargeOn: null });
    const history = (await inj(coord, { url: `/api/v1/social/cases/${c.caseId}/history` })).json().items as { kind: string; note: string | null }[];
    expect(history.find((h) => h.kind === 'close')!.note!.length).toBeLessThanOrEqual(1000);
  });

  it('refuses a new person with a blank name, and creates one person for two first contacts at once', async () => {
    const base = { comuneId: w.castelrocca, contactOn: today(), channel: 'phone', requesterKind: 'self', targetArea: 'anziani', sector: 'anziani',
      need: 'care', answer: 'information', privacyNoticeGiven: true };
    const blank = await inj(coord, { method: 'POST', url: '/api/v1/social/contacts', payload: { ...base,
      person: { fiscalCode: fakeFiscalCode(), givenName: '   ', familyName: 'Rossi', comuneId: w.castelrocca } } });
    expect(blank.statusCode, blank.body).toBe(422);
    expect(blank.json().errors.map((e: { path: string }) => e.path)).toContain('body.person.givenName');
    const code = fakeFiscalCode();
    const person = { fiscalCode: code, givenName: 'Nuova', familyName: 'Persona', comuneId: w.castelrocca };
    const both = await Promise.all([0, 1].map(() => inj(coord, { method: 'POST', url: '/api/v1/social/contacts', payload: { ...base, person } })));
    expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(both[0]!.json().contact.person.id).toBe(both[1]!.json().contact.person.id);
  });
});
