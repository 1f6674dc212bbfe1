/**
 * The body's reply templates: ready answers operators insert in a message to the citizen, with placeholders
 * filled from the application ({{codice}}, {{servizio}}, {{ente}}, {{ufficio}}, {{richiedente}}, {{scadenza}}).
 */
import { useQuery } from '@tanstack/react-query';
import type { ApplicationDetail } from '../../../contracts/applications';
import type { ReplyTemplate } from '../../../contracts/messaging';
import { isApiError, request } from '../../api/client';
import { formatDate } from '../../citizen/practices/format';

const enc = encodeURIComponent;

export const REPLY_PLACEHOLDERS = ['codice', 'servizio', 'ente', 'ufficio', 'richiedente', 'scadenza'] as const;

export interface ReplyTemplateInput {
  title: string;
  body: string;
}

export const replyTemplatesApi = {
  list: (signal?: AbortSignal) => request<{ items: ReplyTemplate[] }>('/api/v1/reply-templates', { signal }),
  create: (input: ReplyTemplateInput, idempotencyKey: string) =>
    request<ReplyTemplate>('/api/v1/reply-templates', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  update: (id: string, input: ReplyTemplateInput) => request<ReplyTemplate>(`/api/v1/reply-templates/${enc(id)}`, { method: 'PUT', body: input }),
  remove: (id: string) => request<void>(`/api/v1/reply-templates/${enc(id)}`, { method: 'DELETE' }),
};

export const replyTemplateKeys = { all: ['reply-templates'] as const };

/** The templates; a role without access to them (403) just has none to offer. */
export const useReplyTemplates = (enabled = true) =>
  useQuery({
    queryKey: replyTemplateKeys.all,
    queryFn: async ({ signal }) => {
      try {
        return await replyTemplatesApi.list(signal);
      } catch (error) {
        if (isApiError(error, 403)) return { items: [] };
        throw error;
      }
    },
    enabled,
    staleTime: 60_000,
  });

/** The template's text with the application's values in place of its placeholders; unknown ones stay as written. */
export function fillTemplate(body: string, a: ApplicationDetail, lng: string): string {
  const due = a.clock?.dueDate ?? a.dueDate;
  const values: Record<string, string> = {
    codice: a.code,
    servizio: a.service.title,
    ente: a.tenant.name,
    ufficio: a.office?.office?.name ?? a.tenant.name,
    richiedente: a.subject.name,
    scadenza: due ? formatDate(due, lng) : '',
  };
  return body.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
