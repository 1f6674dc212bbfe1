import type { ServiceForm } from './forms.ts';
import type { WorkflowDefinition } from './workflow.ts';
/**
 * Catalogue contracts shared by server, CLI, seed data and web.
 * The card follows the Designers Italia "modello comuni" order:
 * category, title, status, short description, A chi è rivolto, Come fare, Cosa serve,
 * Cosa si ottiene, Tempi e scadenze, Accedi al servizio, Condizioni, Contatti.
 */

export const TENANT_TYPES = ['comune', 'unione_comuni', 'comunita_valle', 'provincia', 'social_district'] as const;
export type TenantType = (typeof TENANT_TYPES)[number];

export const AUDIENCES = ['citizens', 'businesses', 'professionals', 'associations', 'public_bodies'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const SERVICE_STATUSES = ['active', 'inactive'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** One opening-hours line, e.g. { days: [1,2,3,4,5], opens: "09:00", closes: "12:30" } (1 = Monday … 7 = Sunday). */
export interface OpeningHours {
  days: number[];
  opens: string;
  closes: string;
  note?: string;
}

export interface OfficeInput {
  /** stable code within the tenant, e.g. "anagrafe" */
  code: string;
  name: string;
  description?: string;
  address: string;
  postalCode: string;
  city: string;
  province: string;
  email?: string;
  pec?: string;
  phone?: string;
  openingHours: OpeningHours[];
}

export interface TenantInput {
  /** URL-safe, e.g. "comune-di-castelrocca" */
  slug: string;
  name: string;
  type: TenantType;
  fiscalCode: string;
  ipaCode: string;
  aooCode: string;
  /** slug of the parent body (a comune inside a comunità di valle, a comune in a social district) */
  parentSlug?: string;
  website?: string;
  email?: string;
  pec?: string;
  phone?: string;
  // the codes the INPS Casellario needs of a comune (tenants.istat_code, cadastral_code, region_code)
  /** ISTAT code of the comune (6 digits) */
  istatCode?: string;
  /** cadastral (Belfiore) code: a letter and 3 digits */
  cadastralCode?: string;
  /** ISTAT code of the region (2 digits, '03' Lombardia) */
  regionCode?: string;
  offices: OfficeInput[];
}

/** How a person uses the service: online (with a URL or through Sportello's own form) and/or at the desk. */
export interface ServiceAccess {
  online: boolean;
  /** e.g. "Compila la domanda online con SPID o CIE" */
  onlineDescription?: string;
  /** external URL when online is handled elsewhere (ANPR, agenzia entrate…) */
  onlineUrl?: string;
  /** the SPID/CIE level the online application asks for (default SpidL2); a lower session must log in again */
  authLevel?: 'SpidL1' | 'SpidL2' | 'SpidL3';
  desk: boolean;
  /** e.g. "Prenota un appuntamento all'Ufficio Anagrafe" */
  deskDescription?: string;
  bookable?: boolean;
}

export interface ServiceCost {
  /** amount in euro cents; 0 = free */
  amountCents: number;
  description: string;
}

/** The editable content of a service card (one published version). */
export interface ServiceCard {
  title: string;
  /** category code from CATEGORIES (vocabularies.ts) */
  category: string;
  status: ServiceStatus;
  /** why the service is inactive, shown when status = inactive */
  statusReason?: string;
  shortDescription: string;
  /** long description (markdown-light: paragraphs separated by blank lines) */
  description: string;
  /** A chi è rivolto */
  audienceDescription: string;
  audiences: Audience[];
  /** life event codes from LIFE_EVENTS (vocabularies.ts) */
  lifeEvents: string[];
  /** Come fare: ordered steps */
  howTo: string[];
  /** Cosa serve: documents and data needed */
  requirements: string[];
  /** Cosa si ottiene */
  output: string;
  /** Tempi e scadenze: text; maxDays is the legal maximum processing time in days */
  timeLimits: string;
  maxDays: number;
  access: ServiceAccess;
  /** Condizioni: conditions of use / terms */
  conditions: string;
  costs: ServiceCost[];
  /** legal references, e.g. "DPR 223/1989, art. 13" */
  legalBasis: string[];
  /** extra search words (synonyms, acronyms: "CIE", "TARI") */
  keywords: string[];
  /** Contatti: code of the responsible office within the tenant */
  officeCode: string;
  /** the online form, when the service is applied for through Sportello itself */
  form?: ServiceForm;
  /** what happens after submission (steps, visas, who may act, automations); DEFAULT_WORKFLOW when absent */
  workflow?: WorkflowDefinition;
}

export interface ServiceInput extends ServiceCard {
  /** URL-safe, unique within the tenant, e.g. "carta-identita-elettronica" */
  slug: string;
}
