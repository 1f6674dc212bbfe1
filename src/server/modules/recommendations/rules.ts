/**
 * The evaluator of recommendation rules: pure, no database, no clock of its own. Given one rule, what the platform
 * knows of one citizen (their registry record, the minors in their care, their favourite services), the services
 * the rules name and today's date, it says on which occasions the rule applies today, with the values its texts
 * need. The service (recommendations.service.ts) gathers the profile, keeps the occasions as recommendations and
 * lets go of those that no longer apply.
 */
import type { RecommendationCondition, RecommendationKind } from '../../../contracts/recommendations.ts';
import { addDays, daysBetween, romeDate, romeDayStart } from '../../platform/legal-clock.ts';

/** A body's registry record of the citizen (one per comune that registers them). */
export interface OwnRecord {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  idCardExpiresOn: string | null;
}

export interface MinorInCare {
  fiscalCode: string;
  name: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** the comune whose registry holds the child (their residence) */
  tenantId: string;
}

export interface FavouriteService {
  serviceId: string;
  title: string;
  tenantId: string;
  tenantName: string;
  href: string;
  starredAt: Date;
  version: number;
  /** when the current version was published */
  publishedAt: Date;
}

/** A payment notice falling due: a payable position of the citizen (PaymentsService#payableFor). */
export interface PaymentDue {
  id: string;
  tenantId: string;
  tenantName: string;
  description: string;
  /** YYYY-MM-DD */
  dueOn: string;
  amountCents: number;
  href: string;
}

export interface CitizenProfile {
  fiscalCode: string;
  name: string;
  records: OwnRecord[];
  minors: MinorInCare[];
  favourites: FavouriteService[];
  payments: PaymentDue[];
}

/** A service a rule names by slug, as published now in one body. */
export interface NamedService {
  id: string;
  title: string;
  tenantId: string;
  tenantName: string;
  href: string;
  /** the application window of its current form, when it has one (ISO 8601 instants) */
  window: { opensAt: string; closesAt: string } | null;
}

/** Finds the service of a body by slug (null when the body does not offer it). */
export type ServiceFinder = (tenantId: string, slug: string) => NamedService | null;

/** One occasion on which a rule applies: the advice to make (or keep), before its texts are rendered. */
export interface Occasion {
  /** unique for the rule and the citizen: the child and the window, the card's expiry, the service's version */
  occasion: string;
  kind: RecommendationKind;
  /** whom it is about */
  subject: { fiscalCode: string; name: string; self: boolean };
  /** the body whose service it points at */
  tenantId: string | null;
  /** the values of the placeholders */
  values: Record<string, string>;
  /** YYYY-MM-DD: from when it applies */
  relevantFrom: string;
  /** when the occasion is over (null: while the condition holds) */
  expiresAt: Date | null;
  /** the registry the occasion was read from (its system read is logged when the advice is first made) */
  registry: { tenantId: string } | null;
}

const IT_DAY = new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'UTC' });
/** 2026-11-01 → "1 novembre 2026" */
export const italianDay = (ymd: string) => IT_DAY.format(new Date(`${ymd}T00:00:00Z`));

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Age in completed months on a day. A child born on the 31st completes a month on the last day of a shorter
 * month (born 31 August: 3 months on 30 November), and one born on 29 February completes a year on 28 February.
 */
export function ageInMonths(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let months = (y - by) * 12 + (m - bm);
  if (d < bd && d < daysInMonth(y, m)) months -= 1;
  return months;
}

/** The day a child completes `months` months (the inverse of ageInMonths). */
export function dayOfMonths(birthDate: string, months: number): string {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const total = by * 12 + (bm - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const d = Math.min(bd, daysInMonth(y, m));
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const euro = (cents: number) => new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/\u00a0/g, ' ');

/** The occasions on which one rule applies to one citizen today. */
export function evaluateRule(condition: RecommendationCondition, profile: CitizenProfile, services: ServiceFinder, today: string): Occasion[] {
  switch (condition.type) {
    case 'child_age_at_window':
      return childAgeAtWindow(condition, profile, services, today);
    case 'id_card_expiring':
      return idCardExpiring(condition, profile, services, today);
    case 'favourite_changed':
      return favouriteChanged(condition, profile, today);
    case 'payment_due':
      return paymentDue(condition, profile, today);
  }
}

function childAgeAtWindow(c: Extract<RecommendationCondition, { type: 'child_age_at_window' }>, profile: CitizenProfile, services: ServiceFinder, today: string): Occasion[] {
  const out: Occasion[] = [];
  for (const child of profile.minors) {
    const service = services(child.tenantId, c.serviceSlug);
    if (!service?.window) continue;
    const opens = romeDate(new Date(service.window.opensAt));
    const closes = romeDate(new Date(service.window.closesAt));
    // shown from N days before the opening until the window closes
    if (today < addDays(opens, -c.showDaysBefore) || today > closes) continue;
    // not born yet on the opening day: the family will hear of the next window
    if (child.birthDate > opens) continue;
    const atOpening = ageInMonths(child.birthDate, opens);
    if (atOpening > c.maxMonths) continue;
    // too young at the opening: counts only when the rule lets the minimum be reached while the window is open
    if (atOpening < c.minMonths && !(c.minReachedBy === 'closing' && ageInMonths(child.birthDate, closes) >= c.minMonths)) continue;
    const months = atOpening;
    out.push({
      occasion: `figlio:${child.fiscalCode}:${service.id}:${opens}`,
      kind: 'life_event',
      subject: { fiscalCode: child.fiscalCode, name: child.name, self: false },
      tenantId: service.tenantId,
      values: {
        figlio: child.name, mesi: String(months), servizio: service.title, ente: service.tenantName,
        apertura: italianDay(opens), chiusura: italianDay(closes), data: italianDay(opens), link_servizio: service.href,
      },
      relevantFrom: addDays(opens, -c.showDaysBefore),
      expiresAt: new Date(service.window.closesAt),
      registry: { tenantId: child.tenantId },
    });
  }
  return out;
}

function idCardExpiring(c: Extract<RecommendationCondition, { type: 'id_card_expiring' }>, profile: CitizenProfile, services: ServiceFinder, today: string): Occasion[] {
  const out: Occasion[] = [];
  for (const record of profile.records) {
    const expires = record.idCardExpiresOn;
    if (!expires) continue;
    const days = daysBetween(today, expires);
    // a card is valid through its expiry day: expired from the day after
    if (days > c.withinDays) continue;
    if (days < 0 && !c.includeExpired) continue;
    const service = services(record.tenantId, c.serviceSlug);
    out.push({
      occasion: `carta:${record.tenantId}:${expires}`,
      kind: 'deadline',
      subject: { fiscalCode: profile.fiscalCode, name: profile.name, self: true },
      tenantId: record.tenantId,
      values: {
        data: italianDay(expires),
        giorni: String(Math.max(days, 0)),
        scadenza: days < 0 ? `è scaduta il ${italianDay(expires)}` : days === 0 ? `scade oggi, ${italianDay(expires)}` : `scade il ${italianDay(expires)}`,
        servizio: service?.title ?? "Carta d'identità elettronica",
        ente: record.tenantName,
        // without the card in the body's catalogue, the body's page
        link_servizio: service?.href ?? `/enti/${encodeURIComponent(record.tenantSlug)}`,
      },
      relevantFrom: addDays(expires, -c.withinDays),
      expiresAt: null,
      registry: { tenantId: record.tenantId },
    });
  }
  return out;
}

function favouriteChanged(c: Extract<RecommendationCondition, { type: 'favourite_changed' }>, profile: CitizenProfile, today: string): Occasion[] {
  const out: Occasion[] = [];
  for (const f of profile.favourites) {
    // a version published after the star; the star's own version is what the citizen saw
    if (f.publishedAt.getTime() <= f.starredAt.getTime()) continue;
    const published = romeDate(f.publishedAt);
    if (daysBetween(published, today) > c.withinDays) continue;
    out.push({
      occasion: `preferito:${f.serviceId}:v${f.version}`,
      kind: 'favourite',
      subject: { fiscalCode: profile.fiscalCode, name: profile.name, self: true },
      tenantId: f.tenantId,
      values: { servizio: f.title, ente: f.tenantName, data: italianDay(published), link_servizio: f.href },
      relevantFrom: published,
      expiresAt: romeDayStart(addDays(published, c.withinDays + 1)),
      registry: null,
    });
  }
  return out;
}

function paymentDue(c: Extract<RecommendationCondition, { type: 'payment_due' }>, profile: CitizenProfile, today: string): Occasion[] {
  return profile.payments
    .filter((p) => daysBetween(today, p.dueOn) <= c.withinDays && daysBetween(today, p.dueOn) >= 0)
    .map((p) => ({
      occasion: `pagamento:${p.id}`,
      kind: 'payment' as const,
      subject: { fiscalCode: profile.fiscalCode, name: profile.name, self: true },
      tenantId: p.tenantId,
      values: {
        servizio: p.description, ente: p.tenantName, data: italianDay(p.dueOn), giorni: String(daysBetween(today, p.dueOn)),
        importo: euro(p.amountCents), link_servizio: p.href,
      },
      relevantFrom: addDays(p.dueOn, -c.withinDays),
      expiresAt: romeDayStart(addDays(p.dueOn, 1)),
      registry: null,
    }));
}

/** The names written as {{name}} in a text. */
export const placeholdersIn = (text: string): string[] => [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]!);

/** A template with its placeholders filled in (an unknown one is left out rather than shown in braces). */
export const render = (template: string, values: Record<string, string>): string =>
  template.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_m, name: string) => values[name] ?? '').replace(/[ \t]{2,}/g, ' ').trim();
