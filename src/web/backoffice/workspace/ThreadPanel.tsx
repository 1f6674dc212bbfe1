/**
 * "Messaggi con il cittadino": the thread on the application as the office sees it (who of the office wrote each
 * message, whether the citizen has read it, what the citizen sent, new messages flagged), with the body's reply
 * templates to insert, filled with the application's values, into the message. What is typed is kept in the tab
 * until it is sent (useDraft), like the other forms of this page.
 */
import { Button } from 'design-react-kit';
import { useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../contracts/applications';
import { ThreadComposer, ThreadMessages, useMarkRead } from '../../citizen/practices/Thread';
import { useThread } from '../../citizen/practices/threadApi';
import { ErrorMessage, Loading } from '../../ui/status';
import { useDraft } from './drafts';
import { fillTemplate, useReplyTemplates } from './replyTemplates';

export function ThreadPanel({ a }: { a: ApplicationDetail }) {
  const { t } = useTranslation();
  const thread = useThread(a.id);
  const fresh = useMarkRead(a.id, thread.data?.items, 'office');
  const [text, setText, clearText] = useDraft(`${a.id}.thread`, '');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const unread = fresh.size;

  return (
    <>
      <p className="sp-ws-hint">{t('thread.office.intro')}</p>
      <div role="status">
        {unread > 0 && <p className="fw-semibold">{t('thread.office.unread', { count: unread })}</p>}
      </div>
      {thread.isPending ? (
        <Loading />
      ) : thread.isError ? (
        <ErrorMessage error={thread.error} retry={() => void thread.refetch()} />
      ) : (
        <ThreadMessages applicationId={a.id} items={thread.data.items} side="office" fresh={fresh} />
      )}
      <ThreadComposer
        applicationId={a.id}
        side="office"
        text={text}
        setText={setText}
        onSent={clearText}
        textRef={textRef}
        tools={<TemplatePicker a={a} text={text} setText={setText} textRef={textRef} />}
      />
    </>
  );
}

/**
 * A select of the templates and a button that adds the chosen one at the end of the message: the select alone
 * does nothing, so that moving through its options with the keyboard never changes the text.
 */
function TemplatePicker({ a, text, setText, textRef }: {
  a: ApplicationDetail;
  text: string;
  setText: (value: string) => void;
  textRef: RefObject<HTMLTextAreaElement>;
}) {
  const { t, i18n } = useTranslation();
  const templates = useReplyTemplates();
  const [chosen, setChosen] = useState('');
  const [inserted, setInserted] = useState<string | null>(null);
  const items = templates.data?.items ?? [];
  if (templates.isPending) return null;
  if (!items.length) return <p className="sp-thread-hint">{t('thread.templates.none')}</p>;

  const insert = () => {
    const template = items.find((x) => x.id === chosen);
    if (!template) return;
    const filled = fillTemplate(template.body, a, i18n.language);
    const el = textRef.current;
    const glue = text.trim() ? (text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n') : '';
    const next = `${text.trim() ? text : ''}${glue}${filled}`;
    setText(next);
    setInserted(template.title);
    setChosen('');
    window.setTimeout(() => {
      el?.focus();
      el?.setSelectionRange(next.length, next.length);
    }, 0);
  };

  return (
    <div className="sp-thread-templates">
      <div className="sp-thread-select">
        <label htmlFor="filo-modello" className="sp-thread-label">
          {t('thread.templates.label')}
        </label>
        <select id="filo-modello" className="form-select" value={chosen} onChange={(e) => setChosen(e.target.value)} aria-describedby="filo-modello-desc">
          <option value="">{t('thread.templates.choose')}</option>
          {items.map((x) => (
            <option key={x.id} value={x.id}>
              {x.title}
            </option>
          ))}
        </select>
      </div>
      <Button type="button" color="primary" outline size="sm" onClick={insert} disabled={!chosen}>
        {t('thread.templates.insert')}
      </Button>
      <p id="filo-modello-desc" className="sp-thread-hint w-100 mb-0">
        {t('thread.templates.hint')}
      </p>
      <p role="status" className="visually-hidden">
        {inserted ? t('thread.templates.inserted', { title: inserted }) : ''}
      </p>
    </div>
  );
}
