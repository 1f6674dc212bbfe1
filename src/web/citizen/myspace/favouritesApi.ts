/**
 * The citizen's favourite services: the list (for the home page and to know whether a card is starred) and the
 * star toggle. Under ['me', …], so signing in or out drops them with the rest of the session's data.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/client';
import type { TenantRef } from '../../api/types';

export interface FavouriteService {
  serviceId: string;
  slug: string;
  title: string;
  shortDescription?: string;
  tenant: TenantRef;
  status: 'active' | 'inactive';
  /** the card's path on the portal */
  href: string;
  starredAt: string;
}

export const favouriteKeys = { list: ['me', 'favourites'] as const };

const enc = encodeURIComponent;

export const favouritesApi = {
  list: (signal?: AbortSignal) => request<{ items: FavouriteService[] }>('/api/v1/me/favourites', { signal }),
  star: (serviceId: string) => request<void>(`/api/v1/me/favourites/${enc(serviceId)}`, { method: 'PUT' }),
  unstar: (serviceId: string) => request<void>(`/api/v1/me/favourites/${enc(serviceId)}`, { method: 'DELETE' }),
};

/** Only asked for when a citizen is signed in (`enabled`): an anonymous visit costs no request. */
export const useFavourites = (enabled: boolean) =>
  useQuery({ queryKey: favouriteKeys.list, queryFn: ({ signal }) => favouritesApi.list(signal), enabled, staleTime: 30_000, retry: false });

/** Stars or unstars one service, then reads the list again so that the home page shows the change. */
export function useToggleFavourite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ serviceId, starred }: { serviceId: string; starred: boolean }) =>
      starred ? favouritesApi.star(serviceId) : favouritesApi.unstar(serviceId),
    onSuccess: (_done, { serviceId, starred }) => {
      // the button follows at once; the list with its titles and dates comes with the refetch
      queryClient.setQueryData<{ items: FavouriteService[] }>(favouriteKeys.list, (list) =>
        list && !starred ? { items: list.items.filter((f) => f.serviceId !== serviceId) } : list);
      return queryClient.invalidateQueries({ queryKey: favouriteKeys.list });
    },
  });
}
