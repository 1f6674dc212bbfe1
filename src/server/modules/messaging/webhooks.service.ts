/**
 * Integrators' webhook subscriptions and the delivery of events to them.
 *
 * messaging.service.ts turns an event into one `webhook_deliveries` row per matching subscription (unique per
 * subscription and CloudEvent id) and a `webhook.deliver` job. Here a job is run in two stages: the POST goes out
 * with no transaction open, then the attempt is logged and the delivery settled in the job's completion
 * transaction. A failed attempt schedules the next one as a new job (30 s doubling up to an hour) for as long as
 * the next try still falls within a day of the event (or of an administrator's redelivery); after that the
 * delivery is failed. The job itself always completes: retries are ours, not the queue's, so every attempt is
 * logged with its answer. Delivery is at least once: a crash between the POST and the record sends again with
 * the same `webhook-id`, by which receivers deduplicate.
 *
 * Addresses: https only in production, http too in development and test; never credentials in the URL; in
 * production no loopback, private, link-local or otherwise non-public address, checked when the URL is saved
 * and again on every connection (each resolved address, so a name that later points inside is refused too).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { sql, type Kysely } from 'kysely';
import {
  WEBHOOK_EVENTS, WEBHOOK_RETRY_WINDOW_MS, webhookRetryDelayMs, type WebhookAttempt, type WebhookDelivery, type WebhookEventType,
  type WebhookSubscription,
} from '../../../contracts/messaging.ts';
import type { Mode } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { isStaff, requireAccess, type Actor, type StaffActor } from '../../platform/access.ts';
import { auditActor } from '../../platform/audit.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, conflict, notFound, unauthorized, type ProblemItem } from '../../platform/errors.ts';
import { JOB_SCHEMA, jobExecutor, type Jobs } from '../../platform/jobs.ts';
import type { Secrets } from '../../platform/secrets.ts';
import { inScope } from '../../platform/tenancy.ts';
import { newWebhookSecret, webhookSignatureHeaders } from './webhook-signature.ts';
import type { DeliveriesQueryInput, NewWebhookInput, WebhookPatchInput } from './webhooks.schemas.ts';

/** The job of one delivery attempt. `since` and `attempt` are set by a redelivery and by the retries that follow. */
export interface WebhookJob {
  deliveryId: string;
  /** when the current round of tries started (default: the delivery's creation): the day of retries counts from it */
  since?: string;
  /** the 1-based number of this try within the round (default: the delivery's attempts so far + 1) */
  attempt?: number;
}

type Outcome =
  | { kind: 'skip' }
  | { kind: 'inactive' }
  | { kind: 'attempted'; at: Date; statusCode: number | null; error: string | null; durationMs: number; excerpt: string | null };

interface AnswerOf {
  statusCode: number | null;
  error: string | null;
  excerpt: string | null;
}

const ACTION = 'webhooks.manage' as const;
const EXCERPT_CHARS = 1000;
const MAX_URL = 2000;
const DELIVERY_PAGE = 20;

// ----- addresses -----------------------------------------------------------------------------------------------

/** Addresses a production webhook never reaches: this machine, private networks, link-local, reserved ranges. */
const NON_PUBLIC = (() => {
  const list = new BlockList();
  for (const [net, bits] of [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
    ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
    ['224.0.0.0', 4], ['240.0.0.0', 4],
  ] as const) list.addSubnet(net, bits, 'ipv4');
  for (const [net, bits] of [
    // ::/96 covers the deprecated IPv4-compatible form (::7f00:1 is 127.0.0.1); 2002::/16 is 6to4, which embeds IPv4
    ['::', 96], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
  ] as const) list.addSubnet(net, bits, 'ipv6');
  return list;
})();

/** True for an IP address outside the public Internet (IPv4-mapped IPv6 addresses are judged as IPv4). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return NON_PUBLIC.check(address, 'ipv4');
  if (family === 6) return NON_PUBLIC.check(address, 'ipv6');
  return true;
}

/** The address inside a URL's host when it is an IP literal ("[::1]" → "::1"), else null. */
function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

// a trailing dot ("localhost.") names the same host
const LOCAL_NAMES = /(^|\.)(localhost|local|localdomain|internal|home\.arpa)\.?$/i;

/**
 * Checks a subscription's URL for the mode the program runs in. Returns the normalised URL, or a message saying
 * what to change.
 */
export function checkWebhookUrl(raw: string, mode: Mode): { url: string } | { problem: string } {
  const text = raw.trim();
  if (text.length > MAX_URL) return { problem: `al massimo ${MAX_URL} caratteri (at most ${MAX_URL} characters)` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'indirizzo non valido: scrivilo intero, ad esempio https://esempio.it/eventi (invalid URL)' };
  }
  const production = mode === 'production';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !production)) {
    return { problem: production ? 'serve un indirizzo https:// (https is required)' : 'usa un indirizzo https:// o http:// (https or http only)' };
  }
  if (url.username || url.password) {
    return { problem: "togli nome utente e password dall'indirizzo: la firma basta a riconoscere le consegne (no credentials in the URL)" };
  }
  if (url.hash) return { problem: "togli la parte dopo # dall'indirizzo (no fragment)" };
  if (production) {
    const literal = literalAddress(url.hostname);
    if ((literal && isNonPublicAddress(literal)) || (!literal && (LOCAL_NAMES.test(url.hostname) || !url.hostname.includes('.')))) {
      return { problem: "l'indirizzo deve essere raggiungibile da Internet: niente localhost, reti private o nomi locali (no private or local addresses)" };
    }
  }
  return { url: url.href };
}

/** DNS resolution that refuses any non-public answer, so a public-looking name cannot lead inside (production). */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    const reply = callback as (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
    if (error) return reply(error, '');
    const refused = addresses.find((a) => isNonPublicAddress(a.address));
    if (refused || !addresses.length) {
      const err: NodeJS.ErrnoException = new Error(`indirizzo non pubblico ${refused?.address ?? ''} (non-public address)`.replace('  ', ' '));
      err.code = 'ENONPUBLIC';
      return reply(err, '');
    }
    if (options.all) return reply(null, addresses);
    return reply(null, addresses[0]!.address, addresses[0]!.family);
  });
};

/** A failure said so that an administrator knows what happened at the receiver's end. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; message?: string };
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.code === 'ABORT_ERR') {
    return `nessuna risposta entro ${Math.round(timeoutMs / 1000)} s (timeout)`;
  }
  const known: Record<string, string> = {
    ECONNREFUSED: 'connessione rifiutata (connection refused)',
    ECONNRESET: 'connessione interrotta dal destinatario (connection reset)',
    ENOTFOUND: 'nome del server sconosciuto (host not found)',
    EAI_AGAIN: 'nome del server non risolto, riprova più tardi (DNS failure)',
    EHOSTUNREACH: 'server irraggiungibile (host unreachable)',
    ENETUNREACH: 'rete irraggiungibile (network unreachable)',
    CERT_HAS_EXPIRED: 'certificato TLS del destinatario scaduto (certificate expired)',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'certificato TLS del destinatario non attendibile (self-signed certificate)',
    ERR_TLS_CERT_ALTNAME_INVALID: 'certificato TLS che non corrisponde al nome del server (certificate name mismatch)',
  };
  const text = (e.code && known[e.code]) || [e.code, e.message].filter(Boolean).join(': ') || String(error);
  return text.slice(0, 500);
}

/** At most the first 1000 characters of an answer, as text PostgreSQL can store. */
function excerptOf(chunks: Buffer[]): string | null {
  if (!chunks.length) return null;
  const text = Buffer.concat(chunks).toString('utf8').replace(/\u0000/g, '').slice(0, EXCERPT_CHARS);
  return text || null;
}

/**
 * One POST, never following a redirect, reading at most a few kilobytes of the answer, given up after the
 * timeout. Never throws: every failure is an answer to log.
 */
function postOnce(target: URL, body: string, headers: Record<string, string>, opts: { timeoutMs: number; publicOnly: boolean }): Promise<AnswerOf> {
  if (opts.publicOnly) {
    const literal = literalAddress(target.hostname);
    if (literal && isNonPublicAddress(literal)) {
      return Promise.resolve({ statusCode: null, error: `indirizzo non pubblico ${literal} (non-public address)`, excerpt: null });
    }
  }
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise<AnswerOf>((resolve) => {
    let settled = false;
    const settle = (answer: AnswerOf) => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    let request: http.ClientRequest;
    try {
      request = transport.request(target, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(opts.timeoutMs),
        // a fresh connection each time: a pooled socket would skip the address check of the lookup
        agent: false,
        ...(opts.publicOnly ? { lookup: publicOnlyLookup } : {}),
      }, (response) => {
        const statusCode = response.statusCode ?? null;
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const location = response.headers.location;
          const redirected = statusCode !== null && statusCode >= 300 && statusCode < 400;
          response.destroy();
          settle({
            statusCode,
            error: redirected ? `reindirizzamento${location ? ` a ${String(location).slice(0, 300)}` : ''} non seguito: registra l'indirizzo finale (redirect not followed)` : null,
            excerpt: excerptOf(chunks),
          });
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          // 1000 characters are at most 4000 bytes of UTF-8: the rest is not read
          if (size >= EXCERPT_CHARS * 4) finish();
        });
        response.on('end', finish);
        // the answer's status arrived: a body cut short (timeout, reset) does not change it
        response.on('error', finish);
        response.on('close', finish);
      });
    } catch (error) {
      settle({ statusCode: null, error: describeFailure(error, opts.timeoutMs), excerpt: null });
      return;
    }
    request.on('error', (error) => settle({ statusCode: null, error: describeFailure(error, opts.timeoutMs), excerpt: null }));
    request.end(body);
  });
}

/**
 * The body sent: the stored CloudEvent with its context attributes first, in the order of the specification, and
 * `data` last. The same stored event always gives the same bytes, so every retry carries an identical body.
 */
export function cloudEventBody(payload: Record<string, unknown>): string {
  const ordered: Record<string, unknown> = {};
  for (const key of ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'dataschema']) {
    if (payload[key] !== undefined) ordered[key] = payload[key];
  }
  for (const key of Object.keys(payload).sort()) if (!(key in ordered) && key !== 'data') ordered[key] = payload[key];
  if (payload.data !== undefined) ordered.data = payload.data;
  return JSON.stringify(ordered);
}

// ----- rows → API --------------------------------------------------------------------------------------------------

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

interface SubscriptionRow {
  id: string;
  tenant_id: string;
  url: string;
  description: string;
  secret_sealed: string;
  events: string[];
  tenant_ids: string[];
  service_ids: string[];
  active: boolean;
  created_at: Date;
}

function subscriptionDto(r: SubscriptionRow): WebhookSubscription {
  return {
    id: r.id, url: r.url, description: r.description, events: r.events as WebhookEventType[], tenantIds: r.tenant_ids,
    serviceIds: r.service_ids, active: r.active, createdAt: iso(r.created_at)!,
  };
}

interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date | null;
  created_at: Date;
  delivered_at: Date | null;
}

function deliveryDto(r: DeliveryRow): WebhookDelivery {
  return {
    id: r.id, subscriptionId: r.subscription_id, eventId: r.event_id, eventType: r.event_type as WebhookEventType, status: r.status,
    attempts: r.attempts, nextAttemptAt: iso(r.next_attempt_at), createdAt: iso(r.created_at)!, deliveredAt: iso(r.delivered_at),
  };
}

const DELIVERY_COLUMNS = ['d.id', 'd.subscription_id', 'd.event_id', 'd.event_type', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.created_at', 'd.delivered_at'] as const;

function encodeCursor(createdAt: string, id: string) {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && !Number.isNaN(Date.parse(v[0]))
      && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) return v as [string, string];
  } catch {
    // fall through
  }
  throw badRequest('Il cursore non è valido: usa il nextCursor della pagina precedente. (Invalid cursor.)', [
    { path: 'query.cursor', message: 'cursore non valido (invalid cursor)' },
  ]);
}

class Checks {
  readonly items: ProblemItem[] = [];
  add(path: string, message: string) {
    this.items.push({ path, message });
  }
  throwIfAny() {
    if (this.items.length) throw badRequest(`Correggi i campi indicati: ${this.items.map((e) => `${e.path}: ${e.message}`).join('; ')}`, this.items);
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface WebhookSettings {
  /** production refuses http and non-public addresses; development and test allow them (local receivers) */
  mode: Mode;
  /** how long a receiver has to answer */
  timeoutMs: number;
}

export class WebhooksService {
  /** set from the configuration by the app (webhooksRoutes); strict until then */
  settings: WebhookSettings = { mode: 'production', timeoutMs: 10_000 };

  constructor(readonly db: Kysely<DB>, readonly jobs: Jobs, readonly secrets: Secrets) {}

  configure(settings: Partial<WebhookSettings>): this {
    this.settings = { ...this.settings, ...settings };
    return this;
  }

  /** The same service inside a caller's transaction (the idempotency record's). */
  withExecutor(executor: Kysely<DB>): WebhooksService {
    const bound = new WebhooksService(executor, this.jobs, this.secrets);
    bound.settings = this.settings;
    return bound;
  }

  // ----- who may ---------------------------------------------------------------------------------------------------

  /** The body whose subscriptions are meant: `tenant` (platform administrators) or the caller's own. */
  private async ownerTenant(actor: Actor | null, tenant: string | undefined): Promise<{ a: StaffActor; tenantId: string }> {
    if (!actor) throw unauthorized();
    let tenantId = isStaff(actor) ? actor.tenantId : undefined;
    if (tenant) {
      const row = await this.db.selectFrom('tenants').select('id')
        .where(UUID_RE.test(tenant) ? 'id' : 'slug', '=', tenant).executeTakeFirst();
      if (!row) {
        requireAccess(actor, ACTION);
        throw notFound("L'ente richiesto");
      }
      tenantId = row.id;
    }
    const a = requireAccess(actor, ACTION, tenantId ? { tenantId } : {}) as StaffActor;
    return { a, tenantId: tenantId! };
  }

  /** A subscription the caller may manage; another body's answers 404. */
  private async subscriptionOf(actor: Actor | null, subscriptionId: string): Promise<{ a: StaffActor; sub: SubscriptionRow }> {
    if (!actor) throw unauthorized();
    const sub = await inScope(this.db, { platform: true }, (t) => t.selectFrom('webhook_subscriptions').selectAll()
      .where('id', '=', subscriptionId).executeTakeFirst());
    if (!sub) {
      requireAccess(actor, ACTION);
      throw notFound('La sottoscrizione richiesta');
    }
    const a = requireAccess(actor, ACTION, { tenantId: sub.tenant_id }) as StaffActor;
    return { a, sub: sub as SubscriptionRow };
  }

  /** The bodies a subscription of `ownerId` may listen to: its own and those it leads under associated management. */
  private async bodiesFor(t: Kysely<DB>, ownerId: string) {
    const members = await t.selectFrom('tenant_associations').select('member_tenant_id').where('lead_tenant_id', '=', ownerId).execute();
    const ids = [ownerId, ...members.map((m) => m.member_tenant_id)];
    const rows = await t.selectFrom('tenants').select(['id', 'slug', 'name']).where('id', 'in', ids).execute();
    // own body first, then members by name
    return rows.sort((x, y) => (x.id === ownerId ? -1 : y.id === ownerId ? 1 : x.name.localeCompare(y.name, 'it')));
  }

  /**
   * Checks what a subscription will be (after a patch, the merged whole): URL, events, bodies and services. A
   * platform administrator may name any existing body; others their own and the members they lead.
   */
  private async checkSubscription(t: Kysely<DB>, a: StaffActor, ownerId: string,
    next: { url: string; events: string[]; tenantIds: string[]; serviceIds: string[] }, touched: Set<string>) {
    const c = new Checks();
    const checkedUrl = checkWebhookUrl(next.url, this.settings.mode);
    if ('problem' in checkedUrl) c.add('body.url', checkedUrl.problem);
    const events = [...new Set(next.events)];
    if (!events.length) c.add('body.events', 'scegli almeno un evento (choose at least one event)');
    events.forEach((e, i) => {
      if (!(WEBHOOK_EVENTS as readonly string[]).includes(e)) c.add(`body.events.${i}`, `evento sconosciuto (unknown event): ${e}`);
    });
    const tenantIds = [...new Set(next.tenantIds)];
    if (!tenantIds.length) c.add('body.tenantIds', 'scegli almeno un ente (choose at least one body)');
    const platformAdmin = a.roles.includes('platform_admin');
    const allowed = platformAdmin
      ? new Set((tenantIds.length ? await t.selectFrom('tenants').select('id').where('id', 'in', tenantIds).execute() : []).map((r) => r.id))
      : new Set((await this.bodiesFor(t, ownerId)).map((b) => b.id));
    tenantIds.forEach((id, i) => {
      if (!allowed.has(id)) {
        c.add(touched.has('tenantIds') ? `body.tenantIds.${i}` : 'body.tenantIds',
          platformAdmin ? 'ente sconosciuto (unknown body)' : "non è l'ente né un ente di cui è capofila in gestione associata (not this body or a member it leads)");
      }
    });
    const serviceIds = [...new Set(next.serviceIds)];
    if (serviceIds.length) {
      const found = new Map((await t.selectFrom('services').select(['id', 'tenant_id']).where('id', 'in', serviceIds).execute()).map((s) => [s.id, s.tenant_id]));
      serviceIds.forEach((id, i) => {
        const owner = found.get(id);
        if (!owner) c.add(`body.serviceIds.${i}`, 'servizio sconosciuto (unknown service)');
        else if (!tenantIds.includes(owner)) c.add(`body.serviceIds.${i}`, 'il servizio non è di uno degli enti scelti (the service belongs to another body)');
      });
    }
    c.throwIfAny();
    return { url: (checkedUrl as { url: string }).url, events, tenantIds, serviceIds };
  }

  // ----- subscriptions -----------------------------------------------------------------------------------------------

  /** A body's subscriptions, newest first (never their secret). */
  async list(actor: Actor | null, tenant?: string): Promise<{ items: WebhookSubscription[] }> {
    const { tenantId } = await this.ownerTenant(actor, tenant);
    const rows = await inScope(this.db, { tenantId }, (t) => t.selectFrom('webhook_subscriptions').selectAll()
      .where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute());
    return { items: rows.map((r) => subscriptionDto(r as SubscriptionRow)) };
  }

  async get(actor: Actor | null, subscriptionId: string): Promise<WebhookSubscription> {
    return subscriptionDto((await this.subscriptionOf(actor, subscriptionId)).sub);
  }

  /** What a subscription of the body may listen to: the event types, its bodies and their services. */
  async filters(actor: Actor | null, tenant?: string) {
    const { tenantId } = await this.ownerTenant(actor, tenant);
    return inScope(this.db, { tenantId }, async (t) => {
      const bodies = await this.bodiesFor(t, tenantId);
      const services = await t.selectFrom('services').select(['id', 'tenant_id', 'title'])
        .where('tenant_id', 'in', bodies.map((b) => b.id)).orderBy('title').orderBy('id').limit(10000).execute();
      return {
        events: [...WEBHOOK_EVENTS],
        bodies,
        services: services.map((s) => ({ id: s.id, tenantId: s.tenant_id, title: s.title })),
      };
    });
  }

  /**
   * Creates a subscription with a new signing secret (kept sealed: the sender needs it in clear to sign). The
   * answer carries no secret: the route adds it with revealSecret, also to a replay of the same Idempotency-Key,
   * so the secret is never stored in clear with the idempotency record.
   */
  async create(actor: Actor | null, tenant: string | undefined, input: NewWebhookInput): Promise<WebhookSubscription> {
    const { a, tenantId } = await this.ownerTenant(actor, tenant);
    return inScope(this.db, { tenantId }, async (t) => {
      const checked = await this.checkSubscription(t, a, tenantId, {
        url: input.url, events: input.events, tenantIds: input.tenantIds ?? [tenantId], serviceIds: input.serviceIds ?? [],
      }, new Set(Object.keys(input)));
      const row = await t.insertInto('webhook_subscriptions').values({
        tenant_id: tenantId, url: checked.url, description: (input.description ?? '').trim(), secret_sealed: this.secrets.seal(newWebhookSecret()),
        events: checked.events, tenant_ids: checked.tenantIds, service_ids: checked.serviceIds, created_by: auditActor(a),
      }).returningAll().executeTakeFirstOrThrow();
      return subscriptionDto(row as SubscriptionRow);
    });
  }

  /** The current secret of a subscription just created (see create). */
  async revealSecret(actor: Actor | null, subscriptionId: string): Promise<string> {
    const { sub } = await this.subscriptionOf(actor, subscriptionId);
    return this.secrets.open(sub.secret_sealed);
  }

  /** A merge patch: URL, description, events, bodies, services, active. The whole result is checked again. */
  async update(actor: Actor | null, subscriptionId: string, patch: WebhookPatchInput): Promise<WebhookSubscription> {
    const { a, sub } = await this.subscriptionOf(actor, subscriptionId);
    return inScope(this.db, { tenantId: sub.tenant_id }, async (t) => {
      const current = await t.selectFrom('webhook_subscriptions').selectAll().where('id', '=', subscriptionId).forUpdate().executeTakeFirst();
      if (!current) throw notFound('La sottoscrizione richiesta');
      const filters = ['url', 'events', 'tenantIds', 'serviceIds'].some((k) => k in patch);
      const values: Partial<{ url: string; description: string; events: string[]; tenant_ids: string[]; service_ids: string[]; active: boolean }> = {};
      if (filters) {
        const checked = await this.checkSubscription(t, a, sub.tenant_id, {
          url: patch.url ?? current.url, events: patch.events ?? current.events,
          tenantIds: patch.tenantIds ?? current.tenant_ids, serviceIds: patch.serviceIds ?? current.service_ids,
        }, new Set(Object.keys(patch)));
        Object.assign(values, { url: checked.url, events: checked.events, tenant_ids: checked.tenantIds, service_ids: checked.serviceIds });
      }
      if (patch.description !== undefined) values.description = patch.description.trim();
      if (patch.active !== undefined) values.active = patch.active;
      const row = await t.updateTable('webhook_subscriptions').set(values).where('id', '=', subscriptionId).returningAll().executeTakeFirstOrThrow();
      return subscriptionDto(row as SubscriptionRow);
    });
  }

  /** A new signing secret, effective at once (the next attempt is signed with it); shown only in this answer. */
  async rotateSecret(actor: Actor | null, subscriptionId: string): Promise<WebhookSubscription & { secret: string }> {
    const { sub } = await this.subscriptionOf(actor, subscriptionId);
    const secret = newWebhookSecret();
    const row = await inScope(this.db, { tenantId: sub.tenant_id }, (t) => t.updateTable('webhook_subscriptions')
      .set({ secret_sealed: this.secrets.seal(secret) }).where('id', '=', subscriptionId).returningAll().executeTakeFirstOrThrow());
    return { ...subscriptionDto(row as SubscriptionRow), secret };
  }

  // ----- deliveries --------------------------------------------------------------------------------------------------

  /** A subscription's deliveries, newest first, optionally of one status; keyset pages. */
  async deliveries(actor: Actor | null, subscriptionId: string, query: DeliveriesQueryInput): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
    const { sub } = await this.subscriptionOf(actor, subscriptionId);
    const limit = query.limit ?? DELIVERY_PAGE;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await inScope(this.db, { tenantId: sub.tenant_id }, (t) => {
      let q = t.selectFrom('webhook_deliveries as d').select([...DELIVERY_COLUMNS, sql<string>`d.created_at::text`.as('created_key')])
        .where('d.subscription_id', '=', subscriptionId);
      if (query.status) q = q.where('d.status', '=', query.status as DeliveryRow['status']);
      if (after) q = q.where(sql<boolean>`(d.created_at, d.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
      return q.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(limit + 1).execute();
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => deliveryDto(r as DeliveryRow)),
      nextCursor: rows.length > limit && last ? encodeCursor(last.created_key, last.id) : null,
    };
  }

  /** One delivery with the CloudEvent sent and every attempt's answer. */
  async delivery(actor: Actor | null, subscriptionId: string, deliveryId: string) {
    const { sub } = await this.subscriptionOf(actor, subscriptionId);
    return inScope(this.db, { tenantId: sub.tenant_id }, (t) => this.deliveryDetail(t, subscriptionId, deliveryId));
  }

  private async deliveryDetail(t: Kysely<DB>, subscriptionId: string, deliveryId: string) {
    const row = await t.selectFrom('webhook_deliveries as d').select([...DELIVERY_COLUMNS, 'd.payload'])
      .where('d.id', '=', deliveryId).where('d.subscription_id', '=', subscriptionId).executeTakeFirst();
    if (!row) throw notFound('La consegna richiesta');
    const attempts = await t.selectFrom('webhook_attempts').select(['at', 'status_code', 'error', 'duration_ms', 'response_excerpt'])
      .where('delivery_id', '=', deliveryId).orderBy('at').orderBy('id').limit(1000).execute();
    const attemptLog: WebhookAttempt[] = attempts.map((x) => ({
      at: iso(x.at)!, statusCode: x.status_code, error: x.error, durationMs: x.duration_ms, responseExcerpt: x.response_excerpt,
    }));
    return { ...deliveryDto(row as DeliveryRow), payload: row.payload, attemptLog };
  }

  /**
   * Sends a delivery again with the same event id. A delivered or failed one starts a new round of tries (a day
   * of retries from now); a pending one has its next try brought forward to now.
   */
  async redeliver(actor: Actor | null, subscriptionId: string, deliveryId: string) {
    const { sub } = await this.subscriptionOf(actor, subscriptionId);
    if (!sub.active) {
      throw conflict('La sottoscrizione è disattivata: riattivala prima di reinviare. (The subscription is inactive: activate it first.)');
    }
    return inScope(this.db, { tenantId: sub.tenant_id }, async (t) => {
      const row = await t.selectFrom('webhook_deliveries').select(['id', 'status']).where('id', '=', deliveryId)
        .where('subscription_id', '=', subscriptionId).forUpdate().executeTakeFirst();
      if (!row) throw notFound('La consegna richiesta');
      const now = clock.now();
      const inFlight = row.status === 'pending' ? await this.unfinishedJobs(t, deliveryId) : 0;
      if (inFlight) {
        await this.bringForward(deliveryId, t);
      } else {
        await t.updateTable('webhook_deliveries').set({ status: 'pending', delivered_at: null, next_attempt_at: now }).where('id', '=', deliveryId).execute();
        await this.jobs.send(t, 'webhook.deliver', { deliveryId, since: now.toISOString(), attempt: 1 } satisfies WebhookJob);
      }
      return this.deliveryDetail(t, subscriptionId, deliveryId);
    });
  }

  private async unfinishedJobs(t: Kysely<DB>, deliveryId: string): Promise<number> {
    const { rows } = await jobExecutor(t).executeSql(
      `SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = 'webhook.deliver' AND state < 'completed' AND data->>'deliveryId' = $1`, [deliveryId]);
    return (rows[0] as { n: number }).n;
  }

  /**
   * Brings the waiting tries of one delivery (or of all) forward to now: an administrator's "send now" on a pending
   * delivery, and tests that do not wait for the backoff. Returns how many tries were moved.
   */
  async bringForward(deliveryId?: string, executor: Kysely<DB> = this.db): Promise<number> {
    const run = async (t: Kysely<DB>) => {
      const { rows } = await jobExecutor(t).executeSql(
        `WITH moved AS (UPDATE ${JOB_SCHEMA}.job SET start_after = now()
           WHERE name = 'webhook.deliver' AND state IN ('created', 'retry') AND start_after > now() AND ($1::text IS NULL OR data->>'deliveryId' = $1)
           RETURNING data->>'deliveryId' AS id)
         SELECT id FROM moved`, [deliveryId ?? null]);
      const ids = (rows as { id: string }[]).map((r) => r.id);
      if (ids.length) {
        await t.updateTable('webhook_deliveries').set({ next_attempt_at: clock.now() }).where('id', 'in', ids).where('status', '=', 'pending').execute();
      }
      return ids.length;
    };
    return executor.isTransaction ? run(executor) : inScope(executor, { platform: true }, run);
  }

  // ----- sending -----------------------------------------------------------------------------------------------------

  /** Runs one webhook delivery job, if there is one. */
  runOne(): Promise<boolean> {
    return this.jobs.runStaged<WebhookJob, Outcome>('webhook.deliver', {
      outside: (job) => this.attempt(job),
      inside: (trx, job, outcome) => this.record(trx, job, outcome),
    });
  }

  /** Outside any transaction: reads the delivery, signs the stored CloudEvent and POSTs it. */
  private async attempt(job: WebhookJob): Promise<Outcome> {
    const row = await inScope(this.db, { platform: true }, (t) => t.selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
      .select(['d.id', 'd.status', 'd.event_id', 'd.payload', 's.url', 's.secret_sealed', 's.active'])
      .where('d.id', '=', job.deliveryId).executeTakeFirst());
    if (!row || row.status !== 'pending') return { kind: 'skip' };
    if (!row.active) return { kind: 'inactive' };
    const at = clock.now();
    const started = performance.now();
    const answer = await this.post(row.url, row.secret_sealed, row.event_id, row.payload);
    return { kind: 'attempted', at, durationMs: Math.max(0, Math.round(performance.now() - started)), ...answer };
  }

  private async post(url: string, sealedSecret: string, eventId: string, payload: Record<string, unknown>): Promise<AnswerOf> {
    const production = this.settings.mode === 'production';
    const checked = checkWebhookUrl(url, this.settings.mode);
    if ('problem' in checked) return { statusCode: null, error: `indirizzo non ammesso: ${checked.problem}`.slice(0, 500), excerpt: null };
    let secret: string;
    try {
      secret = this.secrets.open(sealedSecret);
    } catch {
      return { statusCode: null, error: 'segreto di firma illeggibile (SESSION_SECRET cambiato?): genera un nuovo segreto (unreadable secret)', excerpt: null };
    }
    const body = cloudEventBody(payload);
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    return postOnce(new URL(checked.url), body, {
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'user-agent': 'Sportello-Webhooks/1',
      ...webhookSignatureHeaders(secret, eventId, timestamp, body),
    }, { timeoutMs: this.settings.timeoutMs, publicOnly: production });
  }

  /**
   * In the job's completion transaction: logs the attempt and settles the delivery. 2xx: delivered. 410 Gone: the
   * receiver says the address is gone for good; the subscription is deactivated and the delivery failed. Anything
   * else: the next try is scheduled if it still falls within the day of retries, else the delivery is failed.
   */
  private async record(trx: Kysely<DB>, job: WebhookJob, outcome: Outcome): Promise<void> {
    if (outcome.kind === 'skip') return;
    await inScope(trx, { platform: true }, async (t) => {
      const d = await t.selectFrom('webhook_deliveries').select(['id', 'tenant_id', 'subscription_id', 'status', 'attempts', 'created_at'])
        .where('id', '=', job.deliveryId).forUpdate().executeTakeFirst();
      if (!d) return;
      const now = clock.now();
      if (outcome.kind === 'inactive') {
        if (d.status !== 'pending') return;
        await t.insertInto('webhook_attempts').values({
          tenant_id: d.tenant_id, delivery_id: d.id, at: now, status_code: null, duration_ms: 0, response_excerpt: null,
          error: 'sottoscrizione disattivata: consegna non tentata; riattivala e reinvia (subscription inactive)',
        }).execute();
        await t.updateTable('webhook_deliveries').set({ status: 'failed', next_attempt_at: null }).where('id', '=', d.id).execute();
        return;
      }
      await t.insertInto('webhook_attempts').values({
        tenant_id: d.tenant_id, delivery_id: d.id, at: outcome.at, status_code: outcome.statusCode, error: outcome.error,
        duration_ms: Math.min(outcome.durationMs, 2_147_483_647), response_excerpt: outcome.excerpt,
      }).execute();
      // another run settled it meanwhile (a redelivery racing a retry): the attempt is logged, the state stays
      if (d.status !== 'pending') return;
      const attempts = d.attempts + 1;
      const code = outcome.statusCode;
      if (code !== null && code >= 200 && code < 300) {
        await t.updateTable('webhook_deliveries').set({ status: 'delivered', attempts, delivered_at: now, next_attempt_at: null }).where('id', '=', d.id).execute();
        return;
      }
      if (code === 410) {
        await t.updateTable('webhook_deliveries').set({ status: 'failed', attempts, next_attempt_at: null }).where('id', '=', d.id).execute();
        await t.updateTable('webhook_subscriptions').set({ active: false }).where('id', '=', d.subscription_id).execute();
        return;
      }
      const round = job.attempt ?? attempts;
      const delay = webhookRetryDelayMs(round);
      const since = job.since ? new Date(job.since) : new Date(d.created_at);
      if (now.getTime() - since.getTime() + delay < WEBHOOK_RETRY_WINDOW_MS) {
        const next = new Date(now.getTime() + delay);
        await this.jobs.send(t, 'webhook.deliver', { deliveryId: d.id, ...(job.since ? { since: job.since } : {}), attempt: round + 1 } satisfies WebhookJob,
          { startAfter: next });
        await t.updateTable('webhook_deliveries').set({ attempts, next_attempt_at: next }).where('id', '=', d.id).execute();
      } else {
        await t.updateTable('webhook_deliveries').set({ status: 'failed', attempts, next_attempt_at: null }).where('id', '=', d.id).execute();
      }
    });
  }
}
