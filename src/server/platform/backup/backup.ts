/**
 * `sportello backup FILE` and `sportello restore FILE`: one archive (archive.ts) with the database (PostgreSQL
 * through pg_dump, or the embedded PGlite's data directory), the file store of DATA_DIR/files (attachments,
 * issued PDFs) and, unless `--no-keys`, the keys kept in DATA_DIR that the data depends on. Restore checks every
 * part's checksum before it touches anything, and goes only into an empty database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../../db/migrate.ts';
import { FieldCipher } from '../field-cipher.ts';
import { BackupError, FORMAT, FORMAT_VERSION, readArchive, sha256OfFile, writeArchive, type BackupManifest, type BackupPart, type PartSource } from './archive.ts';
import { checkPGliteTarget, dumpPGlite, restorePGlite } from './pglite.ts';
import { checkPostgresTarget, dumpPostgres, restorePostgres, type PgTool } from './postgres.ts';

export { BackupError } from './archive.ts';

/** Where a backup is read from or restored to. */
export interface BackupTarget {
  dataDir: string;
  databaseUrl?: string;
  /** SESSION_SECRET, SOCIAL_DATA_KEY…: to tell which keys the data depends on and where they come from */
  env: NodeJS.ProcessEnv;
}

/**
 * DATA_DIR and DATABASE_URL as `loadConfig` reads them. Not loadConfig itself: restoring on a new machine is the
 * case backups exist for, and it must not wait for the rest of a production configuration (certificates, SMTP).
 */
export function backupTarget(env: NodeJS.ProcessEnv = process.env): BackupTarget {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new BackupError('DATABASE_URL must start with postgres:// (leave it unset for the embedded database)');
  return { dataDir: path.resolve(env.DATA_DIR ?? './data'), databaseUrl, env };
}

/** The key files of DATA_DIR (made there in development when the environment does not give them). */
const KEY_FILES = ['session-secret', 'social-data.key'] as const;
const SIGNING_DIR = 'signing';
/** Keys the data depends on when they come from the environment: never written anywhere by Sportello. */
const KEY_VARIABLES = ['SESSION_SECRET', 'SOCIAL_DATA_KEY', 'SOCIAL_DATA_PREVIOUS_KEYS'] as const;

const sportelloVersion = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const readText = (file: string) => readFile(file, 'utf8').then((t) => t.trim(), () => null);

/**
 * Short fingerprints of the keys a DATA_DIR and an environment put in use: the social data key's id (as in every
 * sealed value) and the first 8 hex digits of the session secret's SHA-256. They tell a mismatch, nothing more.
 */
async function keyFingerprints(dataDir: string, env: NodeJS.ProcessEnv): Promise<BackupManifest['keys']['fingerprints']> {
  const socialText = env.SOCIAL_DATA_KEY || (await readText(path.join(dataDir, 'social-data.key')));
  const socialKey = socialText ? FieldCipher.parseKey(socialText) : null;
  const secret = env.SESSION_SECRET || (await readText(path.join(dataDir, 'session-secret')));
  return {
    socialDataKey: socialKey ? FieldCipher.keyId(socialKey) : null,
    sessionSecret: secret ? createHash('sha256').update(secret).digest('hex').slice(0, 8) : null,
  };
}

/** The files of the store, DATA_DIR/files/ab/cd/<sha256> (files still being written, *.tmp, are not yet part of it). */
async function storeFiles(dataDir: string): Promise<PartSource[]> {
  const root = path.join(dataDir, 'files');
  const out: PartSource[] = [];
  const hex2 = /^[0-9a-f]{2}$/;
  for (const a of (await readdir(root).catch(() => [] as string[])).filter((n) => hex2.test(n)).sort()) {
    for (const b of (await readdir(path.join(root, a)).catch(() => [] as string[])).filter((n) => hex2.test(n)).sort()) {
      for (const name of (await readdir(path.join(root, a, b))).sort()) {
        if (/^[0-9a-f]{64}$/.test(name) && name.startsWith(a + b)) out.push({ name: `files/${a}/${b}/${name}`, file: path.join(root, a, b, name), mode: 0o644 });
      }
    }
  }
  return out;
}

async function keyFiles(dataDir: string): Promise<PartSource[]> {
  const out: PartSource[] = [];
  for (const name of KEY_FILES) {
    const file = path.join(dataDir, name);
    if (await stat(file).then((s) => s.isFile(), () => false)) out.push({ name: `keys/${name}`, file, mode: 0o600 });
  }
  for (const name of (await readdir(path.join(dataDir, SIGNING_DIR)).catch(() => [] as string[])).sort()) {
    if (/^[a-z0-9][a-z0-9-]{0,62}\.pem$/.test(name)) out.push({ name: `keys/${SIGNING_DIR}/${name}`, file: path.join(dataDir, SIGNING_DIR, name), mode: 0o600 });
  }
  return out;
}

export interface BackupReport {
  file: string;
  manifest: BackupManifest;
  bytes: number;
  warnings: string[];
}

export async function createBackup(opts: { file: string; target: BackupTarget; includeKeys: boolean }): Promise<BackupReport> {
  const { dataDir, databaseUrl, env } = opts.target;
  const out = path.resolve(opts.file);
  if (existsSync(out)) throw new BackupError(`${out} already exists: choose another name (a backup never overwrites a file)`);
  if (!existsSync(path.dirname(out))) throw new BackupError(`the folder ${path.dirname(out)} does not exist`);
  // beside the archive, not in /tmp: the dump is as large as the database and /tmp is often small
  const work = await mkdtemp(path.join(path.dirname(out), '.sportello-backup-'));
  try {
    const part = databaseUrl ? 'database.pgdump' : 'database.tar.gz';
    const dumpFile = path.join(work, part);
    const database = databaseUrl ? await dumpPostgres(databaseUrl, dumpFile) : await dumpPGlite(path.join(dataDir, 'pg'), dumpFile);
    // Listed after the database's snapshot: a file is stored before the row that points at it commits, so every
    // file the dump refers to is already here.
    const sources: PartSource[] = [{ name: part, file: dumpFile, mode: 0o600 }, ...(await storeFiles(dataDir))];
    const keys = await keyFiles(dataDir);
    if (opts.includeKeys) sources.push(...keys);
    const parts: BackupPart[] = [];
    for (const s of sources) parts.push({ name: s.name, ...(await sha256OfFile(s.file)) });
    const fromEnvironment = KEY_VARIABLES.filter((v) => env[v]);
    const manifest: BackupManifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      sportelloVersion,
      database: { ...database, part },
      keys: {
        included: opts.includeKeys ? keys.map((k) => k.name.slice('keys/'.length)) : [],
        fingerprints: await keyFingerprints(dataDir, env),
        fromEnvironment,
      },
      parts,
    };
    await writeArchive(out, manifest, sources);
    const warnings: string[] = [];
    if (manifest.keys.included.length) {
      warnings.push(`this backup holds the keys of DATA_DIR (${manifest.keys.included.join(', ')}): whoever has it can read the social services' ` +
        'encrypted records and the operators\' authenticator secrets. Keep it encrypted and access-controlled, like the keys themselves');
    } else if (keys.length) {
      warnings.push(`the keys of DATA_DIR are not in this backup (--no-keys): keep a copy of ${keys.map((k) => path.join(dataDir, k.name.slice('keys/'.length))).join(', ')} ` +
        'elsewhere. Without social-data.key the social services\' records cannot be read; without session-secret operators must set up their authenticator again');
    }
    if (fromEnvironment.length) {
      warnings.push(`${fromEnvironment.join(', ')} come from the environment and are in no backup: keep them safe; the restored data needs the same values`);
    }
    return { file: out, manifest, bytes: (await stat(out)).size, warnings };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export interface RestoreReport {
  manifest: BackupManifest;
  files: number;
  keys: string[];
  warnings: string[];
}

async function knownMigrations(): Promise<Set<string>> {
  return new Set((await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)));
}

const kindName = (kind: 'postgres' | 'pglite') => (kind === 'postgres' ? 'a PostgreSQL database' : 'the embedded database (PGlite)');

export async function restoreBackup(opts: { file: string; target: BackupTarget }): Promise<RestoreReport> {
  const { dataDir, databaseUrl, env } = opts.target;
  const file = path.resolve(opts.file);
  const kind = databaseUrl ? 'postgres' : 'pglite';
  const pgDir = path.join(dataDir, 'pg');
  if (kind === 'pglite') await checkPGliteTarget(pgDir);
  await mkdir(dataDir, { recursive: true });
  const staging = path.join(dataDir, `.restore-${randomBytes(6).toString('hex')}`);
  try {
    let restoreTool: PgTool | undefined;
    const manifest = await readArchive(file, staging, async (m) => {
      if (m.database.kind !== kind) {
        throw new BackupError(`${file} holds ${kindName(m.database.kind)} and this restore goes into ${kindName(kind)}: ` +
          (m.database.kind === 'postgres' ? 'set DATABASE_URL to an empty PostgreSQL database' : 'unset DATABASE_URL to restore into DATA_DIR') +
          ' (a backup does not move between the two kinds)');
      }
      const known = await knownMigrations();
      const unknown = m.database.migrations.filter((name) => !known.has(name));
      if (unknown.length) {
        throw new BackupError(`${file} was made by a newer Sportello (${m.sportelloVersion}; migration ${unknown[0]} is unknown here): update Sportello, then restore`);
      }
      if (kind === 'postgres') restoreTool = await checkPostgresTarget(databaseUrl!, m);
    });

    // A key file already in DATA_DIR that differs from the backup's would leave the restored data unreadable.
    for (const name of manifest.keys.included) {
      const existing = await readFile(path.join(dataDir, name)).catch(() => null);
      if (existing && !existing.equals(await readFile(path.join(staging, 'keys', name)))) {
        throw new BackupError(`${path.join(dataDir, name)} already exists and differs from the backup's: the restored data needs the backup's. ` +
          'Move that file away (keep it if other data needs it) and restore again; nothing was restored');
      }
    }

    const dumpFile = path.join(staging, manifest.database.part);
    if (kind === 'postgres') await restorePostgres(databaseUrl!, dumpFile, manifest, restoreTool!, staging);
    else await restorePGlite(pgDir, dumpFile, manifest);

    // the store is addressed by content: a file already there under the same name is the same file
    const files = manifest.parts.filter((p) => p.name.startsWith('files/'));
    for (const p of files) {
      const target = path.join(dataDir, ...p.name.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await rename(path.join(staging, ...p.name.split('/')), target);
    }
    const keys: string[] = [];
    for (const name of manifest.keys.included) {
      const target = path.join(dataDir, name);
      if (existsSync(target)) continue;
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await writeFile(target, await readFile(path.join(staging, 'keys', name)), { mode: 0o600, flag: 'wx' });
      keys.push(name);
    }

    const warnings: string[] = [];
    const now = await keyFingerprints(dataDir, env);
    const wanted = manifest.keys.fingerprints;
    if (wanted.socialDataKey && now.socialDataKey !== wanted.socialDataKey) {
      warnings.push(`the social services' records were encrypted with the key ${wanted.socialDataKey}, and this installation ` +
        `${now.socialDataKey ? `has the key ${now.socialDataKey}` : 'has none'}: set SOCIAL_DATA_KEY to the key in use when the backup was made ` +
        '(or put the current one in SOCIAL_DATA_PREVIOUS_KEYS), or those records cannot be read');
    }
    if (wanted.sessionSecret && now.sessionSecret !== wanted.sessionSecret) {
      warnings.push('SESSION_SECRET differs from the one in use when the backup was made: operators will have to set up their authenticator (TOTP) again ' +
        'and everyone signs in again; set SESSION_SECRET to the old value to avoid it');
    }
    return { manifest, files: files.length, keys, warnings };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
