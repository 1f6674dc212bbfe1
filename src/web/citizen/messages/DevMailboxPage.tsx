/**
 * /sviluppo/posta: in development and tests, every message any channel sent (e-mail, PEC, SMS, IO) as its
 * recipient would get it, newest first. The API answers 404 when the mailbox is off (production): said so here.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge, Button, Icon as KitIcon } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { formatDateTime } from '../practices/format';
import { messageKeys, messagesApi, type MailboxMessage } from './messagesApi';
import './messages.css';

const CHANNEL_COLOR: Record<string, string> = { email: 'primary', pec: 'success', sms: 'warning', io: 'info' };

export default function DevMailboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('messages.mailbox.title'));
  const mailbox = useInfiniteQuery({
    queryKey: messageKeys.mailbox,
    queryFn: ({ pageParam, signal }) => messagesApi.mailbox(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
    retry: (count, error) => !isApiError(error, 404) && count < 2,
  });
  const items = mailbox.data?.pages.flatMap((p) => p.items) ?? [];
  const off = isApiError(mailbox.error, 404);

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('messages.mailbox.title') }]} />
      <h1>{t('messages.mailbox.title')}</h1>
      <p>{t('messages.mailbox.intro')}</p>
      {mailbox.isPending ? (
        <Loading />
      ) : off ? (
        <Notice tone="warning" role="none">
          <p className="mb-0">{t('messages.mailbox.off')}</p>
        </Notice>
      ) : mailbox.isError ? (
        <ErrorMessage error={mailbox.error} retry={() => void mailbox.refetch()} />
      ) : (
        <>
          <div className="sp-inbox-tools">
            <p className="mb-0" role="status">
              {mailbox.isRefetching ? t('common.loading') : t('messages.mailbox.count', { count: items.length })}
            </p>
            <Button type="button" color="primary" outline size="sm" onClick={() => void mailbox.refetch()} disabled={mailbox.isRefetching}>
              <KitIcon icon="it-refresh" size="sm" className="sp-icon me-1" focusable="false" aria-hidden="true" />
              {t('messages.mailbox.refresh')}
            </Button>
          </div>
          {items.length === 0 ? (
            <Notice tone="info" role="none">
              <p className="mb-0">{t('messages.mailbox.empty')}</p>
            </Notice>
          ) : (
            <ul className="sp-mailbox-list" aria-label={t('messages.mailbox.listLabel')}>
              {items.map((m) => <MailboxItem key={m.id} message={m} />)}
            </ul>
          )}
          {mailbox.hasNextPage && (
            <Button type="button" color="primary" outline onClick={() => void mailbox.fetchNextPage()} disabled={mailbox.isFetchingNextPage}>
              {mailbox.isFetchingNextPage ? t('common.loading') : t('messages.mailbox.more')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}

function MailboxItem({ message }: { message: MailboxMessage }) {
  const { t, i18n } = useTranslation();
  const titleId = `posta-${message.id}`;
  return (
    <li className="sp-mailbox-item" data-channel={message.channel}>
      <article aria-labelledby={titleId}>
        <div className="sp-mailbox-head">
          <Badge color={CHANNEL_COLOR[message.channel] ?? 'secondary'} className="sp-badge">
            {t(`messages.channels.${message.channel}`, { defaultValue: message.channel })}
          </Badge>
          <h2 id={titleId}>{message.subject ?? t('messages.mailbox.noSubject')}</h2>
        </div>
        <p className="sp-mailbox-meta">
          {t('messages.mailbox.to')}: <span className="fw-semibold">{message.recipient}</span> · {t('messages.mailbox.sentAt', { date: formatDateTime(message.sentAt, i18n.language) })}
        </p>
        <pre className="sp-mailbox-body">{message.body}</pre>
      </article>
    </li>
  );
}
