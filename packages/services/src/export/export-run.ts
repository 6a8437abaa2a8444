import {
  createRedactor,
  type ExampleOf,
  type ExportFormatOf,
  type ExportKind,
  type RecordRedactor,
  redactExample,
  TRAINING_CODECS,
  validatePrompt,
} from '@feedloop/core';
import type { Store } from '@feedloop/store';
import { type ContributorFilter, PerUserCap } from './contributor-limits.js';
import type { Candidate } from './example-candidate.js';
import { ExampleDeduper } from './example-deduper.js';
import { buildManifest, type ExportManifest } from './export-manifest.js';
import type { ExportRequest } from './export-request.js';
import { ExportTally } from './export-tally.js';
import { countAnchors, DEFAULT_PAGE_SIZE, interactionPages } from './interaction-rows.js';
import type { ExportScope } from './interaction-scope.js';
import { PageView } from './page-view.js';
import { dpoCandidates } from './select-dpo.js';
import { ktoCandidates } from './select-kto.js';
import { sftCandidates } from './select-sft.js';
import { DPO_TYPES, RATING_TYPES, SFT_TYPES, signalsOf } from './signal-rows.js';

export interface ExportRunOptions {
  /** Defaults to the built-in redaction engine with every recognizer on. */
  redactor?: RecordRedactor;
  /** The abuse-filter seam; none by default. */
  contributorFilter?: ContributorFilter;
  pageSize?: number;
}

/** One page of an export pass: newline-terminated JSON lines (or '') and the counts so far. */
export interface ExportPage {
  text: string;
  scanned: number;
  written: number;
}

const SIGNAL_TYPES: Record<ExportKind, readonly string[]> = { sft: SFT_TYPES, dpo: DPO_TYPES, kto: RATING_TYPES };

/**
 * One export pass: reads anchor interactions page by page, selects examples (`select-*.ts`), redacts
 * each example as one record, formats it, and keeps it only if it passes its format's validator, is not
 * a duplicate, and its user is under the cap. Yields one chunk of newline-terminated JSON lines per page,
 * so a consumer that writes as it goes (a file, an HTTP reply) holds one page at a time. `manifest()` is
 * available once the chunks are exhausted.
 *
 * @example
 * const run = new ExportRun(store, request);
 * for await (const chunk of run.chunks()) out.write(chunk);
 * const manifest = run.manifest();
 */
export class ExportRun {
  readonly #store: Store;
  readonly #request: ExportRequest;
  readonly #options: ExportRunOptions;
  readonly #scope: ExportScope;
  readonly #tally = new ExportTally();
  readonly #cap: PerUserCap;
  readonly #deduper: ExampleDeduper | undefined;
  readonly #redactor: RecordRedactor;
  #finishedAt: number | undefined;

  constructor(store: Store, request: ExportRequest, options: ExportRunOptions = {}) {
    this.#store = store;
    this.#request = request;
    this.#options = options;
    this.#scope = { projectId: request.projectId, filters: request.filters, asOf: request.asOf };
    this.#cap = new PerUserCap(request.maxPerUser);
    this.#deduper = request.dedupe ? new ExampleDeduper() : undefined;
    this.#redactor = options.redactor ?? createRedactor();
  }

  /** How many anchor interactions this export will scan (one COUNT query), for a progress total. */
  countInteractions(): Promise<number> {
    return countAnchors(this.#store.db, this.#scope);
  }

  async *chunks(): AsyncGenerator<string> {
    for await (const page of this.pages()) if (page.text) yield page.text;
  }

  /**
   * The pass one page at a time: its lines (`text`, empty when the page wrote none) and the running
   * counts, for a consumer that reports progress as it goes.
   */
  async *pages(): AsyncGenerator<ExportPage> {
    const { db } = this.#store;
    const kind = this.#request.kind;
    for await (const rows of interactionPages(db, this.#scope, this.#options.pageSize ?? DEFAULT_PAGE_SIZE)) {
      const signals = await signalsOf(
        db,
        this.#scope,
        rows.map((r) => r.id),
        SIGNAL_TYPES[kind],
      );
      const page = new PageView(rows, signals);
      const lines: string[] = [];
      if (kind === 'sft') this.#emit('sft', sftCandidates(page), lines);
      else if (kind === 'kto') this.#emit('kto', ktoCandidates(page), lines);
      else this.#emit('dpo', await dpoCandidates(db, this.#scope, page), lines);
      this.#tally.interactionsScanned += rows.length;
      yield {
        scanned: this.#tally.interactionsScanned,
        written: this.#tally.written,
        text: lines.length > 0 ? `${lines.join('\n')}\n` : '',
      };
    }
    this.#finishedAt = Date.now();
  }

  #emit<K extends ExportKind>(kind: K, candidates: ReadonlyArray<Candidate<ExampleOf[K]>>, lines: string[]): void {
    const codec = TRAINING_CODECS[kind];
    const format = this.#request.format as ExportFormatOf<K>;
    for (const candidate of candidates) {
      const { source } = candidate;
      if ('skip' in candidate) {
        this.#tally.skip(source, candidate.skip);
        continue;
      }
      // Standard formats flatten the prompt to one string, so its turns are checked before that.
      const prompt = validatePrompt(candidate.example.prompt);
      if (!prompt.ok) {
        this.#tally.skip(source, prompt.reason);
        continue;
      }
      const { example, report } = redactExample(kind, candidate.example, this.#redactor);
      const line = codec.format(example, format);
      const check = codec.validate(line, format);
      if (!check.ok) {
        this.#tally.skip(source, check.reason);
        continue;
      }
      const json = JSON.stringify(line);
      const verdict = this.#admit(json, candidate.contributor);
      if (verdict !== undefined) {
        this.#tally.skip(source, verdict);
        continue;
      }
      this.#tally.write(source, candidate.anchor.created_at, report);
      lines.push(json);
    }
  }

  /** Dedupe, then the abuse filter, then the cap; a line only counts towards them once it is written. */
  #admit(json: string, contributor: string | null) {
    if (this.#deduper?.has(json)) return 'duplicate' as const;
    if (this.#options.contributorFilter?.excludes(contributor)) return 'excluded-contributor' as const;
    if (!this.#cap.allows(contributor)) return 'user-cap' as const;
    this.#deduper?.add(json);
    this.#cap.count(contributor);
    return undefined;
  }

  /** The manifest of the finished pass. */
  manifest(): ExportManifest {
    if (this.#finishedAt === undefined) throw new Error('The export has not finished: read all of chunks() first.');
    return buildManifest({
      request: this.#request,
      tally: this.#tally,
      backend: this.#store.backend,
      usersAtCap: this.#cap.usersAtCap,
      falsePositiveRate: this.#deduper?.falsePositiveRate() ?? null,
      contributorFilter: this.#options.contributorFilter?.name ?? null,
      redactionEngine: this.#options.redactor ? 'custom' : 'feedloop-redaction (all recognizers)',
      generatedAt: this.#finishedAt,
    });
  }
}
