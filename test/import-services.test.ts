import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, importServices, importServicesCommand, type ImportIo } from '../src/cli/import-services.ts';
import { CASTELROCCA_SLUG } from '../src/server/db/seed/demo/tenants.ts';
import { testApp } from './support/app.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');

function quietIo(): ImportIo & { text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const err = new Writable({ write: (_c, _e, done) => done() });
  return { out, err, text: () => chunks.join('') };
}

describe('sportello import services', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let dir: string;

  beforeAll(async () => {
    t = await testApp({ demo: true });
    dir = await mkdtemp(path.join(tmpdir(), 'sportello-import-'));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The current service of Castelrocca with this slug, if any. */
  const bySlug = async (slug: string) =>
    (await t.ctx.services.catalog.exportData(CASTELROCCA_SLUG)).cards.find((c) => c.slug === slug);

  it('imports the good rows of a CSV, reports the bad ones by line, and a second import changes nothing', async () => {
    const file = path.join(FIXTURES, 'services-import.csv');
    const io = quietIo();
    const ok = await importServicesCommand(t.ctx, file, {}, io);
    expect(ok).toBe(false);
    const summary = io.text();
    expect(summary).toContain('creati:     3 (created)');
    expect(summary).toContain('scartati:   2 (rejected)');
    expect(summary).toContain('riga 3: campo categoria: categoria sconosciuta "giardinaggio" (unknown category)');
    expect(summary).toContain('riga 5: campo titolo: obbligatorio: manca il valore (required)');

    const found = await t.ctx.services.catalog.search({ q: 'Zafferano', tenant: CASTELROCCA_SLUG });
    expect(found.items.map((s) => s.slug).sort()).toEqual(['compostiera-zafferano', 'noleggio-bici-zafferano', 'orti-urbani-zafferano']);
    expect(await bySlug('potatura-giardini')).toBeUndefined();
    expect(await bySlug('senza-titolo')).toBeUndefined();

    const bike = await t.ctx.services.catalog.get(found.items.find((s) => s.slug === 'noleggio-bici-zafferano')!.id);
    expect(bike.version).toBe(1);
    expect(bike.office?.code).toBe('urp');
    expect(bike.card.costs).toEqual([
      { amountCents: 2500, description: 'Abbonamento annuale' },
      { amountCents: 500, description: 'Cauzione per la tessera' },
    ]);
    expect(bike.card.access).toEqual({
      online: true,
      onlineDescription: "Acquista l'abbonamento online.",
      onlineUrl: 'https://bici.castelrocca.example/abbonamento',
      desk: true,
      deskDescription: "All'URP con la tessera sanitaria.",
      bookable: false,
    });

    const again = await importServices(t.ctx, file, {}, quietIo());
    expect({ created: again.created, updated: again.updated, unchanged: again.unchanged, rejected: again.rejected }).toEqual({
      created: 0, updated: 0, unchanged: 3, rejected: 2,
    });
    expect([...new Set(again.problems.map((p) => p.line))]).toEqual([3, 5]);
    expect((await t.ctx.services.catalog.get(bike.id)).version).toBe(1);
  });

  it('imports an XLSX file (first worksheet) with --tenant instead of an "ente" column', async () => {
    const file = path.join(dir, 'servizi.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Servizi');
    ws.addRow(['Slug', 'Titolo', 'Categoria', 'Descrizione breve', 'Destinatari', 'Eventi vita', 'Giorni massimi', 'Online', 'Descrizione online', 'Sportello', 'Descrizione sportello', 'Costi', 'Ufficio']);
    ws.addRow(['passo-carrabile-xlsx', { richText: [{ text: 'Passo carrabile ' }, { text: 'Pervinca', font: { italic: true } }] }, 'Autorizzazioni', "Autorizzazione all'apertura di un passo carrabile sulla strada comunale.", 'cittadini;imprese', '', 60, false, '', true, "All'Ufficio tecnico.", '16,00 Imposta di bollo', 'edilizia']);
    ws.addRow(['mensa-scolastica-xlsx', 'Iscrizione alla mensa Pervinca', 'education', 'Iscrizione al servizio di ristorazione scolastica Pervinca.', 'citizens', 'school_enrolment', 30, 'sì', 'Compila la domanda online.', 'no', '', 'gratuito', 'scuola']);
    await wb.xlsx.writeFile(file);

    const r = await importServices(t.ctx, file, { tenant: CASTELROCCA_SLUG }, quietIo());
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect({ created: r.created, rejected: r.rejected }).toEqual({ created: 2, rejected: 0 });

    const found = await t.ctx.services.catalog.search({ q: 'Pervinca', tenant: CASTELROCCA_SLUG });
    expect(found.items.map((s) => s.slug).sort()).toEqual(['mensa-scolastica-xlsx', 'passo-carrabile-xlsx']);
    const passo = await t.ctx.services.catalog.get(found.items.find((s) => s.slug === 'passo-carrabile-xlsx')!.id);
    expect(passo.card).toMatchObject({
      title: 'Passo carrabile Pervinca',
      category: 'authorisations',
      audiences: ['citizens', 'businesses'],
      maxDays: 60,
      access: { online: false, desk: true },
      costs: [{ amountCents: 1600, description: 'Imposta di bollo' }],
    });
  });

  it('refuses a file with an unknown column before importing anything', async () => {
    const io = quietIo();
    expect(await importServicesCommand(t.ctx, path.join(FIXTURES, 'services-unknown-column.csv'), {}, io)).toBe(false);
    expect(io.text()).toContain('riga 1: colonna sconosciuta: "colore_preferito" (colonna K)');
    expect(io.text()).toContain('non è stato importato');
    expect(await bySlug('servizio-colonna-ignota')).toBeUndefined();
  });

  it('with --dry-run checks every row against the database and writes nothing', async () => {
    const r = await importServices(t.ctx, path.join(FIXTURES, 'services-import.csv'), { dryRun: true }, quietIo());
    expect({ valid: r.valid, rejected: r.rejected, created: r.created }).toEqual({ valid: 3, rejected: 2, created: 0 });
    const template = await importServices(t.ctx, path.join(FIXTURES, 'services-template.csv'), { dryRun: true }, quietIo());
    expect(template.problems).toEqual([]);
    expect(template.valid).toBe(1);
    expect(await bySlug('certificato-di-esempio')).toBeUndefined();
  });

  it('publishes version 2 for a changed row; version 1 stays readable', async () => {
    const header = 'ente,slug,titolo,categoria,descrizione_breve,destinatari,giorni_massimi,sportello,descrizione_sportello,ufficio';
    const line = (title: string, days: number) =>
      `${CASTELROCCA_SLUG},tesserino-funghi-versioni,${title},environment,Tesserino per la raccolta dei funghi nei boschi comunali.,citizens,${days},sì,All'URP.,urp`;
    const file = path.join(dir, 'versioni.csv');
    await writeFile(file, `${header}\n${line('Tesserino per la raccolta dei funghi', 15)}\n`);
    expect((await importServices(t.ctx, file, {}, quietIo())).created).toBe(1);

    await writeFile(file, `${header}\n${line('Tesserino annuale per la raccolta dei funghi', 10)}\n`);
    const second = await importServices(t.ctx, file, {}, quietIo());
    expect({ updated: second.updated, created: second.created, unchanged: second.unchanged }).toEqual({ updated: 1, created: 0, unchanged: 0 });

    const id = (await bySlug('tesserino-funghi-versioni'))!.id;
    const current = await t.ctx.services.catalog.get(id);
    expect(current.version).toBe(2);
    expect(current.card.title).toBe('Tesserino annuale per la raccolta dei funghi');
    expect(current.versions.map((v) => v.version)).toEqual([2, 1]);
    const first = await t.ctx.services.catalog.get(id, 1);
    expect(first.card.title).toBe('Tesserino per la raccolta dei funghi');
    expect(first.card.maxDays).toBe(15);
  });
});
