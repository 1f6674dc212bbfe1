import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const sha256Hex = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/**
 * Keys derived from SESSION_SECRET, one per purpose, so that a key used for one thing (CSRF tokens) can never
 * open another (TOTP secrets). Changing SESSION_SECRET makes sealed values unreadable: operators re-enrol TOTP.
 */
export class Secrets {
  private readonly sealKey: Buffer;
  private readonly macKey: Buffer;

  constructor(sessionSecret: string) {
    this.sealKey = Buffer.from(hkdfSync('sha256', sessionSecret, 'sportello', 'seal-v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', sessionSecret, 'sportello', 'mac-v1', 32));
  }

  /** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  mac(purpose: string, value: string): string {
    return createHmac('sha256', this.macKey).update(`${purpose}\n${value}`).digest('base64url');
  }

  verifyMac(purpose: string, value: string, given: string): boolean {
    const expected = Buffer.from(this.mac(purpose, value));
    const actual = Buffer.from(given);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}
