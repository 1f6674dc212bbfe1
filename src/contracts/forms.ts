/**
 * The online form of a service: a JSON Schema (draft-07, which AJV and @rjsf both understand) with a UI
 * schema, how it is split into steps, which fields the body fills in from the data it already holds ("once
 * only"), the documents to attach and the application window. It is part of a service version: publishing a
 * changed form publishes a new version, and a draft keeps the version it was started on.
 *
 * Steps are the top-level properties of the schema, each an object: `schema.properties.richiedente` is the step
 * "Richiedente", and so on, in the order of `steps`. Fields that appear only when relevant use JSON Schema
 * `if`/`then` (or `dependencies`) inside a step; the same schema validates in the browser and on the server.
 */

/** Data the body holds, by where it comes from. `applicant.*` is the person logged in; `subject.*` is whom the
 * application is for (the same person, a minor child, a client with a delegation, or a company). */
export const PREFILL_SOURCES = [
  'applicant.givenName', 'applicant.familyName', 'applicant.fiscalCode', 'applicant.birthDate', 'applicant.birthPlace',
  'applicant.email', 'applicant.phone', 'applicant.address',
  'subject.givenName', 'subject.familyName', 'subject.fiscalCode', 'subject.birthDate', 'subject.birthPlace',
  'subject.citizenship', 'subject.address',
  // the registry's family sheet of the subject: an array of { givenName, familyName, fiscalCode, birthDate, relation }
  'subject.family',
  // a company the applicant represents
  'company.name', 'company.fiscalCode', 'company.legalForm', 'company.address',
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

/** Prefilled values the person may still change (contacts); the others are the body's record and stay locked. */
export const EDITABLE_PREFILL: readonly PrefillSource[] = ['applicant.email', 'applicant.phone'];

/** Human labels of the sources, shown beside a prefilled field ("dal registro della popolazione"). */
export const PREFILL_SOURCE_ORIGIN: Record<PrefillSource, 'spid' | 'registry' | 'company'> = {
  'applicant.givenName': 'spid', 'applicant.familyName': 'spid', 'applicant.fiscalCode': 'spid',
  'applicant.birthDate': 'spid', 'applicant.birthPlace': 'spid', 'applicant.email': 'spid',
  'applicant.phone': 'spid', 'applicant.address': 'spid',
  'subject.givenName': 'registry', 'subject.familyName': 'registry', 'subject.fiscalCode': 'registry',
  'subject.birthDate': 'registry', 'subject.birthPlace': 'registry', 'subject.citizenship': 'registry',
  'subject.address': 'registry', 'subject.family': 'registry',
  'company.name': 'company', 'company.fiscalCode': 'company', 'company.legalForm': 'company', 'company.address': 'company',
};

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** A document to attach ("Cosa serve"): the citizen uploads up to maxFiles files of the allowed types. */
export interface AttachmentRequirement {
  /** stable id within the form, e.g. "documento-identita" */
  id: string;
  title: string;
  description?: string;
  required: boolean;
  /** when set, required only if the JSON pointer's value equals `equals` (e.g. /nuovaResidenza/titolo = "affitto") */
  requiredWhen?: { pointer: string; equals: string | number | boolean };
  maxFiles: number;
  /** per file, in megabytes */
  maxSizeMb: number;
  types: AttachmentType[];
}

export interface FormStep {
  /** the top-level property of the schema this step edits */
  id: string;
  title: string;
  description?: string;
}

export interface ServiceForm {
  /** JSON Schema of the whole application: an object whose top-level properties are the steps */
  schema: Record<string, unknown>;
  /** @rjsf UI schema, keyed like the schema (ui:widget, ui:help, ui:placeholder, ui:options …) */
  uiSchema: Record<string, unknown>;
  steps: FormStep[];
  /** JSON pointer of a field → where its value comes from, e.g. "/richiedente/codiceFiscale": "applicant.fiscalCode" */
  prefill: Record<string, PrefillSource>;
  /** documents to attach, shown as the last step before the summary */
  attachments: AttachmentRequirement[];
  /** at most this many files in all, and this many megabytes in all */
  limits: { maxFiles: number; maxTotalMb: number };
  /** an application window: drafts can be started and sent only between these instants (ISO 8601) */
  window?: { opensAt: string; closesAt: string };
  /** who files it: anyone for themselves (and those they act for), or only someone acting for a client or company */
  filedBy?: 'anyone' | 'representative';
}
