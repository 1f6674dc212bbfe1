/**
 * Calls and queries of the thread on an application ("filo diretto"), shared by the citizen's page and the back
 * office's panel. Shapes from src/contracts/messaging.ts.
 */
import { useQuery } from '@tanstack/react-query';
import type { ThreadMessage } from '../../../contracts/messaging';
import { request } from '../../api/client';

const enc = encodeURIComponent;

/** The thread's limits (the server checks the same: src/server/modules/messaging/thread.schemas.ts). */
export const THREAD_LIMITS = { bodyMax: 5000, filesMax: 5, fileMaxMb: 10, totalMaxMb: 20 } as const;
export const THREAD_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

export const threadApi = {
  list: (applicationId: string, signal?: AbortSignal) =>
    request<{ items: ThreadMessage[] }>(`/api/v1/applications/${enc(applicationId)}/messages`, { signal }),
  markRead: (applicationId: string) => request<void>(`/api/v1/applications/${enc(applicationId)}/messages/read`, { method: 'POST', body: {} }),
  /** JSON without files, multipart with them; the same key is sent again while the same message is retried */
  send: (applicationId: string, body: string, files: File[], idempotencyKey: string) => {
    const url = `/api/v1/applications/${enc(applicationId)}/messages`;
    const headers = { 'Idempotency-Key': idempotencyKey };
    if (!files.length) return request<ThreadMessage>(url, { method: 'POST', body: { body }, headers });
    const form = new FormData();
    form.append('body', body);
    for (const f of files) form.append('files', f, f.name);
    return request<ThreadMessage>(url, { method: 'POST', body: form, headers });
  },
  fileUrl: (applicationId: string, messageId: string, fileId: string) =>
    `/api/v1/applications/${enc(applicationId)}/messages/${enc(messageId)}/files/${enc(fileId)}`,
};

export const threadKeys = {
  thread: (applicationId: string) => ['applications', 'thread', applicationId] as const,
};

export const useThread = (applicationId: string, enabled = true) =>
  useQuery({
    queryKey: threadKeys.thread(applicationId),
    queryFn: ({ signal }) => threadApi.list(applicationId, signal),
    enabled,
    staleTime: 0,
  });
