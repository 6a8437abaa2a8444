import type { Database } from '@feedloop/store';
import { type Kysely, sql } from 'kysely';
import { summarizeFeedback } from './feedback-summary.js';
import { chunked, type InteractionRow } from './interaction-rows.js';
import { type ExportScope, inBoundary } from './interaction-scope.js';
import { RATING_TYPES, signalsOf } from './signal-rows.js';

/**
 * How many recent down-voted interactions of one prompt are considered as the rejected side. Bounds the
 * work per page however popular a prompt is (a greeting asked a million times).
 */
export const SAME_PROMPT_CANDIDATES = 16;

/**
 * For each prompt hash, the interactions of that prompt rated down (by the latest-per-user rule), among
 * the `SAME_PROMPT_CANDIDATES` most recent ones that received any down vote, oldest first. One windowed
 * query per thousand hashes, then their signals in one more.
 */
export async function samePromptRejections(
  db: Kysely<Database>,
  scope: ExportScope,
  hashes: readonly string[],
): Promise<Map<string, InteractionRow[]>> {
  const byHash = new Map<string, InteractionRow[]>();
  for (const chunk of chunked([...new Set(hashes)])) {
    const ranked = db
      .selectFrom('interactions')
      .select([
        'interactions.id',
        'interactions.user_id',
        'interactions.input',
        'interactions.input_hash',
        'interactions.output',
        'interactions.parent_id',
        'interactions.created_at',
      ])
      .select(
        sql<number>`row_number() over (partition by interactions.input_hash order by interactions.created_at desc, interactions.id desc)`.as(
          'rank',
        ),
      )
      .$call((q) => inBoundary(q, scope))
      .where('interactions.input_hash', 'in', chunk)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('signals')
            .select(sql<number>`1`.as('one'))
            .whereRef('signals.project_id', '=', 'interactions.project_id')
            .whereRef('signals.interaction_id', '=', 'interactions.id')
            .where('signals.received_at', '<=', scope.asOf)
            .where((eb) =>
              eb.or([
                eb.and([eb('signals.type', '=', 'thumbs'), eb('signals.value_num', '<', 0)]),
                eb.and([eb('signals.type', '=', 'rating'), eb('signals.value_num', '<=', 2)]),
              ]),
            ),
        ),
      );
    const rows = await db
      .selectFrom(ranked.as('c'))
      .selectAll()
      .where('c.rank', '<=', SAME_PROMPT_CANDIDATES)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
    const signals = await signalsOf(
      db,
      scope,
      rows.map((r) => r.id),
      RATING_TYPES,
    );
    for (const r of rows) {
      if (r.input_hash === null || summarizeFeedback(signals.get(r.id) ?? []).verdict !== 'down') continue;
      const row: InteractionRow = {
        id: r.id,
        user_id: r.user_id,
        input: r.input,
        input_hash: r.input_hash,
        output: r.output,
        parent_id: r.parent_id,
        created_at: Number(r.created_at),
      };
      const list = byHash.get(r.input_hash);
      if (list) list.push(row);
      else byHash.set(r.input_hash, [row]);
    }
  }
  return byHash;
}

/** The rejection nearest in time to `anchor`, skipping ids in `exclude`; ties go to the smaller id. */
export function nearestRejection(
  candidates: readonly InteractionRow[],
  anchor: InteractionRow,
  exclude: ReadonlySet<string>,
): InteractionRow | undefined {
  let best: InteractionRow | undefined;
  for (const c of candidates) {
    if (c.id === anchor.id || exclude.has(c.id)) continue;
    if (best === undefined) {
      best = c;
      continue;
    }
    const d = Math.abs(c.created_at - anchor.created_at);
    const bestD = Math.abs(best.created_at - anchor.created_at);
    if (d < bestD || (d === bestD && c.id < best.id)) best = c;
  }
  return best;
}
