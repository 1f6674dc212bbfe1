/**
 * Form state of the service editor and its conversion to the ServiceCard JSON the API expects.
 * Lists keep blank rows while editing; blank rows are dropped when sending, and an index map turns the
 * server's error paths (e.g. "/howTo/2") back into the row the user sees.
 */
import type { ServiceCard } from '../api/types';

export interface CostRow {
  description: string;
  /** euro amount as typed, e.g. "16,20" */
  amount: string;
}

export interface Draft extends Omit<ServiceCard, 'costs' | 'maxDays' | 'statusReason' | 'access'> {
  slug: string;
  statusReason: string;
  maxDays: string;
  access: {
    online: boolean;
    onlineDescription: string;
    onlineUrl: string;
    desk: boolean;
    deskDescription: string;
    bookable: boolean;
  };
  costs: CostRow[];
}

export type ListKey = 'howTo' | 'requirements' | 'legalBasis' | 'keywords' | 'costs';
export const LIST_KEYS: ListKey[] = ['howTo', 'requirements', 'legalBasis', 'keywords', 'costs'];

export const emptyDraft = (): Draft => ({
  slug: '',
  title: '',
  category: '',
  status: 'active',
  statusReason: '',
  shortDescription: '',
  description: '',
  audienceDescription: '',
  audiences: ['citizens'],
  lifeEvents: [],
  howTo: [''],
  requirements: [''],
  output: '',
  timeLimits: '',
  maxDays: '30',
  access: { online: false, onlineDescription: '', onlineUrl: '', desk: true, deskDescription: '', bookable: false },
  conditions: '',
  costs: [],
  legalBasis: [''],
  keywords: [],
  officeCode: '',
});

const centsToText = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

export function draftFromCard(card: ServiceCard, slug = ''): Draft {
  return {
    slug,
    title: card.title ?? '',
    category: card.category ?? '',
    status: card.status ?? 'active',
    statusReason: card.statusReason ?? '',
    shortDescription: card.shortDescription ?? '',
    description: card.description ?? '',
    audienceDescription: card.audienceDescription ?? '',
    audiences: [...(card.audiences ?? [])],
    lifeEvents: [...(card.lifeEvents ?? [])],
    howTo: [...(card.howTo ?? [])],
    requirements: [...(card.requirements ?? [])],
    output: card.output ?? '',
    timeLimits: card.timeLimits ?? '',
    maxDays: String(card.maxDays ?? ''),
    access: {
      online: Boolean(card.access?.online),
      onlineDescription: card.access?.onlineDescription ?? '',
      onlineUrl: card.access?.onlineUrl ?? '',
      desk: Boolean(card.access?.desk),
      deskDescription: card.access?.deskDescription ?? '',
      bookable: Boolean(card.access?.bookable),
    },
    conditions: card.conditions ?? '',
    costs: (card.costs ?? []).map((c) => ({ description: c.description, amount: centsToText(c.amountCents) })),
    legalBasis: [...(card.legalBasis ?? [])],
    keywords: [...(card.keywords ?? [])],
    officeCode: card.officeCode ?? '',
  };
}

/** "16,20" / "16.20" / "1.234,50" / "16" → cents; null when not a valid non-negative amount. */
export function parseEuroToCents(text: string): number | null {
  let value = text.trim().replace(/\s|€/g, '');
  if (!value) return 0;
  if (value.includes(',')) value = value.replace(/\./g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return null;
  return Math.round(Number.parseFloat(value) * 100);
}

export interface FieldError {
  /** normalised path, e.g. "title", "howTo/2", "access/onlineUrl" (UI row indices) */
  key: string | null;
  message: string;
}

export interface Conversion {
  card: ServiceCard;
  /** for each list: position in the sent array → row index in the form */
  indexMaps: Record<ListKey, number[]>;
  /** problems found before sending (amounts, numbers) */
  localErrors: FieldError[];
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

export function draftToCard(draft: Draft, messages: { invalidAmount: string; invalidDays: string }): Conversion {
  const indexMaps = {} as Record<ListKey, number[]>;
  const keep = (key: Exclude<ListKey, 'costs'>) => {
    const map: number[] = [];
    const values: string[] = [];
    draft[key].forEach((value, i) => {
      if (value.trim()) {
        map.push(i);
        values.push(value.trim());
      }
    });
    indexMaps[key] = map;
    return values;
  };
  const localErrors: FieldError[] = [];
  const costMap: number[] = [];
  const costs: ServiceCard['costs'] = [];
  draft.costs.forEach((row, i) => {
    if (!row.description.trim() && !row.amount.trim()) return;
    const cents = parseEuroToCents(row.amount);
    if (cents === null) localErrors.push({ key: `costs/${i}/amountCents`, message: messages.invalidAmount });
    costMap.push(i);
    costs.push({ description: row.description.trim(), amountCents: cents ?? 0 });
  });
  indexMaps.costs = costMap;

  const maxDays = Number(draft.maxDays.trim());
  if (!draft.maxDays.trim() || !Number.isInteger(maxDays) || maxDays < 0) {
    localErrors.push({ key: 'maxDays', message: messages.invalidDays });
  }

  const access: ServiceCard['access'] = {
    online: draft.access.online,
    desk: draft.access.desk,
    bookable: draft.access.bookable,
  };
  const onlineDescription = optional(draft.access.onlineDescription);
  const onlineUrl = optional(draft.access.onlineUrl);
  const deskDescription = optional(draft.access.deskDescription);
  if (onlineDescription) access.onlineDescription = onlineDescription;
  if (onlineUrl) access.onlineUrl = onlineUrl;
  if (deskDescription) access.deskDescription = deskDescription;

  const card: ServiceCard = {
    title: draft.title.trim(),
    category: draft.category,
    status: draft.status,
    shortDescription: draft.shortDescription.trim(),
    description: draft.description.trim(),
    audienceDescription: draft.audienceDescription.trim(),
    audiences: [...draft.audiences],
    lifeEvents: [...draft.lifeEvents],
    howTo: keep('howTo'),
    requirements: keep('requirements'),
    output: draft.output.trim(),
    timeLimits: draft.timeLimits.trim(),
    maxDays: Number.isFinite(maxDays) ? maxDays : 0,
    access,
    conditions: draft.conditions.trim(),
    costs,
    legalBasis: keep('legalBasis'),
    keywords: keep('keywords'),
    officeCode: draft.officeCode,
  };
  const statusReason = optional(draft.statusReason);
  if (statusReason && draft.status === 'inactive') card.statusReason = statusReason;
  return { card, indexMaps, localErrors };
}

/**
 * Server error path → form key. Accepts JSON pointers ("/howTo/2", "/body/title"), dotted paths
 * ("access.onlineUrl", "costs[0].amountCents") and AJV-style "must have required property 'x'" messages.
 */
export function normalisePath(path: string | undefined, message: string, indexMaps: Record<ListKey, number[]>): string | null {
  let p = (path ?? '').trim();
  p = p.replace(/^#/, '').replace(/^\$\.?/, '');
  p = p.replace(/\[(\d+)\]/g, '.$1').replace(/\./g, '/');
  p = p.replace(/^\/+/, '').replace(/^body\//, '').replace(/^body$/, '');
  if (!p) {
    const missing = /required property '([^']+)'/.exec(message);
    if (missing) p = missing[1];
  }
  if (!p) return null;
  const parts = p.split('/');
  const list = parts[0] as ListKey;
  if (LIST_KEYS.includes(list) && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const sent = Number(parts[1]);
    const row = indexMaps[list]?.[sent];
    if (row !== undefined) parts[1] = String(row);
  }
  return parts.join('/');
}

export const fieldId = (key: string) => `f-${key.replace(/\//g, '-')}`;

export const slugify = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
