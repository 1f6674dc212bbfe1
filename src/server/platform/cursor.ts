/**
 * The page cursor of lists kept newest first by (instant, id): the instant to the microsecond as the database holds
 * it, and the row's UUID. Opaque to clients (base64url of a small JSON); anything that does not decode to exactly
 * that is a 400 problem.
 */
import { badRequest } from './errors.ts';

export interface InstantCursor {
  /** the row's instant to the microsecond, as the database holds it (2026-05-04T10:11:12.123456Z) */
  at: string;
  id: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const AT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeInstantCursor(c: InstantCursor): string {
  return Buffer.from(JSON.stringify({ a: c.at, i: c.id })).toString('base64url');
}

export function decodeInstantCursor(cursor: string): InstantCursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { a?: unknown; i?: unknown };
    if (typeof parsed.a === 'string' && AT_RE.test(parsed.a) && !Number.isNaN(Date.parse(parsed.a)) && typeof parsed.i === 'string' && UUID_RE.test(parsed.i)) {
      return { at: parsed.a, id: parsed.i };
    }
  } catch {
    // answered below
  }
  throw badRequest('Il cursore di paginazione non è valido: ricomincia dalla prima pagina. (Invalid cursor.)',
    [{ path: 'query.cursor', message: 'cursore non valido: usa nextCursor della pagina precedente (invalid cursor)' }]);
}
