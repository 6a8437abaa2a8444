import type { FastifyRequest } from 'fastify';

/**
 * A public key is used from end users' browsers, so the request's User-Agent is the end user's: worth
 * keeping on the signal for the abuse filter (crawlers, headless browsers). A secret key is used from the
 * customer's servers, whose User-Agent says nothing about the person giving feedback.
 */
export function browserUserAgent(request: FastifyRequest): string | undefined {
  if (request.caller?.key.kind !== 'public') return undefined;
  const agent = request.headers['user-agent'];
  return typeof agent === 'string' && agent.length > 0 ? agent.slice(0, 512) : undefined;
}
