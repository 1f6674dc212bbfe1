/**
 * Small-cell suppression of the district's figures (statistical disclosure control). A count that concerns 1 to 4
 * people (fewer than SMALL_CELL_THRESHOLD) is hidden from whoever is not a social worker of that scope: a manager
 * who reads "3 minors from Valdoro under court protection" can often tell who they are. Zero stays zero (there is
 * no one to protect).
 *
 * Secondary suppression: a breakdown's cells add up to a total that is shown, so a single hidden cell could be
 * worked out as total minus the others. When exactly one cell of a breakdown is hidden, the next smallest non-zero
 * cell is hidden too.
 */
import { SMALL_CELL_THRESHOLD, type Cell } from '../../../contracts/social.ts';

/** A count as measured: `value` is what the cell shows (contacts, people, interventions), `people` whom it is about. */
export interface RawCount {
  value: number;
  people: number;
}

/** True when a count of people is small enough to point at someone (1..4). */
export const isSmall = (people: number) => people > 0 && people < SMALL_CELL_THRESHOLD;

/** One cell on its own (a total): hidden when small and the viewer sees suppressed figures. */
export function cellOf(raw: RawCount, suppress: boolean): Cell {
  return suppress && isSmall(raw.people) ? { value: null, suppressed: true } : { value: raw.value, suppressed: false };
}

/**
 * Which cells of one breakdown are hidden: the small ones, and when exactly one is small, also the non-zero cell
 * with the fewest people after it (ties: the smaller value, then the first in order).
 */
export function hiddenCells(raws: readonly RawCount[]): boolean[] {
  const hidden = raws.map((r) => isSmall(r.people));
  if (hidden.filter(Boolean).length === 1) {
    let next = -1;
    raws.forEach((r, i) => {
      if (hidden[i] || r.value <= 0 || r.people <= 0) return;
      const best = raws[next];
      if (!best || r.people < best.people || (r.people === best.people && r.value < best.value)) next = i;
    });
    if (next >= 0) hidden[next] = true;
  }
  return hidden;
}

/** The cells of one breakdown (a column of a table), with primary and secondary suppression when `suppress`. */
export function breakdownCells(raws: readonly RawCount[], suppress: boolean): Cell[] {
  if (!suppress) return raws.map((r) => ({ value: r.value, suppressed: false }));
  const hidden = hiddenCells(raws);
  return raws.map((r, i) => (hidden[i] ? { value: null, suppressed: true } : { value: r.value, suppressed: false }));
}
