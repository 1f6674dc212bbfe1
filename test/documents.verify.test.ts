import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';

/**
 * The public verification of a document (GET /api/v1/verifications/{code}): anyone holding a receipt, with no
 * login, learns that the body issued it and for which application and protocol, never who the people are.
 */

const FILER = { name: 'Ngozi Đorđević', fiscalCode: 'DRDNGZ85T52Z148X' };
const SUBJECT = { name: 'Ōtani Đorđević', fiscalCode: 'DRDTNO15A01Z148Y' };
const RECEIPT_CODE = 'K7QM-4ZPA-X9TD';
const RESPONSE_CODE = 'HW3R-8MNC-2YEB';
const RECEIPT_SHA = 'a'.repeat(8) + 'b'.repeat(56);

describe('public verification of documents', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let tenant: { id: string; name: string; fiscal_code: string };
  let service: { id: string; title: string; current_version: number };

  beforeAll(async () => {
    // a body and one published service of its own, written directly: this file needs nothing of the demo
    t = await testApp();
    await inScope(t.database.db, { platform: true }, async (trx) => {
      tenant = await trx.insertInto('tenants').values({
        slug: 'comune-di-verifica', name: "Comune di Sant'Orsola", type: 'comune', fiscal_code: '00123450167', ipa_code: 'c_v001', aoo_code: 'c_v001',
      }).returning(['id', 'name', 'fiscal_code']).executeTakeFirstOrThrow();
      service = await trx.insertInto('services').values({
        tenant_id: tenant.id, slug: 'cambio-di-residenza', current_version: 2, title: 'Cambio di residenza', short_description: 'Trasferisci la residenza',
        category: 'anagrafe', life_events: [], audiences: ['citizens'], online: true, status: 'active', max_days: 45, published_at: new Date('2026-01-10T08:00:00Z'),
        search_document: sql`to_tsvector('simple', 'cambio residenza')`, title_document: sql`to_tsvector('simple', 'cambio residenza')`,
      }).returning(['id', 'title', 'current_version']).executeTakeFirstOrThrow();
      for (const version of [1, 2]) {
        await trx.insertInto('service_versions').values({
          tenant_id: tenant.id, service_id: service.id, version, card: JSON.stringify({ title: 'Cambio di residenza' }), published_by: 'test',
        }).execute();
      }
      const citizen = await trx.insertInto('citizens')
        .values({ fiscal_code: FILER.fiscalCode, given_name: 'Ngozi', family_name: 'Đorđević', email: 'ngozi@example.org' })
        .returning('id').executeTakeFirstOrThrow();
      const application = await trx.insertInto('applications').values({
        tenant_id: tenant.id,
        code: 'CR-2026-7KQ4M2',
        service_id: service.id,
        service_version: 1, // pinned when the draft began; the page shows the service's current title
        citizen_id: citizen.id,
        filer_name: FILER.name,
        subject_kind: 'minor',
        subject_ref: citizen.id,
        subject_fiscal_code: SUBJECT.fiscalCode,
        subject_name: SUBJECT.name,
        status: 'registered',
        data: JSON.stringify({ richiedente: { nome: 'Ngozi', cognome: 'Đorđević', codiceFiscale: FILER.fiscalCode } }),
        auth_method: 'spid',
        auth_level: 'SpidL2',
        submitted_at: new Date('2026-11-23T13:05:12Z'),
        max_days: 30,
        due_date: '2026-12-23',
        protocol_year: 2026,
        protocol_number: 42,
        registered_at: new Date('2026-11-23T13:05:14Z'),
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('application_documents').values([
        {
          tenant_id: tenant.id, application_id: application.id, kind: 'receipt', title: 'Ricevuta di presentazione della domanda',
          file_name: 'ricevuta-CR-2026-7KQ4M2.pdf', sha256: RECEIPT_SHA, size: 30_170, verification_code: RECEIPT_CODE,
          created_at: new Date('2026-11-23T13:05:15Z'),
        },
        {
          tenant_id: tenant.id, application_id: application.id, kind: 'response', title: 'Provvedimento',
          file_name: 'provvedimento.pdf', sha256: 'c'.repeat(64), size: 12_000, verification_code: RESPONSE_CODE,
          created_at: new Date('2026-11-30T09:00:00Z'), revoked_at: new Date('2026-12-01T10:00:00Z'),
        },
      ]).execute();
    });
  });
  afterAll(() => t.close());

  const verify = (code: string) => t.app.inject({ url: `/api/v1/verifications/${code}` });

  it('confirms a receipt with what it says about itself, without a login', async () => {
    const r = await verify(RECEIPT_CODE);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      code: RECEIPT_CODE,
      valid: true,
      kind: 'receipt',
      tenant: { name: tenant.name, fiscalCode: tenant.fiscal_code },
      service: { title: service.title },
      applicationCode: 'CR-2026-7KQ4M2',
      submittedAt: '2026-11-23T13:05:12.000Z',
      protocol: { number: '0000042', year: 2026, registeredAt: '2026-11-23T13:05:14.000Z' },
      issuedAt: '2026-11-23T13:05:15.000Z',
      sha256: RECEIPT_SHA,
      revokedAt: null,
    });
  });

  it('shows no name or fiscal code of the people involved', async () => {
    const body = (await verify(RECEIPT_CODE)).body;
    for (const secret of [FILER.name, FILER.fiscalCode, SUBJECT.name, SUBJECT.fiscalCode, 'Ngozi', 'Đorđević', 'ngozi@example.org']) {
      expect(body).not.toContain(secret);
    }
  });

  it('reads the code as typed on a phone: lower case, without dashes', async () => {
    for (const typed of ['k7qm-4zpa-x9td', 'K7QM4ZPAX9TD', 'k7qm4zpax9td']) {
      const r = await verify(typed);
      expect(r.statusCode, typed).toBe(200);
      expect(r.json().code).toBe(RECEIPT_CODE);
    }
  });

  it('answers 404 problem+json, always the same, for a code nobody issued or that is not even a code', async () => {
    const answers = await Promise.all(['ZZZZ-ZZZZ-ZZZZ', 'ABCD', 'K7QM-4ZPA-X9TE', 'not%20a%20code!'].map(verify));
    for (const r of answers) {
      expect(r.statusCode).toBe(404);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json()).toMatchObject({ status: 404, title: 'Codice non valido' });
      // nothing of what was asked comes back: the answer is the same whatever the code
      expect(r.body).toBe(answers[0]!.body);
    }
  });

  it('says a revoked document is no longer valid, and since when', async () => {
    const r = await verify(RESPONSE_CODE);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ code: RESPONSE_CODE, kind: 'response', valid: false, revokedAt: '2026-12-01T10:00:00.000Z', sha256: 'c'.repeat(64) });
  });

  it('is described in the OpenAPI document as a public operation', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const op = doc.paths['/verifications/{code}'].get;
    expect(op.operationId).toBe('readVerification');
    expect(op.security ?? []).toEqual([]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
  });
});
