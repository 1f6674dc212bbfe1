/**
 * The filters of "Pagamenti" as they live in the page address, in Italian words
 * (/backoffice/pagamenti?stato=paid&scopo=debt&q=…&dal=2027-01-01&al=…), so that a link or a reload keeps them,
 * and as GET /api/v1/payments takes them. A value that cannot be right (a status that does not exist, a date that
 * is not a date) is dropped rather than sent, so a hand-edited link never ends in an error.
 */
import { PAYMENT_PURPOSES, PAYMENT_STATUSES, type PaymentPurpose, type PaymentStatus } from '../../../contracts/payments';
import { isDay } from './paymentForms';

export interface PaymentFilters {
  status?: PaymentStatus;
  purpose?: PaymentPurpose;
  /** notice number, fiscal code, name or description */
  q?: string;
  from?: string;
  to?: string;
}

export const PARAM = { status: 'stato', purpose: 'scopo', q: 'q', from: 'dal', to: 'al' } as const satisfies Record<keyof PaymentFilters, string>;

export const Q_MAX = 100;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => (value && (values as readonly string[]).includes(value) ? (value as T) : undefined);

export function filtersFromParams(params: URLSearchParams): PaymentFilters {
  const q = (params.get(PARAM.q) ?? '').trim().replace(/\s+/g, ' ').slice(0, Q_MAX);
  const day = (key: 'from' | 'to') => {
    const value = params.get(PARAM[key]) ?? '';
    return isDay(value) ? value : undefined;
  };
  const filters: PaymentFilters = {
    status: oneOf(PAYMENT_STATUSES, params.get(PARAM.status)),
    purpose: oneOf(PAYMENT_PURPOSES, params.get(PARAM.purpose)),
    q: q || undefined,
    from: day('from'),
    to: day('to'),
  };
  // dates the wrong way round would find nothing: swapped, as the operator surely meant
  if (filters.from && filters.to && filters.from > filters.to) [filters.from, filters.to] = [filters.to, filters.from];
  return filters;
}

export function paramsFromFilters(filters: PaymentFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAM) as (keyof PaymentFilters)[]) {
    const value = filters[key];
    if (value) params.set(PARAM[key], value);
  }
  return params;
}

export const hasFilters = (f: PaymentFilters) => Boolean(f.status || f.purpose || f.q || f.from || f.to);

/** A notice number typed with the spaces it is printed with ("3010 0000 …") is searched as its digits. */
export function searchText(text: string): string | undefined {
  const value = text.trim().replace(/\s+/g, ' ');
  if (/^[\d ]{18,}$/.test(value)) return value.replace(/ /g, '');
  return value ? value.slice(0, Q_MAX) : undefined;
}
