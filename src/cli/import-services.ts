/**
 * `sportello import services FILE.csv|xlsx [--tenant SLUG] [--dry-run]`: loads service cards from a spreadsheet.
 *
 * File format: one row per service, a header row first (line 1). Header names are matched without regard to case,
 * accents, spaces or hyphens ("Parole chiave" = "parole_chiave"); a column the importer does not know stops the
 * import before anything is written. Columns may be in any order; only the marked ones are required.
 *
 *   ente                   slug of the body (tenant), e.g. comune-di-castelrocca; may be left out with --tenant   *
 *   slug                   address of the service within the body: lowercase letters, digits, hyphens              *
 *   titolo                 title (3-200 characters)                                                               *
 *   categoria              category code (e.g. civil_registry) or its Italian label ("Anagrafe e stato civile")   *
 *   stato                  attivo | non attivo (empty = attivo)
 *   motivo_stato           why the service is not active (required when stato = non attivo)
 *   descrizione_breve      short description (10-160 characters)                                                  *
 *   descrizione            long description
 *   a_chi_si_rivolge       "A chi è rivolto", free text
 *   destinatari            audience codes separated by ";": citizens;businesses;professionals;associations;        *
 *                          public_bodies (Italian words are accepted too: cittadini;imprese;professionisti…)
 *   eventi_vita            life-event codes separated by ";" (e.g. change_of_residence;birth) or their labels
 *   come_fare              steps, separated by "|" (or by line breaks inside the cell)
 *   cosa_serve             documents and data needed, separated by "|"
 *   cosa_si_ottiene        what the person obtains
 *   tempi                  "Tempi e scadenze", free text
 *   giorni_massimi         legal maximum processing time, whole days (0-3650)                                     *
 *   online                 sì/no (empty = sì when descrizione_online or url_online is given, otherwise no)
 *   descrizione_online     how to use the service online
 *   url_online             https:// address of the online service, when it is handled elsewhere
 *   sportello              sì/no: at the desk (empty = sì when descrizione_sportello is given, otherwise no)
 *   descrizione_sportello  how to use the service at the desk
 *   prenotabile            sì/no: a desk visit can be booked
 *   condizioni             conditions of use
 *   costi                  items separated by "|", each an amount in euro (comma or dot) and a description:
 *                          "16,79 Diritti fissi|5,16 Diritti di segreteria"; "gratuito" = free
 *   normativa              legal references, separated by "|"
 *   parole_chiave          extra search words, separated by ";"
 *   ufficio                code of the responsible office of the body (e.g. anagrafe)                             *
 *
 * CSV: UTF-8 with or without BOM, delimiter ";" or "," (whichever the header line uses). XLSX: the first worksheet,
 * the same headers; numbers, booleans, dates, rich text, links and formula results are read as the text they show.
 * A row's number in messages is the row a spreadsheet shows for it (header = 1, blank lines count). In a CSV this is
 * its line, unless an earlier cell spans several lines (quoted line breaks): then the text line is given too.
 *
 * The import runs in two passes: every row is parsed and validated first (schema, body, vocabulary codes, office,
 * duplicates); then the good rows are written, each through the catalogue's upsert in its own transaction, so a
 * row is either wholly imported (new service, or a new published version when it changed) or not at all.
 * See test/fixtures/services-template.csv for a ready-to-fill file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Value } from 'typebox/value';
import { AUDIENCES, type Audience, type ServiceCard, type ServiceCost, type ServiceInput } from '../contracts/catalog.ts';
import { CATEGORIES, LIFE_EVENTS } from '../contracts/vocabularies.ts';
import { NewServiceSchema } from '../server/modules/catalog/catalog.schemas.ts';
import { Problem } from '../server/platform/errors.ts';
import type { CliContext } from './context.ts';

// ---------------------------------------------------------------------------------------------------------------
// Columns

export const COLUMNS = [
  'ente', 'slug', 'titolo', 'categoria', 'stato', 'motivo_stato', 'descrizione_breve', 'descrizione',
  'a_chi_si_rivolge', 'destinatari', 'eventi_vita', 'come_fare', 'cosa_serve', 'cosa_si_ottiene', 'tempi',
  'giorni_massimi', 'online', 'descrizione_online', 'url_online', 'sportello', 'descrizione_sportello',
  'prenotabile', 'condizioni', 'costi', 'normativa', 'parole_chiave', 'ufficio',
] as const;
export type Column = (typeof COLUMNS)[number];

/** Columns the header must have (ente only when --tenant is not given). */
const REQUIRED_COLUMNS: Column[] = ['slug', 'titolo', 'categoria', 'descrizione_breve', 'destinatari', 'giorni_massimi', 'ufficio'];

/** Where each field of the card comes from, for messages about schema and vocabulary errors. */
const FIELD_COLUMN: Record<string, Column> = {
  slug: 'slug',
  title: 'titolo',
  category: 'categoria',
  status: 'stato',
  statusReason: 'motivo_stato',
  shortDescription: 'descrizione_breve',
  description: 'descrizione',
  audienceDescription: 'a_chi_si_rivolge',
  audiences: 'destinatari',
  lifeEvents: 'eventi_vita',
  howTo: 'come_fare',
  requirements: 'cosa_serve',
  output: 'cosa_si_ottiene',
  timeLimits: 'tempi',
  maxDays: 'giorni_massimi',
  'access.online': 'online',
  'access.onlineDescription': 'descrizione_online',
  'access.onlineUrl': 'url_online',
  'access.desk': 'sportello',
  'access.deskDescription': 'descrizione_sportello',
  'access.bookable': 'prenotabile',
  conditions: 'condizioni',
  costs: 'costi',
  legalBasis: 'normativa',
  keywords: 'parole_chiave',
  officeCode: 'ufficio',
};

/** Lowercase, without accents; runs of anything else than letters and digits become one "_". */
export function normaliseName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const COLUMN_SET = new Set<string>(COLUMNS);

// ---------------------------------------------------------------------------------------------------------------
// Problems

/** Something wrong in the file. line 0 = the file as a whole; line 1 = the header. */
export interface RowProblem {
  line: number;
  /** CSV: the line in the text file, when a multi-line cell above makes it differ from the row */
  textLine?: number;
  column?: Column;
  message: string;
}

export function formatProblem(p: RowProblem): string {
  const where = p.line > 0 ? `riga ${p.line}${p.textLine ? ` (riga ${p.textLine} del testo)` : ''}` : 'file';
  return p.column ? `${where}: campo ${p.column}: ${p.message}` : `${where}: ${p.message}`;
}

function sortProblems(problems: RowProblem[]): RowProblem[] {
  const order = (c?: Column) => (c ? COLUMNS.indexOf(c) : -1);
  return [...problems].sort((a, b) => a.line - b.line || order(a.column) - order(b.column));
}

// ---------------------------------------------------------------------------------------------------------------
// Pass 0: reading the file

export interface ParsedRow {
  /** the row a spreadsheet shows (header = 1) */
  line: number;
  /** CSV only, when it differs from line: the text line the row starts on */
  textLine?: number;
  /** every known column, '' when empty or absent; text trimmed, line breaks as "\n" */
  values: Record<Column, string>;
  /** cells the row cannot be read from (values outside the header's columns, formula errors) */
  issues?: { column?: Column; message: string }[];
}

export interface ParsedFile {
  /** the known columns the header has, in file order */
  columns: Column[];
  rows: ParsedRow[];
  /** problems with the file as a whole (unreadable, unknown or missing columns): nothing may be imported */
  problems: RowProblem[];
}

/** Reads a CSV or XLSX file of services. Needs no database. */
export async function parseServicesFile(file: string): Promise<ParsedFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'il file non esiste (file not found)' : code === 'EISDIR' ? 'è una cartella, non un file (is a directory)' : `impossibile leggere il file (cannot read the file: ${code ?? String(err)})`;
    return fileProblem(`${file}: ${why}`);
  }
  const ext = path.extname(file).toLowerCase();
  const isZip = bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (ext === '.xls' || (bytes.length > 7 && bytes.readUInt32BE(0) === 0xd0cf11e0)) {
    return fileProblem('il formato .xls (Excel 97-2003) non è supportato: salva il file come .xlsx o come CSV UTF-8 (save as .xlsx or CSV)');
  }
  if (ext === '.xlsx' || isZip) return parseXlsx(bytes);
  return parseCsvText(bytes);
}

const fileProblem = (message: string): ParsedFile => ({ columns: [], rows: [], problems: [{ line: 0, message }] });

/** CSV bytes (UTF-8, with or without BOM; delimiter ";" or "," detected from the header line). */
export function parseCsvText(bytes: Uint8Array | string): ParsedFile {
  let text: string;
  if (typeof bytes === 'string') {
    text = bytes.replace(/^\uFEFF/, '');
  } else {
    try {
      // fatal: a file saved as Windows-1252 ("CSV (delimitato)") must not turn accents into garbage silently
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return fileProblem(
        'il file non è in UTF-8: in Excel scegli "Salva con nome" → "CSV UTF-8 (delimitato da virgole)" (the file must be UTF-8)',
      );
    }
  }
  if (!text.trim()) return fileProblem('il file è vuoto: serve almeno la riga di intestazione (the file is empty)');

  const delimiter = detectDelimiter(text);
  type Info = { lines: number; records: number; empty_lines: number };
  let records: { record: string[]; info: Info }[];
  try {
    records = parseCsv(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: Info }[];
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    const where = typeof e.lines === 'number' ? ` (riga ${e.lines} del testo)` : '';
    const why =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `virgolette (") aperte e mai chiuse${where}: una cella tra virgolette continua fino alla fine del file (unclosed quote)`
        : `il CSV non è leggibile${where}: ${e.message ?? String(err)} (malformed CSV)`;
    return fileProblem(why);
  }
  // A spreadsheet shows one row per record and per blank line. csv-parse counts text lines where a record ends.
  const cells = records.map(({ record, info }) => {
    const line = info.records + info.empty_lines;
    const textLine = info.lines - record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    return { line, ...(textLine !== line ? { textLine } : {}), cells: record };
  });
  const [header, ...body] = cells;
  return fromTable(header.cells, body);
}

/** The delimiter the header line uses most: ";" (Excel in Italian) or ",". */
export function detectDelimiter(text: string): ';' | ',' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

async function parseXlsx(bytes: Buffer): Promise<ParsedFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    return fileProblem(`il file non è un .xlsx leggibile (not a readable .xlsx file: ${err instanceof Error ? err.message : String(err)})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) {
    return fileProblem('il primo foglio è vuoto: serve almeno la riga di intestazione (the first worksheet is empty)');
  }
  const width = sheet.columnCount;
  const table: { line: number; cells: string[] }[] = [];
  const errors = new Map<number, { index: number; error: string }[]>();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let i = 1; i <= Math.max(width, row.cellCount); i++) {
      const v = row.getCell(i).value;
      const err = cellError(v);
      if (err) {
        const list = errors.get(rowNumber) ?? [];
        list.push({ index: i - 1, error: err });
        errors.set(rowNumber, list);
      }
      cells.push(err ? '' : cellText(v));
    }
    table.push({ line: rowNumber, cells });
  });
  const [header, ...body] = table;
  if (header.line !== 1) {
    return fileProblem(`la riga 1 del primo foglio deve contenere le intestazioni delle colonne (row 1 must be the header)`);
  }
  const parsed = fromTable(header.cells, body);
  if (parsed.problems.length) return parsed;
  const columnAt = headerColumns(header.cells);
  for (const row of parsed.rows) {
    for (const e of errors.get(row.line) ?? []) {
      const column = columnAt[e.index] ?? undefined;
      (row.issues ??= []).push({ column, message: `la cella contiene l'errore di formula ${e.error}: correggi la formula o scrivi il valore (formula error)` });
    }
  }
  return parsed;
}

function cellError(v: ExcelJS.CellValue): string | null {
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('error' in v) return String(v.error);
    if ('result' in v && v.result && typeof v.result === 'object' && !(v.result instanceof Date) && 'error' in v.result) return String(v.result.error);
  }
  return null;
}

/** The text a spreadsheet cell shows. */
export function cellText(v: ExcelJS.CellValue | unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === 'boolean') return v ? 'sì' : 'no';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('hyperlink' in o) return cellText(o.text ?? o.hyperlink);
    if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
  }
  return String(v);
}

/** Column of each header cell (undefined for empty or unknown names). */
function headerColumns(header: string[]): (Column | undefined)[] {
  return header.map((h) => {
    const n = normaliseName(h);
    return COLUMN_SET.has(n) ? (n as Column) : undefined;
  });
}

/** Header + body cells → rows keyed by column, or the header's problems. */
function fromTable(header: string[], body: { line: number; textLine?: number; cells: string[] }[]): ParsedFile {
  const problems: RowProblem[] = [];
  const columnAt = headerColumns(header);
  const unknown: string[] = [];
  const seen = new Map<Column, number>();
  header.forEach((h, i) => {
    const name = h.trim();
    const column = columnAt[i];
    if (column) {
      if (seen.has(column)) {
        problems.push({ line: 1, message: `la colonna "${name}" compare due volte (colonne ${letter(seen.get(column)!)} e ${letter(i)}) (duplicate column)` });
      }
      seen.set(column, i);
    } else if (name) {
      const hint = closest(normaliseName(name));
      unknown.push(`"${name}" (colonna ${letter(i)}${hint ? `; forse "${hint}"?` : ''})`);
    } else if (body.some((r) => (r.cells[i] ?? '').trim())) {
      unknown.push(`colonna ${letter(i)} senza intestazione`);
    }
  });
  if (unknown.length) {
    problems.push({
      line: 1,
      message: `${unknown.length === 1 ? 'colonna sconosciuta' : 'colonne sconosciute'}: ${unknown.join(', ')}. Colonne ammesse: ${COLUMNS.join(', ')} (unknown column${unknown.length === 1 ? '' : 's'})`,
    });
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length) {
    problems.push({ line: 1, message: `mancano le colonne obbligatorie: ${missing.join(', ')} (missing required columns)` });
  }
  if (problems.length) return { columns: [...seen.keys()], rows: [], problems };

  const rows: ParsedRow[] = [];
  for (const r of body) {
    const clean = r.cells.map((c) => (c ?? '').replace(/\r\n?/g, '\n').trim());
    if (clean.every((c) => !c)) continue;
    const values = Object.fromEntries(COLUMNS.map((c) => [c, ''])) as Record<Column, string>;
    const row: ParsedRow = { line: r.line, ...(r.textLine ? { textLine: r.textLine } : {}), values };
    clean.forEach((c, i) => {
      const column = columnAt[i];
      if (column) values[column] = c;
      else if (c) {
        (row.issues ??= []).push({
          message: `c'è un valore nella colonna ${letter(i)}, che non ha intestazione: forse un separatore (; o ,) di troppo in un campo non tra virgolette (value outside the header's columns)`,
        });
      }
    });
    rows.push(row);
  }
  return { columns: [...seen.keys()], rows, problems };
}

/** Spreadsheet column letter of a 0-based index (0 → A, 26 → AA). */
function letter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The known column nearest to a mistyped name, when near enough. */
function closest(name: string): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of COLUMNS) {
    const d = distance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : null;
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

// ---------------------------------------------------------------------------------------------------------------
// Pass 1: conversions and validation

/** Audience codes, and the Italian words people write for them. */
const AUDIENCE_WORDS = new Map<string, Audience>([
  ...AUDIENCES.map((a) => [a, a] as const),
  ...(
    [
      ['cittadini', 'citizens'], ['cittadino', 'citizens'],
      ['imprese', 'businesses'], ['impresa', 'businesses'], ['aziende', 'businesses'],
      ['professionisti', 'professionals'], ['professionista', 'professionals'],
      ['associazioni', 'associations'], ['associazione', 'associations'],
      ['enti', 'public_bodies'], ['enti_pubblici', 'public_bodies'], ['pubbliche_amministrazioni', 'public_bodies'], ['pa', 'public_bodies'],
    ] as const
  ),
]);

const CATEGORY_WORDS = new Map<string, string>();
for (const c of CATEGORIES) for (const k of [c.code, c.it, c.en]) CATEGORY_WORDS.set(normaliseName(k), c.code);
const LIFE_EVENT_WORDS = new Map<string, string>();
for (const e of LIFE_EVENTS) for (const k of [e.code, e.it, e.en]) LIFE_EVENT_WORDS.set(normaliseName(k), e.code);

const YES = new Set(['si', 's', 'yes', 'y', 'true', 'vero', '1', 'x']);
const NO = new Set(['no', 'n', 'false', 'falso', '0']);

/** sì/no → boolean; '' → undefined; anything else → an error message. */
export function parseYesNo(raw: string): boolean | undefined | { error: string } {
  if (!raw) return undefined;
  const v = normaliseName(raw);
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return { error: `"${raw}" non è sì o no (expected yes/no)` };
}

/** "16,79" / "16.79" / "€ 1.234,50" / "1234" → cents; null when the text is not an amount in euro. */
export function parseEuroCents(raw: string): number | null {
  const s = raw.replace(/€|\beuro\b|\beur\b/gi, '').replace(/\s+/g, '');
  if (!/^\d[\d.,]*\d$|^\d$/.test(s)) return null;
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let decimalSep: string | null = null;
  if (dots && commas) decimalSep = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
  else if (dots + commas === 1) {
    // one separator: decimal when 1-2 digits follow ("16,79", "5.5"), thousands when 3 do ("1.234")
    const sep = dots ? '.' : ',';
    if (s.length - s.indexOf(sep) - 1 <= 2) decimalSep = sep;
  }
  let intPart = s;
  let decPart = '';
  if (decimalSep) {
    const at = s.lastIndexOf(decimalSep);
    [intPart, decPart] = [s.slice(0, at), s.slice(at + 1)];
    if (decPart.length > 2 || intPart.includes(decimalSep)) return null;
  }
  // what is left may only have thousands separators of one kind, in groups of three digits
  if (/[.,]/.test(intPart)) {
    const groups = intPart.split(/[.,]/);
    if (new Set(intPart.match(/[.,]/g)).size > 1 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3)) return null;
    intPart = groups.join('');
  }
  if (!/^\d+$/.test(intPart) || !/^\d{0,2}$/.test(decPart)) return null;
  return Number(intPart) * 100 + Number(decPart.padEnd(2, '0'));
}

const splitList = (raw: string, sep: RegExp) =>
  raw
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);
const SEMI = /;/;
const PIPE = /[|\n]/;

export function slugify(s: string): string {
  return normaliseName(s).replace(/_/g, '-').slice(0, 120).replace(/-+$/, '');
}

/**
 * A card in the key order PostgreSQL's jsonb gives back (shorter keys first, then bytewise). The catalogue's upsert
 * tells "unchanged" by comparing JSON.stringify of the stored jsonb card with the new one; built in any other order
 * every re-import would publish a new, identical version.
 */
export function inJsonbKeyOrder<T>(value: T): T {
  if (Array.isArray(value)) return value.map(inJsonbKeyOrder) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, inJsonbKeyOrder(v)])) as T;
  }
  return value;
}

export interface ConvertedRow {
  line: number;
  /** tenant slug (or id) the row belongs to; '' when unknown */
  tenant: string;
  input: ServiceInput;
  problems: RowProblem[];
}

/**
 * One row → a service input, with a problem for every value that cannot be converted or is missing. The input is
 * always complete (fallback values where conversion failed) so that later checks can still run on it.
 */
export function convertRow(row: ParsedRow, opts: { tenant?: string } = {}): ConvertedRow {
  const v = row.values;
  const problems: RowProblem[] = (row.issues ?? []).map((i) => ({ line: row.line, ...i }));
  const bad = (column: Column, message: string) => problems.push({ line: row.line, column, message });
  const required = (column: Column, hint = '') => {
    if (!v[column]) bad(column, `obbligatorio: manca il valore${hint} (required)`);
    return v[column];
  };

  // ente
  let tenant = v.ente.toLowerCase();
  const defaultTenant = opts.tenant?.toLowerCase();
  if (!tenant && defaultTenant) tenant = defaultTenant;
  else if (!tenant) bad('ente', 'obbligatorio: indica lo slug dell\'ente oppure usa l\'opzione --tenant (required, or use --tenant)');
  else if (defaultTenant && tenant !== defaultTenant) {
    bad('ente', `la riga è dell'ente "${tenant}" ma hai indicato --tenant ${defaultTenant} (row belongs to another body)`);
  }

  const slug = required('slug', v.titolo ? `; ad esempio "${slugify(v.titolo)}"` : '');
  if (slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
    const hint = slugify(slug);
    bad('slug', `usa solo lettere minuscole senza accenti, numeri e trattini${hint ? `, ad esempio "${hint}"` : ''} (lowercase letters, digits and hyphens only)`);
  }
  const title = required('titolo');

  let category = required('categoria');
  if (category) category = CATEGORY_WORDS.get(normaliseName(category)) ?? category;

  let status: ServiceCard['status'] = 'active';
  if (v.stato) {
    const s = normaliseName(v.stato);
    if (['attivo', 'active'].includes(s)) status = 'active';
    else if (['non_attivo', 'inattivo', 'inactive', 'sospeso'].includes(s)) status = 'inactive';
    else bad('stato', `"${v.stato}" non è ammesso: scrivi "attivo" o "non attivo" (active or inactive)`);
  }

  const shortDescription = required('descrizione_breve');

  const audiences: Audience[] = [];
  if (required('destinatari', `: ad esempio "citizens" o "citizens;businesses"`)) {
    for (const word of splitList(v.destinatari, /[;,]/)) {
      const code = AUDIENCE_WORDS.get(normaliseName(word));
      if (!code) bad('destinatari', `"${word}" non è un destinatario ammesso; usa: ${AUDIENCES.join(', ')} (unknown audience)`);
      else if (!audiences.includes(code)) audiences.push(code);
    }
  }

  const lifeEvents = splitList(v.eventi_vita, SEMI).map((e) => LIFE_EVENT_WORDS.get(normaliseName(e)) ?? e);

  let maxDays = 0;
  if (required('giorni_massimi', ': il numero massimo di giorni per concludere il procedimento')) {
    if (/^\d+$/.test(v.giorni_massimi)) maxDays = Number(v.giorni_massimi);
    else bad('giorni_massimi', `"${v.giorni_massimi}" non è un numero intero di giorni, ad esempio 30 (whole number of days)`);
  }

  const yesNo = (column: Column): boolean | undefined => {
    const r = parseYesNo(v[column]);
    if (r && typeof r === 'object') {
      bad(column, r.error);
      return undefined;
    }
    return r;
  };
  const online = yesNo('online') ?? Boolean(v.descrizione_online || v.url_online);
  const desk = yesNo('sportello') ?? Boolean(v.descrizione_sportello);
  const bookable = yesNo('prenotabile');
  if (!online && !desk && !problems.some((p) => p.column === 'online' || p.column === 'sportello')) {
    bad('online', 'il servizio deve essere accessibile online o allo sportello: scrivi "sì" in almeno una delle due colonne (at least one access channel)');
  }
  if (v.url_online) {
    let ok = false;
    try {
      const u = new URL(v.url_online);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
    } catch {
      ok = false;
    }
    if (!ok) bad('url_online', `"${v.url_online}" non è un indirizzo web completo: deve iniziare con https:// (full https:// address)`);
  }

  const costs: ServiceCost[] = [];
  const costItems = splitList(v.costi, /\|/);
  costItems.forEach((item, i) => {
    const n = costItems.length > 1 ? ` (voce ${i + 1})` : '';
    const m = /^(?:€\s*)?(\d[\d.,]*)\s*(?:€|euro\b|eur\b)?\s*(.*)$/i.exec(item);
    if (!m) {
      if (/^(gratuit[oa]|gratis|nessun costo|free)\b/i.test(item)) costs.push({ amountCents: 0, description: item.charAt(0).toUpperCase() + item.slice(1) });
      else bad('costi', `"${item}"${n}: inizia con l'importo in euro, poi la descrizione, ad esempio "16,79 Diritti fissi" (amount first, then description)`);
      return;
    }
    const cents = parseEuroCents(m[1]);
    const description = m[2].replace(/^[-–:]\s*/, '').trim();
    if (cents === null) bad('costi', `"${m[1]}"${n} non è un importo in euro, ad esempio 16,79 (not an amount in euro)`);
    else if (!description) bad('costi', `"${item}"${n}: manca la descrizione dopo l'importo, ad esempio "16,79 Diritti fissi" (description missing)`);
    else costs.push({ amountCents: cents, description });
  });

  const officeCode = required('ufficio');

  const access: ServiceCard['access'] = {
    online,
    ...(v.descrizione_online ? { onlineDescription: v.descrizione_online } : {}),
    ...(v.url_online ? { onlineUrl: v.url_online } : {}),
    desk,
    ...(v.descrizione_sportello ? { deskDescription: v.descrizione_sportello } : {}),
    ...(bookable !== undefined ? { bookable } : {}),
  };
  const input: ServiceInput = {
    slug,
    title,
    category,
    status,
    ...(v.motivo_stato ? { statusReason: v.motivo_stato } : {}),
    shortDescription,
    description: v.descrizione,
    audienceDescription: v.a_chi_si_rivolge,
    audiences,
    lifeEvents,
    howTo: splitList(v.come_fare, PIPE),
    requirements: splitList(v.cosa_serve, PIPE),
    output: v.cosa_si_ottiene,
    timeLimits: v.tempi,
    maxDays,
    access,
    conditions: v.condizioni,
    costs,
    legalBasis: splitList(v.normativa, PIPE),
    keywords: splitList(v.parole_chiave, SEMI),
    officeCode,
  };
  return { line: row.line, tenant, input: inJsonbKeyOrder(input), problems };
}

/** TypeBox errors of the service schema, said per column. */
export function schemaProblems(line: number, input: ServiceInput): RowProblem[] {
  if (Value.Check(NewServiceSchema, input)) return [];
  const out: RowProblem[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(NewServiceSchema, input)) {
    // Unions report one error per alternative and then their own; their members' errors add nothing.
    if (e.keyword === 'const' || e.keyword === 'boolean' || /\/anyOf\/\d+$/.test(e.schemaPath)) continue;
    const parts = e.instancePath.split('/').filter(Boolean);
    const field = parts[0] === 'access' ? parts.slice(0, 2).join('.') : parts[0];
    const column = FIELD_COLUMN[field];
    const index = parts.find((p, i) => i > 0 && /^\d+$/.test(p));
    const item = index !== undefined && parts[0] !== 'access' ? `voce ${Number(index) + 1}: ` : '';
    const key = `${column}|${item}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ line, column, message: item + describeSchemaError(e) });
  }
  return out;
}

function describeSchemaError(e: { keyword: string; params: object; message: string }): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'minLength':
      return `troppo corto: almeno ${p.limit} caratteri (at least ${p.limit} characters)`;
    case 'maxLength':
      return `troppo lungo: al massimo ${p.limit} caratteri (at most ${p.limit} characters)`;
    case 'minItems':
      return `indica almeno ${p.limit} ${p.limit === 1 ? 'valore' : 'valori'} (at least ${p.limit} items)`;
    case 'maxItems':
      return `troppe voci: al massimo ${p.limit} (at most ${p.limit} items)`;
    case 'minimum':
    case 'maximum':
      return `valore fuori intervallo: deve essere ${e.keyword === 'minimum' ? 'almeno' : 'al massimo'} ${p.limit} (${e.keyword} ${p.limit})`;
    case 'pattern':
      return `formato non valido: usa solo lettere minuscole, numeri, trattini o trattini bassi (invalid format)`;
    case 'format':
      return `formato non valido, atteso ${p.format} (invalid ${p.format})`;
    case 'anyOf':
    case 'enum':
      return 'valore non ammesso (value not allowed)';
    default:
      return `valore non valido: ${e.message} (invalid value)`;
  }
}

/** What validation needs from the database: the bodies and the catalogue's own card checks. */
export interface CatalogLookup {
  /** id of the body with this slug (or id), null if there is none */
  tenantId(slugOrId: string): Promise<string | null>;
  /** throws a Problem whose errors name the card fields that are wrong */
  validateCard(tenantId: string, card: ServiceCard): Promise<unknown>;
}

export function catalogLookup(ctx: Pick<CliContext, 'services'>): CatalogLookup {
  const tenants = new Map<string, Promise<string | null>>();
  return {
    tenantId: (slug) => {
      let p = tenants.get(slug);
      if (!p) {
        p = ctx.services.tenants.get(slug).then(
          (t) => t.id,
          (err) => {
            if (err instanceof Problem && err.status === 404) return null;
            throw err;
          },
        );
        tenants.set(slug, p);
      }
      return p;
    },
    validateCard: (tenantId, card) => ctx.services.catalog.validateCard(tenantId, card),
  };
}

export interface ValidRow {
  line: number;
  textLine?: number;
  tenant: string;
  /** resolved when a lookup was given */
  tenantId?: string;
  input: ServiceInput;
}

export interface ValidationResult {
  valid: ValidRow[];
  /** every problem of every rejected row, by line */
  problems: RowProblem[];
  /** lines of the rejected rows */
  rejectedLines: number[];
}

/** Problem.errors (card paths) → problems per column. */
function cardProblems(line: number, err: Problem): RowProblem[] {
  if (!err.errors?.length) return [{ line, message: err.detail }];
  return err.errors.map((e) => {
    const parts = e.path.split('.');
    const field = parts[0] === 'access' ? parts.slice(0, 2).join('.') : parts[0];
    return { line, column: FIELD_COLUMN[field], message: e.message };
  });
}

/**
 * Checks every row: conversions and required values, the ServiceCard schema, duplicates of (ente, slug) within
 * the file (reported on the later line) and, with a lookup, that the body exists and the catalogue accepts the
 * card (vocabulary codes, office). Without a lookup it needs no database.
 */
export async function validateRows(
  rows: ParsedRow[],
  opts: { tenant?: string; lookup?: CatalogLookup; onRow?: () => void } = {},
): Promise<ValidationResult> {
  const valid: ValidRow[] = [];
  const problems: RowProblem[] = [];
  const rejectedLines: number[] = [];
  const firstLine = new Map<string, number>();

  for (const row of rows) {
    const c = convertRow(row, { tenant: opts.tenant });
    const mine: RowProblem[] = [...c.problems];
    const has = (column?: Column) => mine.some((p) => p.column === column);
    const add = (list: RowProblem[]) => {
      // one message per column: the first stage that found something wrong speaks for it
      const already = new Set(mine.map((p) => p.column));
      mine.push(...list.filter((p) => !p.column || !already.has(p.column)));
    };

    if (c.input.slug && c.tenant) {
      const key = `${c.tenant}\u0000${c.input.slug}`;
      const first = firstLine.get(key);
      if (first !== undefined) {
        add([{ line: row.line, column: 'slug', message: `lo slug "${c.input.slug}" è già usato alla riga ${first} per lo stesso ente (duplicate service in the file)` }]);
      } else firstLine.set(key, row.line);
    }

    const schema = schemaProblems(row.line, c.input);

    let tenantId: string | undefined;
    if (opts.lookup && c.tenant && !has('ente')) {
      const id = await opts.lookup.tenantId(c.tenant);
      if (!id) add([{ line: row.line, column: 'ente', message: `l'ente "${c.tenant}" non esiste: controlla lo slug (unknown body)` }]);
      else {
        tenantId = id;
        const { slug: _slug, ...card } = c.input;
        try {
          await opts.lookup.validateCard(id, card);
        } catch (err) {
          if (!(err instanceof Problem)) throw err;
          add(cardProblems(row.line, err));
        }
      }
    }
    // The catalogue's messages (e.g. "unknown category") say more than the schema's pattern errors.
    add(schema);

    if (mine.length) {
      problems.push(...(row.textLine ? mine.map((p) => ({ ...p, textLine: row.textLine })) : mine));
      rejectedLines.push(row.line);
    } else {
      valid.push({ line: row.line, ...(row.textLine ? { textLine: row.textLine } : {}), tenant: c.tenant, tenantId, input: c.input });
    }
    opts.onRow?.();
  }
  return { valid, problems: sortProblems(problems), rejectedLines };
}

// ---------------------------------------------------------------------------------------------------------------
// Progress

export interface ImportIo {
  out: NodeJS.WritableStream;
  /** progress goes here: a bar when it is a terminal, a line every 10% otherwise */
  err: NodeJS.WritableStream & { isTTY?: boolean };
}

class Progress {
  private bar?: cliProgress.SingleBar;
  private done = 0;
  private lastTenth = 0;

  constructor(
    private readonly stream: ImportIo['err'],
    private readonly label: string,
    private readonly total: number,
  ) {
    if (total === 0) return;
    if (stream.isTTY) {
      this.bar = new cliProgress.SingleBar(
        { stream, format: `${label} [{bar}] {percentage}% | {value}/{total} righe`, hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0);
    }
  }

  tick() {
    this.done++;
    if (this.bar) return this.bar.increment();
    const tenth = Math.floor((this.done * 10) / this.total);
    if (tenth > this.lastTenth) {
      this.lastTenth = tenth;
      this.stream.write(`${this.label}: ${tenth * 10}% (${this.done}/${this.total} righe)\n`);
    }
  }

  stop() {
    this.bar?.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Pass 2: import, and the command

export interface ImportReport {
  file: string;
  dryRun: boolean;
  /** the file could not be imported at all (see problems) */
  refused: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** rows that were valid (dry run: would be imported) */
  valid: number;
  rejected: number;
  problems: RowProblem[];
}

/** Validates every row, then (unless dry run) writes the good ones. Does not print the summary. */
export async function importServices(
  ctx: Pick<CliContext, 'services'>,
  file: string,
  opts: { tenant?: string; dryRun?: boolean } = {},
  io: ImportIo = { out: process.stdout, err: process.stderr },
): Promise<ImportReport> {
  const report: ImportReport = {
    file, dryRun: !!opts.dryRun, refused: false, rows: 0, created: 0, updated: 0, unchanged: 0, valid: 0, rejected: 0, problems: [],
  };
  const parsed = await parseServicesFile(file);
  report.rows = parsed.rows.length;
  const fileProblems = [...parsed.problems];
  if (!fileProblems.length && !parsed.columns.includes('ente') && !opts.tenant) {
    fileProblems.push({ line: 1, message: 'il file non ha la colonna "ente": aggiungila oppure indica l\'ente con --tenant (no "ente" column: add it or use --tenant)' });
  }
  const lookup = catalogLookup(ctx);
  if (!fileProblems.length && opts.tenant && !(await lookup.tenantId(opts.tenant.toLowerCase()))) {
    fileProblems.push({ line: 0, message: `l'ente "${opts.tenant}" indicato con --tenant non esiste (unknown body)` });
  }
  if (fileProblems.length) {
    return { ...report, refused: true, problems: fileProblems };
  }

  const checking = new Progress(io.err, 'Verifica', parsed.rows.length);
  let checked: ValidationResult;
  try {
    checked = await validateRows(parsed.rows, { tenant: opts.tenant, lookup, onRow: () => checking.tick() });
  } finally {
    checking.stop();
  }
  report.valid = checked.valid.length;
  report.rejected = checked.rejectedLines.length;
  report.problems = checked.problems;
  if (opts.dryRun) return report;

  const publishedBy = `import:${path.basename(file)}`;
  const importing = new Progress(io.err, 'Importazione', checked.valid.length);
  try {
    for (const row of checked.valid) {
      try {
        report[await ctx.services.catalog.upsert({ platform: true }, row.tenantId!, row.input, publishedBy)]++;
      } catch (err) {
        report.rejected++;
        const found: RowProblem[] =
          err instanceof Problem
            ? cardProblems(row.line, err)
            : [{ line: row.line, message: `importazione non riuscita: ${err instanceof Error ? err.message : String(err)} (import failed; nothing written for this row)` }];
        report.problems.push(...found.map((p) => (row.textLine ? { ...p, textLine: row.textLine } : p)));
      }
      importing.tick();
    }
  } finally {
    importing.stop();
  }
  report.problems = sortProblems(report.problems);
  return report;
}

const rows = (n: number) => (n === 1 ? '1 riga' : `${n} righe`);

/** The report as a person reads it. */
export function formatReport(r: ImportReport): string {
  const lines: string[] = [];
  const name = path.basename(r.file);
  if (r.refused) {
    lines.push(`Il file ${name} non è stato importato: correggi questi problemi e riprova. (Nothing was imported: fix these problems and retry.)`);
    for (const p of r.problems) lines.push(`  ${formatProblem(p)}`);
    return lines.join('\n');
  }
  if (r.rows === 0) return `Il file ${name} non contiene servizi: solo l'intestazione. (No rows to import.)`;
  if (r.dryRun) {
    lines.push(`Prova senza importare (--dry-run) di ${name}: ${rows(r.rows)}. (Dry run: nothing was written.)`);
    lines.push(`  valide:   ${r.valid} (would be imported)`);
    lines.push(`  scartate: ${r.rejected} (rejected)`);
  } else {
    lines.push(`Importazione di ${name}: ${rows(r.rows)}.`);
    lines.push(`  creati:     ${r.created} (created)`);
    lines.push(`  aggiornati: ${r.updated} (updated: new version published)`);
    lines.push(`  invariati:  ${r.unchanged} (unchanged)`);
    lines.push(`  scartati:   ${r.rejected} (rejected)`);
  }
  if (r.problems.length) {
    lines.push('');
    lines.push(
      r.dryRun
        ? 'Righe scartate: correggile nel file prima di importarlo. (Rejected rows: fix them before importing.)'
        : 'Righe scartate: correggile nel file e importalo di nuovo; le righe già importate risulteranno invariate. (Rejected rows: fix them and import the file again.)',
    );
    for (const p of r.problems) lines.push(`  ${formatProblem(p)}`);
  }
  return lines.join('\n');
}

/** `sportello import services FILE`: true when every row was good. */
export async function importServicesCommand(
  ctx: Pick<CliContext, 'services'>,
  file: string,
  opts: { tenant?: string; dryRun?: boolean } = {},
  io: ImportIo = { out: process.stdout, err: process.stderr },
): Promise<boolean> {
  const report = await importServices(ctx, file, opts, io);
  io.out.write(`${formatReport(report)}\n`);
  return !report.refused && report.rejected === 0;
}
