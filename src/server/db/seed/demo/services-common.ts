/**
 * Shared pieces of the demo catalogue: the profile of each demo comune (which office answers for what, and a few
 * local differences) and small helpers that keep the service cards readable.
 */
import type { ServiceAccess, ServiceCost, ServiceInput } from '../../../../contracts/catalog.ts';
import { CASTELROCCA_SLUG, VALDORO_SLUG } from './tenants.ts';

/** Functions of a comune; each maps to an office code of that comune. */
export type Role =
  | 'anagrafe'
  | 'statoCivile'
  | 'elettorale'
  | 'urp'
  | 'tributi'
  | 'scuola'
  | 'cultura'
  | 'sociali'
  | 'edilizia'
  | 'lavoriPubblici'
  | 'ambiente'
  | 'suap'
  | 'polizia';

export interface ComuneProfile {
  key: 'castelrocca' | 'valdoro';
  tenantSlug: string;
  /** e.g. "Castelrocca" */
  name: string;
  /** e.g. "Comune di Castelrocca" */
  ente: string;
  pec: string;
  office: Record<Role, string>;
}

export const CASTELROCCA: ComuneProfile = {
  key: 'castelrocca',
  tenantSlug: CASTELROCCA_SLUG,
  name: 'Castelrocca',
  ente: 'Comune di Castelrocca',
  pec: 'protocollo@pec.castelrocca.example',
  office: {
    anagrafe: 'anagrafe',
    statoCivile: 'anagrafe',
    elettorale: 'anagrafe',
    urp: 'urp',
    tributi: 'tributi',
    scuola: 'scuola',
    cultura: 'scuola',
    sociali: 'sociali',
    edilizia: 'edilizia',
    lavoriPubblici: 'edilizia',
    ambiente: 'edilizia',
    suap: 'suap',
    polizia: 'polizia_locale',
  },
};

export const VALDORO: ComuneProfile = {
  key: 'valdoro',
  tenantSlug: VALDORO_SLUG,
  name: 'Valdoro',
  ente: 'Comune di Valdoro',
  pec: 'comune@pec.valdoro.example',
  office: {
    anagrafe: 'anagrafe',
    statoCivile: 'anagrafe',
    elettorale: 'segreteria',
    urp: 'segreteria',
    tributi: 'tributi',
    scuola: 'istruzione',
    cultura: 'istruzione',
    sociali: 'sociali',
    edilizia: 'tecnico',
    lavoriPubblici: 'tecnico',
    ambiente: 'ambiente',
    suap: 'polizia_locale',
    polizia: 'polizia_locale',
  },
};

/** A service card that depends on the comune; null when that comune does not offer it. */
export type ComuneService = (p: ComuneProfile) => ServiceInput | null;

/** Castelrocca's value or Valdoro's. */
export const pick = <T>(p: ComuneProfile, castelrocca: T, valdoro: T): T => (p.key === 'castelrocca' ? castelrocca : valdoro);

/** Euro to cents, without floating-point surprises. */
export const eur = (amount: number): number => Math.round(amount * 100);

/** Imposta di bollo on applications and certificates (DPR 642/1972, tariffa, art. 1 e 4). */
export const BOLLO = 1600;

export const cost = (amountCents: number, description: string): ServiceCost => ({ amountCents, description });
export const FREE: ServiceCost[] = [{ amountCents: 0, description: 'Il servizio è gratuito.' }];

/** The sentence used for applications filed through Sportello's own online form. */
export const SPID_FORM =
  'Accedi con SPID, CIE o CNS, compila la domanda online e inviala: ricevi subito la ricevuta con il numero di protocollo e puoi seguire la pratica nella tua area personale.';

export const onlineOnly = (onlineDescription: string, onlineUrl?: string): ServiceAccess =>
  onlineUrl ? { online: true, onlineDescription, onlineUrl, desk: false } : { online: true, onlineDescription, desk: false };

export const deskOnly = (deskDescription: string, bookable = true): ServiceAccess => ({ online: false, desk: true, deskDescription, bookable });

export const onlineAndDesk = (
  onlineDescription: string,
  deskDescription: string,
  opts: { onlineUrl?: string; bookable?: boolean; authLevel?: ServiceAccess['authLevel'] } = {},
): ServiceAccess => ({
  online: true,
  onlineDescription,
  ...(opts.onlineUrl ? { onlineUrl: opts.onlineUrl } : {}),
  ...(opts.authLevel ? { authLevel: opts.authLevel } : {}),
  desk: true,
  deskDescription,
  bookable: opts.bookable ?? true,
});

/** Applies every builder to a comune and drops the services that comune does not offer. */
export const build = (p: ComuneProfile, builders: ComuneService[]): ServiceInput[] =>
  builders.map((b) => b(p)).filter((s): s is ServiceInput => s !== null);

/** Public addresses of national services linked from the cards. */
export const URL = {
  anpr: 'https://www.anagrafenazionale.interno.it/servizi-al-cittadino/',
  agendaCie: 'https://www.prenotazionicie.interno.gov.it/',
  impresaInUnGiorno: 'https://www.impresainungiorno.gov.it/',
  inps: 'https://www.inps.it/',
} as const;
