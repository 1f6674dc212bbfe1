import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export interface ProblemItem {
  path: string;
  message: string;
}

/** An error a client can act on, answered as application/problem+json (RFC 7807). */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: ProblemItem[],
    readonly type = 'about:blank',
  ) {
    super(detail);
  }
}

export const notFound = (what: string) =>
  new Problem(404, 'Non trovato', `${what} non esiste o non è accessibile. (${what} was not found.)`);
export const badRequest = (detail: string, errors?: ProblemItem[]) =>
  new Problem(400, 'Richiesta non valida', detail, errors);
export const unauthorized = (detail = 'Accedi per continuare. (Log in to continue.)') =>
  new Problem(401, 'Accesso richiesto', detail);
export const forbidden = (detail = 'Non hai i permessi per questa operazione. (You may not do this.)') =>
  new Problem(403, 'Operazione non consentita', detail);
export const conflict = (detail: string) => new Problem(409, 'Conflitto', detail);

interface AjvLikeError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Ajv's messages, said so that a person knows what to change. */
function describeValidation(context: string | undefined, e: AjvLikeError): ProblemItem {
  const where = (context ?? '').replace('querystring', 'query');
  const base = (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(e.params?.additionalProperty);
      return { path: [where, base, name].filter(Boolean).join('.'), message: `parametro sconosciuto "${name}": rimuovilo (unknown field "${name}")` };
    }
    case 'required': {
      const name = String(e.params?.missingProperty);
      return { path: [where, base, name].filter(Boolean).join('.'), message: `campo obbligatorio mancante (required field "${name}" is missing)` };
    }
    case 'maxLength':
      return { path: [where, base].filter(Boolean).join('.'), message: `troppo lungo: al massimo ${e.params?.limit} caratteri (at most ${e.params?.limit} characters)` };
    case 'minLength':
      return { path: [where, base].filter(Boolean).join('.'), message: `troppo corto: almeno ${e.params?.limit} caratteri (at least ${e.params?.limit} characters)` };
    case 'maxItems':
      return { path: [where, base].filter(Boolean).join('.'), message: `troppi elementi: al massimo ${e.params?.limit} (at most ${e.params?.limit} items)` };
    case 'enum':
      return { path: [where, base].filter(Boolean).join('.'), message: `valore non ammesso; usa uno di: ${(e.params?.allowedValues as unknown[] | undefined)?.join(', ')} (must be one of the listed values)` };
    case 'maximum':
    case 'minimum':
      return { path: [where, base].filter(Boolean).join('.'), message: `numero fuori intervallo: ${e.message} (${e.message})` };
    default:
      return { path: [where, base].filter(Boolean).join('.'), message: `valore non valido: ${e.message} (invalid value)` };
  }
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  return reply
    .code(p.status)
    .type('application/problem+json')
    .send({
      type: p.type, title: p.title, status: p.status, detail: p.detail, ...(p.errors ? { errors: p.errors } : {}),
      // a step-up problem says where to log in again (access.ts requireLevel)
      ...('loginUrl' in p ? { loginUrl: String((p as { loginUrl: unknown }).loginUrl) } : {}),
    });
}

/** What a client is told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 10;

export const databaseUnavailable = () => new Problem(503, 'Servizio temporaneamente non disponibile',
  `Il servizio non riesce a raggiungere il database: riprova tra ${DATABASE_RETRY_AFTER_SECONDS} secondi, nulla di quanto hai inviato e salvato è perso. ` +
  `(The database cannot be reached: retry in ${DATABASE_RETRY_AFTER_SECONDS} seconds; nothing already saved is lost.)`);

/** Network and server-state errors that mean "the database is not there now", as opposed to a fault in a query. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  // PostgreSQL: connection exceptions (class 08), shutting down or starting up (57P01–57P03), too many connections
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300',
]);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** One place turns every failure into problem+json; unexpected errors never leak their stack. */
export function errorHandler(error: FastifyError | Problem, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof Problem) return sendProblem(reply, error);
  const fe = error as FastifyError & { validation?: AjvLikeError[]; validationContext?: string };
  if (fe.validation) {
    const errors = fe.validation.map((v) => describeValidation(fe.validationContext, v));
    return sendProblem(
      reply,
      badRequest(`La richiesta contiene dati non validi: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors),
    );
  }
  // Data the database refuses as text or number (a NUL character, a number out of range) came from the client.
  const pgCode = (error as { code?: unknown }).code;
  if (typeof pgCode === 'string' && ['22021', '22P02', '22003', '22P05', '22007', '22008'].includes(pgCode)) {
    return sendProblem(reply, badRequest('La richiesta contiene caratteri o numeri non ammessi. (The request contains characters or numbers that are not allowed.)'));
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    return sendProblem(reply, databaseUnavailable());
  }
  const status = fe.statusCode ?? 500;
  if (status === 429) {
    return sendProblem(reply, new Problem(429, 'Troppe richieste', 'Hai fatto troppe richieste: riprova tra poco. (Too many requests: retry shortly.)'));
  }
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, wrong content type, body too large…
    return sendProblem(reply, new Problem(status, 'Richiesta non valida', fe.message));
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(
    reply,
    new Problem(500, 'Errore interno', 'Si è verificato un errore inatteso; riprova più tardi. (Unexpected error; please retry later.)'),
  );
}

/** NUL characters are never valid text here (PostgreSQL cannot store them): refuse them before any work. */
export function rejectNulCharacters(url: string, body: unknown) {
  if (/%00/.test(url) || (body !== undefined && body !== null && JSON.stringify(body).includes('\\u0000'))) {
    throw badRequest('Il testo contiene un carattere nullo (\\u0000): rimuovilo. (NUL characters are not allowed.)');
  }
}
