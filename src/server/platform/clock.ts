/**
 * The program's clock. Deadlines, queues and sweeps ask it rather than `new Date()`, so that tests and the
 * browser journeys can move time forward (an application becoming overdue) without waiting for it. Production
 * never moves it: `advance`/`set` are only called by tests.
 */
import { romeDate } from './legal-clock.ts';

class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** today's calendar date in Italy, 'YYYY-MM-DD' */
  today(): string {
    return romeDate(this.now());
  }

  /** moves the clock forward (or back) by some days; tests only */
  advanceDays(days: number) {
    this.offsetMs += days * 86_400_000;
  }

  /** puts the clock at an instant, from which it runs on; tests only */
  setTo(instant: Date) {
    this.offsetMs = instant.getTime() - Date.now();
  }

  /** back to real time; tests only */
  reset() {
    this.offsetMs = 0;
  }
}

export const clock = new Clock();
