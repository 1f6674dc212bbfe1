/**
 * The waiting-room displays (and counter pages) watching an office in this process. Each subscriber gets the
 * office's full DisplayState when it joins and after every change: at once when the change was made in this
 * process (QueueService tells the hub), within a poll interval when another process made it (the hub reads the
 * newest desk_ticket_events.seq of each watched office). Nothing is kept here that the database does not
 * hold: a subscriber that reconnects, to this process or another, gets the whole state again.
 *
 * The poll sees what moves the seq, i.e. everything that happens to tickets. A change elsewhere that appends no
 * event (a counter opened or closed, a category renamed) reaches this process's displays with the next ticket
 * event, or at once when it was made here.
 *
 * The timers run only while someone watches; stop() ends every stream (app close).
 */
import type { DisplayState } from '../../../contracts/desk.ts';

export interface DisplayHubOptions {
  /** how often the hub asks the database whether another process changed a watched office (ms) */
  pollMs?: number;
  /** how often an idle stream gets a comment, so proxies and browsers keep it open (ms) */
  heartbeatMs?: number;
  onError?: (err: unknown) => void;
}

export interface DisplaySubscriber {
  send: (state: DisplayState) => void;
  heartbeat: () => void;
  /** the hub is stopping: end the stream */
  end: () => void;
}

interface Watched {
  subscribers: Set<DisplaySubscriber>;
  /** the seq of the state last sent */
  seq: string | null;
  /** a reload is running; `again` asks for one more after it (a change arrived meanwhile) */
  loading: Promise<void> | null;
  again: boolean;
}

export class DisplayHub {
  private readonly offices = new Map<string, Watched>();
  private pollTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private polling = false;
  private stopped = false;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;

  constructor(
    private readonly load: (officeId: string) => Promise<DisplayState>,
    private readonly latestSeqs: (officeIds: readonly string[]) => Promise<Map<string, string>>,
    private readonly opts: DisplayHubOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 1000;
    this.heartbeatMs = opts.heartbeatMs ?? 15_000;
  }

  /** Joins a subscriber: it gets the current state now and every change after. Returns how to leave. */
  async subscribe(officeId: string, subscriber: DisplaySubscriber): Promise<() => void> {
    if (this.stopped) throw new Error('display hub stopped');
    let watched = this.offices.get(officeId);
    if (!watched) {
      watched = { subscribers: new Set(), seq: null, loading: null, again: false };
      this.offices.set(officeId, watched);
    }
    watched.subscribers.add(subscriber);
    this.startTimers();
    const leave = () => {
      const w = this.offices.get(officeId);
      if (!w) return;
      w.subscribers.delete(subscriber);
      if (w.subscribers.size === 0) this.offices.delete(officeId);
      if (this.offices.size === 0) this.stopTimers();
    };
    try {
      const state = await this.load(officeId);
      watched.seq ??= state.seq;
      subscriber.send(state);
    } catch (err) {
      leave();
      throw err;
    }
    return leave;
  }

  /** A change to an office's queue committed in this process: everyone watching it gets the new state. */
  wake(officeId: string) {
    const watched = this.offices.get(officeId);
    if (!watched || this.stopped) return;
    if (watched.loading) {
      watched.again = true;
      return;
    }
    watched.loading = this.refresh(officeId, watched);
  }

  private async refresh(officeId: string, watched: Watched) {
    try {
      do {
        watched.again = false;
        const state = await this.load(officeId);
        watched.seq = state.seq;
        for (const s of watched.subscribers) {
          try {
            s.send(state);
          } catch (err) {
            this.opts.onError?.(err);
          }
        }
      } while (watched.again && !this.stopped && watched.subscribers.size);
    } catch (err) {
      this.opts.onError?.(err);
    } finally {
      watched.loading = null;
    }
  }

  /** Changes made by other processes: the newest seq of each watched office, compared with the last sent. */
  async poll() {
    if (this.polling || this.stopped || this.offices.size === 0) return;
    this.polling = true;
    try {
      const ids = [...this.offices.keys()];
      const seqs = await this.latestSeqs(ids);
      for (const id of ids) {
        const w = this.offices.get(id);
        const seq = seqs.get(id);
        if (w && seq !== undefined && w.seq !== null && seq !== w.seq) this.wake(id);
      }
    } catch (err) {
      this.opts.onError?.(err);
    } finally {
      this.polling = false;
    }
  }

  /** how many streams watch an office (tests, metrics) */
  watching(officeId: string) {
    return this.offices.get(officeId)?.subscribers.size ?? 0;
  }

  private startTimers() {
    if (this.stopped) return;
    this.pollTimer ??= setInterval(() => void this.poll(), this.pollMs);
    this.heartbeatTimer ??= setInterval(() => {
      for (const w of this.offices.values()) for (const s of w.subscribers) s.heartbeat();
    }, this.heartbeatMs);
    this.pollTimer.unref();
    this.heartbeatTimer.unref();
  }

  private stopTimers() {
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.pollTimer = null;
    this.heartbeatTimer = null;
  }

  /** Ends every stream and the timers; waits for reloads under way. */
  async stop() {
    this.stopped = true;
    this.stopTimers();
    const pending = [...this.offices.values()].map((w) => w.loading).filter(Boolean);
    for (const w of this.offices.values()) for (const s of w.subscribers) s.end();
    this.offices.clear();
    await Promise.allSettled(pending);
  }
}
