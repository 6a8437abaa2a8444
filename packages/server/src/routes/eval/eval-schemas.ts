/** The request shapes of the eval-set routes, checked by TypeBox and documented in /openapi.json. */
import { ID_PATTERN } from '@feedloop/core';
import { EVAL_EXPORT_FORMATS, MAX_TAGS } from '@feedloop/services';
import { Type } from '@sinclair/typebox';

const text = (description: string) => Type.Optional(Type.String({ maxLength: 200, description }));
const Tags = (description: string) =>
  Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: MAX_TAGS, description }));
const ExpectedOutput = Type.Optional(
  Type.String({ minLength: 1, maxLength: 1_000_000, description: 'The answer the case expects.' }),
);

export const CandidateQuery = Type.Object(
  {
    since: text('Interactions created at or after this time, ISO 8601 with a time zone.'),
    until: text('Interactions created before this time, ISO 8601 with a time zone.'),
    tenant: text('Only this tenant.'),
    model: text('Only this model.'),
    template: text('Only this prompt template.'),
    templateVersion: text('Only this prompt template version.'),
    set: text('Leave out interactions this eval set already accepted or rejected.'),
    limit: text('Candidates per page, 1–100 (default 20).'),
    cursor: text('The `nextCursor` of the previous page.'),
  },
  { additionalProperties: false },
);

export const SetParams = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, description: 'The eval set: letters, digits, `_ . -`.' }),
});

export const CaseParams = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  interactionId: Type.String({ pattern: ID_PATTERN }),
});

export const VersionParams = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  version: Type.String({ minLength: 1, maxLength: 20, description: '`1`, `v1` or `latest`.' }),
});

export const AcceptBody = Type.Object(
  {
    interactionId: Type.String({ pattern: ID_PATTERN, description: 'The interaction to accept as a case.' }),
    expectedOutput: ExpectedOutput,
    tags: Tags('Tags of the case (replace any it had); letters, digits, `_ . : / -`.'),
  },
  { additionalProperties: false },
);

export const RejectBody = Type.Object(
  {
    interactionId: Type.String({ pattern: ID_PATTERN, description: 'The interaction to reject.' }),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Why, for the other curators.' })),
  },
  { additionalProperties: false },
);

export const EditBody = Type.Object(
  {
    expectedOutput: ExpectedOutput,
    tags: Tags('Replace all tags.'),
    addTags: Tags('Tags to add.'),
    removeTags: Tags('Tags to remove.'),
  },
  { additionalProperties: false },
);

export const ExportQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union(
        EVAL_EXPORT_FORMATS.map((f) => Type.Literal(f)),
        { description: EVAL_EXPORT_FORMATS.join(', ') },
      ),
    ),
  },
  { additionalProperties: false },
);
