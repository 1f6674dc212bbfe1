/**
 * "L'ufficio aspetta una tua risposta": at the top of the detail while the application is `awaiting_citizen`.
 * The office's message, the documents it asks for (each with its upload), a note, and "Invia la risposta"
 * (transition answer_integration). Uploads go to the requirement "integrazione" at once, one file at a time.
 */
import { useMutation } from '@tanstack/react-query';
import { Button, Icon as KitIcon } from 'design-react-kit';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, AttachmentView } from '../../../contracts/applications';
import { applicationsApi } from '../../api/applications';
import { isApiError } from '../../api/client';
import { TextAreaField } from '../../ui/fields';
import { ErrorMessage } from '../../ui/status';
import { formatSize, messageIn } from '../identityFormat';
import { formatDate, formatDateTime } from './format';

/** The requirement id of documents sent in answer to an integration request. */
export const INTEGRATION_REQUIREMENT = 'integrazione';
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

export function AwaitingCallout({ application, onAnswered }: { application: ApplicationDetail; onAnswered: (updated: ApplicationDetail) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const awaiting = application.awaiting!;
  const [uploaded, setUploaded] = useState<Record<number, AttachmentView[]>>({});
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const [confirmMissing, setConfirmMissing] = useState(false);
  const noteId = 'risposta-nota';

  // Files already sent for this request (after a reload the link to each document is not known: listed together).
  const requestedAt = awaiting.requestedAt;
  const sessionIds = new Set(Object.values(uploaded).flat().map((a) => a.id));
  const earlier = application.attachments.filter(
    (a) => a.requirementId === INTEGRATION_REQUIREMENT && a.uploadedAt >= requestedAt && !sessionIds.has(a.id),
  );
  const missing = awaiting.documents.filter((_, i) => !(uploaded[i]?.length));
  const uploadCount = earlier.length + sessionIds.size;
  const someMissing = missing.length > 0 && uploadCount < awaiting.documents.length;

  const answer = useMutation({
    mutationFn: (text: string) => applicationsApi.transition(application.id, 'answer_integration', text ? { note: text } : {}),
    onSuccess: onAnswered,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (!text && uploadCount === 0) {
      setNoteError(t('practices.awaiting.noteRequired'));
      document.getElementById(noteId)?.focus();
      return;
    }
    setNoteError(undefined);
    // Documents asked for and not uploaded in this visit: say which, and send only when confirmed.
    if (someMissing && !confirmMissing) {
      setConfirmMissing(true);
      return;
    }
    answer.mutate(text);
  };

  return (
    <section className="sp-awaiting" aria-labelledby="risposta">
      <h2 className="h3" id="risposta" tabIndex={-1}>
        <KitIcon icon="it-warning-circle" className="sp-icon" focusable="false" aria-hidden="true" />
        {t('practices.awaiting.title')}
      </h2>
      <p className="mb-2">
        {t('practices.awaiting.requestedAt', { date: formatDateTime(awaiting.requestedAt, lng) })}
        {awaiting.answerBy && (
          <>
            {' '}
            <strong>{t('practices.awaiting.answerBy', { date: formatDate(awaiting.answerBy, lng) })}</strong>
          </>
        )}
      </p>
      <p className="fw-semibold mb-1">{t('practices.awaiting.messageLabel')}</p>
      <blockquote className="sp-awaiting-message" lang="it">
        {awaiting.message}
      </blockquote>
      <p className="mb-3">{t('practices.awaiting.clockStopped')}</p>

      <form onSubmit={submit} noValidate>
        {awaiting.documents.length > 0 && (
          <>
            <h3 className="h5">{t('practices.awaiting.documentsTitle', { count: awaiting.documents.length })}</h3>
            <p className="small-sp">{t('practices.awaiting.documentsHint')}</p>
            <ul className="sp-awaiting-docs">
              {awaiting.documents.map((title, index) => (
                <RequestedDocument
                  key={`${index}-${title}`}
                  applicationId={application.id}
                  index={index}
                  title={title}
                  files={uploaded[index] ?? []}
                  onUploaded={(a) => {
                    setConfirmMissing(false);
                    setUploaded((prev) => ({ ...prev, [index]: [...(prev[index] ?? []), a] }));
                  }}
                />
              ))}
            </ul>
          </>
        )}
        {earlier.length > 0 && (
          <div className="mb-3">
            <p className="fw-semibold mb-1">{t('practices.awaiting.alreadySent')}</p>
            <ul className="sp-uploaded">
              {earlier.map((a) => (
                <li key={a.id}>
                  <KitIcon icon="it-check-circle" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
                  {a.fileName} ({formatSize(a.size, lng)})
                </li>
              ))}
            </ul>
          </div>
        )}
        <TextAreaField
          id={noteId}
          label={t('practices.awaiting.noteLabel')}
          hint={t('practices.awaiting.noteHint')}
          value={note}
          onValueChange={(v) => {
            setNote(v);
            if (v.trim()) setNoteError(undefined);
          }}
          error={noteError}
          rows={4}
        />
        {confirmMissing && (
          <div className="alert alert-warning" role="alert">
            <p className="fw-semibold mb-1">{t('practices.awaiting.missingTitle')}</p>
            <ul className="mb-1">
              {missing.map((m) => (
                <li key={m} lang="it">
                  {m}
                </li>
              ))}
            </ul>
            <p className="mb-0">{t('practices.awaiting.missingBody')}</p>
          </div>
        )}
        {answer.isError && <ErrorMessage error={answer.error} />}
        <Button type="submit" color="primary" disabled={answer.isPending}>
          {answer.isPending ? t('practices.awaiting.sending') : confirmMissing ? t('practices.awaiting.sendAnyway') : t('practices.awaiting.send')}
        </Button>
      </form>
    </section>
  );
}

function RequestedDocument({
  applicationId,
  index,
  title,
  files,
  onUploaded,
}: {
  applicationId: string;
  index: number;
  title: string;
  files: AttachmentView[];
  onUploaded: (a: AttachmentView) => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = `documento-richiesto-${index}`;
  const upload = useMutation({
    mutationFn: (file: File) => applicationsApi.upload(applicationId, INTEGRATION_REQUIREMENT, file),
    onSuccess: (a) => {
      onUploaded(a);
      if (inputRef.current) inputRef.current.value = '';
    },
  });
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) upload.mutate(file);
  };
  const errorText = upload.isError
    ? isApiError(upload.error) && (upload.error.problem?.detail || upload.error.problem?.title)
      ? messageIn(upload.error.problem?.detail || upload.error.problem?.title || '', lng)
      : t('practices.awaiting.uploadFailed')
    : null;
  const describedBy = `${inputId}-hint${errorText ? ` ${inputId}-error` : ''}`;
  return (
    <li className="sp-awaiting-doc">
      <p className="sp-awaiting-doc-title">
        <span lang="it">{title}</span>
        {files.length > 0 && <span className="badge sp-app-status sp-app-status-approved">{t('practices.awaiting.uploadedBadge')}</span>}
      </p>
      <label htmlFor={inputId}>
        {files.length > 0 ? t('practices.awaiting.addAnother') : t('practices.awaiting.choose')} <span lang="it">{title}</span>
      </label>
      <input
        ref={inputRef}
        type="file"
        id={inputId}
        accept={ACCEPT}
        onChange={onChange}
        disabled={upload.isPending}
        aria-describedby={describedBy}
        aria-invalid={errorText ? true : undefined}
      />
      <p className="small-sp mb-0 mt-1" id={`${inputId}-hint`}>
        {t('practices.awaiting.fileHint')}
      </p>
      <div role="status">
        {upload.isPending && <p className="mb-0 mt-1">{t('practices.awaiting.uploading')}</p>}
        {files.length > 0 && (
          <ul className="sp-uploaded">
            {files.map((f) => (
              <li key={f.id}>
                <KitIcon icon="it-check-circle" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
                {t('practices.awaiting.uploaded', { name: f.fileName, size: formatSize(f.size, lng) })}
              </li>
            ))}
          </ul>
        )}
      </div>
      {errorText && (
        <p className="sp-upload-error" id={`${inputId}-error`} role="alert">
          {errorText}
        </p>
      )}
    </li>
  );
}
