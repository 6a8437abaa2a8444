/**
 * Every error leaves as `{ "error": { "code", "message", "errors"? } }` with a code from the catalogue in
 * @feedloop/core. Anything a client sent wrong maps to a 4xx; only our own faults become 5xx.
 */
import { ERROR_CODES, type ErrorCode, FeedloopError } from '@feedloop/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

interface ErrorBody {
  error: { code: ErrorCode; message: string; errors?: ReadonlyArray<{ field: string; reason: string }> };
}

/** Fastify's own client errors, by the status it gives them. */
const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'FL_VALIDATION',
  401: 'FL_UNAUTHENTICATED',
  403: 'FL_FORBIDDEN',
  404: 'FL_NOT_FOUND',
  413: 'FL_PAYLOAD_TOO_LARGE',
  415: 'FL_UNSUPPORTED_MEDIA_TYPE',
  429: 'FL_RATE_LIMITED',
};

function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than the server accepts.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send JSON with Content-Type application/json (or text/plain holding JSON).';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The body is empty; send a JSON object.';
    default:
      return error.message;
  }
}

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof FeedloopError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details) body.error.errors = error.details;
    return { status: error.status, body };
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = CODE_BY_STATUS[status] ?? 'FL_VALIDATION';
    const message = clientMessage(fastifyError as FastifyError);
    const body: ErrorBody = { error: { code, message } };
    if (code === 'FL_VALIDATION') body.error.errors = [{ field: 'body', reason: message }];
    return { status: ERROR_CODES[code].status === status ? status : 400, body };
  }
  if (status === 503) {
    return { status, body: { error: { code: 'FL_UNAVAILABLE', message: 'The server is not ready; retry.' } } };
  }
  return {
    status: 500,
    body: { error: { code: 'FL_INTERNAL', message: 'Internal error; nothing in the request caused it.' } },
  };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorBody(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  if (status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '1');
  void reply.status(status).send(body);
}
