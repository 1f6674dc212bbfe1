/**
 * "I miei certificati": a citizen downloads at once a certificate of residence, of family status or of registry
 * record (for themselves or a minor in their care), as a PDF signed by the body; anyone holding it checks it by its
 * code on the public verification, which shows what the certificate shows and nothing else; the citizen or the
 * body's registry office revokes it, and it then verifies as revoked. A code that verifies nothing — forged,
 * altered, malformed — always gets the same answer.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLogEntry } from '../src/contracts/myspace.ts';
import type { CertificateContent, CertificateVerificationView, CertificateView } from '../src/contracts/certificates.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo/operators.ts';
import { findTestIdentity } from '../src/server/modules/identity/test-idp/identities.ts';
import { LEGAL_BASIS } from '../src/server/platform/personal-data.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { clock } from '../src/server/platform/clock.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';
import { citizenLogin } from './support/oidc-browser.ts';
import { checkPdfSignature, firstPageQr, pdfsig, pdftotext } from './support/pdf-signature.ts';

const ORIGIN = 'http://localhost:3000';
const GIULIA = findTestIdentity('giulia-ferrari')!;
const MARCO = findTestIdentity('marco-colombo')!;

describe('"I miei certificati": certificates from the register, signed, verifiable and revocable', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let giulia: TestSession;
  let marco: TestSession; // Giulia's husband, on the same family sheet
  let luca: TestSession; // resident in no demo comune
  let sara: TestSession; // Valdoro, mother of Aurora
  let castelrocca: { id: string; name: string; fiscal_code: string };
  let sofia: { fiscalCode: string; name: string }; // Giulia and Marco's daughter, a minor
  const issued: Record<string, CertificateView> = {};

  let n = 0;
  const issue = (s: TestSession, payload: object, key = `certificato-${++n}-${Date.now()}`) =>
    t.app.inject(as(s, { method: 'POST', url: '/api/v1/me/certificates', payload, headers: { 'idempotency-key': key } }));
  const verify = (code: string) => t.app.inject({ url: `/api/v1/verifications/${code}` });
  const file = async (s: TestSession, id: string) => t.app.inject(as(s, { url: `/api/v1/me/certificates/${id}/file` }));

  beforeAll(async () => {
    t = await testApp({ demo: true, config: { dataDir: `/tmp/sportello-test-${process.pid}-certificates` } });
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    marco = (await citizenLogin(t.app, ORIGIN, 'marco-colombo')).browser.session();
    luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    sara = (await citizenLogin(t.app, ORIGIN, 'sara-villa')).browser.session();
    castelrocca = await t.ctx.services.tenants.get('comune-di-castelrocca');
    const minors = await t.ctx.services.registry.minorsInCareOf(GIULIA.fiscalCode);
    const found = minors.find((m) => m.name.startsWith('Sofia'))!;
    sofia = { fiscalCode: found.fiscalCode, name: found.name };
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('issues each kind at once, for the citizen, from the register of the comune where they live', async () => {
    for (const kind of ['residence', 'family', 'registry'] as const) {
      const r = await issue(giulia, { kind });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.headers['cache-control']).toBe('private, no-store');
      const c = r.json() as CertificateView;
      issued[kind] = c;
      expect(c).toMatchObject({
        kind, status: 'valid', revokedAt: null, revokedBy: null,
        tenant: { id: castelrocca.id, name: castelrocca.name },
        subject: { fiscalCode: GIULIA.fiscalCode, name: 'Giulia Ferrari', self: true },
      });
      expect(c.verificationCode).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      expect(c.verifyUrl).toBe(`${ORIGIN}/verify/${c.verificationCode}`);
      expect(c.file.name).toMatch(/^certificato-.+-ferrari-giulia-\d{4}-\d{2}-\d{2}\.pdf$/);
    }
    expect(issued.residence!.title).toBe('Certificato di residenza');
    expect(issued.family!.title).toBe('Certificato di stato di famiglia');
    expect(issued.registry!.title).toBe('Certificato anagrafico');
  });

  it('gives the stored PDF, the same bytes every time, with the SHA-256 the list shows', async () => {
    const c = issued.residence!;
    const a = await file(giulia, c.id);
    const b = await file(giulia, c.id);
    expect(a.statusCode).toBe(200);
    expect(a.headers['content-type']).toBe('application/pdf');
    expect(a.headers['cache-control']).toBe('private, no-store');
    expect(a.headers['content-disposition']).toContain(c.file.name);
    expect(a.rawPayload.equals(b.rawPayload)).toBe(true);
    expect(createHash('sha256').update(a.rawPayload).digest('hex')).toBe(c.file.sha256);
    expect(a.rawPayload.length).toBe(c.file.size);
  });

  it('is signed by the body (PAdES): the signature verifies with node-forge and with pdfsig', async () => {
    for (const c of Object.values(issued)) {
      const pdf = (await file(giulia, c.id)).rawPayload;
      const check = checkPdfSignature(pdf);
      expect(check).toMatchObject({
        subFilter: 'ETSI.CAdES.detached', coversWholeFile: true, digestMatches: true, signatureVerifies: true, certHashMatches: true,
        signerCommonName: castelrocca.name,
      });
      if (existsSync('/usr/bin/pdfsig')) {
        const out = await pdfsig(pdf);
        expect(out).toContain('Signature Validation: Signature is Valid.');
        expect(out).toContain(`Signer Certificate Common Name: ${castelrocca.name}`);
        expect(out).toContain('Signature Type: ETSI.CAdES.detached');
        expect(out).toContain('Total document signed');
      }
      // one changed byte of what was signed: the signature no longer holds
      const changed = Buffer.from(pdf);
      const at = changed.indexOf('/Location (') + '/Location ('.length;
      changed[at] = changed[at] === 0x58 ? 0x59 : 0x58;
      expect(checkPdfSignature(changed).digestMatches).toBe(false);
    }
  });

  it('prints the person, the body, the date, the code, what it may be used for, and a QR code of the verification address', async () => {
    const residence = (await file(giulia, issued.residence!.id)).rawPayload;
    const text = (await pdftotext(residence)).replace(/\s+/g, ' ');
    for (const s of ['Certificato di residenza', castelrocca.name, `Codice fiscale ${castelrocca.fiscal_code}`, 'Ferrari', 'Giulia', GIULIA.fiscalCode,
      issued.residence!.verificationCode, 'non può essere prodotto agli organi della pubblica amministrazione', 'imposta di bollo', 'Valido fino al']) {
      expect(text, s).toContain(s);
    }
    expect(await firstPageQr(residence)).toBe(issued.residence!.verifyUrl);

    // the family certificate lists everyone on the family sheet
    const family = (await pdftotext((await file(giulia, issued.family!.id)).rawPayload)).replace(/\s+/g, ' ');
    for (const s of ['Ferrari Giulia', 'Colombo Marco', 'Colombo Sofia', 'Colombo Tommaso', MARCO.fiscalCode, sofia.fiscalCode, 'coniuge', 'figlia', 'figlio']) {
      expect(family, s).toContain(s);
    }
    // the registry certificate: citizenship, residence
    const registry = (await pdftotext((await file(giulia, issued.registry!.id)).rawPayload)).replace(/\s+/g, ' ');
    for (const s of ['Certificato anagrafico', 'Cittadinanza', 'italiana', 'Indirizzo di residenza']) expect(registry, s).toContain(s);
  });

  it('verifies a valid certificate publicly, showing what it shows and nothing more', async () => {
    const c = issued.residence!;
    const r = await verify(c.verificationCode.toLowerCase().replace(/-/g, ''));
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as CertificateVerificationView;
    expect(v).toMatchObject({
      kind: 'certificate', code: c.verificationCode, valid: true, certificateKind: 'residence', title: 'Certificato di residenza',
      tenant: { name: castelrocca.name, fiscalCode: castelrocca.fiscal_code }, issuedAt: c.issuedAt, sha256: c.file.sha256, revokedAt: null,
    });
    const content = v.content as CertificateContent;
    expect(Object.keys(content).sort()).toEqual(['body', 'issuedOn', 'kind', 'person', 'residence', 'title', 'validUntil']);
    expect(content.person).toEqual({ givenName: 'Giulia', familyName: 'Ferrari', fiscalCode: GIULIA.fiscalCode, sex: 'F', birthDate: '1984-05-14', birthPlace: expect.any(String) });
    expect(Object.keys(content.residence)).toEqual(['address']);
    // nothing of the family, nothing the residence certificate does not print
    for (const other of [MARCO.fiscalCode, sofia.fiscalCode, 'Colombo', 'citizenship', 'civilStatus']) expect(r.body).not.toContain(other);

    const family = (await verify(issued.family!.verificationCode)).json() as CertificateVerificationView;
    expect(family.content!.family!.map((m) => `${m.givenName} ${m.familyName} · ${m.relation}`)).toEqual([
      'Giulia Ferrari · intestataria della scheda', 'Marco Colombo · coniuge', 'Sofia Colombo · figlia', 'Tommaso Colombo · figlio',
    ]);
    const registry = (await verify(issued.registry!.verificationCode)).json() as CertificateVerificationView;
    expect(registry.content!.person).toMatchObject({ citizenship: 'italiana' });
    expect(registry.content!.family).toBeUndefined();
  });

  it('verifies as expired, showing none of its data, once its six months have passed', async () => {
    const c = issued.residence!;
    const validUntil = (((await verify(c.verificationCode)).json()) as CertificateVerificationView).content!.validUntil;
    // to midday of today first: whole days added to a late-evening hour would cross midnight in Rome when
    // summer time starts in between
    clock.advanceDays((Date.parse(`${clock.today()}T11:00:00Z`) - clock.now().getTime()) / 86_400_000);
    // the day after its last day of validity (in Italy)
    const days = Math.round((Date.parse(`${validUntil}T12:00:00Z`) - Date.parse(`${clock.today()}T12:00:00Z`)) / 86_400_000) + 1;
    clock.advanceDays(days);
    try {
      const r = await verify(c.verificationCode);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ kind: 'certificate', valid: false, expiredOn: validUntil, revokedAt: null, content: null });
      expect(r.body).not.toContain(GIULIA.fiscalCode);
      expect(r.body).not.toContain('Ferrari');
      clock.advanceDays(-1);
      expect((await verify(c.verificationCode)).json()).toMatchObject({ valid: true, expiredOn: null });
    } finally {
      clock.reset();
    }
  });

  it('logs the system’s read of the register in the issuing transaction, for everyone the certificate shows', async () => {
    const rows = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').selectAll()
      .where('object_type', '=', 'certificate').where('operation', '=', 'certificate').execute());
    const residence = rows.filter((r) => r.object_id === issued.residence!.id);
    expect(residence).toHaveLength(1);
    expect(residence[0]).toMatchObject({
      tenant_id: castelrocca.id, subject_fiscal_code: GIULIA.fiscalCode, actor_kind: 'system', actor_id: null, legal_basis: LEGAL_BASIS.certificate,
    });
    expect(residence[0]!.purpose).toMatch(/che hai richiesto online/);
    // the family certificate read the whole sheet: one entry per member
    const family = rows.filter((r) => r.object_id === issued.family!.id).map((r) => r.subject_fiscal_code).sort();
    expect(family).toHaveLength(4);
    expect(family).toEqual(expect.arrayContaining([GIULIA.fiscalCode, MARCO.fiscalCode, sofia.fiscalCode]));
    // Giulia and Marco read these entries in "Chi ha consultato i miei dati"
    const mine = (await t.app.inject(as(giulia, { url: '/api/v1/me/access-log?limit=100' }))).json().items as AccessLogEntry[];
    const entry = mine.find((e) => e.object.id === issued.residence!.id && e.operation === 'certificate')!;
    expect(entry).toMatchObject({ who: { kind: 'system' }, body: { id: castelrocca.id }, legalBasis: LEGAL_BASIS.certificate, subject: { self: true } });
    const his = (await t.app.inject(as(marco, { url: '/api/v1/me/access-log?limit=100' }))).json().items as AccessLogEntry[];
    const read = his.find((e) => e.object.id === issued.family!.id && e.operation === 'certificate')!;
    expect(read.purpose).toMatch(/richiesto online da un familiare/);
  });

  it('logs a public verification of a valid certificate as a read of the data it shows, once a day per certificate', async () => {
    const c = issued.registry!;
    for (let i = 0; i < 3; i++) expect((await verify(c.verificationCode)).statusCode).toBe(200);
    const rows = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log').selectAll()
      .where('object_id', '=', c.id).where('operation', '=', 'certificate_verification').execute());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject_fiscal_code: GIULIA.fiscalCode, actor_kind: 'system' });
  });

  it('issues a certificate for a minor in the citizen’s care; anyone else does not exist for them', async () => {
    const r = await issue(giulia, { kind: 'residence', subjectFiscalCode: sofia.fiscalCode.toLowerCase() });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json() as CertificateView;
    expect(c.subject).toEqual({ fiscalCode: sofia.fiscalCode, name: sofia.name, self: false });
    const v = (await verify(c.verificationCode)).json() as CertificateVerificationView;
    expect(v.content!.person.fiscalCode).toBe(sofia.fiscalCode);
    expect(JSON.stringify(v)).not.toContain(GIULIA.fiscalCode);
    const text = await pdftotext((await file(giulia, c.id)).rawPayload);
    expect(text).toContain(sofia.fiscalCode);

    // her husband (an adult), another family's child, Giulia's own child asked by a stranger: 404, the same answer
    const aurora = (await t.ctx.services.registry.minorsInCareOf(findTestIdentity('sara-villa')!.fiscalCode))[0]!;
    const refusals = [
      await issue(giulia, { kind: 'residence', subjectFiscalCode: MARCO.fiscalCode }),
      await issue(giulia, { kind: 'family', subjectFiscalCode: aurora.fiscalCode }),
      await issue(sara, { kind: 'residence', subjectFiscalCode: sofia.fiscalCode }),
      await issue(giulia, { kind: 'residence', subjectFiscalCode: 'RSSMRA80A01H501U' }),
    ];
    for (const refused of refusals) {
      expect(refused.statusCode, refused.body).toBe(404);
      expect(refused.json()).toEqual(refusals[0]!.json());
    }
  });

  it('says plainly when no comune on Sportello holds the person’s registry record', async () => {
    const r = await issue(luca, { kind: 'residence' });
    expect(r.statusCode).toBe(409);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({ status: 409, title: 'Nessuna iscrizione anagrafica' });
    expect(r.json().detail).toMatch(/Nessun Comune presente su Sportello ha la tua iscrizione/);
  });

  it('returns the same certificate for a retried request with the same Idempotency-Key', async () => {
    const key = `ripetuta-${Date.now()}`;
    const first = await issue(sara, { kind: 'family' }, key);
    const again = await issue(sara, { kind: 'family' }, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const list = (await t.app.inject(as(sara, { url: '/api/v1/me/certificates' }))).json().items as CertificateView[];
    expect(list.filter((c) => c.kind === 'family')).toHaveLength(1);
    // the same key for another request is refused
    const other = await issue(sara, { kind: 'residence' }, key);
    expect(other.statusCode).toBe(409);
  });

  it('refuses unknown fields and kinds', async () => {
    expect((await issue(giulia, { kind: 'birth' })).statusCode).toBe(400);
    expect((await issue(giulia, { kind: 'residence', copies: 2 })).statusCode).toBe(400);
    expect((await issue(giulia, {})).statusCode).toBe(400);
  });

  it('lists the citizen’s certificates newest first, in pages; another citizen’s certificate does not exist for them', async () => {
    const first = (await t.app.inject(as(giulia, { url: '/api/v1/me/certificates?limit=2' }))).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const all: CertificateView[] = [...first.items];
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const page = (await t.app.inject(as(giulia, { url: `/api/v1/me/certificates?limit=2&cursor=${cursor}` }))).json();
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(all.length).toBe(4);
    expect(new Set(all.map((c) => c.id)).size).toBe(4);
    expect([...all].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)).map((c) => c.id)).toEqual(all.map((c) => c.id));
    expect((await t.app.inject(as(giulia, { url: '/api/v1/me/certificates?cursor=nonvalido' }))).statusCode).toBe(400);

    // Marco is on the family sheet, but did not ask for these: not in his list, not his to download or revoke
    const his = (await t.app.inject(as(marco, { url: '/api/v1/me/certificates' }))).json().items as CertificateView[];
    expect(his).toEqual([]);
    expect((await file(marco, issued.family!.id)).statusCode).toBe(404);
    const revoke = await t.app.inject(as(marco, { method: 'POST', url: `/api/v1/me/certificates/${issued.family!.id}/revoke`, payload: { reason: 'prova' } }));
    expect(revoke.statusCode).toBe(404);
    expect((await verify(issued.family!.verificationCode)).json().valid).toBe(true);
  });

  it('revokes a certificate at the citizen’s request: it then verifies as revoked, showing none of its data', async () => {
    const c = issued.residence!;
    const r = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/me/certificates/${c.id}/revoke`, payload: { reason: 'Smarrito' } }));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id: c.id, status: 'revoked', revokedBy: 'citizen', revokedReason: 'Smarrito' });
    const v = await verify(c.verificationCode);
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({ kind: 'certificate', code: c.verificationCode, valid: false, revokedAt: r.json().revokedAt, content: null, sha256: c.file.sha256 });
    expect(v.body).not.toContain(GIULIA.fiscalCode);
    // again: already revoked
    const twice = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/me/certificates/${c.id}/revoke`, payload: { reason: 'Smarrito' } }));
    expect(twice.statusCode).toBe(409);
    // the body's audit log has it
    const audit = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('audit_log').selectAll()
      .where('action', '=', 'certificate.revoked').where('target', '=', `certificate:${c.id}`).execute());
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ tenant_id: castelrocca.id, actor: expect.stringMatching(/^citizen:/) });
    expect(JSON.stringify(audit[0]!.details)).not.toContain(GIULIA.fiscalCode);
  });

  it('lets the body’s registry office and administrators revoke, by id or printed code; nobody else', async () => {
    const c = issued.registry!;
    const url = (id: string) => `/api/v1/certificates/${id}/revoke`;
    const tributi = await operatorLogin(t.app, 's.milesi@castelrocca.example', DEMO_PASSWORD);
    const valdoro = await operatorLogin(t.app, 'p.rinaldi@valdoro.example', DEMO_PASSWORD);
    const laura = await operatorLogin(t.app, 'l.brembilla@castelrocca.example', DEMO_PASSWORD);
    expect((await t.app.inject({ method: 'POST', url: url(c.id), payload: { reason: 'Dati variati' } })).statusCode).toBe(401);
    expect((await t.app.inject(as(giulia, { method: 'POST', url: url(c.id), payload: { reason: 'Dati variati' } }))).statusCode).toBe(404);
    expect((await t.app.inject(as(tributi, { method: 'POST', url: url(c.id), payload: { reason: 'Dati variati' } }))).statusCode).toBe(403);
    expect((await t.app.inject(as(valdoro, { method: 'POST', url: url(c.id), payload: { reason: 'Dati variati' } }))).statusCode).toBe(404);
    expect((await verify(c.verificationCode)).json().valid).toBe(true);

    const r = await t.app.inject(as(laura, { method: 'POST', url: url(c.verificationCode.toLowerCase()), payload: { reason: 'Dati variati' } }));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id: c.id, verificationCode: c.verificationCode, revokedBy: 'office', revokedReason: 'Dati variati', tenant: { id: castelrocca.id } });
    expect(r.body).not.toContain(GIULIA.fiscalCode);
    expect(r.body).not.toContain('Ferrari');
    expect((await verify(c.verificationCode)).json()).toMatchObject({ valid: false, content: null });
    const mine = (await t.app.inject(as(giulia, { url: '/api/v1/me/certificates' }))).json().items as CertificateView[];
    expect(mine.find((x) => x.id === c.id)).toMatchObject({ status: 'revoked', revokedBy: 'office', revokedReason: 'Dati variati' });

    // an administrator of the body, on another certificate
    const admin = await operatorLogin(t.app, 'admin@castelrocca.example', DEMO_PASSWORD);
    const other = (await issue(marco, { kind: 'residence' })).json() as CertificateView;
    expect((await t.app.inject(as(admin, { method: 'POST', url: url(other.id), payload: { reason: 'Rilasciato per errore' } }))).statusCode).toBe(200);
    const audit = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('audit_log').select(['tenant_id', 'actor'])
      .where('action', '=', 'certificate.revoked').where('target', 'in', [`certificate:${c.id}`, `certificate:${other.id}`]).execute());
    expect(audit.map((a) => a.actor.split(':')[0]).sort()).toEqual(['operator', 'operator']);
    expect(audit.every((a) => a.tenant_id === castelrocca.id)).toBe(true);
  });

  it('answers a forged, an altered and a malformed code in exactly the same way: not valid, no detail', async () => {
    const real = issued.family!.verificationCode;
    // one character changed: another letter of the alphabet in the same place
    const altered = `${real.slice(0, 5)}${real[5] === 'A' ? 'B' : 'A'}${real.slice(6)}`;
    const answers = await Promise.all(['ZZZZ-ZZZZ-ZZZZ', altered, 'not%20a%20code!', 'abc', '0000-0000-0000', `${real}-X`, 'K7QM-4ZPA-X9TD?extra=1', 'a'.repeat(80)].map(verify));
    for (const a of answers) {
      expect(a.statusCode, a.body).toBe(404);
      expect(a.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(a.body).toBe(answers[0]!.body);
    }
    expect(answers[0]!.json()).toEqual({
      type: 'about:blank', title: 'Codice non valido', status: 404,
      detail: 'Il codice di verifica non corrisponde a nessun documento valido. (This verification code does not match any valid document.)',
    });
    expect((await verify(real)).statusCode).toBe(200);
  });
});
