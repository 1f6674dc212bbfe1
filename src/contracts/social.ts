/**
 * Social services of a district (ambito sociale), shared by server and web: first contacts (segretariato sociale),
 * case files (cartelle sociali), the diary, the individual plan's interventions, the SINA and SINBA assessments
 * sent to INPS's Casellario dell'Assistenza (SIUSS), the exports and the district's figures.
 *
 * API (all under /api/v1/social, social workers of the district unless said otherwise):
 *   GET  /comuni                                   the district's comuni the worker may act in
 *   GET  /persons?q=                               people known to the social services (fiscal code or name)
 *   GET  /registry-lookup?fiscalCode=&comuneId=    a resident from the comune's registry, to prefill (logged read)
 *   GET|POST /contacts                             first contacts (POST may open a case)
 *   GET  /cases?q=&status=&comuneId=&targetArea=&alert=&cursor=
 *   GET|PATCH /cases/{caseId}                      opening a case is written to the person's access log
 *   POST /cases/{caseId}/transitions/{action}      take_charge | close | reopen
 *   GET  /cases/{caseId}/history
 *   GET|POST /cases/{caseId}/diary
 *   POST /cases/{caseId}/interventions;  PATCH /cases/{caseId}/interventions/{interventionId}
 *   GET|PUT /cases/{caseId}/reserved               court measures and health data: the reserved permission
 *   PUT  /cases/{caseId}/assessments/sina, /cases/{caseId}/assessments/sinba
 *   POST /exports/preview;  GET|POST /exports;  GET /exports/{exportId}/file     the district's coordinator
 *   GET  /figures?from=&to=&comuneId=&targetArea=;  GET /figures/export?format=csv|xlsx   (also managers, admins)
 * Amounts are integers in cents; dates are YYYY-MM-DD (Europe/Rome calendar days).
 */

export const TARGET_AREAS = ['famiglie_minori', 'disabilita_non_autosufficienza', 'adulti_poverta', 'anziani'] as const;
export type TargetArea = (typeof TARGET_AREAS)[number];
export const TARGET_AREA_LABELS: Record<TargetArea, string> = {
  famiglie_minori: 'Famiglie e minori',
  disabilita_non_autosufficienza: 'Disabilità e non autosufficienza',
  adulti_poverta: 'Adulti e povertà',
  anziani: 'Anziani',
};

export const SECTORS = ['servizio_sociale_base', 'tutela_minori', 'disabilita', 'anziani', 'inclusione'] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = {
  servizio_sociale_base: 'Servizio sociale di base',
  tutela_minori: 'Tutela minori',
  disabilita: 'Servizio disabilità',
  anziani: 'Servizio anziani',
  inclusione: 'Inclusione sociale e lavorativa',
};

export const CASE_STATUSES = ['reported', 'open', 'in_charge', 'closed', 'reopened'] as const;
/** reported: a report came in, no case work yet; open: assessment under way; in_charge: taken in charge (presa in carico); closed with a reason; reopened after a closure */
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  reported: 'Segnalato',
  open: 'Aperto',
  in_charge: 'Preso in carico',
  closed: 'Chiuso',
  reopened: 'Riaperto',
};
export const CASE_ACTIONS = ['take_charge', 'close', 'reopen'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CLOSE_REASONS = ['goals_reached', 'moved_away', 'transferred', 'refused', 'unreachable', 'deceased', 'came_of_age', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  goals_reached: 'Obiettivi del progetto raggiunti',
  moved_away: 'Trasferimento di residenza',
  transferred: 'Passaggio ad altro servizio',
  refused: "Rinuncia dell'interessato",
  unreachable: 'Irreperibilità',
  deceased: 'Decesso',
  came_of_age: 'Raggiunta la maggiore età',
  other: 'Altro motivo',
};

export const CONTACT_CHANNELS = ['in_person', 'phone', 'email', 'home_visit', 'other_service'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = {
  in_person: 'Di persona allo sportello',
  phone: 'Telefono',
  email: 'E-mail o PEC',
  home_visit: 'Visita domiciliare',
  other_service: 'Invio da un altro servizio',
};

export const REQUESTER_KINDS = ['self', 'family', 'neighbour', 'school', 'health_service', 'police', 'court', 'other_service', 'other'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];
export const REQUESTER_KIND_LABELS: Record<RequesterKind, string> = {
  self: 'La persona stessa',
  family: 'Un familiare',
  neighbour: 'Vicinato o conoscenti',
  school: 'Scuola',
  health_service: 'Servizi sanitari, medico o pediatra',
  police: "Forze dell'ordine",
  court: 'Autorità giudiziaria',
  other_service: 'Altro servizio sociale',
  other: 'Altro',
};

export const NEEDS = ['economic', 'housing', 'work', 'care', 'family', 'minors_protection', 'disability', 'health', 'addiction', 'violence', 'migration', 'loneliness', 'information', 'other'] as const;
export type Need = (typeof NEEDS)[number];
export const NEED_LABELS: Record<Need, string> = {
  economic: 'Difficoltà economiche',
  housing: 'Problemi abitativi',
  work: 'Lavoro',
  care: 'Assistenza e cura',
  family: 'Relazioni familiari',
  minors_protection: 'Tutela di minori',
  disability: 'Disabilità',
  health: 'Salute',
  addiction: 'Dipendenze',
  violence: 'Violenza o maltrattamento',
  migration: 'Immigrazione',
  loneliness: 'Solitudine e isolamento',
  information: 'Informazioni e orientamento',
  other: 'Altro',
};

export const CONTACT_ANSWERS = ['information', 'referral', 'case_opened'] as const;
export type ContactAnswer = (typeof CONTACT_ANSWERS)[number];
export const CONTACT_ANSWER_LABELS: Record<ContactAnswer, string> = {
  information: 'Informazioni date',
  referral: 'Invio ad altro servizio',
  case_opened: 'Apertura della cartella sociale',
};

export const DIARY_KINDS = ['interview', 'home_visit', 'report', 'assessment', 'meeting', 'note'] as const;
export type DiaryKind = (typeof DIARY_KINDS)[number];
export const DIARY_KIND_LABELS: Record<DiaryKind, string> = {
  interview: 'Colloquio',
  home_visit: 'Visita domiciliare',
  report: 'Relazione',
  assessment: 'Valutazione',
  meeting: "Riunione d'équipe",
  note: 'Annotazione',
};

export const WORKER_ROLES = ['case_manager', 'social_worker', 'educator', 'psychologist', 'other'] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];
export const WORKER_ROLE_LABELS: Record<WorkerRole, string> = {
  case_manager: 'Responsabile del caso',
  social_worker: 'Assistente sociale',
  educator: 'Educatore',
  psychologist: 'Psicologo',
  other: 'Altro professionista',
};

export const INTERVENTION_STATUSES = ['requested', 'authorised', 'delivered', 'ended', 'refused'] as const;
/** requested in the plan; authorised by the service; delivered (being given); ended; refused */
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];
export const INTERVENTION_STATUS_LABELS: Record<InterventionStatus, string> = {
  requested: 'Richiesto',
  authorised: 'Autorizzato',
  delivered: 'In erogazione',
  ended: 'Concluso',
  refused: 'Non concesso',
};

/** PresenzaProvaMezzi of the Casellario. */
export const MEANS_TEST_LABELS = {
  '1': 'Soggetta a ISEE',
  '2': 'Prova dei mezzi diversa dall’ISEE',
  '3': 'Di norma soggetta a ISEE, ma esentata',
  '4': 'Nessuna prova dei mezzi',
} as const;
export type MeansTest = keyof typeof MEANS_TEST_LABELS;
/** CaratterePrestazione of the Casellario. */
export const PERIODICITY_LABELS = { '1': 'Periodica', '2': 'Occasionale (una tantum)' } as const;
export type Periodicity = keyof typeof PERIODICITY_LABELS;

/**
 * The benefits the district gives, with the code under which the Casellario knows them. The codes follow the
 * shape of the national nomenclature of social interventions (a letter, a digit, a dot, two digits); the district
 * replaces them with its own table if INPS has assigned others. `flow` says which flow reports a benefit: every
 * benefit goes in the PSA flow; a non-self-sufficiency benefit carries the SINA block; a minors' case also has its
 * SINBA record.
 */
export interface InterventionType {
  code: string;
  name: string;
  targetAreas: readonly TargetArea[];
  meansTest: MeansTest;
  periodicity: Periodicity;
  /** true when the benefit is for non-self-sufficiency: the PSA record carries the SINA assessment */
  sina: boolean;
  /** how the benefit is measured: money, hours of service a month, or a place in a service */
  unit: 'money' | 'hours' | 'place';
}
export const INTERVENTION_TYPES: readonly InterventionType[] = [
  { code: 'A1.04', name: 'Contributo economico per il sostegno al reddito', targetAreas: ['adulti_poverta', 'famiglie_minori', 'anziani'], meansTest: '1', periodicity: '1', sina: false, unit: 'money' },
  { code: 'A1.05', name: 'Contributo economico una tantum per spese straordinarie', targetAreas: ['adulti_poverta', 'famiglie_minori', 'anziani', 'disabilita_non_autosufficienza'], meansTest: '1', periodicity: '2', sina: false, unit: 'money' },
  { code: 'A1.08', name: 'Contributo per il pagamento del canone di locazione', targetAreas: ['adulti_poverta', 'famiglie_minori'], meansTest: '1', periodicity: '1', sina: false, unit: 'money' },
  { code: 'B1.01', name: 'Assistenza domiciliare socio-assistenziale (SAD)', targetAreas: ['anziani', 'disabilita_non_autosufficienza'], meansTest: '1', periodicity: '1', sina: true, unit: 'hours' },
  { code: 'B1.03', name: 'Assegno di cura per persone non autosufficienti', targetAreas: ['disabilita_non_autosufficienza', 'anziani'], meansTest: '1', periodicity: '1', sina: true, unit: 'money' },
  { code: 'B2.01', name: 'Pasti a domicilio', targetAreas: ['anziani', 'disabilita_non_autosufficienza'], meansTest: '1', periodicity: '1', sina: true, unit: 'money' },
  { code: 'B3.02', name: 'Trasporto sociale verso centri diurni e servizi sanitari', targetAreas: ['disabilita_non_autosufficienza', 'anziani'], meansTest: '4', periodicity: '1', sina: true, unit: 'money' },
  { code: 'C1.01', name: 'Integrazione della retta per centro diurno', targetAreas: ['disabilita_non_autosufficienza', 'anziani'], meansTest: '1', periodicity: '1', sina: true, unit: 'place' },
  { code: 'C2.01', name: 'Integrazione della retta per struttura residenziale', targetAreas: ['anziani', 'disabilita_non_autosufficienza'], meansTest: '1', periodicity: '1', sina: true, unit: 'place' },
  { code: 'D1.01', name: 'Assistenza educativa domiciliare per minori (ADM)', targetAreas: ['famiglie_minori'], meansTest: '4', periodicity: '1', sina: false, unit: 'hours' },
  { code: 'D2.01', name: 'Affido familiare di minore', targetAreas: ['famiglie_minori'], meansTest: '4', periodicity: '1', sina: false, unit: 'money' },
  { code: 'D3.01', name: 'Inserimento di minore in comunità educativa', targetAreas: ['famiglie_minori'], meansTest: '4', periodicity: '1', sina: false, unit: 'place' },
  { code: 'E1.01', name: 'Tirocinio di inclusione sociale', targetAreas: ['adulti_poverta', 'disabilita_non_autosufficienza'], meansTest: '4', periodicity: '1', sina: false, unit: 'money' },
];
export const interventionType = (code: string) => INTERVENTION_TYPES.find((t) => t.code === code);

/** Age bands of the district's figures (people's age on the first day of the period). */
export const AGE_BANDS = ['0-17', '18-34', '35-64', '65-79', '80+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

// ---------------------------------------------------------------------------------------------------------------
// The Casellario's coded assessments. Values are the codes of the XSDs in standards/siuss (labels there).

/** SINA: the assessment of a non-self-sufficient person (PS_PSA_SINA201806.xsd, SINAType). Health data: sealed. */
export interface SinaAssessment {
  /** Mobilita: 1 moves alone, 2 assisted, 3 does not move */
  mobility: '1' | '2' | '3';
  /** AttivitaVitaQuotidiana: 1 autonomous, 2 partly dependent, 3 totally dependent */
  dailyLiving: '1' | '2' | '3';
  /** DisturbiAreaCognitiva (optional): 1 mild, 2 moderate, 3 severe */
  cognitive?: '1' | '2' | '3';
  /** DisturbiComportamentali: 1 absent, 2 present */
  behavioural: '1' | '2';
  /** NecessitaCureSanitarie: 1 low, 2 medium, 3 high */
  healthCare: '1' | '2' | '3';
  /** AreaReddituale: 1 self-sufficient, 2 helped by relatives, 3 in need without help */
  income: '1' | '2' | '3';
  /** AreaSupporto: 1 family network present, 2 partial, 3 absent */
  support: '1' | '2' | '3';
  /** FonteDerivazioneValutazione: 1 UVM, 2 case file, 3 other documents, 4 direct */
  source: '1' | '2' | '3' | '4';
  /** StrumentoValutazione: 1 SVAMA … 7 other */
  tool: '1' | '2' | '3' | '4' | '5' | '6' | '7';
  /** NecessitaInterventiSociali: benefit codes the person needs (at least one) */
  neededInterventions: string[];
  /** InvaliditaCivile: certification codes 1–8 (at least one) */
  invalidity: string[];
  /** FonteDerivazioneInvalidita (optional): 1 certificate checked, 2 the person's statement */
  invaliditySource?: '1' | '2';
  assessedOn: string;
}

/**
 * SINBA: the record of a minor in care (SINBA.xsd, SinbaType). Holds court measures and disability: sealed.
 * Codes as in the XSD; the record's identity in the flow is a pseudonym, never the fiscal code.
 */
export interface SinbaRecord {
  unaccompaniedForeignMinor: '1' | '2';
  /** CondizioneMinore 1–5 */
  condition: string;
  /** LuogoVita 1–8 */
  livingPlace: string;
  /** ScuolaFrequentata 1–8 */
  school: string;
  /** CondizioneLavoro 1–4 */
  work: string;
  disability: '1' | '2';
  /** TipoDisabilita 1–4, when disability = 1 */
  disabilityType?: string;
  /** ComposizioneFamiglia codes 1–6 (at least one) */
  household: string[];
  /** FonteSegnalazione 1–14 */
  reportSource: string;
  /** MM/YYYY of the first report */
  firstReportMonth: string;
  /** ValutazioneMinore 1–13 */
  minorAssessment: string;
  /** ValutazioneFamigliaMinore 1–13 */
  familyAssessment: string;
  /** SegnalazioneAutoritaGiudiziaria: 1 yes, 2 no */
  reportedToCourt: '1' | '2';
  /** ProvvedimentoGiudiziario: 1 yes, 2 no */
  courtMeasure: '1' | '2';
  /** TipoProvvedimentoGiudiziario 1–8, when courtMeasure = 1 */
  courtMeasureType?: string;
  /** AutoritaProvvedimento 1–4, when courtMeasure = 1 */
  courtAuthority?: string;
  /** benefit codes given to the minor (Prestazioni; at least one) */
  interventions: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Views

export interface SocialComune {
  id: string;
  name: string;
  istatCode: string | null;
}

export interface SocialPersonInput {
  fiscalCode?: string | null;
  givenName: string;
  familyName: string;
  birthDate?: string | null;
  sex?: 'M' | 'F' | null;
  birthPlaceCode?: string | null;
  citizenshipCode?: string | null;
  comuneId: string;
  address?: string | null;
  phone?: string | null;
  registryPersonId?: string | null;
}

export interface SocialPerson extends Required<Omit<SocialPersonInput, 'registryPersonId'>> {
  id: string;
  comuneName: string;
  registryPersonId: string | null;
  /** the person's open cases the worker may see (id, reference, status) */
  cases: { id: string; reference: string; status: CaseStatus; targetArea: TargetArea }[];
}

export interface HouseholdMember {
  relation: string;
  name: string;
  birthYear?: number | null;
}

export interface IseeInfo {
  dsuProtocol: string;
  dsuYear: number;
  dsuDate: string;
  valueCents: number;
  validUntil: string;
}

export interface FirstContactInput {
  comuneId: string;
  contactOn: string;
  channel: ContactChannel;
  requesterKind: RequesterKind;
  requesterName?: string | null;
  /** an existing person, or one to record (from the registry or typed) */
  personId?: string | null;
  person?: SocialPersonInput | null;
  targetArea: TargetArea;
  sector: Sector;
  need: Need;
  /** the need in the person's words: sealed at rest */
  needText?: string | null;
  answer: ContactAnswer;
  referralTo?: string | null;
  privacyNoticeGiven: boolean;
}

export interface FirstContact {
  id: string;
  comuneId: string;
  comuneName: string;
  contactOn: string;
  channel: ContactChannel;
  requesterKind: RequesterKind;
  requesterName: string | null;
  person: { id: string; name: string; fiscalCode: string | null } | null;
  targetArea: TargetArea;
  sector: Sector;
  need: Need;
  needText: string | null;
  answer: ContactAnswer;
  referralTo: string | null;
  privacyNoticeGiven: boolean;
  caseId: string | null;
  createdAt: string;
}

export interface CaseAlert {
  kind: 'review_due' | 'intervention_expiring';
  /** YYYY-MM-DD the review is due or the intervention ends */
  on: string;
  label: string;
}

export interface CaseSummary {
  id: string;
  reference: string;
  person: { id: string; name: string; fiscalCode: string | null; birthDate: string | null };
  comuneId: string;
  comuneName: string;
  sector: Sector;
  targetArea: TargetArea;
  status: CaseStatus;
  openedOn: string;
  inChargeOn: string | null;
  nextReviewOn: string | null;
  caseManager: string | null;
  alerts: CaseAlert[];
}

export interface CaseWorker {
  operatorId: string;
  name: string;
  role: WorkerRole;
  since: string;
}

export interface Intervention {
  id: string;
  code: string;
  name: string;
  status: InterventionStatus;
  requestedOn: string;
  authorisedOn: string | null;
  startOn: string | null;
  endOn: string | null;
  requestProtocol: string | null;
  meansTest: MeansTest;
  periodicity: Periodicity;
  amountCents: number | null;
  monthlyAmountCents: number | null;
  periodMonths: number | null;
  shareBodyCents: number | null;
  shareUserCents: number | null;
  shareHealthCents: number | null;
  hoursMonthly: number | null;
  note: string | null;
  /** when last sent to the Casellario; `changedSinceExport`: the next export sends it as a correction */
  exportedAt: string | null;
  changedSinceExport: boolean;
}

export type InterventionInput = Omit<Intervention, 'id' | 'name' | 'exportedAt' | 'changedSinceExport' | 'authorisedOn' | 'status'>
  & { status?: InterventionStatus; authorisedOn?: string | null };

export interface DiaryEntry {
  id: string;
  kind: DiaryKind;
  occurredOn: string;
  reserved: boolean;
  text: string;
  author: string;
  createdAt: string;
}

export interface CaseEvent {
  at: string;
  actor: string;
  kind: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  note: string | null;
}

export interface CaseDetail extends CaseSummary {
  person: SocialPerson & { name: string };
  closeReason: CloseReason | null;
  closeNote: string | null;
  closedOn: string | null;
  firstContactOn: string;
  household: HouseholdMember[];
  isee: IseeInfo | null;
  workers: CaseWorker[];
  interventions: Intervention[];
  /** present when the case is in the SINA or SINBA flow's area; null when not assessed yet */
  sina: SinaAssessment | null;
  sinba: SinbaRecord | null;
  withheldFromSubject: boolean;
  /** what the worker may do here */
  can: { write: boolean; reserved: boolean };
  /** the first contacts that concern the person */
  contacts: FirstContact[];
}

/** Court measures and health data: the reserved part, for workers with the explicit permission. */
export interface ReservedPart {
  courtMeasures: string;
  health: string;
  updatedAt: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Exports to the Casellario

export const EXPORT_FLOWS = ['psa', 'sinba'] as const;
export type ExportFlow = (typeof EXPORT_FLOWS)[number];
export const EXPORT_FLOW_LABELS: Record<ExportFlow, string> = {
  psa: 'PSA — prestazioni sociali (con SINA per la non autosufficienza)',
  sinba: 'SINBA — minori e famiglie in carico',
};

/** A record that cannot go in the file yet, and why (Italian field names as the worker knows them). */
export interface ExportProblem {
  caseId: string;
  reference: string;
  person: string;
  interventionId: string | null;
  intervention: string | null;
  missing: string[];
}

export interface ExportPreview {
  flow: ExportFlow;
  from: string;
  to: string;
  /** records that will go in the file as new */
  inserts: number;
  /** records already sent and changed since: sent as corrections */
  corrections: number;
  /** records already sent and unchanged: not sent again */
  unchanged: number;
  problems: ExportProblem[];
}

export interface SocialExport {
  id: string;
  flow: ExportFlow;
  from: string;
  to: string;
  fileName: string;
  records: number;
  corrections: number;
  sha256: string;
  createdBy: string;
  createdAt: string;
}

// ---------------------------------------------------------------------------------------------------------------
// The district's figures

/** A count that may be suppressed: null with `suppressed` when fewer than 5 people and the viewer is not a social worker of that scope. */
export interface Cell {
  value: number | null;
  suppressed: boolean;
}

export interface FigureRow {
  key: string;
  label: string;
  contacts: Cell;
  cases: Cell;
}

export interface SocialFigures {
  from: string;
  to: string;
  /** true when small cells (under 5 people) are hidden for this viewer */
  suppression: boolean;
  totals: { contacts: Cell; newCases: Cell; casesInCharge: Cell; people: Cell };
  byComune: FigureRow[];
  byNeed: FigureRow[];
  byTargetArea: FigureRow[];
  byAgeBand: FigureRow[];
  byMonth: FigureRow[];
  /** interventions and spending by type (spending = body's share, in cents) */
  interventions: { code: string; name: string; people: Cell; interventions: Cell; spendingCents: number | null; suppressed: boolean }[];
  /** days from first contact to taking in charge */
  waiting: { cases: number; meanDays: number | null; medianDays: number | null; p90Days: number | null; suppressed: boolean };
}

/** Fewer people than this in a cell are hidden outside the social workers' own view. */
export const SMALL_CELL_THRESHOLD = 5;
