import { describe, expect, it } from 'vitest';
import { openingWindows, planDeskDay, romeAt, type DayPlan, type SimOffice } from './desk-simulator.ts';

const cat = (p: string) => ({ id: `cat-${p}`, prefix: p });
/** Castelrocca's URP as the demo seeds it: mornings Monday–Friday, Monday and Thursday afternoons. */
const OFFICE: SimOffice = {
  tenantId: 'tenant', officeId: 'office',
  openingHours: [{ days: [1, 2, 3, 4, 5], opens: '08:30', closes: '12:30' }, { days: [1, 4], opens: '14:30', closes: '17:30' }],
  categories: ['A', 'C', 'S', 'E', 'T'].map(cat),
  counters: ([['Sportello 1', ['A', 'C']], ['Sportello 2', ['A', 'C', 'S']], ['Sportello 3', ['S', 'E']], ['Sportello 4', ['T', 'A']]] as const)
    .map(([name, cs]) => ({ id: `counter-${name.slice(-1)}`, name, categoryIds: cs.map((c) => `cat-${c}`) })),
  calendars: [{
    id: 'calendar', serviceIds: ['cie'], slotMinutes: 20, capacity: 2, categoryId: 'cat-C',
    weeklyHours: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, from: '08:30', to: '12:30' })),
  }],
};
// two weeks in November 2026 (no public holiday)
const DAYS = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
const romeMinutes = (d: Date) => {
  const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d).split(':').map(Number);
  return h! * 60 + m! + d.getUTCSeconds() / 60;
};
const plain = (p: DayPlan) => JSON.stringify(p, (_k, v) => (v instanceof Map ? [...v] : v));

describe('desk simulator', () => {
  const plans = DAYS.map((d) => planDeskDay(OFFICE, d, 42));

  it('is deterministic for a seed, and another seed gives another day', () => {
    expect(plain(planDeskDay(OFFICE, DAYS[0]!, 42))).toBe(plain(plans[0]!));
    expect(plain(planDeskDay(OFFICE, DAYS[0]!, 43))).not.toBe(plain(plans[0]!));
    // another office with the same seed: the same day, but never the same ids
    const other = planDeskDay({ ...OFFICE, officeId: 'other' }, DAYS[0]!, 42);
    expect(other.tickets.map((t) => t.label)).toEqual(plans[0]!.tickets.map((t) => t.label));
    expect(other.tickets.some((t) => plans[0]!.tickets.some((u) => u.id === t.id))).toBe(false);
  });

  it('numbers each category from 1 in order of issue, or after the numbers the day already gave', () => {
    for (const p of plans) {
      for (const c of OFFICE.categories) {
        const mine = p.tickets.filter((t) => t.categoryId === c.id).sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
        expect(mine.map((t) => t.number)).toEqual(mine.map((_, i) => i + 1));
        expect(mine.every((t) => t.label === `${c.prefix}${String(t.number).padStart(3, '0')}`)).toBe(true);
        expect(p.lastNumbers.get(c.id) ?? 0).toBe(mine.length);
      }
    }
    const continued = planDeskDay(OFFICE, DAYS[0]!, 42, new Map([['cat-A', 17]]));
    const a = continued.tickets.filter((t) => t.categoryId === 'cat-A');
    expect(Math.min(...a.map((t) => t.number))).toBe(18);
    expect(continued.lastNumbers.get('cat-A')).toBe(17 + a.length);
  });

  it('has arrivals only in opening hours, peaking in the morning, and afternoons only on Monday and Thursday', () => {
    const byHour = new Map<number, number>();
    for (const p of plans) {
      const windows = openingWindows(OFFICE.openingHours, p.day);
      for (const t of p.tickets) {
        const m = romeMinutes(t.issuedAt);
        expect(windows.some(([a, b]) => m >= a && m <= b)).toBe(true);
        byHour.set(Math.floor(m / 60), (byHour.get(Math.floor(m / 60)) ?? 0) + 1);
      }
    }
    const h = (n: number) => byHour.get(n) ?? 0;
    expect(h(10)).toBeGreaterThan(h(8) * 2);
    expect(h(9) + h(10)).toBeGreaterThan(2 * (h(12) + h(8)));
    expect(h(13)).toBe(0);
    const afternoonDays = plans.filter((p) => p.tickets.some((t) => romeMinutes(t.issuedAt) >= 14 * 60)).map((p) => new Date(`${p.day}T12:00:00Z`).getUTCDay());
    expect(new Set(afternoonDays)).toEqual(new Set([1, 4]));
  });

  it('keeps every ticket\'s times in order and calls only at counters with an open session that serve its category', () => {
    for (const p of plans) {
      for (const t of p.tickets) {
        expect(t.status).toMatch(/^(served|no_show)$/);
        expect(t.firstCalledAt!.getTime()).toBeGreaterThanOrEqual(t.issuedAt.getTime());
        expect(t.calledAt!.getTime()).toBeGreaterThanOrEqual(t.firstCalledAt!.getTime());
        expect(t.finishedAt!.getTime()).toBeGreaterThan(t.calledAt!.getTime());
        expect(OFFICE.counters.find((c) => c.id === t.counterId)!.categoryIds).toContain(t.categoryId);
        expect(p.sessions.some((s) => s.counterId === t.counterId && s.openedAt <= t.firstCalledAt! && s.closedAt >= t.finishedAt!)).toBe(true);
        const kinds = p.events.filter((e) => e.ticketId === t.id).map((e) => e.kind);
        expect(kinds[0]).toBe(t.appointmentId ? 'checked_in' : 'issued');
        expect(kinds).toContain(t.status);
      }
      // a counter's sessions never overlap
      for (const c of OFFICE.counters) {
        const mine = p.sessions.filter((s) => s.counterId === c.id);
        for (let i = 1; i < mine.length; i++) expect(mine[i]!.openedAt.getTime()).toBeGreaterThanOrEqual(mine[i - 1]!.closedAt.getTime());
      }
      expect(p.events.map((e) => e.at.getTime())).toEqual(p.events.map((e) => e.at.getTime()).sort((a, b) => a - b));
    }
  });

  it('rates about 40% of served visits, and some people leave or do not show', () => {
    const served = plans.flatMap((p) => p.tickets.filter((t) => t.status === 'served'));
    const ratings = plans.flatMap((p) => p.ratings);
    expect(ratings.length / served.length).toBeGreaterThan(0.3);
    expect(ratings.length / served.length).toBeLessThan(0.5);
    expect(ratings.every((r) => served.some((t) => t.id === r.ticketId))).toBe(true);
    expect(plans.flatMap((p) => p.tickets).filter((t) => t.status === 'no_show').length).toBeGreaterThan(0);
  });

  it('checks in most appointments with a priority ticket of the calendar\'s category; the others never came', () => {
    const appointments = plans.flatMap((p) => p.appointments);
    expect(appointments.length).toBeGreaterThanOrEqual(2 * DAYS.length);
    for (const a of appointments) {
      const ticket = plans.flatMap((p) => p.tickets).find((t) => t.appointmentId === a.id);
      if (!a.checkedInAt) {
        expect(ticket).toBeUndefined();
        expect(a.status).toBe('no_show');
        continue;
      }
      expect(ticket).toMatchObject({ channel: 'appointment', categoryId: 'cat-C', priorityFrom: a.startsAt, id: a.ticketId });
      expect(a.status).toBe(ticket!.status);
    }
    expect(appointments.filter((a) => a.checkedInAt).length).toBeGreaterThan(appointments.length / 2);
  });

  it('has nothing on a closed day', () => {
    expect(planDeskDay(OFFICE, '2026-11-15', 42).tickets).toEqual([]); // a Sunday
  });

  it('places Rome wall-clock times right on both sides of daylight saving', () => {
    expect(romeAt('2026-03-29', 9 * 60).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(romeAt('2026-03-28', 9 * 60).toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(romeAt('2026-10-25', 9 * 60 + 30).toISOString()).toBe('2026-10-25T08:30:00.000Z');
  });
});
