/**
 * `GET /v1/interactions`: interactions newest first, filtered by time, dimensions, the signals they got
 * and a text search over input and output, a page at a time (keyset cursor). Needs a secret key.
 */
import { FeedloopError } from '@feedloop/core';
import { ParameterReader } from '@feedloop/services';
import {
  INTERACTION_LIST_DIMENSIONS,
  type InteractionCursor,
  type InteractionListDimension,
  type InteractionListFilter,
  listInteractions,
} from '@feedloop/store';
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../openapi-responses.js';

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 200;

const text = (description: string, maxLength = 200) => Type.Optional(Type.String({ maxLength, description }));

const ListQuery = Type.Object(
  {
    from: text('Created at or after this time, ISO 8601 with a time zone.'),
    to: text('Created before this time, ISO 8601 with a time zone.'),
    ...Object.fromEntries(
      Object.keys(INTERACTION_LIST_DIMENSIONS).map((d) => [
        d,
        text(`Only interactions whose ${d} is this ('' for not set).`),
      ]),
    ),
    signalType: text('Only interactions with at least one signal of this type (thumbs, rating, comment, edit, copy…).'),
    thumbs: Type.Optional(
      Type.Union([Type.Literal('up'), Type.Literal('down')], {
        description: 'Only interactions with at least one thumbs vote this way.',
      }),
    ),
    rating: text('Only interactions rated with one of these stars, comma-separated, e.g. 1,2.', 20),
    q: text('Case-insensitive text that the input or the output contains.'),
    limit: text(`Interactions per page, 1–${MAX_LIST_LIMIT} (default ${DEFAULT_LIST_LIMIT}).`, 10),
    cursor: text('The `nextCursor` of the previous page.', 400),
  },
  { additionalProperties: false },
);

const Nullable = (schema: TSchema) => Type.Union([schema, Type.Null()]);
const ListedInteraction = Type.Object(
  {
    id: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    receivedAt: Type.String({ format: 'date-time' }),
    sessionId: Nullable(Type.String()),
    userId: Nullable(Type.String()),
    tenant: Nullable(Type.String()),
    feature: Nullable(Type.String()),
    language: Nullable(Type.String()),
    model: Nullable(Type.String()),
    modelVersion: Nullable(Type.String()),
    promptTemplate: Nullable(Type.String()),
    promptVersion: Nullable(Type.String()),
    input: Nullable(
      Type.Union([Type.String(), Type.Array(Type.Object({ role: Type.String(), content: Type.String() }))]),
    ),
    output: Nullable(Type.String()),
    parentId: Nullable(Type.String()),
    latencyMs: Nullable(Type.Number()),
    tokensIn: Nullable(Type.Number()),
    tokensOut: Nullable(Type.Number()),
    metadata: Type.Record(Type.String(), Type.Unknown()),
    contextCount: Type.Integer({ description: 'Retrieved documents (read them with GET /v1/interactions/{id}).' }),
    signalCounts: Type.Record(Type.String(), Type.Integer(), { description: 'Signals about it, per type.' }),
    thumbsUp: Type.Integer(),
    thumbsDown: Type.Integer(),
  },
  { description: 'An interaction as stored, without its retrieved documents, with its signals counted.' },
);
const ListResponse = Type.Object({
  interactions: Type.Array(ListedInteraction),
  nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page.' })),
});

export function encodeCursor(cursor: InteractionCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

function decodeCursor(value: string): InteractionCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && Number.isSafeInteger(parsed[0]) && typeof parsed[1] === 'string') {
      return { createdAt: parsed[0] as number, id: parsed[1] };
    }
  } catch {
    // Reported below as a bad cursor.
  }
  return undefined;
}

/** The query as a filter and a page, or one 400 naming every bad parameter. */
function readListRequest(params: Record<string, string>) {
  const reader = new ParameterReader(params, 'query.');
  const filter: InteractionListFilter = { from: reader.time('from'), to: reader.time('to') };
  if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to) {
    reader.fail('to', 'expected a time after `from`');
  }
  const where: InteractionListFilter['where'] = {};
  for (const name of Object.keys(INTERACTION_LIST_DIMENSIONS) as InteractionListDimension[]) {
    const value = reader.string(name);
    if (value !== undefined) where[name] = value;
  }
  filter.where = where;
  const signalType = reader.string('signalType');
  if (signalType !== undefined) {
    if (signalType === '') reader.fail('signalType', 'expected a signal type, e.g. thumbs or edit');
    filter.signalType = signalType;
  }
  filter.thumbs = reader.oneOf('thumbs', ['up', 'down']);
  const rating = reader.string('rating');
  if (rating !== undefined) {
    const stars = rating.split(',').map((s) => s.trim());
    if (stars.some((s) => !/^[1-5]$/.test(s))) reader.fail('rating', 'expected stars 1–5, comma-separated, e.g. 1,2');
    else filter.ratings = [...new Set(stars.map(Number))];
  }
  const q = reader.string('q');
  if (q !== undefined && q.trim() !== '') filter.q = q.trim();
  const limit = reader.positiveInteger('limit') ?? DEFAULT_LIST_LIMIT;
  if (limit > MAX_LIST_LIMIT) reader.fail('limit', `expected at most ${MAX_LIST_LIMIT}`);
  const rawCursor = reader.string('cursor');
  const cursor = rawCursor === undefined ? undefined : decodeCursor(rawCursor);
  if (rawCursor !== undefined && cursor === undefined) {
    reader.fail('cursor', 'expected the nextCursor of a previous page, unchanged');
  }
  if (reader.errors.length > 0) {
    throw new FeedloopError('FL_VALIDATION', 'The interaction list request is malformed.', { details: reader.errors });
  }
  return { filter, page: { limit, cursor } };
}

export const interactionListRoute: FastifyPluginAsync = async (app) => {
  app.get(
    '/v1/interactions',
    {
      schema: {
        summary: 'Interactions, newest first',
        description:
          'Filtered by creation time, dimensions (`tenant` … `promptVersion`, `sessionId`, `userId`), the signals they got (`signalType`, `thumbs`, `rating`) and `q`, a case-insensitive search of the input and output text. A page at a time: pass `nextCursor` back as `cursor`. Each item counts its signals; `GET /v1/interactions/{id}` has the signals themselves and the retrieved documents. Needs a secret key.',
        tags: ['read'],
        querystring: ListQuery,
        response: { 200: ListResponse, ...errorResponses(400, 401, 403, 429) },
        security: [{ bearer: [] }],
      },
      // The 200 schema documents the answer; it is sent as built, not through a schema serializer.
      serializerCompiler: () => (data) => JSON.stringify(data),
      config: { access: 'read' },
    },
    async (request) => {
      const { filter, page } = readListRequest(request.query as Record<string, string>);
      const result = await listInteractions(app.store.db, request.caller.projectId, filter, page);
      return {
        interactions: result.interactions,
        nextCursor: result.nextCursor === null ? null : encodeCursor(result.nextCursor),
      };
    },
  );
};
