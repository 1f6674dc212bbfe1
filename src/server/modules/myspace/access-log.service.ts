/**
 * "Chi ha consultato i miei dati" (GDPR art. 15): every read of the citizen's personal data by an office, an
 * integrator's system or the platform, with when, which body and office, who, which data, why and on which legal
 * basis; also the reads of the data of the minors and companies the citizen acts for by law. An entry whose notice
 * was deferred for a lawful reason (an investigation, art. 23 GDPR) does not exist for the citizen until the
 * deferral ends; from then on it shows, saying until when it was held back and why.
 */
import type { AccessLogEntry } from '../../../contracts/myspace.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { requireAccess, type Actor, type CitizenActor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { decodeInstantCursor, encodeInstantCursor } from '../../platform/cursor.ts';
import { inScope } from '../../platform/tenancy.ts';
import { checkPeriod } from '../../platform/period.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { AccessLogRepository, type AccessLogSelection } from './access-log.repository.ts';
import type { AccessLogExportQuery, AccessLogQuery } from './access-log.schemas.ts';

export const SYSTEM_NAME = 'Sistema';
const DEFAULT_PAGE = 20;

/** What was done with the data, as a sentence about whoever did it ("Laura Brembilla ha aperto la pratica"). */
export const OPERATION_LABELS: Record<string, string> = {
  view: 'ha aperto la pratica',
  history: 'ha letto la cronologia',
  attachment: 'ha scaricato un allegato',
  document: 'ha scaricato un documento',
  assignees: 'ha consultato la pratica per assegnarla',
  messages: 'ha letto i messaggi',
  list: "ha visto la pratica nell'elenco dell'ufficio",
  checklist: 'ha verificato un requisito della pratica',
  registry: "ha letto i dati dell'anagrafe",
  certificate: "ha letto i dati dell'anagrafe per il certificato",
  certificate_verification: 'ha verificato il certificato',
  recommendation: "ha letto i dati dell'anagrafe per un avviso",
  data_report: 'ha letto la segnalazione sui dati',
  appointment: "ha aperto l'appuntamento",
  appointment_agenda: "ha visto l'appuntamento nell'agenda dell'ufficio",
  appointment_booking: "ha preso l'appuntamento per te",
  appointment_change: "ha cambiato l'appuntamento",
  desk_contacts: 'ha visto il contatto nel registro dello sportello',
  desk_contact: 'ha registrato il tuo contatto allo sportello',
  desk_lookup: 'ha cercato le tue pratiche allo sportello',
  desk_start: 'ha avviato una pratica per te allo sportello',
  payment: 'ha aperto il pagamento',
  payment_list: "ha visto il pagamento nell'elenco dei pagamenti dell'ente",
  payment_notice: "ha scaricato l'avviso di pagamento",
  payment_receipt: 'ha scaricato la ricevuta di pagamento',
};
/** The steps an office takes on an application (transition:<action>). */
export const TRANSITION_LABELS: Record<string, string> = {
  take_charge: 'ha preso in carico la pratica',
  assign: 'ha assegnato la pratica',
  request_integration: 'ha chiesto un’integrazione',
  approve: 'ha accolto la domanda',
  reject: 'ha respinto la domanda',
  endorse: "ha apposto il visto sull'esito",
  send_back: "ha rinviato la pratica all'istruttore",
  payment_request: 'ha chiesto un pagamento per la pratica',
};
/** The social services' reads (modules/social): the same operations say what was opened in a case file. */
const SOCIAL_OPERATION_LABELS: Record<string, string> = {
  view: 'ha aperto la cartella sociale',
  list: "ha visto la cartella sociale nell'elenco del servizio",
  registry: "ha letto i dati dell'anagrafe per il servizio sociale",
  social_search: 'ha cercato la persona tra quelle seguite dal servizio sociale',
  social_contact: 'ha registrato un primo contatto con il servizio sociale',
  social_contacts: 'ha visto il primo contatto nel registro del servizio sociale',
  social_update: 'ha aggiornato la cartella sociale',
  social_take_charge: 'ha preso in carico la cartella sociale',
  social_close: 'ha chiuso la cartella sociale',
  social_reopen: 'ha riaperto la cartella sociale',
  social_reserved: 'ha letto la parte riservata della cartella sociale',
  social_diary: 'ha letto il diario della cartella sociale',
  social_history: 'ha letto la storia della cartella sociale',
  export: "ha trasmesso i dati della prestazione al Casellario dell'Assistenza (INPS)",
};
const operationLabel = (operation: string, objectType?: string) =>
  (objectType?.startsWith('social') ? SOCIAL_OPERATION_LABELS[operation] : undefined)
  ?? OPERATION_LABELS[operation]
  ?? (operation.startsWith('transition:') ? TRANSITION_LABELS[operation.slice(11)] ?? 'ha lavorato la pratica' : 'ha consultato i dati');

/** How an operator is named where the body has not chosen to name its staff in the log: by the office alone. */
export const UNNAMED_OPERATOR = 'Un operatore';

export type AccessLogEntryView = AccessLogEntry;

type Row = Awaited<ReturnType<AccessLogRepository['entries']>>[number];

interface Reader {
  citizen: CitizenActor;
  /** fiscal code → name of each person whose log the citizen reads, themselves first */
  subjects: Map<string, string>;
}

export class AccessLogService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly registry: RegistryService,
  ) {}

  /** The citizen, and the minors and companies they act for by law (registry, business register). */
  private async reader(actor: Actor | null): Promise<Reader> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const [minors, companies] = await Promise.all([
      this.registry.minorsInCareOf(citizen.fiscalCode),
      this.registry.companiesRepresentedBy(citizen.fiscalCode),
    ]);
    const subjects = new Map<string, string>([[citizen.fiscalCode.toUpperCase(), citizen.name]]);
    for (const m of minors) if (!subjects.has(m.fiscalCode.toUpperCase())) subjects.set(m.fiscalCode.toUpperCase(), m.name);
    for (const c of companies) if (!subjects.has(c.fiscal_code.toUpperCase())) subjects.set(c.fiscal_code.toUpperCase(), c.name);
    return { citizen, subjects };
  }

  /** Runs fn in the citizen's scope, which row-level security narrows to the entries about these people. */
  private read<T>(reader: Reader, fn: (repo: AccessLogRepository) => Promise<T>): Promise<T> {
    return inScope(this.db, { citizenId: reader.citizen.id, subjectCodes: [...reader.subjects.keys()] }, (trx) => fn(new AccessLogRepository(trx)));
  }

  private selection(reader: Reader, query: AccessLogExportQuery): AccessLogSelection {
    const { from, to } = checkPeriod(query);
    return { subjectCodes: [...reader.subjects.keys()], now: clock.now(), from, to, tenantId: query.tenant };
  }

  async list(actor: Actor | null, query: AccessLogQuery) {
    const reader = await this.reader(actor);
    const selection = this.selection(reader, query);
    const after = query.cursor ? decodeInstantCursor(query.cursor) : undefined;
    const limit = query.limit ?? DEFAULT_PAGE;
    const { rows, total, bodies } = await this.read(reader, async (repo) => ({
      rows: await repo.entries(selection, { after, limit: limit + 1 }),
      total: await repo.count(selection),
      bodies: await repo.bodies(selection),
    }));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => entryView(r, reader)),
      nextCursor: rows.length > limit && last ? encodeInstantCursor({ at: last.at_key, id: last.id }) : null,
      total,
      bodies: bodies.map((b) => ({ id: b.id, name: b.name })),
    };
  }

  /** The same entries, all of them, as a CSV file Italian Excel opens as it is. */
  async exportCsv(actor: Actor | null, query: AccessLogExportQuery) {
    const reader = await this.reader(actor);
    const selection = this.selection(reader, query);
    const rows = await this.read(reader, (repo) => repo.entries(selection));
    const period = selection.from || selection.to ? `-${selection.from ?? 'inizio'}_${selection.to ?? clock.today()}` : `-${clock.today()}`;
    return { fileName: `accessi-ai-miei-dati${period}.csv`, contentType: 'text/csv; charset=utf-8', content: toCsv(rows.map((r) => entryView(r, reader))) };
  }
}

function entryView(r: Row, reader: Reader): AccessLogEntryView {
  const code = r.subject_fiscal_code.toUpperCase();
  const self = code === reader.citizen.fiscalCode.toUpperCase();
  const kind = r.actor_kind as AccessLogEntryView['who']['kind'];
  return {
    id: r.id,
    at: r.at.toISOString(),
    body: { id: r.tenant_id, name: r.tenant_name },
    office: r.office_name,
    // an operator's name only where the body decided the law allows it; the office is always there
    who: { kind, name: kind === 'system' ? SYSTEM_NAME : kind === 'operator' && !r.access_log_names_operators ? UNNAMED_OPERATOR : r.actor_label,
      named: kind !== 'operator' || r.access_log_names_operators },
    object: { type: r.object_type, id: r.object_id, label: r.object_label },
    operation: r.operation,
    operationLabel: operationLabel(r.operation, r.object_type),
    purpose: r.purpose,
    legalBasis: r.legal_basis,
    subject: { self, name: self ? reader.citizen.name : (reader.subjects.get(code) ?? r.subject_name ?? r.subject_fiscal_code) },
    hidden: r.hidden_until ? { until: r.hidden_until.toISOString(), reason: r.hidden_reason ?? '' } : null,
  };
}

// ----- CSV ---------------------------------------------------------------------------------------------------------

const ROME_TIME = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
});
const romeTime = (iso: string) => ROME_TIME.format(new Date(iso)).replace(',', '');

/**
 * A text field: quoted when it holds the separator, quotes or line breaks; a leading = + - @ (which a spreadsheet
 * would run as a formula) is neutralised with an apostrophe.
 */
function csvText(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_HEADERS = [
  'Data e ora', 'Ente', 'Ufficio', 'Chi', 'Operazione', 'Dati consultati', 'Di chi sono i dati', 'Finalità', 'Base giuridica', 'Nota',
] as const;

function toCsv(entries: AccessLogEntryView[]): Buffer {
  const lines = [CSV_HEADERS.map(csvText).join(';')];
  for (const e of entries) {
    const note = e.hidden ? `Notizia differita fino al ${romeTime(e.hidden.until)}${e.hidden.reason ? `: ${e.hidden.reason}` : ''}` : '';
    lines.push([
      romeTime(e.at), e.body.name, e.office ?? '', e.who.name, e.operationLabel, e.object.label,
      e.subject.self ? `Tu (${e.subject.name})` : e.subject.name, e.purpose, e.legalBasis, note,
    ].map(csvText).join(';'));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
