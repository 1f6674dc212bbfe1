/**
 * Uploads a document of an application with progress (fetch cannot report an upload's progress): the same
 * request as applicationsApi.upload — multipart `requirementId` then `file`, the session's CSRF token, the
 * reader's language — and the same errors (ApiError with the problem+json body).
 */
import type { AttachmentView } from '../../../contracts/applications';
import { ApiError, csrfToken } from '../../api/client';
import type { Problem } from '../../api/types';
import i18n from '../../i18n';

export function uploadWithProgress(
  applicationId: string,
  requirementId: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<AttachmentView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/applications/${encodeURIComponent(applicationId)}/attachments`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', i18n.language || 'it');
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as AttachmentView);
      else reject(new ApiError(xhr.status, body as Problem | null));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('requirementId', requirementId);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
