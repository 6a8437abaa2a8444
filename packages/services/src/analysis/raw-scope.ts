/**
 * The analyses that need per-interaction facts (sessions, documents, agreement) read the raw tables.
 * They share one way of applying the filter to `interactions` and of leaving out set-aside signals.
 */
import type { Database } from '@feedloop/store';
import { type ExpressionBuilder, sql } from 'kysely';
import type { AnalysisDimension, AnalysisFilter } from './types.js';

/** Interactions (as `i`) in the filter's range and dimensions. */
export function interactionInScope(filter: AnalysisFilter) {
  return (eb: ExpressionBuilder<Database & { i: Database['interactions'] }, 'i'>) => {
    const conditions = [
      eb('i.project_id', '=', filter.projectId),
      eb('i.created_at', '>=', filter.from),
      eb('i.created_at', '<', filter.to),
    ];
    for (const [dimension, value] of Object.entries(filter.where ?? {})) {
      if (value === undefined) continue;
      const column = sql.ref<string | null>(`i.${dimension as AnalysisDimension}`);
      // Rollups store "not set" as ''; the raw table stores it as NULL.
      conditions.push(value === '' ? eb(column, 'is', null) : eb(column, '=', value));
    }
    return eb.and(conditions);
  };
}

/** Signals (as `s`) not set aside by the abuse filter (superseded votes are handled by the caller). */
export function signalNotSetAside(unfiltered: boolean | undefined) {
  return (eb: ExpressionBuilder<Database & { s: Database['signals'] }, 's'>) =>
    unfiltered
      ? eb.lit(true)
      : eb.not(
          eb.exists(
            eb
              .selectFrom('signal_flags as f')
              .select(sql.lit(1).as('one'))
              .whereRef('f.project_id', '=', 's.project_id')
              .whereRef('f.signal_id', '=', 's.id')
              .where('f.reason', '!=', 'superseded'),
          ),
        );
}
