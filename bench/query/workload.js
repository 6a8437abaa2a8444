/**
 * A seeded, deterministic feedback history for the query benchmark: N interactions and exactly 10 × N
 * signals over 60 days, shaped like a multi-tenant SaaS product with several AI features.
 *
 * - Time: a daily cycle (busiest 13–16 UTC, quietest ~03 UTC), weekends at 45%, and 50% growth from the
 *   first day to the last; interactions come in sessions of 1–8 (mean 2.1), 20 s – 4 min apart, by ~1
 *   user per 8 interactions (some users far more active than others).
 * - Dimensions (cardinalities): 12 tenants with Zipf(1.1) volume (the largest has 35.5% of the traffic, the
 *   smallest 2.3%); 6 features; 4 languages (each tenant has a home language for 70% of its sessions);
 *   2 models × 2 versions (the new version of each ramps up over 10 days, at different times);
 *   4 prompt templates (each feature uses one) × 3 versions (v2 and v3 ramp up over 6 days at times that
 *   differ per template, so one or two versions are live at any moment).
 * - Signals per interaction, as generated (scale 0.1): thumbs 0.26 (on 24% of answers; 7% of voters later
 *   change their vote, 1% take it back), rating 0.06, comment 0.03, edit 0.06 (more on draft-email and on
 *   bad answers), copy 0.56, share 0.03, regenerate 0.10 (more on bad answers), rephrase 0.07, abandon
 *   0.03, accept 0.09 / reject 0.04 (code-assist and draft-email), preference 0.003, outcome 0.12 (a
 *   ticket_resolved per 60% of support-chat sessions, about the session and no interaction, and an
 *   email_sent per 30% of draft-email answers); the rest, up to exactly 10 per interaction, is passive
 *   reading by the user and by colleagues of the same tenant: dwell 5.97 (ms), `app:scroll` 2.14
 *   (depth %) and `app:expand-sources` 0.44 (on search and code-assist).
 * - Quality (what the analyses should find): thumbs-up probability depends on tenant, feature, language,
 *   model, model version and prompt version; ratings, regenerations and edits follow it.
 *
 * Records are built directly in the normalised shape `store.ingest` takes (as validation would produce
 * them), not validated one by one.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Bump when the generated data changes: it is part of the cache key. */
export const GENERATOR_VERSION = 1;

/** A Monday; the history covers [START, START + days). */
export const START = Date.parse('2026-09-21T00:00:00Z');

export const TENANTS = [
  'acme',
  'globex',
  'initech',
  'umbrella',
  'hooli',
  'stark',
  'wayne',
  'wonka',
  'soylent',
  'tyrell',
  'cyberdyne',
  'aperture',
];
export const FEATURES = ['support-chat', 'search', 'summarise', 'draft-email', 'code-assist', 'sql-helper'];
const FEATURE_WEIGHTS = [30, 22, 15, 13, 12, 8];
const FEATURE_TEMPLATE = {
  'support-chat': 'support',
  search: 'rag-answer',
  'code-assist': 'rag-answer',
  summarise: 'summarise',
  'draft-email': 'writer',
  'sql-helper': 'writer',
};
const FEATURE_QUALITY = {
  'support-chat': 0,
  search: 0.02,
  summarise: 0.06,
  'draft-email': 0.03,
  'code-assist': -0.04,
  'sql-helper': -0.09,
};
export const LANGUAGES = ['en', 'de', 'fr', 'es'];
/** Each tenant's home language, by tenant rank. */
const TENANT_HOME_LANGUAGE = ['en', 'en', 'de', 'en', 'fr', 'en', 'es', 'de', 'en', 'fr', 'en', 'es'];
export const MODELS = ['gpt-x', 'local-7b'];
const MODEL_SHARE = [0.62, 0.38];
const MODEL_VERSIONS = {
  'gpt-x': { old: '2026-06', new: '2026-10', rampDay: 24, quality: [0, 0.03] },
  'local-7b': { old: 'v1.3', new: 'v1.4', rampDay: 38, quality: [-0.05, -0.06] },
};
/** Days at which v2 and v3 of each template start ramping up (over TEMPLATE_RAMP_DAYS). */
const TEMPLATE_ROLLOUT = {
  support: [12, 41],
  'rag-answer': [19, 47],
  summarise: [8, 33],
  writer: [26, 52],
};
const TEMPLATE_RAMP_DAYS = 6;
const PROMPT_VERSION_QUALITY = [0, 0.02, 0.035];

/** Passive signals (filler up to 10 per interaction) for features with retrieved sources. */
const RAG_FEATURES = new Set(['search', 'code-assist']);

/** mulberry32, as `seededRandom` in @feedloop/core: every run stores the same data. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The generator's parameters at a scale (1 = 1,000,000 interactions); they key the data cache. */
export function parameters(scale, seed = 20_261_123) {
  const interactions = Math.max(100, Math.round(1_000_000 * scale));
  return {
    generator: GENERATOR_VERSION,
    seed,
    interactions,
    signals: interactions * 10,
    days: 60,
    start: START,
    tenants: TENANTS.length,
    zipf: 1.1,
    // Users scale with volume: ~8 interactions per user over the 60 days.
    users: Math.max(50, Math.round(interactions / 8)),
    batchInteractions: 1000,
  };
}

/** Tenant weights: Zipf(s) over rank. */
export function tenantWeights(s = 1.1) {
  const w = TENANTS.map((_, r) => 1 / (r + 1) ** s);
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

function cumulative(weights) {
  const out = [];
  let sum = 0;
  for (const w of weights) {
    sum += w;
    out.push(sum);
  }
  return out.map((x) => x / sum);
}

/** Index of the first cumulative weight ≥ u (binary search). */
function pickCumulative(cum, u) {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] ?? 1) < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Relative traffic of each hour of the history. */
function hourlyWeights(days) {
  const weights = [];
  for (let h = 0; h < days * 24; h++) {
    const at = START + h * HOUR;
    const hourOfDay = (at / HOUR) % 24;
    const dayOfWeek = new Date(at).getUTCDay();
    const daily = 0.25 + Math.max(0, Math.cos(((hourOfDay - 14.5) / 24) * 2 * Math.PI)) ** 1.5;
    const weekly = dayOfWeek === 0 || dayOfWeek === 6 ? 0.45 : 1;
    const growth = 1 + (0.5 * h) / (days * 24);
    weights.push(daily * weekly * growth);
  }
  return weights;
}

const hex = (n, digits) => n.toString(16).padStart(digits, '0');

/** A UUIDv7 (time-ordered, as the SDKs send) from a timestamp and the seeded generator. */
function uuidv7(ms, random) {
  const a = Math.floor(random() * 0x1000);
  const b = 0x8000 | Math.floor(random() * 0x4000);
  const c = Math.floor(random() * 0x1000000);
  const d = Math.floor(random() * 0x1000000);
  const t = hex(ms, 12);
  return `${t.slice(0, 8)}-${t.slice(8)}-7${hex(a, 3)}-${hex(b, 4)}-${hex(c, 6)}${hex(d, 6)}`;
}

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

/** Share of the new version at `day`, ramping linearly over `rampDays` from `startDay`. */
const ramp = (day, startDay, rampDays) => clamp((day - startDay) / rampDays, 0, 1);

const WORDS =
  'account password billing invoice refund export report dashboard setting security token limit plan upgrade team member role access error timeout sync import calendar query index deploy review'.split(
    ' ',
  );

function words(random, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]);
  return out.join(' ');
}

/**
 * The history in batches of about `params.batchInteractions` interactions (whole sessions) with their
 * signals, in time order, as `{ interactions, signals }` for `store.ingest`. Each batch carries exactly
 * 10 signals per interaction; the signals of a batch's interactions are in the same batch.
 */
export function* generate(params) {
  const random = seeded(params.seed);
  const end = params.start + params.days * DAY;
  const hourCum = cumulative(hourlyWeights(params.days));
  const tenantW = tenantWeights(params.zipf);
  const tenantCum = cumulative(tenantW);
  const featureCum = cumulative(FEATURE_WEIGHTS);
  // Each tenant: a home language, a quality offset, and its share of the users.
  const tenantInfo = TENANTS.map((name, t) => ({
    name,
    home: TENANT_HOME_LANGUAGE[t] ?? 'en',
    quality: ((t * 7919) % 17) / 100 - 0.08,
    users: Math.max(3, Math.round(params.users * (tenantW[t] ?? 0))),
  }));
  let interactionsMade = 0;
  let sessionNo = 0;
  let batch = { interactions: [], signals: [] };
  /** Interactions of the current batch, for the passive signals. */
  let meta = [];

  const signal = (interaction, userId, sessionId, type, kind, value, valueNum, at) => {
    const createdAt = Math.min(Math.floor(at), end - 1);
    batch.signals.push({
      id: uuidv7(createdAt, random),
      interactionId: interaction === null ? null : interaction.id,
      sessionId,
      userId,
      kind,
      type,
      value,
      valueNum,
      createdAt,
      metadata: {},
    });
  };

  const flush = () => {
    // Passive reading, up to exactly 10 signals per interaction of the batch.
    const target = batch.interactions.length * 10;
    while (batch.signals.length < target) {
      const m = meta[Math.floor(random() * meta.length)];
      const colleague = random() < 0.35;
      const userId = colleague ? `u_${m.tenant}_${Math.floor(random() * m.users)}` : m.userId;
      const sessionId = colleague ? null : m.sessionId;
      const at =
        m.interaction.createdAt + Math.floor(5_000 + -Math.log(1 - random()) * (colleague ? 6 * HOUR : 120_000));
      const r = random();
      if (r < 0.6 || (r >= 0.85 && !RAG_FEATURES.has(m.feature))) {
        const ms = Math.round(1000 + -Math.log(1 - random()) * 25_000);
        signal(m.interaction, userId, sessionId, 'dwell', 'implicit', ms, ms, at);
      } else if (r < 0.85) {
        const depth = Math.round(random() * 100);
        signal(m.interaction, userId, sessionId, 'app:scroll', 'implicit', depth, depth, at);
      } else {
        signal(m.interaction, userId, sessionId, 'app:expand-sources', 'implicit', null, null, at);
      }
    }
    const out = batch;
    batch = { interactions: [], signals: [] };
    meta = [];
    return out;
  };

  while (interactionsMade < params.interactions) {
    // A session: its start follows the traffic curve (stratified by how many interactions exist so far).
    const u = (interactionsMade + random()) / params.interactions;
    const hour = pickCumulative(hourCum, u);
    const sessionStart = params.start + hour * HOUR + Math.floor(random() * HOUR);
    const day = (sessionStart - params.start) / DAY;
    const t = pickCumulative(tenantCum, random());
    const tenant = tenantInfo[t];
    const feature = FEATURES[pickCumulative(featureCum, random())];
    const language = random() < 0.7 ? tenant.home : LANGUAGES[Math.floor(random() * LANGUAGES.length)];
    const model = random() < (MODEL_SHARE[0] ?? 0.5) ? MODELS[0] : MODELS[1];
    const mv = MODEL_VERSIONS[model];
    const isNewModel = random() < ramp(day, mv.rampDay, 10);
    const template = FEATURE_TEMPLATE[feature];
    const [v2Day, v3Day] = TEMPLATE_ROLLOUT[template];
    const v = random();
    const promptVersion =
      v < ramp(day, v3Day, TEMPLATE_RAMP_DAYS) ? 3 : v < ramp(day, v2Day, TEMPLATE_RAMP_DAYS) ? 2 : 1;
    const userNo = Math.floor(random() ** 2 * tenant.users); // some users are far more active
    const userId = `u_${tenant.name}_${userNo}`;
    const sessionId = `s_${sessionNo++}`;
    const quality = clamp(
      0.66 +
        tenant.quality +
        FEATURE_QUALITY[feature] +
        (language === 'en' ? 0.01 : -0.03) +
        (mv.quality[isNewModel ? 1 : 0] ?? 0) +
        (PROMPT_VERSION_QUALITY[promptVersion - 1] ?? 0),
      0.2,
      0.95,
    );
    const length = Math.min(8, 1 + Math.floor(-Math.log(1 - random()) * 1.6));
    let at = sessionStart;
    let previous = null;
    let regenerated = false;
    for (let k = 0; k < length && interactionsMade < params.interactions; k++) {
      if (k > 0) at += 20_000 + Math.floor(random() * 220_000);
      if (at >= end) break;
      const rag = RAG_FEATURES.has(feature);
      const interaction = {
        id: uuidv7(at, random),
        createdAt: at,
        sessionId,
        userId,
        tenant: tenant.name,
        feature,
        language,
        model,
        modelVersion: isNewModel ? mv.new : mv.old,
        promptTemplate: template,
        promptVersion: String(promptVersion),
        input: [{ role: 'user', content: `${words(random, 6)}?` }],
        context: rag
          ? [0, 1, 2].map((p) => ({
              id: `doc_${t}_${Math.floor(random() * 400)}`,
              text: words(random, 8),
              source: 'kb',
              score: Number((0.9 - p * 0.1 - random() * 0.1).toFixed(3)),
            }))
          : [],
        output: `${words(random, 14)}.`,
        parentId: regenerated && previous ? previous.id : null,
        latencyMs: Math.round(400 + random() * 2500),
        tokensIn: 200 + Math.floor(random() * 800),
        tokensOut: 50 + Math.floor(random() * 400),
        metadata: {},
      };
      batch.interactions.push(interaction);
      meta.push({ interaction, tenant: tenant.name, users: tenant.users, userId, sessionId, feature });
      interactionsMade++;

      // What the user said and did about it.
      const good = random() < quality;
      const s = (type, kind, value, valueNum, delayMs) =>
        signal(interaction, userId, sessionId, type, kind, value, valueNum, at + delayMs);
      if (random() < 0.24) {
        const vote = good === random() < 0.9 ? 1 : -1;
        s('thumbs', 'explicit', vote, vote, 3_000 + Math.floor(random() * 60_000));
        const change = random();
        if (change < 0.07) s('thumbs', 'explicit', -vote, -vote, 90_000 + Math.floor(random() * 600_000));
        else if (change < 0.08) s('thumbs', 'explicit', 0, 0, 90_000 + Math.floor(random() * 600_000));
      }
      if (random() < 0.06) {
        const stars = clamp(Math.round((good ? 4.2 : 2.2) + (random() - 0.5) * 2.6), 1, 5);
        s('rating', 'explicit', stars, stars, 4_000 + Math.floor(random() * 60_000));
      }
      if (random() < 0.03) s('comment', 'explicit', words(random, 7), null, 10_000 + Math.floor(random() * 90_000));
      if (random() < (feature === 'draft-email' ? 0.15 : 0.05) * (good ? 0.6 : 1.8)) {
        s('edit', 'correction', `${interaction.output} ${words(random, 4)}`, null, 30_000 + random() * 300_000);
      }
      if (random() < (good ? 0.5 : 0.3)) {
        s('copy', 'implicit', null, null, 2_000 + Math.floor(random() * 30_000));
        if (random() < 0.3) s('copy', 'implicit', null, null, 40_000 + Math.floor(random() * 120_000));
      }
      if (random() < 0.03) s('share', 'implicit', null, null, 20_000 + Math.floor(random() * 200_000));
      regenerated = random() < (good ? 0.04 : 0.2);
      if (regenerated) s('regenerate', 'implicit', null, null, 5_000 + Math.floor(random() * 20_000));
      if (random() < (good ? 0.05 : 0.11)) s('rephrase', 'implicit', null, null, 15_000 + random() * 60_000);
      if (random() < 0.03) s('abandon', 'implicit', null, null, 60_000 + Math.floor(random() * 600_000));
      if (feature === 'code-assist' || feature === 'draft-email') {
        if (random() < (good ? 0.45 : 0.15)) s('accept', 'implicit', null, null, 5_000 + random() * 40_000);
        else if (random() < 0.25) s('reject', 'implicit', null, null, 5_000 + random() * 40_000);
      }
      if (previous && random() < 0.005) {
        s('preference', 'explicit', { over: previous.id }, null, 10_000 + random() * 30_000);
      }
      if (feature === 'draft-email' && random() < 0.3) {
        const success = random() < quality;
        s('outcome', 'outcome', { name: 'email_sent', success }, success ? 1 : 0, HOUR * random() * 2);
      }
      previous = interaction;
    }
    if (feature === 'support-chat' && previous && random() < 0.6) {
      // The app's backend reports whether the ticket was resolved: about the session, not one answer.
      const success = random() < quality;
      signal(
        null,
        null,
        sessionId,
        'outcome',
        'outcome',
        { name: 'ticket_resolved', success },
        success ? 1 : 0,
        at + HOUR * (1 + random() * 30),
      );
    }
    if (batch.interactions.length >= params.batchInteractions) yield flush();
  }
  if (batch.interactions.length > 0) yield flush();
}
