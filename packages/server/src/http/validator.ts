import { compileStructuralCheck, FeedloopError } from '@feedloop/core';
import type { TSchema } from '@sinclair/typebox';
import type { FastifySchemaCompiler } from 'fastify';

/** Route parameters and query strings are checked with TypeBox, reporting each bad field by name. */
export const typeboxValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = compileStructuralCheck(schema);
  const prefix = httpPart === 'params' ? 'params' : httpPart === 'querystring' ? 'query' : '';
  return (data: unknown) => {
    const errors = check(data, prefix);
    if (errors.length === 0) return { value: data };
    return { error: new FeedloopError('FL_VALIDATION', 'The request is malformed.', { details: errors }) };
  };
};

/**
 * Ingestion bodies are validated item by item in the handler (a bad item must not reject the good ones),
 * so their route schema documents the shape without rejecting the request.
 */
export const documentOnly: FastifySchemaCompiler<unknown> = () => (data: unknown) => ({ value: data });
