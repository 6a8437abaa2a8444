/**
 * Validation errors about the signals a score became, renamed to the score's own fields, so a Langfuse
 * user reads `traceId` rather than `signals[0].interactionId`.
 */
import type { ItemError, ItemResult } from '@feedloop/core';

const SCORE_FIELD: Readonly<Record<string, string>> = {
  interactionId: 'traceId',
  sessionId: 'sessionId',
  createdAt: 'timestamp',
  userId: 'metadata.userId',
  type: 'name',
  id: 'id',
  value: 'value',
};

export function scoreErrors(results: ReadonlyArray<ItemResult | undefined>): ItemError[] {
  return results.flatMap((result) =>
    result?.status === 'invalid'
      ? (result.errors ?? []).map((error) => {
          const field = error.field.replace(/^signals\[\d+\]\.?/, '');
          const head = field.split(/[.[]/)[0] ?? '';
          return {
            field: Object.hasOwn(SCORE_FIELD, head) ? SCORE_FIELD[head]! : field || 'body',
            reason: error.reason,
          };
        })
      : [],
  );
}

/** One line for a person: `traceId: expected an id of …; value: …`. */
export function describeErrors(errors: readonly ItemError[]): string {
  return errors.map((error) => `${error.field}: ${error.reason}`).join('; ');
}
