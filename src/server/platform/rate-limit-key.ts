/**
 * Whose requests the global rate limit counts together. An office's kiosks, rating tablets and counters sit behind
 * one address (the office's NAT), so counting by address alone would let a busy morning at one office lock out
 * the others; the limit counts each signed-in person, token or paired floor device on its own, and everybody else
 * by address.
 *
 * Only a credential that resolves counts as its own: a made-up key or cookie would otherwise give its sender a
 * fresh allowance with every request. The lookups are the ones the route makes anyway (resolved once per request),
 * and the key names the device or actor by id, never the secret they presented (the limiter may log keys).
 */
import type { FastifyRequest } from 'fastify';

export interface RateLimitResolvers {
  /** the paired device behind X-Desk-Device (throws or null when none or unknown) */
  device: (req: FastifyRequest) => Promise<{ id: string } | null>;
  /** the person or token behind the session cookie or Bearer token (null when none or unknown) */
  actor: (req: FastifyRequest) => Promise<{ kind: string; id: string } | null>;
}

const CREDENTIAL_HEADERS = ['x-desk-device', 'authorization', 'cookie'] as const;

export function rateLimitKey(resolve: RateLimitResolvers) {
  return async (req: FastifyRequest): Promise<string> => {
    // pages and files are counted by address: no lookup for them
    if (!req.url.startsWith('/api/') || !CREDENTIAL_HEADERS.some((h) => req.headers[h] !== undefined)) return `ip:${req.ip}`;
    try {
      if (req.headers['x-desk-device'] !== undefined) {
        const device = await resolve.device(req);
        return device ? `device:${device.id}` : `ip:${req.ip}`;
      }
      const actor = await resolve.actor(req);
      return actor ? `${actor.kind}:${actor.id}` : `ip:${req.ip}`;
    } catch {
      // an unknown or revoked credential: the route answers 401; the request counts against its address
      return `ip:${req.ip}`;
    }
  };
}
