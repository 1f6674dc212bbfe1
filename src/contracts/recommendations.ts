/**
 * "Per te": advice built from the citizen's situation, each saying why it is shown. Shapes shared by server and
 * web. The rules that make the advice are data (an administrator edits them); see
 * server/modules/recommendations/rules.ts for how a condition is read.
 */

/** The kinds of advice a citizen can switch on and off. */
export const RECOMMENDATION_KINDS = ['life_event', 'deadline', 'payment', 'favourite'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

/** One piece of advice, as the citizen reads it. */
export interface Recommendation {
  id: string;
  kind: RecommendationKind;
  title: string;
  message: string;
  /** "Perché lo vedi: …": what in the citizen's situation made it appear */
  reason: string;
  /** where to act: a path on the portal (a service card) */
  link: string;
  /** whom it is about: the citizen, or a minor in their care */
  about: { self: boolean; name: string };
  /** the body whose service it points at, when there is one */
  body: { id: string; name: string } | null;
  /** YYYY-MM-DD: from when it applies */
  relevantFrom: string;
  /** when it stops being shown (the window closes, the change is old news), or null while the condition holds */
  expiresAt: string | null;
  createdAt: string;
}

export interface RecommendationList {
  items: Recommendation[];
}

/** Which kinds the citizen wants to see. */
export interface RecommendationPreferences {
  kinds: Record<RecommendationKind, boolean>;
}

/**
 * Conditions a rule can test. Dates are Italian calendar days; "today" is the platform's clock.
 * - child_age_at_window: for each minor in the citizen's care, the age in completed months on the day the
 *   application window of the service `serviceSlug` (in the child's comune) opens is within [minMonths,
 *   maxMonths]; shown from `showDaysBefore` days before the opening until the window closes. With
 *   `minReachedBy: 'closing'`, a child who reaches minMonths while the window is open counts too.
 * - id_card_expiring: the identity card the comune recorded expires within `withinDays` days (and, with
 *   `includeExpired`, one already expired); links to `serviceSlug` of the same comune.
 * - favourite_changed: a favourite service published a new version after it was starred, within `withinDays` days.
 * - payment_due: a payment notice in the citizen's name (or of their account) that is still payable falls due within
 *   `withinDays` days.
 */
export type RecommendationCondition =
  | { type: 'child_age_at_window'; serviceSlug: string; minMonths: number; maxMonths: number; showDaysBefore: number; minReachedBy?: 'opening' | 'closing' }
  | { type: 'id_card_expiring'; withinDays: number; includeExpired: boolean; serviceSlug: string }
  | { type: 'favourite_changed'; withinDays: number }
  | { type: 'payment_due'; withinDays: number };
export type RecommendationConditionType = RecommendationCondition['type'];

/** Which kind of advice each condition makes. */
export const CONDITION_KIND: Record<RecommendationConditionType, RecommendationKind> = {
  child_age_at_window: 'life_event',
  id_card_expiring: 'deadline',
  favourite_changed: 'favourite',
  payment_due: 'payment',
};

/**
 * The placeholders a rule's texts may use, written {{name}}; which ones each condition fills in. `link_servizio`
 * is the path of the service card the advice points at.
 */
export const RULE_PLACEHOLDERS: Record<RecommendationConditionType, readonly string[]> = {
  child_age_at_window: ['figlio', 'mesi', 'servizio', 'ente', 'apertura', 'chiusura', 'data', 'link_servizio'],
  id_card_expiring: ['data', 'giorni', 'scadenza', 'servizio', 'ente', 'link_servizio'],
  favourite_changed: ['servizio', 'ente', 'data', 'link_servizio'],
  payment_due: ['servizio', 'ente', 'data', 'giorni', 'importo', 'link_servizio'],
};

/** A rule as an administrator reads and writes it. */
export interface RecommendationRule {
  id: string;
  key: string;
  /** null: offered by the platform to everyone; else the body's own (replacing the platform's rule of the same key) */
  tenantId: string | null;
  kind: RecommendationKind;
  condition: RecommendationCondition;
  title: string;
  message: string;
  reason: string;
  link: string;
  active: boolean;
  updatedAt: string;
  /** a platform rule that the body replaced with its own of the same key */
  replaced: boolean;
}

/** What an administrator sends to create or change a rule (PUT …/recommendation-rules/{key}). */
export interface RecommendationRuleInput {
  condition: RecommendationCondition;
  title: string;
  message: string;
  reason: string;
  link: string;
  active: boolean;
  /** platform administrators only: the platform's rule rather than their body's */
  platformWide?: boolean;
}
