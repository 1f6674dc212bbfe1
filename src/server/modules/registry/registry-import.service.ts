import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest } from '../../platform/errors.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { UploadScreening } from '../../platform/virus-scan.ts';
import { RegistryImportRepository, writtenColumns } from './registry-import.repository.ts';
import { checkRows, headlessReason, parseRegistryCsv, type RegistryRecord, type RejectedRow } from './registry-import.rows.ts';

/** People written per INSERT … ON CONFLICT statement: 500 rows of 16 values, far below the 65,535 parameters allowed. */
export const REGISTRY_BATCH = 500;
/** Family sheets asked about per query. */
const FAMILIES_PER_QUERY = 5000;

export interface RegistryImportReport {
  /** the registry_imports row (null for a dry run) */
  importId: string | null;
  fileName: string;
  sha256: string;
  dryRun: boolean;
  /** rows of people in the file (blank lines aside) */
  rows: number;
  /** rows accepted: created + updated + unchanged (dry run: would be) */
  loaded: number;
  created: number;
  updated: number;
  unchanged: number;
  /** in file order */
  rejected: RejectedRow[];
  /** header names the load does not know, left out */
  ignoredColumns: string[];
  /** INSERT statements that wrote the rows (one per batch) */
  batches: number;
}

export interface RegistryImportInput {
  tenantId: string;
  /** shown in reports and kept with the load (the name, not the path) */
  fileName: string;
  bytes: Uint8Array;
  /** who loads it, for the audit log: `cli`, `operator:<id>` */
  actor: string;
  /** check and report, write nothing */
  dryRun?: boolean;
  batchSize?: number;
  /** after each batch written: rows done so far of those to write */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Loading a body's population register (anagrafe) from its registry software's CSV export: every row checked
 * (registry-import.rows.ts), the good ones written in batches, the refused ones reported with their line and a
 * reason, never stopping the rest. One load is one transaction in the body's scope: the people, the record of
 * the load (registry_imports) and the audit entry commit together. Loading the same file again changes nothing.
 */
export class RegistryImportService {
  constructor(private readonly db: Kysely<DB>, private readonly uploadScreening?: UploadScreening) {}

  async importFile(input: RegistryImportInput): Promise<RegistryImportReport> {
    // the antivirus before the file is read
    await this.uploadScreening?.check([{ name: input.fileName, content: input.bytes }], { actor: input.actor, channel: 'registry.import', field: 'file' });
    const parsed = parseRegistryCsv(input.bytes);
    if (!parsed.ok) throw badRequest(`Il file ${input.fileName} non è stato caricato: ${parsed.problem}.`);
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const checked = checkRows(parsed.rows, { today: clock.today(), columns: parsed.columns });
    const columns = writtenColumns(parsed.columns);

    return inScope(this.db, { tenantId: input.tenantId }, async (trx) => {
      const repo = new RegistryImportRepository(trx);
      const rejected = [...checked.rejected];
      const refusedLines = new Set<number>();
      const refuse = (line: number, fiscalCode: string, reason: string) => {
        rejected.push({ line, fiscalCode, reason });
        refusedLines.add(line);
      };

      // One head per sheet, with the register's heads: a sheet the file brings without its head must have one
      // already, and a head in the file must not be a second one beside a head the file leaves in place.
      const inFile = new Map(checked.valid.map((v) => [v.record.fiscalCode, v.record]));
      const fileHeads = checked.valid.filter((v) => v.record.familyRelation === 'intestatario');
      const asked = [...new Set([...checked.headless.keys(), ...fileHeads.map((h) => h.record.familyId)])];
      const registerHeads = new Map<string, string[]>();
      for (let i = 0; i < asked.length; i += FAMILIES_PER_QUERY) {
        for (const h of await repo.headsOf(input.tenantId, asked.slice(i, i + FAMILIES_PER_QUERY))) {
          // a head the file moves elsewhere or makes a member no longer heads this sheet
          const moved = inFile.get(h.fiscal_code);
          if (moved && (moved.familyId !== h.family_id || moved.familyRelation !== 'intestatario')) continue;
          registerHeads.set(h.family_id, [...(registerHeads.get(h.family_id) ?? []), h.fiscal_code]);
        }
      }
      const codeAt = new Map(checked.valid.map((v) => [v.line, v.record.fiscalCode]));
      for (const [familyId, lines] of checked.headless) {
        if (registerHeads.has(familyId)) continue;
        for (const line of lines) refuse(line, codeAt.get(line)!, headlessReason(familyId));
      }
      for (const h of fileHeads) {
        if ((registerHeads.get(h.record.familyId) ?? []).some((code) => code !== h.record.fiscalCode)) {
          refuse(h.line, h.record.fiscalCode,
            `la scheda di famiglia ${h.record.familyId} ha già un altro intestatario nell'anagrafe, che il file non cambia: includi nel file anche la sua riga con la nuova relazione (the sheet already has another head)`);
        }
      }
      rejected.sort((a, b) => a.line - b.line);
      const good = checked.valid.filter((v) => !refusedLines.has(v.line)).map((v) => v.record);

      const report: RegistryImportReport = {
        importId: null, fileName: input.fileName, sha256, dryRun: !!input.dryRun, rows: parsed.rows.length,
        loaded: good.length, created: 0, updated: 0, unchanged: 0, rejected, ignoredColumns: parsed.ignored, batches: 0,
      };
      if (input.dryRun) return report;

      const startedAt = clock.now();
      report.importId = await repo.createImport({ tenantId: input.tenantId, fileName: input.fileName, sha256, startedAt });
      const written = await writeBatches(repo, input.tenantId, good, { columns, importId: report.importId, batchSize: input.batchSize, onProgress: input.onProgress });
      report.created = written.created;
      report.updated = written.updated;
      report.unchanged = good.length - written.created - written.updated;
      report.batches = written.statements;
      await repo.finishImport(report.importId, { finishedAt: clock.now(), total: report.rows, loaded: report.loaded, rejected });
      await appendAudit(trx, {
        tenantId: input.tenantId, actor: input.actor, action: 'registry.imported', target: `registry_import:${report.importId}`,
        details: { sha256, rows: report.rows, loaded: report.loaded, created: report.created, updated: report.updated, unchanged: report.unchanged, rejected: rejected.length },
      });
      return report;
    });
  }

  /**
   * Writes people already checked (the demo's synthetic residents) by the same batched statements as a file,
   * without recording a load: their import_id stays null, as for people entered by hand.
   */
  loadRecords(tenantId: string, records: readonly RegistryRecord[], opts: { batchSize?: number } = {}) {
    return inScope(this.db, { tenantId }, (trx) =>
      writeBatches(new RegistryImportRepository(trx), tenantId, records, { columns: writtenColumns('all'), importId: null, batchSize: opts.batchSize }));
  }

  /** A body's loads, the latest first. */
  history(tenantId: string, limit = 20) {
    return inScope(this.db, { tenantId }, (trx) => new RegistryImportRepository(trx).imports(tenantId, limit));
  }
}

async function writeBatches(
  repo: RegistryImportRepository,
  tenantId: string,
  records: readonly RegistryRecord[],
  opts: { columns: ReturnType<typeof writtenColumns>; importId: string | null; batchSize?: number; onProgress?: (done: number, total: number) => void },
) {
  const size = Math.max(1, opts.batchSize ?? REGISTRY_BATCH);
  const totals = { created: 0, updated: 0, statements: 0 };
  for (let i = 0; i < records.length; i += size) {
    const batch = records.slice(i, i + size);
    const { created, updated } = await repo.upsertPeople(tenantId, batch, { columns: opts.columns, importId: opts.importId });
    totals.created += created;
    totals.updated += updated;
    totals.statements++;
    opts.onProgress?.(Math.min(i + size, records.length), records.length);
  }
  return totals;
}
