import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../api/client';
import { keys } from '../api/queries';
import type { Operator } from '../api/types';

/** The signed-in operator, or null (not signed in, or signed in as someone who is not an operator). */
export const useOperator = () =>
  useQuery({
    queryKey: keys.me,
    queryFn: async ({ signal }): Promise<Operator | null> => {
      try {
        const me = await api.me(signal);
        return me.kind === 'operator' ? (me as Operator) : null;
      } catch (error) {
        if (isApiError(error, 401) || isApiError(error, 403)) return null;
        throw error;
      }
    },
    staleTime: 30_000,
    retry: false,
  });

/**
 * Only paths inside the back office are accepted as a place to return to after login. Without one, /backoffice
 * sends each operator to their start page (the workspace, or the catalogue for administrators).
 */
export const safeReturnTo = (value: string | null): string =>
  value && value.startsWith('/backoffice/') && !value.startsWith('/backoffice/login') && !value.includes('//')
    ? value
    : '/backoffice';
