/**
 * The wire shape, as TypeBox schemas: one source for the TypeScript types, request validation and the
 * OpenAPI document. Field names are camelCase; the server may accept more fields, never fewer.
 */
import { type Static, Type } from '@sinclair/typebox';
import { SIGNAL_KINDS } from './signal-types.js';

/** Ids are chosen by the client and are the idempotency key: visible ASCII, no spaces. */
export const ID_PATTERN = '^[\\x21-\\x7e]{1,200}$';
export const MAX_TEXT_LENGTH = 1_000_000;
export const MAX_DIMENSION_LENGTH = 200;

const Id = (description: string) => Type.String({ pattern: ID_PATTERN, description });
const Dimension = (description: string) =>
  Type.Optional(
    Type.Union([Type.String({ minLength: 1, maxLength: MAX_DIMENSION_LENGTH }), Type.Null()], { description }),
  );
const Timestamp = (description: string) =>
  Type.Optional(
    Type.String({
      description: `${description} ISO 8601 date-time with a time zone.`,
      examples: ['2026-11-20T10:00:00Z'],
    }),
  );
const Metadata = Type.Optional(
  Type.Record(Type.String(), Type.Unknown(), { description: 'Free-form JSON object kept with the item.' }),
);

export const ChatMessageSchema = Type.Object(
  {
    role: Type.String({ minLength: 1, maxLength: 64, description: 'system, user, assistant, tool…' }),
    content: Type.Union([Type.String({ maxLength: MAX_TEXT_LENGTH }), Type.Array(Type.Unknown()), Type.Null()]),
    name: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true },
);

export const ContextDocumentSchema = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      maxLength: MAX_DIMENSION_LENGTH,
      description: 'The document or chunk id in your index.',
    }),
    text: Type.Optional(Type.String({ maxLength: MAX_TEXT_LENGTH })),
    source: Type.Optional(Type.String({ maxLength: MAX_DIMENSION_LENGTH })),
    score: Type.Optional(Type.Number({ description: 'Retrieval score, as your retriever reports it.' })),
  },
  { additionalProperties: true },
);

export const InteractionSchema = Type.Object(
  {
    id: Id('Client-chosen id, unique per project; re-sending it is answered `duplicate`.'),
    createdAt: Timestamp('When the response was produced; the server time when absent.'),
    sessionId: Dimension('Conversation or session.'),
    userId: Dimension('Pseudonymous end-user id.'),
    tenant: Dimension("The app's own customer (org, workspace)."),
    feature: Dimension('Which AI feature produced it.'),
    language: Dimension('Language of the exchange, e.g. `en`.'),
    model: Dimension('Model name.'),
    modelVersion: Dimension('Model version or snapshot.'),
    promptTemplate: Dimension('Prompt template name.'),
    promptVersion: Dimension('Prompt template version.'),
    input: Type.Optional(
      Type.Union([Type.String({ maxLength: MAX_TEXT_LENGTH }), Type.Array(ChatMessageSchema)], {
        description: 'The prompt: a string or a list of chat messages.',
      }),
    ),
    context: Type.Optional(Type.Array(ContextDocumentSchema, { description: 'Retrieved documents.' })),
    output: Type.Optional(Type.Union([Type.String({ maxLength: MAX_TEXT_LENGTH }), Type.Null()])),
    parentId: Type.Optional(
      Type.Union([Type.String({ pattern: ID_PATTERN }), Type.Null()], {
        description: 'The interaction this one regenerated (replaced).',
      }),
    ),
    latencyMs: Type.Optional(Type.Number({ minimum: 0 })),
    tokensIn: Type.Optional(Type.Integer({ minimum: 0 })),
    tokensOut: Type.Optional(Type.Integer({ minimum: 0 })),
    metadata: Metadata,
  },
  { additionalProperties: true },
);
export type Interaction = Static<typeof InteractionSchema>;

export const SignalSchema = Type.Object(
  {
    id: Id('Client-generated id: the idempotency key.'),
    interactionId: Type.Optional(
      Type.Union([Type.String({ pattern: ID_PATTERN }), Type.Null()], {
        description: 'The interaction this is about. May arrive before the interaction itself.',
      }),
    ),
    sessionId: Dimension('Session; a signal may name only a session when it is about a whole conversation.'),
    userId: Dimension('Pseudonymous end-user id.'),
    kind: Type.Optional(
      Type.Union(
        SIGNAL_KINDS.map((k) => Type.Literal(k)),
        { description: 'Inferred from a built-in `type` when absent; required for custom types.' },
      ),
    ),
    type: Type.String({
      minLength: 1,
      maxLength: 120,
      description:
        'thumbs, rating, comment, preference, edit, copy, share, regenerate, dwell, rephrase, abandon, accept, reject, outcome, or a custom `namespace:name`.',
    }),
    value: Type.Optional(
      Type.Unknown({
        description:
          'thumbs 1 / -1 (0 takes it back), rating 1–5, comment and edit text, preference `{ over: <interaction id> }`, dwell milliseconds, outcome `{ name, success }`.',
      }),
    ),
    createdAt: Timestamp('When the user gave it (client clock).'),
    metadata: Metadata,
    token: Type.Optional(
      Type.String({
        maxLength: 2000,
        description:
          'A feedback token minted by the app server (`POST /v1/tokens` or the Node SDK `feedbackToken`) for this interaction; required with a public key when the project requires tokens. Checked, never stored.',
      }),
    ),
  },
  { additionalProperties: true },
);
export type Signal = Static<typeof SignalSchema>;

/** The most items one `POST /v1/batch` may carry (interactions and signals together). */
export const MAX_BATCH_ITEMS = 5000;
/** The largest request body the server reads, in bytes. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export const BatchSchema = Type.Object(
  {
    interactions: Type.Optional(Type.Array(InteractionSchema)),
    signals: Type.Optional(Type.Array(SignalSchema)),
    publicKey: Type.Optional(
      Type.String({ description: 'A public key, for clients that cannot set headers (navigator.sendBeacon).' }),
    ),
  },
  { additionalProperties: false },
);
export type Batch = Static<typeof BatchSchema>;

export const ItemErrorSchema = Type.Object({
  field: Type.String({ description: 'Path of the offending field, e.g. `signals[2].value`.' }),
  reason: Type.String(),
});
export type ItemError = Static<typeof ItemErrorSchema>;

export const ITEM_STATUSES = ['created', 'duplicate', 'invalid'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ItemResultSchema = Type.Object({
  id: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union(ITEM_STATUSES.map((s) => Type.Literal(s))),
  errors: Type.Optional(Type.Array(ItemErrorSchema)),
});
export type ItemResult = Static<typeof ItemResultSchema>;

export const BatchResultSchema = Type.Object({
  results: Type.Array(ItemResultSchema, { description: 'One per item, in order, interactions first.' }),
});
export type BatchResult = Static<typeof BatchResultSchema>;
