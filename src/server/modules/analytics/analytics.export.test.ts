import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AnalyticsFigures, ApplicationsDashboard } from '../../../contracts/analytics.ts';
import { toCsv, toXlsx } from './analytics.export.ts';

const figures = (over: Partial<AnalyticsFigures> = {}): AnalyticsFigures => ({
  received: 1234, inProgress: 3, waiting: 1, overdue: 2, closed: 7, approved: 5, rejected: 2, avgDays: 12.25, p90Days: 30.04,
  maxDays: 30, onTimeShare: 0.8571, integrationRate: 0.0833, ratingAverage: 4.33, ratingCount: 3, ...over,
});

const dashboard = (title: string): ApplicationsDashboard => ({
  tenant: { id: '00000000-0000-4000-8000-000000000001', name: 'Comune di Prova' }, from: '2026-08-26', to: '2026-11-24',
  generatedAt: '2026-11-24T10:00:00.000Z',
  rows: [
    { office: { id: '00000000-0000-4000-8000-000000000002', name: 'Anagrafe' }, service: { id: '00000000-0000-4000-8000-000000000003', title }, ...figures() },
    { office: null, service: { id: '00000000-0000-4000-8000-000000000004', title: 'Senza ufficio' }, ...figures({ avgDays: null, p90Days: null, onTimeShare: null, ratingAverage: null, ratingCount: 0 }) },
  ],
  totals: figures({ maxDays: null }),
});

const csvLines = (buf: Buffer) => buf.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');

describe('CSV export', () => {
  it('writes Italian numbers: comma decimals, no grouping, shares as percentages, blanks for missing figures', () => {
    const lines = csvLines(toCsv(dashboard('Carta d’identità')));
    expect(lines[1]).toBe('Anagrafe;Carta d’identità;1234;3;1;2;7;5;2;12,3;30;30;85,7;8,3;4,33;3');
    expect(lines[2]).toBe('Nessun ufficio;Senza ufficio;1234;3;1;2;7;5;2;;;30;;8,3;;0');
    expect(lines[3]).toBe('Totale;Tutti i servizi;1234;3;1;2;7;5;2;12,3;30;;85,7;8,3;4,33;3');
    expect(lines[4]).toBe('');
  });

  it('quotes separators and quotes, and keeps a spreadsheet from running a title as a formula', () => {
    expect(csvLines(toCsv(dashboard('Bonus; "famiglie"')))[1]).toMatch(/^Anagrafe;"Bonus; ""famiglie""";1234;/);
    expect(csvLines(toCsv(dashboard('=HYPERLINK("http://x")')))[1]).toMatch(/^Anagrafe;"'=HYPERLINK\(""http:\/\/x""\)";/);
    expect(csvLines(toCsv(dashboard('-1+2')))[1]).toMatch(/^Anagrafe;'-1\+2;/);
  });
});

describe('XLSX export', () => {
  it('has styled headers, number formats, the totals row in bold and a notes sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(dashboard('Carta'))) as never);
    const ws = wb.getWorksheet('Pratiche')!;
    expect(ws.getRow(1).getCell(3).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FF0066CC' } });
    expect(ws.getRow(2).getCell(3).value).toBe(1234);
    expect(ws.getRow(2).getCell(10).numFmt).toBe('0.0');
    expect(ws.getRow(2).getCell(13).numFmt).toBe('0.0%');
    expect(ws.getRow(2).getCell(15).numFmt).toBe('0.00');
    expect(ws.getRow(3).getCell(1).value).toBe('Nessun ufficio');
    expect(ws.getRow(4).getCell(1).value).toBe('Totale');
    expect(ws.getRow(4).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const notes = wb.getWorksheet('Note')!;
    expect(notes.getRow(2).getCell(2).value).toBe('dal 26/08/2026 al 24/11/2026');
  });
});
