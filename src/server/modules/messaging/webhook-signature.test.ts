import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhook, webhookKey, webhookSignatureHeaders } from './webhook-signature.ts';

describe('webhook signatures (Standard Webhooks)', () => {
  it('reproduces the published Standard Webhooks test vector', () => {
    // what makes an integrator's off-the-shelf library accept our signatures: same key decoding, same signed text
    expect(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'))
      .toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('makes secrets of 32 random bytes after the whsec_ prefix, different each time', () => {
    const a = newWebhookSecret();
    const b = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookKey(a)).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('verifies what it signs, and nothing else', () => {
    const secret = newWebhookSecret();
    const body = '{"specversion":"1.0","id":"e1"}';
    const now = 1_700_000_000;
    const headers = webhookSignatureHeaders(secret, 'e1', now, body);
    expect(verifyWebhook(secret, headers, body, { nowSeconds: now })).toBe(true);
    // one changed byte of the body, another id, another secret, a replay long after: all refused
    expect(verifyWebhook(secret, headers, body.replace('e1', 'e2'), { nowSeconds: now })).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'webhook-id': 'e2' }, body, { nowSeconds: now })).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), headers, body, { nowSeconds: now })).toBe(false);
    expect(verifyWebhook(secret, headers, body, { nowSeconds: now + 3600 })).toBe(false);
    // a list of signatures (rotation) is accepted when one matches
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` }, body, { nowSeconds: now })).toBe(true);
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': 'v2,abc' }, body, { nowSeconds: now })).toBe(false);
  });
});
