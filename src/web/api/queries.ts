import { QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, isApiError } from './client';
import type { ServiceSearchParams, ServiceSearchResult } from './types';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      // Client errors (404, 401, 400) do not get better by retrying.
      retry: (failureCount, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
    },
  },
});

export const keys = {
  tenants: ['tenants'] as const,
  tenant: (idOrSlug: string) => ['tenant', idOrSlug] as const,
  offices: (tenantId: string) => ['offices', tenantId] as const,
  services: (params: ServiceSearchParams) => ['services', params] as const,
  service: (id: string, version?: number) => ['service', id, version ?? 'current'] as const,
  serviceBySlug: (tenant: string, slug: string, version?: number) => ['serviceBySlug', tenant, slug, version ?? 'current'] as const,
  me: ['me'] as const,
};

export const useTenants = () =>
  useQuery({ queryKey: keys.tenants, queryFn: ({ signal }) => api.tenants(signal), staleTime: 5 * 60_000 });

export const useTenant = (idOrSlug: string | undefined) =>
  useQuery({
    queryKey: keys.tenant(idOrSlug ?? ''),
    queryFn: ({ signal }) => api.tenant(idOrSlug!, signal),
    enabled: Boolean(idOrSlug),
  });

export const useOffices = (tenantId: string | undefined) =>
  useQuery({
    queryKey: keys.offices(tenantId ?? ''),
    queryFn: ({ signal }) => api.offices(tenantId!, signal),
    enabled: Boolean(tenantId),
  });

/** Cursor-paginated service search; `fetchNextPage` loads the next page ("Carica altri"). */
export const useServiceSearch = (params: Omit<ServiceSearchParams, 'cursor'>, enabled = true) =>
  useInfiniteQuery({
    queryKey: keys.services(params),
    queryFn: ({ pageParam, signal }) => api.services({ ...params, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: ServiceSearchResult) => last.nextCursor ?? undefined,
    enabled,
  });

export const useService = (id: string | undefined, version?: number) =>
  useQuery({
    queryKey: keys.service(id ?? '', version),
    queryFn: ({ signal }) => api.service(id!, version, signal),
    enabled: Boolean(id),
  });

/** A service card by its citizen address (tenant slug + service slug), optionally an earlier version. */
export const useServiceBySlug = (tenant: string | undefined, slug: string | undefined, version?: number) =>
  useQuery({
    queryKey: keys.serviceBySlug(tenant ?? '', slug ?? '', version),
    queryFn: ({ signal }) => api.serviceBySlug(tenant!, slug!, version, signal),
    enabled: Boolean(tenant && slug),
  });
