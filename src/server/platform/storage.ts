import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sha256Hex } from './secrets.ts';

/** Where files (attachments, delegations, generated PDFs) live; content is addressed by its SHA-256. */
export interface FileStorage {
  put(content: Buffer): Promise<string>;
  get(sha256: string): Promise<Buffer>;
}

/** Files under DATA_DIR/files/ab/cd/<sha256>; writing the same content twice keeps one copy. */
export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Buffer): Promise<string> {
    const sha256 = sha256Hex(content);
    const target = this.pathOf(sha256);
    if (await stat(target).then(() => true, () => false)) return sha256;
    await mkdir(path.dirname(target), { recursive: true });
    // write then rename: a crash never leaves a half file under the final name
    const temp = `${target}.${randomUUID()}.tmp`;
    await writeFile(temp, content);
    await rename(temp, target);
    return sha256;
  }

  get(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }
}

/** What an uploaded file really is, from its first bytes (the name and the browser's type can lie). */
export function sniffDocumentType(content: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  return null;
}
