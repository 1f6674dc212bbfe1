/**
 * The dashboard's choices as they live in the address (so that a view can be bookmarked or sent to someone):
 * ?periodo=30|90|365|personalizzato&dal=&al=&ufficio=&servizio=&ente=
 */
import { addDays, romeToday } from '../../ui/romeTime';

export const PRESETS = ['30', '90', '365'] as const;
export type PeriodChoice = (typeof PRESETS)[number] | 'personalizzato';
export const DEFAULT_PRESET: PeriodChoice = '90';

export interface DashboardParams {
  tenant?: string;
  from?: string;
  to?: string;
  office?: string;
  service?: string;
}

// today's Italian date and day arithmetic, re-exported so that the dashboards keep importing them from here
export { addDays, romeToday };

export const isDate = (v: string | null | undefined): v is string => {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/** The presets a dashboard offers (days, as strings), the one it opens with, and the longest custom period. */
export interface PeriodPresets {
  presets: readonly string[];
  defaultPreset: string;
  maxDays?: number;
}

export const CUSTOM_PERIOD = 'personalizzato';

/** The period chosen in the address (?periodo=…), or the default when it names none of the presets. */
export function periodChoiceOf(search: URLSearchParams, config: PeriodPresets): string {
  const p = search.get('periodo') ?? '';
  return p === CUSTOM_PERIOD || config.presets.includes(p) ? p : config.defaultPreset;
}

export const periodChoice = (search: URLSearchParams) => periodChoiceOf(search, { presets: PRESETS, defaultPreset: DEFAULT_PRESET }) as PeriodChoice;

/** What to ask the API for, from the address. A custom period without both dates asks for the default. */
export function paramsFrom(search: URLSearchParams, today: string): DashboardParams {
  const choice = periodChoice(search);
  const optional = (key: string) => search.get(key) || undefined;
  const common = { tenant: optional('ente'), office: optional('ufficio'), service: optional('servizio') };
  if (choice === 'personalizzato') {
    const from = search.get('dal');
    const to = search.get('al');
    // the server checks the dates again and says what is wrong: a half-typed date is simply not sent
    return { ...common, ...(isDate(from) ? { from } : {}), ...(isDate(to) ? { to } : {}) };
  }
  return { ...common, from: addDays(today, -Number(choice)), to: today };
}
