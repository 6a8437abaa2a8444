/**
 * The failure taxonomy: fixed, editable categories that themes map onto, so "share of negatives that are
 * broken citations" is comparable week to week even though themes are re-discovered each run. By default
 * a theme maps by keyword rules over its label keywords and member texts; an LLM may map it when one is
 * configured.
 */

export interface TaxonomyCategory {
  name: string;
  /** Lower-case words or phrases; a text matches a category by how many of them it contains. */
  keywords: string[];
}

export const OTHER = 'other';

/** The seed taxonomy every project starts with (editable in the project settings). */
export const DEFAULT_TAXONOMY: TaxonomyCategory[] = [
  {
    name: 'hallucination',
    keywords: [
      'made up',
      'made-up',
      'invented',
      'fabricat',
      'hallucinat',
      'not true',
      'false',
      'wrong',
      'incorrect',
      "doesn't exist",
      'does not exist',
      'fake',
      'inaccurate',
      'nonsense',
    ],
  },
  {
    name: 'off-topic',
    keywords: [
      'off topic',
      'off-topic',
      'irrelevant',
      'not what i asked',
      'unrelated',
      "didn't answer",
      'did not answer',
      'ignored my question',
      'not relevant',
    ],
  },
  {
    name: 'stale data',
    keywords: [
      'outdated',
      'out of date',
      'old',
      'stale',
      'no longer',
      'deprecated',
      'last year',
      'obsolete',
      'not current',
      'discontinued',
    ],
  },
  {
    name: 'refused incorrectly',
    keywords: [
      'refus',
      "won't",
      "wouldn't",
      "can't help",
      'cannot help',
      'declin',
      'not allowed',
      'unable to help',
      'policy',
      'against guidelines',
    ],
  },
  {
    name: 'too verbose',
    keywords: [
      'too long',
      'verbose',
      'wordy',
      'rambl',
      'shorter',
      'too much text',
      'get to the point',
      'long-winded',
      'long winded',
      'essay',
      'tl;dr',
      'tldr',
    ],
  },
  {
    name: 'wrong format',
    keywords: ['format', 'json', 'table', 'markdown', 'bullet', 'csv', 'code block', 'layout', 'structure', 'list'],
  },
  {
    name: 'broken citations',
    keywords: ['citation', 'cite', 'source', 'link', 'reference', '404', 'broken link', 'dead link', 'url', 'footnote'],
  },
];

/** Checks a taxonomy from settings: names unique and non-empty, keywords non-empty. */
export function parseTaxonomy(value: unknown): TaxonomyCategory[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: TaxonomyCategory[] = [];
  const seen = new Set<string>();
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { name, keywords } = entry as { name?: unknown; keywords?: unknown };
    if (typeof name !== 'string' || name.trim() === '' || seen.has(name)) return undefined;
    if (!Array.isArray(keywords) || !keywords.every((k) => typeof k === 'string' && k.trim() !== '')) return undefined;
    seen.add(name);
    out.push({ name, keywords: keywords.map((k: string) => k.toLowerCase()) });
  }
  return out;
}

/** How strongly a text speaks of each category: the number of its keywords it contains. */
export function categoryScores(text: string, taxonomy: readonly TaxonomyCategory[]): Map<string, number> {
  const lower = ` ${text.toLowerCase()} `;
  const scores = new Map<string, number>();
  for (const category of taxonomy) {
    let score = 0;
    for (const keyword of category.keywords) if (lower.includes(keyword)) score += 1;
    if (score > 0) scores.set(category.name, score);
  }
  return scores;
}

/**
 * The category of a theme: the one most of its member texts point at (each text votes for its best
 * category), provided at least a quarter of the texts agree; otherwise `other`.
 */
export function categoryOfTheme(texts: readonly string[], taxonomy: readonly TaxonomyCategory[]): string {
  if (texts.length === 0) return OTHER;
  const votes = new Map<string, number>();
  for (const text of texts) {
    const scores = [...categoryScores(text, taxonomy)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const best = scores[0];
    if (best) votes.set(best[0], (votes.get(best[0]) ?? 0) + 1);
  }
  const [winner] = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return winner && winner[1] >= texts.length / 4 ? winner[0] : OTHER;
}
