/**
 * The audit log: who forgot a user, purged text or changed a setting, and what it changed. Entries are
 * written with the change, in its transaction (pass the transaction as `db`), so the log never claims
 * more or less than happened.
 */
import { uuidv7 } from '@feedloop/core';
import type { Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../schema.js';

export type AuditAction = 'forget-user' | 'retention' | 'settings';

export interface AuditEntry {
  id: string;
  projectId: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
  at: number;
}

export interface NewAuditEntry {
  projectId: string;
  actor: string;
  action: AuditAction;
  subject?: string;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  projectId: string;
  /** At most this many, newest first (default 100, at most 1,000). */
  limit?: number;
  /** Only entries older than the entry with this id (the last id of the previous page). */
  before?: string;
  action?: string;
  subject?: string;
}

export const MAX_AUDIT_PAGE = 1000;

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const toEntry = (row: AuditLogTable): AuditEntry => ({
  id: row.id,
  projectId: row.project_id,
  actor: row.actor,
  action: row.action,
  subject: row.subject,
  details: parseDetails(row.details),
  at: Number(row.at),
});

export async function writeAuditEntry(db: Kysely<Database>, entry: NewAuditEntry): Promise<AuditEntry> {
  const at = Date.now();
  const row: AuditLogTable = {
    project_id: entry.projectId,
    id: uuidv7(at),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject ?? '',
    details: JSON.stringify(entry.details ?? {}),
    at,
  };
  await db.insertInto('audit_log').values(row).execute();
  return toEntry(row);
}

/** A project's entries, newest first. */
export async function listAuditEntries(db: Kysely<Database>, query: AuditQuery): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(1, Math.floor(query.limit ?? 100)), MAX_AUDIT_PAGE);
  let select = db.selectFrom('audit_log').selectAll().where('project_id', '=', query.projectId);
  if (query.before !== undefined) select = select.where('id', '<', query.before);
  if (query.action !== undefined) select = select.where('action', '=', query.action);
  if (query.subject !== undefined) select = select.where('subject', '=', query.subject);
  const rows = await select.orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toEntry);
}
