/**
 * The dashboard as files a manager opens in a spreadsheet: CSV the way Italian Excel reads it (UTF-8 with BOM,
 * `;` between fields, comma decimals) and an XLSX workbook with styled headers, widths and number formats.
 * One row per office × service, then the totals row.
 */
import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, type AnalyticsFigures, type ApplicationsDashboard, type ExportColumnKey } from '../../../contracts/analytics.ts';

type Kind = 'text' | 'int' | 'days' | 'share' | 'rating';
const KIND: Record<ExportColumnKey, Kind> = {
  office: 'text', service: 'text', received: 'int', inProgress: 'int', waiting: 'int', overdue: 'int', closed: 'int',
  approved: 'int', rejected: 'int', avgDays: 'days', p90Days: 'days', maxDays: 'int', onTimeShare: 'share',
  integrationRate: 'share', ratingAverage: 'rating', ratingCount: 'int',
};

export const NO_OFFICE = 'Nessun ufficio';
export const TOTAL_LABEL = 'Totale';
const ALL_SERVICES = 'Tutti i servizi';

type Line = Record<ExportColumnKey, string | number | null>;

function lines(d: ApplicationsDashboard): Line[] {
  const line = (office: string, service: string, f: AnalyticsFigures): Line => ({ office, service, ...pick(f) });
  return [
    ...d.rows.map((r) => line(r.office?.name ?? NO_OFFICE, r.service.title, r)),
    line(TOTAL_LABEL, ALL_SERVICES, d.totals),
  ];
}

function pick(f: AnalyticsFigures): Omit<Line, 'office' | 'service'> {
  const { received, inProgress, waiting, overdue, closed, approved, rejected, avgDays, p90Days, maxDays, onTimeShare,
    integrationRate, ratingAverage, ratingCount } = f;
  return { received, inProgress, waiting, overdue, closed, approved, rejected, avgDays, p90Days, maxDays, onTimeShare,
    integrationRate, ratingAverage, ratingCount };
}

// ----- CSV ---------------------------------------------------------------------------------------------------------

const italian = (digits: number) => new Intl.NumberFormat('it-IT', { minimumFractionDigits: 0, maximumFractionDigits: digits, useGrouping: false });
const ONE = italian(1);
const TWO = italian(2);

/** A number as Italian Excel reads it: comma decimals, no thousands separator; shares as percentages. */
function csvNumber(kind: Kind, v: number | null): string {
  if (v === null) return '';
  switch (kind) {
    case 'share': return ONE.format(v * 100);
    case 'days': return ONE.format(v);
    case 'rating': return TWO.format(v);
    default: return String(v);
  }
}

/**
 * A text field: quoted when it holds the separator, quotes or line breaks; a leading = + - @ (which a spreadsheet
 * would run as a formula) is neutralised with an apostrophe.
 */
function csvText(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(d: ApplicationsDashboard): Buffer {
  const out = [EXPORT_COLUMNS.map((c) => csvText(c.header)).join(';')];
  for (const l of lines(d)) {
    out.push(EXPORT_COLUMNS.map((c) => (KIND[c.key] === 'text' ? csvText(String(l[c.key] ?? '')) : csvNumber(KIND[c.key], l[c.key] as number | null))).join(';'));
  }
  return Buffer.from(`\uFEFF${out.join('\r\n')}\r\n`, 'utf8');
}

// ----- XLSX --------------------------------------------------------------------------------------------------------

const NUMBER_FORMAT: Record<Kind, string | undefined> = { text: undefined, int: '0', days: '0.0', share: '0.0%', rating: '0.00' };
const WIDTH: Record<Kind, number> = { text: 34, int: 14, days: 14, share: 16, rating: 14 };
/** Bootstrap Italia's primary blue, white text: the header contrast is above 4.5:1 */
const HEADER_FILL = 'FF0066CC';

const DEFINITIONS: [string, string][] = [
  ['Ricevute nel periodo', 'pratiche presentate nel periodo (qualunque sia lo stato oggi, anche ritirate)'],
  ['In lavorazione oggi', 'pratiche oggi presentate, protocollate o in lavorazione, qualunque sia il periodo'],
  ['In attesa del cittadino oggi', 'pratiche oggi sospese per una richiesta di integrazione (il termine non corre)'],
  ['Scadute oggi', 'pratiche oggi aperte (presentate, protocollate, in lavorazione) con la scadenza già passata'],
  ['Concluse nel periodo', 'pratiche accolte o respinte nel periodo'],
  ['Giorni di lavorazione', "giorni di calendario dalla presentazione all'esito, meno i giorni di sospensione; media e 90° percentile sulle concluse nel periodo"],
  ['Termine massimo di legge', 'i giorni massimi indicati nella scheda del servizio'],
  ['Concluse nei termini', "quota delle concluse nel periodo con l'esito entro la scadenza"],
  ['Con richiesta di integrazione', 'quota delle ricevute nel periodo per cui è stata chiesta almeno una integrazione'],
  ['Valutazione media', 'media dei voti (da 1 a 5) dei cittadini sulle pratiche ricevute nel periodo'],
];

const italianDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

export async function toXlsx(d: ApplicationsDashboard): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sportello';
  wb.created = new Date(d.generatedAt);
  const ws = wb.addWorksheet('Pratiche', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ws.columns = EXPORT_COLUMNS.map((c) => ({
    header: c.header, key: c.key, width: WIDTH[KIND[c.key]],
    style: NUMBER_FORMAT[KIND[c.key]] ? { numFmt: NUMBER_FORMAT[KIND[c.key]] } : {},
  }));
  const header = ws.getRow(1);
  header.height = 45;
  header.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  const all = lines(d);
  for (const l of all) ws.addRow(l);
  const totals = ws.getRow(all.length + 1);
  totals.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = { bold: true };
    cell.border = { top: { style: 'thin' } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, all.length), column: EXPORT_COLUMNS.length } };

  const notes = wb.addWorksheet('Note');
  notes.columns = [{ width: 32 }, { width: 100 }];
  const info: [string, string][] = [
    ['Ente', d.tenant.name],
    ['Periodo', `dal ${italianDate(d.from)} al ${italianDate(d.to)}`],
    ['Dati aggiornati al', new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(new Date(d.generatedAt))],
    ['', ''],
    ...DEFINITIONS,
  ];
  for (const [k, v] of info) {
    const row = notes.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
