/** The dashboard API as the page uses it (shapes and the definition of every figure: src/contracts/analytics.ts). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AnalyticsFilters, ApplicationsDashboard } from '../../../contracts/analytics';
import { request, toQueryString } from '../../api/client';
import type { DashboardParams } from './period';

export type { AnalyticsFigures, AnalyticsFilters, AnalyticsRow, ApplicationsDashboard } from '../../../contracts/analytics';

export const useDashboard = (params: DashboardParams) =>
  useQuery({
    queryKey: ['analytics', 'applications', params],
    queryFn: ({ signal }) => request<ApplicationsDashboard>(`/api/v1/analytics/applications${toQueryString(params)}`, { signal }),
    // the figures of the previous choice stay on screen while the new ones load
    placeholderData: keepPreviousData,
  });

export const useDashboardFilters = (tenant: string | undefined) =>
  useQuery({
    queryKey: ['analytics', 'filters', tenant ?? null],
    queryFn: ({ signal }) => request<AnalyticsFilters>(`/api/v1/analytics/filters${toQueryString({ tenant })}`, { signal }),
    staleTime: 5 * 60_000,
  });

/** The same figures as a file; a plain link, so the browser downloads it with the session cookie. */
export const exportUrl = (format: 'csv' | 'xlsx', params: DashboardParams) =>
  `/api/v1/analytics/applications.${format}${toQueryString(params)}`;
