/**
 * Limits on how much one user can put into a training set. The per-user cap keeps a counter per user
 * who contributed an example: memory grows with the number of distinct users (tens of bytes each), not
 * with the number of examples — a million users is tens of megabytes.
 */

/** Examples without any user id are counted together under this key. */
export const ANONYMOUS = '(anonymous)';

export class PerUserCap {
  readonly max: number | null;
  readonly #counts = new Map<string, number>();
  #atCap = 0;

  constructor(max: number | null) {
    this.max = max;
  }

  allows(contributor: string | null): boolean {
    return this.max === null || (this.#counts.get(contributor ?? ANONYMOUS) ?? 0) < this.max;
  }

  count(contributor: string | null): void {
    if (this.max === null) return;
    const key = contributor ?? ANONYMOUS;
    const n = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, n);
    if (n === this.max) this.#atCap++;
  }

  /** Users who reached the cap (some of their examples may have been dropped). */
  get usersAtCap(): number {
    return this.#atCap;
  }
}

/**
 * The seam for the abuse filter (not written yet): given the user an example would be counted against,
 * say whether to keep it out. Examples it excludes are counted as `excluded-contributor`.
 */
export interface ContributorFilter {
  /** Named in the manifest. */
  readonly name: string;
  excludes(contributor: string | null): boolean;
}
