/**
 * A synthetic feedback history for the demo: weeks of sessions from several tenants' users, with the
 * signals they leave, generated day by day and handed out in batches so memory stays flat whatever the
 * scale. Every interaction is labelled synthetic in its metadata. Planted, so the analyses have something
 * true to find: atlas-large beats atlas-mini, search-rag v3 fixes broken citations, summarize-doc v5
 * regresses on format, two help-center articles are consistently bad, one user votes down in bursts on
 * other people's answers, and a headless-browser smoke test votes every weekday.
 */
import type { ChatMessage, InteractionRecord, SignalRecord } from '@feedloop/core';
import { BUILTIN_SIGNAL_KIND, type BuiltinSignalType } from '@feedloop/core';
import { draftCode } from './demo-code.js';
import { commentFor } from './demo-comments.js';
import type { Draft, Drafter } from './demo-draft.js';
import { DemoRandom } from './demo-random.js';
import { draftSummary } from './demo-summaries.js';
import { draftSearch, draftSupportChat } from './demo-support.js';
import {
  DEMO_TENANTS,
  type DemoFeature,
  type DemoLanguage,
  type DemoModel,
  type DemoTenant,
  type FailureTheme,
  FEATURE_SHARE,
  hourWeight,
  LANGUAGE_DIFFICULTY,
  LARGE_MODEL_SHARE,
  LATENCY_MS,
  MINI_EXTRA_FAILURE,
  MODEL_VERSION,
  PROMPT_TEMPLATES,
  type PromptRelease,
  type PromptTemplate,
  RATING_WEIGHTS,
  REACTIONS,
  SESSION_LENGTH,
  WEEKDAY_WEIGHT,
} from './demo-world.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** The label every demo interaction carries in its metadata. */
export const DEMO_LABEL = { synthetic: true, generator: 'feedloop-demo' } as const;

/** Interactions per week of history at scale 1: eight weeks make about 20,000. */
export const DEMO_INTERACTIONS_PER_WEEK = 2500;

export interface DemoHistoryOptions {
  /** The same seed and `now` give the same history. Default 1. */
  seed?: number;
  /** When the history ends (epoch ms). Default: the current time. */
  now?: number;
  /** Weeks of history before `now`. Default 8. */
  weeks?: number;
  /** Multiplies the volume (interactions, users, the abusive user's votes). Default 1. */
  scale?: number;
  /** About how many items (interactions + signals) each batch holds. Default 2000. */
  batchSize?: number;
}

export interface DemoBatch {
  interactions: InteractionRecord[];
  signals: SignalRecord[];
}

export interface DemoRange {
  seed: number;
  from: number;
  to: number;
  weeks: number;
  scale: number;
  batchSize: number;
}

/** The options with their defaults filled in, and the time range the history covers. */
export function demoRange(options: DemoHistoryOptions = {}): DemoRange {
  const weeks = options.weeks ?? 8;
  const scale = options.scale ?? 1;
  if (!(weeks > 0 && weeks <= 104)) throw new RangeError(`weeks: expected more than 0 and at most 104, got ${weeks}`);
  if (!(scale > 0 && scale <= 100)) throw new RangeError(`scale: expected more than 0 and at most 100, got ${scale}`);
  const to = options.now ?? Date.now();
  return {
    seed: options.seed ?? 1,
    from: to - Math.round(weeks * WEEK),
    to,
    weeks,
    scale,
    batchSize: options.batchSize ?? 2000,
  };
}

/**
 * The history, batch by batch (about `batchSize` items each), oldest days first.
 *
 * @example
 * for (const batch of generateDemoHistory({ seed: 1, now: Date.now(), scale: 0.2 })) {
 *   await store.ingest(projectId, batch, Date.now());
 * }
 */
export function* generateDemoHistory(options: DemoHistoryOptions = {}): Generator<DemoBatch> {
  yield* new HistoryWriter(demoRange(options)).batches();
}

const DRAFTERS: Record<DemoFeature, Drafter> = {
  'support-chat': draftSupportChat,
  search: draftSearch,
  summarize: draftSummary,
  'code-assist': draftCode,
};

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
];

/** The smoke test a team forgot runs in a headless browser and clicks thumbs up every weekday morning. */
const SMOKE_TEST = {
  userId: 'qa-smoke-test',
  tenant: 'pixelforge',
  userAgent:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
};

/** One user of one tenant votes down other people's answers in bursts, a few times over the history. */
const ABUSER = { userId: 'u_acme_7f3k', tenant: 'acme-corp', bursts: [0.2, 0.45, 0.7, 0.9], votesPerBurst: 90 };

interface DemoUser {
  id: string;
  tenant: DemoTenant;
  language: DemoLanguage;
  feature: DemoFeature;
  userAgent: string;
}

/** Users of one tenant with their cumulative activity weights, for picking who starts a session. */
interface TenantUsers {
  users: DemoUser[];
  cumulative: number[];
}

interface Session {
  id: string;
  user: DemoUser;
  feature: DemoFeature;
  model: DemoModel;
  template: PromptTemplate;
  release: PromptRelease;
}

interface Turn {
  record: InteractionRecord;
  user: DemoUser;
  draft: Draft;
  failure: FailureTheme | null;
  /** The user's thumbs vote, if they left one (after any change of mind). */
  vote: 1 | -1 | 0 | null;
}

const pad = (n: number, width: number) => n.toString().padStart(width, '0');

class HistoryWriter {
  readonly #random: DemoRandom;
  readonly #tenants = new Map<string, TenantUsers>();
  readonly #hours = new Map<DemoLanguage, number[]>();
  /** Recent interactions of the abuser's tenant, the answers the abuser votes down. */
  readonly #recentTargets: Array<{ id: string; createdAt: number }> = [];
  #interactions: InteractionRecord[] = [];
  #signals: SignalRecord[] = [];
  #nextInteraction = 0;
  #nextSignal = 0;
  #nextSession = 0;

  constructor(private readonly range: DemoRange) {
    this.#random = new DemoRandom(range.seed);
    this.#createUsers();
  }

  *batches(): Generator<DemoBatch> {
    const { from, to } = this.range;
    const firstDay = Math.floor(from / DAY) * DAY;
    const perDay = this.#interactionsPerDayUnit(firstDay);
    for (let day = firstDay; day < to; day += DAY) {
      const target = Math.max(0, Math.round(perDay * this.#dayWeight(day) * (1 + 0.08 * this.#random.normal())));
      let made = 0;
      while (made < target) {
        const user = this.#pickUser();
        const start = day + this.#pickHour(user.language) * HOUR + this.#random.int(0, HOUR - 1);
        made += start >= from && start < to ? this.#session(user, start) : 1;
        if (this.#pending() >= this.range.batchSize) yield this.#take();
      }
      this.#smokeTest(day);
      this.#abuse(day);
      if (this.#pending() >= this.range.batchSize) yield this.#take();
    }
    if (this.#pending() > 0) yield this.#take();
  }

  // --- who, and when -------------------------------------------------------------------------------

  #createUsers(): void {
    const random = this.#random;
    const total = Math.max(40, Math.round(1400 * this.range.scale));
    for (const tenant of DEMO_TENANTS) {
      const count = Math.max(3, Math.round(total * tenant.volume));
      const users: DemoUser[] = [];
      const cumulative: number[] = [];
      let sum = 0;
      for (let n = 0; n < count; n++) {
        users.push({
          id: `u_${tenant.id.split('-')[0]}_${pad(n, 4)}`,
          tenant,
          language: random.weighted(tenant.languages),
          feature: random.weighted(FEATURE_SHARE),
          userAgent: random.pick(BROWSERS),
        });
        // A few people use the product all day, most now and then.
        sum += Math.min(random.logNormal(1, 1.1), 25);
        cumulative.push(sum);
      }
      this.#tenants.set(tenant.id, { users, cumulative });
    }
  }

  #pickUser(): DemoUser {
    const tenantId = this.#random.weighted(Object.fromEntries(DEMO_TENANTS.map((t) => [t.id, t.volume])));
    const { users, cumulative } = this.#tenants.get(tenantId) as TenantUsers;
    const r = this.#random.next() * (cumulative.at(-1) ?? 0);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < r) lo = mid + 1;
      else hi = mid;
    }
    return users[lo] as DemoUser;
  }

  #pickHour(language: DemoLanguage): number {
    let cumulative = this.#hours.get(language);
    if (!cumulative) {
      let sum = 0;
      cumulative = Array.from({ length: 24 }, (_, hour) => (sum += hourWeight(language, hour)));
      this.#hours.set(language, cumulative);
    }
    const r = this.#random.next() * (cumulative.at(-1) ?? 0);
    const hour = cumulative.findIndex((c) => c > r);
    return hour < 0 ? 23 : hour;
  }

  /** Weekday seasonality, and growth of about half over the history. */
  #dayWeight(day: number): number {
    const progress = (day - this.range.from) / (this.range.to - this.range.from);
    return (WEEKDAY_WEIGHT[new Date(day).getUTCDay()] ?? 1) * (0.8 + 0.4 * Math.max(0, Math.min(1, progress)));
  }

  /** Interactions per unit of day weight, so the whole range holds the planned volume. */
  #interactionsPerDayUnit(firstDay: number): number {
    const { from, to, weeks, scale } = this.range;
    let units = 0;
    for (let day = firstDay; day < to; day += DAY) {
      const covered = (Math.min(day + DAY, to) - Math.max(day, from)) / DAY;
      units += this.#dayWeight(day) * Math.max(0, covered);
    }
    return (DEMO_INTERACTIONS_PER_WEEK * weeks * scale) / units;
  }

  // --- sessions -----------------------------------------------------------------------------------

  /** One visit: 1–6 questions, regenerations and rephrasings after bad answers. Returns interactions made. */
  #session(user: DemoUser, start: number): number {
    const random = this.#random;
    const feature = random.chance(0.75) ? user.feature : random.weighted(FEATURE_SHARE);
    const template = PROMPT_TEMPLATES[feature];
    const session: Session = {
      id: `demo-sess-${pad(this.#nextSession++, 7)}`,
      user,
      feature,
      model: random.chance(LARGE_MODEL_SHARE) ? 'atlas-large' : 'atlas-mini',
      template,
      release: this.#releaseAt(template, start),
    };
    const length = Number(random.weighted(SESSION_LENGTH));
    const drafter = DRAFTERS[feature];
    const turns: Turn[] = [];
    let at = start;
    let history: ChatMessage[] = [];
    for (let k = 0; k < length; k++) {
      const previous = turns.at(-1);
      if (previous) at += Math.min(20 * MINUTE, Math.max(8 * SECOND, random.logNormal(MINUTE, 0.7)));
      if (at >= this.range.to) break;
      let turn: Turn;
      if (previous?.failure && random.chance(REACTIONS.regenerate)) {
        this.#signal(previous, 'regenerate', at - 2 * SECOND, null);
        turn = this.#attempt(session, previous.draft, at, previous.record.id);
      } else {
        const rephrase = previous?.failure != null && feature !== 'summarize' && random.chance(REACTIONS.rephrase);
        if (previous && rephrase) this.#signal(previous, 'rephrase', at - 2 * SECOND, null);
        const draft = drafter(random, {
          language: user.language,
          history,
          ...(previous && rephrase ? { rephraseOf: previous.draft.topic } : {}),
        });
        turn = this.#attempt(session, draft, at, null);
      }
      turns.push(turn);
      const question = Array.isArray(turn.record.input) ? turn.record.input.at(-1) : undefined;
      if (question) history = [question, { role: 'assistant', content: turn.record.output }];
    }
    this.#endSession(session, turns);
    return turns.length;
  }

  /** The prompt version a session gets: the newest released one, ramped in over its ramp days. */
  #releaseAt(template: PromptTemplate, at: number): PromptRelease {
    const { from, to } = this.range;
    let chosen = template.releases[0] as PromptRelease;
    for (const release of template.releases) {
      const start = from + release.rolloutAt * (to - from);
      const share = release.rampDays === 0 ? (at >= start ? 1 : 0) : (at - start) / (release.rampDays * DAY);
      if (this.#random.chance(Math.max(0, Math.min(1, share)))) chosen = release;
    }
    return chosen;
  }

  /** Whether an answer fails, and how: the template, the model, the language, and what was retrieved. */
  #failureOf(session: Session, draft: Draft): FailureTheme | null {
    const random = this.#random;
    const { template, release, user } = session;
    let p =
      template.baseFailure +
      (session.model === 'atlas-mini' ? MINI_EXTRA_FAILURE : 0) +
      LANGUAGE_DIFFICULTY[user.language] +
      user.tenant.difficulty;
    let forced: FailureTheme | undefined;
    const ids = draft.context.map((d) => d.id);
    // The planted bad articles: the answer follows them into old prices and invented limits.
    if (ids.includes('kb-117') || ids.includes('kb-131')) {
      p = 1 - (1 - p) * 0.4;
      if (random.chance(0.6)) forced = ids.includes('kb-117') ? 'outdated-info' : 'hallucinated-numbers';
    }
    if (!random.chance(p)) {
      const regression = release.regression;
      return regression && random.chance(regression.extraFailure) ? regression.theme : null;
    }
    const theme = forced ?? random.weighted(template.themes);
    const fixed = release.fixes?.[theme];
    return fixed !== undefined && random.chance(fixed) ? null : theme;
  }

  /** One interaction (a first answer or a regeneration) and, from a person, their reactions to it. */
  #attempt(session: Session, draft: Draft, at: number, parentId: string | null, person = true): Turn {
    const random = this.#random;
    const failure = this.#failureOf(session, draft);
    const output = draft.answer(failure);
    const inputText = typeof draft.input === 'string' ? draft.input : draft.input.map((m) => m.content).join('\n');
    const record: InteractionRecord = {
      id: `demo-i-${pad(this.#nextInteraction++, 8)}`,
      createdAt: at,
      sessionId: session.id,
      userId: session.user.id,
      tenant: session.user.tenant.id,
      feature: session.feature,
      language: session.user.language,
      model: session.model,
      modelVersion: MODEL_VERSION[session.model],
      promptTemplate: session.template.name,
      promptVersion: session.release.version,
      input: draft.input,
      context: draft.context,
      output,
      parentId,
      latencyMs: Math.round(random.logNormal(LATENCY_MS[session.model] * (0.6 + output.length / 900), 0.35)),
      tokensIn: Math.ceil(inputText.length / 4) + 180,
      tokensOut: Math.ceil(output.length / 4),
      metadata: { ...DEMO_LABEL, ...(failure ? { plantedFailure: failure } : {}) },
    };
    this.#interactions.push(record);
    if (session.user.tenant.id === ABUSER.tenant) {
      this.#recentTargets.push({ id: record.id, createdAt: at });
      if (this.#recentTargets.length > 1500) this.#recentTargets.splice(0, 500);
    }
    const turn: Turn = { record, user: session.user, draft, failure, vote: null };
    if (person) this.#react(session, turn);
    return turn;
  }

  /** What the user does with an answer: read it, copy it, vote, rate, comment, edit, accept or reject. */
  #react(session: Session, turn: Turn): void {
    const random = this.#random;
    const good = turn.failure === null;
    const at = turn.record.createdAt;
    const language = session.user.language;
    if (random.chance(REACTIONS.dwell)) {
      const ms = Math.round(random.logNormal(good ? 18_000 : turn.failure === 'too-verbose' ? 35_000 : 7_000, 0.6));
      this.#signal(turn, 'dwell', at + ms, ms);
    }
    const copyRate = (good ? REACTIONS.copy.good : REACTIONS.copy.bad) * (session.feature === 'code-assist' ? 2 : 1);
    if (random.chance(copyRate)) this.#signal(turn, 'copy', at + random.logNormal(8 * SECOND, 0.7), null);
    if (good && random.chance(REACTIONS.share))
      this.#signal(turn, 'share', at + random.logNormal(30 * SECOND, 0.7), null);

    let commentAt = at + random.logNormal(15 * SECOND, 0.8);
    if (random.chance(good ? REACTIONS.vote.good : REACTIONS.vote.bad)) {
      const up = random.chance(good ? REACTIONS.up.good : REACTIONS.up.bad);
      turn.vote = up ? 1 : -1;
      this.#signal(turn, 'thumbs', commentAt, turn.vote);
      if (random.chance(up ? REACTIONS.comment.up : REACTIONS.comment.down)) {
        commentAt += random.logNormal(20 * SECOND, 0.6);
        const theme = up ? null : (turn.failure ?? 'wrong-answer');
        this.#signal(turn, 'comment', commentAt, commentFor(random, language, theme));
      }
      if (random.chance(REACTIONS.changeVote)) {
        turn.vote = up ? -1 : 1;
        this.#signal(turn, 'thumbs', commentAt + random.logNormal(3 * MINUTE, 0.8), turn.vote);
      } else if (random.chance(REACTIONS.takeBack)) {
        turn.vote = 0;
        this.#signal(turn, 'thumbs', commentAt + random.logNormal(MINUTE, 0.8), 0);
      }
    } else if (!good && random.chance(REACTIONS.comment.silent)) {
      this.#signal(turn, 'comment', commentAt, commentFor(random, language, turn.failure));
    }
    if (random.chance(REACTIONS.rating)) {
      const stars = Number(random.weighted(good ? RATING_WEIGHTS.good : RATING_WEIGHTS.bad));
      this.#signal(turn, 'rating', commentAt + random.logNormal(10 * SECOND, 0.5), stars);
    }
    if (session.feature === 'summarize' || session.feature === 'code-assist') {
      if (random.chance(good ? REACTIONS.edit.good : REACTIONS.edit.bad)) {
        // Edit-to-final: what the user actually used, the answer a good attempt would have given.
        const final = good ? `${turn.record.output ?? ''}\n${this.#touchUp(session.feature)}` : turn.draft.answer(null);
        this.#signal(turn, 'edit', at + random.logNormal(90 * SECOND, 0.6), final);
      }
    }
    if (session.feature === 'code-assist') {
      const decideAt = at + random.logNormal(6 * SECOND, 0.6);
      if (random.chance(good ? REACTIONS.accept.good : REACTIONS.accept.bad))
        this.#signal(turn, 'accept', decideAt, null);
      else if (random.chance(good ? REACTIONS.reject.good : REACTIONS.reject.bad))
        this.#signal(turn, 'reject', decideAt, null);
    }
  }

  #touchUp(feature: DemoFeature): string {
    return feature === 'code-assist'
      ? this.#random.pick(['// reviewed', '# TODO: add tests', '// handles empty input'])
      : this.#random.pick(['- Next review in two weeks', '- Owner: team lead', '- (see the full notes)']);
  }

  /** Leaving after a bad answer; and, reported later by the app's backend, whether the task succeeded. */
  #endSession(session: Session, turns: Turn[]): void {
    const last = turns.at(-1);
    if (!last) return;
    const random = this.#random;
    const end = last.record.createdAt;
    if (last.failure && last.vote === null && random.chance(REACTIONS.abandon)) {
      this.#signal(last, 'abandon', end + random.logNormal(40 * SECOND, 0.6), null);
    }
    const outcome =
      session.feature === 'support-chat'
        ? 'ticket_resolved'
        : session.feature === 'code-assist'
          ? 'build_passed'
          : null;
    if (outcome && random.chance(REACTIONS.outcome)) {
      const success = random.chance(last.failure ? 0.3 : 0.85);
      this.#signal(last, 'outcome', end + random.logNormal(3 * HOUR, 0.8), { name: outcome, success }, true);
    }
  }

  // --- the planted misuse -------------------------------------------------------------------------

  #smokeTest(day: number): void {
    const weekday = new Date(day).getUTCDay();
    const at = day + 6 * HOUR + this.#random.int(0, 4 * MINUTE);
    if (weekday === 0 || weekday === 6 || at < this.range.from || at >= this.range.to) return;
    const tenant = DEMO_TENANTS.find((t) => t.id === SMOKE_TEST.tenant) as DemoTenant;
    const bot: DemoUser = {
      id: SMOKE_TEST.userId,
      tenant,
      language: 'en',
      feature: 'support-chat',
      userAgent: SMOKE_TEST.userAgent,
    };
    const template = PROMPT_TEMPLATES['support-chat'];
    const session: Session = {
      id: `demo-sess-${pad(this.#nextSession++, 7)}`,
      user: bot,
      feature: 'support-chat',
      model: 'atlas-mini',
      template,
      release: this.#releaseAt(template, at),
    };
    const draft = draftSupportChat(this.#random, { language: 'en', history: [] });
    const turn = this.#attempt(session, draft, at, null, false);
    this.#signal(turn, 'thumbs', at + 1500, 1);
    this.#signal(turn, 'dwell', at + 2500, 1000);
  }

  /** On a few days, a burst of down votes on answers the voter never saw, about one a second. */
  #abuse(day: number): void {
    const { from, to, scale } = this.range;
    const burst = ABUSER.bursts.find((b) => {
      const at = from + b * (to - from);
      return at >= day && at < day + DAY;
    });
    if (burst === undefined) return;
    let at = day + this.#random.int(14, 20) * HOUR;
    if (at >= to) at = to - HOUR;
    const targets = this.#recentTargets.filter((t) => t.createdAt < at - MINUTE && t.createdAt > at - WEEK);
    const count = Math.max(40, Math.round(ABUSER.votesPerBurst * scale));
    for (const target of this.#random.sample(targets, count)) {
      at += this.#random.between(0.4, 1.6) * SECOND;
      this.#signals.push(this.#signalRecord(target.id, null, ABUSER.userId, 'thumbs', at, -1, {}));
    }
  }

  // --- records ------------------------------------------------------------------------------------

  /** A signal from the user who owns the turn; browser signals carry the user agent, backend ones don't. */
  #signal(turn: Turn, type: BuiltinSignalType, at: number, value: unknown, fromBackend = false): void {
    if (at >= this.range.to) return;
    const { id, userId, sessionId } = turn.record;
    const metadata = fromBackend ? {} : { userAgent: turn.user.userAgent };
    this.#signals.push(this.#signalRecord(id, sessionId, userId, type, at, value, metadata));
  }

  #signalRecord(
    interactionId: string,
    sessionId: string | null,
    userId: string | null,
    type: BuiltinSignalType,
    at: number,
    value: unknown,
    metadata: Record<string, unknown>,
  ): SignalRecord {
    return {
      id: `demo-s-${pad(this.#nextSignal++, 9)}`,
      interactionId,
      sessionId,
      userId,
      kind: BUILTIN_SIGNAL_KIND[type],
      type,
      value,
      valueNum: valueNumOf(type, value),
      createdAt: Math.round(at),
      metadata,
    };
  }

  #pending(): number {
    return this.#interactions.length + this.#signals.length;
  }

  #take(): DemoBatch {
    const batch = { interactions: this.#interactions, signals: this.#signals };
    this.#interactions = [];
    this.#signals = [];
    return batch;
  }
}

/** The numeric reading the store keeps beside a value, as ingestion computes it. */
function valueNumOf(type: BuiltinSignalType, value: unknown): number | null {
  if (type === 'outcome') return (value as { success: boolean }).success ? 1 : 0;
  return typeof value === 'number' ? value : null;
}
