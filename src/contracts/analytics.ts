/**
 * The manager's dashboard of applications (GET /api/v1/analytics/applications and its .csv/.xlsx exports).
 *
 * Every figure is per office × service of one body (tenant), for a period of calendar days in Italy
 * (`from`–`to`, both included, Europe/Rome). Some figures are about the period, some are a picture of today:
 *
 * - about the PERIOD: received, closed, approved, rejected, avgDays, p90Days, onTimeShare, integrationRate,
 *   ratingAverage, ratingCount;
 * - about TODAY, whatever the period: inProgress, waiting, overdue (what is on the desks now).
 *
 * The office is the one that holds the application now (after any reassignment).
 */

export interface AnalyticsFigures {
  /** applications submitted in the period (any status since, withdrawn ones too) */
  received: number;
  /** now submitted, registered or in_progress (open, with the legal clock running) */
  inProgress: number;
  /** now awaiting_citizen: an integration was requested and the legal clock is suspended */
  waiting: number;
  /** now open (submitted, registered, in_progress) with a due date before today */
  overdue: number;
  /** approved or rejected in the period (by the date of the outcome) */
  closed: number;
  /** approved in the period */
  approved: number;
  /** rejected in the period */
  rejected: number;
  /**
   * average processing days of those closed in the period; processing days = calendar days from submission to
   * the outcome (Italian dates) minus the days suspended waiting for the citizen. null when none was closed.
   */
  avgDays: number | null;
  /** 90th percentile (PostgreSQL percentile_cont, interpolated) of the same processing days; null when none */
  p90Days: number | null;
  /**
   * the legal maximum in days (the service's max_days as the card says now). In totals: the common value when
   * every row has the same one, else null.
   */
  maxDays: number | null;
  /** share (0–1) of those closed in the period whose outcome came on or before their due date; null when none */
  onTimeShare: number | null;
  /** share (0–1) of those received in the period with at least one integration request; null when none received */
  integrationRate: number | null;
  /** average citizens' rating (1–5) of the applications received in the period; null when none rated */
  ratingAverage: number | null;
  /** how many applications received in the period were rated */
  ratingCount: number;
}

export interface AnalyticsRow extends AnalyticsFigures {
  /** the office that holds the applications now; null for applications with no office */
  office: { id: string; name: string } | null;
  service: { id: string; title: string };
}

export interface ApplicationsDashboard {
  tenant: { id: string; name: string };
  /** first day of the period, YYYY-MM-DD (default: `to` − 90 days) */
  from: string;
  /** last day of the period, YYYY-MM-DD (default: today in Italy) */
  to: string;
  /** when the figures were computed (ISO 8601) */
  generatedAt: string;
  /** one per office × service with anything to show, by office name then service title */
  rows: AnalyticsRow[];
  /** the same figures across all rows (percentiles and averages over the applications, not over the rows) */
  totals: AnalyticsFigures;
}

export interface ApplicationsDashboardQuery {
  /** body id; default the caller's own. A lead body's manager may name a member body (associated management). */
  tenant?: string;
  from?: string;
  to?: string;
  office?: string;
  service?: string;
}

/** What the dashboard's pickers offer (GET /api/v1/analytics/filters). */
export interface AnalyticsFilters {
  tenant: { id: string; name: string };
  /** the bodies the caller may look at: their own and, under associated management, the members they serve */
  tenants: { id: string; name: string }[];
  /** the body's offices, and any other office holding its applications */
  offices: { id: string; name: string }[];
  /** the body's services that have received applications */
  services: { id: string; title: string }[];
}

/** Longest period the dashboard answers for, in years. */
export const ANALYTICS_MAX_YEARS = 3;
/** Default period length in days. */
export const ANALYTICS_DEFAULT_DAYS = 90;

/** Columns of the CSV and XLSX exports, in order, with their Italian headers. */
export const EXPORT_COLUMNS = [
  { key: 'office', header: 'Ufficio' },
  { key: 'service', header: 'Servizio' },
  { key: 'received', header: 'Ricevute nel periodo' },
  { key: 'inProgress', header: 'In lavorazione oggi' },
  { key: 'waiting', header: 'In attesa del cittadino oggi' },
  { key: 'overdue', header: 'Scadute oggi' },
  { key: 'closed', header: 'Concluse nel periodo' },
  { key: 'approved', header: 'Accolte' },
  { key: 'rejected', header: 'Respinte' },
  { key: 'avgDays', header: 'Giorni medi di lavorazione' },
  { key: 'p90Days', header: 'Giorni al 90° percentile' },
  { key: 'maxDays', header: 'Termine massimo di legge (giorni)' },
  { key: 'onTimeShare', header: 'Concluse nei termini (%)' },
  { key: 'integrationRate', header: 'Con richiesta di integrazione (%)' },
  { key: 'ratingAverage', header: 'Valutazione media (1-5)' },
  { key: 'ratingCount', header: 'Valutazioni' },
] as const;
export type ExportColumnKey = (typeof EXPORT_COLUMNS)[number]['key'];
