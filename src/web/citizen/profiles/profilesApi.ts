/**
 * The citizen's profiles (as a private individual, as a professional, for companies) and the words the portal
 * uses for them in its addresses: /area-personale/pratiche?profilo=professionista. Under ['me', …], so signing
 * in or out drops them with the rest of the session's data.
 */
import { useQuery } from '@tanstack/react-query';
import type { ProfileKind, ProfileList } from '../../../contracts/profiles';
import { request } from '../../api/client';

export const profileKeys = { list: ['me', 'profiles'] as const };

export const profilesApi = {
  list: (signal?: AbortSignal) => request<ProfileList>('/api/v1/me/profiles', { signal }),
};

export const useProfiles = () =>
  useQuery({ queryKey: profileKeys.list, queryFn: ({ signal }) => profilesApi.list(signal), staleTime: 0 });

/** ?profilo= in the portal's addresses: Italian words, like ?stato=in-corso. */
export const PROFILE_PARAM: Record<ProfileKind, string> = { individual: 'privato', professional: 'professionista', company: 'impresa' };

export const profileFromParam = (value: string | null): ProfileKind | undefined =>
  (Object.entries(PROFILE_PARAM).find(([, v]) => v === value)?.[0] as ProfileKind | undefined) ?? undefined;
