/**
 * The flows to INPS's Casellario dell'Assistenza (SIUSS), made by the district's coordinator (social.export over
 * the whole district): PSA (every benefit, with the SINA block for non-self-sufficiency) and SINBA (minors in care).
 *
 * For a period: every record the flow takes is checked for the fields the flow requires before anything is built;
 * while one lacks something the export is refused (422 with the list, per record, in Italian) and nothing is stored
 * or marked. Otherwise the file is built, validated in-process against the official XSD (xmllint-wasm), and in one
 * transaction: the file is stored sealed (bound to the export's id) with its SHA-256, each record is listed
 * (insert | correction), the interventions and cases are marked as sent, and each beneficiary's access log gets
 * one row (the transmission is an obligation of law).
 *
 * What is sent again. PSA: a benefit sent before and unchanged since (psa-snapshot.ts) is not sent again; one
 * changed since goes as a correction — the PSA schema's TipoOperazione has only I and C, so a C record of the values
 * sent before followed by an I record of the new ones. SINBA has no operation attribute: a record whose fingerprint
 * differs from the one sent is sent again in full, and counted and listed as a correction.
 *
 * SINBA's IDBeneficiario is a pseudonym, never the fiscal code: an HMAC-SHA256 of the fiscal code with a key derived
 * from SOCIAL_DATA_KEY (FieldCipher.mac), 20 hex digits, the same for the same minor in every file. Without the key
 * nobody (INPS included) can compute it from a fiscal code; a rotation of SOCIAL_DATA_KEY changes it. The change
 * fingerprint of a sent SINBA record (social_cases.sinba_exported_hash) is a keyed hash too, so it says nothing of
 * the sealed record it stands for.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  EXPORT_FLOW_LABELS, interventionType, type ExportFlow, type ExportPreview, type ExportProblem, type IseeInfo, type SinaAssessment,
  type SinbaRecord, type SocialExport,
} from '../../../contracts/social.ts';
import { isStaff, requireAccess, type Actor, type StaffActor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, conflict, notFound, Problem } from '../../platform/errors.ts';
import type { FieldCipher } from '../../platform/field-cipher.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { romeDate, romeDayStart } from '../../platform/legal-clock.ts';
import { recordPersonalDataReads, type PersonalDataRead } from '../../platform/personal-data.ts';
import { inScope } from '../../platform/tenancy.ts';
import { caseContextChanged, changedSinceExport, type PsaCaseContext, psaSnapshot } from './psa-snapshot.ts';
import {
  buildPsaXml, buildSinbaXml, enteMissing, psaMissing, sinbaElement, sinbaMissing, validateSiuss, XSD_FILES,
  type PsaBeneficiary, type PsaBenefit, type PsaBenefitValues, type PsaPerson, type SiussEnte, type SinbaInput,
} from './siuss-xml.ts';
import { SocialExportsRepository, type ExportRow, type PsaCandidate, type SinbaCandidate } from './social-exports.repository.ts';

export interface ExportRequest {
  flow: ExportFlow;
  from: string;
  to: string;
}

export const EXPORT_PURPOSE = "Trasmissione al Casellario dell'Assistenza (INPS)";
export const EXPORT_LEGAL_BASIS = 'Art. 6, par. 1, lett. c) GDPR; D.Lgs. 147/2017, art. 24 (SIUSS)';
/** how far ahead a log row of a case kept from the person is hidden (until the law lets them know) */
const WITHHELD_UNTIL = new Date('9999-12-31T00:00:00Z');
const MAX_PERIOD_DAYS = 366;

/** The 422 of an export refused because records lack fields: the problems, record by record. */
export class ExportRefused extends Problem {
  constructor(readonly problems: ExportProblem[]) {
    super(422, 'Dati mancanti per il Casellario',
      `${problems.length} ${problems.length === 1 ? 'record non ha' : 'record non hanno'} tutti i dati che il flusso richiede: completali nelle cartelle e ` +
      `riprova; nessun file è stato prodotto. (${problems.length} record(s) lack fields the flow requires; no file was made.)`,
      undefined, 'https://sportello.example/problemi/casellario-dati-mancanti');
  }
}

/** One record the file carries. */
interface PlannedRecord {
  caseId: string;
  interventionId: string | null;
  operation: 'insert' | 'correction';
  person: { id: string; fiscalCode: string | null; withheld: boolean; withheldReason: string | null };
}

interface Plan {
  ente: SiussEnte;
  records: PlannedRecord[];
  unchanged: number;
  problems: ExportProblem[];
  /** builds the file (only when there are no problems) */
  build: (fileName: string) => string;
  /** the marks to write once stored */
  sentInterventions: { id: string; snapshot: Record<string, unknown> }[];
  sentSinba: { caseId: string; hash: string }[];
}

const cents = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
const personName = (r: { given_name: string; family_name: string }) => `${r.given_name} ${r.family_name}`;

/** The values the PSA flow carries of an intervention, from its row or from the snapshot of what was sent. */
function benefitValues(r: Record<string, unknown>): PsaBenefitValues {
  const s = (k: string) => (r[k] === null || r[k] === undefined ? null : String(r[k]));
  return {
    code: String(r.code ?? ''), requestedOn: s('requested_on'), authorisedOn: s('authorised_on'), startOn: s('start_on'), endOn: s('end_on'),
    requestProtocol: s('request_protocol'), meansTest: String(r.means_test ?? ''), periodicity: String(r.periodicity ?? ''),
    amountCents: cents(r.amount_cents as string | null), monthlyAmountCents: cents(r.monthly_amount_cents as string | null),
    periodMonths: r.period_months === null || r.period_months === undefined ? null : Number(r.period_months),
    shareBodyCents: cents(r.share_body_cents as string | null), shareUserCents: cents(r.share_user_cents as string | null),
    shareHealthCents: cents(r.share_health_cents as string | null),
    hoursMonthly: r.hours_monthly === null || r.hours_monthly === undefined ? null : Number(r.hours_monthly),
  };
}

/** PresaCarico: the case is in charge now, or was when the benefit started. */
function inCharge(r: PsaCandidate): boolean {
  if (r.case_status === 'in_charge') return true;
  const started = r.start_on ?? r.authorised_on ?? r.requested_on;
  return !!r.in_charge_on && r.in_charge_on <= started && (!r.closed_on || r.closed_on >= started);
}

function view(r: ExportRow): SocialExport {
  return {
    id: r.id, flow: r.flow, from: r.period_from, to: r.period_to, fileName: r.file_name, records: r.records, corrections: r.corrections,
    sha256: r.sha256, createdBy: r.created_by_label, createdAt: new Date(r.created_at).toISOString(),
  };
}

export class SocialExportsService {
  constructor(private readonly db: Kysely<DB>, private readonly deps: { cipher: FieldCipher }) {}

  /** Only the district's coordinator: a social worker whose grant has no limits of comune, sector or target area. */
  private coordinator(actor: Actor | null): StaffActor {
    // first as any caller (citizens and other roles: 403), then over the whole district (a worker with limits: 403)
    const staff = requireAccess(actor, 'social.export') as StaffActor;
    return requireAccess(staff, 'social.export', { tenantId: staff.tenantId, wholeDistrict: true });
  }

  private static period(input: ExportRequest) {
    if (input.to < input.from) throw badRequest("La fine del periodo viene prima dell'inizio: correggi le date. (The period ends before it starts.)");
    const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000;
    if (days > MAX_PERIOD_DAYS) throw badRequest('Il periodo può essere al massimo di un anno. (The period can be at most one year.)');
  }

  async preview(actor: Actor | null, input: ExportRequest): Promise<ExportPreview> {
    const staff = this.coordinator(actor);
    SocialExportsService.period(input);
    return inScope(this.db, { tenantId: staff.tenantId }, async (trx) => {
      const plan = await this.plan(trx, staff.tenantId, input);
      return {
        flow: input.flow, from: input.from, to: input.to,
        inserts: plan.records.filter((r) => r.operation === 'insert').length,
        corrections: plan.records.filter((r) => r.operation === 'correction').length,
        unchanged: plan.unchanged, problems: plan.problems,
      };
    });
  }

  async create(actor: Actor | null, input: ExportRequest, idempotencyKey?: string): Promise<SocialExport> {
    const staff = this.coordinator(actor);
    SocialExportsService.period(input);
    const result = await idempotent(this.db, `${staff.kind}:${staff.id}`, idempotencyKey, { socialExport: input }, (executor) =>
      inScope(executor, { tenantId: staff.tenantId }, async (trx) => ({ status: 201, body: await this.produce(trx, staff, input) })));
    return result.body;
  }

  private async produce(trx: Transaction<DB>, staff: StaffActor, input: ExportRequest): Promise<SocialExport> {
    const repo = new SocialExportsRepository(trx);
    await repo.lockDistrict(staff.tenantId);
    const plan = await this.plan(trx, staff.tenantId, input);
    if (!plan.records.length) {
      throw conflict(`Nel periodo dal ${input.from} al ${input.to} non c'è nulla da inviare con il flusso ${input.flow.toUpperCase()}: ` +
        `ogni record è già stato inviato senza modifiche, o non ce ne sono. (Nothing to send for this period.)`);
    }
    if (plan.problems.length) throw new ExportRefused(plan.problems);

    const now = clock.now();
    const today = romeDate(now);
    const n = (await repo.countSince(staff.tenantId, input.flow, romeDayStart(today))) + 1;
    const fileName = `${input.flow.toUpperCase()}_${plan.ente.fiscalCode}_${today.replace(/-/g, '')}_${n}.xml`.slice(0, 50);
    const xml = plan.build(fileName);
    const check = await validateSiuss(input.flow, xml);
    if (!check.valid) {
      // a fault of ours, not of the data: say so plainly, store nothing
      throw new Problem(422, 'Il file non supera lo schema del Casellario',
        `Il file ${input.flow.toUpperCase()} costruito non è valido secondo ${XSD_FILES[input.flow]}: non è stato salvato né inviato. Segnala il problema ` +
        `all'assistenza con gli errori qui sotto. (The file failed the XSD; nothing was stored.)`,
        check.errors.slice(0, 5).map((e) => ({ path: XSD_FILES[input.flow], message: e.slice(0, 500) })),
        'https://sportello.example/problemi/casellario-schema');
    }

    const id = randomUUID();
    const corrections = plan.records.filter((r) => r.operation === 'correction').length;
    const stored = await repo.insertExport({
      id, tenantId: staff.tenantId, flow: input.flow, from: input.from, to: input.to, fileName, xmlSealed: this.deps.cipher.seal(xml, id),
      sha256: createHash('sha256').update(xml, 'utf8').digest('hex'), records: plan.records.length, corrections, createdBy: staff.id, createdByLabel: staff.name,
    });
    await repo.insertItems(plan.records.map((r) => ({ exportId: id, tenantId: staff.tenantId, interventionId: r.interventionId, caseId: r.caseId, operation: r.operation })));
    await repo.markInterventions(staff.tenantId, now, plan.sentInterventions);
    await repo.markSinba(staff.tenantId, now, plan.sentSinba);

    // the transmission, in each beneficiary's access log (one row per person; hidden while a case is kept from them)
    const people = new Map<string, PlannedRecord['person']>();
    for (const r of plan.records) {
      if (!r.person.fiscalCode) continue;
      const seen = people.get(r.person.id);
      people.set(r.person.id, seen && seen.withheld ? seen : r.person);
    }
    const reads: PersonalDataRead[] = [...people.values()].map((p) => ({
      tenantId: staff.tenantId, subjectFiscalCode: p.fiscalCode!, actor: { kind: staff.kind, id: staff.id, label: staff.name },
      object: { type: 'social_export', id, label: `Invio al Casellario dell'Assistenza INPS: ${EXPORT_FLOW_LABELS[input.flow]}` },
      operation: 'export', purpose: EXPORT_PURPOSE, legalBasis: EXPORT_LEGAL_BASIS,
      ...(p.withheld ? { hiddenUntil: WITHHELD_UNTIL, hiddenReason: p.withheldReason ?? 'Cartella riservata per disposizione di legge' } : {}),
    }));
    await recordPersonalDataReads(trx, reads);

    return view({ id, flow: input.flow, period_from: input.from, period_to: input.to, file_name: fileName, records: plan.records.length, corrections,
      sha256: createHash('sha256').update(xml, 'utf8').digest('hex'), created_by_label: staff.name, created_at: stored.created_at });
  }

  async list(actor: Actor | null): Promise<{ items: SocialExport[] }> {
    const staff = this.coordinator(actor);
    return inScope(this.db, { tenantId: staff.tenantId }, async (trx) => ({ items: (await new SocialExportsRepository(trx).list(staff.tenantId)).map(view) }));
  }

  async file(actor: Actor | null, exportId: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    // anonymous: 401; a citizen: the body's file does not exist for them (404)
    if (!isStaff(actor)) requireAccess(actor, 'social.export', { tenantId: '' });
    const staff = actor as StaffActor;
    // another body's file is not revealed (404) before the role is checked; a platform administrator reaches any body
    const platform = staff.roles.includes('platform_admin');
    return inScope(this.db, platform ? { platform: true } : { tenantId: staff.tenantId }, async (trx) => {
      const row = await new SocialExportsRepository(trx).file(platform ? null : staff.tenantId, exportId);
      if (!row) throw notFound("L'invio al Casellario");
      requireAccess(staff, 'social.export', { tenantId: row.tenant_id });
      if (row.tenant_id !== staff.tenantId) throw notFound("L'invio al Casellario");
      this.coordinator(staff);
      const xml = this.deps.cipher.open(row.xml_sealed, row.id);
      return { fileName: row.file_name, contentType: 'application/xml; charset=utf-8', content: Buffer.from(xml, 'utf8') };
    });
  }

  // ---- the plan of a file ---------------------------------------------------------------------------------------

  private async plan(trx: Transaction<DB>, tenantId: string, input: ExportRequest): Promise<Plan> {
    const repo = new SocialExportsRepository(trx);
    const district = await repo.district(tenantId);
    if (!district) throw notFound("L'ente");
    const ente: SiussEnte = { fiscalCode: district.fiscal_code, name: district.name, cadastralCode: district.cadastral_code };
    const plan = input.flow === 'psa' ? await this.planPsa(repo, tenantId, input, ente) : await this.planSinba(repo, tenantId, input, ente);
    const missing = enteMissing(ente);
    if (plan.records.length && missing.length) {
      throw new Problem(422, "Dati dell'ente mancanti",
        `Per inviare il flusso al Casellario mancano dati dell'ambito: ${missing.join(', ')}. L'amministratore dell'ente li completa nei dati ` +
        `dell'ente. (The district lacks: ${missing.join(', ')}.)`, undefined, 'https://sportello.example/problemi/casellario-dati-ente');
    }
    return plan;
  }

  private async planPsa(repo: SocialExportsRepository, tenantId: string, input: ExportRequest, ente: SiussEnte): Promise<Plan> {
    const rows = await repo.psaCandidates(tenantId, input.from, input.to);
    const records: PlannedRecord[] = [];
    const problems: ExportProblem[] = [];
    const sentInterventions: Plan['sentInterventions'] = [];
    const byPerson = new Map<string, PsaBeneficiary>();
    let unchanged = 0;
    for (const r of rows) {
      const exported = !!r.exported_at;
      const type = interventionType(r.code);
      const sinaNow = type?.sina && r.sina_sealed ? this.deps.cipher.openJson<SinaAssessment>(r.sina_sealed, r.case_id) : null;
      const isee = (r.isee ?? null) as IseeInfo | null;
      const context: PsaCaseContext = {
        inCharge: inCharge(r), targetArea: r.target_area,
        dsu: isee ? `${isee.dsuProtocol}|${isee.dsuYear}|${isee.dsuDate}` : null,
        sinaMac: sinaNow ? this.deps.cipher.mac('psa-sina', JSON.stringify(sinaNow)) : null,
      };
      const given = ['authorised', 'delivered', 'ended'].includes(r.status);
      // a benefit whose cancellation was already sent (refused or back to requested after it was sent)
      const cancelled = r.exported_snapshot?.withdrawn === true;
      if (!given && (!exported || cancelled)) continue;
      if (given && exported && !cancelled && !changedSinceExport(r) && !caseContextChanged(r.exported_snapshot, context)) {
        unchanged++;
        continue;
      }
      const person: PsaPerson = {
        fiscalCode: r.fiscal_code, familyName: r.family_name, givenName: r.given_name, birthDate: r.birth_date, sex: r.sex,
        birthPlaceCode: r.birth_place_code, citizenshipCode: r.citizenship_code, comuneIstatCode: r.comune_istat_code, regionCode: r.comune_region_code,
      };
      const sina = sinaNow;
      const common = { inCharge: context.inCharge, targetArea: r.target_area, isee };
      const benefits: PsaBenefit[] = [];
      // a correction: first cancel what was sent (the snapshot), then insert the values of now
      if (exported && !cancelled && r.exported_snapshot) {
        // the cancellation repeats what was sent: its values, and what it took from the case then (when recorded)
        const then = r.exported_snapshot.case as PsaCaseContext | undefined;
        benefits.push({ operation: 'C', values: benefitValues(r.exported_snapshot), ...common,
          ...(then ? { inCharge: then.inCharge, targetArea: then.targetArea as typeof common.targetArea } : {}), sina: null });
      }
      // a benefit no longer given is only cancelled
      if (given) benefits.push({ operation: 'I', values: benefitValues(r), ...common, sina });
      const missing = [...new Set(benefits.flatMap((b) => psaMissing(person, b)))];
      records.push({ caseId: r.case_id, interventionId: r.id, operation: exported && !cancelled ? 'correction' : 'insert',
        person: { id: r.person_id, fiscalCode: r.fiscal_code, withheld: r.withheld_from_subject, withheldReason: r.withheld_reason } });
      if (missing.length) {
        problems.push({ caseId: r.case_id, reference: r.reference, person: personName(r), interventionId: r.id, intervention: type?.name ?? r.code, missing });
        continue;
      }
      const entry = byPerson.get(r.person_id) ?? { person, benefits: [] };
      entry.benefits.push(...benefits);
      byPerson.set(r.person_id, entry);
      sentInterventions.push({ id: r.id, snapshot: given ? { ...psaSnapshot(r), case: context } : { ...r.exported_snapshot, withdrawn: true } });
    }
    return {
      ente, records, unchanged, problems, sentInterventions, sentSinba: [],
      build: (fileName) => buildPsaXml({ fileName, ente, beneficiaries: [...byPerson.values()] }),
    };
  }

  private async planSinba(repo: SocialExportsRepository, tenantId: string, input: ExportRequest, ente: SiussEnte): Promise<Plan> {
    const rows: SinbaCandidate[] = await repo.sinbaCandidates(tenantId, input.from, input.to);
    const records: PlannedRecord[] = [];
    const problems: ExportProblem[] = [];
    const sentSinba: Plan['sentSinba'] = [];
    const inputs: SinbaInput[] = [];
    let unchanged = 0;
    for (const r of rows) {
      const record = this.deps.cipher.openJson<SinbaRecord>(r.sinba_sealed, r.id)!;
      const sinba: SinbaInput = {
        // the pseudonym of the minor: never the fiscal code (see the module's note)
        pseudonym: this.deps.cipher.mac('siuss-sinba-beneficiary', r.fiscal_code ?? `person:${r.person_id}`).slice(0, 20).toUpperCase(),
        record, birthDate: r.birth_date, periodFrom: input.from, periodTo: input.to, isee: (r.isee ?? null) as IseeInfo | null,
        household: Array.isArray(r.household) ? r.household : [], regionCode: r.comune_region_code, closeReason: r.status === 'closed' ? r.close_reason : null,
      };
      const missing = sinbaMissing(sinba);
      const hash = missing.length ? null : this.deps.cipher.mac('siuss-sinba-record', sinbaElement(sinba));
      if (hash && r.sinba_exported_hash === hash) {
        unchanged++;
        continue;
      }
      records.push({ caseId: r.id, interventionId: null, operation: r.sinba_exported_at ? 'correction' : 'insert',
        person: { id: r.person_id, fiscalCode: r.fiscal_code, withheld: r.withheld_from_subject, withheldReason: r.withheld_reason } });
      if (missing.length) {
        problems.push({ caseId: r.id, reference: r.reference, person: personName(r), interventionId: null, intervention: null, missing });
        continue;
      }
      inputs.push(sinba);
      sentSinba.push({ caseId: r.id, hash: hash! });
    }
    return {
      ente, records, unchanged, problems, sentInterventions: [], sentSinba,
      build: (fileName) => buildSinbaXml({ fileName, ente, records: inputs }),
    };
  }
}
