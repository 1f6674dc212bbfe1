/**
 * The floor devices' keys: a kiosk (issues tickets, checks appointments in) or a rating tablet of one counter acts
 * without a person signed in, with a long random key a desk administrator pairs it with. Only the key's SHA-256
 * is kept (a stolen database holds no usable key); a revoked key stops at once. Requests carry the key in the
 * `X-Desk-Device` header.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DeskDeviceKind } from '../../../contracts/desk.ts';
import type { DB } from '../../db/schema.ts';
import { clock } from '../../platform/clock.ts';
import { unauthorized } from '../../platform/errors.ts';
import { inScope } from '../../platform/tenancy.ts';

export const DEVICE_HEADER = 'x-desk-device';
/** where the pairing page reads the key from: the fragment never reaches a server or its logs */
export const pairPath = (key: string) => `/sportello/abbina#chiave=${key}`;

/** A paired device acting on its own office's floor. */
export interface DeviceActor {
  kind: 'device';
  id: string;
  tenantId: string;
  officeId: string;
  deviceKind: DeskDeviceKind;
  counterId: string | null;
  name: string;
}

/** 32 random bytes: as hard to guess as a session token. */
export const newDeviceKey = () => `sd_${randomBytes(32).toString('base64url')}`;
export const hashDeviceKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

const KEY_RE = /^sd_[A-Za-z0-9_-]{43}$/;
/** the last request is written at most once a minute (as sessions do) */
const SEEN_EVERY_MS = 60_000;

/**
 * The device behind a key, or null when the key is unknown or revoked. Looked up in the platform scope: the key
 * alone says which body it belongs to.
 */
export async function resolveDevice(db: Kysely<DB>, key: string): Promise<DeviceActor | null> {
  if (!KEY_RE.test(key)) return null;
  const keyHash = hashDeviceKey(key);
  return inScope(db, { platform: true }, async (trx) => {
    const row = await trx.selectFrom('desk_devices').selectAll().where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    const now = clock.now();
    if (!row.last_seen_at || now.getTime() - new Date(row.last_seen_at).getTime() > SEEN_EVERY_MS) {
      await trx.updateTable('desk_devices').set({ last_seen_at: now }).where('id', '=', row.id).execute();
    }
    return { kind: 'device', id: row.id, tenantId: row.tenant_id, officeId: row.office_id, deviceKind: row.kind, counterId: row.counter_id, name: row.name };
  });
}

/**
 * The device a request presents, resolved once per request: null without the header; a header with an unknown
 * or revoked key is refused (401), so a revoked kiosk learns it at its next request rather than acting anonymously.
 */
export function deviceOf(db: Kysely<DB>, req: FastifyRequest): Promise<DeviceActor | null> {
  const cached = (req as FastifyRequest & { deskDevice?: Promise<DeviceActor | null> }).deskDevice;
  if (cached) return cached;
  const header = req.headers[DEVICE_HEADER];
  const promise = (async () => {
    if (header === undefined) return null;
    const key = Array.isArray(header) ? header[0] ?? '' : header;
    const device = await resolveDevice(db, key.trim());
    if (!device) throw unauthorized('Questo dispositivo non è abbinato o la sua chiave è stata revocata: abbinalo di nuovo. (Unknown or revoked device key.)');
    return device;
  })();
  (req as FastifyRequest & { deskDevice?: Promise<DeviceActor | null> }).deskDevice = promise;
  return promise;
}

/** The key that scopes a device's Idempotency-Key (as actorKey does for people). */
export const deviceKey = (device: DeviceActor) => `device:${device.id}`;

/** Records a new device of an office and returns it with its key, which is never stored and shown only once. */
export async function createDevice(trx: Kysely<DB>, values: { tenantId: string; officeId: string; kind: DeskDeviceKind; name: string; counterId: string | null; createdBy: string }) {
  const key = newDeviceKey();
  const row = await trx.insertInto('desk_devices').values({
    tenant_id: values.tenantId, office_id: values.officeId, kind: values.kind, name: values.name, counter_id: values.counterId,
    key_hash: hashDeviceKey(key), created_by: values.createdBy, created_at: clock.now(),
  }).returningAll().executeTakeFirstOrThrow();
  return { row, key };
}

/** Revokes a device's key (again: keeps the first revocation's time). */
export async function revokeDevice(trx: Kysely<DB>, deviceId: string) {
  await trx.updateTable('desk_devices').set({ revoked_at: clock.now() }).where('id', '=', deviceId).where('revoked_at', 'is', null).execute();
  return trx.selectFrom('desk_devices').selectAll().where('id', '=', deviceId).executeTakeFirstOrThrow();
}
