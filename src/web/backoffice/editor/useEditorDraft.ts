/**
 * The editor's form state: the draft, the online form being edited (null when the service has none; kept apart
 * from the draft because its JSON documents stay text while they are edited), the workflow being edited (the
 * default one when the card has none), whether they differ from what was last loaded or published (with a
 * warning before leaving the page), and the card the preview shows.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceForm } from '../../../contracts/forms';
import type { WorkflowDefinition } from '../../../contracts/workflow';
import type { ServiceDetail } from '../../api/types';
import { draftFromCard, draftToCard, emptyDraft, type Draft } from '../editorModel';
import { formDraftFromForm, type FormDraft } from './form/formDraft';
import { useWorkflowMessages } from './workflow/labels';
import { workflowDraftFrom, workflowDraftToDefinition, type WorkflowDraft } from './workflow/workflowDraft';

/** Messages of the checks done while converting the draft (amounts, days). */
export function useConversionMessages() {
  const { t } = useTranslation();
  return useMemo(() => ({ invalidAmount: t('editor.invalidAmount'), invalidDays: t('editor.invalidDays') }), [t]);
}

export function useEditorDraft(mode: 'new' | 'edit', detail: ServiceDetail | undefined) {
  const [draft, setDraft] = useState<Draft | null>(mode === 'new' ? emptyDraft() : null);
  const [form, setForm] = useState<FormDraft | null>(null);
  // the workflow being edited: the default one while the card has none (absent from the card until it differs)
  const [workflow, setWorkflow] = useState<WorkflowDraft>(() => workflowDraftFrom(undefined));
  const [baseline, setBaseline] = useState<string>(() =>
    mode === 'new' ? JSON.stringify({ draft: emptyDraft(), form: null, workflow: workflowDraftFrom(undefined) }) : '',
  );
  const [loadedId, setLoadedId] = useState<string | null>(null);

  /** Start again from `next`, its online form and its workflow (just loaded or just published): nothing unsaved. */
  const reset = (next: Draft, nextForm?: ServiceForm | null, nextWorkflow?: WorkflowDefinition) => {
    const formDraft = nextForm ? formDraftFromForm(nextForm) : null;
    const workflowDraft = workflowDraftFrom(nextWorkflow);
    setDraft(next);
    setForm(formDraft);
    setWorkflow(workflowDraft);
    setBaseline(JSON.stringify({ draft: next, form: formDraft, workflow: workflowDraft }));
  };

  // Initialise the form once per service (later refetches must not overwrite what the user typed).
  useEffect(() => {
    if (mode === 'edit' && detail && loadedId !== detail.id) {
      reset(draftFromCard(detail.card, detail.slug), detail.card.form, detail.card.workflow);
      setLoadedId(detail.id);
    }
  }, [mode, detail, loadedId]);

  const dirty = draft !== null && JSON.stringify({ draft, form, workflow }) !== baseline;
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const messages = useConversionMessages();
  const workflowMessages = useWorkflowMessages();
  // the preview shows the citizen's card, with the diagram of the workflow being edited
  const preview = useMemo(() => {
    if (!draft) return null;
    const card = draftToCard(draft, messages).card;
    const edited = workflowDraftToDefinition(workflow, workflowMessages).workflow;
    return edited ? { ...card, workflow: edited } : card;
  }, [draft, messages, workflow, workflowMessages]);

  const patch = (values: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...values } : d));
  const patchAccess = (values: Partial<Draft['access']>) => setDraft((d) => (d ? { ...d, access: { ...d.access, ...values } } : d));

  return { draft, form, setForm, workflow, setWorkflow, dirty, preview, reset, patch, patchAccess };
}

export type DraftPatch = ReturnType<typeof useEditorDraft>['patch'];
export type AccessPatch = ReturnType<typeof useEditorDraft>['patchAccess'];
