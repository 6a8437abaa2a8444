/**
 * Release notes over HTTP. The team (secret key) drafts, lists, approves — optionally editing — or
 * dismisses notes; the app (public key, from its allowed origins) reads the approved ones to show its
 * users what got better.
 */
import { FeedloopError } from '@feedloop/core';
import { draftReleaseNotes } from '@feedloop/services';
import { decideReleaseNote, findReleaseNote, listReleaseNotes } from '@feedloop/store';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { errorResponses } from '../openapi-responses.js';

const TAGS = ['release notes'];
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const Decision = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Replaces the drafted title.' })),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: 5000, description: 'Replaces the drafted text.' })),
  },
  { additionalProperties: false },
);

const actorOf = (request: FastifyRequest) => `key:${request.caller.key.id}`;

export const releaseNoteRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/v1/release-notes',
    {
      schema: {
        summary: 'Release notes, drafted and decided',
        description: 'Newest first; `status` narrows to draft, approved or dismissed. Needs a secret key.',
        tags: TAGS,
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([Type.Literal('draft'), Type.Literal('approved'), Type.Literal('dismissed')]),
            ),
          },
          { additionalProperties: false },
        ),
        response: errorResponses(400, 401, 403, 429),
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request) => {
      const { status } = request.query as { status?: 'draft' | 'approved' | 'dismissed' };
      return { notes: await listReleaseNotes(app.store.db, request.caller.projectId, status) };
    },
  );

  app.post(
    '/v1/release-notes/draft',
    {
      schema: {
        summary: 'Draft notes for what improved',
        description:
          'Compares each prompt and model version with the one before it over the last 90 days and drafts a note for every significant improvement (Bonferroni-corrected across all the tests of the run). Idempotent: an improvement already noted is not drafted again. Needs a secret key.',
        tags: TAGS,
        response: errorResponses(401, 403, 429),
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request) => draftReleaseNotes(app.store, { projectId: request.caller.projectId }),
  );

  for (const [action, status] of [
    ['approve', 'approved'],
    ['dismiss', 'dismissed'],
  ] as const) {
    app.post(
      `/v1/release-notes/:id/${action}`,
      {
        schema: {
          summary: action === 'approve' ? 'Approve a note (optionally edited)' : 'Dismiss a note',
          description:
            action === 'approve'
              ? 'The note becomes visible to the app at `GET /v1/release-notes/published`. Needs a secret key.'
              : 'The note is kept (so it is not drafted again) but never shown. Needs a secret key.',
          tags: TAGS,
          params: IdParams,
          ...(action === 'approve' ? { body: Decision } : {}),
          response: errorResponses(400, 401, 403, 404, 429),
          security: [{ bearer: [] }],
        },
        config: { access: 'read' },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        const { projectId } = request.caller;
        if (!(await findReleaseNote(app.store.db, projectId, id))) {
          throw new FeedloopError('FL_NOT_FOUND', `No release note ${id} in this project.`);
        }
        const edits = (request.body ?? {}) as { title?: string; body?: string };
        return decideReleaseNote(app.store.db, projectId, id, {
          status,
          ...edits,
          by: actorOf(request),
          at: Date.now(),
        });
      },
    );
  }

  app.get(
    '/v1/release-notes/published',
    {
      schema: {
        summary: 'Approved notes, for the app to show its users',
        description:
          'Title, text and date of each approved note, newest first. A public key may read this, from its allowed origins.',
        tags: TAGS,
        response: errorResponses(401, 403, 429),
        security: [{ bearer: [] }],
      },
      config: { access: 'read-public' },
    },
    async (request) => {
      const notes = await listReleaseNotes(app.store.db, request.caller.projectId, 'approved');
      return { notes: notes.map((n) => ({ id: n.id, title: n.title, body: n.body, date: n.decidedAt })) };
    },
  );
};
