import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';

/** The OpenAPI document's frame; the paths come from the route schemas. */
export function openapiOptions(publicUrl: string, version: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Sportello API',
        version,
        description: 'API di Sportello: catalogo dei servizi degli enti, pratiche, pagamenti e area personale.',
        contact: { name: 'Sportello', email: 'sportello@example.org', url: 'https://github.com/sportello' },
        license: { name: 'EUPL-1.2', url: 'https://eupl.eu/1.2/it/' },
      },
      servers: [{ url: publicUrl, description: 'this instance' }],
      tags: [
        { name: 'catalogo', description: 'Catalogo dei servizi' },
        { name: 'enti', description: 'Enti e uffici' },
        { name: 'accesso', description: 'Accesso e identità' },
        { name: 'stato', description: 'Stato del servizio' },
      ],
    },
  };
}
