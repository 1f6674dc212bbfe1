/**
 * The one path by which the product records a read of a person's data by someone other than that person: an
 * operator, an API token, another body or the system itself. Every service that hands personal data to anyone but
 * its owner calls `recordPersonalDataReads` in the same transaction as the read, so a read that happened is never
 * missing from the log and a read that failed is never in it. The citizen reads the log in "Chi ha consultato i
 * miei dati" (modules/myspace/access-log.*).
 *
 * Routes that answer with such data say so with `config: { personalData: true }`; test/myspace.personal-data-reads
 * walks them all and fails when one answers without a new log entry, or when a route whose answer carries a
 * person's fields is not marked.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { clock } from './clock.ts';
import { romeDate, romeDayStart } from './legal-clock.ts';


/** What the access log says about why the office read the data (GDPR art. 6 and the sector law). */
export const LEGAL_BASIS = {
  /** an office handling an application the person filed */
  proceeding: 'Art. 6, par. 1, lett. e) GDPR — compito di interesse pubblico; L. 241/1990 (procedimento amministrativo)',
  /** the registry office keeping the population register */
  registry: 'Art. 6, par. 1, lett. c) ed e) GDPR — obbligo legale; L. 1228/1954 e DPR 223/1989 (anagrafe)',
  /** the system reusing what the body holds so the person does not provide it again */
  onceOnly: 'Art. 6, par. 1, lett. e) GDPR; art. 50-ter e 59 CAD (principio «una volta sola»); art. 43 DPR 445/2000',
  /** a certificate the person asked for, issued from the register */
  certificate: 'Art. 6, par. 1, lett. c) GDPR; art. 33 DPR 223/1989 (certificati anagrafici)',
  /** advice built for the person from the data the body holds, which they can switch off */
  personalService: 'Art. 6, par. 1, lett. e) GDPR; art. 7 CAD (qualità dei servizi resi)',
  /** the social services of a district keeping a person's first contacts and case file */
  socialServices: 'Art. 6, par. 1, lett. e) e art. 9, par. 2, lett. h) GDPR; L. 328/2000 (sistema integrato dei servizi sociali)',
} as const;

export type AccessActorKind = 'operator' | 'token' | 'system';

export interface PersonalDataRead {
  /** the body whose data it is (the log row is the body's) */
  tenantId: string;
  /** whose data: the person it is about */
  subjectFiscalCode: string;
  /** the citizen account that owns the object, when there is one (an application's applicant) */
  citizenId?: string | null;
  actor: { kind: AccessActorKind; id?: string | null; label: string };
  officeName?: string | null;
  object: { type: string; id: string; label: string };
  /** what was read: view | list | history | attachment | document | messages | registry | certificate | recommendation … */
  operation: string;
  purpose: string;
  legalBasis: string;
  /** for a read the person may learn of only later (an investigation): from when they see it, and why hidden */
  hiddenUntil?: Date | null;
  hiddenReason?: string | null;
}

/**
 * Appends the reads to the access log, in the caller's transaction (one statement however many). With
 * `oncePerDay`, a read of the same object by the same actor for the same operation already logged today (Italian
 * calendar day) is not logged again: an office list the operator reloads fifty times a day is one entry per person.
 */
export async function recordPersonalDataReads(trx: Kysely<DB>, reads: readonly PersonalDataRead[], opts: { oncePerDay?: boolean } = {}): Promise<void> {
  if (opts.oncePerDay && reads.length > 0) {
    const since = romeDayStart(romeDate(clock.now()));
    const seen = await trx.selectFrom('access_log').select(['object_id', 'actor_id', 'operation'])
      .where('object_id', 'in', [...new Set(reads.map((r) => r.object.id))]).where('at', '>=', since)
      .where('operation', 'in', [...new Set(reads.map((r) => r.operation))]).execute();
    const key = (objectId: string, actorId: string | null | undefined, operation: string) => `${objectId}|${actorId ?? ''}|${operation}`;
    const done = new Set(seen.map((s) => key(s.object_id, s.actor_id, s.operation)));
    reads = reads.filter((r) => !done.has(key(r.object.id, r.actor.id, r.operation)));
  }
  if (reads.length === 0) return;
  await trx.insertInto('access_log').values(reads.map((r) => ({
    tenant_id: r.tenantId,
    subject_fiscal_code: r.subjectFiscalCode,
    citizen_id: r.citizenId ?? null,
    actor_kind: r.actor.kind,
    actor_id: r.actor.id ?? null,
    actor_label: r.actor.label,
    office_name: r.officeName ?? null,
    object_type: r.object.type,
    object_id: r.object.id,
    object_label: r.object.label,
    operation: r.operation,
    purpose: r.purpose,
    legal_basis: r.legalBasis,
    hidden_until: r.hiddenUntil ?? null,
    hidden_reason: r.hiddenReason ?? null,
  }))).execute();
}

/** The label the log shows for the system's own reads. */
export const SYSTEM_ACTOR = { kind: 'system', id: null, label: 'Sportello (procedura automatica)' } as const;
