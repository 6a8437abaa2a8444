/**
 * The verdict of a format validator on one exported line. A rejection names the rule broken and the
 * field, e.g. `{ reason: 'bad-alternation', field: 'messages[2].role' }`; the exporter counts rejections
 * by reason in its manifest.
 */
export const LINE_REJECTIONS = [
  'not-an-object',
  'missing-field',
  'unknown-field',
  'wrong-type',
  'invalid-role',
  'empty-content',
  'bad-alternation',
  'wrong-final-role',
  'identical-pair',
] as const;

export type LineRejection = (typeof LINE_REJECTIONS)[number];

export type LineCheck = { ok: true } | { ok: false; reason: LineRejection; field: string };

export const PASS: LineCheck = { ok: true };

export function fail(reason: LineRejection, field: string): LineCheck {
  return { ok: false, reason, field };
}
