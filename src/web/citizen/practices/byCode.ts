/**
 * The messages the citizen receives by e-mail, SMS or IO link to the application by its code
 * (/area-personale/pratiche/CR-2026-7KQ4M2), which people can read and type; the page works with the id. The code
 * is found among the citizen's own applications (and those of whom they act for), a page of a hundred at a time.
 */
import { useQuery } from '@tanstack/react-query';
import { applicationsApi } from '../../api/applications';

const CODE = /^[A-Z]{2}-\d{4}-[A-Z0-9]{6}$/i;
const MAX_PAGES = 20;

export const isApplicationCode = (value: string | undefined): value is string => !!value && CODE.test(value);

async function findByCode(code: string, signal?: AbortSignal): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await applicationsApi.list({ limit: 100, cursor }, signal);
    const found = result.items.find((a) => a.code.toUpperCase() === code.toUpperCase());
    if (found) return found.id;
    if (!result.nextCursor) return null;
    cursor = result.nextCursor;
  }
  return null;
}

/** The id of the citizen's application with this code; null when they have none with it. */
export const useApplicationIdByCode = (code: string | undefined) =>
  useQuery({ queryKey: ['applications', 'byCode', code ?? ''], queryFn: ({ signal }) => findByCode(code!, signal), enabled: !!code, staleTime: 60_000 });
