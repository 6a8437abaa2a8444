/**
 * Eval sets over HTTP — candidates from failures, curation, publication, exports — with the same
 * parameters and answers as `feedloop eval`, both served by @feedloop/services. Reads need a secret key,
 * and so do writes (a public key is answered 403). Published versions are immutable: any attempt to
 * change one is answered 409 FL_CONFLICT.
 */
import {
  acceptCase,
  editCase,
  exportEvalVersion,
  findEvalCandidates,
  getEvalSet,
  getEvalVersion,
  HTTP_EVAL_FIELDS,
  listEvalSets,
  parseVersion,
  publishEvalSet,
  readCandidateRequest,
  refuseVersionChange,
  rejectCase,
} from '@feedloop/services';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../openapi-responses.js';
import {
  AcceptBody,
  CandidateQuery,
  CaseParams,
  EditBody,
  ExportQuery,
  RejectBody,
  SetParams,
  VersionParams,
} from './eval-schemas.js';

const TAGS = ['eval'];
const security = [{ bearer: [] }];

export const evalRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/v1/eval/candidates',
    {
      schema: {
        summary: 'Eval-set candidates from failures',
        description:
          'Interactions that failed — a current thumbs down or a rating of 1–2 not set aside by the abuse filter, an edit, a regeneration — strongest evidence first (edit 3, down vote 2, low rating 2, regeneration 1, up vote −1), each with input, context, output, the evidence and the latest edit as the suggested expected output. Paginate with `cursor` = the previous `nextCursor`; with `set`, what that set already decided is left out.',
        tags: TAGS,
        querystring: CandidateQuery,
        response: errorResponses(400, 401, 403, 429),
        security,
      },
      config: { access: 'read' },
    },
    async (request) =>
      findEvalCandidates(
        app.store,
        readCandidateRequest(request.query as Record<string, string>, request.caller.projectId, 'query.'),
      ),
  );

  app.get(
    '/v1/eval/sets',
    {
      schema: {
        summary: 'Eval sets',
        description:
          'Every eval set of the project: draft counts, whether it changed since its latest version, versions.',
        tags: TAGS,
        response: errorResponses(401, 403, 429),
        security,
      },
      config: { access: 'read' },
    },
    async (request) => ({ sets: await listEvalSets(app.store.db, request.caller.projectId) }),
  );

  app.get(
    '/v1/eval/sets/:name',
    {
      schema: {
        summary: 'An eval set and its draft',
        description: 'The set, its versions, and every case of its draft (accepted and rejected).',
        tags: TAGS,
        params: SetParams,
        response: errorResponses(400, 401, 403, 404, 429),
        security,
      },
      config: { access: 'read' },
    },
    async (request) => {
      const { name } = request.params as Static<typeof SetParams>;
      return getEvalSet(app.store.db, request.caller.projectId, name);
    },
  );

  app.post(
    '/v1/eval/sets/:name/cases',
    {
      schema: {
        summary: 'Accept a candidate into the draft',
        description:
          'Adds the interaction to the draft of the set (created on first use), or updates it. `expectedOutput` defaults to the latest edit of the output and is required when there is none. The signals that made it a candidate are kept as its provenance.',
        tags: TAGS,
        params: SetParams,
        body: AcceptBody,
        response: errorResponses(400, 401, 403, 404, 429),
        security,
      },
      config: { access: 'write-interactions' },
    },
    async (request) => {
      const { name } = request.params as Static<typeof SetParams>;
      const body = request.body as Static<typeof AcceptBody>;
      return acceptCase(app.store, { projectId: request.caller.projectId, set: name, ...body });
    },
  );

  app.post(
    '/v1/eval/sets/:name/reject',
    {
      schema: {
        summary: 'Reject a candidate',
        description:
          'Records the rejection: the interaction leaves the draft if it was in it, and is no longer offered for this set.',
        tags: TAGS,
        params: SetParams,
        body: RejectBody,
        response: errorResponses(400, 401, 403, 404, 429),
        security,
      },
      config: { access: 'write-interactions' },
    },
    async (request) => {
      const { name } = request.params as Static<typeof SetParams>;
      const body = request.body as Static<typeof RejectBody>;
      return rejectCase(app.store, { projectId: request.caller.projectId, set: name, ...body });
    },
  );

  app.patch(
    '/v1/eval/sets/:name/cases/:interactionId',
    {
      schema: {
        summary: 'Edit or tag a case of the draft',
        description:
          'Changes the expected output, replaces the tags, or adds and removes some. Published versions keep what they copied.',
        tags: TAGS,
        params: CaseParams,
        body: EditBody,
        response: errorResponses(400, 401, 403, 404, 409, 429),
        security,
      },
      config: { access: 'write-interactions' },
    },
    async (request) => {
      const { name, interactionId } = request.params as Static<typeof CaseParams>;
      const body = request.body as Static<typeof EditBody>;
      return editCase(
        app.store,
        { projectId: request.caller.projectId, set: name, interactionId, ...body },
        { ...HTTP_EVAL_FIELDS, interactionId: 'params.interactionId' },
      );
    },
  );

  app.post(
    '/v1/eval/sets/:name/publish',
    {
      schema: {
        summary: 'Publish the draft as the next version',
        description:
          'Copies the accepted cases, PII-redacted, into version n + 1 (v1, v2, … per set). The version never changes afterwards. 409 when the draft has no usable accepted case or is unchanged since the latest version.',
        tags: TAGS,
        params: SetParams,
        response: errorResponses(400, 401, 403, 404, 409, 429),
        security,
      },
      config: { access: 'write-interactions' },
    },
    async (request, reply) => {
      const { name } = request.params as Static<typeof SetParams>;
      const result = await publishEvalSet(app.store, request.caller.projectId, name);
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/v1/eval/sets/:name/versions/:version',
    {
      schema: {
        summary: 'A published version and its cases',
        tags: TAGS,
        params: VersionParams,
        response: errorResponses(400, 401, 403, 404, 429),
        security,
      },
      config: { access: 'read' },
    },
    async (request) => {
      const { name, version } = request.params as Static<typeof VersionParams>;
      return getEvalVersion(app.store.db, request.caller.projectId, name, parseVersion(version, 'params.version'));
    },
  );

  app.get(
    '/v1/eval/sets/:name/versions/:version/export',
    {
      schema: {
        summary: 'Export a published version',
        description:
          '`jsonl` (input, context, expected output, original output, tags, provenance per line), `promptfoo` (a YAML `tests:` list with `vars` and a `similar` assertion on the expected output) or `openai-evals` (`{"input": [messages], "ideal": …}` per line). PII was redacted at publication; the same version always exports the same bytes.',
        tags: TAGS,
        params: VersionParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The file.',
            content: {
              'application/x-ndjson': { schema: { type: 'string' } },
              'application/yaml': { schema: { type: 'string' } },
            },
          },
          ...errorResponses(400, 401, 403, 404, 429),
        },
        security,
      },
      config: { access: 'read' },
    },
    async (request, reply) => {
      const { name, version } = request.params as Static<typeof VersionParams>;
      const { format = 'jsonl' } = request.query as Static<typeof ExportQuery>;
      const file = await exportEvalVersion(app.store.db, {
        projectId: request.caller.projectId,
        set: name,
        version,
        format,
      });
      return reply
        .type(`${file.contentType}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.text);
    },
  );

  // Nothing changes a published version; say so plainly rather than "no such route".
  for (const url of ['/v1/eval/sets/:name/versions/:version', '/v1/eval/sets/:name/versions/:version/*']) {
    app.route({
      method: ['PUT', 'PATCH', 'POST', 'DELETE'],
      url,
      schema: {
        summary: 'Published versions are immutable',
        description:
          'Always 409 FL_CONFLICT for a published version (404 if there is none): edit the draft and publish a new version.',
        tags: TAGS,
        hide: url.endsWith('*'),
        response: errorResponses(401, 403, 404, 409),
        security,
      },
      config: { access: 'write-interactions' },
      handler: async (request) => {
        const { name, version } = request.params as { name: string; version: string };
        return refuseVersionChange(
          app.store.db,
          request.caller.projectId,
          name,
          parseVersion(version, 'params.version'),
        );
      },
    });
  }
};
