/**
 * The editor's form state: the draft, the online form being edited (null when the service has none; kept apart
 * from the draft because its JSON documents stay text while they are edited), whether they differ from what was
 * last loaded or published (with a warning before leaving the page), and the card the preview shows.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceForm } from '../../../contracts/forms';
import type { ServiceDetail } from '../../api/types';
import { draftFromCard, draftToCard, emptyDraft, type Draft } from '../editorModel';
import { formDraftFromForm, type FormDraft } from './form/formDraft';

/** Messages of the checks done while converting the draft (amounts, days). */
export function useConversionMessages() {
  const { t } = useTranslation();
  return useMemo(() => ({ invalidAmount: t('editor.invalidAmount'), invalidDays: t('editor.invalidDays') }), [t]);
}

export function useEditorDraft(mode: 'new' | 'edit', detail: ServiceDetail | undefined) {
  const [draft, setDraft] = useState<Draft | null>(mode === 'new' ? emptyDraft() : null);
  const [form, setForm] = useState<FormDraft | null>(null);
  const [baseline, setBaseline] = useState<string>(() => (mode === 'new' ? JSON.stringify({ draft: emptyDraft(), form: null }) : ''));
  const [loadedId, setLoadedId] = useState<string | null>(null);

  /** Start again from `next` and its online form (just loaded or just published): nothing unsaved. */
  const reset = (next: Draft, nextForm?: ServiceForm | null) => {
    const formDraft = nextForm ? formDraftFromForm(nextForm) : null;
    setDraft(next);
    setForm(formDraft);
    setBaseline(JSON.stringify({ draft: next, form: formDraft }));
  };

  // Initialise the form once per service (later refetches must not overwrite what the user typed).
  useEffect(() => {
    if (mode === 'edit' && detail && loadedId !== detail.id) {
      reset(draftFromCard(detail.card, detail.slug), detail.card.form);
      setLoadedId(detail.id);
    }
  }, [mode, detail, loadedId]);

  const dirty = draft !== null && JSON.stringify({ draft, form }) !== baseline;
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const messages = useConversionMessages();
  const preview = useMemo(() => (draft ? draftToCard(draft, messages).card : null), [draft, messages]);

  const patch = (values: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...values } : d));
  const patchAccess = (values: Partial<Draft['access']>) => setDraft((d) => (d ? { ...d, access: { ...d.access, ...values } } : d));

  return { draft, form, setForm, dirty, preview, reset, patch, patchAccess };
}

export type DraftPatch = ReturnType<typeof useEditorDraft>['patch'];
export type AccessPatch = ReturnType<typeof useEditorDraft>['patchAccess'];
