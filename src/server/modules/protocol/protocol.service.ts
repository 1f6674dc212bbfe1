/**
 * The protocol register (DPR 445/2000 arts. 53, 55, 57; DESIGN.md §5): per body (its AOO) and calendar year, a
 * progressive number of at least 7 digits, unique, without gaps, never changed; an entry can only be annulled.
 *
 * Incoming applications are registered in batches by the registrar, in order of submission time, so a peak of
 * submissions never queues on the register's row lock: each submission takes a *shared* advisory lock on its
 * body's register while it commits; the registrar takes the same lock *exclusively*, which waits for those
 * in flight to commit and holds back new ones for the instant of the batch. Submission times are read after the
 * shared lock is held, so every submission a batch misses is later than every one it numbers: the order of the
 * numbers is the order of submission.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { appendAudit, auditActor } from '../../platform/audit.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { inScope } from '../../platform/tenancy.ts';

/** Namespace of the registers' advisory locks (the second key is the body's). */
const REGISTER_LOCK = 7710002;
/** At most this many applications per batch and body; the registrar loops until none is left. */
const BATCH = 2000;

export const formatProtocolNumber = (n: number) => String(n).padStart(7, '0');

const romeYear = (at: Date) => Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Rome', year: 'numeric' }).format(at));

/** Held by a submission's transaction until it commits (see above). */
export async function holdRegisterForSubmission(trx: Kysely<DB>, tenantId: string) {
  await sql`SELECT pg_advisory_xact_lock_shared(${REGISTER_LOCK}, hashtext(${tenantId}))`.execute(trx);
}

/**
 * Registers one outgoing document (a response, a notice) in the caller's transaction. The number is taken under
 * the register's exclusive lock, so incoming batches and outgoing entries share one gapless sequence; `produce`
 * gets the number to print on the document and returns its fingerprint, which the entry records (an entry is
 * immutable once written).
 */
export async function registerOutgoing<T extends { sha256: string }>(trx: Kysely<DB>, tenantId: string, entry: { subject: string; correspondent: string; applicationId: string },
  produce: (protocol: { year: number; number: number; registeredAt: Date }) => Promise<T>): Promise<T & { year: number; number: number; registeredAt: Date }> {
  await sql`SELECT pg_advisory_xact_lock(${REGISTER_LOCK}, hashtext(${tenantId}))`.execute(trx);
  const tenant = await trx.selectFrom('tenants').select('aoo_code').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const registeredAt = new Date((await sql<{ now: string }>`SELECT clock_timestamp()::text AS now`.execute(trx)).rows[0]!.now);
  const year = romeYear(registeredAt);
  await trx.insertInto('protocol_registers').values({ tenant_id: tenantId, year }).onConflict((oc) => oc.doNothing()).execute();
  const { last_number: last } = await trx.selectFrom('protocol_registers').select('last_number')
    .where('tenant_id', '=', tenantId).where('year', '=', year).forUpdate().executeTakeFirstOrThrow();
  const number = last + 1;
  const produced = await produce({ year, number, registeredAt });
  await trx.insertInto('protocol_entries').values({
    tenant_id: tenantId, year, number, direction: 'outgoing', registered_at: registeredAt, aoo_code: tenant.aoo_code,
    subject: entry.subject, correspondent: entry.correspondent, application_id: entry.applicationId, document_sha256: produced.sha256,
  }).execute();
  await trx.updateTable('protocol_registers').set({ last_number: number }).where('tenant_id', '=', tenantId).where('year', '=', year).execute();
  return { ...produced, year, number, registeredAt };
}

export interface RegisteredApplication {
  id: string;
  tenantId: string;
}

export class ProtocolService {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Registers the bodies' submitted applications, oldest first, and returns those it numbered. Safe to run in
   * several processes at once: a body's batch is serialised by its register lock.
   */
  async registerPending(): Promise<RegisteredApplication[]> {
    const tenants = await inScope(this.db, { platform: true }, (trx) =>
      trx.selectFrom('applications').select('tenant_id').distinct()
        .where('status', '=', 'submitted').where('protocol_number', 'is', null).execute());
    const done: RegisteredApplication[] = [];
    for (const { tenant_id } of tenants) {
      done.push(...(await inScope(this.db, { platform: true }, (trx) => this.registerBatch(trx, tenant_id))));
    }
    return done;
  }

  private async registerBatch(trx: Transaction<DB>, tenantId: string): Promise<RegisteredApplication[]> {
    await sql`SELECT pg_advisory_xact_lock(${REGISTER_LOCK}, hashtext(${tenantId}))`.execute(trx);
    const pending = await trx.selectFrom('applications as a')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .select(['a.id', 'a.code', 'a.subject_name', 'a.subject_fiscal_code', 's.title'])
      .where('a.tenant_id', '=', tenantId).where('a.status', '=', 'submitted').where('a.protocol_number', 'is', null)
      .orderBy('a.submitted_at').orderBy('a.id').limit(BATCH).execute();
    if (!pending.length) return [];
    const tenant = await trx.selectFrom('tenants').select('aoo_code').where('id', '=', tenantId).executeTakeFirstOrThrow();
    const registeredAt = new Date((await sql<{ now: string }>`SELECT clock_timestamp()::text AS now`.execute(trx)).rows[0]!.now);
    const year = romeYear(registeredAt);
    await trx.insertInto('protocol_registers').values({ tenant_id: tenantId, year }).onConflict((oc) => oc.doNothing()).execute();
    const { last_number: last } = await trx.selectFrom('protocol_registers').select('last_number')
      .where('tenant_id', '=', tenantId).where('year', '=', year).forUpdate().executeTakeFirstOrThrow();
    const ids = pending.map((p) => p.id);
    const numbers = pending.map((_, i) => last + i + 1);
    await trx.insertInto('protocol_entries').values(pending.map((p, i) => ({
      tenant_id: tenantId, year, number: numbers[i]!, direction: 'incoming' as const, registered_at: registeredAt,
      aoo_code: tenant.aoo_code, subject: `Domanda ${p.code}: ${p.title}`, correspondent: `${p.subject_name} (${p.subject_fiscal_code})`,
      application_id: p.id,
    }))).execute();
    await sql`UPDATE applications a SET status = 'registered', protocol_year = ${year}, protocol_number = v.num,
        registered_at = ${registeredAt}, updated_at = ${registeredAt}, revision = a.revision + 1
      FROM (SELECT unnest(${ids}::uuid[]) AS id, unnest(${numbers}::int[]) AS num) v
      WHERE a.id = v.id`.execute(trx);
    await trx.insertInto('application_events').values(pending.map((p, i) => ({
      tenant_id: tenantId, application_id: p.id, at: registeredAt, type: 'registered', from_status: 'submitted' as const,
      to_status: 'registered' as const, actor_kind: 'system' as const, actor_label: 'Protocollo',
      note: `Protocollo n. ${formatProtocolNumber(numbers[i]!)}/${year}`, details: JSON.stringify({ protocolNumber: numbers[i], year }),
    }))).execute();
    await trx.updateTable('protocol_registers').set({ last_number: last + pending.length })
      .where('tenant_id', '=', tenantId).where('year', '=', year).execute();
    return ids.map((id) => ({ id, tenantId }));
  }

  /** Records the annulment of an entry (DPR 445/2000 art. 54): the entry stays, marked, with the reason. */
  async annul(actor: Actor | null, tenantId: string, year: number, number: number, reason: string) {
    const a = requireAccess(actor, 'protocol.annul', { tenantId });
    if (reason.trim().length < 5) throw badRequest("Indica il motivo dell'annullamento (at least 5 characters)", [{ path: 'reason', message: 'motivo obbligatorio' }]);
    return inScope(this.db, { tenantId }, async (trx) => {
      const entry = await trx.selectFrom('protocol_entries').selectAll()
        .where('tenant_id', '=', tenantId).where('year', '=', year).where('number', '=', number).forUpdate().executeTakeFirst();
      if (!entry) throw notFound(`Il protocollo n. ${formatProtocolNumber(number)}/${year}`);
      if (entry.annulled_at) throw conflict(`Il protocollo n. ${formatProtocolNumber(number)}/${year} è già annullato.`);
      const updated = await trx.updateTable('protocol_entries')
        .set({ annulled_at: sql`now()`, annulled_by: auditActor(a), annulment_reason: reason.trim() })
        .where('tenant_id', '=', tenantId).where('year', '=', year).where('number', '=', number)
        .returningAll().executeTakeFirstOrThrow();
      await appendAudit(trx, { tenantId, actor: auditActor(a), action: 'protocol.annulled', target: `protocol:${year}/${number}`, details: { reason: reason.trim() } });
      return updated;
    });
  }

  entries(actor: Actor | null, tenantId: string, year: number) {
    requireAccess(actor, 'protocol.annul', { tenantId });
    return inScope(this.db, { tenantId }, (trx) =>
      trx.selectFrom('protocol_entries').selectAll().where('tenant_id', '=', tenantId).where('year', '=', year).orderBy('number').execute());
  }
}
