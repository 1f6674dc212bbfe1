import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazySerializerFactory } from './lazy-serializer.ts';

const Shared = { $id: 'Shared', type: 'object', properties: { name: { type: 'string' } } } as const;

async function app(lazy: boolean) {
  const a = Fastify(lazy ? { schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory() } } } : {});
  a.addSchema(Shared);
  // the first route answers with the shared schema itself; the second refers to it
  a.get('/own', { schema: { response: { 200: { $ref: 'Shared#' } } } }, async () => ({ name: 'a', secret: 'x' }));
  a.get('/ref', { schema: { response: { 200: { type: 'object', properties: { item: { $ref: 'Shared#' }, n: { type: 'integer' } } } } } },
    async () => ({ item: { name: 'b', secret: 'y' }, n: '7', extra: true }));
  await a.ready();
  return a;
}

describe('lazy response serializers', () => {
  it('answer exactly as the eager ones, whatever route is called first', async () => {
    const eager = await app(false);
    const lazy = await app(true);
    for (const url of ['/ref', '/own', '/ref']) {
      const [e, l] = [await eager.inject({ url }), await lazy.inject({ url })];
      expect(l.statusCode).toBe(200);
      expect(l.body).toBe(e.body);
    }
    // the schema still filters what is not declared and coerces what is
    expect((await lazy.inject({ url: '/ref' })).json()).toEqual({ item: { name: 'b' }, n: 7 });
    await Promise.all([eager.close(), lazy.close()]);
  });
});
