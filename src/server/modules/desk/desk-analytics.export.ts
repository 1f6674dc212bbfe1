/**
 * The desk's figures as files a manager opens in a spreadsheet: CSV the way Italian Excel reads it (UTF-8 with
 * BOM, `;` between fields, comma decimals; the tables one after the other, each under its title) and an XLSX
 * workbook with one sheet per table and a sheet of notes (office, period, definitions).
 */
import ExcelJS from 'exceljs';
import { SERVICE_LEVEL, type DeskFigures } from '../../../contracts/desk.ts';

type Cell = string | number | null;
interface Table { title: string; sheet: string; headers: string[]; /** number formats per column (XLSX) */ formats: (string | undefined)[]; rows: Cell[][] }

const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00–${String(h + 1).padStart(2, '0')}:00`;

/** The figures as tables, in the order the page shows them. */
export function figureTables(f: DeskFigures): Table[] {
  const t = f.totals;
  const s = f.satisfaction;
  return [
    {
      title: 'Sintesi', sheet: 'Sintesi', headers: ['Voce', 'Valore'], formats: [undefined, '0.0'],
      rows: [
        ['Biglietti emessi', t.tickets], ['Serviti', t.served], ['Usciti senza essere serviti', t.abandoned],
        ['Quota usciti senza essere serviti (%)', t.abandonmentRate === null ? null : t.abandonmentRate * 100],
        ['Attesa media (minuti)', t.waitMeanMinutes], ['Attesa al 90° percentile (minuti)', t.waitP90Minutes],
        ['Appuntamenti', t.appointments], ['Appuntamenti senza presentarsi', t.noShowAppointments],
        ['Valutazioni: soddisfatto', s.satisfied], ['Valutazioni: così così', s.neutral], ['Valutazioni: insoddisfatto', s.unsatisfied],
        ['Quota soddisfatti (%)', s.score === null ? null : s.score * 100],
      ],
    },
    {
      title: `Personale per fascia oraria (obiettivo: ${SERVICE_LEVEL.share * 100}% chiamati entro ${SERVICE_LEVEL.withinMinutes} minuti)`, sheet: 'Personale per ora',
      headers: ['Fascia oraria', 'Arrivi all\'ora', 'Durata media del servizio (minuti)', 'Sportelli necessari (Erlang C)', 'Sportelli aperti in media', 'Chiamati entro 10 minuti con gli aperti (%)', 'Sportelli mancanti'],
      formats: [undefined, '0.0', '0.0', '0', '0.0', '0.0', '0.0'],
      rows: f.staffing.map((h) => [
        hourLabel(h.hour), h.arrivalsPerHour, h.meanServiceMinutes, h.countersNeeded, h.countersOpen,
        h.serviceLevelWithOpen === null ? null : h.serviceLevelWithOpen * 100,
        h.countersNeeded === null ? null : Math.max(0, Number((h.countersNeeded - h.countersOpen).toFixed(1))),
      ]),
    },
    {
      title: 'Attese e servizio per categoria', sheet: 'Categorie',
      headers: ['Lettera', 'Categoria', 'Biglietti', 'Serviti', 'Usciti senza essere serviti', 'Attesa media (minuti)', 'Attesa 90° percentile (minuti)', 'Durata media del servizio (minuti)'],
      formats: [undefined, undefined, '0', '0', '0', '0.0', '0.0', '0.0'],
      rows: f.categories.map((c) => [c.prefix, c.name, c.tickets, c.served, c.abandoned, c.waitMeanMinutes, c.waitP90Minutes, c.serviceMeanMinutes]),
    },
    { title: 'Arrivi per fascia oraria (totale del periodo)', sheet: 'Arrivi per ora', headers: ['Fascia oraria', 'Biglietti'], formats: [undefined, '0'], rows: f.arrivals.byHour.map((r) => [hourLabel(r.hour), r.count]) },
    { title: 'Arrivi per giorno', sheet: 'Arrivi per giorno', headers: ['Giorno', 'Biglietti'], formats: [undefined, '0'], rows: f.arrivals.byDay.map((r) => [r.day, r.count]) },
    { title: 'Arrivi per settimana (ISO)', sheet: 'Arrivi per settimana', headers: ['Settimana', 'Biglietti'], formats: [undefined, '0'], rows: f.arrivals.byWeek.map((r) => [r.week, r.count]) },
  ];
}

const italian = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1, useGrouping: false });
/** a text field: quoted when needed; a leading = + - @ (a formula to a spreadsheet) neutralised with an apostrophe */
function csvText(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
const csvCell = (v: Cell) => (v === null ? '' : typeof v === 'number' ? italian.format(v) : csvText(v));

export function figuresCsv(f: DeskFigures & { officeName: string }): Buffer {
  const lines = [csvText(`${f.officeName}: dal ${f.from} al ${f.to}`), ''];
  for (const t of figureTables(f)) {
    lines.push(csvText(t.title), t.headers.map(csvText).join(';'), ...t.rows.map((r) => r.map(csvCell).join(';')), '');
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

const DEFINITIONS: [string, string][] = [
  ['Attesa', 'dal biglietto alla prima chiamata; media e 90° percentile (percentile_cont)'],
  ['Durata del servizio', "dall'ultima chiamata alla conclusione, per i biglietti serviti"],
  ['Usciti senza essere serviti', 'assenti alla chiamata, biglietti annullati, o mai chiamati entro la fine della giornata'],
  ['Appuntamenti senza presentarsi', 'appuntamenti non annullati di giorni passati senza accettazione al totem'],
  ['Arrivi all\'ora', "biglietti emessi in quella fascia oraria per ora di apertura, in media sui giorni in cui l'ufficio era aperto in quella fascia"],
  ['Sportelli aperti in media', "dalle sessioni degli sportelli: minuti-sportello diviso minuti di apertura nella fascia"],
  ['Sportelli necessari', `il numero minimo di sportelli che, con gli arrivi e la durata media osservati, chiama il ${SERVICE_LEVEL.share * 100}% delle persone entro ${SERVICE_LEVEL.withinMinutes} minuti secondo il modello di Erlang C (arrivi casuali, ogni sportello serve ogni categoria: è un minimo)`],
  ['Chiamati entro 10 minuti con gli aperti', 'la quota che il modello di Erlang C prevede con gli sportelli aperti in media'],
];

export async function figuresXlsx(f: DeskFigures & { officeName: string }, generatedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sportello';
  wb.created = generatedAt;
  for (const t of figureTables(f)) {
    const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.headers.map((header, i) => ({ header, width: i === 0 ? 34 : Math.max(14, Math.min(30, header.length + 2)), style: t.formats[i] ? { numFmt: t.formats[i] } : {} }));
    const head = ws.getRow(1);
    head.height = 45;
    head.eachCell((cell) => {
      cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      // Bootstrap Italia's primary blue with white text: contrast above 4.5:1
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0066CC' } };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    });
    for (const r of t.rows) ws.addRow(r);
  }
  const notes = wb.addWorksheet('Note');
  notes.columns = [{ width: 34 }, { width: 100 }];
  for (const [k, v] of [['Ufficio', f.officeName], ['Periodo', `dal ${f.from} al ${f.to}`],
    ['Dati aggiornati al', new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(generatedAt)], ['', ''], ...DEFINITIONS]) {
    const row = notes.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
