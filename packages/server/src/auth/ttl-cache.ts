/**
 * Remembers what a loader returned for a few seconds, so a hot path (every public-key signal) costs no
 * database read; a change made by another process applies within `ttlMs`.
 */
const MAX_ENTRIES = 10_000;

export class TtlCache<V> {
  readonly #entries = new Map<string, { value: Promise<V>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly load: (key: string) => Promise<V>,
  ) {}

  get(key: string): Promise<V> {
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    const value = this.load(key);
    this.#entries.set(key, { value, expires: now + this.ttlMs });
    // A failed read is not remembered: the next request tries again.
    value.catch(() => this.#entries.delete(key));
    return value;
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }
}
