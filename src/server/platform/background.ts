/**
 * A background task that runs when woken (after a short pause, so that a burst of wake-ups makes one batch) and
 * on a timer (for work committed by other processes). One run at a time; failures are logged and retried on the
 * next tick, so a database outage delays the work and never loses it.
 */
export class BackgroundTask {
  private timer: NodeJS.Timeout | null = null;
  private pending: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly name: string,
    /** does one batch; returns how many items it handled (0 = nothing left) */
    private readonly work: () => Promise<number>,
    private readonly log: { error: (obj: object, msg: string) => void },
    private readonly options: { batchDelayMs: number; intervalMs: number } = { batchDelayMs: 50, intervalMs: 1000 },
  ) {}

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => this.wake(0), this.options.intervalMs);
    this.timer.unref();
    this.wake(0);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    this.timer = this.pending = null;
    await this.running?.catch(() => undefined);
  }

  /** Asks for a run soon; wake-ups during a run make one more run after it. */
  wake(delayMs = this.options.batchDelayMs) {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      void this.runNow();
    }, delayMs);
    this.pending.unref();
  }

  /** Runs batches until there is nothing left (used by tests and at shutdown to finish what is queued). */
  async drain(): Promise<void> {
    for (;;) {
      await this.running;
      if ((await this.runNow()) === 0) return;
    }
  }

  private runNow(): Promise<number> {
    if (this.running) return this.running.then(() => 1);
    let handled = 0;
    this.running = (async () => {
      try {
        do {
          this.again = false;
          handled = await this.work();
        } while ((handled > 0 || this.again) && !this.stopped);
      } catch (error) {
        this.log.error({ err: error, task: this.name }, `${this.name} failed; retrying on the next tick`);
        handled = 0;
      }
    })().finally(() => {
      this.running = null;
    });
    return this.running.then(() => handled);
  }
}
