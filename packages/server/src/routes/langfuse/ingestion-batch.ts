/**
 * `POST /api/public/ingestion`, Langfuse's batch endpoint: each `score-create` event becomes signals; the
 * answer is Langfuse's 207 `{ successes, errors }`, one entry per event by its event id. Other event types
 * (traces, generations, spans) are answered as errors: Feedloop takes model calls over OTLP or its SDK.
 */
import { FeedloopError, type ItemError, MAX_BATCH_ITEMS, parseTimestamp, uuidv7 } from '@feedloop/core';
import type { Store } from '@feedloop/store';
import { ingestItems } from '../ingest/ingest-items.js';
import { describeErrors, scoreErrors } from './score-errors.js';
import { scoreSignals } from './score-signals.js';

export interface IngestionSuccess {
  id: string;
  status: 200 | 201;
}

export interface IngestionError {
  id: string | null;
  status: 400;
  message: string;
  error: string;
}

export interface IngestionAnswer {
  successes: IngestionSuccess[];
  errors: IngestionError[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function readBatch(body: unknown): unknown[] {
  const batch = isRecord(body) ? body.batch : undefined;
  if (!Array.isArray(batch)) {
    throw new FeedloopError('FL_VALIDATION', 'The ingestion body is malformed.', {
      details: [{ field: 'batch', reason: 'expected an array of events like { "id", "type", "timestamp", "body" }' }],
    });
  }
  if (batch.length > MAX_BATCH_ITEMS) {
    throw new FeedloopError('FL_PAYLOAD_TOO_LARGE', `A batch holds at most ${MAX_BATCH_ITEMS} events; split it.`);
  }
  return batch;
}

interface MappedEvent {
  id: string | null;
  /** Where its signals start and end in the flat list written to the store. */
  from: number;
  to: number;
  errors: ItemError[];
}

function rejection(id: string | null, errors: ItemError[]): IngestionError {
  return { id, status: 400, message: describeErrors(errors), error: 'FL_VALIDATION' };
}

export async function ingestScoreEvents(store: Store, projectId: string, batch: unknown[]): Promise<IngestionAnswer> {
  const signals: unknown[] = [];
  const events: MappedEvent[] = batch.map((raw) => {
    const event = isRecord(raw) ? raw : {};
    const id = typeof event.id === 'string' ? event.id : null;
    const at = { id, from: signals.length, to: signals.length };
    if (id === null) return { ...at, errors: [{ field: 'id', reason: 'expected the event id, a string' }] };
    if (event.type !== 'score-create') {
      const type = JSON.stringify(event.type ?? null).slice(0, 60);
      const reason = `Feedloop takes score-create events only, not ${type}; send model calls over OTLP (POST /v1/traces) or the Feedloop SDK`;
      return { ...at, errors: [{ field: 'type', reason }] };
    }
    const timestamp = typeof event.timestamp === 'string' ? event.timestamp : undefined;
    const mapped = scoreSignals(event.body, {
      eventId: id,
      // The envelope's time is the client's; one the wire shape cannot read is left to the server clock.
      ...(timestamp !== undefined && parseTimestamp(timestamp) !== undefined ? { timestamp } : {}),
      newId: uuidv7,
    });
    if (!mapped.ok) return { ...at, errors: mapped.errors.map((e) => ({ ...e, field: `body.${e.field}` })) };
    signals.push(...mapped.signals);
    return { ...at, to: signals.length, errors: [] };
  });
  const results = await ingestItems(store, projectId, [], signals);
  const answer: IngestionAnswer = { successes: [], errors: [] };
  for (const event of events) {
    const own = results.slice(event.from, event.to);
    const errors = [...event.errors, ...scoreErrors(own).map((e) => ({ ...e, field: `body.${e.field}` }))];
    if (errors.length > 0) answer.errors.push(rejection(event.id, errors));
    else {
      const created = own.some((r) => r.status === 'created');
      // Every success passed the id check above.
      answer.successes.push({ id: event.id!, status: created ? 201 : 200 });
    }
  }
  return answer;
}
