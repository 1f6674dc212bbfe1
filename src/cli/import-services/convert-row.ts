/** Pass 1a: one row's cells → a service input, with a message in Italian for every value that cannot be used. */
import { AUDIENCES, type Audience, type ServiceCard, type ServiceCost, type ServiceInput } from '../../contracts/catalog.ts';
import { CATEGORIES, LIFE_EVENTS } from '../../contracts/vocabularies.ts';
import { normaliseName, type Column } from './columns.ts';
import type { RowProblem } from './problems.ts';
import type { ParsedRow } from './read-file.ts';

/** Audience codes, and the Italian words people write for them. */
const AUDIENCE_WORDS = new Map<string, Audience>([
  ...AUDIENCES.map((a) => [a, a] as const),
  ...(
    [
      ['cittadini', 'citizens'], ['cittadino', 'citizens'],
      ['imprese', 'businesses'], ['impresa', 'businesses'], ['aziende', 'businesses'],
      ['professionisti', 'professionals'], ['professionista', 'professionals'],
      ['associazioni', 'associations'], ['associazione', 'associations'],
      ['enti', 'public_bodies'], ['enti_pubblici', 'public_bodies'], ['pubbliche_amministrazioni', 'public_bodies'], ['pa', 'public_bodies'],
    ] as const
  ),
]);

const CATEGORY_WORDS = new Map<string, string>();
for (const c of CATEGORIES) for (const k of [c.code, c.it, c.en]) CATEGORY_WORDS.set(normaliseName(k), c.code);
const LIFE_EVENT_WORDS = new Map<string, string>();
for (const e of LIFE_EVENTS) for (const k of [e.code, e.it, e.en]) LIFE_EVENT_WORDS.set(normaliseName(k), e.code);

const YES = new Set(['si', 's', 'yes', 'y', 'true', 'vero', '1', 'x']);
const NO = new Set(['no', 'n', 'false', 'falso', '0']);

/** sì/no → boolean; '' → undefined; anything else → an error message. */
export function parseYesNo(raw: string): boolean | undefined | { error: string } {
  if (!raw) return undefined;
  const v = normaliseName(raw);
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return { error: `"${raw}" non è sì o no (expected yes/no)` };
}

/** "16,79" / "16.79" / "€ 1.234,50" / "1234" → cents; null when the text is not an amount in euro. */
export function parseEuroCents(raw: string): number | null {
  const s = raw.replace(/€|\beuro\b|\beur\b/gi, '').replace(/\s+/g, '');
  if (!/^\d[\d.,]*\d$|^\d$/.test(s)) return null;
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let decimalSep: string | null = null;
  if (dots && commas) decimalSep = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
  else if (dots + commas === 1) {
    // one separator: decimal when 1-2 digits follow ("16,79", "5.5"), thousands when 3 do ("1.234")
    const sep = dots ? '.' : ',';
    if (s.length - s.indexOf(sep) - 1 <= 2) decimalSep = sep;
  }
  let intPart = s;
  let decPart = '';
  if (decimalSep) {
    const at = s.lastIndexOf(decimalSep);
    [intPart, decPart] = [s.slice(0, at), s.slice(at + 1)];
    if (decPart.length > 2 || intPart.includes(decimalSep)) return null;
  }
  // what is left may only have thousands separators of one kind, in groups of three digits
  if (/[.,]/.test(intPart)) {
    const groups = intPart.split(/[.,]/);
    if (new Set(intPart.match(/[.,]/g)).size > 1 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3)) return null;
    intPart = groups.join('');
  }
  if (!/^\d+$/.test(intPart) || !/^\d{0,2}$/.test(decPart)) return null;
  return Number(intPart) * 100 + Number(decPart.padEnd(2, '0'));
}

const splitList = (raw: string, sep: RegExp) =>
  raw
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);
const SEMI = /;/;
const PIPE = /[|\n]/;

export function slugify(s: string): string {
  return normaliseName(s).replace(/_/g, '-').slice(0, 120).replace(/-+$/, '');
}

/**
 * A card in the key order PostgreSQL's jsonb gives back (shorter keys first, then bytewise). The catalogue's upsert
 * tells "unchanged" by comparing JSON.stringify of the stored jsonb card with the new one; built in any other order
 * every re-import would publish a new, identical version.
 */
export function inJsonbKeyOrder<T>(value: T): T {
  if (Array.isArray(value)) return value.map(inJsonbKeyOrder) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, inJsonbKeyOrder(v)])) as T;
  }
  return value;
}

export interface ConvertedRow {
  line: number;
  /** tenant slug (or id) the row belongs to; '' when unknown */
  tenant: string;
  input: ServiceInput;
  problems: RowProblem[];
}

/**
 * One row → a service input, with a problem for every value that cannot be converted or is missing. The input is
 * always complete (fallback values where conversion failed) so that later checks can still run on it.
 */
export function convertRow(row: ParsedRow, opts: { tenant?: string } = {}): ConvertedRow {
  const v = row.values;
  const problems: RowProblem[] = (row.issues ?? []).map((i) => ({ line: row.line, ...i }));
  const bad = (column: Column, message: string) => problems.push({ line: row.line, column, message });
  const required = (column: Column, hint = '') => {
    if (!v[column]) bad(column, `obbligatorio: manca il valore${hint} (required)`);
    return v[column];
  };

  // ente
  let tenant = v.ente.toLowerCase();
  const defaultTenant = opts.tenant?.toLowerCase();
  if (!tenant && defaultTenant) tenant = defaultTenant;
  else if (!tenant) bad('ente', 'obbligatorio: indica lo slug dell\'ente oppure usa l\'opzione --tenant (required, or use --tenant)');
  else if (defaultTenant && tenant !== defaultTenant) {
    bad('ente', `la riga è dell'ente "${tenant}" ma hai indicato --tenant ${defaultTenant} (row belongs to another body)`);
  }

  const slug = required('slug', v.titolo ? `; ad esempio "${slugify(v.titolo)}"` : '');
  if (slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
    const hint = slugify(slug);
    bad('slug', `usa solo lettere minuscole senza accenti, numeri e trattini${hint ? `, ad esempio "${hint}"` : ''} (lowercase letters, digits and hyphens only)`);
  }
  const title = required('titolo');

  let category = required('categoria');
  if (category) category = CATEGORY_WORDS.get(normaliseName(category)) ?? category;

  let status: ServiceCard['status'] = 'active';
  if (v.stato) {
    const s = normaliseName(v.stato);
    if (['attivo', 'active'].includes(s)) status = 'active';
    else if (['non_attivo', 'inattivo', 'inactive', 'sospeso'].includes(s)) status = 'inactive';
    else bad('stato', `"${v.stato}" non è ammesso: scrivi "attivo" o "non attivo" (active or inactive)`);
  }

  const shortDescription = required('descrizione_breve');

  const audiences: Audience[] = [];
  if (required('destinatari', `: ad esempio "citizens" o "citizens;businesses"`)) {
    for (const word of splitList(v.destinatari, /[;,]/)) {
      const code = AUDIENCE_WORDS.get(normaliseName(word));
      if (!code) bad('destinatari', `"${word}" non è un destinatario ammesso; usa: ${AUDIENCES.join(', ')} (unknown audience)`);
      else if (!audiences.includes(code)) audiences.push(code);
    }
  }

  const lifeEvents = splitList(v.eventi_vita, SEMI).map((e) => LIFE_EVENT_WORDS.get(normaliseName(e)) ?? e);

  let maxDays = 0;
  if (required('giorni_massimi', ': il numero massimo di giorni per concludere il procedimento')) {
    if (/^\d+$/.test(v.giorni_massimi)) maxDays = Number(v.giorni_massimi);
    else bad('giorni_massimi', `"${v.giorni_massimi}" non è un numero intero di giorni, ad esempio 30 (whole number of days)`);
  }

  const yesNo = (column: Column): boolean | undefined => {
    const r = parseYesNo(v[column]);
    if (r && typeof r === 'object') {
      bad(column, r.error);
      return undefined;
    }
    return r;
  };
  const online = yesNo('online') ?? Boolean(v.descrizione_online || v.url_online);
  const desk = yesNo('sportello') ?? Boolean(v.descrizione_sportello);
  const bookable = yesNo('prenotabile');
  if (!online && !desk && !problems.some((p) => p.column === 'online' || p.column === 'sportello')) {
    bad('online', 'il servizio deve essere accessibile online o allo sportello: scrivi "sì" in almeno una delle due colonne (at least one access channel)');
  }
  if (v.url_online) {
    let ok = false;
    try {
      const u = new URL(v.url_online);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
    } catch {
      ok = false;
    }
    if (!ok) bad('url_online', `"${v.url_online}" non è un indirizzo web completo: deve iniziare con https:// (full https:// address)`);
  }

  const costs: ServiceCost[] = [];
  const costItems = splitList(v.costi, /\|/);
  costItems.forEach((item, i) => {
    const n = costItems.length > 1 ? ` (voce ${i + 1})` : '';
    const m = /^(?:€\s*)?(\d[\d.,]*)\s*(?:€|euro\b|eur\b)?\s*(.*)$/i.exec(item);
    if (!m) {
      if (/^(gratuit[oa]|gratis|nessun costo|free)\b/i.test(item)) costs.push({ amountCents: 0, description: item.charAt(0).toUpperCase() + item.slice(1) });
      else bad('costi', `"${item}"${n}: inizia con l'importo in euro, poi la descrizione, ad esempio "16,79 Diritti fissi" (amount first, then description)`);
      return;
    }
    const cents = parseEuroCents(m[1]);
    const description = m[2].replace(/^[-–:]\s*/, '').trim();
    if (cents === null) bad('costi', `"${m[1]}"${n} non è un importo in euro, ad esempio 16,79 (not an amount in euro)`);
    else if (!description) bad('costi', `"${item}"${n}: manca la descrizione dopo l'importo, ad esempio "16,79 Diritti fissi" (description missing)`);
    else costs.push({ amountCents: cents, description });
  });

  const officeCode = required('ufficio');

  const access: ServiceCard['access'] = {
    online,
    ...(v.descrizione_online ? { onlineDescription: v.descrizione_online } : {}),
    ...(v.url_online ? { onlineUrl: v.url_online } : {}),
    desk,
    ...(v.descrizione_sportello ? { deskDescription: v.descrizione_sportello } : {}),
    ...(bookable !== undefined ? { bookable } : {}),
  };
  const input: ServiceInput = {
    slug,
    title,
    category,
    status,
    ...(v.motivo_stato ? { statusReason: v.motivo_stato } : {}),
    shortDescription,
    description: v.descrizione,
    audienceDescription: v.a_chi_si_rivolge,
    audiences,
    lifeEvents,
    howTo: splitList(v.come_fare, PIPE),
    requirements: splitList(v.cosa_serve, PIPE),
    output: v.cosa_si_ottiene,
    timeLimits: v.tempi,
    maxDays,
    access,
    conditions: v.condizioni,
    costs,
    legalBasis: splitList(v.normativa, PIPE),
    keywords: splitList(v.parole_chiave, SEMI),
    officeCode,
  };
  return { line: row.line, tenant, input: inJsonbKeyOrder(input), problems };
}
