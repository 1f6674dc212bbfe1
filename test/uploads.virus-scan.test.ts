/**
 * Uploads pass ClamAV before anything else: the EICAR test file, alone or hidden in a PDF, is refused with a clear
 * message as an application attachment, a message attachment and a delegation document; nothing of it is stored,
 * and the audit log records the refusal without the file's name. A clean PDF goes through. ClamAV is the real
 * `clamscan` with a signature database the test writes (test/support/eicar.ts); CI must have clamscan installed.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegistryCommand } from '../src/cli/import-registry.ts';
import { importServicesCommand } from '../src/cli/import-services.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, type TestSession } from './support/auth.ts';
import { clamscanOrSkip, eicar, eicarDatabase, EICAR_SIGNATURE, emptyDatabase } from './support/eicar.ts';
import { createFormService, fileTestApplication, PDF, VALID_ANSWERS } from './support/forms.ts';
import { citizenLogin } from './support/oidc-browser.ts';

const ORIGIN = 'http://localhost:3000';
const binary = clamscanOrSkip();

/** A multipart/form-data body of text fields and files. */
function form(fields: Record<string, string>, files: { field: string; name: string; content: Buffer; type?: string }[]) {
  const boundary = '----sportello-virus-scan-test';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/pdf'}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Every file under a directory, read whole. */
async function filesUnder(dir: string): Promise<Buffer[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name))));
}

const message = (name: string) => new RegExp(`^Il file «${name.replace(/[.]/g, '\\.')}» contiene un virus \\(${EICAR_SIGNATURE}[^)]*\\) ed è stato rifiutato\\. \\(The file contains a virus and was refused\\.\\)$`);
const infectedPdf = () => Buffer.concat([PDF('modulo compilato'), eicar(), Buffer.from('\n%%EOF\n')]);

describe.skipIf(!binary)('uploads scanned by ClamAV', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let dataDir: string;
  let database: string;
  let giulia: TestSession;
  let giuliaId: string;
  let service: string;

  beforeAll(async () => {
    database = await eicarDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-test-virus-'));
    t = await testApp({ demo: true, env: { CLAMAV_DATABASE: database }, config: { dataDir } });
    service = await createFormService(t.ctx, 'comune-di-castelrocca');
    giulia = (await citizenLogin(t.app, ORIGIN, 'giulia-ferrari')).browser.session();
    giuliaId = (await t.app.inject(as(giulia, { url: '/api/v1/me' }))).json().id;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(database, { recursive: true, force: true });
  });

  // the citizen's draft of the service (a second call resumes the same one)
  const draft = async () => {
    const r = await t.app.inject(as(giulia, { method: 'POST', url: '/api/v1/applications', payload: { serviceId: service } }));
    expect([200, 201], r.body).toContain(r.statusCode);
    const id = r.json().id as string;
    await t.app.inject(as(giulia, { method: 'PATCH', url: `/api/v1/applications/${id}`, payload: { data: VALID_ANSWERS } }));
    return id;
  };
  const attach = (id: string, name: string, content: Buffer) => {
    const body = form({ requirementId: 'documento' }, [{ field: 'file', name, content }]);
    return t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/attachments`, payload: body.payload, headers: body.headers }));
  };
  const attachments = async (id: string) => (await t.app.inject(as(giulia, { url: `/api/v1/applications/${id}` }))).json().attachments as { fileName: string }[];
  const stored = async () => (await filesUnder(path.join(dataDir, 'files'))).filter((f) => f.includes(eicar()));
  const infectedEntries = () => inScope(t.database.db, { platform: true }, (trx) =>
    trx.selectFrom('audit_log').selectAll().where('action', '=', 'upload.infected').orderBy('seq').execute());

  it('refuses EICAR as an application attachment with a clear message, stores nothing and records it in the audit log', async () => {
    const id = await draft();
    const r = await attach(id, 'carta-identita.pdf', eicar());
    expect(r.statusCode, r.body).toBe(422);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = r.json();
    // a virus, not "not a PDF": the antivirus looks before the type check
    expect(problem.detail).toMatch(message('carta-identita.pdf'));
    expect(problem.errors).toEqual([{ path: 'file', message: problem.detail }]);
    expect(await attachments(id)).toEqual([]);
    expect(await stored()).toEqual([]);
    const entries = await infectedEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ tenant_id: null, actor: `citizen:${giuliaId}`, target: `application:${id}` });
    expect(entries[0]!.details).toMatchObject({ channel: 'application.attachment', size: 68, sha256: createHash('sha256').update(eicar()).digest('hex') });
    expect(String((entries[0]!.details as { signature: string }).signature)).toMatch(new RegExp(`^${EICAR_SIGNATURE}`));
    expect(JSON.stringify(entries[0])).not.toContain('carta-identita');
  });

  it('finds EICAR inside a real-looking PDF, which the type check alone would let through, and takes a clean PDF', async () => {
    const id = await draft();
    const refused = await attach(id, 'modulo.pdf', infectedPdf());
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().detail).toMatch(message('modulo.pdf'));
    const clean = await attach(id, 'documento.pdf', PDF('carta di identità'));
    expect(clean.statusCode, clean.body).toBe(201);
    expect((await attachments(id)).map((a) => a.fileName)).toEqual(['documento.pdf']);
    expect(await stored()).toEqual([]);
  });

  it('refuses EICAR as a message attachment: the message is not written, a clean one is', async () => {
    const id = await fileTestApplication(t.app, t.ctx, giulia, service);
    const thread = async () => (await t.app.inject(as(giulia, { url: `/api/v1/applications/${id}/messages` }))).json().items as { body: string }[];
    const before = (await thread()).length;
    const infected = form({ body: 'Allego la ricevuta del bonifico.' }, [{ field: 'files', name: 'ricevuta.pdf', content: PDF('ricevuta') }, { field: 'files', name: 'bonifico.pdf', content: infectedPdf() }]);
    const r = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/messages`, payload: infected.payload, headers: infected.headers }));
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().detail).toMatch(message('bonifico.pdf'));
    expect(r.json().errors[0].path).toBe('files');
    expect(await thread()).toHaveLength(before);
    expect(await stored()).toEqual([]);
    expect((await infectedEntries()).at(-1)).toMatchObject({ actor: `citizen:${giuliaId}`, target: `application:${id}`, details: { channel: 'message.attachment' } });

    const clean = form({ body: 'Allego la ricevuta del bonifico.' }, [{ field: 'files', name: 'ricevuta.pdf', content: PDF('ricevuta') }]);
    const ok = await t.app.inject(as(giulia, { method: 'POST', url: `/api/v1/applications/${id}/messages`, payload: clean.payload, headers: clean.headers }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await thread()).toHaveLength(before + 1);
  });

  it('refuses EICAR as the document of a delegation: no delegation is recorded', async () => {
    const luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    const client = await inScope(t.database.db, { platform: true }, (trx) =>
      trx.selectFrom('registry_people').select(['fiscal_code', 'given_name', 'family_name']).where('given_name', '=', 'Paolo').where('family_name', '=', 'Rinaldi').executeTakeFirstOrThrow());
    const body = form({
      delegatorFiscalCode: client.fiscal_code, delegatorGivenName: client.given_name, delegatorFamilyName: client.family_name,
      purpose: 'Pratica edilizia', validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    }, [{ field: 'document', name: 'delega.pdf', content: infectedPdf() }]);
    const r = await t.app.inject(as(luca, { method: 'POST', url: '/api/v1/me/delegations', payload: body.payload, headers: { ...body.headers, 'idempotency-key': 'delega-virus-0001' } }));
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().detail).toMatch(message('delega.pdf'));
    expect((await t.app.inject(as(luca, { url: '/api/v1/me/delegations' }))).json().items).toEqual([]);
    expect(await stored()).toEqual([]);
  });

  it('refuses an infected file given to `import services` and `import registry`, before reading a row', async () => {
    const file = path.join(dataDir, 'servizi.csv');
    await writeFile(file, Buffer.concat([Buffer.from('slug;titolo\n'), eicar(), Buffer.from('\n')]));
    const text = () => {
      let written = '';
      return { stream: new Writable({ write: (chunk, _enc, done) => { written += String(chunk); done(); } }), text: () => written };
    };
    const out = text();
    const err = text();
    expect(await importServicesCommand(t.ctx, file, { tenant: 'comune-di-castelrocca' }, { out: out.stream, err: err.stream })).toBe(false);
    expect(out.text()).toMatch(/Il file «servizi\.csv» contiene un virus \(Eicar-Test-Signature[^)]*\) ed è stato rifiutato/);
    const registryOut = text();
    const registryErr = text();
    expect(await importRegistryCommand(t.ctx, file, { tenant: 'comune-di-castelrocca' }, { out: registryOut.stream, err: registryErr.stream })).toBe(1);
    expect(registryErr.text()).toMatch(/^Errore: Il file «servizi\.csv» contiene un virus/);
    const entries = await infectedEntries();
    expect(entries.slice(-2).map((e) => [e.actor, (e.details as { channel: string }).channel])).toEqual([['cli', 'services.import'], ['cli', 'registry.import']]);
  });
});

describe.skipIf(!binary)('ClamAV without signatures, when the antivirus is required', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let database: string;
  let dataDir: string;

  beforeAll(async () => {
    database = await emptyDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-test-virus-'));
    t = await testApp({ env: { CLAMAV_DATABASE: database, CLAMAV_REQUIRED: 'true' }, config: { dataDir } });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(database, { recursive: true, force: true });
  });

  it('refuses the upload with 503 rather than take a file it could not scan (fail closed)', async () => {
    const luca = (await citizenLogin(t.app, ORIGIN, 'luca-moretti')).browser.session();
    const body = form({
      delegatorFiscalCode: 'RNLPLA80A01D969Z', delegatorGivenName: 'Paolo', delegatorFamilyName: 'Rinaldi',
      purpose: 'Pratica edilizia', validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    }, [{ field: 'document', name: 'delega.pdf', content: PDF('delega') }]);
    const r = await t.app.inject(as(luca, { method: 'POST', url: '/api/v1/me/delegations', payload: body.payload, headers: body.headers }));
    expect(r.statusCode, r.body).toBe(503);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json().detail).toBe("L'antivirus non è disponibile e il file non è stato salvato: riprova più tardi. (The antivirus is unavailable, try again later.)");
    expect((await t.app.inject(as(luca, { url: '/api/v1/me/delegations' }))).json().items).toEqual([]);
  });
});
