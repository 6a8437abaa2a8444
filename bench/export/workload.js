/**
 * A deterministic history of N interactions with the feedback an export selects from, in the proportions
 * a busy assistant might see: thumbs up and down (some changed later), ratings, edits, regenerations
 * that were accepted, side-by-side preferences, repeated prompts (so the same prompt is rated up and
 * down), and a little PII for the redactor to find.
 */

/** mulberry32: a tiny seeded PRNG, so every run stores the same data. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TENANTS = ['acme', 'globex', 'initech', 'umbrella', 'hooli'];
const MODELS = ['gpt-x', 'gpt-y', 'local-7b'];
const TEMPLATES = ['support', 'search', 'summarise', 'draft'];
const WORDS =
  'account password billing invoice refund export report dashboard setting security token limit plan upgrade team member role access error timeout sync import calendar'.split(
    ' ',
  );
const BASE = Date.parse('2026-01-01T00:00:00Z');

const id = (prefix, n) => `${prefix}_${String(n).padStart(9, '0')}`;

function sentence(rand, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]);
  return out.join(' ');
}

function interaction(n, prompt, rand, parentId) {
  const promptText = `How do I fix the ${sentence(random(prompt), 6)} problem (case ${prompt})?`;
  const pii = prompt % 50 === 0 ? ` Reach me at user${prompt}@example.com.` : '';
  const input =
    prompt % 2 === 0
      ? [
          { role: 'system', content: 'You are a helpful support assistant.' },
          { role: 'user', content: promptText + pii },
        ]
      : promptText + pii;
  return {
    id: id('i', n),
    createdAt: BASE + n * 1000,
    sessionId: `s_${Math.floor(n / 4)}`,
    userId: `u_${Math.floor(rand() * 50_000)}`,
    tenant: TENANTS[n % TENANTS.length],
    feature: 'support-chat',
    language: 'en',
    model: MODELS[n % MODELS.length],
    modelVersion: '2026-01',
    promptTemplate: TEMPLATES[n % TEMPLATES.length],
    promptVersion: String(1 + (n % 3)),
    input,
    context: [],
    output: `To fix it, open ${sentence(rand, 4)} and then ${sentence(rand, 12)}. ${sentence(rand, 20)}.`,
    parentId,
    latencyMs: null,
    tokensIn: null,
    tokensOut: null,
    metadata: {},
  };
}

function signal(n, k, interactionId, userId, type, value, at) {
  const kind = type === 'edit' ? 'correction' : type === 'accept' ? 'implicit' : 'explicit';
  const valueNum = type === 'thumbs' || type === 'rating' ? value : null;
  return {
    id: id(`g${k}`, n),
    interactionId,
    sessionId: null,
    userId,
    kind,
    type,
    value,
    valueNum,
    createdAt: at,
    metadata: {},
  };
}

/**
 * Interactions [from, to) and their signals, as normalised records for `store.ingest`.
 * @param {number} from
 * @param {number} to
 * @param {number} prompts how many distinct prompts exist (fewer than interactions: prompts repeat)
 */
export function makeBatch(from, to, prompts) {
  const interactions = [];
  const signals = [];
  for (let n = from; n < to; n++) {
    const rand = random(n * 7919 + 1);
    // Every tenth interaction regenerates the one before it: same prompt, parent = previous.
    const regenerates = n % 10 === 9;
    const prompt = regenerates ? Math.floor(random((n - 1) * 7919 + 1)() * prompts) : Math.floor(rand() * prompts);
    const i = interaction(n, prompt, regenerates ? random(n * 31 + 7) : rand, regenerates ? id('i', n - 1) : null);
    interactions.push(i);
    const at = i.createdAt + 5000;
    const r = rand();
    if (regenerates) signals.push(signal(n, 0, i.id, i.userId, 'accept', null, at));
    else if (r < 0.4) signals.push(signal(n, 0, i.id, i.userId, 'thumbs', 1, at));
    else if (r < 0.55) signals.push(signal(n, 0, i.id, i.userId, 'thumbs', -1, at));
    else if (r < 0.6) {
      signals.push(signal(n, 0, i.id, i.userId, 'thumbs', 1, at));
      signals.push(signal(n, 1, i.id, i.userId, 'thumbs', -1, at + 10_000));
    } else if (r < 0.68)
      signals.push(signal(n, 0, i.id, i.userId, 'edit', `${i.output} (checked: ${sentence(rand, 5)})`, at));
    else if (r < 0.71) signals.push(signal(n, 0, i.id, i.userId, 'rating', 1 + Math.floor(rand() * 5), at));
    else if (r < 0.73 && n > 0) signals.push(signal(n, 0, i.id, i.userId, 'preference', { over: id('i', n - 1) }, at));
  }
  return { interactions, signals };
}
