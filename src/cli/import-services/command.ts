/** Pass 2 and the command: progress output, writing the valid rows, and the summary a person reads. */
import path from 'node:path';
import cliProgress from 'cli-progress';
import { Problem } from '../../server/platform/errors.ts';
import type { CliContext } from '../context.ts';
import { formatProblem, sortProblems, type RowProblem } from './problems.ts';
import { parseServicesFile } from './read-file.ts';
import { cardProblems, catalogLookup, validateRows, type ValidationResult } from './validate.ts';

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
  const screening = ctx.services.uploadScreening;
  const parsed = await parseServicesFile(file, screening && (async (bytes) => {
    try {
      await screening.check([{ name: path.basename(file), content: bytes }], { actor: 'cli', channel: 'services.import', field: 'file' });
      return null;
    } catch (err) {
      if (err instanceof Problem) return err.detail;
      throw err;
    }
  }));
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
