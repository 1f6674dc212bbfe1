/**
 * The social pages' forms as plain data: what a worker types (drafts of strings), the checks made before sending
 * (the server checks again and its field errors go beside the same fields), and the bodies sent — a new first
 * contact, an intervention of the plan (euro typed as "12,50" → cents through payments' parser, never a float),
 * the PATCH of an intervention or of a case with only what changed, the SINA and SINBA records.
 */
import {
  interventionType,
  INTERVENTION_TYPES,
  type CaseDetail,
  type ContactAnswer,
  type ContactChannel,
  type FirstContactInput,
  type HouseholdMember,
  type Intervention,
  type InterventionInput,
  type InterventionStatus,
  type IseeInfo,
  type Need,
  type RequesterKind,
  type Sector,
  type SinaAssessment,
  type SinbaRecord,
  type SocialPersonInput,
  type TargetArea,
} from '../../../contracts/social';
import { centsToInput, parseEuroCents } from '../payments/money';

/** field key (as the server's error paths name it, "person/fiscalCode") → what to fix */
export type Problems = Record<string, string>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const isDay = (s: string) => DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const FISCAL_CODE = /^[A-Z0-9]{16}$/;
export const normaliseFiscalCode = (s: string) => s.replace(/\s+/g, '').toUpperCase();

const REQUIRED = 'Campo obbligatorio.';
const BAD_DAY = 'Scrivi una data valida.';
const BAD_EURO = 'Scrivi un importo in euro, per esempio 12,50.';

// ---------------------------------------------------------------------------------------------------------------
// First contact

export interface PersonDraft {
  givenName: string;
  familyName: string;
  fiscalCode: string;
  birthDate: string;
  sex: '' | 'M' | 'F';
  birthPlaceCode: string;
  citizenshipCode: string;
  address: string;
  phone: string;
  registryPersonId: string | null;
}
export const emptyPerson = (): PersonDraft => ({
  givenName: '', familyName: '', fiscalCode: '', birthDate: '', sex: '', birthPlaceCode: '', citizenshipCode: '', address: '', phone: '', registryPersonId: null,
});
export const personDraftOf = (p: SocialPersonInput): PersonDraft => ({
  givenName: p.givenName ?? '',
  familyName: p.familyName ?? '',
  fiscalCode: p.fiscalCode ?? '',
  birthDate: p.birthDate ?? '',
  sex: p.sex ?? '',
  birthPlaceCode: p.birthPlaceCode ?? '',
  citizenshipCode: p.citizenshipCode ?? '',
  address: p.address ?? '',
  phone: p.phone ?? '',
  registryPersonId: p.registryPersonId ?? null,
});

export interface ContactDraft {
  comuneId: string;
  contactOn: string;
  channel: ContactChannel | '';
  requesterKind: RequesterKind | '';
  requesterName: string;
  /** 'known': a person already known (personId); 'new': typed or from the registry; 'none': nobody named */
  personMode: 'known' | 'new' | 'none';
  personId: string | null;
  person: PersonDraft;
  targetArea: TargetArea | '';
  sector: Sector | '';
  need: Need | '';
  needText: string;
  answer: ContactAnswer | '';
  referralTo: string;
  privacyNoticeGiven: boolean;
  nextReviewOn: string;
}
export const emptyContact = (today: string): ContactDraft => ({
  comuneId: '', contactOn: today, channel: '', requesterKind: '', requesterName: '', personMode: 'new', personId: null, person: emptyPerson(),
  targetArea: '', sector: '', need: '', needText: '', answer: '', referralTo: '', privacyNoticeGiven: false, nextReviewOn: '',
});

const orNull = (s: string) => (s.trim() ? s.trim() : null);

export function contactProblems(d: ContactDraft, today: string): Problems {
  const p: Problems = {};
  if (!d.comuneId) p.comuneId = REQUIRED;
  if (!d.contactOn) p.contactOn = REQUIRED;
  else if (!isDay(d.contactOn)) p.contactOn = BAD_DAY;
  else if (d.contactOn > today) p.contactOn = 'La data del contatto non può essere nel futuro.';
  if (!d.channel) p.channel = REQUIRED;
  if (!d.requesterKind) p.requesterKind = REQUIRED;
  if (!d.targetArea) p.targetArea = REQUIRED;
  if (!d.sector) p.sector = REQUIRED;
  if (!d.need) p.need = REQUIRED;
  if (!d.answer) p.answer = REQUIRED;
  if (d.answer === 'referral' && !d.referralTo.trim()) p.referralTo = 'Scrivi a quale servizio è stata inviata la persona.';
  if (d.personMode === 'known' && !d.personId) p.personId = 'Scegli la persona tra quelle trovate, o inseriscine una nuova.';
  if (d.personMode === 'new') {
    if (!d.person.givenName.trim()) p['person/givenName'] = REQUIRED;
    if (!d.person.familyName.trim()) p['person/familyName'] = REQUIRED;
    const cf = normaliseFiscalCode(d.person.fiscalCode);
    if (cf && !FISCAL_CODE.test(cf)) p['person/fiscalCode'] = 'Il codice fiscale ha 16 caratteri, lettere e cifre.';
    if (d.person.birthDate && !isDay(d.person.birthDate)) p['person/birthDate'] = BAD_DAY;
    if (d.person.birthPlaceCode && !/^[A-Za-z]\d{3}$/.test(d.person.birthPlaceCode.trim())) p['person/birthPlaceCode'] = 'Codice catastale: una lettera e tre cifre (per esempio H501, o Z + 3 cifre per uno Stato estero).';
    if (d.person.citizenshipCode && !/^\d{3}$/.test(d.person.citizenshipCode.trim())) p['person/citizenshipCode'] = 'Codice ISTAT dello Stato: tre cifre (100 = Italia).';
  }
  if (d.answer === 'case_opened' && d.personMode === 'none') p.personId = 'Per aprire la cartella serve la persona: cercala o inseriscila.';
  if (d.nextReviewOn && !isDay(d.nextReviewOn)) p['case/nextReviewOn'] = BAD_DAY;
  if (!d.privacyNoticeGiven) p.privacyNoticeGiven = "Conferma di aver dato l'informativa sul trattamento dei dati personali.";
  return p;
}

export function contactInput(d: ContactDraft): FirstContactInput & { case?: { nextReviewOn?: string } } {
  const input: FirstContactInput & { case?: { nextReviewOn?: string } } = {
    comuneId: d.comuneId,
    contactOn: d.contactOn,
    channel: d.channel as ContactChannel,
    requesterKind: d.requesterKind as RequesterKind,
    requesterName: orNull(d.requesterName),
    targetArea: d.targetArea as TargetArea,
    sector: d.sector as Sector,
    need: d.need as Need,
    needText: orNull(d.needText),
    answer: d.answer as ContactAnswer,
    referralTo: d.answer === 'referral' ? orNull(d.referralTo) : null,
    privacyNoticeGiven: d.privacyNoticeGiven,
  };
  if (d.personMode === 'known' && d.personId) input.personId = d.personId;
  if (d.personMode === 'new') {
    const q = d.person;
    input.person = {
      givenName: q.givenName.trim(),
      familyName: q.familyName.trim(),
      fiscalCode: orNull(normaliseFiscalCode(q.fiscalCode)),
      birthDate: orNull(q.birthDate),
      sex: q.sex || null,
      birthPlaceCode: orNull(q.birthPlaceCode.toUpperCase()),
      citizenshipCode: orNull(q.citizenshipCode),
      comuneId: d.comuneId,
      address: orNull(q.address),
      phone: orNull(q.phone),
      registryPersonId: q.registryPersonId,
    };
  }
  if (d.answer === 'case_opened' && d.nextReviewOn) input.case = { nextReviewOn: d.nextReviewOn };
  return input;
}

// ---------------------------------------------------------------------------------------------------------------
// Interventions of the plan (PAI)

export interface InterventionDraft {
  code: string;
  status: InterventionStatus;
  requestedOn: string;
  authorisedOn: string;
  startOn: string;
  endOn: string;
  requestProtocol: string;
  amount: string;
  monthlyAmount: string;
  periodMonths: string;
  shareBody: string;
  shareUser: string;
  shareHealth: string;
  hoursMonthly: string;
  note: string;
}

export const MONEY_FIELDS = ['amount', 'monthlyAmount', 'shareBody', 'shareUser', 'shareHealth'] as const;
type MoneyField = (typeof MONEY_FIELDS)[number];
/** the draft's money fields → the contract's */
const CENTS_OF: Record<MoneyField, keyof InterventionInput> = {
  amount: 'amountCents',
  monthlyAmount: 'monthlyAmountCents',
  shareBody: 'shareBodyCents',
  shareUser: 'shareUserCents',
  shareHealth: 'shareHealthCents',
};

export const emptyIntervention = (today: string): InterventionDraft => ({
  code: '', status: 'requested', requestedOn: today, authorisedOn: '', startOn: '', endOn: '', requestProtocol: '', amount: '', monthlyAmount: '',
  periodMonths: '', shareBody: '', shareUser: '', shareHealth: '', hoursMonthly: '', note: '',
});

const euroText = (cents: number | null) => (cents === null ? '' : centsToInput(cents));
export const interventionDraftOf = (i: Intervention): InterventionDraft => ({
  code: i.code,
  status: i.status,
  requestedOn: i.requestedOn,
  authorisedOn: i.authorisedOn ?? '',
  startOn: i.startOn ?? '',
  endOn: i.endOn ?? '',
  requestProtocol: i.requestProtocol ?? '',
  amount: euroText(i.amountCents),
  monthlyAmount: euroText(i.monthlyAmountCents),
  periodMonths: i.periodMonths === null ? '' : String(i.periodMonths),
  shareBody: euroText(i.shareBodyCents),
  shareUser: euroText(i.shareUserCents),
  shareHealth: euroText(i.shareHealthCents),
  hoursMonthly: i.hoursMonthly === null ? '' : String(i.hoursMonthly).replace('.', ','),
  note: i.note ?? '',
});

/** The benefits a case of this target area may receive. */
export const typesForArea = (area: TargetArea) => INTERVENTION_TYPES.filter((t) => t.targetAreas.includes(area));

/** "12,5" / "12.5" hours → 12.5; null when empty; NaN when not a number */
function parseDecimal(text: string): number | null {
  const v = text.trim().replace(',', '.');
  if (!v) return null;
  return /^\d+(\.\d{1,2})?$/.test(v) ? Number(v) : Number.NaN;
}
function parseWhole(text: string): number | null {
  const v = text.trim();
  if (!v) return null;
  return /^\d{1,3}$/.test(v) ? Number(v) : Number.NaN;
}

export function interventionProblems(d: InterventionDraft, area: TargetArea): Problems {
  const p: Problems = {};
  if (!d.code) p.code = REQUIRED;
  else if (!typesForArea(area).some((t) => t.code === d.code)) p.code = "Questo intervento non è previsto per l'area della cartella.";
  for (const key of ['requestedOn', 'authorisedOn', 'startOn', 'endOn'] as const) {
    if (d[key] && !isDay(d[key])) p[key] = BAD_DAY;
  }
  if (!d.requestedOn) p.requestedOn = REQUIRED;
  if (d.startOn && d.endOn && isDay(d.startOn) && isDay(d.endOn) && d.endOn < d.startOn) p.endOn = "La fine non può precedere l'inizio.";
  if ((d.status === 'authorised' || d.status === 'delivered' || d.status === 'ended') && !d.authorisedOn) p.authorisedOn = "Scrivi la data dell'autorizzazione.";
  else if (d.authorisedOn && isDay(d.authorisedOn) && isDay(d.requestedOn) && d.authorisedOn < d.requestedOn) p.authorisedOn = "L'autorizzazione non può precedere la richiesta.";
  if ((d.status === 'delivered' || d.status === 'ended') && !d.startOn) p.startOn = "Scrivi la data d'inizio dell'erogazione.";
  if (d.status === 'ended' && !d.endOn) p.endOn = 'Scrivi la data di fine.';
  for (const key of MONEY_FIELDS) if (d[key].trim() && parseEuroCents(d[key]) === null) p[CENTS_OF[key]] = BAD_EURO;
  if (Number.isNaN(parseWhole(d.periodMonths))) p.periodMonths = 'Scrivi un numero intero di mesi.';
  if (Number.isNaN(parseDecimal(d.hoursMonthly))) p.hoursMonthly = 'Scrivi un numero di ore, per esempio 12 o 12,5.';
  return p;
}

const cents = (text: string) => (text.trim() ? parseEuroCents(text) : null);

/** The body of POST …/interventions (meansTest and periodicity from the benefit's table). */
export function interventionInput(d: InterventionDraft): InterventionInput {
  const type = interventionType(d.code);
  return {
    code: d.code,
    status: d.status,
    requestedOn: d.requestedOn,
    authorisedOn: orNull(d.authorisedOn),
    startOn: orNull(d.startOn),
    endOn: orNull(d.endOn),
    requestProtocol: orNull(d.requestProtocol),
    meansTest: type?.meansTest ?? '4',
    periodicity: type?.periodicity ?? '1',
    amountCents: cents(d.amount),
    monthlyAmountCents: cents(d.monthlyAmount),
    periodMonths: parseWhole(d.periodMonths),
    shareBodyCents: cents(d.shareBody),
    shareUserCents: cents(d.shareUser),
    shareHealthCents: cents(d.shareHealth),
    hoursMonthly: parseDecimal(d.hoursMonthly),
    note: orNull(d.note),
  };
}

/** The body of PATCH …/interventions/{id}: only the fields that differ from what the server holds. */
export function interventionPatch(original: Intervention, d: InterventionDraft): Partial<InterventionInput> {
  const next = interventionInput(d);
  const patch: Partial<InterventionInput> = {};
  for (const key of Object.keys(next) as (keyof InterventionInput)[]) {
    if (key === 'meansTest' || key === 'periodicity' || key === 'code') continue;
    const before = (original as unknown as Record<string, unknown>)[key] ?? null;
    if (next[key] !== before) (patch as Record<string, unknown>)[key] = next[key];
  }
  return patch;
}

// ---------------------------------------------------------------------------------------------------------------
// Household, ISEE and review: PATCH /cases/{id}

export interface MemberDraft {
  relation: string;
  name: string;
  birthYear: string;
}
export interface IseeDraft {
  dsuProtocol: string;
  dsuYear: string;
  dsuDate: string;
  value: string;
  validUntil: string;
}
export interface HouseholdDraft {
  members: MemberDraft[];
  isee: IseeDraft;
  nextReviewOn: string;
}

export const householdDraftOf = (c: Pick<CaseDetail, 'household' | 'isee' | 'nextReviewOn'>): HouseholdDraft => ({
  members: c.household.map((m) => ({ relation: m.relation, name: m.name, birthYear: m.birthYear ? String(m.birthYear) : '' })),
  isee: c.isee
    ? { dsuProtocol: c.isee.dsuProtocol, dsuYear: String(c.isee.dsuYear), dsuDate: c.isee.dsuDate, value: centsToInput(c.isee.valueCents), validUntil: c.isee.validUntil }
    : { dsuProtocol: '', dsuYear: '', dsuDate: '', value: '', validUntil: '' },
  nextReviewOn: c.nextReviewOn ?? '',
});

const iseeEmpty = (i: IseeDraft) => !i.dsuProtocol.trim() && !i.dsuYear.trim() && !i.dsuDate && !i.value.trim() && !i.validUntil;

export function householdProblems(d: HouseholdDraft, thisYear: number): Problems {
  const p: Problems = {};
  d.members.forEach((m, i) => {
    if (!m.relation.trim()) p[`household/${i}/relation`] = REQUIRED;
    if (!m.name.trim()) p[`household/${i}/name`] = REQUIRED;
    if (m.birthYear.trim() && !(/^\d{4}$/.test(m.birthYear.trim()) && Number(m.birthYear) >= 1900 && Number(m.birthYear) <= thisYear)) p[`household/${i}/birthYear`] = `Un anno tra 1900 e ${thisYear}.`;
  });
  if (!iseeEmpty(d.isee)) {
    const i = d.isee;
    if (!i.dsuProtocol.trim()) p['isee/dsuProtocol'] = REQUIRED;
    if (!/^\d{4}$/.test(i.dsuYear.trim())) p['isee/dsuYear'] = "Scrivi l'anno della DSU (quattro cifre).";
    if (!isDay(i.dsuDate)) p['isee/dsuDate'] = i.dsuDate ? BAD_DAY : REQUIRED;
    if (parseEuroCents(i.value) === null) p['isee/valueCents'] = i.value.trim() ? BAD_EURO : REQUIRED;
    if (!isDay(i.validUntil)) p['isee/validUntil'] = i.validUntil ? BAD_DAY : REQUIRED;
  }
  if (d.nextReviewOn && !isDay(d.nextReviewOn)) p.nextReviewOn = BAD_DAY;
  return p;
}

/** The PATCH body with only what changed (household as a whole list, ISEE as a whole or null to remove it). */
export function householdPatch(original: Pick<CaseDetail, 'household' | 'isee' | 'nextReviewOn'>, d: HouseholdDraft): {
  household?: HouseholdMember[];
  isee?: IseeInfo | null;
  nextReviewOn?: string | null;
} {
  const patch: { household?: HouseholdMember[]; isee?: IseeInfo | null; nextReviewOn?: string | null } = {};
  const household: HouseholdMember[] = d.members.map((m) => ({ relation: m.relation.trim(), name: m.name.trim(), birthYear: m.birthYear.trim() ? Number(m.birthYear) : null }));
  const sameHousehold =
    household.length === original.household.length &&
    household.every((m, i) => m.relation === original.household[i].relation && m.name === original.household[i].name && (m.birthYear ?? null) === (original.household[i].birthYear ?? null));
  if (!sameHousehold) patch.household = household;
  const isee: IseeInfo | null = iseeEmpty(d.isee)
    ? null
    : { dsuProtocol: d.isee.dsuProtocol.trim(), dsuYear: Number(d.isee.dsuYear), dsuDate: d.isee.dsuDate, valueCents: parseEuroCents(d.isee.value) ?? 0, validUntil: d.isee.validUntil };
  if (JSON.stringify(isee) !== JSON.stringify(original.isee ? { dsuProtocol: original.isee.dsuProtocol, dsuYear: original.isee.dsuYear, dsuDate: original.isee.dsuDate, valueCents: original.isee.valueCents, validUntil: original.isee.validUntil } : null)) {
    patch.isee = isee;
  }
  const review = d.nextReviewOn || null;
  if (review !== (original.nextReviewOn ?? null)) patch.nextReviewOn = review;
  return patch;
}

// ---------------------------------------------------------------------------------------------------------------
// SINA (non-self-sufficiency) and SINBA (minors)

/** The areas whose cases carry the SINA assessment, and the SINBA record. */
export const hasSina = (area: TargetArea) => area === 'disabilita_non_autosufficienza' || area === 'anziani';
export const hasSinba = (area: TargetArea) => area === 'famiglie_minori';

export type SinaDraft = Record<Exclude<keyof SinaAssessment, 'neededInterventions' | 'invalidity'>, string> & { neededInterventions: string[]; invalidity: string[] };
export const SINA_REQUIRED = ['mobility', 'dailyLiving', 'behavioural', 'healthCare', 'income', 'support', 'source', 'tool', 'assessedOn'] as const;

export const sinaDraftOf = (s: SinaAssessment | null, today: string): SinaDraft => ({
  mobility: s?.mobility ?? '',
  dailyLiving: s?.dailyLiving ?? '',
  cognitive: s?.cognitive ?? '',
  behavioural: s?.behavioural ?? '',
  healthCare: s?.healthCare ?? '',
  income: s?.income ?? '',
  support: s?.support ?? '',
  source: s?.source ?? '',
  tool: s?.tool ?? '',
  neededInterventions: s?.neededInterventions ?? [],
  invalidity: s?.invalidity ?? [],
  invaliditySource: s?.invaliditySource ?? '',
  assessedOn: s?.assessedOn ?? today,
});

export function sinaProblems(d: SinaDraft): Problems {
  const p: Problems = {};
  for (const key of SINA_REQUIRED) if (!d[key]) p[key] = REQUIRED;
  if (d.assessedOn && !isDay(d.assessedOn)) p.assessedOn = BAD_DAY;
  if (d.neededInterventions.length === 0) p.neededInterventions = 'Scegli almeno un intervento di cui la persona ha bisogno.';
  if (d.invalidity.length === 0) p.invalidity = 'Scegli almeno una certificazione.';
  return p;
}

export function sinaFromDraft(d: SinaDraft): SinaAssessment {
  const sina = {
    mobility: d.mobility,
    dailyLiving: d.dailyLiving,
    behavioural: d.behavioural,
    healthCare: d.healthCare,
    income: d.income,
    support: d.support,
    source: d.source,
    tool: d.tool,
    neededInterventions: [...d.neededInterventions],
    invalidity: [...d.invalidity],
    assessedOn: d.assessedOn,
  } as SinaAssessment;
  if (d.cognitive) sina.cognitive = d.cognitive as SinaAssessment['cognitive'];
  if (d.invaliditySource) sina.invaliditySource = d.invaliditySource as SinaAssessment['invaliditySource'];
  return sina;
}

export type SinbaDraft = Record<Exclude<keyof SinbaRecord, 'household' | 'interventions'>, string> & { household: string[]; interventions: string[] };
export const SINBA_REQUIRED = [
  'unaccompaniedForeignMinor', 'condition', 'livingPlace', 'school', 'work', 'disability', 'reportSource', 'firstReportMonth', 'minorAssessment', 'familyAssessment', 'reportedToCourt', 'courtMeasure',
] as const;

export const sinbaDraftOf = (s: SinbaRecord | null): SinbaDraft => ({
  unaccompaniedForeignMinor: s?.unaccompaniedForeignMinor ?? '',
  condition: s?.condition ?? '',
  livingPlace: s?.livingPlace ?? '',
  school: s?.school ?? '',
  work: s?.work ?? '',
  disability: s?.disability ?? '',
  disabilityType: s?.disabilityType ?? '',
  household: s?.household ?? [],
  reportSource: s?.reportSource ?? '',
  firstReportMonth: s?.firstReportMonth ?? '',
  minorAssessment: s?.minorAssessment ?? '',
  familyAssessment: s?.familyAssessment ?? '',
  reportedToCourt: s?.reportedToCourt ?? '',
  courtMeasure: s?.courtMeasure ?? '',
  courtMeasureType: s?.courtMeasureType ?? '',
  courtAuthority: s?.courtAuthority ?? '',
  interventions: s?.interventions ?? [],
});

export function sinbaProblems(d: SinbaDraft): Problems {
  const p: Problems = {};
  for (const key of SINBA_REQUIRED) if (!d[key]) p[key] = REQUIRED;
  if (d.firstReportMonth && !/^(0[1-9]|1[0-2])\/\d{4}$/.test(d.firstReportMonth)) p.firstReportMonth = 'Mese e anno come MM/AAAA, per esempio 03/2025.';
  if (d.disability === '1' && !d.disabilityType) p.disabilityType = 'Con una disabilità, indica di che tipo.';
  if (d.courtMeasure === '1') {
    if (!d.courtMeasureType) p.courtMeasureType = 'Con un provvedimento, indica di che tipo.';
    if (!d.courtAuthority) p.courtAuthority = "Con un provvedimento, indica l'autorità che l'ha emesso.";
  }
  if (d.household.length === 0) p.household = 'Scegli almeno una persona con cui vive il minore.';
  if (d.interventions.length === 0) p.interventions = 'Scegli almeno una prestazione data al minore.';
  return p;
}

export function sinbaFromDraft(d: SinbaDraft): SinbaRecord {
  const r = {
    unaccompaniedForeignMinor: d.unaccompaniedForeignMinor,
    condition: d.condition,
    livingPlace: d.livingPlace,
    school: d.school,
    work: d.work,
    disability: d.disability,
    household: [...d.household],
    reportSource: d.reportSource,
    firstReportMonth: d.firstReportMonth,
    minorAssessment: d.minorAssessment,
    familyAssessment: d.familyAssessment,
    reportedToCourt: d.reportedToCourt,
    courtMeasure: d.courtMeasure,
    interventions: [...d.interventions],
  } as SinbaRecord;
  // the conditional codes go only with the answer that asks for them
  if (d.disability === '1' && d.disabilityType) r.disabilityType = d.disabilityType;
  if (d.courtMeasure === '1') {
    if (d.courtMeasureType) r.courtMeasureType = d.courtMeasureType;
    if (d.courtAuthority) r.courtAuthority = d.courtAuthority;
  }
  return r;
}

/** Server error paths ("/person/fiscalCode", "body.isee.valueCents") as the forms' keys ("person/fiscalCode"). */
export function fieldKey(path: string | undefined): string | null {
  const p = (path ?? '').trim().replace(/^#/, '').replace(/\[(\d+)\]/g, '.$1').replace(/\./g, '/').replace(/^\/+/, '').replace(/^body(\/|$)/, '');
  return p || null;
}
