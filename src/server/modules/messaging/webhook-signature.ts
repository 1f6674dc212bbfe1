/**
 * The wire format of a webhook delivery: Standard Webhooks signatures (https://www.standardwebhooks.com).
 *
 * The secret an integrator receives is `whsec_` followed by 32 random bytes in standard base64 (with padding), as
 * the Standard Webhooks reference libraries expect: the HMAC key is the decoded bytes, not the text. Each request
 * carries
 *   webhook-id:        the CloudEvent id (the same on every retry and redelivery: receivers deduplicate by it)
 *   webhook-timestamp: Unix seconds of this attempt
 *   webhook-signature: `v1,` + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`))
 * where body is the exact bytes sent. A receiver may list several signatures separated by spaces (key rotation);
 * any one matching is enough.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** How old a timestamp a receiver accepts by default (Standard Webhooks suggests five minutes). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** A new signing secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** The HMAC key of a secret: the bytes after the prefix, base64-decoded (the prefix is optional, as in the spec). */
export function webhookKey(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (!key.length) throw new Error('empty webhook secret');
  return key;
}

/** The signature header's value for one message: `v1,<base64>`. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', webhookKey(secret)).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/** The headers that identify and sign a delivery (Content-Type and User-Agent are the sender's). */
export function webhookSignatureHeaders(secret: string, id: string, timestamp: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}

/**
 * What a receiver does: true when one of the `v1` signatures matches the body and the timestamp is within the
 * tolerance of `nowSeconds`. Used by tests and offered to integrators as the reference of the scheme.
 */
export function verifyWebhook(secret: string, headers: Record<string, string | string[] | undefined>, body: string,
  opts: { nowSeconds?: number; toleranceSeconds?: number } = {}): boolean {
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = one('webhook-id');
  const timestamp = one('webhook-timestamp');
  const signatures = one('webhook-signature');
  if (!id || !timestamp || !signatures || !/^[0-9]{1,12}$/.test(timestamp)) return false;
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (opts.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signWebhook(secret, id, Number(timestamp), body).slice(3), 'base64');
  return signatures.split(' ').some((candidate) => {
    const [version, value] = candidate.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
