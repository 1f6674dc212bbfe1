import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { SerializerCompiler, SerializerFactory, Serializer } from '@fastify/fast-json-stringify-compiler';

/**
 * Fastify's default response serializers, each compiled on its route's first answer instead of at start-up.
 *
 * fast-json-stringify compiles (and first validates) every response schema of every route with all the shared
 * schemas beside it; with some 400 routes that took seconds of CPU before the first request could be served,
 * in every process start and every test file. Compiling on first use moves that cost to the routes actually
 * called, once each; the serializer produced is the same one Fastify would have built.
 */
export function lazySerializerFactory(): SerializerFactory {
  const eager = SerializerSelector();
  return (externalSchemas, serializerOpts) => (route) => {
    let serialize: Serializer | undefined;
    // a compiler of its own per route: the default one edits its shared options (it drops the route's own
    // schema from the shared ones), which would make the result depend on the order routes are first called
    const compile = (): Serializer => (eager(externalSchemas, serializerOpts) as SerializerCompiler)(route);
    return (data: unknown) => (serialize ??= compile())(data);
  };
}
