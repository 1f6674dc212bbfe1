import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** pgbench on PATH, or in the newest /usr/lib/postgresql/<version>/bin (Debian keeps it there). */
export async function findPgbench(): Promise<string | null> {
  try {
    return (await run('sh', ['-c', 'command -v pgbench'])).stdout.trim() || null;
  } catch {
    const dirs = await readdir('/usr/lib/postgresql').catch(() => [] as string[]);
    for (const d of dirs.sort().reverse()) {
      const p = `/usr/lib/postgresql/${d}/bin/pgbench`;
      if (existsSync(p)) return p;
    }
    return null;
  }
}
