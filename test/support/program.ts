/**
 * The real program as a child process, and plain HTTP requests to it, for the tests that break things on purpose
 * (a SIGKILL, a database outage): what they check is what a client of the running program sees.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { TestSession } from './auth.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: () => Record<string, unknown>;
}

/** The program, as an operator starts it (`node bin/sportello.js start`), as a child process on prepared data. */
export class ProgramProcess {
  private proc: ChildProcess | null = null;
  output = '';
  exited: Promise<void> = Promise.resolve();

  constructor(private readonly env: Record<string, string>, readonly base: string) {}

  async start(timeoutMs = 90_000) {
    const proc = spawn(process.execPath, ['bin/sportello.js', 'start'], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    this.output = '';
    proc.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    let exitCode: number | null = null;
    proc.once('exit', (code) => (exitCode = code ?? -1));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exitCode !== null) throw new Error(`the program exited (${exitCode}) before it was ready:\n${this.output.slice(-3000)}`);
      const ok = await fetch(`${this.base}/ready`).then((r) => r.status === 200, () => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`the program was not ready within ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** whether the process is still there (it has neither exited nor been killed) */
  get running(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed by the program. Synchronous, for use inside a callback. */
  kill() {
    this.proc?.kill('SIGKILL');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
    await this.exited;
    this.proc = null;
  }
}

/**
 * One HTTP request on its own connection (no keep-alive: a killed server must not leave a pooled socket behind).
 * `onResponse` runs in the tick the status line and headers arrive, before the body is read.
 */
export function request(base: string, session: TestSession, opts: { method?: string; path: string; headers?: Record<string, string>; body?: unknown },
  onResponse?: (status: number) => void): Promise<Answer> {
  const cookie = Object.entries(session.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(opts.path, base), {
      method: opts.method ?? 'GET', agent: false,
      headers: { cookie, ...session.headers, ...(payload ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    }, (res) => {
      onResponse?.(res.statusCode ?? 0);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as Record<string, unknown> });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
