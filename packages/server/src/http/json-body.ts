import type { FastifyInstance } from 'fastify';

/**
 * Browsers send beacons as `text/plain` (a JSON content type would need a CORS preflight, which
 * sendBeacon cannot do), so text bodies are parsed as JSON with Fastify's own hardened parser.
 */
export function acceptJsonAsText(app: FastifyInstance, bodyLimit: number): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit }, parseJson);
}
