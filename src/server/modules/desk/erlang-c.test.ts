import { describe, expect, it } from 'vitest';
import { countersNeeded, erlangB, erlangC, meanWaitMinutes, offeredLoad, serviceLevel, serviceLevelOfMean } from './erlang-c.ts';

/** The textbook formula with powers and factorials, for small loads only (it overflows past N ≈ 170). */
function erlangCByFactorials(n: number, a: number): number {
  let sum = 0;
  let term = 1; // a^k / k!
  for (let k = 0; k < n; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = term * (n / (n - a)); // a^n / n! · n / (n − a)
  return top / (sum + top);
}

describe('Erlang C', () => {
  // λ = 100 an hour, 3 minutes each: A = 100 · 3 / 60 = 5 erlang
  const A = offeredLoad(100, 3);

  it('gives the published values for 100 arrivals an hour of 3 minutes each (A = 5)', () => {
    expect(A).toBe(5);
    // by hand, N = 6: Σ_{k<6} 5^k/k! = 1 + 5 + 12.5 + 20.8333 + 26.0417 + 26.0417 = 91.4167;
    // 5^6/6! · 6/(6 − 5) = 21.7014 · 6 = 130.2083; C = 130.2083 / (91.4167 + 130.2083) = 0.5875
    expect(erlangC(6, A)).toBeCloseTo(0.5875, 4);
    // Erlang B by hand, N = 6: (5^6/6!) / Σ_{k≤6} 5^k/k! = 21.7014 / 113.1181 = 0.1918
    expect(erlangB(6, A)).toBeCloseTo(0.1918, 4);
    // N = 7: C = 0.3241; N = 8: 0.1673; N = 9: 0.0805 (the usual Erlang C table for A = 5)
    expect(erlangC(7, A)).toBeCloseTo(0.3241, 4);
    expect(erlangC(8, A)).toBeCloseTo(0.1673, 4);
    expect(erlangC(9, A)).toBeCloseTo(0.0805, 4);
    // mean wait with 6 counters: 0.5875 · 3 / (6 − 5) = 1.7625 minutes
    expect(meanWaitMinutes(6, A, 3)).toBeCloseTo(1.7625, 4);
    for (const n of [6, 7, 8, 9, 12]) expect(erlangC(n, A)).toBeCloseTo(erlangCByFactorials(n, A), 12);
  });

  it('gives the service level: within 10 minutes 6 counters suffice; within 20 seconds it takes 8', () => {
    // N = 6, t = 10 min: 1 − 0.5875 · e^(−(6 − 5)·10/3) = 1 − 0.5875 · 0.03567 = 0.9790
    expect(serviceLevel(6, A, 3, 10)).toBeCloseTo(0.979, 3);
    expect(countersNeeded({ arrivalsPerHour: 100, serviceMinutes: 3, share: 0.8, withinMinutes: 10 })).toBe(6);
    // t = 20 s = 1/3 min: N = 7 → 1 − 0.3241 · e^(−2/9) = 0.7404 (short); N = 8 → 1 − 0.1673 · e^(−1/3) = 0.8801
    expect(serviceLevel(7, A, 3, 1 / 3)).toBeCloseTo(0.7404, 4);
    expect(serviceLevel(8, A, 3, 1 / 3)).toBeCloseTo(0.8801, 4);
    expect(countersNeeded({ arrivalsPerHour: 100, serviceMinutes: 3, share: 0.8, withinMinutes: 1 / 3 })).toBe(8);
  });

  it('needs more counters than the load, and none when nobody comes', () => {
    // A = 5 exactly: five counters would never empty the line, whatever the target
    expect(serviceLevel(5, A, 3, 10)).toBe(0);
    expect(erlangC(5, A)).toBe(1);
    expect(countersNeeded({ arrivalsPerHour: 100, serviceMinutes: 3, share: 0.01, withinMinutes: 60 })).toBe(6);
    expect(countersNeeded({ arrivalsPerHour: 0, serviceMinutes: 3, share: 0.8, withinMinutes: 10 })).toBe(0);
    // one person an hour for 6 minutes: one counter
    expect(countersNeeded({ arrivalsPerHour: 1, serviceMinutes: 6, share: 0.8, withinMinutes: 10 })).toBe(1);
    // M/M/1 check: C(1, a) = a
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12);
  });

  it('stays finite and right for large loads (where factorials overflow)', () => {
    // 6000 an hour for 6 minutes: A = 600 erlang
    const big = offeredLoad(6000, 6);
    expect(big).toBe(600);
    const n = countersNeeded({ arrivalsPerHour: 6000, serviceMinutes: 6, share: 0.8, withinMinutes: 10 });
    expect(n).toBeGreaterThan(600);
    expect(n).toBeLessThan(620);
    expect(serviceLevel(n, big, 6, 10)).toBeGreaterThanOrEqual(0.8);
    expect(serviceLevel(n - 1, big, 6, 10)).toBeLessThan(0.8);
    const c = erlangC(n, big);
    expect(Number.isFinite(c) && c > 0 && c < 1).toBe(true);
    // the level never goes down as counters are added
    let previous = 0;
    for (let k = 601; k < 640; k++) {
      const sl = serviceLevel(k, big, 6, 10);
      expect(sl).toBeGreaterThanOrEqual(previous);
      previous = sl;
    }
  });

  it('reads a mean number of counters between the whole numbers around it', () => {
    const at6 = serviceLevel(6, A, 3, 1);
    const at7 = serviceLevel(7, A, 3, 1);
    expect(serviceLevelOfMean(6.5, A, 3, 1)).toBeCloseTo((at6 + at7) / 2, 12);
    expect(serviceLevelOfMean(6, A, 3, 1)).toBe(at6);
    expect(serviceLevelOfMean(4.5, A, 3, 1)).toBe(0);
  });

  it('refuses nonsense', () => {
    expect(() => erlangB(-1, 2)).toThrow(RangeError);
    expect(() => erlangB(2.5, 2)).toThrow(RangeError);
    expect(() => countersNeeded({ arrivalsPerHour: 10, serviceMinutes: 0, share: 0.8, withinMinutes: 10 })).toThrow(RangeError);
    expect(() => countersNeeded({ arrivalsPerHour: 10, serviceMinutes: 5, share: 1, withinMinutes: 10 })).toThrow(RangeError);
  });
});
