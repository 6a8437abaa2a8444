/** The OpenAPI document's header; the paths come from the route schemas themselves. */
export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Feedloop API',
    version: '0.1.0',
    description: 'Collect end-user feedback on AI outputs. Errors carry a `code` from the catalogue in docs/errors.md.',
  },
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'A secret key (fl_sk_…) or a public key (fl_pk_…).' },
      publicKeyInBody: {
        type: 'apiKey',
        in: 'query',
        name: 'publicKey',
        description: 'A public key sent as the `publicKey` field of the JSON body (for navigator.sendBeacon).',
      },
    },
  },
} as const;
