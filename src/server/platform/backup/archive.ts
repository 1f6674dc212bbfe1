/**
 * The backup archive: a plain (uncompressed) tar, so that `tar -tvf` lists it and an operator can take it apart
 * by hand in an emergency. Its first entry is `manifest.json`; then the database dump, the files of the file store
 * and (unless left out) the keys kept in DATA_DIR. The manifest names every other entry with its size and
 * SHA-256; reading refuses anything it does not name, anything missing, and any part whose checksum differs.
 * The parts are already compressed (pg_dump's custom format, PGlite's gzip, PDFs and images), so the archive is not.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import tar from 'tar-stream';

export const MANIFEST_NAME = 'manifest.json';
export const FORMAT = 'sportello-backup';
export const FORMAT_VERSION = 1;

/** What may be inside an archive: anything else is refused, so a crafted name never reaches the file system. */
const PART_NAME = /^(?:database\.(?:pgdump|tar\.gz)|files\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}|keys\/(?:session-secret|social-data\.key|signing\/[a-z0-9][a-z0-9-]{0,62}\.pem))$/;
/** A manifest lists every file of the store (about 140 bytes each): 256 MB is far beyond any real one. */
const MANIFEST_MAX_BYTES = 256 * 1024 * 1024;

export interface BackupPart {
  name: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  /** the version of Sportello that made it (package.json) */
  sportelloVersion: string;
  database: {
    kind: 'postgres' | 'pglite';
    /** the part holding the dump: `database.pgdump` (pg_dump --format=custom) or `database.tar.gz` (PGlite's data directory) */
    part: string;
    serverVersion: string;
    serverMajor: number;
    /** what made the dump, e.g. "pg_dump (PostgreSQL) 15.20" or "PGlite 0.5.16 dumpDataDir" */
    tool: string;
    /** pg_dump's major version: pg_restore must be at least as new to read the dump */
    toolMajor: number | null;
    /** the migrations applied (schema_migrations) */
    migrations: string[];
    /** rows per table ("schema.table"), counted in the dump's own snapshot; checked again after a restore */
    tables: Record<string, number>;
  };
  keys: {
    /** the key files of DATA_DIR carried in this archive (under keys/) */
    included: string[];
    /** short fingerprints (first 8 hex digits of a SHA-256) of the keys in use when it was made, to tell a mismatch */
    fingerprints: { socialDataKey: string | null; sessionSecret: string | null };
    /** keys configured through the environment: never in the archive, the operator keeps them */
    fromEnvironment: string[];
  };
  parts: BackupPart[];
}

/** A refusal or failure the operator can act on; its message is the whole story (no stack trace needed). */
export class BackupError extends Error {}

export async function sha256OfFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

export interface PartSource {
  name: string;
  /** where the part's bytes are read from */
  file: string;
  /** permissions when restored; keys and the dump are the owner's only */
  mode: number;
}

/**
 * Writes the archive to `file`: to `file.partial` first, synced, then renamed, so that an interrupted backup never
 * leaves a file that looks complete. `manifest.parts` must describe `sources` (same names, sizes, checksums).
 */
export async function writeArchive(file: string, manifest: BackupManifest, sources: PartSource[]): Promise<void> {
  const partial = `${file}.partial`;
  const pack = tar.pack();
  const out = createWriteStream(partial, { mode: 0o600 });
  const written = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
    pack.on('error', reject);
  });
  pack.pipe(out);
  const now = new Date(manifest.createdAt);
  try {
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await new Promise<void>((resolve, reject) => {
      pack.entry({ name: MANIFEST_NAME, size: manifestBytes.length, mode: 0o600, mtime: now, type: 'file' }, manifestBytes, (err) => (err ? reject(err) : resolve()));
    });
    for (const source of sources) {
      const described = manifest.parts.find((p) => p.name === source.name);
      if (!described) throw new Error(`part ${source.name} is not in the manifest`);
      await new Promise<void>((resolve, reject) => {
        const sink = pack.entry({ name: source.name, size: described.size, mode: source.mode, mtime: now, type: 'file' }, (err) => (err ? reject(err) : resolve()));
        const input = createReadStream(source.file);
        input.on('error', (err) => {
          sink.destroy(err);
          reject(err);
        });
        input.pipe(sink);
      });
    }
    pack.finalize();
    await written;
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
  } catch (err) {
    pack.destroy();
    out.destroy();
    await rm(partial, { force: true });
    throw err;
  }
}

function checkManifest(value: unknown, file: string): BackupManifest {
  const m = value as Partial<BackupManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== FORMAT) throw new BackupError(`${file} is not a Sportello backup (its manifest is not one)`);
  if (m.formatVersion !== FORMAT_VERSION) {
    throw new BackupError(`${file} has backup format ${m.formatVersion}; this Sportello reads format ${FORMAT_VERSION}: restore it with the version that made it (${m.sportelloVersion ?? 'unknown'}) or a newer one`);
  }
  const db = m.database;
  if (!db || (db.kind !== 'postgres' && db.kind !== 'pglite') || !db.tables || typeof db.tables !== 'object' || !Array.isArray(db.migrations) ||
    !Array.isArray(m.parts) || !m.keys || !Array.isArray(m.keys.included)) {
    throw new BackupError(`${file}: its manifest is incomplete; the archive is damaged`);
  }
  const names = new Set<string>();
  for (const p of m.parts) {
    if (!p || typeof p.name !== 'string' || !PART_NAME.test(p.name) || names.has(p.name) || !Number.isInteger(p.size) || p.size < 0 || !/^[0-9a-f]{64}$/.test(p.sha256)) {
      throw new BackupError(`${file}: its manifest names an unexpected part (${String(p?.name)}); the archive is damaged or not made by Sportello`);
    }
    // a stored file's name is its content's SHA-256: a part whose checksum is another's would overwrite a file
    if (p.name.startsWith('files/') && p.name.slice(-64) !== p.sha256) {
      throw new BackupError(`${file}: its manifest gives ${p.name} another checksum than its name; the archive is damaged or not made by Sportello`);
    }
    names.add(p.name);
  }
  // the keys restored are parts checked above, never a path of the manifest's own
  for (const name of m.keys.included) {
    if (typeof name !== 'string' || !names.has(`keys/${name}`)) {
      throw new BackupError(`${file}: its manifest names a key that is not among its parts (${String(name)}); the archive is damaged or not made by Sportello`);
    }
  }
  if (!names.has(db.part)) throw new BackupError(`${file}: its manifest has no database part; the archive is damaged`);
  return m as BackupManifest;
}

/**
 * Reads and checks an archive, writing its parts under `staging` (which must not exist yet). `onManifest` runs as
 * soon as the manifest is read, before any part is written, so that a backup that cannot go into this target is
 * refused without reading the rest. Resolves with the manifest once every part is present and matches its checksum.
 */
export async function readArchive(file: string, staging: string, onManifest: (m: BackupManifest) => Promise<void>): Promise<BackupManifest> {
  if (!(await stat(file).then((s) => s.isFile(), () => false))) throw new BackupError(`${file} does not exist or is not a file`);
  await mkdir(staging, { recursive: false, mode: 0o700 });
  const extract = tar.extract();
  const input = createReadStream(file);
  input.on('error', (err) => extract.destroy(err));
  input.pipe(extract);
  let manifest: BackupManifest | null = null;
  const seen = new Set<string>();
  let entries = 0;
  try {
    for await (const entry of extract) {
      entries++;
      const { name, type } = entry.header;
      if (!manifest) {
        if (name !== MANIFEST_NAME || type !== 'file') throw new BackupError(`${file} is not a Sportello backup (it does not start with ${MANIFEST_NAME})`);
        if ((entry.header.size ?? 0) > MANIFEST_MAX_BYTES) throw new BackupError(`${file}: its manifest is too large; the archive is damaged`);
        const chunks: Buffer[] = [];
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          throw new BackupError(`${file}: its manifest cannot be read; the archive is damaged`);
        }
        manifest = checkManifest(parsed, file);
        await onManifest(manifest);
        continue;
      }
      const expected = manifest.parts.find((p) => p.name === name);
      if (!expected || type !== 'file' || seen.has(name)) {
        throw new BackupError(`${file} holds an entry its manifest does not name (${name}); the archive is damaged or was altered`);
      }
      seen.add(name);
      const target = path.join(staging, ...name.split('/'));
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const hash = createHash('sha256');
      let size = 0;
      const handle = await open(target, 'wx', name.startsWith('files/') ? 0o644 : 0o600);
      try {
        for await (const chunk of entry) {
          hash.update(chunk as Buffer);
          size += (chunk as Buffer).length;
          await handle.write(chunk as Buffer);
        }
      } finally {
        await handle.close();
      }
      const sha256 = hash.digest('hex');
      if (size !== expected.size || sha256 !== expected.sha256) {
        throw new BackupError(`${file} is damaged: ${name} does not match the checksum in the manifest (sha256 ${sha256.slice(0, 12)}…, expected ${expected.sha256.slice(0, 12)}…); nothing was restored`);
      }
    }
  } catch (err) {
    input.destroy();
    if (err instanceof BackupError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    if (entries === 0) throw new BackupError(`${file} is not a Sportello backup (not a tar archive: ${reason})`);
    throw new BackupError(`${file} is damaged or incomplete (${reason}); nothing was restored`);
  }
  if (!manifest) throw new BackupError(`${file} is not a Sportello backup (empty, or not a tar archive)`);
  const missing = manifest.parts.filter((p) => !seen.has(p.name));
  if (missing.length) {
    throw new BackupError(`${file} is incomplete: ${missing.length} part(s) named in its manifest are missing (first: ${missing[0]!.name}); it was probably cut short while copying; nothing was restored`);
  }
  return manifest;
}
