/**
 * The settings around citizens' messages: each citizen's contacts and channels per kind of message, each body's
 * own wording of its messages (with a preview), the delivery status of every message with the administrator's
 * resend, and the development mailbox. Sending itself is delivery.ts's; choosing the channels of one message is
 * messaging.service.ts's (noticeToCitizen), which reads what is saved here.
 */
import { sql, type Kysely } from 'kysely';
import {
  DEFAULT_CHANNELS, MESSAGE_CHANNELS, MESSAGE_KINDS, MESSAGE_KIND_IDS, MESSAGE_LANGUAGES, MESSAGE_PLACEHOLDERS,
  type DeliveryStatus, type EffectiveTemplate, type MessageChannel, type MessageKind, type MessageLanguage, type MessagePreferences,
  type MessageTemplateText, type MyPreferences,
} from '../../../contracts/messaging.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess, type Actor, type CitizenActor, type StaffActor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, conflict, notFound, unauthorized, type ProblemItem } from '../../platform/errors.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { NotificationDelivery } from './delivery.ts';
import type { MessagingService } from './messaging.service.ts';
import { checkTemplate, DEFAULT_TEXTS, defaultTemplate, EDITABLE_KINDS, render, SAMPLE_VALUES } from './templates.ts';

/** The channels whose words an administrator edits, in the order the page lists them. */
export const TEMPLATE_CHANNELS: MessageChannel[] = ['email', 'pec', 'sms', 'io', 'inbox'];

/** The contact each channel needs; IO reaches the citizen by fiscal code, the inbox by their account. */
const CONTACT_OF: Partial<Record<MessageChannel, 'email' | 'phone' | 'pec'>> = { email: 'email', pec: 'pec', sms: 'phone' };

const CHANNEL_NAME: Record<MessageChannel, string> = { inbox: 'area personale', email: 'e-mail', pec: 'PEC', sms: 'SMS', io: 'app IO' };

const CONTACT_MISSING: Record<'email' | 'phone' | 'pec', string> = {
  email: "aggiungi l'indirizzo e-mail per ricevere messaggi per e-mail (add an e-mail address)",
  phone: 'aggiungi il numero di cellulare per ricevere SMS (add a mobile number)',
  pec: 'aggiungi il domicilio digitale (PEC) per ricevere messaggi via PEC (add a PEC address)',
};

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/i;

/** An address as stored (trimmed, lower case), or null when it is not one. */
export function normaliseEmail(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  return value.length <= 254 && EMAIL.test(value) ? value : null;
}

/**
 * A mobile number as stored: Italian ones (3xx, 9–10 digits, with or without +39 / 0039) as +39…, foreign ones
 * written with their international prefix as E.164. Anything else (a landline, too few digits) is null.
 */
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s().\-/]/g, '');
  const international = compact.replace(/^00/, '+');
  if (international.startsWith('+') && !international.startsWith('+39')) return /^\+[1-9]\d{7,14}$/.test(international) ? international : null;
  const national = international.replace(/^\+39/, '');
  return /^3\d{8,9}$/.test(national) ? `+39${national}` : null;
}

/** "mario.rossi@example.it" → "m***@example.it"; "+393471234567" → "+39 *** *** 4567". Never the whole of it. */
export function maskRecipient(channel: MessageChannel, address: string | null): string | null {
  if (!address || channel === 'io') return null;
  if (channel === 'sms') {
    const last = address.slice(-4);
    return address.startsWith('+39') ? `+39 *** *** ${last}` : `${address.slice(0, 3)} *** ${last}`;
  }
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** The placeholders a kind's default texts use: the ones that make sense for it, offered first on the page. */
function placeholdersOf(kind: MessageKind): string[] {
  const used = new Set<string>();
  for (const text of Object.values(DEFAULT_TEXTS[kind])) {
    for (const m of `${text.subject} ${text.body} ${text.sms}`.matchAll(/\{\{\s*([a-z]+)\s*\}\}/g)) used.add(m[1]!);
  }
  return MESSAGE_PLACEHOLDERS.filter((p) => used.has(p));
}

interface Cursor { c: string; i: string }

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof v.c === 'string' && !Number.isNaN(Date.parse(v.c)) && /^[0-9a-f-]{36}$/.test(v.i)) return v;
  } catch {
    // refused below
  }
  throw badRequest('Il cursore non è valido: usa il nextCursor della pagina precedente. (Invalid cursor.)', [
    { path: 'query.cursor', message: 'cursore non valido (invalid cursor)' },
  ]);
}

/** A timestamp as exact text (microseconds), so that a page boundary never skips or repeats a row. */
const exactTime = (column: string) => sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export interface PreferencesInput {
  language: MessageLanguage;
  contacts: { email: string | null; phone: string | null; pec: string | null };
  channels: Partial<Record<string, MessageChannel[]>>;
}

export interface DeliveriesQuery {
  status?: DeliveryStatus;
  channel?: MessageChannel;
  kind?: MessageKind;
  q?: string;
  cursor?: string;
  limit?: number;
}

export class MessageSettingsService {
  constructor(readonly db: Kysely<DB>, readonly deps: { messaging: MessagingService; delivery: NotificationDelivery; devMailbox: boolean }) {}

  // ---- the citizen's preferences ------------------------------------------------------------------------------

  async preferences(actor: Actor | null): Promise<MyPreferences> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const row = await inScope(this.db, { citizenId: citizen.id }, (t) => t.selectFrom('citizens')
      .select(['email', 'phone', 'pec', 'language', 'message_preferences']).where('id', '=', citizen.id).executeTakeFirst());
    if (!row) throw notFound('Il profilo');
    return this.view(row);
  }

  /**
   * Saves contacts, language and channels. Every problem is answered at once, each on its field: an address
   * that is not one, a channel this deployment cannot send on, a channel chosen without its address.
   */
  async savePreferences(actor: Actor | null, input: PreferencesInput): Promise<MyPreferences> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const problems: ProblemItem[] = [];
    const contacts: Record<'email' | 'phone' | 'pec', string | null> = { email: null, phone: null, pec: null };
    const badContact = new Set<string>();
    for (const field of ['email', 'pec', 'phone'] as const) {
      const raw = input.contacts[field]?.trim();
      if (!raw) continue;
      const value = field === 'phone' ? normalisePhone(raw) : normaliseEmail(raw);
      if (value) {
        contacts[field] = value;
      } else {
        badContact.add(field);
        problems.push({
          path: `body.contacts.${field}`,
          message: field === 'phone'
            ? 'non è un numero di cellulare: scrivilo come 347 123 4567, oppure con il prefisso internazionale (+…) (not a mobile number)'
            : field === 'pec'
              ? 'non è un indirizzo PEC valido, per esempio nome.cognome@pec.it (not a valid PEC address)'
              : 'non è un indirizzo e-mail valido, per esempio nome@esempio.it (not a valid e-mail address)',
        });
      }
    }
    const available = this.deps.messaging.availableChannels();
    const preferences: MessagePreferences = {};
    const missingContacts = new Set<'email' | 'phone' | 'pec'>();
    for (const [kind, chosen] of Object.entries(input.channels)) {
      // the schema refuses unknown kinds; this keeps the service safe when called directly
      if (!(kind in MESSAGE_KINDS)) {
        problems.push({ path: `body.channels.${kind}`, message: `tipo di messaggio sconosciuto "${kind}" (unknown kind)` });
        continue;
      }
      const channels = [...new Set(chosen ?? [])].filter((c) => c !== 'inbox');
      for (const channel of channels) {
        const contact = CONTACT_OF[channel];
        if (!available.includes(channel)) {
          problems.push({ path: `body.channels.${kind}`, message: `i messaggi via ${CHANNEL_NAME[channel]} non sono attivi in questo Sportello: togli la scelta (channel not available)` });
        } else if (contact && !contacts[contact] && !badContact.has(contact)) {
          problems.push({ path: `body.channels.${kind}`, message: CONTACT_MISSING[contact] });
          missingContacts.add(contact);
        }
      }
      preferences[kind as MessageKind] = channels.sort((a, b) => MESSAGE_CHANNELS.indexOf(a) - MESSAGE_CHANNELS.indexOf(b));
    }
    for (const contact of missingContacts) {
      problems.push({ path: `body.contacts.${contact}`, message: CONTACT_MISSING[contact] });
    }
    if (problems.length) {
      throw badRequest(`Le preferenze non sono state salvate: ${problems.map((p) => p.message).join('; ')}`, problems);
    }
    const row = await inScope(this.db, { citizenId: citizen.id }, (t) => t.updateTable('citizens')
      .set({ ...contacts, language: input.language, message_preferences: JSON.stringify(preferences) })
      .where('id', '=', citizen.id)
      .returning(['email', 'phone', 'pec', 'language', 'message_preferences'])
      .executeTakeFirst());
    if (!row) throw notFound('Il profilo');
    return this.view(row);
  }

  private view(row: { email: string | null; phone: string | null; pec: string | null; language: string; message_preferences: MessagePreferences }): MyPreferences {
    const available = this.deps.messaging.availableChannels();
    const has: Partial<Record<MessageChannel, boolean>> = { email: !!row.email, pec: !!row.pec, sms: !!row.phone, io: true };
    const channels = {} as Record<MessageKind, MessageChannel[]>;
    for (const kind of MESSAGE_KIND_IDS) {
      const stored = row.message_preferences[kind];
      // without a choice of their own, a citizen gets the default where they have the address for it
      const chosen = stored ?? DEFAULT_CHANNELS.filter((c) => has[c]);
      channels[kind] = chosen.filter((c) => c !== 'inbox' && available.includes(c));
    }
    return {
      language: row.language === 'en' ? 'en' : 'it',
      contacts: { email: row.email, phone: row.phone, pec: row.pec },
      channels,
      available,
      legal: MESSAGE_KIND_IDS.filter((k) => MESSAGE_KINDS[k].legal),
    };
  }

  // ---- the body's templates -----------------------------------------------------------------------------------

  private admin(actor: Actor | null): StaffActor {
    return requireAccess(actor, 'messages.manage') as StaffActor;
  }

  /** Every editable kind × channel × language (or one language): the body's own text or the product's. */
  async templates(actor: Actor | null, language?: MessageLanguage) {
    const staff = this.admin(actor);
    const own = await inScope(this.db, { tenantId: staff.tenantId }, (t) => {
      let q = t.selectFrom('message_templates').selectAll().where('tenant_id', '=', staff.tenantId);
      if (language) q = q.where('language', '=', language);
      return q.execute();
    });
    const items: EffectiveTemplate[] = [];
    for (const kind of EDITABLE_KINDS) {
      for (const channel of TEMPLATE_CHANNELS) {
        for (const lang of language ? [language] : MESSAGE_LANGUAGES) {
          const row = own.find((o) => o.kind === kind && o.channel === channel && o.language === lang);
          items.push(row ? this.templateView(row) : { kind, channel, language: lang, ...defaultTemplate(kind, channel, lang), isDefault: true, updatedAt: null });
        }
      }
    }
    const placeholders = Object.fromEntries(EDITABLE_KINDS.map((k) => [k, placeholdersOf(k)]));
    return { items, placeholders };
  }

  private templateView(row: { kind: string; channel: MessageChannel; language: string; subject: string | null; body: string; updated_at: Date }): EffectiveTemplate {
    return {
      kind: row.kind as MessageKind, channel: row.channel, language: row.language as MessageLanguage,
      ...(row.subject !== null ? { subject: row.subject } : {}), body: row.body, isDefault: false, updatedAt: iso(row.updated_at),
    };
  }

  /** Saves the body's text for a kind, channel and language; a text that would break the channel is refused. */
  async saveTemplate(actor: Actor | null, kind: MessageKind, channel: MessageChannel, language: MessageLanguage, text: MessageTemplateText): Promise<EffectiveTemplate> {
    const staff = this.admin(actor);
    const template = this.tidy(channel, text);
    const problems = checkTemplate(channel, template).map((p) => ({ path: `body.${p.path}`, message: p.message }));
    if (problems.length) throw badRequest(`Il testo non è stato salvato: ${problems.map((p) => p.message).join('; ')}`, problems);
    const row = await inScope(this.db, { tenantId: staff.tenantId }, (t) => {
      const values = { subject: template.subject ?? null, body: template.body, updated_at: clock.now(), updated_by: staff.id };
      return t.insertInto('message_templates')
        .values({ tenant_id: staff.tenantId, kind, channel, language, ...values })
        .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'channel', 'language']).doUpdateSet(values))
        .returningAll().executeTakeFirstOrThrow();
    });
    return this.templateView(row);
  }

  /** Back to the product's text (nothing to do when the body has none of its own). */
  async resetTemplate(actor: Actor | null, kind: MessageKind, channel: MessageChannel, language: MessageLanguage): Promise<void> {
    const staff = this.admin(actor);
    await inScope(this.db, { tenantId: staff.tenantId }, (t) => t.deleteFrom('message_templates')
      .where('tenant_id', '=', staff.tenantId).where('kind', '=', kind).where('channel', '=', channel).where('language', '=', language).execute());
  }

  /** The text as a citizen would receive it, with realistic values, and what would stop it being saved. */
  async preview(actor: Actor | null, input: { kind: MessageKind; channel: MessageChannel; language: MessageLanguage } & MessageTemplateText) {
    const staff = this.admin(actor);
    const template = this.tidy(input.channel, input);
    const tenant = await inScope(this.db, { tenantId: staff.tenantId }, (t) => t.selectFrom('tenants').select('name').where('id', '=', staff.tenantId).executeTakeFirst());
    const values = { ...SAMPLE_VALUES, ...(tenant ? { ente: tenant.name } : {}) };
    const rendered = render(template, input.channel, values, input.language);
    return { subject: rendered.subject, body: rendered.body, problems: checkTemplate(input.channel, template) };
  }

  /** SMS have no subject: whatever the page sends there is dropped. */
  private tidy(channel: MessageChannel, text: MessageTemplateText): MessageTemplateText {
    return channel === 'sms' ? { body: text.body } : { subject: text.subject ?? '', body: text.body };
  }

  // ---- delivery status ----------------------------------------------------------------------------------------

  private deliveryQuery(t: Kysely<DB>) {
    return t.selectFrom('notifications as n')
      .leftJoin('applications as a', 'a.id', 'n.application_id')
      .select([
        'n.id', 'n.created_at', 'n.channel', 'n.kind', 'n.legal', 'n.recipient_kind', 'n.address', 'n.application_id', 'a.code as application_code', 'n.subject',
        'n.status', 'n.status_reason', 'n.attempts', 'n.last_attempt_at', 'n.sent_at', 'n.delivered_at', 'n.resent',
        exactTime('n.created_at').as('created_key'),
      ]);
  }

  private deliveryView(r: Awaited<ReturnType<ReturnType<MessageSettingsService['deliveryQuery']>['executeTakeFirstOrThrow']>>) {
    return {
      id: r.id, createdAt: iso(r.created_at)!, channel: r.channel, kind: r.kind, legal: r.legal, recipientKind: r.recipient_kind,
      recipient: maskRecipient(r.channel, r.address), applicationId: r.application_id, applicationCode: r.application_code ?? null,
      subject: r.subject.slice(0, 300), status: r.status, statusReason: r.status_reason, attempts: r.attempts,
      lastAttemptAt: iso(r.last_attempt_at), sentAt: iso(r.sent_at), deliveredAt: iso(r.delivered_at), resent: r.resent,
    };
  }

  /** The body's messages that leave the platform, newest first, with their delivery status; recipients masked. */
  async deliveries(actor: Actor | null, query: DeliveriesQuery) {
    const staff = this.admin(actor);
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await inScope(this.db, { tenantId: staff.tenantId }, (t) => {
      let q = this.deliveryQuery(t).where('n.tenant_id', '=', staff.tenantId).where('n.channel', '<>', 'inbox');
      if (query.status) q = q.where('n.status', '=', query.status);
      if (query.channel) q = q.where('n.channel', '=', query.channel);
      if (query.kind) q = q.where('n.kind', '=', query.kind);
      const text = query.q?.trim();
      if (text) {
        const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const address = normaliseEmail(text) ?? normalisePhone(text) ?? text;
        q = q.where((eb) => eb.or([eb('a.code', 'ilike', like), eb('n.address', '=', address)]));
      }
      if (after) {
        q = q.where(sql<boolean>`(n.created_at < ${after.c}::timestamptz OR (n.created_at = ${after.c}::timestamptz AND n.id > ${after.i}::uuid))`);
      }
      // the order of the index (tenant_id, created_at DESC, id)
      return q.orderBy('n.created_at', 'desc').orderBy('n.id', 'asc').limit(limit + 1).execute();
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => this.deliveryView(r)),
      nextCursor: rows.length > limit && last ? encodeCursor({ c: last.created_key, i: last.id }) : null,
    };
  }

  /**
   * Queues a message again (failed, or sent but not received): the same row, counted as resent, with a new
   * delivery job. Messages in the personal area are not sent anywhere, and one still queued is on its way.
   * `executor` is the caller's transaction when the request carries an Idempotency-Key.
   */
  async resend(actor: Actor | null, id: string, executor: Kysely<DB> = this.db) {
    if (!actor) throw unauthorized();
    const found = await inScope(executor, { platform: true }, (t) => t.selectFrom('notifications').select('tenant_id').where('id', '=', id).executeTakeFirst());
    if (!found) throw notFound('Il messaggio');
    requireAccess(actor, 'messages.manage', { tenantId: found.tenant_id });
    return inScope(executor, { tenantId: found.tenant_id }, async (t) => {
      const row = await t.selectFrom('notifications').select(['id', 'channel', 'status']).where('id', '=', id).where('tenant_id', '=', found.tenant_id)
        .forUpdate().executeTakeFirst();
      if (!row) throw notFound('Il messaggio');
      if (row.channel === 'inbox') {
        throw badRequest("I messaggi dell'area personale non si inviano: il cittadino li trova già lì. (Inbox messages are not sent.)");
      }
      // a queued row whose delivery job is gone (the last retry died half-way) would otherwise wait for ever
      if (row.status === 'queued' && (await this.deps.delivery.hasPendingDelivery(t, id))) {
        throw conflict("Il messaggio è già in coda di invio: attendi l'esito. (Already queued.)");
      }
      await this.deps.delivery.resend(t, id);
      return this.deliveryView(await this.deliveryQuery(t).where('n.id', '=', id).executeTakeFirstOrThrow());
    });
  }

  /** Wakes the sender after a resend has committed. */
  wakeSenders() {
    this.deps.messaging.onQueued();
  }

  // ---- development mailbox ------------------------------------------------------------------------------------

  get devMailbox() {
    return this.deps.devMailbox;
  }

  /** Every message any channel sent (development and test only), newest first. */
  async mailbox(query: { cursor?: string }) {
    if (!this.deps.devMailbox) throw notFound('La casella di sviluppo');
    const limit = 50;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await inScope(this.db, { platform: true }, (t) => {
      let q = t.selectFrom('dev_mailbox').select(['id', 'channel', 'recipient', 'subject', 'body', 'sent_at', exactTime('sent_at').as('sent_key')]);
      if (after) q = q.where(sql<boolean>`(sent_at < ${after.c}::timestamptz OR (sent_at = ${after.c}::timestamptz AND id < ${after.i}::uuid))`);
      return q.orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({ id: r.id, channel: r.channel, recipient: r.recipient, subject: r.subject, body: r.body.slice(0, 10000), sentAt: iso(r.sent_at)! })),
      nextCursor: rows.length > limit && last ? encodeCursor({ c: last.sent_key, i: last.id }) : null,
    };
  }
}
