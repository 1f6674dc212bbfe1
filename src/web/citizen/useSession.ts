/**
 * The citizen's session as the portal sees it: who is signed in with SPID or CIE (an operator's session is "not
 * a citizen"), at which level, whom they act for; plus the addresses of the sign-in steps.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, csrfToken, isApiError } from '../api/client';
import type { CitizenMe, LoginMethod, ServiceAccess, SpidLevel, Subject } from '../api/types';

/** Under ['me', …]: whatever invalidates the session (the back office's sign-in and sign-out) reaches these too. */
export const citizenKeys = {
  session: ['me', 'citizen'] as const,
  subjects: ['me', 'subjects'] as const,
  delegations: ['me', 'delegations'] as const,
  delegationsGiven: ['me', 'delegations-given'] as const,
  providers: ['auth', 'providers'] as const,
};

/** The signed-in citizen, or null (nobody, or an operator). */
export const useCitizen = () =>
  useQuery({
    queryKey: citizenKeys.session,
    queryFn: async ({ signal }): Promise<CitizenMe | null> => {
      // No session cookies at all (the CSRF one is readable and set with the session): nobody to ask about.
      if (!csrfToken()) return null;
      try {
        const me = await api.me(signal);
        return me.kind === 'citizen' ? (me as unknown as CitizenMe) : null;
      } catch (error) {
        if (isApiError(error, 401) || isApiError(error, 403)) return null;
        throw error;
      }
    },
    staleTime: 30_000,
    retry: false,
  });

export const useAuthProviders = () =>
  useQuery({ queryKey: citizenKeys.providers, queryFn: ({ signal }) => api.authProviders(signal), staleTime: 5 * 60_000, retry: false });

export const useSubjects = (enabled: boolean) =>
  useQuery({ queryKey: citizenKeys.subjects, queryFn: ({ signal }) => api.mySubjects(signal), enabled, staleTime: 0 });

export const useDelegations = (enabled: boolean) =>
  useQuery({ queryKey: citizenKeys.delegations, queryFn: ({ signal }) => api.myDelegations(signal), enabled, staleTime: 0 });

/** Switches whom the citizen acts for; the banner and every page follow at once. */
export function useChooseSubject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (choice: Pick<Subject, 'kind' | 'id'>) => api.chooseSubject(choice),
    onSuccess: (chosen) => {
      queryClient.setQueryData<CitizenMe | null>(citizenKeys.session, (me) => (me ? { ...me, actingFor: chosen } : me));
      void queryClient.invalidateQueries({ queryKey: citizenKeys.session });
    },
  });
}

/**
 * Ends the session here, then at the identity provider when it supports it (it shows its own confirmation and
 * comes back to the home page). A full page load either way: nothing personal stays in memory.
 */
export function useLogout() {
  return useMutation({
    mutationFn: () => api.citizenLogout(),
    onSuccess: (result) => {
      window.location.assign(result?.providerLogoutUrl || '/');
    },
  });
}

export const LEVELS = ['SpidL1', 'SpidL2', 'SpidL3'] as const satisfies readonly SpidLevel[];
export const DEFAULT_LEVEL: SpidLevel = 'SpidL2';

/** 'SpidL3' → 3 */
export const levelNumber = (level: SpidLevel): number => Number(level.slice(-1));

export const parseLevel = (value: string | null | undefined): SpidLevel | undefined =>
  (LEVELS as readonly string[]).includes(value ?? '') ? (value as SpidLevel) : undefined;

/** The level a service asks for its online application: level 2 unless the card says otherwise. */
export const serviceLevel = (access: Pick<ServiceAccess, 'authLevel'>): SpidLevel => access.authLevel ?? DEFAULT_LEVEL;

/** True when the service is applied for online through Sportello itself (not on another site). */
export const appliesOnlineHere = (access: Pick<ServiceAccess, 'online' | 'onlineUrl'>): boolean => access.online && !access.onlineUrl;

/** Only a path on this site ("/…", never "//host" or "/\host"). */
export const safeReturnTo = (value: string | null | undefined, fallback = '/area-personale'): string =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') && !/[\u0000-\u001f]/.test(value) ? value : fallback;

/** The portal's sign-in page (/accedi), asking for `level` when it is not the usual one. */
export function loginPageUrl(opts: { returnTo?: string; level?: SpidLevel } = {}): string {
  const query = new URLSearchParams();
  if (opts.level && opts.level !== DEFAULT_LEVEL) query.set('level', opts.level);
  if (opts.returnTo) query.set('returnTo', opts.returnTo);
  const text = query.toString();
  return text ? `/accedi?${text}` : '/accedi';
}

/** Straight to the identity provider (a browser navigation, not a fetch). */
export function providerLoginUrl(opts: { method: LoginMethod; level: SpidLevel; returnTo: string }): string {
  const query = new URLSearchParams({ method: opts.method, level: opts.level, returnTo: opts.returnTo });
  return `/auth/login?${query.toString()}`;
}

export const startPageUrl = (tenantSlug: string, serviceSlug: string) =>
  `/enti/${encodeURIComponent(tenantSlug)}/servizi/${encodeURIComponent(serviceSlug)}/domanda`;

export const PERSONAL_AREA = '/area-personale';
export const CHOOSE_SUBJECT_URL = `${PERSONAL_AREA}#per-chi-operi`;

/** "Giulia Ferrari" → "GF" */
export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => part[0]!.toLocaleUpperCase('it'))
    .filter((_, i, all) => i === 0 || i === all.length - 1)
    .join('');
