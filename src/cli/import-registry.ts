/**
 * `sportello import registry FILE --tenant SLUG [--report bad-rows.csv] [--dry-run]`: loads a body's population
 * register (anagrafe) from its registry software's CSV export. The columns, the checks and how rows are written
 * are described in src/server/modules/registry/registry-import.rows.ts and registry-import.service.ts.
 *
 * Progress goes to standard error (a bar on a terminal, a line every 10% otherwise); the summary and the first
 * refused rows to standard output; with --report, every refused row to a CSV file (riga;codice_fiscale;motivo).
 * Exit code: 0 every row loaded, 2 some rows refused (the others loaded), 1 the file could not be loaded at all.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { RegistryImportReport } from '../server/modules/registry/registry-import.service.ts';
import type { RejectedRow } from '../server/modules/registry/registry-import.rows.ts';
import { Problem } from '../server/platform/errors.ts';
import type { CliContext } from './context.ts';

export interface RegistryImportIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface RegistryImportOptions {
  tenant?: string;
  report?: string;
  dryRun?: boolean;
  /** rows per INSERT (tests) */
  batchSize?: number;
}

/** How many refused rows the summary lists; the report file has them all. */
export const ROWS_ON_SCREEN = 20;

/** A bar on a terminal, otherwise a line at every tenth. */
function progress(stream: RegistryImportIo['err'], label: string) {
  let bar: cliProgress.SingleBar | undefined;
  let lastTenth = 0;
  return {
    update(done: number, total: number) {
      if (stream.isTTY) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { stream, format: `${label} [{bar}] {percentage}% | {value}/{total} righe`, hideCursor: true, clearOnComplete: false },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0);
        }
        bar.update(done);
        return;
      }
      const tenth = Math.floor((done * 10) / total);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${label}: ${tenth * 10}% (${done}/${total} righe)\n`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

const csvCell = (value: string) => (/[;"\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The refused rows as a CSV a spreadsheet opens (UTF-8 with BOM, ";"). */
export function rejectedCsv(rows: readonly RejectedRow[]): string {
  const lines = ['riga;codice_fiscale;motivo', ...rows.map((r) => [String(r.line), r.fiscalCode ?? '', r.reason].map(csvCell).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The summary as a person reads it. */
export function formatRegistryReport(r: RegistryImportReport, opts: { tenantName: string; reportFile?: string }): string {
  const lines: string[] = [];
  lines.push(r.dryRun
    ? `Prova di caricamento (--dry-run) dell'anagrafe di ${opts.tenantName} da ${r.fileName}: nulla è stato scritto. (Dry run: nothing written.)`
    : `Caricamento dell'anagrafe di ${opts.tenantName} da ${r.fileName}.`);
  lines.push(`  righe lette: ${r.rows} (rows read)`);
  lines.push(r.dryRun
    ? `  caricabili:  ${r.loaded} (would be loaded)`
    : `  caricate:    ${r.loaded} (loaded: ${r.created} nuove, ${r.updated} aggiornate, ${r.unchanged} invariate / new, updated, unchanged)`);
  lines.push(`  scartate:    ${r.rejected.length} (refused)`);
  if (r.ignoredColumns.length) {
    lines.push(`Colonne ignorate, non previste dal caricamento: ${r.ignoredColumns.join(', ')} (unknown columns, not loaded)`);
  }
  if (r.rejected.length) {
    const shown = r.rejected.slice(0, ROWS_ON_SCREEN);
    const where = opts.reportFile ? `; tutte in ${opts.reportFile}` : '; tutte con --report FILE.csv';
    lines.push('');
    lines.push(r.rejected.length > shown.length
      ? `Righe scartate (le prime ${shown.length} di ${r.rejected.length}${where}):`
      : `Righe scartate${opts.reportFile ? ` (anche in ${opts.reportFile})` : ''}:`);
    for (const row of shown) lines.push(`  riga ${row.line}${row.fiscalCode ? ` (${row.fiscalCode})` : ''}: ${row.reason}`);
    if (!r.dryRun) lines.push('Correggi le righe nel file e caricalo di nuovo: le persone già caricate restano invariate. (Fix them and load the file again.)');
  }
  return lines.join('\n');
}

/** `sportello import registry FILE`: the exit code (0 all loaded, 2 some rows refused, 1 nothing could be loaded). */
export async function importRegistryCommand(
  ctx: Pick<CliContext, 'services'>,
  file: string,
  opts: RegistryImportOptions,
  io: RegistryImportIo = { out: process.stdout, err: process.stderr },
): Promise<0 | 1 | 2> {
  const fail = (message: string) => {
    io.err.write(`Errore: ${message}\n`);
    return 1 as const;
  };
  if (!opts.tenant) return fail('indica l\'ente dell\'anagrafe con --tenant SLUG, ad esempio --tenant comune-di-castelrocca (the body is required)');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(`${file}: ${code === 'ENOENT' ? 'il file non esiste (file not found)' : code === 'EISDIR' ? 'è una cartella, non un file (is a directory)' : `impossibile leggere il file (cannot read it: ${code ?? String(err)})`}`);
  }
  let tenant: { id: string; name: string };
  try {
    tenant = await ctx.services.tenants.get(opts.tenant);
  } catch (err) {
    if (err instanceof Problem && err.status === 404) return fail(`l'ente "${opts.tenant}" non esiste: usa lo slug di un ente, ad esempio comune-di-castelrocca (unknown body)`);
    throw err;
  }

  const bar = progress(io.err, 'Caricamento');
  let report: RegistryImportReport;
  try {
    report = await ctx.services.registryImport.importFile({
      tenantId: tenant.id, fileName: path.basename(file), bytes, actor: 'cli', dryRun: opts.dryRun, batchSize: opts.batchSize,
      onProgress: (done, total) => bar.update(done, total),
    });
  } catch (err) {
    // 400: the file cannot be read as a register; 422: the antivirus found a virus; 503: it could not scan
    if (err instanceof Problem && [400, 422, 503].includes(err.status)) return fail(err.detail);
    throw err;
  } finally {
    bar.stop();
  }
  if (opts.report) await writeFile(opts.report, rejectedCsv(report.rejected));
  io.out.write(`${formatRegistryReport(report, { tenantName: tenant.name, reportFile: opts.report })}\n`);
  return report.rejected.length ? 2 : 0;
}
