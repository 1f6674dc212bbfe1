/** "I miei certificati" as the portal reads it: /api/v1/me/certificates and the file of each. */
import type { CertificateKind, CertificatePage, CertificateRequest, CertificateView } from '../../../contracts/certificates';
import { request, toQueryString } from '../../api/client';

export type { CertificateKind, CertificateView };

export const CERTIFICATES_URL = '/area-personale/certificati';
export const CERTIFICATES_PAGE_SIZE = 10;

/** Under ['me', …]: signing in or out (which invalidates ['me']) refreshes it too. */
export const certificateKeys = {
  list: ['me', 'certificates'] as const,
};

const enc = encodeURIComponent;

export const certificatesApi = {
  list: (cursor?: string, signal?: AbortSignal) =>
    request<CertificatePage>(`/api/v1/me/certificates${toQueryString({ cursor, limit: CERTIFICATES_PAGE_SIZE })}`, { signal }),
  issue: (body: CertificateRequest, idempotencyKey: string) =>
    request<CertificateView>('/api/v1/me/certificates', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
  revoke: (id: string, reason: string) => request<CertificateView>(`/api/v1/me/certificates/${enc(id)}/revoke`, { method: 'POST', body: { reason } }),
  /** a plain link: the browser downloads it with the session cookie */
  fileUrl: (id: string) => `/api/v1/me/certificates/${enc(id)}/file`,
};

/** Starts the download of a file the way a click on its link would. */
export function downloadFile(url: string, fileName: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
