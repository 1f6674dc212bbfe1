import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from './context.ts';

export const WEB_DIST = path.resolve(import.meta.dirname, '../../../dist/web');

/** Serves the built front end; any other GET that is not an API path gets index.html (client-side routes). */
export async function webRoutes(app: App, distDir = WEB_DIST) {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'web assets not built: run `npm run build` (npm start does it for you)');
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    // index.html and the assets as compressed by the build (vite.config.ts writes .br and .gz beside each), by Accept-Encoding
    preCompressed: true,
    setHeaders: (res, file) => {
      // Hashed assets never change; index.html must always be revalidated.
      res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
  app.get('/assets/*', { schema: { hide: true } }, (req, reply) => {
    const rel = (req.params as { '*': string })['*'];
    // a missing asset (an old page after a deploy) is a 404, never the app's index.html
    if (!existsSync(path.join(distDir, 'assets', path.normalize(rel).replace(/^(\.\.[/\\])+/, '')))) {
      return reply.code(404).type('text/plain').send('Not found');
    }
    return reply.sendFile(path.join('assets', rel));
  });
}

export function isApiPath(url: string) {
  return /^\/(api|auth|docs|openapi\.json|health|ready|metrics|verify)(\/|\?|$)/.test(url);
}
