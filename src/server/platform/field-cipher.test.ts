import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldCipher, loadFieldCipher } from './field-cipher.ts';

// the field cipher of special-category data
describe('FieldCipher', () => {
  const key = randomBytes(32);
  const cipher = new FieldCipher(key);

  it('seals and opens, differently each time, without the words in the sealed value', () => {
    const a = cipher.seal('Diagnosi riservata: àèìòù €', 'row-1');
    const b = cipher.seal('Diagnosi riservata: àèìòù €', 'row-1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^s1\.[0-9a-f]{8}\./);
    expect(a).not.toContain('Diagnosi');
    expect(cipher.open(a, 'row-1')).toBe('Diagnosi riservata: àèìòù €');
    expect(cipher.open(cipher.seal('', 'x'), 'x')).toBe('');
    expect(cipher.openJson(cipher.sealJson({ a: [1, 2] }, 'r'), 'r')).toEqual({ a: [1, 2] });
    expect(cipher.openJson(null, 'r')).toBeNull();
  });

  it('binds the value to its row: it does not open on another', () => {
    const sealed = cipher.seal('testo', 'row-1');
    expect(() => cipher.open(sealed, 'row-2')).toThrow();
  });

  it('refuses a tampered value and something that is not sealed', () => {
    const sealed = cipher.seal('testo', 'row-1');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('altro').toString('base64url');
    expect(() => cipher.open(parts.join('.'), 'row-1')).toThrow();
    expect(() => cipher.open('testo in chiaro', 'row-1')).toThrow(/not a sealed field/);
  });

  it('does not open with a wrong key', () => {
    const sealed = cipher.seal('testo', 'row-1');
    expect(() => new FieldCipher(randomBytes(32)).open(sealed, 'row-1')).toThrow(/not configured/);
    // a key whose id collides cannot be built by chance; a forged id with another key fails authentication
    const other = new FieldCipher(randomBytes(32));
    const forged = [...other.seal('testo', 'row-1').split('.')];
    forged[1] = FieldCipher.keyId(key);
    expect(() => cipher.open(forged.join('.'), 'row-1')).toThrow();
  });

  it('opens old values after a rotation with the previous key, and seals new ones with the new key', () => {
    const old = cipher.seal('prima della rotazione', 'row-1');
    const next = randomBytes(32);
    const rotated = new FieldCipher(next, [key]);
    expect(rotated.open(old, 'row-1')).toBe('prima della rotazione');
    expect(rotated.isStale(old)).toBe(true);
    const fresh = rotated.seal('dopo', 'row-1');
    expect(fresh.split('.')[1]).toBe(FieldCipher.keyId(next));
    expect(rotated.isStale(fresh)).toBe(false);
    // without the previous key the old value no longer opens
    expect(() => new FieldCipher(next).open(old, 'row-1')).toThrow();
  });

  it('parses keys as 64 hex digits or base64 of 32 bytes, and refuses others', () => {
    expect(FieldCipher.parseKey(key.toString('hex'))).toEqual(key);
    expect(FieldCipher.parseKey(` ${key.toString('base64')}\n`)).toEqual(key);
    expect(FieldCipher.parseKey('abc')).toBeNull();
    expect(FieldCipher.parseKey(randomBytes(16).toString('base64'))).toBeNull();
    expect(() => new FieldCipher(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('keeps a development key in the data directory, owner-only, and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'field-cipher-'));
    const a = loadFieldCipher({ socialDataKey: { key: null, previous: [] }, dataDir: dir });
    const sealed = a.seal('x', 'r');
    const b = loadFieldCipher({ socialDataKey: { key: null, previous: [] }, dataDir: dir });
    expect(b.open(sealed, 'r')).toBe('x');
    const file = path.join(dir, 'social-data.key');
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o077).toBe(0);
    // a configured key wins
    const configured = loadFieldCipher({ socialDataKey: { key, previous: [] }, dataDir: dir });
    expect(configured.open(cipher.seal('y', 'r'), 'r')).toBe('y');
  });
});
