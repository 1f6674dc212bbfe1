/**
 * The flows to INPS's Casellario dell'Assistenza (SIUSS) as XML: PSA (prestazioni sociali, with the SINA block for
 * non-self-sufficiency; xsd/PS_PSA_SINA201806.xsd) and SINBA (minors in care; xsd/SINBA.xsd). Both are `Flusso` in
 * the namespace http://inps.it/Casellario.
 *
 * Pure: plain records in, strings out. `psaMissing`, `sinbaMissing` and `enteMissing` list, in Italian and as the
 * worker knows them, the fields a record lacks for its flow; the export refuses a file while any record lacks
 * something, so `buildPsaXml` and `buildSinbaXml` never make a half-valid file (they throw on an incomplete record).
 * `validateSiuss` (the only function with I/O) checks a built file against the official schema with xmllint
 * compiled to WebAssembly.
 *
 * Corrections. PSA's TipoOperazione knows only I (Inserimento) and C (Cancellazione): a benefit changed after it
 * was sent goes as a C record with the values sent before, followed by an I record with the new ones. SINBA has no
 * operation at all: a record changed after it was sent is sent again in full (the export counts it as a correction).
 */
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import {
  interventionType, type CloseReason, type HouseholdMember, type IseeInfo, type SinaAssessment, type SinbaRecord, type TargetArea,
} from '../../../contracts/social.ts';

export const CASELLARIO_NS = 'http://inps.it/Casellario';

// ---------------------------------------------------------------------------------------------------------------
// Inputs

/** The body that sends the flow (IdentificazioneFlusso/Ente): the district. */
export interface SiussEnte {
  fiscalCode: string | null;
  name: string;
  /** cadastral (Belfiore) code of the comune where the body has its seat */
  cadastralCode: string | null;
}

/** The beneficiary of a PSA record, as social_persons and the comune of residence know them. */
export interface PsaPerson {
  fiscalCode: string | null;
  familyName: string;
  givenName: string;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  birthPlaceCode: string | null;
  citizenshipCode: string | null;
  /** the member comune of residence: ISTAT code (6 digits) and region (2 digits) */
  comuneIstatCode: string | null;
  regionCode: string | null;
}

/** A benefit's values as the flow carries them (from the intervention, or from the snapshot of what was sent). */
export interface PsaBenefitValues {
  code: string;
  requestedOn: string | null;
  authorisedOn: string | null;
  startOn: string | null;
  endOn: string | null;
  requestProtocol: string | null;
  meansTest: string;
  periodicity: string;
  amountCents: number | null;
  monthlyAmountCents: number | null;
  periodMonths: number | null;
  shareBodyCents: number | null;
  shareUserCents: number | null;
  shareHealthCents: number | null;
  hoursMonthly: number | null;
}

export interface PsaBenefit {
  /** I: insert; C: cancel what was sent before (the first half of a correction) */
  operation: 'I' | 'C';
  values: PsaBenefitValues;
  /** the case was taken in charge (PresaCarico 1) */
  inCharge: boolean;
  targetArea: TargetArea;
  /** the household's ISEE (DSU protocol, year, date), for a means-tested benefit */
  isee: IseeInfo | null;
  /** the SINA assessment; sent with the I record of a non-self-sufficiency benefit */
  sina: SinaAssessment | null;
}

export interface PsaBeneficiary {
  person: PsaPerson;
  benefits: PsaBenefit[];
}

/** A SINBA record with what the export knows of the minor. */
export interface SinbaInput {
  /** IDBeneficiario: a pseudonym (never the fiscal code), at most 20 characters */
  pseudonym: string;
  record: SinbaRecord;
  birthDate: string | null;
  /** the period of the flow: the age band is the minor's age on its last day */
  periodFrom: string;
  periodTo: string;
  isee: IseeInfo | null;
  household: HouseholdMember[];
  regionCode: string | null;
  closeReason: CloseReason | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Codes

/** AreaUtenza of PSA: 1 families and minors, 2 disability and non-self-sufficiency (the elderly too), 3 poverty. */
export const AREA_UTENZA: Record<TargetArea, '1' | '2' | '3'> = {
  famiglie_minori: '1',
  disabilita_non_autosufficienza: '2',
  anziani: '2',
  adulti_poverta: '3',
};

/** MotivazioneChiusuraCarico of SINBA from the case's close reason (9 = altro where the XSD has no match). */
const CLOSE_REASON_SINBA: Record<CloseReason, string> = {
  goals_reached: '4', refused: '5', unreachable: '7', deceased: '8', came_of_age: '3', moved_away: '9', transferred: '9', other: '9',
};

/** Whole years of age on `on` (YYYY-MM-DD) of a person born on `birthDate`. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** FasciaEtaBeneficiario: 1 = 0-3 years, 2 = 3-6, 3 = 6-9, 4 = 9-12, 5 = 12-15, 6 = 15-18; null from 18. */
export function sinbaAgeBand(age: number): string | null {
  if (age < 0 || age >= 18) return null;
  return String(Math.floor(age / 3) + 1);
}

/** FasciaISEEBeneficiario from the ISEE in cents: 1 = 0, 2 = up to 3,000 €, 3 = to 6,000 … 7 = to 20,000, 8 = over. */
export function sinbaIseeBand(valueCents: number): string {
  if (valueCents <= 0) return '1';
  const limits = [300_000, 600_000, 900_000, 1_200_000, 1_500_000, 2_000_000];
  const i = limits.findIndex((l) => valueCents <= l);
  return String(i === -1 ? 8 : i + 2);
}

/** Cents as the XSD's xs:decimal with a dot: 123450 → "1234.50". */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Required fields

const CF_PATTERN = /^(([A-Za-z]{6}\d{2}[A-Za-z]\d{2}[A-Za-z][A-Za-z0-9]{3}[A-Za-z])|(\d{11} {0,5}))$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_YEAR = /^((0[1-9])|(1[0-2]))[/](19|20)[0-9]{2}$/;
const codeIn = (v: unknown, max: number) => typeof v === 'string' && /^[0-9]{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= max;
const benefitCode = (v: unknown) => typeof v === 'string' && v.length >= 5 && v.length <= 10;

/** What the sending body lacks for either flow. */
export function enteMissing(ente: SiussEnte): string[] {
  const missing: string[] = [];
  if (!ente.fiscalCode || !CF_PATTERN.test(ente.fiscalCode)) missing.push("codice fiscale dell'ente");
  if (!ente.cadastralCode || ente.cadastralCode.length !== 4) missing.push("codice catastale del comune sede dell'ente");
  if (!ente.name.trim()) missing.push("denominazione dell'ente");
  return missing;
}

function personMissing(p: PsaPerson): string[] {
  const missing: string[] = [];
  if (!p.fiscalCode) missing.push('codice fiscale');
  else if (!CF_PATTERN.test(p.fiscalCode)) missing.push('codice fiscale nel formato accettato dal Casellario');
  if (!p.familyName.trim()) missing.push('cognome');
  if (!p.givenName.trim()) missing.push('nome');
  if (!p.birthDate || !DATE.test(p.birthDate)) missing.push('data di nascita');
  if (!p.birthPlaceCode || p.birthPlaceCode.length !== 4) missing.push('luogo di nascita');
  if (!p.sex) missing.push('sesso');
  if (!p.citizenshipCode || !/^[0-9]{3}$/.test(p.citizenshipCode)) missing.push('cittadinanza');
  if (!p.comuneIstatCode || !/^[0-9]{6}$/.test(p.comuneIstatCode)) missing.push('codice ISTAT del comune di residenza');
  return missing;
}

/** What a SINA assessment lacks (each name says it is of the SINA assessment). */
export function sinaMissing(s: SinaAssessment | null): string[] {
  if (!s) return ['valutazione SINA'];
  const missing: string[] = [];
  const need = (ok: boolean, name: string) => { if (!ok) missing.push(`${name} (SINA)`); };
  need(codeIn(s.mobility, 3), 'mobilità');
  need(codeIn(s.dailyLiving, 3), 'attività della vita quotidiana');
  need(s.cognitive === undefined || s.cognitive === null || codeIn(s.cognitive, 3), "disturbi dell'area cognitiva");
  need(codeIn(s.behavioural, 2), 'disturbi comportamentali');
  need(codeIn(s.healthCare, 3), 'necessità di cure sanitarie');
  need(codeIn(s.income, 3), 'area reddituale');
  need(codeIn(s.support, 3), 'area del supporto');
  need(codeIn(s.source, 4), 'fonte della valutazione');
  need(codeIn(s.tool, 7), 'strumento di valutazione');
  need(Array.isArray(s.neededInterventions) && s.neededInterventions.length > 0 && s.neededInterventions.every(benefitCode), 'interventi sociali necessari');
  need(Array.isArray(s.invalidity) && s.invalidity.length > 0 && s.invalidity.every((c) => codeIn(c, 8)), 'invalidità civile');
  need(s.invaliditySource === undefined || s.invaliditySource === null || codeIn(s.invaliditySource, 2), "fonte dell'invalidità");
  return missing;
}

/**
 * What a PSA record lacks: the beneficiary's data and the benefit's. For an I record everything the schema and the
 * Casellario require; a C record repeats what was accepted before and is only checked for the benefit's identity.
 */
export function psaMissing(person: PsaPerson, benefit: PsaBenefit): string[] {
  const missing = personMissing(person);
  const v = benefit.values;
  const type = interventionType(v.code);
  if (!type || !benefitCode(v.code)) missing.push('tipo di prestazione (codice del Casellario)');
  if (!v.requestProtocol?.trim()) missing.push('protocollo della domanda');
  if (benefit.operation === 'C') return missing;
  if (!codeIn(v.meansTest, 4)) missing.push('prova dei mezzi');
  if (!codeIn(v.periodicity, 2)) missing.push('carattere della prestazione');
  if (v.periodicity === '1' && !v.startOn) missing.push('data di inizio');
  if (v.periodicity === '2' && !(v.startOn ?? v.authorisedOn)) missing.push('data di erogazione');
  if (type?.unit === 'money' && v.amountCents === null) missing.push('importo della prestazione');
  if (type?.unit === 'hours' && v.hoursMonthly === null) missing.push('ore di servizio al mese');
  if (v.meansTest === '1') {
    const i = benefit.isee;
    if (!i || !i.dsuProtocol?.trim() || !/^[0-9]{4}$/.test(String(i.dsuYear)) || !DATE.test(i.dsuDate ?? '')) missing.push('ISEE (protocollo, anno e data della DSU)');
  }
  if (type?.sina) missing.push(...sinaMissing(benefit.sina));
  return missing;
}

/** What a SINBA record lacks (names of the SINBA record, and the minor's birth date). */
export function sinbaMissing(input: SinbaInput): string[] {
  const missing: string[] = [];
  if (!input.pseudonym || input.pseudonym.length > 20) missing.push('identificativo del beneficiario');
  if (!input.birthDate || !DATE.test(input.birthDate)) missing.push('data di nascita');
  else if (ageOn(input.birthDate, input.periodFrom) >= 18) missing.push('data di nascita (il beneficiario non era minorenne nel periodo)');
  const r = input.record;
  const need = (ok: boolean, name: string) => { if (!ok) missing.push(`${name} (SINBA)`); };
  need(codeIn(r.unaccompaniedForeignMinor, 2), 'minore straniero non accompagnato');
  need(codeIn(r.condition, 5), 'condizione del minore');
  need(codeIn(r.livingPlace, 8), 'luogo di vita');
  need(codeIn(r.school, 8), 'scuola frequentata');
  need(codeIn(r.work, 4), 'condizione lavorativa');
  need(codeIn(r.disability, 2), 'disabilità');
  need(r.disability !== '1' || codeIn(r.disabilityType, 4), 'tipo di disabilità');
  need(Array.isArray(r.household) && r.household.length > 0 && r.household.every((c) => codeIn(c, 6)), 'composizione della famiglia');
  need(codeIn(r.reportSource, 14), 'fonte della segnalazione');
  need(typeof r.firstReportMonth === 'string' && MONTH_YEAR.test(r.firstReportMonth), 'mese della prima segnalazione');
  need(codeIn(r.minorAssessment, 13), 'valutazione del minore');
  need(codeIn(r.familyAssessment, 13), 'valutazione della famiglia');
  need(codeIn(r.reportedToCourt, 2), "segnalazione all'autorità giudiziaria");
  need(codeIn(r.courtMeasure, 2), 'provvedimento giudiziario');
  need(r.courtMeasure !== '1' || codeIn(r.courtMeasureType, 8), 'tipo di provvedimento giudiziario');
  need(!r.courtAuthority || codeIn(r.courtAuthority, 4), 'autorità del provvedimento');
  need(Array.isArray(r.interventions) && r.interventions.length > 0 && r.interventions.every(benefitCode), 'prestazioni erogate al minore');
  return missing;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing XML

/** Characters XML 1.0 does not allow at all (C0 controls but tab, newline, carriage return; lone surrogates; U+FFFE/F). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** An attribute value: & < > " ' escaped, whitespace controls kept as character references, the rest dropped. */
export function escapeAttr(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"'\t\n\r]/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
  })[c]!);
}

/** At most `max` characters (code points), for the schema's maxLength. */
const clip = (s: string, max: number) => [...s.trim()].slice(0, max).join('');

type Attr = readonly [name: string, value: string | number | null | undefined];

function element(indent: number, name: string, attrs: readonly Attr[], children: string[] = [], text?: string): string {
  const pad = '  '.repeat(indent);
  const a = attrs.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`).join('');
  if (text !== undefined) return `${pad}<${name}${a}>${escapeAttr(text)}</${name}>`;
  if (!children.length) return `${pad}<${name}${a}/>`;
  return `${pad}<${name}${a}>\n${children.join('\n')}\n${pad}</${name}>`;
}

function document(fileName: string, ente: SiussEnte, body: string[]): string {
  if (fileName.length > 50) throw new Error(`the flow's name is longer than 50 characters: ${fileName}`);
  const enteMissingNow = enteMissing(ente);
  if (enteMissingNow.length) throw new Error(`the sending body lacks: ${enteMissingNow.join(', ')}`);
  const identification = element(1, 'IdentificazioneFlusso', [['Nome', fileName]], [
    element(2, 'Ente', [['Codice', ente.fiscalCode], ['Denominazione', clip(ente.name, 100)], ['Indirizzo', ente.cadastralCode], ['CFOperatore', ente.fiscalCode]]),
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Flusso xmlns="${CASELLARIO_NS}">\n${[identification, ...body].join('\n')}\n</Flusso>\n`;
}

const money = (c: number | null) => (c === null ? null : euros(c));

function sinaElement(indent: number, s: SinaAssessment): string {
  return element(indent, 'SINA', [
    ['Mobilita', s.mobility], ['AttivitaVitaQuotidiana', s.dailyLiving], ['DisturbiAreaCognitiva', s.cognitive ?? null],
    ['DisturbiComportamentali', s.behavioural], ['NecessitaCureSanitarie', s.healthCare], ['AreaReddituale', s.income],
    ['AreaSupporto', s.support], ['FonteDerivazioneValutazione', s.source], ['StrumentoValutazione', s.tool],
    ['FonteDerivazioneInvalidita', s.invaliditySource ?? null],
  ], [
    element(indent + 1, 'NecessitaInterventiSociali', [], [...new Set(s.neededInterventions)].map((c) => element(indent + 2, 'CodicePrestazione', [], [], c))),
    element(indent + 1, 'InvaliditaCivile', [], [...new Set(s.invalidity)].map((c) => element(indent + 2, 'InvCiv', [], [], c))),
  ]);
}

function benefitElement(indent: number, b: PsaBenefit): string {
  const v = b.values;
  const type = interventionType(v.code)!;
  const oneOff = v.periodicity === '2';
  const dsu = v.meansTest === '1' && b.isee ? b.isee : null;
  const withSina = b.operation === 'I' && type.sina && b.sina;
  return element(indent, 'PrestazioniSociali', [
    ['TipoOperazione', b.operation],
    ['PresenzaProvaMezzi', v.meansTest],
    ['CaratterePrestazione', v.periodicity],
    ['NumeroProtocolloDSU', dsu ? clip(dsu.dsuProtocol, 30) : null],
    ['AnnoProtocolloDSU', dsu ? String(dsu.dsuYear) : null],
    ['DataDSU', dsu ? dsu.dsuDate : null],
    ['CodicePrestazione', v.code],
    ['DenominazionePrestazione', clip(type.name, 200)],
    ['ProtocolloDomanda', clip(v.requestProtocol ?? '', 32)],
    ['DataInizioPrestazione', oneOff ? null : v.startOn],
    ['DataFinePrestazione', oneOff ? null : v.endOn],
    ['DataErogazionePrestazione', oneOff ? (v.startOn ?? v.authorisedOn) : null],
    ['ImportoPrestazione', money(v.amountCents)],
    ['PeriodoErogazione', v.periodMonths],
    ['ImportoMensile', money(v.monthlyAmountCents)],
    ['ImportoQuotaEnte', money(v.shareBodyCents)],
    ['ImportoQuotaUtente', money(v.shareUserCents)],
    ['ImportoQuotaSSN', money(v.shareHealthCents)],
    ['OreServizioMensile', v.hoursMonthly],
    ['PresaCarico', b.inCharge ? '1' : '2'],
    ['AreaUtenza', AREA_UTENZA[b.targetArea]],
  ], withSina ? [sinaElement(indent + 1, b.sina!)] : []);
}

/**
 * The PSA file: one Beneficiario per person (fiscal code) with their benefits, a correction's C record just before
 * its I record. Throws when a record lacks what psaMissing lists: the export checks first and never gets here then.
 */
export function buildPsaXml(input: { fileName: string; ente: SiussEnte; beneficiaries: PsaBeneficiary[] }): string {
  if (!input.beneficiaries.length) throw new Error('a PSA flow needs at least one beneficiary');
  const body = input.beneficiaries.map(({ person: p, benefits }) => {
    if (!benefits.length) throw new Error('a PSA beneficiary needs at least one benefit');
    for (const b of benefits) {
      const missing = psaMissing(p, b);
      if (missing.length) throw new Error(`incomplete PSA record (${b.values.code}): ${missing.join(', ')}`);
    }
    return element(1, 'Beneficiario', [['CodiceFiscale', p.fiscalCode!.toUpperCase()]], [
      element(2, 'Anagrafica', [
        ['Cognome', clip(p.familyName, 36)], ['Nome', clip(p.givenName, 36)], ['AnnoNascita', p.birthDate!.slice(0, 4)],
        ['LuogoNascita', p.birthPlaceCode], ['Genere', p.sex === 'M' ? '1' : '2'], ['CodiceCittadinanza', p.citizenshipCode],
      ]),
      // the comune of residence is a member comune of the district: Italy (100)
      element(2, 'Indirizzo', [['CodiceRegione', p.regionCode && /^[0-9]{2}$/.test(p.regionCode) ? p.regionCode : null], ['CodiceComune', p.comuneIstatCode], ['CodiceNazione', '100']]),
      ...benefits.map((b) => benefitElement(2, b)),
    ]);
  });
  return document(input.fileName, input.ente, body);
}

/** The attributes and children of one SINBA record, in the schema's order (also what its change fingerprint hashes). */
export function sinbaElement(input: SinbaInput, indent = 1): string {
  const missing = sinbaMissing(input);
  if (missing.length) throw new Error(`incomplete SINBA record: ${missing.join(', ')}`);
  const r = input.record;
  const age = Math.min(ageOn(input.birthDate!, input.periodTo), 17); // a minor who came of age during the period: last band
  const members = input.household.length + 1;
  return element(indent, 'SINBA', [
    ['IDBeneficiario', input.pseudonym],
    ['MinoreStranieroNoAcc', r.unaccompaniedForeignMinor],
    ['CondizioneMinore', r.condition],
    ['LuogoVita', r.livingPlace],
    ['ScuolaFrequentata', r.school],
    ['CondizioneLavoro', r.work],
    ['Disabilita', r.disability],
    ['TipoDisabilita', r.disability === '1' ? r.disabilityType : null],
    ['DataPrimaSegnalazione', r.firstReportMonth],
    ['FonteSegnalazione', r.reportSource],
    ['ValutazioneMinore', r.minorAssessment],
    ['ValutazioneFamigliaMinore', r.familyAssessment],
    ['SegnalazioneAutoritaGiudiziaria', r.reportedToCourt],
    ['ProvvedimentoGiudiziario', r.courtMeasure],
    ['AutoritaProvvedimento', r.courtMeasure === '1' ? r.courtAuthority ?? null : null],
    ['TipoProvvedimentoGiudiziario', r.courtMeasure === '1' ? r.courtMeasureType : null],
    ['MotivazioneChiusuraCarico', input.closeReason ? CLOSE_REASON_SINBA[input.closeReason] : null],
    ['NumeroComponentiISEE', input.isee && members <= 9 ? members : null],
    ['FasciaEtaBeneficiario', sinbaAgeBand(age)],
    ['FasciaISEEBeneficiario', input.isee ? sinbaIseeBand(input.isee.valueCents) : null],
    ['AnnoNascita', input.birthDate!.slice(0, 4)],
    ['CodiceRegioneResidenza', input.regionCode && /^[0-9]{2}$/.test(input.regionCode) ? input.regionCode : null],
    // the minor lives in a member comune of the district: Italy (100)
    ['CodiceNazioneResidenza', '100'],
  ], [
    element(indent + 1, 'Prestazioni', [], [...new Set(r.interventions)].map((c) => element(indent + 2, 'CodicePrestazione', [], [], c))),
    element(indent + 1, 'Famiglia', [], [...new Set(r.household)].map((c) => element(indent + 2, 'ComposizioneFamiglia', [], [], c))),
  ]);
}

/** The SINBA file: one SINBA element per minor. Throws on an incomplete record (see sinbaMissing). */
export function buildSinbaXml(input: { fileName: string; ente: SiussEnte; records: SinbaInput[] }): string {
  if (!input.records.length) throw new Error('a SINBA flow needs at least one record');
  return document(input.fileName, input.ente, input.records.map((r) => sinbaElement(r)));
}

// ---------------------------------------------------------------------------------------------------------------
// Validation against the official schemas (xsd/, copied unchanged from INPS)

export const XSD_FILES = { psa: 'PS_PSA_SINA201806.xsd', sinba: 'SINBA.xsd' } as const;
const xsdText = new Map<string, string>();

/** The path of a flow's schema on disk (the folder ships with the sources). */
export const xsdPath = (flow: keyof typeof XSD_FILES) => new URL(`./xsd/${XSD_FILES[flow]}`, import.meta.url);

/**
 * Validates a built file against its flow's schema (libxml2's xmllint compiled to WebAssembly, in a worker
 * thread). Answers the first errors in xmllint's words, without the file's own text.
 */
export async function validateSiuss(flow: keyof typeof XSD_FILES, xml: string): Promise<{ valid: boolean; errors: string[] }> {
  let schema = xsdText.get(flow);
  if (schema === undefined) {
    schema = readFileSync(xsdPath(flow), 'utf8');
    xsdText.set(flow, schema);
  }
  const result = await validateXML({
    xml: [{ fileName: 'flusso.xml', contents: xml }],
    schema: [{ fileName: XSD_FILES[flow], contents: schema }],
    // a flow of a few thousand records is a few MB: room for it
    maxMemoryPages: 4096,
  });
  return { valid: result.valid, errors: result.errors.slice(0, 10).map((e) => e.rawMessage) };
}
