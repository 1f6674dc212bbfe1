/**
 * The demo district's social services (Ambito Sociale Valle dell'Orsa, five comuni): about 350 first contacts over
 * the last 18 months, about 160 case files with their professionals, history, diary, ISEE, household, interventions
 * (the individual plan), SINA assessments for non-self-sufficiency and SINBA records for minors, and a few
 * reserved parts (court measures, health data) — the figures dashboard and the Casellario export have something to
 * show on a fresh install.
 *
 *  - Deterministic: a seeded generator (platform/random.ts) and the day of the seed give the same people, contacts
 *    and cases every time (row ids and ciphertexts differ).
 *  - Special-category texts are sealed with the configured key (FieldCipher), each bound to its row's id.
 *  - Everything the PSA and SINBA flows need is filled in, except on purpose: four recent interventions without the
 *    request's protocol number and one non-self-sufficiency case without its SINA assessment, so that the export's
 *    "missing fields" list has something to show.
 *  - A few cases belong to residents of the Castelrocca and Valdoro registers (same fiscal code, registry_person_id),
 *    among them Giulia Ferrari (a closed case of this year, adults and poverty).
 *  - Idempotent: when the district already has people in its social services nothing is written.
 * Written in a few multi-row statements, in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  INTERVENTION_TYPES, type CaseStatus, type CloseReason, type ContactAnswer, type ContactChannel, type DiaryKind, type HouseholdMember,
  type InterventionStatus, type InterventionType, type IseeInfo, type Need, type RequesterKind, type Sector, type SinaAssessment,
  type SinbaRecord, type TargetArea, type WorkerRole,
} from '../../../../contracts/social.ts';
import { findTestIdentity } from '../../../modules/identity/test-idp/identities.ts';
import { clock } from '../../../platform/clock.ts';
import type { FieldCipher } from '../../../platform/field-cipher.ts';
import { addDays, romeDate } from '../../../platform/legal-clock.ts';
import { Rng } from '../../../platform/random.ts';
import { inScope } from '../../../platform/tenancy.ts';
import type { DB } from '../../schema.ts';
import { upsertTenants } from '../seed.ts';
import { DEMO_REGISTRY } from './people.ts';
import {
  CITIZENSHIP_OF_STATE, CLOSE_NOTES, COURT_TEXTS, diaryText, familySurname, HEALTH_TEXTS, memberName, NEED_TEXTS, syntheticPerson, weighted,
  type SyntheticPerson,
} from './social-people.ts';
import { AMBITO_SLUG, CASTELROCCA_SLUG, DISTRICT_COMUNI, PRADALTO_SLUG, ROCCAFONDA_SLUG, SORGIVA_SLUG, VALDORO_SLUG } from './tenants.ts';

export const SOCIAL_DEMO_SEED = 20_260_310;
export const SOCIAL_DEMO_CONTACTS = 350;
/** Giulia Ferrari, of the bundled test identity provider and Castelrocca's register (FRRGLI84E54A794H) */
export const SOCIAL_DEMO_GIULIA = findTestIdentity('giulia-ferrari')!.fiscalCode;

/** the district's comuni, weighted by the number of residents */
const COMUNI: { slug: string; town: string; weight: number }[] = [
  { slug: CASTELROCCA_SLUG, town: 'Castelrocca', weight: 33 }, { slug: VALDORO_SLUG, town: 'Valdoro', weight: 25 },
  { slug: ROCCAFONDA_SLUG, town: 'Roccafonda', weight: 19 }, { slug: PRADALTO_SLUG, town: 'Pradalto', weight: 14 },
  { slug: SORGIVA_SLUG, town: 'Sorgiva', weight: 9 },
];

const W = {
  ghisleni: 'c.ghisleni@ambitovalleorsa.example',
  bonfanti: 'm.bonfanti@ambitovalleorsa.example',
  personeni: 's.personeni@ambitovalleorsa.example',
  vavassori: 'e.vavassori@ambitovalleorsa.example',
  capelli: 'a.capelli@ambitovalleorsa.example',
};

const AREAS: [TargetArea, number][] = [['famiglie_minori', 27], ['disabilita_non_autosufficienza', 19], ['adulti_poverta', 32], ['anziani', 22]];
const SECTORS: Record<TargetArea, [Sector, number][]> = {
  famiglie_minori: [['tutela_minori', 7], ['servizio_sociale_base', 3]],
  disabilita_non_autosufficienza: [['disabilita', 7], ['servizio_sociale_base', 3]],
  adulti_poverta: [['inclusione', 6], ['servizio_sociale_base', 4]],
  anziani: [['anziani', 7], ['servizio_sociale_base', 3]],
};
const NEEDS: Record<TargetArea, [Need, number][]> = {
  famiglie_minori: [['family', 5], ['minors_protection', 5], ['economic', 3], ['violence', 1], ['housing', 1], ['information', 2]],
  disabilita_non_autosufficienza: [['disability', 6], ['care', 4], ['health', 2], ['economic', 1], ['information', 2]],
  adulti_poverta: [['economic', 7], ['housing', 4], ['work', 4], ['addiction', 1], ['migration', 2], ['violence', 1], ['loneliness', 1], ['information', 2], ['other', 1]],
  anziani: [['care', 6], ['loneliness', 3], ['health', 2], ['economic', 1], ['housing', 1], ['information', 2]],
};
const REQUESTERS: Record<TargetArea, [RequesterKind, number][]> = {
  famiglie_minori: [['self', 4], ['family', 2], ['school', 3], ['health_service', 2], ['police', 1], ['court', 2], ['other_service', 1]],
  disabilita_non_autosufficienza: [['self', 4], ['family', 4], ['health_service', 3], ['other_service', 1]],
  adulti_poverta: [['self', 8], ['other_service', 2], ['neighbour', 1], ['family', 1], ['other', 1]],
  anziani: [['family', 6], ['self', 3], ['health_service', 3], ['neighbour', 2]],
};
const REQUESTER_NAMES: Partial<Record<RequesterKind, string[]>> = {
  family: ['Figlia', 'Figlio', 'Coniuge', 'Sorella', 'Nipote'],
  neighbour: ['Vicina di casa', 'Amministratore del condominio', 'Parroco'],
  school: ['Istituto comprensivo della Valle dell\'Orsa', 'Scuola primaria di Valdoro', 'Scuola secondaria di primo grado di Castelrocca'],
  health_service: ['Medico di medicina generale', 'Pediatra di libera scelta', 'Reparto di medicina, Ospedale di Bergamo', 'Consultorio familiare ASST'],
  police: ['Carabinieri, Stazione di Castelrocca', 'Polizia locale'],
  court: ['Tribunale per i minorenni di Brescia', 'Procura per i minorenni di Brescia'],
  other_service: ['Centro per l\'impiego', 'SerD dell\'ASST', 'Servizio sociale del comune di provenienza', 'Caritas parrocchiale'],
  other: ['Associazione di volontariato'],
};
const REFERRALS: Record<Need, string> = {
  economic: 'CAF convenzionato per ISEE e assegno di inclusione', housing: "Ufficio casa dell'Ambito (servizi abitativi pubblici)",
  work: "Centro per l'impiego di zona", care: "Punto unico di accesso (PUA) dell'ASST", family: "Consultorio familiare dell'ASST",
  minors_protection: "Consultorio familiare dell'ASST", disability: "Ufficio invalidi civili dell'ASST", health: "Medico di medicina generale e ASST",
  addiction: "SerD dell'ASST", violence: "Centro antiviolenza della Valle dell'Orsa", migration: 'Sportello stranieri della Provincia',
  loneliness: 'Associazione di volontariato per la compagnia agli anziani', information: 'Patronato', other: 'Sportello di segretariato sociale',
};
const CHANNELS: [ContactChannel, number][] = [['in_person', 45], ['phone', 30], ['email', 8], ['home_visit', 5], ['other_service', 12]];

/** the interventions that fit an area, with how often they are chosen */
const TYPE_WEIGHTS: Record<TargetArea, [string, number][]> = {
  famiglie_minori: [['D1.01', 5], ['D2.01', 2], ['D3.01', 1], ['A1.04', 3], ['A1.05', 2], ['A1.08', 2]],
  disabilita_non_autosufficienza: [['B1.01', 3], ['B1.03', 3], ['B3.02', 3], ['C1.01', 3], ['E1.01', 1], ['A1.05', 1]],
  adulti_poverta: [['A1.04', 5], ['A1.05', 4], ['A1.08', 3], ['E1.01', 3]],
  anziani: [['B1.01', 5], ['B2.01', 3], ['B1.03', 2], ['C2.01', 2], ['B3.02', 1], ['A1.05', 1]],
};
const typeOf = (code: string) => INTERVENTION_TYPES.find((t) => t.code === code)!;

const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
/** a weekday: Saturday and Sunday move to the Friday before */
const weekday = (d: string) => {
  const dow = new Date(`${d}T12:00:00Z`).getUTCDay();
  return dow === 6 ? addDays(d, -1) : dow === 0 ? addDays(d, -2) : d;
};
const ageOn = (birth: string | null, on: string) => {
  if (!birth) return 40;
  const a = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? a - 1 : a;
};
const euros = (rng: Rng, min: number, max: number, step = 10) => Math.round(rng.int(min, max) / step) * step * 100;

interface PlannedPerson { id: string; comuneSlug: string; p: SyntheticPerson; registryPersonId: string | null }
interface PlannedIntervention {
  id: string; code: string; status: InterventionStatus; requestedOn: string; authorisedOn: string | null; startOn: string | null; endOn: string | null;
  requestProtocol: string | null; amountCents: number | null; monthlyAmountCents: number | null; periodMonths: number | null;
  shareBodyCents: number | null; shareUserCents: number | null; shareHealthCents: number | null; hoursMonthly: number | null; note: string | null;
  type: InterventionType; createdBy: string;
}
interface PlannedCase {
  id: string; reference: string; person: PlannedPerson; comuneSlug: string; sector: Sector; area: TargetArea; status: CaseStatus;
  closeReason: CloseReason | null; closeNote: string | null; firstContactOn: string; openedOn: string; inChargeOn: string | null;
  closedOn: string | null; nextReviewOn: string | null; household: HouseholdMember[]; isee: IseeInfo | null;
  workers: { email: string; role: WorkerRole; since: string }[];
  events: { at: string; email: string; kind: string; from: CaseStatus | null; to: CaseStatus | null; note: string | null }[];
  diary: { id: string; kind: DiaryKind; on: string; reserved: boolean; text: string; email: string }[];
  interventions: PlannedIntervention[];
  sina: SinaAssessment | null; sinba: SinbaRecord | null; court: string | null; health: string | null;
  withheld: boolean; withheldReason: string | null;
}
interface PlannedContact {
  id: string; comuneSlug: string; on: string; channel: ContactChannel; requesterKind: RequesterKind; requesterName: string | null;
  person: PlannedPerson | null; area: TargetArea; sector: Sector; need: Need; needText: string; answer: ContactAnswer;
  referralTo: string | null; privacy: boolean; caseId: string | null; email: string;
}

export interface SocialDemoReport { persons: number; contacts: number; cases: number; interventions: number; diary: number; skipped: boolean }

/** The residents of the registers whose case files the demo links (fiscal code → id), found by age and comune. */
async function registryLinks(trx: Kysely<DB>, ids: Map<string, string>, today: string) {
  const testPeople = new Set(DEMO_REGISTRY.flatMap((r) => r.people.map((p) => p.fiscalCode)));
  const rows = await trx.selectFrom('registry_people')
    .select(['id', 'tenant_id', 'fiscal_code', 'given_name', 'family_name', 'sex', 'birth_date', 'citizenship', 'address'])
    .where('tenant_id', 'in', [ids.get(CASTELROCCA_SLUG)!, ids.get(VALDORO_SLUG)!])
    .orderBy('fiscal_code')
    .execute();
  const slugOf = (tenantId: string) => (tenantId === ids.get(CASTELROCCA_SLUG) ? CASTELROCCA_SLUG : VALDORO_SLUG);
  const toPerson = (r: (typeof rows)[number]): PlannedPerson => ({
    id: randomUUID(), comuneSlug: slugOf(r.tenant_id), registryPersonId: r.id,
    p: {
      fiscalCode: r.fiscal_code, givenName: r.given_name, familyName: r.family_name, birthDate: r.birth_date, sex: r.sex ?? 'F',
      birthPlaceCode: /^[A-Z]\d{3}$/.test(r.fiscal_code.slice(11, 15)) ? r.fiscal_code.slice(11, 15) : null,
      citizenshipCode: /italian/i.test(r.citizenship) ? '100' : (CITIZENSHIP_OF_STATE.get(r.fiscal_code.slice(11, 15)) ?? '100'),
      address: r.address.slice(0, 200), phone: null, foreign: null,
    },
  });
  const giulia = rows.find((r) => r.fiscal_code === SOCIAL_DEMO_GIULIA);
  const pick = (slug: string, minAge: number, maxAge: number, skip: number) =>
    rows.filter((r) => slugOf(r.tenant_id) === slug && !testPeople.has(r.fiscal_code) && ageOn(r.birth_date, today) >= minAge && ageOn(r.birth_date, today) <= maxAge)[skip];
  const wanted: [TargetArea, (typeof rows)[number] | undefined][] = [
    ['anziani', pick(VALDORO_SLUG, 82, 95, 3)], ['anziani', pick(CASTELROCCA_SLUG, 78, 92, 5)],
    ['famiglie_minori', pick(VALDORO_SLUG, 9, 15, 2)], ['disabilita_non_autosufficienza', pick(VALDORO_SLUG, 30, 55, 7)],
    ['adulti_poverta', pick(CASTELROCCA_SLUG, 35, 60, 11)], ['famiglie_minori', pick(CASTELROCCA_SLUG, 5, 12, 4)],
  ];
  return {
    giulia: giulia ? toPerson(giulia) : null,
    others: wanted.filter((w): w is [TargetArea, (typeof rows)[number]] => !!w[1]).map(([area, r]) => ({ area, person: toPerson(r) })),
    takenCodes: new Set(rows.map((r) => r.fiscal_code)),
  };
}

/** The plan: people, contacts and cases, from the seed and today's date. */
function plan(today: string, links: Awaited<ReturnType<typeof registryLinks>>, taken: Set<string>) {
  const rng = new Rng(SOCIAL_DEMO_SEED);
  const start = addDays(today, -540);
  const persons: PlannedPerson[] = [];
  const contacts: PlannedContact[] = [];
  const cases: PlannedCase[] = [];
  const newPerson = (slug: string, age: number, opts: { sex?: 'M' | 'F'; foreignShare?: number } = {}) => {
    const town = COMUNI.find((c) => c.slug === slug)!.town;
    const p: PlannedPerson = { id: randomUUID(), comuneSlug: slug, p: syntheticPerson(rng, age, today, town, taken, opts), registryPersonId: null };
    persons.push(p);
    return p;
  };
  const ageFor = (area: TargetArea, subjectIsMinor: boolean) => {
    switch (area) {
      case 'famiglie_minori': return subjectIsMinor ? rng.int(0, 17) : rng.int(24, 52);
      case 'disabilita_non_autosufficienza': return weighted(rng, [[rng.int(6, 17), 1], [rng.int(18, 34), 3], [rng.int(35, 64), 4], [rng.int(65, 85), 2]]);
      case 'adulti_poverta': return weighted(rng, [[rng.int(19, 34), 3], [rng.int(35, 64), 6], [rng.int(65, 74), 1]]);
      case 'anziani': return weighted(rng, [[rng.int(66, 79), 4], [rng.int(80, 97), 5]]);
    }
  };
  const caseManagerOf = (slug: string, area: TargetArea) => {
    if (area === 'famiglie_minori') return W.bonfanti;
    if (slug === CASTELROCCA_SLUG && (area === 'adulti_poverta' || rng.chance(0.4))) return W.ghisleni;
    return area === 'adulti_poverta' ? W.capelli : W.vavassori;
  };

  // -- contacts, in date order ------------------------------------------------------------------------------------
  const dates = Array.from({ length: SOCIAL_DEMO_CONTACTS }, () => weekday(addDays(start, Math.floor(Math.pow(rng.next(), 0.85) * 538)))).sort();
  // Giulia Ferrari's contact: this year, early enough for a closed case
  const year = today.slice(0, 4);
  const giuliaOn = weekday(maxDate(`${year}-01-12`, addDays(today, -230)));
  const linked = [...links.others];
  let linkAt = 0;
  for (const [i, on] of dates.entries()) {
    const slug = weighted(rng, COMUNI.map((c) => [c.slug, c.weight] as [string, number]));
    let area = weighted(rng, AREAS);
    let person: PlannedPerson | null = null;
    let answer: ContactAnswer = weighted(rng, [['case_opened', 45], ['information', 35], ['referral', 20]]);
    // the registry's people come in at even intervals, each with the case of their area
    if (linked.length && i % 45 === 20 && linkAt < linked.length) {
      const l = linked[linkAt++]!;
      area = l.area;
      person = l.person;
      persons.push(person);
      answer = 'case_opened';
    }
    const subjectIsMinor = area === 'famiglie_minori' && rng.chance(0.8);
    let requesterKind = weighted(rng, REQUESTERS[area]);
    if (requesterKind === 'self' && subjectIsMinor) requesterKind = 'family';
    if (requesterKind === 'court') answer = 'case_opened';
    const need = requesterKind === 'court' || requesterKind === 'school' ? 'minors_protection' : weighted(rng, NEEDS[area]);
    if (need === 'information' && answer === 'case_opened') answer = 'information';
    if (!person && (answer === 'case_opened' || rng.chance(0.65))) person = newPerson(slug, ageFor(area, subjectIsMinor));
    const channel: ContactChannel = ['court', 'police', 'other_service', 'school'].includes(requesterKind) ? rng.pick(['other_service', 'email', 'phone'] as const)
      : requesterKind === 'health_service' ? rng.pick(['phone', 'other_service'] as const) : weighted(rng, CHANNELS);
    const names = REQUESTER_NAMES[requesterKind];
    const email = caseManagerOf(person?.comuneSlug ?? slug, area);
    const contact: PlannedContact = {
      id: randomUUID(), comuneSlug: person?.comuneSlug ?? slug, on, channel, requesterKind, requesterName: names ? rng.pick(names) : null,
      person, area, sector: weighted(rng, SECTORS[area]), need, needText: rng.pick(NEED_TEXTS[need]), answer,
      referralTo: answer === 'referral' ? REFERRALS[need] : null, privacy: !!person || rng.chance(0.5), caseId: null, email,
    };
    contacts.push(contact);
    if (answer === 'case_opened') {
      const c = planCase(rng, today, contact, email);
      contact.caseId = c.id;
      cases.push(c);
    }
  }
  if (links.giulia) {
    persons.push(links.giulia);
    const contact: PlannedContact = {
      id: randomUUID(), comuneSlug: CASTELROCCA_SLUG, on: giuliaOn, channel: 'in_person', requesterKind: 'self', requesterName: null,
      person: links.giulia, area: 'adulti_poverta', sector: 'servizio_sociale_base', need: 'economic', needText: NEED_TEXTS.economic[1]!,
      answer: 'case_opened', referralTo: null, privacy: true, caseId: null, email: W.ghisleni,
    };
    contacts.push(contact);
    const c = planCase(rng, today, contact, W.ghisleni, { closedAfter: 75 });
    contact.caseId = c.id;
    cases.push(c);
  }
  contacts.sort((a, b) => a.on.localeCompare(b.on));

  // -- references <year>/<n> in the order cases were opened; protocols of the requests likewise ----------------------
  cases.sort((a, b) => a.openedOn.localeCompare(b.openedOn) || (a.person.p.fiscalCode ?? '').localeCompare(b.person.p.fiscalCode ?? '') || a.area.localeCompare(b.area));
  const lastN = new Map<number, number>();
  for (const c of cases) {
    const y = Number(c.openedOn.slice(0, 4));
    const n = (lastN.get(y) ?? 0) + 1;
    lastN.set(y, n);
    c.reference = `${y}/${n}`;
  }
  const protocols = new Map<string, number>();
  const allInterventions = cases.flatMap((c) => c.interventions).sort((a, b) => a.requestedOn.localeCompare(b.requestedOn));
  for (const iv of allInterventions) {
    const y = iv.requestedOn.slice(0, 4);
    const n = (protocols.get(y) ?? 1200) + rng.int(3, 40);
    protocols.set(y, n);
    iv.requestProtocol = `AMB-${y}-${String(n).padStart(7, '0')}`;
  }

  // -- on purpose: what the export must list as missing --------------------------------------------------------------
  // Benefits of the previous calendar quarter, ended before the current one began: an export of the last quarter
  // lists them as problems, while an export of the current quarter (or of today) is complete and produces a file.
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 - 3;
  const previousQuarterStart = `${Number(today.slice(0, 4)) - (q < 0 ? 1 : 0)}-${String(((q + 12) % 12) + 1).padStart(2, '0')}-01`;
  const currentQuarterStart = `${today.slice(0, 4)}-${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const lastDayBefore = addDays(currentQuarterStart, -1);
  const inPreviousQuarter = (iv: PlannedIntervention) => !!iv.startOn && iv.startOn >= previousQuarterStart && iv.startOn < currentQuarterStart && iv.status !== 'refused';
  /** ends the benefit before the current quarter, so that it belongs to the previous quarter's export only */
  const endBefore = (iv: PlannedIntervention) => {
    if (!iv.endOn || iv.endOn > lastDayBefore) iv.endOn = lastDayBefore;
    if (iv.status === 'authorised' || iv.status === 'delivered') iv.status = 'ended';
  };
  const noProtocol = allInterventions.filter((iv) => inPreviousQuarter(iv) && !iv.type.sina);
  for (const iv of [noProtocol[1], noProtocol[Math.floor(noProtocol.length / 2)], noProtocol[noProtocol.length - 2]].filter(Boolean)) {
    iv!.requestProtocol = null;
    iv!.note = 'Domanda ricevuta allo sportello comunale: numero di protocollo da riportare.';
    endBefore(iv!);
  }
  const sinaGap = cases.find((c) => c.sina && c.status === 'in_charge'
    && c.interventions.some((iv) => iv.type.sina && inPreviousQuarter(iv))
    && c.interventions.every((iv) => !iv.type.sina || !iv.startOn || iv.startOn < currentQuarterStart));
  if (sinaGap) {
    sinaGap.sina = null;
    for (const iv of sinaGap.interventions) if (iv.type.sina && iv.startOn) endBefore(iv);
  }

  return { persons, contacts, cases, lastN };
}

function planCase(rng: Rng, today: string, contact: PlannedContact, manager: string, opts: { closedAfter?: number } = {}): PlannedCase {
  const person = contact.person!;
  const area = contact.area;
  const openedOn = minDate(today, weekday(addDays(contact.on, rng.int(0, 2))));
  const age = days(openedOn, today);
  const minorSubject = ageOn(person.p.birthDate, openedOn) < 18;
  let status: CaseStatus = opts.closedAfter ? 'closed'
    : age < 20 ? (rng.chance(0.5) ? 'reported' : 'open')
    : age < 45 ? weighted<CaseStatus>(rng, [['reported', 30], ['open', 40], ['in_charge', 30]])
    : age < 90 ? weighted<CaseStatus>(rng, [['open', 25], ['in_charge', 70], ['closed', 5]])
    : weighted(rng, [['in_charge', 50], ['closed', 42], ['reopened', 8]]);
  if (status === 'reported' && !['court', 'police', 'school', 'health_service', 'neighbour', 'family'].includes(contact.requesterKind)) status = 'open';
  let inChargeOn: string | null = status === 'reported' || status === 'open' ? null : weekday(addDays(openedOn, rng.int(7, 40)));
  if (inChargeOn && inChargeOn > today) { status = 'open'; inChargeOn = null; }
  let closedOn: string | null = null;
  let closeReason: CloseReason | null = null;
  let reopenedOn: string | null = null;
  const events: PlannedCase['events'] = [{ at: openedOn, email: contact.email, kind: 'created', from: null, to: status === 'reported' ? 'reported' : 'open', note: null }];
  if (inChargeOn) events.push({ at: inChargeOn, email: manager, kind: 'take_charge', from: 'open', to: 'in_charge', note: null });
  if (status === 'closed' || status === 'reopened') {
    closedOn = weekday(addDays(inChargeOn!, opts.closedAfter ?? rng.int(45, status === 'reopened' ? 150 : 320)));
    if (closedOn >= today) { status = 'in_charge'; closedOn = null; }
  }
  if (closedOn) {
    closeReason = opts.closedAfter ? 'goals_reached' : weighted<CloseReason>(rng, [['goals_reached', 40], ['moved_away', 10], ['transferred', 12], ['refused', 8], ['unreachable', 6],
      ['deceased', area === 'anziani' ? 14 : 0], ['came_of_age', minorSubject && ageOn(person.p.birthDate, closedOn) >= 18 ? 30 : 0], ['other', 4]]);
    events.push({ at: closedOn, email: manager, kind: 'close', from: 'in_charge', to: 'closed', note: CLOSE_NOTES[closeReason]! });
    if (status === 'reopened') {
      reopenedOn = weekday(addDays(closedOn, rng.int(20, 90)));
      if (reopenedOn >= today || closeReason === 'deceased') { status = 'closed'; reopenedOn = null; }
      else events.push({ at: reopenedOn, email: manager, kind: 'reopen', from: 'closed', to: 'reopened', note: 'Nuova richiesta della persona: riaperta la cartella.' });
    }
  }
  const active = status !== 'closed';
  const dueSoon = rng.chance(0.22);
  const nextReviewOn = !active ? null : status === 'reported' ? addDays(openedOn, 30)
    : dueSoon ? addDays(today, rng.int(-4, 14)) : addDays(today, rng.int(15, 120));
  const end = status === 'closed' ? closedOn! : today;

  // the professionals: the case manager, sometimes the coordinator beside them
  const workers: PlannedCase['workers'] = [{ email: manager, role: 'case_manager', since: openedOn }];
  if (rng.chance(0.15) && manager !== W.personeni) workers.push({ email: W.personeni, role: 'social_worker', since: addDays(openedOn, rng.int(0, 20)) });

  // household
  const household: HouseholdMember[] = [];
  const birthYear = Number((person.p.birthDate ?? '1980').slice(0, 4));
  if (minorSubject) {
    household.push({ relation: 'madre', name: `${memberName(rng, 'F', person.p.foreign)} ${person.p.familyName}`, birthYear: birthYear - rng.int(22, 38) });
    if (rng.chance(0.6)) household.push({ relation: 'padre', name: `${memberName(rng, 'M', person.p.foreign)} ${person.p.familyName}`, birthYear: birthYear - rng.int(25, 42) });
    for (let k = rng.int(0, 2); k > 0; k--) household.push({ relation: rng.chance(0.5) ? 'fratello' : 'sorella', name: `${memberName(rng, rng.chance(0.5) ? 'M' : 'F', person.p.foreign)} ${person.p.familyName}`, birthYear: birthYear + rng.int(-6, 6) });
  } else if (area === 'anziani' || ageOn(person.p.birthDate, today) >= 65) {
    if (rng.chance(0.45)) household.push({ relation: 'coniuge', name: `${memberName(rng, person.p.sex === 'M' ? 'F' : 'M', person.p.foreign)} ${familySurname(rng, person.p.foreign)}`, birthYear: birthYear + rng.int(-4, 4) });
  } else {
    if (rng.chance(0.55)) household.push({ relation: rng.chance(0.8) ? 'coniuge' : 'convivente', name: `${memberName(rng, person.p.sex === 'M' ? 'F' : 'M', person.p.foreign)} ${familySurname(rng, person.p.foreign)}`, birthYear: birthYear + rng.int(-5, 5) });
    for (let k = area === 'adulti_poverta' || area === 'famiglie_minori' ? rng.int(0, 3) : 0; k > 0; k--) {
      household.push({ relation: rng.chance(0.5) ? 'figlio' : 'figlia', name: `${memberName(rng, rng.chance(0.5) ? 'M' : 'F', person.p.foreign)} ${person.p.familyName}`, birthYear: Math.min(Number(today.slice(0, 4)), birthYear + rng.int(20, 38)) });
    }
  }

  // interventions (the individual plan)
  const interventions: PlannedIntervention[] = [];
  const planStart = inChargeOn ?? openedOn;
  const howMany = status === 'reported' ? 0 : status === 'open' ? (rng.chance(0.4) ? 1 : 0) : weighted(rng, [[1, 5], [2, 4], [3, 1]]);
  const usedCodes = new Set<string>();
  for (let k = 0; k < howMany; k++) {
    const weights = TYPE_WEIGHTS[area].filter(([code]) => !usedCodes.has(code) && (!minorSubject || area !== 'disabilita_non_autosufficienza' || !code.startsWith('C2')));
    if (!weights.length) break;
    const type = typeOf(weighted(rng, weights));
    usedCodes.add(type.code);
    const requestedOn = weekday(minDate(today, addDays(planStart, rng.int(0, 25) + k * rng.int(10, 60))));
    if (status === 'closed' && requestedOn > closedOn!) break;
    const iv = planIntervention(rng, today, type, requestedOn, status === 'open' ? 'open' : status === 'closed' ? closedOn : null, ageOn(person.p.birthDate, today), manager);
    interventions.push(iv);
  }

  // ISEE of the household: every case with a means-tested benefit has one; some others too
  const needsIsee = interventions.some((iv) => iv.type.meansTest === '1');
  let isee: IseeInfo | null = null;
  if (needsIsee || rng.chance(0.5)) {
    const firstRequest = interventions.map((iv) => iv.requestedOn).sort()[0] ?? openedOn;
    const dsuYear = Number(firstRequest.slice(0, 4));
    const dsuDate = minDate(firstRequest, weekday(maxDate(`${dsuYear}-01-10`, addDays(firstRequest, -rng.int(5, 60)))));
    const [lo, hi] = area === 'adulti_poverta' ? [0, 9_000] : area === 'famiglie_minori' ? [2_500, 18_000] : area === 'anziani' ? [6_000, 32_000] : [4_000, 26_000];
    isee = { dsuProtocol: `INPS-ISEE-${dsuYear}-${rng.digits(9)}-00`, dsuYear, dsuDate, valueCents: rng.int(lo, hi) * 100 + rng.int(0, 99), validUntil: `${dsuYear}-12-31` };
  }

  // diary: 2–6 entries between the opening and today (or the closure)
  const diary: PlannedCase['diary'] = [];
  const span = Math.max(1, days(openedOn, end));
  const entries = rng.int(2, 6);
  const kinds: DiaryKind[] = ['interview', 'home_visit', 'assessment', 'meeting', 'report', 'note'];
  for (let k = 0; k < entries; k++) {
    const kind: DiaryKind = k === 0 ? 'interview' : rng.pick(kinds);
    const on = weekday(minDate(end, addDays(openedOn, Math.floor((span * k) / entries) + rng.int(0, Math.max(0, Math.floor(span / entries) - 1)))));
    diary.push({ id: randomUUID(), kind, on: maxDate(on, openedOn) > end ? end : maxDate(on, openedOn), reserved: false, text: diaryText(rng, area, kind as 'note'), email: k === 0 ? contact.email : manager });
  }

  // the Casellario's assessments
  const sinaInterventions = interventions.filter((iv) => iv.type.sina && iv.status !== 'refused');
  const sina: SinaAssessment | null = (area === 'disabilita_non_autosufficienza' || area === 'anziani') && sinaInterventions.length ? {
    mobility: weighted<'1' | '2' | '3'>(rng, [['1', 3], ['2', 5], ['3', 2]]), dailyLiving: weighted<'1' | '2' | '3'>(rng, [['1', 1], ['2', 5], ['3', 3]]),
    ...(rng.chance(0.7) ? { cognitive: rng.pick(['1', '2', '3'] as const) } : {}),
    behavioural: rng.chance(0.8) ? '1' : '2', healthCare: rng.pick(['1', '2', '3'] as const), income: rng.pick(['1', '2', '3'] as const),
    support: rng.pick(['1', '2', '3'] as const), source: weighted<'1' | '2' | '4'>(rng, [['1', 7], ['2', 2], ['4', 1]]), tool: weighted<'1' | '7'>(rng, [['1', 8], ['7', 2]]),
    neededInterventions: [...new Set(sinaInterventions.map((iv) => iv.code))], invalidity: [rng.pick(['1', '2', '3', '4', '5'])],
    invaliditySource: '1', assessedOn: minDate(today, maxDate(openedOn, addDays(sinaInterventions[0]!.requestedOn, -rng.int(1, 10)))),
  } : null;
  const minorAge = ageOn(person.p.birthDate, openedOn);
  const court = contact.requesterKind === 'court' || (minorSubject && rng.chance(0.2));
  const courtMeasure = court && interventions.some((iv) => iv.code === 'D2.01' || iv.code === 'D3.01') ? true : court && rng.chance(0.5);
  const sinba: SinbaRecord | null = area === 'famiglie_minori' && minorSubject && interventions.length ? {
    unaccompaniedForeignMinor: '2', condition: weighted(rng, [['1', 20], ['3', 1], ['4', 1]]),
    livingPlace: interventions.some((iv) => iv.code === 'D3.01') ? '4' : interventions.some((iv) => iv.code === 'D2.01') ? '3' : weighted(rng, [['1', 9], ['2', 1]]),
    school: minorAge < 3 ? '3' : minorAge < 6 ? '4' : minorAge < 11 ? '5' : minorAge < 14 ? '6' : rng.chance(0.85) ? '7' : '8',
    work: '1', disability: rng.chance(0.1) ? '1' : '2',
    household: household.map((m) => (m.relation === 'madre' ? '1' : m.relation === 'padre' ? '2' : '3')).filter((v, i, a) => a.indexOf(v) === i),
    reportSource: ({ school: '13', court: '11', police: '5', health_service: '3', family: '8', self: '6', other_service: '2', neighbour: '14', other: '4' } as Record<RequesterKind, string>)[contact.requesterKind],
    firstReportMonth: `${contact.on.slice(5, 7)}/${contact.on.slice(0, 4)}`,
    minorAssessment: weighted(rng, [['1', 3], ['2', 4], ['4', 1], ['7', 1], ['13', 1]]), familyAssessment: weighted(rng, [['2', 4], ['4', 1], ['7', 1], ['1', 1]]),
    reportedToCourt: court ? '1' : '2', courtMeasure: courtMeasure ? '1' : '2',
    ...(courtMeasure ? { courtMeasureType: interventions.some((iv) => iv.code === 'D2.01') ? '4' : rng.pick(['5', '7']), courtAuthority: '2' } : {}),
    interventions: interventions.map((iv) => iv.code),
  } : null;
  if (sinba?.disability === '1') sinba.disabilityType = rng.pick(['1', '2', '3', '4']);
  if (sinba && sinba.household.length === 0) sinba.household = ['1'];
  const health = (area === 'disabilita_non_autosufficienza' && rng.chance(0.35)) || (area === 'anziani' && rng.chance(0.15)) || contact.need === 'addiction'
    ? HEALTH_TEXTS[area === 'anziani' ? rng.pick([1, 2]) : contact.need === 'addiction' ? 3 : minorSubject ? rng.pick([0, 4]) : rng.pick([0, 1, 4])]! : null;
  const courtText = courtMeasure ? (minorSubject ? rng.pick([COURT_TEXTS[0]!, COURT_TEXTS[1]!, COURT_TEXTS[3]!]) : COURT_TEXTS[2]!) : null;
  if (courtText && area === 'famiglie_minori') diary.push({ id: randomUUID(), kind: 'report', on: minDate(end, addDays(openedOn, rng.int(10, 40))), reserved: true, text: 'Relazione riservata al Tribunale per i minorenni sull\'esito delle osservazioni.', email: manager });
  const withheld = !!courtText && minorSubject && rng.chance(0.3);

  return {
    id: randomUUID(), reference: '', person, comuneSlug: person.comuneSlug, sector: contact.sector, area, status,
    closeReason: status === 'closed' ? closeReason : null, closeNote: status === 'closed' && closeReason ? CLOSE_NOTES[closeReason]! : null,
    firstContactOn: contact.on, openedOn, inChargeOn, closedOn: status === 'closed' ? closedOn : null, nextReviewOn, household, isee,
    workers, events, diary, interventions, sina, sinba, court: courtText, health, withheld,
    withheldReason: withheld ? "Procedimento dell'autorità giudiziaria minorile in corso (art. 15, par. 4 GDPR; L. 184/1983)" : null,
  };
}

/** One benefit of the plan: dates after the request, amounts and shares by unit, a status that fits today. */
function planIntervention(rng: Rng, today: string, type: InterventionType, requestedOn: string, closedOn: string | 'open' | null, age: number, createdBy: string): PlannedIntervention {
  const iv: PlannedIntervention = {
    id: randomUUID(), code: type.code, status: 'requested', requestedOn, authorisedOn: null, startOn: null, endOn: null, requestProtocol: null,
    amountCents: null, monthlyAmountCents: null, periodMonths: null, shareBodyCents: null, shareUserCents: null, shareHealthCents: null,
    hoursMonthly: null, note: null, type, createdBy,
  };
  if (closedOn !== 'open' && rng.chance(0.06)) {
    iv.status = 'refused';
    iv.note = 'Requisiti economici non soddisfatti (ISEE oltre la soglia del regolamento).';
    return iv;
  }
  const authorisedOn = weekday(addDays(requestedOn, rng.int(5, 25)));
  const limit = closedOn && closedOn !== 'open' ? closedOn : today;
  if (closedOn === 'open' || authorisedOn > limit) return fillAmounts(rng, iv, 6, age);
  iv.authorisedOn = authorisedOn;
  iv.status = 'authorised';
  const startOn = type.periodicity === '2' ? weekday(addDays(authorisedOn, rng.int(3, 20))) : `${addDays(authorisedOn, rng.int(5, 30)).slice(0, 7)}-01`;
  if (closedOn && closedOn !== 'open' && startOn > closedOn) {
    // the case closed before the benefit began
    Object.assign(iv, { status: 'refused', authorisedOn: null, note: "La cartella è stata chiusa prima dell'avvio dell'intervento." });
    return iv;
  }
  iv.startOn = startOn;
  if (type.periodicity === '2') {
    iv.endOn = startOn;
    if (startOn <= limit) iv.status = 'ended';
    return fillAmounts(rng, iv, 1, age);
  }
  const months = rng.int(3, 12);
  const plannedEnd = addDays(`${addMonths(startOn, months)}`, -1);
  iv.endOn = closedOn && closedOn !== 'open' ? minDate(plannedEnd, maxDate(closedOn, startOn)) : plannedEnd;
  iv.status = startOn > today ? 'authorised' : iv.endOn < today ? 'ended' : 'delivered';
  const actualMonths = Math.max(1, Math.min(12, Math.round(days(startOn, iv.endOn) / 30.4)));
  return fillAmounts(rng, iv, actualMonths, age);
}

const addMonths = (d: string, n: number) => {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + n;
  return `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${d.slice(8)}`;
};

function fillAmounts(rng: Rng, iv: PlannedIntervention, months: number, age: number): PlannedIntervention {
  const t = iv.type;
  if (t.periodicity === '2') {
    const amount = euros(rng, 150, 1500, 50);
    return Object.assign(iv, { amountCents: amount, shareBodyCents: amount, shareUserCents: 0, shareHealthCents: 0 });
  }
  iv.periodMonths = months;
  let monthly: number;
  let userShare = 0;
  let healthShare = 0;
  switch (t.code) {
    case 'B1.01': case 'D1.01': {
      iv.hoursMonthly = rng.int(8, 40);
      monthly = iv.hoursMonthly * 2250;
      if (t.code === 'B1.01') userShare = Math.round(monthly * rng.pick([0, 0.1, 0.2, 0.3]));
      break;
    }
    case 'C1.01': monthly = euros(rng, 300, 700); userShare = Math.round(monthly * 0.3); break;
    case 'C2.01': monthly = euros(rng, 600, 1500); healthShare = euros(rng, 1200, 1700); break;
    case 'D3.01': monthly = euros(rng, 2500, 3600); healthShare = rng.chance(0.3) ? euros(rng, 300, 900) : 0; break;
    case 'B2.01': monthly = euros(rng, 90, 170); userShare = Math.round(monthly * 0.4); break;
    case 'B3.02': monthly = euros(rng, 50, 140); userShare = Math.round(monthly * 0.2); break;
    case 'B1.03': monthly = euros(rng, age >= 65 ? 300 : 400, 800); break;
    case 'D2.01': monthly = euros(rng, 400, 600); break;
    case 'A1.08': monthly = euros(rng, 150, 350); break;
    case 'E1.01': monthly = euros(rng, 350, 500, 50); break;
    default: monthly = euros(rng, 150, 450);
  }
  iv.monthlyAmountCents = monthly;
  iv.amountCents = monthly * months;
  iv.shareUserCents = userShare * months;
  iv.shareHealthCents = healthShare * months;
  iv.shareBodyCents = iv.amountCents - iv.shareUserCents;
  return iv;
}

/**
 * Writes the district's social services data once. `ids` maps the demo's slugs to tenant ids (seed.ts); the
 * Ambito's three small comuni are added when missing.
 */
export async function seedDemoSocial(db: Kysely<DB>, cipher: FieldCipher, ids: Map<string, string>): Promise<SocialDemoReport> {
  if (DISTRICT_COMUNI.some((t) => !ids.has(t.slug))) {
    for (const [slug, id] of await upsertTenants(db, DISTRICT_COMUNI)) ids.set(slug, id);
  }
  const districtId = ids.get(AMBITO_SLUG);
  if (!districtId) throw new Error('the demo district is missing');
  const today = romeDate(clock.now());
  return inScope(db, { platform: true }, async (trx) => {
    const existing = await trx.selectFrom('social_persons').select('id').where('tenant_id', '=', districtId).limit(1).executeTakeFirst();
    if (existing) return { persons: 0, contacts: 0, cases: 0, interventions: 0, diary: 0, skipped: true };
    const operators = await trx.selectFrom('operators').select(['id', 'email', 'name']).where('email', 'in', Object.values(W)).execute();
    const opOf = (email: string) => {
      const o = operators.find((x) => x.email === email);
      if (!o) throw new Error(`the demo social worker ${email} is missing`);
      return o;
    };
    const links = await registryLinks(trx, ids, today);
    const taken = new Set(links.takenCodes);
    const { persons, contacts, cases, lastN } = plan(today, links, taken);
    const comuneId = (slug: string) => ids.get(slug)!;
    const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:${String((day.charCodeAt(9) * 7) % 60).padStart(2, '0')}:00+01:00`);

    const chunks = <T>(rows: T[], size = 500) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

    for (const part of chunks(persons)) {
      await trx.insertInto('social_persons').values(part.map((p) => ({
        id: p.id, tenant_id: districtId, fiscal_code: p.p.fiscalCode, given_name: p.p.givenName, family_name: p.p.familyName,
        birth_date: p.p.birthDate, sex: p.p.sex, birth_place_code: p.p.birthPlaceCode, citizenship_code: p.p.citizenshipCode,
        comune_id: comuneId(p.comuneSlug), address: p.p.address, phone: p.p.phone, registry_person_id: p.registryPersonId,
        created_at: at(contacts.find((c) => c.person === p)?.on ?? today, 9),
      }))).execute();
    }
    for (const part of chunks(cases, 300)) {
      await trx.insertInto('social_cases').values(part.map((c) => ({
        id: c.id, tenant_id: districtId, reference: c.reference, person_id: c.person.id, comune_id: comuneId(c.comuneSlug), sector: c.sector,
        target_area: c.area, status: c.status, close_reason: c.closeReason, close_note: c.closeNote, first_contact_on: c.firstContactOn,
        opened_on: c.openedOn, in_charge_on: c.inChargeOn, closed_on: c.closedOn, next_review_on: c.nextReviewOn,
        household: JSON.stringify(c.household), isee: c.isee ? JSON.stringify(c.isee) : null,
        health_sealed: c.health ? cipher.seal(c.health, c.id) : null, court_sealed: c.court ? cipher.seal(c.court, c.id) : null,
        sina_sealed: c.sina ? cipher.sealJson(c.sina, c.id) : null, sinba_sealed: c.sinba ? cipher.sealJson(c.sinba, c.id) : null,
        withheld_from_subject: c.withheld, withheld_reason: c.withheldReason, created_by: opOf(c.events[0]!.email).id,
        created_at: at(c.openedOn, 11), updated_at: at(c.events[c.events.length - 1]!.at, 12),
      }))).execute();
    }
    await trx.insertInto('social_case_sequences')
      .values([...lastN].map(([year, n]) => ({ tenant_id: districtId, year, last_n: n })))
      .onConflict((oc) => oc.columns(['tenant_id', 'year']).doUpdateSet((eb) => ({ last_n: eb.fn('greatest', ['social_case_sequences.last_n', 'excluded.last_n']) })))
      .execute();
    const workerRows = cases.flatMap((c) => c.workers.map((w) => ({ case_id: c.id, tenant_id: districtId, operator_id: opOf(w.email).id, role: w.role, since: w.since })));
    for (const part of chunks(workerRows)) await trx.insertInto('social_case_workers').values(part).execute();
    const eventRows = cases.flatMap((c) => c.events.map((e, i) => ({
      case_id: c.id, tenant_id: districtId, at: at(e.at, 10 + i), actor_id: opOf(e.email).id, actor_label: opOf(e.email).name, kind: e.kind,
      from_status: e.from, to_status: e.to, note: e.note,
    }))).sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const part of chunks(eventRows)) await trx.insertInto('social_case_events').values(part).execute();
    for (const part of chunks(contacts)) {
      await trx.insertInto('social_contacts').values(part.map((c) => ({
        id: c.id, tenant_id: districtId, comune_id: comuneId(c.comuneSlug), contact_on: c.on, channel: c.channel, requester_kind: c.requesterKind,
        requester_name: c.requesterName, person_id: c.person?.id ?? null, target_area: c.area, sector: c.sector, need: c.need,
        need_sealed: cipher.seal(c.needText, c.id), answer: c.answer, referral_to: c.referralTo, privacy_notice_given: c.privacy,
        case_id: c.caseId, created_by: opOf(c.email).id, created_at: at(c.on, 9),
      }))).execute();
    }
    const diaryRows = cases.flatMap((c) => c.diary.map((d, i) => ({
      id: d.id, case_id: c.id, tenant_id: districtId, kind: d.kind, occurred_on: d.on, reserved: d.reserved, text_sealed: cipher.seal(d.text, d.id),
      author_id: opOf(d.email).id, author_label: opOf(d.email).name, created_at: at(d.on, 14 + (i % 4)),
    })));
    for (const part of chunks(diaryRows)) await trx.insertInto('social_diary_entries').values(part).execute();
    const interventionRows = cases.flatMap((c) => c.interventions.map((iv) => ({
      id: iv.id, case_id: c.id, tenant_id: districtId, code: iv.code, status: iv.status, requested_on: iv.requestedOn, authorised_on: iv.authorisedOn,
      start_on: iv.startOn, end_on: iv.endOn, request_protocol: iv.requestProtocol, means_test: iv.type.meansTest, periodicity: iv.type.periodicity,
      amount_cents: iv.amountCents, monthly_amount_cents: iv.monthlyAmountCents, period_months: iv.periodMonths, share_body_cents: iv.shareBodyCents,
      share_user_cents: iv.shareUserCents, share_health_cents: iv.shareHealthCents, hours_monthly: iv.hoursMonthly, note: iv.note,
      created_by: opOf(iv.createdBy).id, created_at: at(iv.requestedOn, 12), updated_at: at(iv.endOn && iv.endOn <= today ? iv.endOn : iv.authorisedOn ?? iv.requestedOn, 13),
    })));
    for (const part of chunks(interventionRows)) await trx.insertInto('social_interventions').values(part).execute();
    return { persons: persons.length, contacts: contacts.length, cases: cases.length, interventions: interventionRows.length, diary: diaryRows.length, skipped: false };
  });
}
