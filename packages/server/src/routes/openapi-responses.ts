import { ERROR_CODES, ItemErrorSchema } from '@feedloop/core';
import { Type } from '@sinclair/typebox';

export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: Type.Union(Object.keys(ERROR_CODES).map((code) => Type.Literal(code))),
      message: Type.String(),
      errors: Type.Optional(Type.Array(ItemErrorSchema)),
    }),
  },
  { description: 'An error; `code` is from the catalogue in docs/errors.md.' },
);

/** The error answers a route can give, for its OpenAPI description. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBodySchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBodySchema]));
}
