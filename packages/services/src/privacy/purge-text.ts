/**
 * What retention leaves of a row's JSON text columns: the ids, numbers and labels that aggregates, vote
 * views and preference pairs need; never free text. Pure functions over the stored JSON.
 */

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Retrieved documents without their text: `id`, `source` and `score` only, in their order. */
export function purgedContext(context: string): string {
  const documents = parse(context);
  if (!Array.isArray(documents)) return '[]';
  return JSON.stringify(
    documents.filter(isObject).map((doc) => {
      const kept: Record<string, unknown> = {};
      if (typeof doc.id === 'string') kept.id = doc.id;
      if (typeof doc.source === 'string') kept.source = doc.source;
      if (typeof doc.score === 'number') kept.score = doc.score;
      return kept;
    }),
  );
}

/**
 * A signal's value without free text. Numbers and booleans stay (thumbs, ratings, dwell, numeric custom
 * types); a preference keeps the id it beat; an outcome keeps its name and success; any other value —
 * comment and edit text, custom strings and objects — becomes null.
 */
export function purgedSignalValue(type: string, value: string | null): string | null {
  if (value === null) return null;
  const parsed = parse(value);
  if (typeof parsed === 'number' || typeof parsed === 'boolean') return value;
  if (type === 'preference' && isObject(parsed) && typeof parsed.over === 'string') {
    return JSON.stringify({ over: parsed.over });
  }
  if (type === 'outcome' && isObject(parsed) && typeof parsed.success === 'boolean') {
    return JSON.stringify(
      typeof parsed.name === 'string' ? { name: parsed.name, success: parsed.success } : { success: parsed.success },
    );
  }
  return null;
}
