import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPGlite } from '../src/server/db/connection.ts';
import { freshDatabase } from './support/db.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../bin/sportello.js');

describe('sportello audit verify and token commands', () => {
  it('verifies an intact chain, reports a tampered entry with exit code 1; creates and revokes a token', async () => {
    const dataDir = path.join(tmpdir(), `sportello-cli-audit-${process.pid}`);
    const pgDatabase = process.env.DATABASE_URL ? await freshDatabase() : undefined;
    await pgDatabase?.close();
    const env = { ...process.env, DATA_DIR: dataDir, SPORTELLO_MODE: 'test', LOG_LEVEL: 'silent', ...(pgDatabase ? { DATABASE_URL: pgDatabase.url } : {}) };
    try {
      await run(process.execPath, [bin, 'seed', '--demo'], { env, maxBuffer: 50e6 });
      const created = await run(process.execPath, [bin, 'token', 'create', '--tenant', 'comune-di-valdoro', '--role', 'manager', '--days', '7'], { env });
      expect(created.stdout.trim()).toMatch(/^spt_[A-Za-z0-9_-]{40,}$/);
      const id = /Token id ([0-9a-f-]{36})/.exec(created.stderr)?.[1];
      expect(id).toBeTruthy();
      expect((await run(process.execPath, [bin, 'token', 'revoke', '--tenant', 'comune-di-valdoro', id!], { env })).stdout).toContain('revoked');
      const again = await run(process.execPath, [bin, 'token', 'revoke', '--tenant', 'comune-di-valdoro', id!], { env }).catch((e) => e);
      expect(again.code).toBe(1);

      const ok = await run(process.execPath, [bin, 'audit', 'verify'], { env });
      expect(ok.stdout).toMatch(/Audit log intact: \d+ entries, head [0-9a-f]{64}/);

      // an attacker with the owner's rights edits an entry behind the application's back
      const tamper = "UPDATE audit_log SET details = jsonb_set(details, '{roles}', '[\"platform_admin\"]') WHERE seq = 2";
      if (pgDatabase) {
        const owner = new pg.Client({ connectionString: pgDatabase.url });
        await owner.connect();
        await owner.query(tamper);
        await owner.end();
      } else {
        const db = await createPGlite({ pgliteDir: path.join(dataDir, 'pg') });
        await db.exec(tamper);
        await db.close();
      }
      const bad = await run(process.execPath, [bin, 'audit', 'verify'], { env }).catch((e) => e);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/TAMPERED/);
      expect(bad.stderr).toMatch(/entry 2: content changed/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
