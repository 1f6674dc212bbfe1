/**
 * Erlang C: how many counters a queue needs. People arrive at random (Poisson, λ an hour) and each takes on
 * average Ts minutes at a counter; the offered load is A = λ·Ts/60 erlang (how many counters would be busy all the
 * time). With N counters (N > A, else the line grows without end):
 *
 *   P(wait)        C(N, A) = N·B(N, A) / (N − A·(1 − B(N, A)))        (B: Erlang B, the blocking probability)
 *   service level  SL(t)   = 1 − C(N, A) · e^(−(N − A)·t/Ts)          (share called within t minutes)
 *   mean wait      W       = C(N, A) · Ts / (N − A)
 *
 * Erlang B comes from its recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)), which never forms A^N or N! and
 * so stays exact for loads of hundreds of erlang where the textbook sum of powers over factorials overflows.
 *
 * The model pools the counters (any free counter takes the next person): with counters that serve only some
 * categories it is optimistic, so the figures read it as "at least this many".
 */

/** Erlang B: the probability that all of n servers are busy when load a erlang is offered to them without a queue. */
export function erlangB(n: number, a: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`servers must be a whole number ≥ 0, got ${n}`);
  if (!(a >= 0) || !Number.isFinite(a)) throw new RangeError(`load must be a finite number ≥ 0, got ${a}`);
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: the probability that a person has to wait (1 when n ≤ a: the line never empties). */
export function erlangC(n: number, a: number): number {
  if (a === 0) return 0;
  if (n <= a) return 1;
  const b = erlangB(n, a);
  return (n * b) / (n - a * (1 - b));
}

/** Offered load in erlang: arrivals an hour × mean service minutes / 60. */
export const offeredLoad = (arrivalsPerHour: number, serviceMinutes: number) => (arrivalsPerHour * serviceMinutes) / 60;

/** Share of people called within `withinMinutes` with n counters (0 when n ≤ a: the line grows without end). */
export function serviceLevel(n: number, a: number, serviceMinutes: number, withinMinutes: number): number {
  if (a === 0) return 1;
  if (n <= a) return 0;
  return Math.min(1, Math.max(0, 1 - erlangC(n, a) * Math.exp((-(n - a) * withinMinutes) / serviceMinutes)));
}

/** Mean wait in minutes with n counters (Infinity when n ≤ a). */
export function meanWaitMinutes(n: number, a: number, serviceMinutes: number): number {
  if (a === 0) return 0;
  if (n <= a) return Infinity;
  return (erlangC(n, a) * serviceMinutes) / (n - a);
}

/**
 * The service level of a mean number of counters that need not be whole (2.5: two all the hour and a third for
 * half of it): between the levels of the whole numbers around it, in proportion.
 */
export function serviceLevelOfMean(counters: number, a: number, serviceMinutes: number, withinMinutes: number): number {
  const low = Math.floor(counters);
  const high = Math.ceil(counters);
  const slLow = serviceLevel(low, a, serviceMinutes, withinMinutes);
  if (high === low) return slLow;
  return slLow + (counters - low) * (serviceLevel(high, a, serviceMinutes, withinMinutes) - slLow);
}

/**
 * The fewest counters that call `share` of the people within `withinMinutes`, at these rates: the first whole N
 * above the load whose service level reaches the target. 0 when nobody comes.
 */
export function countersNeeded(input: { arrivalsPerHour: number; serviceMinutes: number; share: number; withinMinutes: number }): number {
  const { arrivalsPerHour, serviceMinutes, share, withinMinutes } = input;
  if (!(share > 0 && share < 1)) throw new RangeError(`the target share must be between 0 and 1, got ${share}`);
  if (!(serviceMinutes > 0) || !(arrivalsPerHour >= 0) || !(withinMinutes >= 0)) throw new RangeError('rates must be positive numbers');
  const a = offeredLoad(arrivalsPerHour, serviceMinutes);
  if (a === 0) return 0;
  // the level rises with N and reaches 1; a few counters above the load always suffice, the bound is a guard
  for (let n = Math.floor(a) + 1; n <= Math.floor(a) + 1 + 10_000; n++) {
    if (serviceLevel(n, a, serviceMinutes, withinMinutes) >= share) return n;
  }
  throw new RangeError(`no number of counters reaches ${share} within ${withinMinutes} minutes at load ${a}`);
}
