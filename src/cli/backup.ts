import type { Command } from 'commander';
import { backupTarget, createBackup, restoreBackup } from '../server/platform/backup/backup.ts';

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function databaseLine(m: { kind: string; serverVersion: string; tables: Record<string, number> }) {
  const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
  return `${m.kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'} ${m.serverVersion}, ${Object.keys(m.tables).length} tables, ${rows} rows`;
}

/** Errors become one clear line and exit code 1, as for the other commands. */
async function report(fn: () => Promise<void>) {
  try {
    await fn();
  } catch (err) {
    console.error(`Errore: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

/**
 * `sportello backup FILE` and `sportello restore FILE` (platform/backup/). They open the database themselves
 * rather than through the CLI context: that would migrate it, and restore must find the target empty.
 */
export function declareBackupCommands(program: Command) {
  program
    .command('backup')
    .description('write the database, the files of DATA_DIR/files and the keys of DATA_DIR into one archive (the embedded database: stop Sportello first)')
    .argument('<file>', 'the archive to write (never overwritten)')
    .option('--no-keys', 'leave out the keys kept in DATA_DIR (social-data.key, session-secret, signing/): keep them elsewhere')
    .action((file: string, opts: { keys: boolean }) =>
      report(async () => {
        const result = await createBackup({ file, target: backupTarget(), includeKeys: opts.keys });
        const m = result.manifest;
        const files = m.parts.filter((p) => p.name.startsWith('files/'));
        console.log(`Backup written to ${result.file} (${megabytes(result.bytes)}): ${databaseLine(m.database)}; ` +
          `${files.length} stored files (${megabytes(files.reduce((a, p) => a + p.size, 0))}); keys: ${m.keys.included.join(', ') || 'none'}.`);
        for (const w of result.warnings) console.error(`Attenzione: ${w}.`);
      }),
    );

  program
    .command('restore')
    .description('restore an archive made by "sportello backup" into an empty database (DATABASE_URL, or DATA_DIR for the embedded one); every checksum is verified first')
    .argument('<file>', 'the archive to restore')
    .action((file: string) =>
      report(async () => {
        const result = await restoreBackup({ file, target: backupTarget() });
        const m = result.manifest;
        console.log(`Restored the backup of ${m.createdAt} (Sportello ${m.sportelloVersion}): ${databaseLine(m.database)}, every table's rows checked; ` +
          `${result.files} stored files; keys written: ${result.keys.join(', ') || 'none'}. "sportello start" applies any newer migrations.`);
        for (const w of result.warnings) console.error(`Attenzione: ${w}.`);
      }),
    );
}
