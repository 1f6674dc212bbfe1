/**
 * The EICAR test file and a ClamAV signature database that knows it, both made at run time.
 *
 * The string is assembled from pieces so that no file of the repository holds it whole (scanners of source code would
 * flag it). There is no official ClamAV database offline: the tests write their own, with an MD5 signature of the
 * whole file (.hdb) and a body signature (.ndb) that finds it anywhere inside another file, such as a PDF.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findExecutable } from '../../src/server/platform/virus-scan.ts';

export const EICAR_SIGNATURE = 'Eicar-Test-Signature';

/** The 68 bytes of the EICAR anti-malware test file. */
export function eicar(): Buffer {
  const pieces = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR', '-STANDARD-ANTIVIRUS-', 'TEST-FILE!', '$H+H*'];
  return Buffer.from(pieces.join(''), 'latin1');
}

/** A ClamAV database directory with EICAR's signatures, in a fresh temporary directory. */
export async function eicarDatabase(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sportello-clamav-'));
  const file = eicar();
  const md5 = createHash('md5').update(file).digest('hex');
  await writeFile(path.join(dir, 'sportello-test.hdb'), `${md5}:${file.length}:${EICAR_SIGNATURE}\n`);
  // Name:TargetType(0 = any file):Offset(* = anywhere):hex bytes
  await writeFile(path.join(dir, 'sportello-test.ndb'), `${EICAR_SIGNATURE}:0:*:${file.toString('hex')}\n`);
  return dir;
}

/** An empty directory: ClamAV installed without signatures. */
export const emptyDatabase = () => mkdtemp(path.join(os.tmpdir(), 'sportello-clamav-empty-'));

/**
 * The clamscan program, or null. On CI (CI set) a missing clamscan is an error, not a skip: CI installs ClamAV, and a
 * silent skip there would hide that uploads are no longer scanned.
 */
export function clamscanOrSkip(): string | null {
  const binary = findExecutable('clamscan');
  if (binary) return binary;
  if (process.env.CI) throw new Error('clamscan is not installed: CI must install ClamAV (apt-get install clamav) to test the antivirus on uploads');
  console.warn('\n*** clamscan is not installed: the tests that run ClamAV are SKIPPED (apt-get install -y clamav) ***\n');
  return null;
}
