import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';

export const API_PREFIX = '/api/v1';

type Json = Record<string, any>;

/**
 * The OpenAPI document published at /openapi.json. Paths come from the route schemas; this adjusts the frame
 * to the Italian API guidelines: the server URL carries the /api/v1 base path (so /status is a path of its
 * own), errors are application/problem+json, header names are in HTTP-Header-Case.
 */
export function openapiOptions(publicUrl: string, version: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Sportello API',
        version,
        description:
          'API di Sportello: catalogo dei servizi degli enti (anche in CPSV-AP 3.2.0), enti e uffici. ' +
          'Gli errori sono application/problem+json (RFC 7807); la paginazione usa cursori opachi.',
        'x-summary': 'Servizi online degli enti pubblici: catalogo, pratiche, pagamenti e area personale',
        'x-api-id': '7c1f3b52-2d7e-4b8e-9d5a-5f0e6a1c2b90',
        termsOfService: 'https://eupl.eu/1.2/it/',
        contact: { name: 'Sportello', email: 'sportello@example.org', url: 'https://github.com/sportello' },
        license: { name: 'EUPL-1.2', url: 'https://eupl.eu/1.2/it/' },
      } as Json as never,
      servers: [
        {
          url: `${publicUrl}${API_PREFIX}`,
          description: 'questa istanza (this instance)',
          ...(publicUrl.startsWith('https:') ? {} : { 'x-sandbox': true }),
        } as never,
      ],
      tags: [
        { name: 'catalogo', description: 'Catalogo dei servizi' },
        { name: 'enti', description: 'Enti e uffici' },
        { name: 'accesso', description: 'Accesso e identità' },
        { name: 'stato', description: 'Stato del servizio' },
        { name: 'pratiche', description: 'Domande online e pratiche' },
        { name: 'documenti', description: 'Documenti emessi e loro verifica' },
        { name: 'area personale', description: 'Il cittadino: profilo, avvisi, preferenze di contatto' },
        { name: 'messaggi', description: 'Messaggi ai cittadini: filo diretto, modelli, stato degli invii' },
        { name: 'webhook', description: 'Eventi per gli integratori (CloudEvents firmati HMAC-SHA256)' },
        { name: 'amministrazione', description: "Amministrazione dell'ente" },
        { name: 'sviluppo', description: 'Solo in sviluppo e test: la casella che raccoglie ogni messaggio inviato' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'token API di un integratore (sportello token create)' },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `Schema${i}`),
    },
    // a route that hands a person's data to others says so to integrators: each call is in that person's access log
    transform: ({ schema, url, route }) => ({
      schema: (route.config as { personalData?: boolean } | undefined)?.personalData ? { ...schema, 'x-personal-data': true } as typeof schema : schema,
      url,
    }),
    transformObject: (doc) => publish((doc as { openapiObject: Json }).openapiObject),
  };
}

const CONTENT_BY_OPERATION: Record<string, string> = {
  exportCatalogTurtle: 'text/turtle',
  exportCatalogJsonLd: 'application/ld+json',
};

function publish(spec: Json): Json {
  // @fastify/swagger already made the paths relative to the server URL (its stripBasePath option).
  for (const item of Object.values<Json>(spec.paths ?? {})) {
    for (const op of Object.values<Json>(item)) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      op.description ??= op.summary;
      for (const param of op.parameters ?? []) {
        if (param.in === 'header') param.name = httpHeaderCase(param.name);
      }
      for (const [code, response] of Object.entries<Json>(op.responses)) {
        const content = response.content;
        if (!content) continue;
        if (/^[45]/.test(code)) {
          response.content = { 'application/problem+json': content['application/json'] ?? Object.values(content)[0] };
        } else if (CONTENT_BY_OPERATION[op.operationId]) {
          response.content = { [CONTENT_BY_OPERATION[op.operationId]]: content['application/json'] ?? Object.values(content)[0] };
        }
      }
    }
  }
  return spec;
}

const httpHeaderCase = (name: string) => name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('-');
