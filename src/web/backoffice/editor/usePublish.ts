/**
 * Publication of the editor's draft: checks done in the browser, the API call (a new service or a new version,
 * with an Idempotency-Key kept across retries of the same attempt), the caches to refresh, and the outcome —
 * a published version number, or a problem with the fields it concerns.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api, isApiError, newIdempotencyKey } from '../../api/client';
import { keys } from '../../api/queries';
import type { ServiceDetail } from '../../api/types';
import { draftFromCard, draftToCard, normalisePath, type Draft, type FieldError } from '../editorModel';
import { useConversionMessages } from './useEditorDraft';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

interface PublishOptions {
  mode: 'new' | 'edit';
  serviceId: string | undefined;
  draft: Draft | null;
  /** the draft to continue from after a publication */
  reset: (next: Draft) => void;
  /** bring the form back into view (problems are reported on its fields) */
  showForm: () => void;
}

export function usePublish({ mode, serviceId, draft, reset, showForm }: PublishOptions) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const messages = useConversionMessages();

  // A new service is opened at its own address after creation; the version number travels in the state.
  const createdVersion = (location.state as { created?: number } | null)?.created;
  const [published, setPublished] = useState<number | null>(createdVersion ?? null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [sessionExpired, setSessionExpired] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());
  const summaryRef = useRef<HTMLDivElement>(null);
  const successRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (published !== null) successRef.current?.focus();
  }, [published]);

  const report = (message: string, fieldErrors: FieldError[], expired = false) => {
    setProblem(message);
    setErrors(fieldErrors);
    setSessionExpired(expired);
    showForm();
    setTimeout(() => summaryRef.current?.focus(), 0);
  };

  const localErrors = (current: Draft, conversionErrors: FieldError[]): FieldError[] => {
    const found = [...conversionErrors];
    if (mode === 'new') {
      if (!current.slug.trim()) found.push({ key: 'slug', message: t('editor.required') });
      else if (!SLUG.test(current.slug.trim())) found.push({ key: 'slug', message: t('editor.invalidSlug') });
    }
    if (!current.title.trim()) found.push({ key: 'title', message: t('editor.required') });
    if (!current.category) found.push({ key: 'category', message: t('editor.required') });
    return found;
  };

  const refreshCaches = (result: ServiceDetail) => {
    queryClient.setQueryData(keys.service(result.id), result);
    void queryClient.invalidateQueries({ queryKey: ['services'] });
    void queryClient.invalidateQueries({ queryKey: ['service', result.id] });
    void queryClient.invalidateQueries({ queryKey: ['serviceBySlug', result.tenant.slug, result.slug] });
  };

  const publish = async () => {
    if (!draft) return;
    const conversion = draftToCard(draft, messages);
    setPublished(null);
    setSessionExpired(false);
    const local = localErrors(draft, conversion.localErrors);
    if (local.length) {
      report(t('editor.fixErrors'), local);
      return;
    }
    setSubmitting(true);
    try {
      const result =
        mode === 'new'
          ? await api.createService({ slug: draft.slug.trim(), ...conversion.card }, idempotencyKey.current)
          : await api.publishVersion(serviceId!, conversion.card, idempotencyKey.current);
      idempotencyKey.current = newIdempotencyKey();
      refreshCaches(result);
      setErrors([]);
      setProblem(null);
      if (mode === 'new') {
        navigate(`/backoffice/catalogo/${result.id}`, { replace: true, state: { created: result.version } });
        return;
      }
      reset(draftFromCard(result.card, result.slug));
      setPublished(result.version);
    } catch (error) {
      if (!isApiError(error)) {
        report(t('editor.networkError'), []);
        return;
      }
      idempotencyKey.current = newIdempotencyKey();
      if (error.status === 401) {
        report(t('editor.sessionExpired'), [], true);
        return;
      }
      const p = error.problem;
      const items = (p?.errors ?? []).map((e) => ({ key: normalisePath(e.path, e.message, conversion.indexMaps), message: e.message }));
      // A taken address (409) concerns the slug field even when the server names no path.
      if (error.status === 409 && mode === 'new' && items.length === 0) items.push({ key: 'slug', message: p?.detail || t('editor.slugTaken') });
      report(p?.detail || p?.title || t('common.errorBody'), items);
    } finally {
      setSubmitting(false);
    }
  };

  const errorFor = (key: string) => errors.find((e) => e.key === key)?.message;

  return { publish, submitting, published, problem, errors, errorFor, sessionExpired, summaryRef, successRef };
}
