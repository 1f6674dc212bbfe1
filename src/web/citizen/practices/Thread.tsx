/**
 * The thread on an application ("filo diretto") as both sides see it: the messages as bubbles (one's own side on
 * the right), their files as download links, whether the other side has read one's messages, and the composer
 * (text, up to five files, send). Opening the thread marks the other side's messages as read; those unread until
 * then are flagged "Nuovo". A failed send keeps the text and the files, and a retry of the same message carries the
 * same Idempotency-Key, so that it is written once.
 *
 * Used by the citizen's application page (CitizenThread) and by the back office's panel (ThreadPanel).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Icon as KitIcon } from 'design-react-kit';
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../contracts/applications';
import type { ThreadMessage } from '../../../contracts/messaging';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { ErrorMessage, Loading } from '../../ui/status';
import { documentKind, formatSize, messageIn } from '../identityFormat';
import { formatDateTime } from './format';
import { THREAD_ACCEPT, THREAD_LIMITS, threadApi, threadKeys, useThread } from './threadApi';
import './thread.css';

/** Whose page this is: the citizen's portal or the office's back office. */
export type ThreadSide = 'citizen' | 'office';

const MB = 1024 * 1024;
const ALLOWED = /\.(pdf|jpe?g|png)$/i;
const ALLOWED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * Marks as read what the other side wrote, once per message, whenever the thread shows some unread; returns the
 * messages that were unread when this page first showed them (to flag them "Nuovo").
 */
export function useMarkRead(applicationId: string, items: ThreadMessage[] | undefined, side: ThreadSide): Set<string> {
  const queryClient = useQueryClient();
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  const marked = useRef(new Set<string>());
  useEffect(() => {
    if (!items) return;
    const unread = items.filter((m) => m.author !== side && m.readAt === null && !marked.current.has(m.id)).map((m) => m.id);
    if (!unread.length) return;
    for (const id of unread) marked.current.add(id);
    setFresh((prev) => new Set([...prev, ...unread]));
    threadApi
      .markRead(applicationId)
      // the inbox's notice about the message is read too
      .then(() => queryClient.invalidateQueries({ queryKey: ['me', 'notifications'] }))
      .catch(() => {
        // not marked now: the next opening marks them
        for (const id of unread) marked.current.delete(id);
      });
  }, [applicationId, items, side, queryClient]);
  return fresh;
}

export function ThreadMessages({ applicationId, items, side, fresh }: { applicationId: string; items: ThreadMessage[]; side: ThreadSide; fresh: Set<string> }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="sp-empty-note">{t(`thread.${side}.empty`)}</p>;
  return (
    <ol className="sp-thread" aria-label={t('thread.listLabel', { count: items.length })}>
      {items.map((m) => (
        <Bubble key={m.id} applicationId={applicationId} m={m} side={side} isNew={fresh.has(m.id)} />
      ))}
    </ol>
  );
}

function Bubble({ applicationId, m, side, isNew }: { applicationId: string; m: ThreadMessage; side: ThreadSide; isNew: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const mine = m.author === side;
  const who = side === 'citizen' && m.author === 'citizen' && m.authorLabel === 'Tu' ? t('thread.you') : m.authorLabel;
  const role = side === 'office' ? t(m.author === 'citizen' ? 'thread.office.fromCitizen' : 'thread.office.fromOffice') : null;
  return (
    <li className={`sp-thread-item ${mine ? 'sp-thread-mine' : 'sp-thread-theirs'}`}>
      <div className="sp-thread-bubble">
        <p className="sp-thread-meta">
          <strong>{who}</strong>
          {role && <span className="sp-thread-role">{role}</span>}
          <time dateTime={m.at}>{formatDateTime(m.at, lng)}</time>
          {isNew && <span className="badge sp-thread-new">{t('thread.new')}</span>}
        </p>
        <p className="sp-thread-body" lang={side === 'citizen' && m.author === 'office' ? 'it' : undefined}>
          {m.body}
        </p>
        {m.attachments.length > 0 && (
          <ul className="sp-thread-files" aria-label={t('thread.filesLabel')}>
            {m.attachments.map((f) => (
              <li key={f.id}>
                <a href={threadApi.fileUrl(applicationId, m.id, f.id)} download={f.fileName}>
                  <KitIcon icon="it-clip" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
                  <span className="sp-thread-file-name">{f.fileName}</span>
                </a>{' '}
                <span className="sp-file-meta">
                  ({documentKind(f.contentType)}, {formatSize(f.size, lng)})
                </span>
              </li>
            ))}
          </ul>
        )}
        {mine && (
          <p className={`sp-thread-read${m.readAt ? ' sp-thread-read-yes' : ''}`}>
            <KitIcon icon={m.readAt ? 'it-check-circle' : 'it-clock'} size="xs" className="sp-icon" focusable="false" aria-hidden="true" />
            {m.readAt ? t(`thread.${side}.readAt`, { date: formatDateTime(m.readAt, lng) }) : t(`thread.${side}.notRead`)}
          </p>
        )}
      </div>
    </li>
  );
}

interface ComposerProps {
  applicationId: string;
  side: ThreadSide;
  text: string;
  setText: (value: string) => void;
  /** after the server accepted the message */
  onSent?: () => void;
  /** shown between the label and the text (the office's reply templates) */
  tools?: ReactNode;
  textRef?: RefObject<HTMLTextAreaElement>;
}

/** The text, the files and the send button. What was typed and chosen stays until the server accepts it. */
export function ThreadComposer({ applicationId, side, text, setText, onSent, tools, textRef }: ComposerProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [textError, setTextError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const area = textRef ?? ownRef;
  // one key per message: the same text and files retried keep it, anything changed gets a new one
  const key = useRef<{ signature: string; key: string } | null>(null);
  const id = `filo-${side}-testo`;
  const fileId = `filo-${side}-file`;

  const send = useMutation({
    mutationFn: ({ body, chosen }: { body: string; chosen: File[] }) => {
      const signature = JSON.stringify([body, chosen.map((f) => [f.name, f.size, f.lastModified])]);
      if (!key.current || key.current.signature !== signature) key.current = { signature, key: newIdempotencyKey() };
      return threadApi.send(applicationId, body, chosen, key.current.key);
    },
    onSuccess: (message) => {
      key.current = null;
      setText('');
      setFiles([]);
      if (fileInput.current) fileInput.current.value = '';
      setSent(true);
      queryClient.setQueryData<{ items: ThreadMessage[] }>(threadKeys.thread(applicationId), (old) =>
        old && !old.items.some((m) => m.id === message.id) ? { items: [...old.items, message] } : old);
      void queryClient.invalidateQueries({ queryKey: threadKeys.thread(applicationId) });
      onSent?.();
    },
    onError: (error) => {
      // the server names the field it refuses: the message goes next to it
      const problem = isApiError(error) ? error.problem : null;
      const detail = problem?.detail ? messageIn(problem.detail, lng) : null;
      if (problem?.errors?.some((e) => e.path === 'body') && detail) {
        setTextError(detail);
        area.current?.focus();
      } else if (problem?.errors?.some((e) => e.path === 'files') && detail) {
        setFileError(detail);
        fileInput.current?.focus();
      }
    },
  });

  const fieldErrorShown = !!(textError || fileError);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSent(false);
    const body = text.trim();
    if (!body) {
      setTextError(t('thread.composer.required'));
      area.current?.focus();
      return;
    }
    if (body.length > THREAD_LIMITS.bodyMax) {
      setTextError(t('thread.composer.tooLong', { max: THREAD_LIMITS.bodyMax, count: body.length }));
      area.current?.focus();
      return;
    }
    setTextError(null);
    setFileError(null);
    send.mutate({ body, chosen: files });
  };

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = Array.from(event.target.files ?? []);
    event.target.value = '';
    setSent(false);
    const refused: string[] = [];
    const next = [...files];
    for (const f of picked) {
      if (!ALLOWED.test(f.name) && !ALLOWED_TYPES.includes(f.type)) refused.push(t('thread.composer.wrongType', { name: f.name }));
      else if (f.size > THREAD_LIMITS.fileMaxMb * MB) refused.push(t('thread.composer.tooLarge', { name: f.name, max: THREAD_LIMITS.fileMaxMb }));
      else if (f.size === 0) refused.push(t('thread.composer.emptyFile', { name: f.name }));
      else if (next.length >= THREAD_LIMITS.filesMax) refused.push(t('thread.composer.tooMany', { name: f.name, max: THREAD_LIMITS.filesMax }));
      else if (!next.some((x) => x.name === f.name && x.size === f.size)) next.push(f);
    }
    if (next.reduce((s, f) => s + f.size, 0) > THREAD_LIMITS.totalMaxMb * MB) {
      setFileError(t('thread.composer.totalTooLarge', { max: THREAD_LIMITS.totalMaxMb }));
      return;
    }
    setFiles(next);
    setFileError(refused.length ? refused.join(' ') : null);
  };

  const remove = (index: number) => {
    setFiles((prev) => prev.filter((_, i) => i !== index));
    setFileError(null);
    fileInput.current?.focus();
  };

  const otherFailure = send.isError && !fieldErrorShown;
  const length = text.trim().length;

  return (
    <form className="sp-thread-composer" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 className="h5" id={`${id}-title`}>
        {t(`thread.${side}.composerTitle`)}
      </h3>
      {tools}
      <div className="sp-thread-field">
        <label htmlFor={id} className="sp-thread-label">
          {t(`thread.${side}.label`)}
        </label>
        <textarea
          id={id}
          ref={area}
          className="form-control sp-thread-textarea"
          rows={5}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setSent(false);
            if (textError && e.target.value.trim()) setTextError(null);
          }}
          aria-invalid={textError ? true : undefined}
          aria-describedby={`${id}-desc`}
        />
        <div id={`${id}-desc`}>
          <p className={`sp-thread-hint mb-0${length > THREAD_LIMITS.bodyMax ? ' sp-thread-over' : ''}`}>
            {t(`thread.${side}.hint`)} {t('thread.composer.counter', { count: length, max: THREAD_LIMITS.bodyMax })}
          </p>
          {textError && <p className="sp-field-error mb-0">{textError}</p>}
        </div>
      </div>
      <div className="sp-thread-field">
        <label htmlFor={fileId} className="sp-thread-label">
          {t('thread.composer.filesLabel')} <span className="sp-thread-optional">({t('thread.composer.optional')})</span>
        </label>
        <input
          ref={fileInput}
          id={fileId}
          type="file"
          multiple
          accept={THREAD_ACCEPT}
          className="sp-thread-file-input"
          onChange={choose}
          disabled={send.isPending || files.length >= THREAD_LIMITS.filesMax}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={`${fileId}-desc`}
        />
        <div id={`${fileId}-desc`}>
          <p className="sp-thread-hint mb-0">{t('thread.composer.filesHint', { files: THREAD_LIMITS.filesMax, mb: THREAD_LIMITS.fileMaxMb })}</p>
          {fileError && <p className="sp-field-error mb-0">{fileError}</p>}
        </div>
        {files.length > 0 && (
          <ul className="sp-thread-chosen" aria-label={t('thread.composer.chosen')}>
            {files.map((f, i) => (
              <li key={`${f.name}-${f.size}-${i}`}>
                <span className="sp-thread-file-name">{f.name}</span> <span className="sp-file-meta">({formatSize(f.size, lng)})</span>
                <Button type="button" color="primary" outline size="xs" className="ms-2" onClick={() => remove(i)} disabled={send.isPending}>
                  {t('thread.composer.remove')}
                  <span className="visually-hidden"> {f.name}</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <Button type="submit" color="primary" disabled={send.isPending}>
        {send.isPending ? t('thread.composer.sending') : t('thread.composer.send')}
      </Button>
      <div role="status" className="sp-thread-status">
        {sent && <p className="mb-0 mt-2 fw-semibold">{t(`thread.${side}.sent`)}</p>}
      </div>
      {otherFailure && (
        <div className="mt-2">
          <ErrorMessage error={send.error} />
          <p className="sp-thread-hint">{t('thread.composer.kept')}</p>
        </div>
      )}
    </form>
  );
}

/** The citizen's "Messaggi" on the application page. */
export function CitizenThread({ a }: { a: ApplicationDetail }) {
  const { t } = useTranslation();
  const open = a.status !== 'draft';
  const thread = useThread(a.id, open);
  const fresh = useMarkRead(a.id, thread.data?.items, 'citizen');
  const [text, setText] = useState('');
  if (!open) return <p className="sp-empty-note">{t('thread.citizen.afterSubmit')}</p>;
  return (
    <>
      <p>{t('thread.citizen.intro')}</p>
      {thread.isPending ? (
        <Loading />
      ) : thread.isError ? (
        <ErrorMessage error={thread.error} retry={() => void thread.refetch()} />
      ) : (
        <ThreadMessages applicationId={a.id} items={thread.data.items} side="citizen" fresh={fresh} />
      )}
      <ThreadComposer applicationId={a.id} side="citizen" text={text} setText={setText} />
    </>
  );
}
