/** Pass 0: reading a CSV or XLSX file into rows keyed by column (encoding, delimiter, header matching). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { COLUMN_SET, COLUMNS, REQUIRED_COLUMNS, normaliseName, type Column } from './columns.ts';
import type { RowProblem } from './problems.ts';

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

/**
 * Reads a CSV or XLSX file of services. Needs no database. `screen` (the antivirus) sees the bytes before anything
 * else does; what it says against them refuses the whole file.
 */
export async function parseServicesFile(file: string, screen?: (bytes: Buffer) => Promise<string | null>): Promise<ParsedFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'il file non esiste (file not found)' : code === 'EISDIR' ? 'è una cartella, non un file (is a directory)' : `impossibile leggere il file (cannot read the file: ${code ?? String(err)})`;
    return fileProblem(`${file}: ${why}`);
  }
  const refusal = screen ? await screen(bytes) : null;
  if (refusal) return fileProblem(refusal);
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
