/**
 * Input of the CPSV-AP 3.2.0 export of the service catalogue.
 *
 * The export is a pure function of this value: the caller (route, CLI) reads tenants, offices and the published
 * version of each service from the database and passes them in; nothing here touches the database or the network.
 */
import type { OpeningHours, ServiceCard } from '../../../../contracts/catalog.ts';
import type { VocabularyEntry } from '../../../../contracts/vocabularies.ts';

export interface CatalogExportOffice {
  id: string;
  code: string;
  name: string;
  address: string;
  postalCode: string;
  city: string;
  province: string;
  email?: string;
  phone?: string;
  openingHours: OpeningHours[];
}

export interface CatalogExportTenant {
  id: string;
  slug: string;
  name: string;
  type: string;
  fiscalCode: string;
  ipaCode: string;
  website?: string;
  email?: string;
  phone?: string;
  parentId?: string | null;
  offices: CatalogExportOffice[];
}

export interface CatalogExportService {
  id: string;
  tenantId: string;
  slug: string;
  version: number;
  publishedAt: Date;
  card: ServiceCard;
}

export interface CatalogExportInput {
  /** e.g. "http://localhost:3000"; used to mint IRIs: `${publicUrl}/id/service/${id}` etc. */
  publicUrl: string;
  generatedAt: Date;
  tenants: CatalogExportTenant[];
  services: CatalogExportService[];
  /**
   * Controlled vocabularies to resolve `card.category` and `card.lifeEvents` codes.
   * Defaults to CATEGORIES and LIFE_EVENTS from src/contracts/vocabularies.ts; tests may pass their own.
   */
  vocabularies?: {
    categories?: readonly VocabularyEntry[];
    lifeEvents?: readonly VocabularyEntry[];
  };
}
