/**
 * The district's social figures as files: CSV the way Italian Excel reads it (UTF-8 with BOM, `;` between fields,
 * comma decimals; the tables one after the other, each under its title) and an XLSX workbook with one sheet per
 * table and a sheet of notes. A hidden cell is written "<5" in both, exactly as the page shows it: the files carry
 * the same suppression as the figures they come from.
 */
import ExcelJS from 'exceljs';
import { SMALL_CELL_THRESHOLD, type Cell, type FigureRow } from '../../../contracts/social.ts';
import type { SocialFiguresReport } from './social-figures.service.ts';

/** What a hidden cell says, in the files and on the page. */
export const SUPPRESSED_TEXT = `<${SMALL_CELL_THRESHOLD}`;
export const SUPPRESSION_NOTE = `Per tutelare le persone, i valori inferiori a ${SMALL_CELL_THRESHOLD} sono nascosti ("${SUPPRESSED_TEXT}"); ` +
  'quando in una tabella un solo valore è nascosto, è nascosto anche il più piccolo dopo di esso, perché non si possa ricavare dal totale.';

type Value = string | number | null | { hidden: true };
const HIDDEN = { hidden: true } as const;
interface Table { title: string; sheet: string; headers: string[]; formats: (string | undefined)[]; rows: Value[][] }

const cell = (c: Cell): Value => (c.suppressed ? HIDDEN : c.value);
const euros = (cents: number | null, hidden: boolean): Value => (hidden ? HIDDEN : cents === null ? null : cents / 100);
const italianDate = (iso: string) => iso.split('-').reverse().join('/');

/** The figures as tables, in the order the page shows them. */
export function figureTables(f: SocialFiguresReport): Table[] {
  const breakdown = (title: string, sheet: string, first: string, rows: FigureRow[]): Table => ({
    title, sheet, headers: [first, 'Primi contatti', 'Nuove cartelle (persone)'], formats: [undefined, '0', '0'],
    rows: rows.map((r) => [r.label, cell(r.contacts), cell(r.cases)]),
  });
  const w = f.waiting;
  return [
    {
      title: 'Sintesi', sheet: 'Sintesi', headers: ['Voce', 'Valore'], formats: [undefined, '0.0'],
      rows: [
        ['Primi contatti', cell(f.totals.contacts)],
        ['Persone con una nuova cartella', cell(f.totals.newCases)],
        [`Persone in carico al ${italianDate(f.to)}`, cell(f.totals.casesInCharge)],
        ['Persone distinte (primo contatto o nuova cartella)', cell(f.totals.people)],
        ['Cartelle prese in carico nel periodo', w.suppressed ? HIDDEN : w.cases],
        ['Attesa media dal primo contatto alla presa in carico (giorni)', w.suppressed ? HIDDEN : w.meanDays],
        ['Attesa mediana (giorni)', w.suppressed ? HIDDEN : w.medianDays],
        ['Attesa al 90° percentile (giorni)', w.suppressed ? HIDDEN : w.p90Days],
      ],
    },
    breakdown('Per comune', 'Comuni', 'Comune', f.byComune),
    breakdown('Per bisogno espresso', 'Bisogni', 'Bisogno', f.byNeed),
    breakdown('Per area di intervento', 'Aree', 'Area', f.byTargetArea),
    breakdown("Per fascia d'età", 'Età', "Fascia d'età", f.byAgeBand),
    breakdown('Per mese', 'Mesi', 'Mese', f.byMonth),
    {
      title: "Interventi attivi nel periodo e spesa dell'ente", sheet: 'Interventi',
      headers: ['Codice', 'Intervento', 'Persone', 'Interventi', "Spesa a carico dell'ente (euro)"], formats: [undefined, undefined, '0', '0', '#,##0.00'],
      rows: f.interventions.map((i) => [i.code, i.name, cell(i.people), cell(i.interventions), euros(i.spendingCents, i.suppressed)]),
    },
  ];
}

// ----- CSV ---------------------------------------------------------------------------------------------------------

const DECIMALS = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2, useGrouping: false });

/** Text for a CSV field: a leading = + - @ (a formula to a spreadsheet) gets an apostrophe; quoted when needed. */
function field(text: string): string {
  const plain = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(plain) ? `"${plain.replaceAll('"', '""')}"` : plain;
}

function csvValue(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'object') return SUPPRESSED_TEXT;
  return typeof v === 'number' ? DECIMALS.format(v) : field(v);
}

function filtersText(f: SocialFiguresReport): string {
  return [f.comuneName ? `comune: ${f.comuneName}` : null, f.targetAreaLabel ? `area: ${f.targetAreaLabel}` : null].filter(Boolean).join(', ');
}

export function figuresCsv(f: SocialFiguresReport): Buffer {
  const filters = filtersText(f);
  const head = `${f.districtName}: servizi sociali dal ${italianDate(f.from)} al ${italianDate(f.to)}${filters ? ` (${filters})` : ''}`;
  const out: string[] = [field(head)];
  if (f.suppression) out.push(field(SUPPRESSION_NOTE));
  out.push('');
  for (const t of figureTables(f)) {
    out.push(field(t.title), t.headers.map(field).join(';'), ...t.rows.map((r) => r.map(csvValue).join(';')), '');
  }
  return Buffer.from(`\uFEFF${out.join('\r\n')}\r\n`, 'utf8');
}

// ----- XLSX --------------------------------------------------------------------------------------------------------

/** Bootstrap Italia's primary blue with white text: contrast above 4.5:1 */
const HEADER_FILL = 'FF0066CC';

export async function figuresXlsx(f: SocialFiguresReport, generatedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sportello';
  wb.created = generatedAt;
  for (const t of figureTables(f)) {
    const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.headers.map((header, i) => ({
      header, width: i === 0 || (t.sheet === 'Interventi' && i === 1) ? (t.sheet === 'Interventi' && i === 0 ? 10 : 48) : Math.max(14, Math.min(34, header.length + 2)),
      style: t.formats[i] ? { numFmt: t.formats[i] } : {},
    }));
    const head = ws.getRow(1);
    head.height = 36;
    head.eachCell((c) => {
      c.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
      c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    });
    for (const r of t.rows) {
      const row = ws.addRow(r.map((v) => (v !== null && typeof v === 'object' ? SUPPRESSED_TEXT : v)));
      r.forEach((v, i) => {
        if (v !== null && typeof v === 'object') row.getCell(i + 1).alignment = { horizontal: 'right' };
      });
    }
  }
  const notes = wb.addWorksheet('Note');
  notes.columns = [{ width: 34 }, { width: 110 }];
  const filters = filtersText(f);
  const lines: [string, string][] = [
    ['Ambito', f.districtName],
    ['Periodo', `dal ${italianDate(f.from)} al ${italianDate(f.to)}`],
    ['Filtri', filters || 'nessuno'],
    ['Dati aggiornati al', new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(generatedAt)],
    ['Valori nascosti', f.suppression ? SUPPRESSION_NOTE : 'nessuno: cifre esatte del proprio ambito di lavoro (assistente sociale)'],
    ['', ''],
    ['Primi contatti', 'i primi contatti del segretariato sociale nel periodo (ogni contatto conta uno)'],
    ['Nuove cartelle', 'persone distinte con una cartella sociale aperta nel periodo'],
    ['Persone in carico', "persone con una cartella presa in carico entro l'ultimo giorno del periodo e non chiusa a quella data"],
    ['Fascia d\'età', "l'età della persona il giorno del contatto o dell'apertura della cartella"],
    ['Bisogno di una cartella', 'il bisogno del primo contatto che ha aperto la cartella'],
    ['Interventi attivi', 'interventi autorizzati, in erogazione o conclusi, iniziati entro la fine del periodo e non conclusi prima del suo inizio; spesa = quota a carico dell\'ente'],
    ['Attesa', 'giorni dal primo contatto alla presa in carico, per le cartelle prese in carico nel periodo: media, mediana e 90° percentile (percentile_cont)'],
  ];
  for (const [k, v] of lines) {
    const row = notes.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
