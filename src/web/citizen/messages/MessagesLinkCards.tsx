/**
 * The ways into "Messaggi" (saying how many are unread) and "Preferenze di contatto" from the personal area.
 * Small on purpose: part of the personal area's chunk; the pages themselves are loaded on demand.
 */
import { useTranslation } from 'react-i18next';
import { PersonalAreaLinkCard } from '../PersonalAreaLinkCard';
import { useInbox } from './messagesApi';

export const INBOX_URL = '/area-personale/messaggi';
export const PREFERENCES_URL = '/area-personale/preferenze';

export function MessagesLinkCards() {
  const { t } = useTranslation();
  // only to say "n messaggi da leggere": a failure just leaves the sentence out
  const inbox = useInbox();
  const unread = inbox.data?.unread ?? 0;
  return (
    <>
      <PersonalAreaLinkCard icon="it-mail" to={INBOX_URL} id="messaggi-link" title={t('messages.entry.inboxTitle')}>
        <p>{t('messages.entry.inboxBody')}</p>
        {unread > 0 && <p className="sp-unread-line">{t('messages.entry.unread', { count: unread })}</p>}
      </PersonalAreaLinkCard>
      <PersonalAreaLinkCard icon="it-settings" to={PREFERENCES_URL} id="preferenze-link" title={t('messages.entry.preferencesTitle')}>
        <p>{t('messages.entry.preferencesBody')}</p>
      </PersonalAreaLinkCard>
    </>
  );
}
