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
  serviceIdBySlug: (tenant: string, slug: string) => ['serviceIdBySlug', tenant, slug] as const,
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

/**
 * The API addresses a service by id, the citizen URL by tenant slug + service slug.
 * Resolve the id by walking the tenant's services (cursor pages of 100). Links inside the app pass the id in
 * the navigation state, so this only runs when a card is opened from an external link or a reload.
 */
export async function findServiceIdBySlug(tenant: string, slug: string, signal?: AbortSignal): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await api.services({ tenant, includeInactive: true, limit: 100, cursor }, signal);
    const hit = result.items.find((item) => item.slug === slug);
    if (hit) return hit.id;
    if (!result.nextCursor) return null;
    cursor = result.nextCursor;
  }
  return null;
}

export const useServiceIdBySlug = (tenant: string | undefined, slug: string | undefined, knownId?: string) =>
  useQuery({
    queryKey: keys.serviceIdBySlug(tenant ?? '', slug ?? ''),
    queryFn: ({ signal }) => findServiceIdBySlug(tenant!, slug!, signal),
    enabled: Boolean(tenant && slug) && !knownId,
    staleTime: 10 * 60_000,
  });
