import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Encryption at rest of special-category data (GDPR art. 9: health, court measures, social workers' notes).
 * AES-256-GCM with a key from configuration (SOCIAL_DATA_KEY), kept apart from the database: a copy of the
 * database, a backup or a log line never holds these values in clear.
 *
 * A sealed value is `s1.<key id>.<iv>.<tag>.<ciphertext>` (base64url). The key id is the first 8 hex digits of the
 * key's SHA-256, so that after a rotation (new SOCIAL_DATA_KEY, the old one in SOCIAL_DATA_PREVIOUS_KEYS) old
 * values still open and new ones are sealed with the new key. The record's id is bound as additional data: a
 * sealed value copied into another row does not open there.
 */
export class FieldCipher {
  private readonly current: { id: string; key: Buffer };
  private readonly byId = new Map<string, Buffer>();

  constructor(key: Buffer, previous: Buffer[] = []) {
    for (const k of [key, ...previous]) {
      if (k.length !== 32) throw new Error('a field encryption key must be 32 bytes');
      this.byId.set(FieldCipher.keyId(k), k);
    }
    this.current = { id: FieldCipher.keyId(key), key };
  }

  static keyId(key: Buffer): string {
    return createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  /** Parses a key written as 64 hex digits or as base64 of 32 bytes. */
  static parseKey(text: string): Buffer | null {
    const t = text.trim();
    if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
    try {
      const b = Buffer.from(t, 'base64');
      return b.length === 32 ? b : null;
    } catch {
      return null;
    }
  }

  seal(plain: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['s1', this.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, boundTo: string): string {
    const [version, keyId, iv, tag, body] = sealed.split('.');
    if (version !== 's1' || !keyId || !iv || !tag || body === undefined) throw new Error('not a sealed field');
    const key = this.byId.get(keyId);
    if (!key) throw new Error(`the key ${keyId} that sealed this field is not configured (SOCIAL_DATA_PREVIOUS_KEYS)`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  sealJson(value: unknown, boundTo: string): string {
    return this.seal(JSON.stringify(value), boundTo);
  }

  openJson<T>(sealed: string | null, boundTo: string): T | null {
    return sealed === null ? null : (JSON.parse(this.open(sealed, boundTo)) as T);
  }

  /**
   * A keyed hash of a value (HMAC-SHA256, key derived from the current key for `purpose`), in hex: pseudonyms sent
   * outside (SINBA's IDBeneficiario) and change fingerprints kept beside sealed data, which nobody without the key
   * can recompute from a guessed fiscal code or record. A key rotation changes them.
   */
  mac(purpose: string, value: string): string {
    const key = Buffer.from(hkdfSync('sha256', this.current.key, 'sportello-field-cipher', purpose, 32));
    return createHmac('sha256', key).update(value, 'utf8').digest('hex');
  }

  /** True when the value was sealed with a key other than the current one (to re-seal after a rotation). */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.current.id;
  }
}

/**
 * The cipher of the configured key. Without SOCIAL_DATA_KEY (development and test only: production refuses to
 * start), the key lives in `<dataDir>/social-data.key`, made on first use with owner-only permissions, so that the
 * embedded database's sealed values still open after a restart.
 */
export function loadFieldCipher(config: { socialDataKey: { key: Buffer | null; previous: Buffer[] }; dataDir: string }): FieldCipher {
  if (config.socialDataKey.key) return new FieldCipher(config.socialDataKey.key, config.socialDataKey.previous);
  const file = path.join(config.dataDir, 'social-data.key');
  let key: Buffer | null = null;
  try {
    key = FieldCipher.parseKey(readFileSync(file, 'utf8'));
  } catch {
    key = null;
  }
  if (!key) {
    key = randomBytes(32);
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch {
      // another process of the same data directory made it first: use theirs
      key = FieldCipher.parseKey(readFileSync(file, 'utf8'));
      if (!key) throw new Error(`${file} does not hold a key: remove it or set SOCIAL_DATA_KEY`);
    }
  }
  return new FieldCipher(key, config.socialDataKey.previous);
}
