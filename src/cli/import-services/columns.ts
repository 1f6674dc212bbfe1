/** The columns of a services file, and the card field each one fills. */

export const COLUMNS = [
  'ente', 'slug', 'titolo', 'categoria', 'stato', 'motivo_stato', 'descrizione_breve', 'descrizione',
  'a_chi_si_rivolge', 'destinatari', 'eventi_vita', 'come_fare', 'cosa_serve', 'cosa_si_ottiene', 'tempi',
  'giorni_massimi', 'online', 'descrizione_online', 'url_online', 'sportello', 'descrizione_sportello',
  'prenotabile', 'condizioni', 'costi', 'normativa', 'parole_chiave', 'ufficio',
] as const;
export type Column = (typeof COLUMNS)[number];

/** Columns the header must have (ente only when --tenant is not given). */
export const REQUIRED_COLUMNS: Column[] = ['slug', 'titolo', 'categoria', 'descrizione_breve', 'destinatari', 'giorni_massimi', 'ufficio'];

/** Where each field of the card comes from, for messages about schema and vocabulary errors. */
export const FIELD_COLUMN: Record<string, Column> = {
  slug: 'slug',
  title: 'titolo',
  category: 'categoria',
  status: 'stato',
  statusReason: 'motivo_stato',
  shortDescription: 'descrizione_breve',
  description: 'descrizione',
  audienceDescription: 'a_chi_si_rivolge',
  audiences: 'destinatari',
  lifeEvents: 'eventi_vita',
  howTo: 'come_fare',
  requirements: 'cosa_serve',
  output: 'cosa_si_ottiene',
  timeLimits: 'tempi',
  maxDays: 'giorni_massimi',
  'access.online': 'online',
  'access.onlineDescription': 'descrizione_online',
  'access.onlineUrl': 'url_online',
  'access.desk': 'sportello',
  'access.deskDescription': 'descrizione_sportello',
  'access.bookable': 'prenotabile',
  conditions: 'condizioni',
  costs: 'costi',
  legalBasis: 'normativa',
  keywords: 'parole_chiave',
  officeCode: 'ufficio',
};

/** Lowercase, without accents; runs of anything else than letters and digits become one "_". */
export function normaliseName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export const COLUMN_SET = new Set<string>(COLUMNS);
