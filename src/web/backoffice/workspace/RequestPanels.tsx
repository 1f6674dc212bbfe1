/**
 * The forms that ask or hand over: "Richiedi integrazione" (a message to the citizen, the documents to upload, an
 * answer-by date; the legal clock stops until the answer), "Assegna" (to a colleague or to another office, also of
 * a body under associated management) and "Nota interna" (seen only by the offices, never by the citizen).
 * Each keeps what was typed until the server accepts it.
 */
import { Button } from 'design-react-kit';
import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../contracts/applications';
import { localDay } from '../../citizen/identityFormat';
import { Icon } from '../../ui/Icon';
import { ErrorMessage } from '../../ui/status';
import { ActionAlert, useApplicationChanged, useFailure, useStaffAction } from './actions';
import { useAssignees, workspaceApi } from './api';
import { useDraft } from './drafts';
import { isDay } from './filters';
import { integrationBody } from './model';

export function IntegrationPanel({ a, onDone }: { a: ApplicationDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft, clearDraft] = useDraft(`${a.id}.integration`, { note: '', documents: [''], answerBy: '' });
  const [errors, setErrors] = useState<{ note?: string; answerBy?: string }>({});
  const ask = useStaffAction(
    a,
    () => workspaceApi.transition(a.id, 'request_integration', a.revision, integrationBody(draft)),
    () => {
      clearDraft();
      onDone(t('workspace.integration.done'));
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const e: typeof errors = {};
    if (!draft.note.trim()) e.note = t('workspace.integration.noteRequired');
    if (draft.answerBy && (!isDay(draft.answerBy) || draft.answerBy < localDay())) e.answerBy = t('workspace.integration.answerByInvalid');
    setErrors(e);
    if (e.note) return document.getElementById('integrazione-messaggio')?.focus();
    if (e.answerBy) return document.getElementById('integrazione-entro')?.focus();
    ask.mutate(undefined);
  };
  const setDocument = (index: number, value: string) => setDraft((d) => ({ ...d, documents: d.documents.map((x, i) => (i === index ? value : x)) }));
  const addDocument = () => {
    setDraft((d) => ({ ...d, documents: [...d.documents, ''] }));
    window.setTimeout(() => document.getElementById(`integrazione-doc-${draft.documents.length}`)?.focus(), 0);
  };
  const removeDocument = (index: number) => {
    setDraft((d) => ({ ...d, documents: d.documents.length > 1 ? d.documents.filter((_, i) => i !== index) : [''] }));
    window.setTimeout(() => document.getElementById(`integrazione-doc-${Math.max(0, index - 1)}`)?.focus(), 0);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="integrazione">
      <p className="sp-ws-hint">{t('workspace.integration.intro')}</p>
      <div className="sp-ws-field">
        <label htmlFor="integrazione-messaggio" className="sp-ws-label">
          {t('workspace.integration.note')} <span className="sp-ws-required">({t('workspace.form.required')})</span>
        </label>
        <textarea
          id="integrazione-messaggio"
          className="form-control sp-ws-textarea"
          rows={4}
          maxLength={5000}
          value={draft.note}
          onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby="integrazione-messaggio-desc"
        />
        <div id="integrazione-messaggio-desc">
          <p className="sp-ws-hint mb-0">{t('workspace.integration.noteHint')}</p>
          {errors.note && <p className="sp-field-error mb-0">{errors.note}</p>}
        </div>
      </div>
      <fieldset className="sp-ws-fieldset">
        <legend className="sp-ws-label">
          {t('workspace.integration.documents')} <span className="sp-ws-optional">({t('workspace.form.optional')})</span>
        </legend>
        <p className="sp-ws-hint">{t('workspace.integration.documentsHint')}</p>
        <ol className="sp-ws-doclist">
          {draft.documents.map((value, index) => (
            <li key={index}>
              <label htmlFor={`integrazione-doc-${index}`} className="visually-hidden">
                {t('workspace.integration.documentN', { n: index + 1 })}
              </label>
              <input
                id={`integrazione-doc-${index}`}
                type="text"
                className="form-control sp-ws-input"
                value={value}
                maxLength={200}
                onChange={(e) => setDocument(index, e.target.value)}
              />
              {(draft.documents.length > 1 || value) && (
                <Button type="button" color="primary" outline size="xs" className="sp-ws-remove" onClick={() => removeDocument(index)}>
                  {t('workspace.integration.remove')}
                  <span className="visually-hidden"> {t('workspace.integration.documentN', { n: index + 1 })}</span>
                </Button>
              )}
            </li>
          ))}
        </ol>
        {draft.documents.length < 10 && (
          <Button type="button" color="primary" outline size="sm" onClick={addDocument}>
            <Icon name="plus" className="me-1" />
            {t('workspace.integration.addDocument')}
          </Button>
        )}
      </fieldset>
      <div className="sp-ws-field">
        <label htmlFor="integrazione-entro" className="sp-ws-label">
          {t('workspace.integration.answerBy')} <span className="sp-ws-optional">({t('workspace.form.optional')})</span>
        </label>
        <input
          id="integrazione-entro"
          type="date"
          className="form-control sp-ws-input sp-ws-date"
          min={localDay()}
          value={draft.answerBy}
          onChange={(e) => setDraft((d) => ({ ...d, answerBy: e.target.value }))}
          aria-invalid={errors.answerBy ? true : undefined}
          aria-describedby="integrazione-entro-desc"
        />
        <div id="integrazione-entro-desc">
          <p className="sp-ws-hint mb-0">{t('workspace.integration.answerByHint')}</p>
          {errors.answerBy && <p className="sp-field-error mb-0">{errors.answerBy}</p>}
        </div>
      </div>
      <Button type="submit" color="primary" disabled={ask.isPending}>
        {ask.isPending ? t('workspace.form.sending') : t('workspace.integration.submit')}
      </Button>
      <ActionAlert failure={ask.failure} applicationId={a.id} onReloaded={() => ask.reset()} />
    </form>
  );
}

type AssignTarget = 'operator' | 'office';

export function AssignPanel({ a, onDone }: { a: ApplicationDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const assignees = useAssignees(a.id, opened);
  // opening moves into the form, closing goes back to the button that opened it
  const open = (value: boolean) => {
    setOpened(value);
    window.setTimeout(() => (value ? document.getElementById(`assegna-${draft.target}`) : openButton.current)?.focus(), 0);
  };
  const [draft, setDraft, clearDraft] = useDraft<{ target: AssignTarget; operatorId: string; officeId: string; note: string }>(`${a.id}.assign`, {
    target: 'operator',
    operatorId: '',
    officeId: '',
    note: '',
  });
  const [error, setError] = useState<string | null>(null);
  const assign = useStaffAction(
    a,
    () => {
      const note = draft.note.trim() ? { note: draft.note.trim() } : {};
      return workspaceApi.transition(a.id, 'assign', a.revision, draft.target === 'operator' ? { operatorId: draft.operatorId, ...note } : { officeId: draft.officeId, ...note });
    },
    () => {
      const name =
        draft.target === 'operator'
          ? assignees.data?.operators.find((o) => o.id === draft.operatorId)?.name
          : assignees.data?.offices.find((o) => o.id === draft.officeId)?.name;
      clearDraft();
      setOpened(false);
      onDone(t('workspace.assign.done', { name: name ?? '' }));
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = draft.target === 'operator' ? draft.operatorId : draft.officeId;
    if (!chosen) {
      setError(t(draft.target === 'operator' ? 'workspace.assign.chooseOperator' : 'workspace.assign.chooseOffice'));
      document.getElementById('assegna-scelta')?.focus();
      return;
    }
    setError(null);
    assign.mutate(undefined);
  };

  if (!opened) {
    return (
      <>
        <p className="sp-ws-hint">{t('workspace.assign.intro')}</p>
        <Button type="button" color="primary" outline innerRef={openButton} onClick={() => open(true)}>
          {t('workspace.assign.open')}
        </Button>
      </>
    );
  }

  const operators = (assignees.data?.operators ?? []).filter((o) => o.id !== a.office?.responsible?.id);
  const offices = (assignees.data?.offices ?? []).filter((o) => o.id !== a.office?.office?.id);
  return (
    <form id="assegna-form" onSubmit={submit} noValidate aria-labelledby="assegna">
      <fieldset className="sp-ws-fieldset">
        <legend className="sp-ws-label">{t('workspace.assign.to')}</legend>
        {(['operator', 'office'] as const).map((target) => (
          <div className="form-check form-check-inline" key={target}>
            <input
              className="form-check-input"
              type="radio"
              name="assegna-a"
              id={`assegna-${target}`}
              checked={draft.target === target}
              onChange={() => {
                setError(null);
                setDraft((d) => ({ ...d, target }));
              }}
            />
            <label className="form-check-label" htmlFor={`assegna-${target}`}>
              {t(`workspace.assign.targets.${target}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {assignees.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : assignees.isError ? (
        <ErrorMessage error={assignees.error} retry={() => void assignees.refetch()} />
      ) : (
        <div className="sp-ws-field">
          <label htmlFor="assegna-scelta" className="sp-ws-label">
            {t(draft.target === 'operator' ? 'workspace.assign.operator' : 'workspace.assign.office')}
          </label>
          <select
            id="assegna-scelta"
            className="form-select sp-ws-input"
            value={draft.target === 'operator' ? draft.operatorId : draft.officeId}
            onChange={(e) => setDraft((d) => (d.target === 'operator' ? { ...d, operatorId: e.target.value } : { ...d, officeId: e.target.value }))}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'assegna-errore' : undefined}
          >
            <option value="">{t('workspace.assign.choose')}</option>
            {draft.target === 'operator'
              ? operators.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} — {o.officeName}
                  </option>
                ))
              : offices.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} — {o.tenantName}
                  </option>
                ))}
          </select>
          {error && (
            <p id="assegna-errore" className="sp-field-error mb-0">
              {error}
            </p>
          )}
        </div>
      )}
      <div className="sp-ws-field">
        <label htmlFor="assegna-nota" className="sp-ws-label">
          {t('workspace.assign.note')} <span className="sp-ws-optional">({t('workspace.form.optional')})</span>
        </label>
        <textarea id="assegna-nota" className="form-control sp-ws-textarea" rows={2} maxLength={2000} value={draft.note} onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))} />
      </div>
      <div className="sp-ws-buttons">
        <Button type="submit" color="primary" disabled={assign.isPending || !assignees.data}>
          {assign.isPending ? t('workspace.form.sending') : t('workspace.assign.submit')}
        </Button>
        <Button type="button" color="primary" outline onClick={() => open(false)} disabled={assign.isPending}>
          {t('workspace.form.cancel')}
        </Button>
      </div>
      <ActionAlert failure={assign.failure} applicationId={a.id} onReloaded={() => assign.reset()} />
    </form>
  );
}

/** The note's confirmation stays beside the form (the note shows up in the timeline just below): no jump to the top. */
export function NotePanel({ a }: { a: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  const [text, setText, clearText] = useDraft(`${a.id}.note`, '');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState(false);
  // one key per text: a retry of the same note is recognised by the server, a new note gets a new key
  const key = useRef<{ text: string; key: string } | null>(null);
  const changed = useApplicationChanged();
  const add = useMutation({
    mutationFn: (value: string) => {
      if (!key.current || key.current.text !== value) key.current = { text: value, key: workspaceApi.newIdempotencyKey() };
      return workspaceApi.addNote(a.id, value, key.current.key);
    },
    onSuccess: () => {
      changed(null, a.id);
      key.current = null;
      clearText();
      setAdded(true);
    },
  });
  const failure = useFailure(add.error, i18n.language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(t('workspace.note.required'));
      document.getElementById('nota-interna')?.focus();
      return;
    }
    setError(null);
    add.mutate(text.trim());
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="nota" className="sp-ws-internal">
      <p className="sp-ws-internal-flag">
        <Icon name="pencil" className="me-1" />
        {t('workspace.note.onlyOffices')}
      </p>
      <div className="sp-ws-field">
        <label htmlFor="nota-interna" className="sp-ws-label">
          {t('workspace.note.label')}
        </label>
        <textarea
          id="nota-interna"
          className="form-control sp-ws-textarea"
          rows={3}
          maxLength={5000}
          value={text}
          onChange={(e) => {
            setAdded(false);
            setText(e.target.value);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby="nota-interna-desc"
        />
        <div id="nota-interna-desc">
          <p className="sp-ws-hint mb-0">{t('workspace.note.hint')}</p>
          {error && <p className="sp-field-error mb-0">{error}</p>}
        </div>
      </div>
      <Button type="submit" color="primary" disabled={add.isPending}>
        {add.isPending ? t('workspace.form.sending') : t('workspace.note.submit')}
      </Button>
      <p role="status" className="sp-ws-note-added">
        {added && t('workspace.note.done')}
      </p>
      <ActionAlert failure={failure} applicationId={a.id} onReloaded={() => add.reset()} />
    </form>
  );
}
