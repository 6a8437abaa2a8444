/** Small readers shared by both APIs' mappings: values from `unknown`, and content parts as the wire shape keeps them. */

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const stringOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Tool arguments and outputs are JSON text on the wire; structures are written as such. */
export const asText = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

const TEXT_PART_TYPES = new Set(['text', 'input_text', 'output_text']);

/**
 * Message content as Feedloop stores it: text stays text; a list of parts becomes one string when every
 * part is text (what training exports read), else the parts are kept, text parts as `{ type: 'text', text }`.
 */
export function contentOf(content: unknown): string | unknown[] | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  const parts = content.map((part) =>
    isRecord(part) && TEXT_PART_TYPES.has(String(part.type)) && typeof part.text === 'string'
      ? { type: 'text', text: part.text }
      : part,
  );
  const allText = parts.every((part) => isRecord(part) && part.type === 'text' && typeof part.text === 'string');
  return allText ? parts.map((part) => (part as { text: string }).text).join('') : parts;
}
