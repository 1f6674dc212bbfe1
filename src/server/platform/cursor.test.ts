import { describe, expect, it } from 'vitest';
import { decodeInstantCursor, encodeInstantCursor } from './cursor.ts';

describe('the list cursor', () => {
  it('round-trips and refuses anything else', () => {
    const c = { at: '2026-05-04T10:11:12.123456Z', id: '0b7c3a52-6f1e-4a4b-9a4e-3f2d1c0b9a87' };
    expect(decodeInstantCursor(encodeInstantCursor(c))).toEqual(c);
    for (const bad of ['x', Buffer.from('{"a":"ieri","i":"1"}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      expect(() => decodeInstantCursor(bad)).toThrow(/cursore/);
    }
  });
});
