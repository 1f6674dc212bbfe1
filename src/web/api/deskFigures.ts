/** The desk manager's figures as the back-office page asks for them (shapes: DeskFigures in src/contracts/desk.ts). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DeskFigures } from '../../contracts/desk';
import { request, toQueryString } from './client';

export type { DeskCategoryFigures, DeskFigures, DeskHourStaffing } from '../../contracts/desk';
export { SERVICE_LEVEL } from '../../contracts/desk';

export interface DeskFiguresParams {
  office: string;
  from?: string;
  to?: string;
}

export const deskFiguresKeys = {
  offices: ['desk', 'figures', 'offices'] as const,
  figures: (p: DeskFiguresParams) => ['desk', 'figures', p] as const,
};

/** The offices of the body that have a queue (the page's office choice). */
export const useDeskFiguresOffices = () =>
  useQuery({
    queryKey: deskFiguresKeys.offices,
    queryFn: ({ signal }) => request<{ items: { id: string; name: string }[] }>('/api/v1/desk/figures/offices', { signal }),
    staleTime: 5 * 60_000,
  });

export const useDeskFigures = (params: DeskFiguresParams | null) =>
  useQuery({
    queryKey: deskFiguresKeys.figures(params ?? { office: '' }),
    queryFn: ({ signal }) => request<DeskFigures>(`/api/v1/desk/figures${toQueryString(params!)}`, { signal }),
    enabled: !!params?.office,
    // the previous choice's figures stay on screen while the new ones load
    placeholderData: keepPreviousData,
  });

/** The same figures as a file; a plain link, so the browser downloads it with the session cookie. */
export const deskFiguresExportUrl = (format: 'csv' | 'xlsx', params: DeskFiguresParams) => `/api/v1/desk/figures.${format}${toQueryString(params)}`;
