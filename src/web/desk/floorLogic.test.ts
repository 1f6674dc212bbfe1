import { describe, expect, it } from 'vitest';
import { callKey, newCalls, ScanBuffer, SCANNER_KEY_GAP_MS, type DisplayCall } from './floorLogic';

const call = (label: string, calledAt: string, recall = false): DisplayCall => ({ ticketId: `t-${label}`, label, counterName: 'Sportello 1', calledAt, recall });

describe('the display: which calls are new', () => {
  const a = call('A001', '2026-11-24T09:00:00Z');
  const b = call('A002', '2026-11-24T09:01:00Z');
  const c = call('C001', '2026-11-24T09:01:00Z');

  it('announces nothing from the first state (called before the page loaded)', () => {
    expect(newCalls(null, [b, a])).toEqual({ fresh: [], topIsNew: false });
  });

  it('finds every call since the last state, oldest first, and whether the newest is one of them', () => {
    const seen = new Set([callKey(a)]);
    expect(newCalls(seen, [c, b, a])).toEqual({ fresh: [b, c], topIsNew: true });
    expect(newCalls(new Set([a, b, c].map(callKey)), [c, b, a])).toEqual({ fresh: [], topIsNew: false });
  });

  it('takes a recall of the same ticket as a new call', () => {
    const recalled = { ...a, calledAt: '2026-11-24T09:05:00Z', recall: true };
    expect(newCalls(new Set([callKey(a)]), [recalled, a])).toEqual({ fresh: [recalled], topIsNew: true });
  });

  it('says nothing when an old call only drops off the list', () => {
    expect(newCalls(new Set([a, b].map(callKey)), [b])).toEqual({ fresh: [], topIsNew: false });
  });
});

describe("the kiosk's QR reader", () => {
  const typed = (buffer: ScanBuffer, text: string, start: number, gap: number) => {
    let t = start;
    for (const ch of text) buffer.key(ch, (t += gap));
    return buffer.key('Enter', t + gap);
  };

  it('reads a fast burst of letters and digits ended by Enter, upper-cased', () => {
    expect(typed(new ScanBuffer(), 'ab12cd34', 0, 10)).toBe('AB12CD34');
  });

  it('ignores a person typing at their pace, short bursts and an Enter alone', () => {
    expect(typed(new ScanBuffer(), 'AB12CD34', 0, SCANNER_KEY_GAP_MS + 40)).toBeNull();
    expect(typed(new ScanBuffer(), 'AB12', 0, 10)).toBeNull();
    expect(new ScanBuffer().key('Enter', 0)).toBeNull();
  });

  it('starts again after a pause, and keeps at most sixteen characters', () => {
    const buffer = new ScanBuffer();
    typed(buffer, 'XXXX', 0, 10);
    expect(typed(buffer, 'ZZ99ZZ99', 1_000, 10)).toBe('ZZ99ZZ99');
    expect(typed(new ScanBuffer(), 'A'.repeat(20), 0, 5)).toBe('A'.repeat(16));
  });
});
