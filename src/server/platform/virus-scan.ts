/**
 * The antivirus every uploaded file passes before anything else looks at it (ClamAV).
 *
 * Two ways to reach ClamAV, one interface:
 * - clamd, the daemon, over its Unix socket or TCP with the INSTREAM command (CLAMD_URL): the signatures stay loaded,
 *   a file costs milliseconds. Production's way.
 * - the `clamscan` program, one process per file reading it on standard input (CLAMAV_DATABASE is passed to it as
 *   --database): needs no daemon, but loads the whole signature database for every file.
 * Neither configured nor installed: no scanner, and uploads are not scanned (production says so at start).
 *
 * What happens to an upload is UploadScreening's rule: an infected file is refused (422) with the signature's name,
 * recorded in the audit log without personal data, and never stored. A scan that cannot be done (no daemon, no
 * signature database, a timeout) refuses the upload in production (503, fail closed) and is accepted elsewhere with
 * one warning, so that a developer's machine with ClamAV but no signatures still works.
 *
 * The clients are written here rather than taken from the npm package `clamscan`: that package streams buffers only
 * to a daemon and needs a temporary file for the program, and probes binaries and configuration files when it starts;
 * the protocol we need is one command and a length-prefixed stream.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { AuditEntry } from './audit.ts';
import { Problem } from './errors.ts';

export type ScanResult = { clean: true } | { clean: false; signature: string };

export interface VirusScanner {
  /** what scans, for the logs: "clamd at unix:/run/clamav/clamd.ctl", "clamscan (/usr/bin/clamscan)" */
  readonly description: string;
  scan(content: Buffer, name: string): Promise<ScanResult>;
  /** Throws VirusScanError unless the scanner answers (clamd: PING; clamscan: a scan of a few clean bytes). */
  check(): Promise<void>;
}

/** The scan could not be done: the scanner is unreachable, has no signatures, failed or took too long. */
export class VirusScanError extends Error {}

export type ClamdAddress = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

/** `unix:/run/clamav/clamd.ctl` (or `unix:///…`), `tcp://host:3310` (port 3310 when left out); anything else: null. */
export function parseClamdUrl(value: string): ClamdAddress | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol === 'unix:') return url.pathname.startsWith('/') && url.pathname.length > 1 ? { kind: 'unix', path: decodeURIComponent(url.pathname) } : null;
  if (url.protocol === 'tcp:' && url.hostname && url.pathname.replace(/^\/$/, '') === '' && !url.username) {
    return { kind: 'tcp', host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : 3310 };
  }
  return null;
}

export const describeClamd = (a: ClamdAddress) => (a.kind === 'unix' ? `unix:${a.path}` : `tcp://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`);

/** Reads clamd's answers to `z` commands: text ending with a NUL byte. */
function parseStreamReply(reply: string): ScanResult {
  if (reply === 'stream: OK') return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(reply);
  if (found) return { clean: false, signature: found[1]! };
  throw new VirusScanError(`clamd answered: ${reply.slice(0, 200) || '(nothing)'}`);
}

/** clamd over its socket: `zINSTREAM\0`, chunks of `<uint32 BE length><bytes>`, a zero length, then one answer. */
export class ClamdScanner implements VirusScanner {
  private readonly timeoutMs: number;
  private readonly chunkBytes: number;

  constructor(readonly address: ClamdAddress, opts: { timeoutMs?: number; chunkBytes?: number } = {}) {
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    // clamd reads a chunk whole; 64 KiB is what its own client sends
    this.chunkBytes = opts.chunkBytes ?? 64 * 1024;
  }

  get description() {
    return `clamd at ${describeClamd(this.address)}`;
  }

  async scan(content: Buffer, _name?: string): Promise<ScanResult> {
    const reply = await this.exchange((socket) => {
      socket.write('zINSTREAM\0');
      for (let at = 0; at < content.length; at += this.chunkBytes) {
        const chunk = content.subarray(at, at + this.chunkBytes);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(chunk.length);
        socket.write(length);
        socket.write(chunk);
      }
      // no half-close: clamd answers, then closes the connection itself
      socket.write(Buffer.alloc(4));
    });
    return parseStreamReply(reply);
  }

  async check(): Promise<void> {
    const reply = await this.exchange((socket) => socket.write('zPING\0'));
    if (reply !== 'PONG') throw new VirusScanError(`clamd answered PING with: ${reply.slice(0, 200) || '(nothing)'}`);
  }

  /** One command on a connection of its own; the answer is the text before the first NUL (or before the close). */
  private exchange(send: (socket: net.Socket) => void): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = this.address.kind === 'unix' ? net.createConnection({ path: this.address.path }) : net.createConnection({ host: this.address.host, port: this.address.port });
      const chunks: Buffer[] = [];
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        const text = Buffer.concat(chunks).toString('utf8');
        const end = text.indexOf('\0');
        // clamd may answer and close while we are still sending (a stream over its StreamMaxLength): the answer counts
        if (end >= 0 || (text && !error)) return resolve((end >= 0 ? text.slice(0, end) : text).trim());
        reject(error instanceof VirusScanError ? error : new VirusScanError(`clamd at ${describeClamd(this.address)}: ${error?.message ?? 'closed without answering'}`));
      };
      socket.setTimeout(this.timeoutMs, () => finish(new VirusScanError(`clamd at ${describeClamd(this.address)} did not answer within ${this.timeoutMs / 1000} s`)));
      socket.on('connect', () => send(socket));
      socket.on('data', (data: Buffer) => {
        chunks.push(data);
        if (data.includes(0)) finish();
      });
      socket.on('error', (error) => finish(error));
      socket.on('close', () => finish());
    });
  }
}

/**
 * The `clamscan` program reading the file on standard input. Exit 0: clean; 1: found ("stdin: <signature> FOUND");
 * 2: an error (no signature database, an unreadable database). Each run loads the database, which takes memory and
 * time with the official signatures: at most `concurrency` runs at once.
 */
export class ClamscanScanner implements VirusScanner {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly timeoutMs: number;
  private readonly concurrency: number;

  constructor(private readonly opts: { binary: string; database: string | null; timeoutMs?: number; concurrency?: number }) {
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.concurrency = opts.concurrency ?? 2;
  }

  get description() {
    return `clamscan (${this.opts.binary}${this.opts.database ? `, database ${this.opts.database}` : ''})`;
  }

  async scan(content: Buffer, _name?: string): Promise<ScanResult> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await this.run(content);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  async check(): Promise<void> {
    const result = await this.scan(Buffer.from('Sportello: verifica dell\'antivirus\n'));
    if (!result.clean) throw new VirusScanError(`clamscan finds ${result.signature} in a harmless text: check its signatures`);
  }

  private run(content: Buffer): Promise<ScanResult> {
    const args = ['--no-summary', '--stdout', ...(this.opts.database ? [`--database=${this.opts.database}`] : []), '-'];
    return new Promise((resolve, reject) => {
      const child = spawn(this.opts.binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new VirusScanError(`clamscan did not finish within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      // clamscan that fails to load its database exits before reading: the broken pipe is that failure, told below
      child.stdin.on('error', () => undefined);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new VirusScanError(`clamscan could not run: ${error.message}`));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        const found = /^stdin: (.+) FOUND$/m.exec(stdout);
        if (code === 1 && found) return resolve({ clean: false, signature: found[1]!.trim() });
        if (code === 0) return resolve({ clean: true });
        const why = `${stderr}\n${stdout}`.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 3).join(' / ');
        reject(new VirusScanError(`clamscan exited with ${code}: ${why.slice(0, 300) || 'no message'}`));
      });
      child.stdin.end(content);
    });
  }
}

/** The first executable called `name` on the PATH, as a shell would find it. */
export function findExecutable(name: string, searchPath = process.env.PATH ?? ''): string | null {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export interface VirusScanConfig {
  /** CLAMD_URL: the daemon's socket */
  clamd: ClamdAddress | null;
  /** CLAMAV_DATABASE: the database directory or file clamscan loads (its own default when null) */
  database: string | null;
  /** CLAMAV_REQUIRED: start refuses to run without a scanner, and a scan that fails refuses the upload in any mode */
  required: boolean;
}

/**
 * clamd when configured; otherwise clamscan when installed. In test mode only when configured (CLAMD_URL or
 * CLAMAV_DATABASE): the suite must not depend on whether the machine has ClamAV and a signature database.
 */
export function createVirusScanner(config: VirusScanConfig, mode: string, searchPath?: string): VirusScanner | null {
  if (config.clamd) return new ClamdScanner(config.clamd);
  if (mode === 'test' && !config.database) return null;
  const binary = findExecutable('clamscan', searchPath);
  return binary ? new ClamscanScanner({ binary, database: config.database }) : null;
}

// ---- the rule for uploads ---------------------------------------------------------------------------------------

/** Which way a file came in, for the audit log and the logs. */
export type UploadChannel = 'application.attachment' | 'message.attachment' | 'delegation.document' | 'registry.import' | 'services.import';

export interface ScreenedFile {
  name: string;
  content: Uint8Array;
}

export interface ScreeningLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const cleanName = (name: string) => name.replace(/[\u0000-\u001f\u007f]/g, '_').slice(-200) || 'allegato';

export const infectedProblem = (name: string, signature: string, field: string) => {
  const detail = `Il file «${cleanName(name)}» contiene un virus (${signature}) ed è stato rifiutato. (The file contains a virus and was refused.)`;
  return new Problem(422, 'File infetto', detail, [{ path: field, message: detail }]);
};

export const antivirusUnavailable = () =>
  new Problem(503, 'Antivirus non disponibile', "L'antivirus non è disponibile e il file non è stato salvato: riprova più tardi. (The antivirus is unavailable, try again later.)");

/**
 * Every upload path calls check() first, outside any database transaction (a scan may take seconds with clamscan,
 * and on the embedded database a transaction left open would hold every other request).
 */
export class UploadScreening {
  private warnedUnavailable = false;

  constructor(
    readonly scanner: VirusScanner | null,
    private readonly opts: {
      /** refuse the upload when the scan cannot be done (production, or CLAMAV_REQUIRED) */
      failClosed: boolean;
      log: ScreeningLog;
      /** writes the refusal to the audit log in a transaction of its own (the request itself fails) */
      audit: (entry: AuditEntry) => Promise<void>;
    },
  ) {}

  /**
   * Throws 422 problem+json naming the first infected file (nothing of the upload may be kept), or 503 when a scan
   * could not be done and the deployment fails closed. `actor` is `citizen:<id>`, `operator:<id>`, `cli`…
   */
  async check(files: ScreenedFile[], where: { actor: string; channel: UploadChannel; field: string; target?: string | null }): Promise<void> {
    const scanner = this.scanner;
    if (!scanner || !files.length) return;
    const results = await Promise.all(files.map(async (file) => {
      const content = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength);
      try {
        return { file, content, result: await scanner.scan(content, file.name) };
      } catch (error) {
        return { file, content, error: error as Error };
      }
    }));
    const infected = results.find((r) => r.result && !r.result.clean);
    if (infected && infected.result && !infected.result.clean) {
      const details = {
        channel: where.channel, signature: infected.result.signature, size: infected.content.length,
        sha256: createHash('sha256').update(infected.content).digest('hex'),
      };
      // the file name may carry a person's name: neither the log nor the audit entry has it
      this.opts.log.warn({ ...details, actor: where.actor }, 'upload refused: the antivirus found a virus');
      await this.opts.audit({ tenantId: null, actor: where.actor, action: 'upload.infected', target: where.target ?? null, details })
        .catch((err: unknown) => this.opts.log.error({ err }, 'the refused upload could not be written to the audit log'));
      throw infectedProblem(infected.file.name, infected.result.signature, where.field);
    }
    const failed = results.find((r) => r.error);
    if (!failed) return;
    if (this.opts.failClosed) {
      this.opts.log.error({ err: failed.error, channel: where.channel, scanner: scanner.description }, 'upload refused: the antivirus could not scan it');
      throw antivirusUnavailable();
    }
    if (!this.warnedUnavailable) {
      this.warnedUnavailable = true;
      this.opts.log.warn({ reason: failed.error!.message, scanner: scanner.description },
        'the antivirus could not scan an upload; outside production it is accepted unscanned (this warning is given once)');
    }
  }

  /** What start says about the antivirus; throws when CLAMAV_REQUIRED and there is none. */
  async announce(mode: string, required: boolean, log: ScreeningLog & { info(obj: object, msg: string): void }): Promise<void> {
    if (!this.scanner) {
      if (required) throw new Error('CLAMAV_REQUIRED=true but no antivirus is available: set CLAMD_URL to clamd\'s socket, or install ClamAV (clamscan)');
      if (mode === 'production') log.warn({}, 'no antivirus: uploaded files are not scanned (set CLAMD_URL, or install ClamAV; CLAMAV_REQUIRED=true refuses to start without one)');
      return;
    }
    log.info({ scanner: this.scanner.description }, 'uploaded files are scanned by the antivirus');
    if (mode === 'production' && this.scanner instanceof ClamscanScanner) {
      log.warn({}, 'clamscan loads the whole signature database for every file: run clamd and set CLAMD_URL');
    }
    // not awaited by start: a daemon that comes up after us is fine, and the uploads say what happens meanwhile
    void this.scanner.check().catch((err: Error) => {
      const consequence = this.opts.failClosed ? 'uploads are refused (503) until it works' : 'uploads are accepted unscanned until it works';
      log.warn({ reason: err.message, scanner: this.scanner!.description }, `the antivirus does not work: ${consequence}`);
    });
  }
}
