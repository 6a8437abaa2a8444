import { createHash } from 'node:crypto';

/** 2^27 bits: a fixed 16 MiB, whatever the size of the export. */
export const DEDUPE_BITS = 2 ** 27;
/** Optimal for ~13 million items at this size; near-optimal well beyond the sizes we expect. */
export const DEDUPE_HASHES = 7;

/**
 * Remembers the lines already written in constant memory: a Bloom filter over the SHA-1 of each line
 * (k indexes by double hashing). It never misses a real duplicate; it may, rarely, take a new line for
 * a duplicate and drop it — the estimated rate is (1 − e^(−k·n/m))^k: below 1e-9 at one million lines,
 * about 2e-3 at ten million. The manifest reports the estimate for the actual count.
 *
 * @example
 * const seen = new ExampleDeduper();
 * seen.has(line); // false
 * seen.add(line);
 * seen.has(line); // true
 */
export class ExampleDeduper {
  readonly #bits = new Uint8Array(DEDUPE_BITS / 8);
  #count = 0;

  constructor() {
    // Touch every page now: the memory is committed before the first line, not creeping up during the
    // export, so resident memory stays flat from start to end.
    this.#bits.fill(0);
  }

  #indexes(line: string): number[] {
    const digest = createHash('sha1').update(line).digest();
    const h1 = digest.readUInt32LE(0);
    const h2 = digest.readUInt32LE(4) | 1; // odd, so the k probes are distinct
    const mask = DEDUPE_BITS - 1;
    const out: number[] = [];
    for (let i = 0; i < DEDUPE_HASHES; i++) out.push((h1 + Math.imul(i, h2)) & mask);
    return out;
  }

  has(line: string): boolean {
    return this.#indexes(line).every((i) => ((this.#bits[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0);
  }

  add(line: string): void {
    for (const i of this.#indexes(line)) this.#bits[i >>> 3] = (this.#bits[i >>> 3] ?? 0) | (1 << (i & 7));
    this.#count++;
  }

  /** The estimated chance that a new line is taken for a duplicate, after the lines added so far. */
  falsePositiveRate(): number {
    return (1 - Math.exp((-DEDUPE_HASHES * this.#count) / DEDUPE_BITS)) ** DEDUPE_HASHES;
  }
}
