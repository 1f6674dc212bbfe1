import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceCard, ServiceInput } from '../contracts/catalog.ts';
import { badRequest, notFound } from '../server/platform/errors.ts';
import type { CliContext } from './context.ts';
import {
  COLUMNS,
  convertRow,
  detectDelimiter,
  formatProblem,
  importServicesCommand,
  inJsonbKeyOrder,
  parseCsvText,
  parseEuroCents,
  parseServicesFile,
  validateRows,
  type CatalogLookup,
  type ParsedRow,
} from './import-services.ts';

const HEADER = 'ente;slug;titolo;categoria;descrizione_breve;destinatari;giorni_massimi;online;descrizione_online;ufficio';
const good = (slug: string, extra = '') =>
  `comune-di-prova;${slug};Servizio ${slug};civil_registry;Una descrizione breve abbastanza lunga.;citizens;30;sì;Online con SPID.;anagrafe${extra}`;

const csv = (...lines: string[]) => parseCsvText(lines.join('\n'));
const problemsOf = (lines: string[], opts: Parameters<typeof validateRows>[1] = {}) =>
  validateRows(csv(...lines).rows, opts).then((r) => r.problems.map(formatProblem));

/** A row with every column set, for conversion tests. */
function row(values: Partial<Record<(typeof COLUMNS)[number], string>>, line = 2): ParsedRow {
  const base = Object.fromEntries(COLUMNS.map((c) => [c, ''])) as ParsedRow['values'];
  return {
    line,
    values: {
      ...base,
      ente: 'comune-di-prova',
      slug: 'servizio-di-prova',
      titolo: 'Servizio di prova',
      categoria: 'civil_registry',
      descrizione_breve: 'Una descrizione breve abbastanza lunga.',
      destinatari: 'citizens',
      giorni_massimi: '30',
      online: 'sì',
      descrizione_online: 'Online con SPID.',
      ufficio: 'anagrafe',
      ...values,
    },
  };
}

describe('reading the file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sportello-import-unit-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('detects the delimiter from the header line, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('ente;slug;titolo\na,b;c;d')).toBe(';');
    expect(detectDelimiter('ente,slug,titolo\na;b,c,d')).toBe(',');
    expect(detectDelimiter('"a;b;c",slug,titolo\n')).toBe(',');
  });

  it('reads the same rows from a ";" file with a BOM and a "," file without, quoted fields included', async () => {
    const semi = path.join(dir, 'semi.csv');
    const comma = path.join(dir, 'comma.csv');
    await writeFile(semi, `\uFEFF${HEADER}\n${good('uno')}\n"comune-di-prova";"due";"Titolo; con punto e virgola";civil_registry;Una descrizione breve abbastanza lunga.;citizens;30;sì;Online con SPID.;anagrafe\n`);
    await writeFile(
      comma,
      `${HEADER.replaceAll(';', ',')}\r\n${good('uno').replaceAll(';', ',')}\r\ncomune-di-prova,due,"Titolo; con punto e virgola",civil_registry,Una descrizione breve abbastanza lunga.,citizens,30,sì,"Online con SPID.",anagrafe\r\n`,
    );
    const a = await parseServicesFile(semi);
    const b = await parseServicesFile(comma);
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
    expect(a.rows).toEqual(b.rows);
    expect(a.rows.map((r) => r.values.ente)).toEqual(['comune-di-prova', 'comune-di-prova']);
    expect(a.rows[1].values.titolo).toBe('Titolo; con punto e virgola');
  });

  it('matches header names without regard to case, accents, spaces and hyphens', () => {
    const p = csv('Ente;SLUG;Titolo;Categoria;Descrizione Breve;Destinatari;Giorni-Massimi;Online;Descrizione online;Ufficio;Parole chiave;Sportèllo', `${good('uno')};cie;no`);
    expect(p.problems).toEqual([]);
    expect(p.rows[0].values.parole_chiave).toBe('cie');
    expect(p.rows[0].values.sportello).toBe('no');
    expect(p.rows[0].values.giorni_massimi).toBe('30');
  });

  it('refuses unknown columns by name (with a suggestion) and missing required ones, before reading any row', () => {
    const p = csv(`${HEADER};titlo;colore`, `${good('uno')};x;blu`);
    expect(p.rows).toEqual([]);
    expect(p.problems).toHaveLength(1);
    const msg = formatProblem(p.problems[0]);
    expect(msg).toMatch(/^riga 1: colonne sconosciute: "titlo" \(colonna K; forse "titolo"\?\), "colore" \(colonna L\)/);
    expect(msg).toContain('(unknown columns)');

    const missing = csv('ente;slug;titolo', 'comune-di-prova;uno;Servizio uno');
    expect(missing.problems.map(formatProblem)).toEqual([
      'riga 1: mancano le colonne obbligatorie: categoria, descrizione_breve, destinatari, giorni_massimi, ufficio (missing required columns)',
    ]);

    const twice = csv(`${HEADER};Titolo`, `${good('uno')};altro`);
    expect(formatProblem(twice.problems[0])).toContain('la colonna "Titolo" compare due volte (colonne C e K)');
  });

  it('numbers rows as a spreadsheet shows them: blank lines count, a multi-line cell is one row', () => {
    const p = csv(HEADER, good('uno'), '', `comune-di-prova;due;"Titolo\nsu due righe";civil_registry;Breve descrizione del servizio.;citizens;30;sì;Online.;anagrafe`, ';;;;;;;;;', good('tre'));
    expect(p.rows.map((r) => [r.values.slug, r.line, r.textLine])).toEqual([
      ['uno', 2, undefined],
      ['due', 4, undefined],
      // the text file has it on line 7, because the cell above spans two lines
      ['tre', 6, 7],
    ]);
    expect(p.rows[1].values.titolo).toBe('Titolo\nsu due righe');
  });

  it('reports a value outside the header columns on its row', async () => {
    const r = await problemsOf([HEADER, `${good('uno')};di troppo`]);
    expect(r).toEqual([
      "riga 2: c'è un valore nella colonna K, che non ha intestazione: forse un separatore (; o ,) di troppo in un campo non tra virgolette (value outside the header's columns)",
    ]);
  });

  it('refuses a file that is not UTF-8, an empty one, a missing one and an unclosed quote', async () => {
    const latin1 = path.join(dir, 'latin1.csv');
    await writeFile(latin1, Buffer.from(`${HEADER}\n${good('citt\u00e0')}\n`, 'latin1'));
    expect(formatProblem((await parseServicesFile(latin1)).problems[0])).toMatch(/^file: il file non è in UTF-8/);
    expect(formatProblem(csv('').problems[0])).toMatch(/il file è vuoto/);
    expect(formatProblem((await parseServicesFile(path.join(dir, 'nope.csv'))).problems[0])).toMatch(/il file non esiste \(file not found\)$/);
    expect(formatProblem(csv(HEADER, 'comune-di-prova;uno;"Titolo senza fine', good('due')).problems[0])).toMatch(/virgolette \("\) aperte e mai chiuse/);
  });

  it('reads the first worksheet of an XLSX, normalising numbers, booleans, rich text, links and formulas', async () => {
    const file = path.join(dir, 'servizi.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Servizi');
    wb.addWorksheet('Altro').addRow(['non letto']);
    ws.addRow(['Ente', 'Slug', 'Titolo', 'Categoria', 'Descrizione breve', 'Destinatari', 'Giorni massimi', 'Online', 'URL online', 'Ufficio', 'Costi', 'Prenotabile']);
    ws.addRow([
      'comune-di-prova',
      'uno',
      { richText: [{ text: 'Servizio ', font: { bold: true } }, { text: 'in grassetto' }] },
      'Anagrafe e stato civile',
      'Una descrizione breve abbastanza lunga.',
      'cittadini; imprese',
      30,
      true,
      { text: 'https://servizi.example/uno', hyperlink: 'https://servizi.example/uno' },
      'anagrafe',
      16.79,
      false,
    ]);
    ws.addRow([]);
    ws.addRow(['comune-di-prova', 'due', 'Servizio due', 'civil_registry', 'Una descrizione breve abbastanza lunga.', 'citizens', { formula: '20+10', result: 30 }, 'no', '', 'anagrafe', '', { formula: '1/0', result: { error: '#DIV/0!' } }]);
    await wb.xlsx.writeFile(file);

    const p = await parseServicesFile(file);
    expect(p.problems).toEqual([]);
    expect(p.rows.map((r) => r.line)).toEqual([2, 4]);
    const v = p.rows[0].values;
    expect([v.titolo, v.giorni_massimi, v.online, v.url_online, v.costi, v.prenotabile]).toEqual([
      'Servizio in grassetto', '30', 'sì', 'https://servizi.example/uno', '16.79', 'no',
    ]);
    expect(p.rows[1].values.giorni_massimi).toBe('30');
    expect(p.rows[1].issues).toEqual([{ column: 'prenotabile', message: expect.stringContaining('#DIV/0!') }]);

    const c = convertRow(p.rows[0]);
    expect(c.input.category).toBe('civil_registry');
    expect(c.input.audiences).toEqual(['citizens', 'businesses']);
    // "16.79" alone has no description
    expect(c.problems.map(formatProblem)).toEqual([
      `riga 2: campo costi: "16.79": manca la descrizione dopo l'importo, ad esempio "16,79 Diritti fissi" (description missing)`,
    ]);
  });

  it('refuses .xls and unreadable .xlsx files with a hint', async () => {
    const xls = path.join(dir, 'old.xls');
    await writeFile(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(formatProblem((await parseServicesFile(xls)).problems[0])).toMatch(/\.xls .* non è supportato/);
    const broken = path.join(dir, 'broken.xlsx');
    await writeFile(broken, 'not a zip');
    expect(formatProblem((await parseServicesFile(broken)).problems[0])).toMatch(/non è un \.xlsx leggibile/);
  });
});

describe('converting values', () => {
  it('reads amounts in euro with comma or dot, thousands separators and the euro sign', () => {
    const cases: [string, number | null][] = [
      ['16,79', 1679], ['16.79', 1679], ['5', 500], ['0,5', 50], ['€ 1.234,50', 123450], ['1,234.50', 123450],
      ['1.234', 123400], ['3 euro', 300], ['12,345', 1234500], ['1,2345', null], ['1.2.3', null], ['dieci', null], ['', null],
    ];
    for (const [text, cents] of cases) expect([text, parseEuroCents(text)]).toEqual([text, cents]);
  });

  it('turns a full row into a service card', () => {
    const c = convertRow(
      row({
        stato: 'Non attivo',
        motivo_stato: 'Sospeso per lavori.',
        destinatari: 'citizens; Imprese;citizens',
        eventi_vita: 'change_of_residence; Nascita di un bambino, richiesta adozioni',
        come_fare: 'Accedi | Compila\nInvia',
        cosa_serve: "Documento d'identità|",
        online: '',
        url_online: 'https://servizi.example/uno',
        descrizione_online: '',
        sportello: 'SI',
        prenotabile: 'no',
        costi: '16,79 Diritti fissi|5,16 - Diritti di segreteria',
        normativa: 'DPR 223/1989, art. 33|L. 241/1990',
        parole_chiave: 'CIE; carta identità;',
      }),
    );
    expect(c.problems).toEqual([]);
    expect(c.tenant).toBe('comune-di-prova');
    expect(c.input).toEqual({
      slug: 'servizio-di-prova',
      title: 'Servizio di prova',
      category: 'civil_registry',
      status: 'inactive',
      statusReason: 'Sospeso per lavori.',
      shortDescription: 'Una descrizione breve abbastanza lunga.',
      description: '',
      audienceDescription: '',
      audiences: ['citizens', 'businesses'],
      lifeEvents: ['change_of_residence', 'birth'],
      howTo: ['Accedi', 'Compila', 'Invia'],
      requirements: ["Documento d'identità"],
      output: '',
      timeLimits: '',
      maxDays: 30,
      // online left empty but a URL given: online
      access: { online: true, onlineUrl: 'https://servizi.example/uno', desk: true, bookable: false },
      conditions: '',
      costs: [
        { amountCents: 1679, description: 'Diritti fissi' },
        { amountCents: 516, description: 'Diritti di segreteria' },
      ],
      legalBasis: ['DPR 223/1989, art. 33', 'L. 241/1990'],
      keywords: ['CIE', 'carta identità'],
      officeCode: 'anagrafe',
    } satisfies ServiceInput);
  });

  it('reports each value it cannot convert, on its column, in Italian with an English hint', () => {
    const c = convertRow(
      row({ slug: 'Carta Identità', titolo: '', stato: 'forse', destinatari: 'citizens;turisti', giorni_massimi: '30 giorni', online: 'boh', url_online: 'www.comune.example', costi: 'dieci euro Bollo|gratuito' }, 7),
    );
    expect(c.problems.map(formatProblem)).toEqual([
      'riga 7: campo slug: usa solo lettere minuscole senza accenti, numeri e trattini, ad esempio "carta-identita" (lowercase letters, digits and hyphens only)',
      'riga 7: campo titolo: obbligatorio: manca il valore (required)',
      'riga 7: campo stato: "forse" non è ammesso: scrivi "attivo" o "non attivo" (active or inactive)',
      'riga 7: campo destinatari: "turisti" non è un destinatario ammesso; usa: citizens, businesses, professionals, associations, public_bodies (unknown audience)',
      'riga 7: campo giorni_massimi: "30 giorni" non è un numero intero di giorni, ad esempio 30 (whole number of days)',
      'riga 7: campo online: "boh" non è sì o no (expected yes/no)',
      'riga 7: campo url_online: "www.comune.example" non è un indirizzo web completo: deve iniziare con https:// (full https:// address)',
      `riga 7: campo costi: "dieci euro Bollo" (voce 1): inizia con l'importo in euro, poi la descrizione, ad esempio "16,79 Diritti fissi" (amount first, then description)`,
    ]);
    // the free item was still understood
    expect(c.input.costs).toEqual([{ amountCents: 0, description: 'Gratuito' }]);
  });

  it('asks for at least one way to use the service, and for the body unless --tenant is given', () => {
    expect(convertRow(row({ online: 'no', sportello: '' })).problems.map((p) => p.column)).toEqual(['online']);
    expect(convertRow(row({ ente: '' })).problems.map(formatProblem)).toEqual([
      "riga 2: campo ente: obbligatorio: indica lo slug dell'ente oppure usa l'opzione --tenant (required, or use --tenant)",
    ]);
    expect(convertRow(row({ ente: '' }), { tenant: 'comune-di-prova' }).tenant).toBe('comune-di-prova');
    expect(convertRow(row({ ente: 'altro-comune' }), { tenant: 'comune-di-prova' }).problems.map((p) => p.column)).toEqual(['ente']);
  });

  it("builds cards in jsonb's key order, so an unchanged row compares equal to the stored card", () => {
    const ordered = inJsonbKeyOrder({ title: 'x', slug: 'y', access: { online: true, desk: false, bookable: undefined } });
    expect(JSON.stringify(ordered)).toBe('{"slug":"y","title":"x","access":{"desk":false,"online":true}}');
    const keys = Object.keys(convertRow(row({})).input);
    expect(keys).toEqual([...keys].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)));
  });
});

describe('validating rows without a database', () => {
  it('checks the ServiceCard schema and names the column and the item', async () => {
    const long = 'x'.repeat(161);
    expect(
      await problemsOf([
        'ente;slug;titolo;categoria;descrizione_breve;destinatari;giorni_massimi;online;descrizione_online;ufficio;come_fare;parole_chiave',
        `comune-di-prova;uno;Ab;civil_registry;${long};citizens;4000;sì;Online.;anagrafe;Passo uno|${'y'.repeat(1001)};${'z'.repeat(101)}`,
      ]),
    ).toEqual([
      'riga 2: campo titolo: troppo corto: almeno 3 caratteri (at least 3 characters)',
      'riga 2: campo descrizione_breve: troppo lungo: al massimo 160 caratteri (at most 160 characters)',
      'riga 2: campo come_fare: voce 2: troppo lungo: al massimo 1000 caratteri (at most 1000 characters)',
      'riga 2: campo giorni_massimi: valore fuori intervallo: deve essere al massimo 3650 (maximum 3650)',
      'riga 2: campo parole_chiave: voce 1: troppo lungo: al massimo 100 caratteri (at most 100 characters)',
    ]);
  });

  it('reports a duplicate (ente, slug) on the later line only', async () => {
    const r = await validateRows(csv(HEADER, good('uno'), good('due'), good('uno'), good('uno').replace('comune-di-prova', 'altro-comune')).rows);
    expect(r.valid.map((v) => v.line)).toEqual([2, 3, 5]);
    expect(r.rejectedLines).toEqual([4]);
    expect(r.problems.map(formatProblem)).toEqual([
      'riga 4: campo slug: lo slug "uno" è già usato alla riga 2 per lo stesso ente (duplicate service in the file)',
    ]);
  });

  it("asks the lookup for the body and the catalogue's checks, and maps its errors back to columns", async () => {
    const seen: string[] = [];
    const lookup: CatalogLookup = {
      tenantId: async (slug) => (slug === 'comune-di-prova' ? 'tenant-1' : null),
      validateCard: async (tenantId: string, card: ServiceCard) => {
        seen.push(`${tenantId}:${card.title}`);
        if (card.category === 'giardinaggio') {
          throw badRequest('La scheda ha 2 errori', [
            { path: 'category', message: 'categoria sconosciuta "giardinaggio" (unknown category)' },
            { path: 'lifeEvents.1', message: 'evento della vita sconosciuto "festa" (unknown life event)' },
          ]);
        }
      },
    };
    const r = await validateRows(
      csv(
        `${HEADER};eventi_vita`,
        `${good('uno')};birth`,
        `${good('due').replace('civil_registry', 'giardinaggio')};"birth;festa"`,
        good('tre').replace('comune-di-prova', 'comune-inesistente'),
      ).rows,
      { lookup },
    );
    expect(r.valid).toEqual([expect.objectContaining({ line: 2, tenant: 'comune-di-prova', tenantId: 'tenant-1' })]);
    expect(r.problems.map(formatProblem)).toEqual([
      'riga 3: campo categoria: categoria sconosciuta "giardinaggio" (unknown category)',
      'riga 3: campo eventi_vita: evento della vita sconosciuto "festa" (unknown life event)',
      'riga 4: campo ente: l\'ente "comune-inesistente" non esiste: controlla lo slug (unknown body)',
    ]);
    // the unknown body's row never reaches the card checks
    expect(seen).toEqual(['tenant-1:Servizio uno', 'tenant-1:Servizio due']);
  });
});

describe('the command, on fake services', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sportello-import-cmd-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const sink = (isTTY = false) => {
    const chunks: string[] = [];
    const stream = Object.assign(
      new Writable({
        write(chunk, _enc, done) {
          chunks.push(String(chunk));
          done();
        },
      }),
      { isTTY },
    );
    return { stream, text: () => chunks.join('') };
  };

  function fakeContext(failOn?: string) {
    const upserts: string[] = [];
    const services = {
      tenants: {
        get: async (slug: string) => {
          if (slug !== 'comune-di-prova') throw notFound("L'ente richiesto");
          return { id: 'tenant-1', slug };
        },
      },
      catalog: {
        validateCard: async () => undefined,
        upsert: async (_scope: unknown, _tenantId: string, input: ServiceInput, by: string) => {
          if (input.slug === failOn) throw new Error('connessione persa');
          upserts.push(`${input.slug} by ${by}`);
          return 'created' as const;
        },
      },
    };
    return { ctx: { services } as unknown as CliContext, upserts };
  }

  it('imports only the good rows, prints progress lines when stderr is not a terminal, and returns false', async () => {
    const file = path.join(dir, 'mix.csv');
    await writeFile(file, [HEADER, ...Array.from({ length: 20 }, (_, i) => good(`s${i}`)), good('s0')].join('\n'));
    const { ctx, upserts } = fakeContext('s7');
    const out = sink();
    const err = sink(false);
    const ok = await importServicesCommand(ctx, file, {}, { out: out.stream, err: err.stream });
    expect(ok).toBe(false);
    expect(upserts).toHaveLength(19);
    expect(upserts[0]).toBe('s0 by import:mix.csv');
    expect(err.text().split('\n').filter(Boolean)).toEqual([
      ...[3, 5, 7, 9, 11, 13, 15, 17, 19, 21].map((n, i) => `Verifica: ${(i + 1) * 10}% (${n}/21 righe)`),
      ...[10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => `Importazione: ${p}% (${p / 5}/20 righe)`),
    ]);
    const summary = out.text();
    expect(summary).toContain('creati:     19 (created)');
    expect(summary).toContain('scartati:   2 (rejected)');
    expect(summary).toContain('riga 9: importazione non riuscita: connessione persa (import failed; nothing written for this row)');
    expect(summary).toContain('riga 22: campo slug: lo slug "s0" è già usato alla riga 2');
  });

  it('draws a progress bar when stderr is a terminal', async () => {
    const file = path.join(dir, 'two.csv');
    await writeFile(file, [HEADER, good('a'), good('b')].join('\n'));
    const err = sink(true);
    expect(await importServicesCommand(fakeContext().ctx, file, {}, { out: sink().stream, err: err.stream })).toBe(true);
    expect(err.text()).toContain('Importazione [');
    expect(err.text()).toContain('2/2 righe');
  });

  it('with --dry-run validates and writes nothing', async () => {
    const file = path.join(dir, 'dry.csv');
    await writeFile(file, [HEADER, good('a'), good('b').replace('30', 'trenta')].join('\n'));
    const { ctx, upserts } = fakeContext();
    const out = sink();
    expect(await importServicesCommand(ctx, file, { dryRun: true }, { out: out.stream, err: sink().stream })).toBe(false);
    expect(upserts).toEqual([]);
    expect(out.text()).toContain('valide:   1');
    expect(out.text()).toContain('riga 3: campo giorni_massimi: "trenta"');
  });

  it('refuses the whole file for an unknown --tenant or a missing "ente" column without --tenant', async () => {
    const file = path.join(dir, 'noente.csv');
    await writeFile(file, [HEADER.replace('ente;', ''), good('a').replace('comune-di-prova;', '')].join('\n'));
    const { ctx, upserts } = fakeContext();
    const out = sink();
    expect(await importServicesCommand(ctx, file, {}, { out: out.stream, err: sink().stream })).toBe(false);
    expect(out.text()).toContain('riga 1: il file non ha la colonna "ente"');
    expect(await importServicesCommand(ctx, file, { tenant: 'comune-sconosciuto' }, { out: out.stream, err: sink().stream })).toBe(false);
    expect(out.text()).toContain('file: l\'ente "comune-sconosciuto" indicato con --tenant non esiste');
    expect(upserts).toEqual([]);
    expect(await importServicesCommand(ctx, file, { tenant: 'comune-di-prova' }, { out: out.stream, err: sink().stream })).toBe(true);
    expect(upserts).toEqual(['a by import:noente.csv']);
  });
});
