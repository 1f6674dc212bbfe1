/**
 * "Per te" as the portal reads it: GET /api/v1/me/recommendations, dismissing one, and the kinds the citizen wants.
 * Under ['me', …], so signing in or out drops them with the rest of the session's data.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Recommendation, RecommendationKind, RecommendationList, RecommendationPreferences } from '../../../contracts/recommendations';
import { RECOMMENDATION_KINDS } from '../../../contracts/recommendations';
import { request } from '../../api/client';

export type { Recommendation, RecommendationKind, RecommendationPreferences };
export { RECOMMENDATION_KINDS };

export const RECOMMENDATIONS_URL = '/area-personale/per-te';

export const recommendationKeys = {
  all: ['me', 'recommendations'] as const,
  list: ['me', 'recommendations', 'list'] as const,
  preferences: ['me', 'recommendations', 'preferences'] as const,
};

const enc = encodeURIComponent;

export const recommendationsApi = {
  list: (signal?: AbortSignal) => request<RecommendationList>('/api/v1/me/recommendations', { signal }),
  dismiss: (id: string) => request<void>(`/api/v1/me/recommendations/${enc(id)}/dismiss`, { method: 'POST' }),
  preferences: (signal?: AbortSignal) => request<RecommendationPreferences>('/api/v1/me/recommendations/preferences', { signal }),
  savePreferences: (body: RecommendationPreferences) =>
    request<RecommendationPreferences>('/api/v1/me/recommendations/preferences', { method: 'PUT', body }),
};

export const useRecommendations = () =>
  useQuery({ queryKey: recommendationKeys.list, queryFn: ({ signal }) => recommendationsApi.list(signal), staleTime: 0 });

export const useRecommendationPreferences = () =>
  useQuery({ queryKey: recommendationKeys.preferences, queryFn: ({ signal }) => recommendationsApi.preferences(signal), staleTime: 0 });

/** Hides one for good; the list drops it at once and is read again. */
export function useDismissRecommendation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => recommendationsApi.dismiss(id),
    onSuccess: (_done, id) => {
      queryClient.setQueryData<RecommendationList>(recommendationKeys.list, (list) => list && { items: list.items.filter((r) => r.id !== id) });
      return queryClient.invalidateQueries({ queryKey: recommendationKeys.list });
    },
  });
}

/**
 * Saves the kinds; the list follows (a kind switched back on is evaluated again on the server, just after the
 * answer: the list is read again a moment later too).
 */
export function useSaveRecommendationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecommendationPreferences) => recommendationsApi.savePreferences(body),
    onSuccess: (saved) => {
      queryClient.setQueryData(recommendationKeys.preferences, saved);
      queryClient.setQueryData<RecommendationList>(recommendationKeys.list, (list) => list && { items: list.items.filter((r) => saved.kinds[r.kind]) });
      void queryClient.invalidateQueries({ queryKey: recommendationKeys.list });
      window.setTimeout(() => void queryClient.invalidateQueries({ queryKey: recommendationKeys.list }), 1500);
    },
  });
}
