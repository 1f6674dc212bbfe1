import { useQuery } from '@tanstack/react-query';
import { deskApi, deskKeys, storedDeviceKey } from '../api/desk';
import { isApiError } from '../api/client';

/** The server refused the key: the device is not (or no longer) paired. Anything else is worth retrying. */
export const isUnpaired = (error: unknown) => isApiError(error) && [400, 401, 403, 404].includes(error.status);

/**
 * The server could not answer (no connection, a failure on its side, or "too many requests" for now): worth trying
 * again, never a refusal to show as an error. Floor devices and the counter page share this one reading.
 */
export const isNetworkFailure = (error: unknown) =>
  Boolean(error) && (!isApiError(error) || error.status >= 500 || error.status === 429);

/** A few seconds, growing, up to half a minute: a kiosk waits out a network drop or a server restart by itself. */
export const retryDelay = (attempt: number) => Math.min(30_000, 1_000 * 2 ** attempt);

/**
 * The paired device this browser is (kiosk or rating tablet), from the key stored at pairing. `unpaired` when there
 * is no key or the server refuses it; network errors and server failures are retried for ever, since nobody is at
 * the device to press "retry".
 */
export function useDevice() {
  const key = storedDeviceKey();
  const query = useQuery({
    queryKey: deskKeys.deviceMe(key),
    queryFn: ({ signal }) => deskApi.deviceMe(key!, signal),
    enabled: Boolean(key),
    retry: (_count, error) => !isUnpaired(error),
    retryDelay,
    staleTime: 5 * 60_000,
    // a revoked device learns it within a few minutes
    refetchInterval: 5 * 60_000,
  });
  const unpaired = !key || (query.isError && isUnpaired(query.error));
  return { key, unpaired, me: query.data, isPending: Boolean(key) && query.isPending && !query.isError };
}
