/**
 * Publication of the editor's draft: checks done in the browser, the API call (a new service or a new version,
 * with an Idempotency-Key kept across retries of the same attempt), the caches to refresh, and the outcome —
 * a published version number, or a problem with the fields it concerns. The online form travels in the card
 * (`form`, absent when the service has none); a JSON document that does not parse stops publication here. So does
 * the workflow (`workflow`, absent while it is the default one).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api, isApiError, newIdempotencyKey } from '../../api/client';
import { keys } from '../../api/queries';
import type { ServiceForm } from '../../../contracts/forms';
import type { WorkflowDefinition } from '../../../contracts/workflow';
import type { ServiceDetail } from '../../api/types';
import { draftFromCard, draftToCard, normalisePath, type Draft, type FieldError } from '../editorModel';
import { formDraftToForm, formErrorKey, type FormDraft } from './form/formDraft';
import { useFormMessages } from './form/labels';
import { useConversionMessages } from './useEditorDraft';
import { useWorkflowMessages } from './workflow/labels';
import { workflowDraftToDefinition, type WorkflowDraft } from './workflow/workflowDraft';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

interface PublishOptions {
  mode: 'new' | 'edit';
  serviceId: string | undefined;
  draft: Draft | null;
  /** the online form being edited; null when the service is not applied for with Sportello */
  form: FormDraft | null;
  /** the workflow being edited (sent only when it differs from the default one) */
  workflow: WorkflowDraft;
  /** the draft (its online form and workflow) to continue from after a publication */
  reset: (next: Draft, form?: ServiceForm | null, workflow?: WorkflowDefinition) => void;
  /** bring the part of the editor the problems concern back into view */
  showForm: (errors: FieldError[]) => void;
}

export function usePublish({ mode, serviceId, draft, form, workflow, reset, showForm }: PublishOptions) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const messages = useConversionMessages();
  const formMessages = useFormMessages();
  const workflowMessages = useWorkflowMessages();

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
    showForm(fieldErrors);
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
    void queryClient.invalidateQueries({ queryKey: ['serviceForm', result.id] });
  };

  const publish = async () => {
    if (!draft) return;
    const conversion = draftToCard(draft, messages);
    const formConversion = form ? formDraftToForm(form, formMessages) : null;
    const workflowConversion = workflowDraftToDefinition(workflow, workflowMessages);
    setPublished(null);
    setSessionExpired(false);
    const local = [...localErrors(draft, conversion.localErrors), ...(formConversion?.errors ?? []), ...workflowConversion.errors];
    if (local.length) {
      const badJson = local.some((e) => e.key === 'form/schema' || e.key === 'form/uiSchema');
      report(badJson ? t('formEditor.errors.jsonBlocks') : t('editor.fixErrors'), local);
      return;
    }
    const card = {
      ...conversion.card,
      ...(formConversion?.form ? { form: formConversion.form } : {}),
      ...(workflowConversion.workflow ? { workflow: workflowConversion.workflow } : {}),
    };
    setSubmitting(true);
    try {
      const result =
        mode === 'new'
          ? await api.createService({ slug: draft.slug.trim(), ...card }, idempotencyKey.current)
          : await api.publishVersion(serviceId!, card, idempotencyKey.current);
      idempotencyKey.current = newIdempotencyKey();
      refreshCaches(result);
      setErrors([]);
      setProblem(null);
      if (mode === 'new') {
        navigate(`/backoffice/catalogo/${result.id}`, { replace: true, state: { created: result.version } });
        return;
      }
      reset(draftFromCard(result.card, result.slug), result.card.form ?? null, result.card.workflow);
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
      const items = (p?.errors ?? []).map((e) => ({
        key: formErrorKey(e.path, formConversion?.prefillRows ?? {}) ?? normalisePath(e.path, e.message, conversion.indexMaps),
        message: e.message,
      }));
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
