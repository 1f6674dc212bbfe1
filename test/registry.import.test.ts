/**
 * Loading a population register from a CSV export (`sportello import registry FILE --tenant SLUG`): the load in the
 * registry module, the command, and the demo's synthetic register, on a real database.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importRegistryCommand, ROWS_ON_SCREEN, type RegistryImportIo } from '../src/cli/import-registry.ts';
import { fiscalCode } from '../src/contracts/fiscal-code.ts';
import { openDatabase } from '../src/server/db/connection.ts';
import { DEMO_REGISTRY } from '../src/server/db/seed/demo/people.ts';
import { DEMO_SYNTHETIC_REGISTERS, seedDemoRegister } from '../src/server/db/seed/demo/register.ts';
import { syntheticRegister } from '../src/server/db/seed/demo/registry-synthetic.ts';
import { CASTELROCCA_SLUG, DEMO_TENANTS, VALDORO_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { upsertTenants } from '../src/server/db/seed/seed.ts';
import { REGISTRY_BATCH } from '../src/server/modules/registry/registry-import.service.ts';
import { REGISTRY_COLUMNS, registryCsv } from '../src/server/modules/registry/registry-import.rows.ts';
import { clock } from '../src/server/platform/clock.ts';
import { Problem } from '../src/server/platform/errors.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';

const run = promisify(execFile);
const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const GOOD = path.join(FIXTURES, 'registry-castelrocca.csv');
const BAD_ROWS = path.join(FIXTURES, 'registry-righe-errate.csv');
const WRONG_HEADER = path.join(FIXTURES, 'registry-intestazione-errata.csv');
const HEADER = REGISTRY_COLUMNS.join(';');

const code = (givenName: string, familyName: string, sex: 'M' | 'F', birthDate: string) => fiscalCode({ givenName, familyName, sex, birthDate, birthPlaceCode: 'A794' });
/** One row of a file with every column, ";" separated. */
const line = (p: { code: string; family: string; given: string; sex: 'M' | 'F'; birth: string; address: string; sheet: string; relation: string; civil?: string }) =>
  [p.code, p.family, p.given, p.sex, p.birth, 'Bergamo', 'italiana', p.civil ?? '', p.address, '', p.sheet, p.relation, '', ''].join(';');
const file = (...rows: string[]) => new TextEncoder().encode(`${HEADER}\n${rows.join('\n')}\n`);

/** Standard output and error of a command, kept. */
function captureIo(tty = false): RegistryImportIo & { out_: () => string; err_: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => new Writable({ write(chunk, _enc, done) { into.push(String(chunk)); done(); } });
  const errStream = Object.assign(sink(err), tty ? { isTTY: true, columns: 100 } : {});
  return { out: sink(out), err: errStream, out_: () => out.join(''), err_: () => err.join('') };
}

describe('sportello import registry', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let dir: string;
  const tenants: Record<string, string> = {};
  /** people in each body's register right after the demo seed */
  const seeded: Record<string, number> = {};

  const people = (tenantId: string) =>
    inScope(t.database.db, { tenantId }, (trx) => trx.selectFrom('registry_people').selectAll().where('tenant_id', '=', tenantId).execute());
  const person = (tenantId: string, fiscal: string) =>
    inScope(t.database.db, { tenantId }, (trx) => trx.selectFrom('registry_people').selectAll().where('tenant_id', '=', tenantId).where('fiscal_code', '=', fiscal).executeTakeFirst());
  const loads = (tenantId: string) =>
    inScope(t.database.db, { tenantId }, (trx) => trx.selectFrom('registry_imports').selectAll().where('tenant_id', '=', tenantId).orderBy('started_at').execute());
  const load = (tenantSlug: string, name: string, bytes: Uint8Array, more: { dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {}) =>
    t.ctx.services.registryImport.importFile({ tenantId: tenants[tenantSlug]!, fileName: name, bytes, actor: 'cli', ...more });

  beforeAll(async () => {
    t = await testApp({ demo: true });
    dir = await mkdtemp(path.join(tmpdir(), 'sportello-registry-'));
    // two bodies of their own for the big file and the command, so that no test reads another's people
    await upsertTenants(t.database.db, [
      { slug: 'comune-di-prova-carico', name: 'Comune di Prova Carico', type: 'comune', fiscalCode: '00000000001', ipaCode: 'c_pc01', aooCode: 'aoo_pc', offices: [] },
      { slug: 'comune-di-prova-comando', name: 'Comune di Prova Comando', type: 'comune', fiscalCode: '00000000002', ipaCode: 'c_pc02', aooCode: 'aoo_pc', offices: [] },
    ]);
    for (const slug of [CASTELROCCA_SLUG, VALDORO_SLUG, 'comune-di-prova-carico', 'comune-di-prova-comando']) {
      tenants[slug] = (await t.ctx.services.tenants.get(slug)).id;
      seeded[slug] = (await people(tenants[slug]!)).length;
    }
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('the demo register', () => {
    it('holds the families of the test identities as they were, and about 2,000 and 1,500 synthetic residents', async () => {
      for (const registry of DEMO_REGISTRY) {
        const synthetic = DEMO_SYNTHETIC_REGISTERS.find((r) => r.tenantSlug === registry.tenantSlug)!;
        expect(seeded[registry.tenantSlug]).toBe(registry.people.length + synthetic.people);
        const rows = new Map((await people(tenants[registry.tenantSlug]!)).map((r) => [r.fiscal_code, r]));
        for (const p of registry.people) {
          expect(rows.get(p.fiscalCode)).toMatchObject({
            given_name: p.givenName, family_name: p.familyName, sex: p.sex, birth_date: p.birthDate, birth_place: p.birthPlace,
            citizenship: p.citizenship, address: p.address, family_id: p.familyId, family_relation: p.familyRelation, import_id: null,
          });
        }
        // the synthetic people were not loaded from a file
        expect([...rows.values()].filter((r) => r.import_id !== null)).toEqual([]);
      }
      const giulia = DEMO_REGISTRY[0]!.people.find((p) => p.givenName === 'Giulia' && p.familyName === 'Ferrari')!;
      expect(await person(tenants[CASTELROCCA_SLUG]!, giulia.fiscalCode)).toMatchObject({ civil_status: 'coniugato', residence_since: '2012-06-15' });
      // the cards of the test identities come from their own seed; the other demo people have none
      const sofia = DEMO_REGISTRY[0]!.people.find((p) => p.givenName === 'Sofia' && p.familyName === 'Colombo')!;
      expect(await person(tenants[CASTELROCCA_SLUG]!, sofia.fiscalCode)).toMatchObject({ id_card_number: null, id_card_expires_on: null });
    });

    it('is made once: seeding again adds nobody and changes nothing', async () => {
      const before = await people(tenants[VALDORO_SLUG]!);
      expect(await seedDemoRegister(t.database.db, t.ctx.services)).toEqual({ synthetic: { [CASTELROCCA_SLUG]: 0, [VALDORO_SLUG]: 0 }, completed: 0 });
      expect(await people(tenants[VALDORO_SLUG]!)).toEqual(before);
    });
  });

  it('loads a good export with the register\'s values, records and audits the load; loading it again changes nothing', async () => {
    const castelrocca = tenants[CASTELROCCA_SLUG]!;
    const bytes = await readFile(GOOD);
    const before = (await people(castelrocca)).length;
    const loadsBefore = (await loads(castelrocca)).length;
    const first = await load(CASTELROCCA_SLUG, 'registry-castelrocca.csv', bytes);
    expect(first).toMatchObject({ rows: 6, loaded: 6, created: 6, updated: 0, unchanged: 0, rejected: [], ignoredColumns: [], batches: 1, dryRun: false });
    expect(await people(castelrocca)).toHaveLength(before + 6);

    const ornella = await person(castelrocca, 'CFSRLL64L70E507P');
    expect(ornella).toMatchObject({
      given_name: 'Ornella', family_name: 'Cefis', sex: 'F', birth_date: '1964-07-30', birth_place: 'Lecco', citizenship: 'italiana',
      civil_status: 'coniugato', address: 'Via dei Tigli 4, 24029 Castelrocca (BG)', residence_since: '1990-06-01', family_id: 'CR-5001',
      family_relation: 'coniuge', id_card_number: 'CA22222BB', id_card_expires_on: '2029-07-30', import_id: first.importId,
    });
    expect(await person(castelrocca, 'HNTKSN83B54Z138G')).toMatchObject({ citizenship: 'ucraina', civil_status: 'divorziato', family_relation: 'intestatario',
      address: 'Via Roma 40; interno 2, 24029 Castelrocca (BG)' });
    expect(await person(castelrocca, 'GLRPTR36T01A794M')).toMatchObject({ id_card_number: 'AX1234567', id_card_expires_on: '2020-12-01', civil_status: 'vedovo' });

    const record = (await loads(castelrocca)).find((l) => l.id === first.importId);
    expect(record).toMatchObject({
      id: first.importId, file_name: 'registry-castelrocca.csv', sha256: createHash('sha256').update(bytes).digest('hex'),
      rows_total: 6, rows_loaded: 6, rows_rejected: 0, rejected: [],
    });
    expect(record!.finished_at).toBeInstanceOf(Date);
    const audit = await inScope(t.database.db, { tenantId: castelrocca }, (trx) =>
      trx.selectFrom('audit_log').selectAll().where('action', '=', 'registry.imported').where('target', '=', `registry_import:${first.importId}`).execute());
    expect(audit).toEqual([expect.objectContaining({ actor: 'cli', tenant_id: castelrocca,
      details: { sha256: record!.sha256, rows: 6, loaded: 6, created: 6, updated: 0, unchanged: 0, rejected: 0 } })]);

    // the same file again: every row unchanged, even its update time and the load that wrote it
    const again = await load(CASTELROCCA_SLUG, 'registry-castelrocca.csv', bytes);
    expect(again).toMatchObject({ rows: 6, loaded: 6, created: 0, updated: 0, unchanged: 6, rejected: [] });
    expect(await person(castelrocca, 'CFSRLL64L70E507P')).toEqual(ornella);
    expect(await people(castelrocca)).toHaveLength(before + 6);
    expect((await loads(castelrocca)).slice(loadsBefore).map((l) => [l.rows_loaded, l.sha256])).toEqual([[6, record!.sha256], [6, record!.sha256]]);

    // one person changed in the export: only that row is written, by the new load
    const changed = new TextDecoder().decode(bytes).replace('VLTRNI01S45A794Q;Valoti;Irene;F;05/11/2001;Bergamo;italiana;nubile;Via dei Tigli 4',
      'VLTRNI01S45A794Q;Valoti;Irene;F;05/11/2001;Bergamo;italiana;nubile;Via dei Tigli 6');
    const third = await load(CASTELROCCA_SLUG, 'registry-castelrocca.csv', new TextEncoder().encode(changed));
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
    expect(await person(castelrocca, 'VLTRNI01S45A794Q')).toMatchObject({ address: 'Via dei Tigli 6, 24029 Castelrocca (BG)', import_id: third.importId });
    expect((await person(castelrocca, 'CFSRLL64L70E507P'))!.import_id).toBe(first.importId);
  });

  it('reports each bad row with its line, fiscal code and reason, and loads the good ones', async () => {
    const castelrocca = tenants[CASTELROCCA_SLUG]!;
    const report = await load(CASTELROCCA_SLUG, 'registry-righe-errate.csv', await readFile(BAD_ROWS));
    expect(report).toMatchObject({ rows: 10, loaded: 3, created: 3, ignoredColumns: ['professione'] });
    expect(report.rejected.map((r) => [r.line, r.fiscalCode])).toEqual([
      [3, 'BRLCHR08P42A794K'], [6, 'GSMTRS50E45A794O'], [9, 'BRLLNZ75D18A794F'], [10, 'CRRRTI99C43A794U'], [11, 'SNZVIO80M08A794L'],
      [12, 'SNZNDA85A41A794C'], [13, 'GHSMRT72T52A794V'],
    ]);
    const reason = (l: number) => report.rejected.find((r) => r.line === l)!.reason;
    expect(reason(3)).toContain("l'ultima lettera dovrebbe essere J");
    expect(reason(6)).toContain('data di nascita 2050-05-05 nel futuro');
    expect(reason(6)).toContain('stato civile "fidanzata" non riconosciuto');
    expect(reason(9)).toContain('codice fiscale già presente alla riga 2');
    expect(reason(10)).toContain("la scheda di famiglia CR-6001 ha già l'intestatario della riga 2");
    expect(reason(11)).toContain('manca il cognome');
    expect(reason(12)).toContain('la scheda di famiglia CR-6006 non ha un intestatario');
    expect(reason(13)).toContain("manca la scadenza della carta d'identità CA55555EE");

    expect(await person(castelrocca, 'BRLLNZ75D18A794F')).toMatchObject({ family_relation: 'intestatario', id_card_number: 'CC44444DD' });
    expect(await person(castelrocca, 'BRLSML11A20A794E')).toMatchObject({ family_id: 'CR-6001', family_relation: 'figlio' });
    // line 7 spans two lines of text: a quoted address with a line break, and a date written DD/MM/YYYY
    expect(await person(castelrocca, 'BZDMRO90R10Z352J')).toMatchObject({ address: 'Via Piave 12, interno 5\n24029 Castelrocca (BG)', birth_date: '1990-10-10' });
    for (const refused of ['GSMTRS50E45A794O', 'CRRRTI99C43A794U', 'SNZNDA85A41A794C', 'GHSMRT72T52A794V']) expect(await person(castelrocca, refused)).toBeUndefined();
    const recorded = (await loads(castelrocca)).find((l) => l.id === report.importId)!;
    expect(recorded).toMatchObject({ rows_total: 10, rows_loaded: 3, rows_rejected: 7, rejected: report.rejected });

    // a later file with only a member of CR-6001: its head is in the register now
    const chiara = code('Chiara', 'Birolini', 'F', '2008-09-02');
    const member = await load(CASTELROCCA_SLUG, 'chiara.csv', file(line({ code: chiara, family: 'Birolini', given: 'Chiara', sex: 'F', birth: '2008-09-02',
      address: 'Via Fiume 3, 24029 Castelrocca (BG)', sheet: 'CR-6001', relation: 'figlia' })));
    expect(member).toMatchObject({ loaded: 1, created: 1, rejected: [] });
  });

  it('refuses a file whose header lacks required columns as a whole, naming them, and writes nothing', async () => {
    const castelrocca = tenants[CASTELROCCA_SLUG]!;
    const before = { people: (await people(castelrocca)).length, loads: (await loads(castelrocca)).length };
    const refused = await load(CASTELROCCA_SLUG, 'registry-intestazione-errata.csv', await readFile(WRONG_HEADER)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Problem);
    expect((refused as Problem).status).toBe(400);
    expect((refused as Problem).detail).toContain('mancano le colonne obbligatorie sesso, luogo_nascita, id_famiglia');
    expect({ people: (await people(castelrocca)).length, loads: (await loads(castelrocca)).length }).toEqual(before);
  });

  it('keeps one head per sheet with the register: a second head is refused, a head that steps down in the same file is not', async () => {
    const castelrocca = tenants[CASTELROCCA_SLUG]!;
    const address = 'Via Isonzo 21, 24029 Castelrocca (BG)';
    const mario = { code: code('Aldo', 'Zambelli', 'M', '1948-02-02'), family: 'Zambelli', given: 'Aldo', sex: 'M' as const, birth: '1948-02-02', address, sheet: 'CR-7001' };
    const ines = { code: code('Ines', 'Rigamonti', 'F', '1951-06-06'), family: 'Rigamonti', given: 'Ines', sex: 'F' as const, birth: '1951-06-06', address, sheet: 'CR-7001' };
    expect(await load(CASTELROCCA_SLUG, 'a.csv', file(line({ ...mario, relation: 'intestatario' })))).toMatchObject({ created: 1, rejected: [] });
    const second = await load(CASTELROCCA_SLUG, 'b.csv', file(line({ ...ines, relation: 'intestataria' })));
    expect(second.rejected).toEqual([{ line: 2, fiscalCode: ines.code, reason: expect.stringContaining('ha già un altro intestatario') }]);
    const swapped = await load(CASTELROCCA_SLUG, 'c.csv', file(line({ ...ines, relation: 'intestataria' }), line({ ...mario, relation: 'marito' })));
    expect(swapped).toMatchObject({ created: 1, updated: 1, rejected: [] });
    expect((await person(castelrocca, mario.code))!.family_relation).toBe('coniuge');
  });

  it('loads a file of 5,000 people in batches of 500, and reports the progress', async () => {
    const records = syntheticRegister({
      people: 5000, seed: 5000, asOf: clock.today(), familyPrefix: 'PC',
      address: { streets: ['Via Roma', 'Via Verdi'], postalCode: '24000', locality: 'Prova Carico', province: 'BG' },
    });
    const progress: [number, number][] = [];
    const report = await load('comune-di-prova-carico', 'anagrafe-5000.csv', new TextEncoder().encode(registryCsv(records)), { onProgress: (d, n) => progress.push([d, n]) });
    expect(report).toMatchObject({ rows: 5000, loaded: 5000, created: 5000, updated: 0, unchanged: 0, rejected: [], batches: 5000 / REGISTRY_BATCH });
    expect(progress).toEqual(Array.from({ length: 10 }, (_, i) => [(i + 1) * 500, 5000]));
    const rows = await people(tenants['comune-di-prova-carico']!);
    expect(rows).toHaveLength(5000);
    expect(new Set(rows.map((r) => r.import_id))).toEqual(new Set([report.importId]));
    expect(rows.filter((r) => r.id_card_number).length).toBe(records.filter((r) => r.idCardNumber).length);
  });

  it('leaves another body\'s register as it is, for the same person too', async () => {
    const [castelrocca, valdoro] = [tenants[CASTELROCCA_SLUG]!, tenants[VALDORO_SLUG]!];
    const teo = { code: code('Teodoro', 'Ubiali', 'M', '1970-10-10'), family: 'Ubiali', given: 'Teodoro', sex: 'M' as const, birth: '1970-10-10', relation: 'intestatario' };
    await load(CASTELROCCA_SLUG, 'ubiali.csv', file(line({ ...teo, address: 'Via Trento 4, 24029 Castelrocca (BG)', sheet: 'CR-7101' })));
    const inCastelrocca = await people(castelrocca);
    const valdoroBefore = (await people(valdoro)).length;
    const report = await load(VALDORO_SLUG, 'ubiali.csv', file(line({ ...teo, address: 'Via Europa 30, 24017 Valdoro (BG)', sheet: 'VD-7101' })));
    expect(report).toMatchObject({ created: 1, updated: 0 });
    expect(await people(castelrocca)).toEqual(inCastelrocca);
    expect(await people(valdoro)).toHaveLength(valdoroBefore + 1);
    expect(await person(valdoro, teo.code)).toMatchObject({ address: 'Via Europa 30, 24017 Valdoro (BG)', family_id: 'VD-7101' });
    expect(await person(castelrocca, teo.code)).toMatchObject({ address: 'Via Trento 4, 24029 Castelrocca (BG)', family_id: 'CR-7101' });
  });

  describe('the command', () => {
    const SLUG = 'comune-di-prova-comando';

    it('exits 0 when every row loaded, with progress on standard error and the summary on standard output', async () => {
      const io = captureIo();
      expect(await importRegistryCommand(t.ctx, GOOD, { tenant: SLUG }, io)).toBe(0);
      expect(io.out_()).toContain('Caricamento dell\'anagrafe di Comune di Prova Comando da registry-castelrocca.csv.');
      expect(io.out_()).toContain('righe lette: 6');
      expect(io.out_()).toContain('caricate:    6 (loaded: 6 nuove, 0 aggiornate, 0 invariate');
      expect(io.out_()).toContain('scartate:    0');
      expect(io.err_()).toContain('Caricamento: 100% (6/6 righe)');
      // a terminal gets a bar
      const tty = captureIo(true);
      expect(await importRegistryCommand(t.ctx, GOOD, { tenant: SLUG }, tty)).toBe(0);
      expect(tty.err_()).toMatch(/Caricamento \[.*\] 100% \| 6\/6 righe/);
      expect(tty.out_()).toContain('0 nuove, 0 aggiornate, 6 invariate');
    });

    it('exits 2 when some rows were refused: the first 20 on screen, all of them in the --report file', async () => {
      const report = path.join(dir, 'scarti.csv');
      const io = captureIo();
      expect(await importRegistryCommand(t.ctx, BAD_ROWS, { tenant: SLUG, report }, io)).toBe(2);
      expect(io.out_()).toContain('scartate:    7 (refused)');
      expect(io.out_()).toContain('Colonne ignorate, non previste dal caricamento: professione');
      expect(io.out_()).toContain(`Righe scartate (anche in ${report}):`);
      expect(io.out_()).toContain("riga 3 (BRLCHR08P42A794K): il codice fiscale \"BRLCHR08P42A794K\" ha il carattere di controllo sbagliato: l'ultima lettera dovrebbe essere J");
      expect(io.out_()).toContain('riga 11 (SNZVIO80M08A794L): manca il cognome');
      const csv = await readFile(report, 'utf8');
      expect(csv.startsWith('\uFEFFriga;codice_fiscale;motivo\r\n')).toBe(true);
      expect(csv.trim().split('\r\n').slice(1).map((l) => l.split(';').slice(0, 2))).toEqual([
        ['3', 'BRLCHR08P42A794K'], ['6', 'GSMTRS50E45A794O'], ['9', 'BRLLNZ75D18A794F'], ['10', 'CRRRTI99C43A794U'], ['11', 'SNZVIO80M08A794L'],
        ['12', 'SNZNDA85A41A794C'], ['13', 'GHSMRT72T52A794V'],
      ]);

      // 25 refused rows: 20 on screen, 25 in the file
      const many = path.join(dir, 'molte.csv');
      const rows = Array.from({ length: 25 }, (_, i) => line({ code: code('Ugo', 'Scarpellini', 'M', `1960-01-${String(i + 1).padStart(2, '0')}`), family: 'Scarpellini',
        given: 'Ugo', sex: 'M', birth: `1960-01-${String(i + 1).padStart(2, '0')}`, address: 'Via Roma 1', sheet: `X-${i}`, relation: 'intestatario', civil: 'fidanzato' }));
      await writeFile(many, file(...rows));
      const manyIo = captureIo();
      expect(await importRegistryCommand(t.ctx, many, { tenant: SLUG, report }, manyIo)).toBe(2);
      expect(manyIo.out_()).toContain(`Righe scartate (le prime ${ROWS_ON_SCREEN} di 25; tutte in ${report}):`);
      expect(manyIo.out_().match(/^ {2}riga \d+/gm)).toHaveLength(20);
      expect((await readFile(report, 'utf8')).trim().split('\r\n')).toHaveLength(26);
    });

    it('with --dry-run checks and reports, writing nothing', async () => {
      const before = (await loads(tenants[SLUG]!)).length;
      const io = captureIo();
      expect(await importRegistryCommand(t.ctx, BAD_ROWS, { tenant: SLUG, dryRun: true }, io)).toBe(2);
      expect(io.out_()).toContain('nulla è stato scritto');
      expect(io.out_()).toContain('caricabili:  3');
      expect((await loads(tenants[SLUG]!)).length).toBe(before);
    });

    it('exits 1 when the file cannot be loaded at all: missing, wrong header, unknown body, no body', async () => {
      const cases: [string, { tenant?: string }, RegExp][] = [
        [path.join(dir, 'non-esiste.csv'), { tenant: SLUG }, /non-esiste\.csv: il file non esiste/],
        [WRONG_HEADER, { tenant: SLUG }, /mancano le colonne obbligatorie sesso, luogo_nascita, id_famiglia/],
        [GOOD, { tenant: 'comune-di-nessuno' }, /l'ente "comune-di-nessuno" non esiste/],
        [GOOD, {}, /indica l'ente dell'anagrafe con --tenant/],
      ];
      for (const [path_, opts, message] of cases) {
        const io = captureIo();
        expect(await importRegistryCommand(t.ctx, path_, opts, io)).toBe(1);
        expect(io.err_()).toMatch(message);
        expect(io.out_()).toBe('');
      }
    });

    it('runs from the command line: exit code 2, the summary and the report file', async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-registry-cli-'));
      try {
        // a database of its own with the demo bodies (a PGlite folder is open in one process at a time)
        let databaseUrl: string | undefined;
        if (process.env.DATABASE_URL) {
          databaseUrl = (t.database as { url?: string }).url;
        } else {
          const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pg'), loadDataDir: new Blob([await readFile(inject('pgliteTemplate'))]), migrate: false });
          await upsertTenants(database.db, DEMO_TENANTS);
          await database.close();
        }
        const report = path.join(dataDir, 'scarti.csv');
        const env = { ...process.env, DATA_DIR: dataDir, SPORTELLO_MODE: 'test', LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
        const bin = path.resolve(import.meta.dirname, '../bin/sportello.js');
        const done = await run(process.execPath, [bin, 'import', 'registry', BAD_ROWS, '--tenant', VALDORO_SLUG, '--report', report], { env }).catch((e) => e);
        expect(done.code, done.stderr).toBe(2);
        expect(done.stdout).toContain("Caricamento dell'anagrafe di Comune di Valdoro da registry-righe-errate.csv.");
        expect(done.stdout).toContain('scartate:    7 (refused)');
        expect(done.stderr).toContain('Caricamento: 100% (3/3 righe)');
        expect((await readFile(report, 'utf8')).trim().split('\r\n')).toHaveLength(8);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }, 120_000);
  });
});
