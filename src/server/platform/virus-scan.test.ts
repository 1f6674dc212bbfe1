import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clamscanOrSkip, eicar, eicarDatabase, EICAR_SIGNATURE, emptyDatabase } from '../../../test/support/eicar.ts';
import type { AuditEntry } from './audit.ts';
import { Problem } from './errors.ts';
import {
  ClamdScanner, ClamscanScanner, createVirusScanner, parseClamdUrl, UploadScreening, VirusScanError,
  type ScanResult, type VirusScanner,
} from './virus-scan.ts';

/**
 * A stand-in for clamd that speaks its protocol: `zINSTREAM\0`, chunks `<uint32 BE length><bytes>`, a zero length,
 * then `stream: OK\0` or `stream: <name> FOUND\0`; `zPING\0` → `PONG\0`. It keeps what each stream carried.
 */
class FakeClamd {
  readonly server: net.Server;
  readonly streams: { bytes: Buffer; chunks: number }[] = [];
  /** how to answer a stream; a function of what it carried */
  answer: (bytes: Buffer) => string | null = (bytes) => (bytes.includes(eicar()) ? `stream: ${EICAR_SIGNATURE} FOUND` : 'stream: OK');

  constructor() {
    this.server = net.createServer((socket) => {
      let buffered = Buffer.alloc(0);
      let command: string | null = null;
      const parts: Buffer[] = [];
      socket.on('data', (data: Buffer) => {
        buffered = Buffer.concat([buffered, data]);
        if (command === null) {
          const end = buffered.indexOf(0);
          if (end < 0) return;
          command = buffered.subarray(0, end).toString('latin1');
          buffered = buffered.subarray(end + 1);
          if (command === 'zPING') return void socket.end('PONG\0');
          if (command !== 'zINSTREAM') return void socket.end('UNKNOWN COMMAND\0');
        }
        while (buffered.length >= 4) {
          const length = buffered.readUInt32BE(0);
          if (length === 0) {
            const bytes = Buffer.concat(parts);
            this.streams.push({ bytes, chunks: parts.length });
            const reply = this.answer(bytes);
            // null: say nothing and keep the connection open (a daemon that hangs)
            if (reply !== null) socket.end(`${reply}\0`);
            buffered = Buffer.alloc(0);
            return;
          }
          if (buffered.length < 4 + length) return;
          parts.push(Buffer.from(buffered.subarray(4, 4 + length)));
          buffered = buffered.subarray(4 + length);
        }
      });
      socket.on('error', () => undefined);
    });
  }

  listen(where: { path: string } | { port: number; host: string }) {
    return new Promise<void>((resolve) => this.server.listen(where, resolve));
  }

  get port() {
    return (this.server.address() as net.AddressInfo).port;
  }

  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('CLAMD_URL', () => {
  it('takes a Unix socket or a TCP address (port 3310 when left out), and nothing else', () => {
    expect(parseClamdUrl('unix:/run/clamav/clamd.ctl')).toEqual({ kind: 'unix', path: '/run/clamav/clamd.ctl' });
    expect(parseClamdUrl('unix:///run/clamav/clamd.ctl')).toEqual({ kind: 'unix', path: '/run/clamav/clamd.ctl' });
    expect(parseClamdUrl('tcp://clamav.internal:3311')).toEqual({ kind: 'tcp', host: 'clamav.internal', port: 3311 });
    expect(parseClamdUrl('tcp://10.0.0.5')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 3310 });
    expect(parseClamdUrl('tcp://[::1]:3310')).toEqual({ kind: 'tcp', host: '::1', port: 3310 });
    for (const bad of ['clamd.ctl', 'http://clamav:3310', 'unix:relative/path', 'tcp://', 'tcp://host:3310/path']) expect(parseClamdUrl(bad), bad).toBeNull();
  });
});

describe('the clamd client (INSTREAM)', () => {
  const clamd = new FakeClamd();
  let dir: string;
  let socketPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sportello-clamd-'));
    socketPath = path.join(dir, 'clamd.ctl');
    await clamd.listen({ path: socketPath });
  });
  afterAll(async () => {
    await clamd.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a file in length-prefixed chunks over the Unix socket and reads "OK" as clean', async () => {
    const scanner = new ClamdScanner({ kind: 'unix', path: socketPath });
    // 200 KB of varied bytes: several 64 KiB chunks, and a last short one
    const file = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31) % 251));
    expect(await scanner.scan(file, 'relazione.pdf')).toEqual({ clean: true });
    const stream = clamd.streams.at(-1)!;
    expect(stream.bytes.equals(file)).toBe(true);
    expect(stream.chunks).toBe(4);
    expect(scanner.description).toBe(`clamd at unix:${socketPath}`);
  });

  it('reports the signature clamd found, also over TCP', async () => {
    const tcp = new FakeClamd();
    await tcp.listen({ port: 0, host: '127.0.0.1' });
    try {
      const scanner = new ClamdScanner(parseClamdUrl(`tcp://127.0.0.1:${tcp.port}`)!);
      const infected = Buffer.concat([Buffer.from('%PDF-1.4\n'), eicar(), Buffer.from('\n%%EOF\n')]);
      expect(await scanner.scan(infected, 'documento.pdf')).toEqual({ clean: false, signature: EICAR_SIGNATURE });
      expect(await scanner.scan(Buffer.from('%PDF-1.4\n%%EOF\n'), 'pulito.pdf')).toEqual({ clean: true });
      // an empty file is one zero-length terminator, and clamd still answers
      expect(await scanner.scan(Buffer.alloc(0), 'vuoto.pdf')).toEqual({ clean: true });
      expect(tcp.streams.at(-1)).toEqual({ bytes: Buffer.alloc(0), chunks: 0 });
    } finally {
      await tcp.close();
    }
  });

  it('answers PING', async () => {
    await expect(new ClamdScanner({ kind: 'unix', path: socketPath }).check()).resolves.toBeUndefined();
  });

  it('turns clamd\'s errors, a closed connection, silence and a missing daemon into VirusScanError', async () => {
    const scanner = new ClamdScanner({ kind: 'unix', path: socketPath }, { timeoutMs: 300 });
    const file = Buffer.from('%PDF-1.4\n');
    try {
      clamd.answer = () => 'INSTREAM size limit exceeded. ERROR';
      await expect(scanner.scan(file, 'a.pdf')).rejects.toThrow(/size limit exceeded/);
      clamd.answer = () => '';
      await expect(scanner.scan(file, 'a.pdf')).rejects.toBeInstanceOf(VirusScanError);
      clamd.answer = () => null;
      await expect(scanner.scan(file, 'a.pdf')).rejects.toThrow(/did not answer/);
    } finally {
      clamd.answer = (bytes) => (bytes.includes(eicar()) ? `stream: ${EICAR_SIGNATURE} FOUND` : 'stream: OK');
    }
    const nobody = new ClamdScanner({ kind: 'unix', path: path.join(dir, 'nessuno.ctl') });
    await expect(nobody.scan(file, 'a.pdf')).rejects.toBeInstanceOf(VirusScanError);
    await expect(nobody.check()).rejects.toBeInstanceOf(VirusScanError);
  });
});

describe('the clamscan program', () => {
  const binary = clamscanOrSkip();

  it.skipIf(!binary)('finds EICAR, alone or inside a PDF, with a database made for the test, and passes a clean file', async () => {
    const database = await eicarDatabase();
    const scanner = new ClamscanScanner({ binary: binary!, database });
    const found = await scanner.scan(eicar(), 'eicar.com');
    expect(found.clean).toBe(false);
    expect((found as { signature: string }).signature).toMatch(new RegExp(`^${EICAR_SIGNATURE}`));
    const inside = await scanner.scan(Buffer.concat([Buffer.from('%PDF-1.4\n'), eicar(), Buffer.from('\n%%EOF\n')]), 'modulo.pdf');
    expect(inside.clean).toBe(false);
    expect(await scanner.scan(Buffer.from('%PDF-1.4\n% documento\n%%EOF\n'), 'documento.pdf')).toEqual({ clean: true });
    await expect(scanner.check()).resolves.toBeUndefined();
    await rm(database, { recursive: true, force: true });
  });

  it.skipIf(!binary)('fails, rather than saying "clean", when ClamAV has no signatures', async () => {
    const database = await emptyDatabase();
    const scanner = new ClamscanScanner({ binary: binary!, database });
    await expect(scanner.scan(eicar(), 'eicar.com')).rejects.toBeInstanceOf(VirusScanError);
    await expect(scanner.check()).rejects.toThrow(/clamscan exited with 2/);
    await rm(database, { recursive: true, force: true });
  });
});

describe('which scanner runs', () => {
  let bin: string;
  beforeAll(async () => {
    // a stand-in clamscan on a PATH of our own, so that the choice does not depend on this machine
    bin = await mkdtemp(path.join(os.tmpdir(), 'sportello-bin-'));
    await writeFile(path.join(bin, 'clamscan'), '#!/bin/sh\nexit 0\n');
    await chmod(path.join(bin, 'clamscan'), 0o755);
  });
  afterAll(() => rm(bin, { recursive: true, force: true }));

  it('is clamd when configured, else clamscan when installed, else none; tests scan only when configured', () => {
    const none = { clamd: null, database: null, required: false };
    expect(createVirusScanner({ ...none, clamd: { kind: 'tcp', host: 'clamav', port: 3310 } }, 'production', '/nowhere')).toBeInstanceOf(ClamdScanner);
    expect(createVirusScanner(none, 'production', bin)).toBeInstanceOf(ClamscanScanner);
    expect(createVirusScanner(none, 'development', bin)).toBeInstanceOf(ClamscanScanner);
    expect(createVirusScanner(none, 'production', '/nowhere')).toBeNull();
    expect(createVirusScanner(none, 'test', bin)).toBeNull();
    expect(createVirusScanner({ ...none, database: '/var/lib/clamav' }, 'test', bin)?.description).toBe(`clamscan (${bin}/clamscan, database /var/lib/clamav)`);
  });
});

describe('the rule for uploads', () => {
  const fixed = (result: ScanResult | Error): VirusScanner => ({
    description: 'prova',
    scan: async () => {
      if (result instanceof Error) throw result;
      return result;
    },
    check: async () => undefined,
  });
  const setup = (scanner: VirusScanner | null, failClosed: boolean) => {
    const warnings: { obj: object; msg: string }[] = [];
    const errors: { obj: object; msg: string }[] = [];
    const audit: AuditEntry[] = [];
    const screening = new UploadScreening(scanner, {
      failClosed,
      log: { warn: (obj, msg) => warnings.push({ obj, msg }), error: (obj, msg) => errors.push({ obj, msg }) },
      audit: async (entry) => void audit.push(entry),
    });
    return { screening, warnings, errors, audit };
  };
  const where = { actor: 'citizen:8a3e0c1e-0000-4000-8000-000000000001', channel: 'application.attachment' as const, field: 'file', target: 'application:42' };
  const refusal = async (p: Promise<unknown>) => {
    const error = await p.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Problem);
    return error as Problem;
  };

  it('refuses an infected file with 422, naming the file and the signature, and records it without the file name', async () => {
    const { screening, warnings, audit } = setup(fixed({ clean: false, signature: EICAR_SIGNATURE }), false);
    const p = await refusal(screening.check([{ name: 'Carta identità Rossi.pdf', content: eicar() }], where));
    expect(p.status).toBe(422);
    expect(p.detail).toBe(`Il file «Carta identità Rossi.pdf» contiene un virus (${EICAR_SIGNATURE}) ed è stato rifiutato. (The file contains a virus and was refused.)`);
    expect(p.errors).toEqual([{ path: 'file', message: p.detail }]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ tenantId: null, actor: where.actor, action: 'upload.infected', target: 'application:42',
      details: { channel: 'application.attachment', signature: EICAR_SIGNATURE, size: 68 } });
    expect(JSON.stringify(audit[0])).not.toContain('Rossi');
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0])).not.toContain('Rossi');
  });

  it('in production refuses with 503 what it could not scan (no signatures, no daemon)', async () => {
    const { screening, errors } = setup(fixed(new VirusScanError('clamscan exited with 2: No supported database files found')), true);
    const p = await refusal(screening.check([{ name: 'a.pdf', content: Buffer.from('%PDF-1.4') }], where));
    expect(p.status).toBe(503);
    expect(p.detail).toBe("L'antivirus non è disponibile e il file non è stato salvato: riprova più tardi. (The antivirus is unavailable, try again later.)");
    expect(errors).toHaveLength(1);
  });

  it('outside production accepts what it could not scan, with one warning however many uploads', async () => {
    const { screening, warnings } = setup(fixed(new VirusScanError('no signatures')), false);
    await screening.check([{ name: 'a.pdf', content: Buffer.from('%PDF-1.4') }], where);
    await screening.check([{ name: 'b.pdf', content: Buffer.from('%PDF-1.4') }], where);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toMatch(/accepted unscanned/);
  });

  it('refuses an infected file among several even when another could not be scanned', async () => {
    let n = 0;
    const mixed: VirusScanner = { description: 'prova', check: async () => undefined,
      scan: async () => (n++ === 0 ? Promise.reject(new VirusScanError('timeout')) : { clean: false, signature: 'Win.Test.Sig' }) };
    const { screening } = setup(mixed, true);
    const p = await refusal(screening.check([{ name: 'uno.pdf', content: Buffer.from('1') }, { name: 'due.pdf', content: Buffer.from('2') }], { ...where, field: 'files' }));
    expect(p.status).toBe(422);
    expect(p.detail).toContain('«due.pdf»');
  });

  it('without a scanner lets files through; start warns in production, and refuses when CLAMAV_REQUIRED', async () => {
    const { screening } = setup(null, true);
    await screening.check([{ name: 'a.pdf', content: eicar() }], where);
    const said: string[] = [];
    const log = { info: (_: object, m: string) => said.push(m), warn: (_: object, m: string) => said.push(m), error: (_: object, m: string) => said.push(m) };
    await screening.announce('production', false, log);
    expect(said.join('\n')).toMatch(/no antivirus: uploaded files are not scanned/);
    await expect(screening.announce('production', true, log)).rejects.toThrow(/CLAMAV_REQUIRED=true but no antivirus is available/);
    said.length = 0;
    await screening.announce('development', false, log);
    expect(said).toEqual([]);
  });
});
