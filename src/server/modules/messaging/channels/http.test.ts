import { describe, expect, it } from 'vitest';
import { providerReason, transportFailure } from './http.ts';

describe('reading an HTTP peer', () => {
  it('takes the reason from problem+json, common error shapes or plain text, short', () => {
    expect(providerReason('{"type":"about:blank","title":"Bad request","detail":"subject too short"}')).toBe('subject too short');
    expect(providerReason('{"error":"invalid destination"}')).toBe('invalid destination');
    expect(providerReason('{"error":{"message":"quota exceeded"}}')).toBe('quota exceeded');
    expect(providerReason('Service   Unavailable\n')).toBe('Service Unavailable');
    expect(providerReason('x'.repeat(500))).toHaveLength(200);
    expect(providerReason('')).toBe('');
  });

  it('names a timeout and a refused connection so that an administrator can read it', () => {
    expect(transportFailure('il fornitore SMS', Object.assign(new Error('aborted'), { name: 'TimeoutError' })).message)
      .toBe('il fornitore SMS non ha risposto entro il tempo massimo');
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(transportFailure("l'API di IO", refused).message).toBe("l'API di IO non è raggiungibile (ECONNREFUSED)");
  });
});
