/**
 * "I miei dati": what the bodies hold about the signed-in citizen, each item with where it comes from and when it
 * last changed, and the citizen's reports of a wrong item. Shapes shared by server, web and tests.
 */

/** Where an item comes from: a body's registry, the sign-in (SPID/CIE), the citizen, a body's documents, a delegation. */
export const DATA_SOURCE_KINDS = ['registry', 'login', 'citizen', 'body', 'delegation'] as const;
export type DataSourceKind = (typeof DATA_SOURCE_KINDS)[number];

/** The provenance every item carries: the source in words (Italian, as the body names itself) and the last change. */
export interface DataProvenance {
  /** e.g. "Anagrafe del Comune di Castelrocca", "SPID o CIE, all'accesso", "Inserito da te" */
  source: string;
  sourceKind: DataSourceKind;
  /** ISO date-time of the last change; null when nobody recorded it */
  updatedAt: string | null;
}

/** The fields of a registry record, in the order the page shows them; also the items a citizen may report. */
export const REGISTRY_FIELDS = [
  'given_name', 'family_name', 'sex', 'birth_date', 'birth_place', 'citizenship', 'civil_status', 'address', 'residence_since',
] as const;
export type RegistryField = (typeof REGISTRY_FIELDS)[number];

/** What a report names: a field of the record, the family sheet, the identity card. */
export const REPORTABLE_ITEMS = [...REGISTRY_FIELDS.map((f) => `registry.${f}` as const), 'registry.family', 'document.id_card'] as const;
export type ReportableItem = (typeof REPORTABLE_ITEMS)[number];

export const CIVIL_STATUSES = ['celibe_nubile', 'coniugato', 'unito_civilmente', 'separato', 'divorziato', 'vedovo'] as const;
export type CivilStatus = (typeof CIVIL_STATUSES)[number];

export const FAMILY_RELATIONS = ['intestatario', 'coniuge', 'unito_civilmente', 'convivente', 'figlio', 'genitore', 'altro'] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];

/**
 * One field of a registry record. `value` is the body's own: a code for sex (M/F) and civil status, YYYY-MM-DD for
 * dates, text otherwise; null when the body has not recorded it.
 */
export interface RegistryFieldItem extends DataProvenance {
  field: RegistryField;
  item: ReportableItem;
  value: string | null;
}

export interface FamilyMember {
  name: string;
  relation: FamilyRelation;
  birthDate: string;
  /** under 18 today */
  minor: boolean;
  /** a minor child the citizen is responsible for (they are a parent on the same sheet) */
  inYourCare: boolean;
  /** the citizen themselves */
  you: boolean;
}

export interface FamilySheet extends DataProvenance {
  item: 'registry.family';
  /** the sheet's number in the body's register */
  number: string;
  members: FamilyMember[];
}

/** The identity card the comune issued, as its registry records it; the number is masked but for its ends. */
export interface IdCardItem extends DataProvenance {
  item: 'document.id_card';
  tenant: { id: string; name: string };
  number: string;
  expiresOn: string | null;
  /** expiring: within 90 days */
  state: 'valid' | 'expiring' | 'expired' | 'unknown';
}

/** What one body's registry holds about the citizen. */
export interface RegistryRecord extends DataProvenance {
  tenant: { id: string; slug: string; name: string };
  fields: RegistryFieldItem[];
  family: FamilySheet;
}

export const CONTACT_FIELDS = ['email', 'phone', 'pec'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export interface ContactItem extends DataProvenance {
  field: ContactField;
  value: string | null;
}

export interface DelegationItem extends DataProvenance {
  id: string;
  /** received: the citizen acts for the other person; given: the other person acts for the citizen */
  direction: 'received' | 'given';
  /** the other person */
  name: string;
  purpose: string;
  validUntil: string;
  status: 'active' | 'expired' | 'revoked';
}

/** A document a body issued on one of the citizen's applications (receipt, response, notice). */
export interface IssuedDocumentItem extends DataProvenance {
  id: string;
  kind: string;
  title: string;
  tenant: { id: string; name: string };
  application: { id: string; code: string; serviceTitle: string };
  issuedAt: string;
  revoked: boolean;
  /** where the citizen downloads it (with their session) */
  href: string;
}

export interface MyData {
  fiscalCode: string;
  name: string;
  /** one per body whose registry holds the citizen; empty when none does */
  records: RegistryRecord[];
  contacts: ContactItem[];
  documents: {
    idCards: IdCardItem[];
    delegations: DelegationItem[];
    issued: IssuedDocumentItem[];
  };
}

export const DATA_REPORT_STATUSES = ['open', 'in_progress', 'resolved', 'rejected'] as const;
export type DataReportStatus = (typeof DATA_REPORT_STATUSES)[number];
export const DATA_REPORT_ACTIONS = ['take', 'resolve', 'reject'] as const;
export type DataReportAction = (typeof DATA_REPORT_ACTIONS)[number];

export const DATA_REPORT_LIMITS = { correctionMax: 1000, answerMax: 2000 } as const;

/** A report as its citizen sees it: the office's name, never the operator's. */
export interface MyDataReport {
  id: string;
  tenant: { id: string; name: string };
  office: string | null;
  item: ReportableItem;
  shownValue: string;
  correction: string;
  status: DataReportStatus;
  answer: string | null;
  createdAt: string;
  handledAt: string | null;
}

/** A report as the body's office sees it. */
export interface DataReport extends MyDataReport {
  subject: { fiscalCode: string; name: string };
  handledBy: string | null;
  /** what the viewer may do with it now */
  actions: DataReportAction[];
}

export interface DataReportCounts {
  open: number;
  inProgress: number;
  /** the viewer works on the body's reports (its registry office, or body-wide): the back office shows the page */
  handles: boolean;
}
