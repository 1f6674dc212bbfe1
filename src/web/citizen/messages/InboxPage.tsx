/**
 * /area-personale/messaggi: the personal-area inbox, newest first. What is shown unread is marked read on the
 * server at once, and stays highlighted as "Nuovo" for this visit, so the citizen sees what arrived since last
 * time; "Segna tutti come letti" clears everything, older messages included.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { formatDateTime } from '../practices/format';
import { loginPageUrl, PERSONAL_AREA, useCitizen } from '../useSession';
import { messageKeys, messagesApi, useInbox, type InboxMessage } from './messagesApi';
import { INBOX_URL, PREFERENCES_URL } from './MessagesLinkCards';
import './messages.css';

export default function InboxPage() {
  const { t } = useTranslation();
  const session = useCitizen();
  useDocumentTitle(t('messages.inbox.title'));
  if (session.isPending) return <div className="container py-4"><Loading /></div>;
  if (session.isError) return <div className="container py-4"><ErrorMessage error={session.error} retry={() => void session.refetch()} /></div>;
  if (!session.data) return <Navigate to={loginPageUrl({ returnTo: INBOX_URL })} replace />;
  return <Inbox />;
}

function Inbox() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const inbox = useInbox();
  /** unread when first shown in this visit */
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [markedAll, setMarkedAll] = useState(false);
  const [markFailed, setMarkFailed] = useState(false);
  const sent = useRef(new Set<string>());

  // what is on screen unread is read now; the highlight stays until the citizen leaves or marks all read
  useEffect(() => {
    const unread = (inbox.data?.items ?? []).filter((m) => !m.readAt && !sent.current.has(m.id)).map((m) => m.id);
    if (!unread.length) return;
    for (const id of unread) sent.current.add(id);
    setFresh((current) => new Set([...current, ...unread]));
    messagesApi.markRead(unread).then(
      () => void queryClient.invalidateQueries({ queryKey: messageKeys.inbox }),
      () => setMarkFailed(true),
    );
  }, [inbox.data, queryClient]);

  const markAll = useMutation({
    mutationFn: () => messagesApi.markRead(),
    onSuccess: () => {
      setFresh(new Set());
      setMarkedAll(true);
      setMarkFailed(false);
      void queryClient.invalidateQueries({ queryKey: messageKeys.inbox });
    },
    onError: () => setMarkFailed(true),
  });

  const items = inbox.data?.items ?? [];
  const freshCount = items.filter((m) => fresh.has(m.id)).length;
  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('personalArea.title'), to: PERSONAL_AREA }, { label: t('messages.inbox.title') }]} />
      <div className="row">
        <div className="col-lg-9 col-xl-8">
          <h1>{t('messages.inbox.title')}</h1>
          <p>{t('messages.inbox.intro')}</p>
          <p>
            <Link to={PREFERENCES_URL} className="fw-semibold">{t('messages.inbox.preferencesLink')}</Link>
          </p>
          {inbox.isPending ? (
            <Loading />
          ) : inbox.isError ? (
            <ErrorMessage error={inbox.error} retry={() => void inbox.refetch()} />
          ) : items.length === 0 ? (
            <Notice tone="info" role="none">
              <p className="fw-semibold mb-1">{t('messages.inbox.emptyTitle')}</p>
              <p className="mb-0">{t('messages.inbox.emptyBody')}</p>
            </Notice>
          ) : (
            <>
              <div className="sp-inbox-tools">
                <p className="mb-0">
                  {t('messages.inbox.count', { count: items.length })}
                  {freshCount > 0 && <> · <strong>{t('messages.inbox.unreadSummary', { count: freshCount })}</strong></>}
                </p>
                {(freshCount > 0 || (inbox.data.unread > 0)) && (
                  <Button type="button" color="primary" outline size="sm" onClick={() => markAll.mutate()} disabled={markAll.isPending}>
                    {t('messages.inbox.markAll')}
                  </Button>
                )}
              </div>
              <div role="status">
                {markedAll && freshCount === 0 && <Notice tone="success" role="none"><p className="mb-0">{t('messages.inbox.allRead')}</p></Notice>}
              </div>
              {markFailed && <Notice tone="warning" role="alert"><p className="mb-0">{t('messages.inbox.markFailed')}</p></Notice>}
              <ul className="sp-inbox-list" aria-label={t('messages.inbox.listLabel')}>
                {items.map((m) => <InboxItem key={m.id} message={m} fresh={fresh.has(m.id)} />)}
              </ul>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function InboxItem({ message, fresh }: { message: InboxMessage; fresh: boolean }) {
  const { t, i18n } = useTranslation();
  const titleId = `messaggio-${message.id}`;
  return (
    <li className={`sp-inbox-item${fresh ? ' is-unread' : ''}`} data-unread={fresh ? 'true' : undefined}>
      <article aria-labelledby={titleId}>
        <div className="sp-inbox-head">
          <h2 id={titleId}>{message.subject}</h2>
          {fresh && <Badge color="primary" className="sp-badge">{t('messages.inbox.unreadBadge')}</Badge>}
        </div>
        <p className="sp-inbox-date">{t('messages.inbox.receivedAt', { date: formatDateTime(message.createdAt, i18n.language) })}</p>
        <p className="sp-inbox-body">{message.body}</p>
        {message.applicationId && (
          <Link to={`/area-personale/pratiche/${encodeURIComponent(message.applicationId)}`} className="fw-semibold">
            {t('messages.inbox.openApplication')}
            <span className="visually-hidden"> — {message.subject}</span>
          </Link>
        )}
      </article>
    </li>
  );
}
