/**
 * Results of catalogue searches, kept for a short while. The published catalogue is public and the same for
 * everyone, and citizens ask the same questions over and over ("carta d'identità", "tari"), so a peak is
 * served from memory. Freshness: the process that publishes clears its cache at once; every process compares
 * the catalogue's generation (moved on by a database trigger on every change) at most once per checkEveryMs,
 * and drops everything when it moved. Identical searches arriving together share one database query.
 */
export interface SearchCacheOptions {
  ttlMs: number;
  maxEntries: number;
  checkEveryMs: number;
  readGeneration: () => Promise<string>;
}

export class SearchCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; at: number }>();
  private generation: string | undefined;
  private checkedAt = 0;
  private checking: Promise<void> | undefined;
  hits = 0;
  misses = 0;

  constructor(private readonly opts: SearchCacheOptions) {}

  async get(key: string, compute: () => Promise<V>): Promise<V> {
    await this.checkGeneration();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.opts.ttlMs) {
      this.hits++;
      return hit.value;
    }
    this.misses++;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { value, at: now });
    // Map keeps insertion order: the first key is the oldest
    if (this.entries.size > this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  clear() {
    this.entries.clear();
  }

  private checkGeneration(): Promise<void> {
    if (Date.now() - this.checkedAt < this.opts.checkEveryMs) return Promise.resolve();
    this.checking ??= (async () => {
      try {
        const current = await this.opts.readGeneration();
        if (current !== this.generation) {
          this.clear();
          this.generation = current;
        }
        this.checkedAt = Date.now();
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }
}
