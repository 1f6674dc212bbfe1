import { describe, expect, it } from 'vitest';
import { breakdownCells, cellOf, hiddenCells, isSmall } from './suppression.ts';

const raw = (people: number, value = people) => ({ value, people });
const shown = (cells: { value: number | null; suppressed: boolean }[]) => cells.map((c) => (c.suppressed ? '<5' : c.value));

describe('small-cell suppression', () => {
  it('hides 1 to 4 people, shows 0 and 5 or more', () => {
    expect([0, 1, 4, 5, 12].map(isSmall)).toEqual([false, true, true, false, false]);
    expect(cellOf(raw(3), true)).toEqual({ value: null, suppressed: true });
    expect(cellOf(raw(5), true)).toEqual({ value: 5, suppressed: false });
    expect(cellOf(raw(0), true)).toEqual({ value: 0, suppressed: false });
  });

  it('decides on people, not on what the cell shows', () => {
    // 7 contacts made by 3 people: hidden; 5 contacts by 5 people: shown
    expect(cellOf(raw(3, 7), true)).toEqual({ value: null, suppressed: true });
    expect(cellOf(raw(5, 5), true).value).toBe(5);
  });

  it('shows everything exactly to a viewer without suppression (a social worker in their scope)', () => {
    expect(shown(breakdownCells([raw(3), raw(0), raw(8)], false))).toEqual([3, 0, 8]);
    expect(cellOf(raw(1), false)).toEqual({ value: 1, suppressed: false });
  });

  it('hides the next smallest non-zero cell when a breakdown has exactly one small cell', () => {
    // total 3 + 0 + 9 + 6 = 18 would give the 3 back: the 6 goes too, the 0 stays
    expect(shown(breakdownCells([raw(3), raw(0), raw(9), raw(6)], true))).toEqual(['<5', 0, 9, '<5']);
  });

  it('needs no secondary suppression when two or more cells are already hidden', () => {
    expect(shown(breakdownCells([raw(2), raw(4), raw(9), raw(6)], true))).toEqual(['<5', '<5', 9, 6]);
  });

  it('breaks ties by the smaller value, then by order', () => {
    expect(hiddenCells([raw(1), raw(6, 9), raw(6, 7), raw(8)])).toEqual([true, false, true, false]);
    expect(hiddenCells([raw(1), raw(6), raw(6)])).toEqual([true, true, false]);
  });

  it('leaves a breakdown alone when no cell is small', () => {
    expect(shown(breakdownCells([raw(5), raw(0), raw(11)], true))).toEqual([5, 0, 11]);
  });

  it('has nothing more to hide when the small cell is the only non-zero one', () => {
    expect(shown(breakdownCells([raw(0), raw(2), raw(0)], true))).toEqual([0, '<5', 0]);
  });
});
