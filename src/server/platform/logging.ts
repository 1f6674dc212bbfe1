import type { LoggerOptions } from 'pino';

/** JSON logs with request ids; personal data (fiscal codes, names, credentials) never reaches them. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.fiscalCode',
        '*.fiscal_code',
        '*.givenName',
        '*.familyName',
        '*.email',
        // social services' special-category data (it is sealed at rest; it must not leak through a log line either)
        '*.needText',
        '*.text',
        '*.courtMeasures',
        '*.health',
        '*.sina',
        '*.sinba',
      ],
      censor: '[redacted]',
    },
    serializers: {
      // PGlite errors carry the query's parameters: they may be a citizen's data, so they never reach the log.
      err: (err: Error & { params?: unknown; query?: unknown }) => {
        const { params: _params, query: _query, ...rest } = { ...err, message: err.message, stack: err.stack, type: err.name };
        return rest;
      },
      // The query string may carry a citizen's search words or identifiers: log the path only.
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
    },
  };
}
