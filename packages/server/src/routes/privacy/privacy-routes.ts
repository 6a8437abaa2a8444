/**
 * Privacy operations over HTTP (docs/privacy.md): forget a user, read the audit log. Secret key only.
 * Forgetting an unknown user is not an error: the answer is a report of zeros, so a deletion request can
 * be retried safely and an answer never reveals whether a user had data.
 */
import { forgetUser, userSubject } from '@feedloop/services';
import { listAuditEntries, MAX_AUDIT_PAGE } from '@feedloop/store';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../openapi-responses.js';

const count = (description: string) => Type.Integer({ minimum: 0, description });

const ForgetReportSchema = Type.Object({
  projectId: Type.String(),
  userId: Type.String(),
  removed: Type.Object(
    {
      interactions: count("The user's interactions."),
      interactionDocuments: count('Their retrieved-document rows.'),
      signals: count('Signals the user sent, and signals anyone sent about their interactions.'),
      signalFlags: count('Screening flags of those signals.'),
      latestVotes: count("Current votes by the user or on the user's interactions."),
      evalCases: count("Eval-set draft decisions about the user's interactions."),
      evalVersionCases: count("Published eval cases made from the user's interactions."),
    },
    { description: 'Rows deleted, per table.' },
  ),
  subtracted: Type.Object(
    {
      interactions: count('Interactions taken out of the rollups.'),
      signals: count(
        'Counted signals taken out of the rollups (signals still waiting for their interaction never were).',
      ),
      flaggedSignals: count('Set-aside signals taken out of the rollup adjustments.'),
    },
    { description: 'What the aggregates no longer count: analyses now equal a recount of what remains.' },
  ),
  unlinked: Type.Object({
    regenerations: count("Other interactions that named one of the user's as the answer they regenerated."),
    evalCaseEvidence: count('Remaining eval cases whose evidence named a removed signal.'),
  }),
  auditId: Type.String({ description: 'The audit-log entry recording this.' }),
});

const AuditEntrySchema = Type.Object({
  id: Type.String(),
  actor: Type.String({ description: '`key:<key id>`, `cli`, or `schedule` (the server’s daily retention).' }),
  action: Type.String({ description: '`forget-user`, `retention` or `settings`.' }),
  subject: Type.String({ description: '`user:<sha256>` for a forgotten user (never the id itself), else empty.' }),
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'What changed: counts, settings from/to.' }),
  at: Type.String({ format: 'date-time' }),
});

const AuditQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.String({ pattern: '^([1-9][0-9]{0,2}|1000)$', description: 'Entries per page, 1–1000 (default 100).' }),
    ),
    before: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'The `next` of the previous page: older entries.' }),
    ),
    action: Type.Optional(
      Type.Union([Type.Literal('forget-user'), Type.Literal('retention'), Type.Literal('settings')]),
    ),
    userId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Only entries about this user (matched by hash): was this user forgotten, and when?',
      }),
    ),
  },
  { additionalProperties: false },
);

const UserParams = Type.Object({
  userId: Type.String({ minLength: 1, maxLength: 200, description: 'The pseudonymous user id, as sent.' }),
});

export const privacyRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/v1/users/:userId/forget',
    {
      schema: {
        summary: 'Forget a user',
        description:
          "Deletes the user's interactions (with their documents and every signal about them, whoever sent it), every signal the user sent, their screening flags and current votes, and eval cases made from their interactions; subtracts what was counted from the rollups and adjustments; writes an audit entry — in one transaction. An unknown user answers a report of zeros. No body. Needs a secret key. See docs/privacy.md.",
        tags: ['privacy'],
        params: UserParams,
        response: { 200: ForgetReportSchema, ...errorResponses(400, 401, 403, 429) },
        security: [{ bearer: [] }],
      },
      config: { access: 'write-interactions' },
    },
    async (request) => {
      const { userId } = request.params as Static<typeof UserParams>;
      return forgetUser(app.store, {
        projectId: request.caller.projectId,
        userId,
        actor: `key:${request.caller.key.id}`,
      });
    },
  );

  app.get(
    '/v1/audit',
    {
      schema: {
        summary: 'The audit log',
        description:
          'Who forgot a user, purged old text (retention) or changed a setting, and what changed, newest first. Page with `before` = the previous answer’s `next`. Needs a secret key.',
        tags: ['privacy'],
        querystring: AuditQuery,
        response: {
          200: Type.Object({
            entries: Type.Array(AuditEntrySchema),
            next: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `before` for older entries.' }),
          }),
          ...errorResponses(400, 401, 403, 429),
        },
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request) => {
      const q = request.query as Static<typeof AuditQuery>;
      const { projectId } = request.caller;
      const limit = Math.min(Number(q.limit ?? 100), MAX_AUDIT_PAGE);
      const entries = await listAuditEntries(app.store.db, {
        projectId,
        limit,
        ...(q.before === undefined ? {} : { before: q.before }),
        ...(q.action === undefined ? {} : { action: q.action }),
        ...(q.userId === undefined ? {} : { subject: userSubject(projectId, q.userId) }),
      });
      return {
        entries: entries.map(({ projectId: _project, at, ...entry }) => ({ ...entry, at: new Date(at).toISOString() })),
        next: entries.length === limit ? (entries[entries.length - 1]?.id ?? null) : null,
      };
    },
  );
};
