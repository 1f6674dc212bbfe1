import type { FastifyRequest } from 'fastify';
import { forbidden } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for writes authenticated by the session cookie: they must carry the
 * session's CSRF token (readable by our own pages from the `sportello_csrf` cookie) in `X-CSRF-Token`.
 * A page on another site can make the browser send the cookie, but cannot read the token. Requests with a
 * Bearer token carry no ambient credentials and need no check.
 */
export function csrfGuard(opts: { sessionCookie: string; verify: (sessionToken: string, given: string) => boolean }) {
  return async (req: FastifyRequest) => {
    // Decided on the route that matched, never on the raw URL: "/%61pi/…" reaches "/api/…" once decoded.
    // Only our own API and sign-in routes; the bundled identity provider guards its own forms.
    const route = req.routeOptions.url;
    if (SAFE.has(req.method) || !route || !(route.startsWith('/api/') || route.startsWith('/auth/'))) return;
    // the operator sign-in steps open a session rather than use one: a stale cookie must not stand in their way
    if (route.startsWith('/auth/operator/')) return;
    const session = req.cookies?.[opts.sessionCookie];
    if (!session || req.headers.authorization?.startsWith('Bearer ')) return;
    const given = req.headers['x-csrf-token'];
    if (typeof given !== 'string' || !opts.verify(session, given)) {
      throw forbidden('Richiesta non valida per questa sessione: ricarica la pagina e riprova. (Missing or wrong CSRF token: reload the page.)');
    }
  };
}
