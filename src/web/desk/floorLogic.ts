/**
 * The floor pages' small decisions, kept apart from React so that they can be tested on their own: which calls on
 * the display are new since the last state, and whether keys came from a QR reader.
 */
import type { DisplayState } from '../../contracts/desk';

export type DisplayCall = DisplayState['calls'][number];

/** One call as shown: a recall of the same ticket is a new call (it has its own time). */
export const callKey = (c: DisplayCall | undefined) => (c ? `${c.ticketId}|${c.calledAt}|${c.recall}` : '');

/**
 * The calls of `next` not shown before, oldest first (the display lists newest first), and whether the newest is
 * one of them. Before the first state (`seen` null) nothing is new: what was called before the page loaded is not
 * announced again.
 */
export function newCalls(seen: ReadonlySet<string> | null, next: readonly DisplayCall[]): { fresh: DisplayCall[]; topIsNew: boolean } {
  if (!seen) return { fresh: [], topIsNew: false };
  const fresh = next.filter((c) => !seen.has(callKey(c))).reverse();
  return { fresh, topIsNew: next.length > 0 && !seen.has(callKey(next[0])) };
}

/**
 * A QR reader "types" a whole code with a few ms between keys; people type slower. The bound is generous: on the
 * start screen there is no field to type in, so six or more letters and digits ended by Enter are a booking code
 * whoever typed them, and a busy kiosk (an old tablet) may deliver a reader's keys tens of ms apart.
 */
export const SCANNER_KEY_GAP_MS = 250;
const MIN_CODE = 6;
const MAX_CODE = 16;

/**
 * Collects keys typed in a quick burst. `key` answers the code when Enter ends a burst of at least six letters
 * or digits, and null otherwise; a pause longer than SCANNER_KEY_GAP_MS starts again.
 */
export class ScanBuffer {
  private buffer = '';
  private last = Number.NEGATIVE_INFINITY;

  key(key: string, at: number): string | null {
    if (at - this.last > SCANNER_KEY_GAP_MS) this.buffer = '';
    this.last = at;
    if (key === 'Enter') {
      const code = this.buffer.length >= MIN_CODE ? this.buffer : null;
      this.buffer = '';
      return code;
    }
    if (/^[A-Za-z0-9]$/.test(key)) this.buffer = (this.buffer + key.toUpperCase()).slice(0, MAX_CODE);
    return null;
  }
}
