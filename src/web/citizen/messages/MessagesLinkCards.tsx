/**
 * The ways into "Messaggi" (saying how many are unread) and "Preferenze di contatto" from the personal area.
 * Small on purpose: part of the personal area's chunk; the pages themselves are loaded on demand.
 */
import { Icon as KitIcon } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useInbox } from './messagesApi';
import './messages.css';

export const INBOX_URL = '/area-personale/messaggi';
export const PREFERENCES_URL = '/area-personale/preferenze';

export function MessagesLinkCards() {
  const { t } = useTranslation();
  // only to say "n messaggi da leggere": a failure just leaves the sentence out
  const inbox = useInbox();
  const unread = inbox.data?.unread ?? 0;
  return (
    <div className="sp-pa-link-cards">
      <section className="sp-pa-link-card" aria-labelledby="messaggi-link">
        <KitIcon icon="it-mail" className="sp-icon" focusable="false" aria-hidden="true" />
        <div>
          <h2 className="h4 mb-0">
            <Link to={INBOX_URL} id="messaggi-link">
              {t('messages.entry.inboxTitle')}
            </Link>
          </h2>
          <p>{t('messages.entry.inboxBody')}</p>
          {unread > 0 && <p className="sp-unread-line">{t('messages.entry.unread', { count: unread })}</p>}
        </div>
      </section>
      <section className="sp-pa-link-card" aria-labelledby="preferenze-link">
        <KitIcon icon="it-settings" className="sp-icon" focusable="false" aria-hidden="true" />
        <div>
          <h2 className="h4 mb-0">
            <Link to={PREFERENCES_URL} id="preferenze-link">
              {t('messages.entry.preferencesTitle')}
            </Link>
          </h2>
          <p>{t('messages.entry.preferencesBody')}</p>
        </div>
      </section>
    </div>
  );
}
