/**
 * The WHERE clauses an export applies, as plain functions over a Kysely query (the same SQL on SQLite
 * and PostgreSQL). Anchors — the interaction an example is about — get every filter; the other side of
 * a pair (a regeneration's parent, a preference's loser, a same-prompt rejection) only gets the project,
 * the tenant and `asOf`: a pair may cross models or dates, never tenants.
 */
import type { Database } from '@feedloop/store';
import type { SelectQueryBuilder } from 'kysely';
import type { ExportFilters } from './export-request.js';

export interface ExportScope {
  projectId: string;
  filters: ExportFilters;
  asOf: number;
}

type InteractionQuery<O> = SelectQueryBuilder<Database, 'interactions', O>;

/** Project, tenant and `asOf`: what every interaction an export touches must satisfy. */
export function inBoundary<O>(query: InteractionQuery<O>, scope: ExportScope): InteractionQuery<O> {
  const { tenant } = scope.filters;
  return query
    .where('interactions.project_id', '=', scope.projectId)
    .where('interactions.received_at', '<=', scope.asOf)
    .$if(tenant !== undefined, (q) => q.where('interactions.tenant', '=', tenant ?? ''));
}

/** Every filter: what an anchor interaction must satisfy. */
export function inScope<O>(query: InteractionQuery<O>, scope: ExportScope): InteractionQuery<O> {
  const f = scope.filters;
  return inBoundary(query, scope)
    .$if(f.since !== undefined, (q) => q.where('interactions.created_at', '>=', f.since ?? 0))
    .$if(f.until !== undefined, (q) => q.where('interactions.created_at', '<', f.until ?? 0))
    .$if(f.model !== undefined, (q) => q.where('interactions.model', '=', f.model ?? ''))
    .$if(f.promptTemplate !== undefined, (q) => q.where('interactions.prompt_template', '=', f.promptTemplate ?? ''))
    .$if(f.promptVersion !== undefined, (q) => q.where('interactions.prompt_version', '=', f.promptVersion ?? ''));
}
