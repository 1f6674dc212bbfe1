/**
 * The way into "Chi ha consultato i miei dati" from the personal area. Small on purpose: part of the personal
 * area's chunk; the page itself is loaded on demand.
 */
import { Icon as KitIcon } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACCESS_LOG_URL } from './accessLogApi';
import '../messages/messages.css';

export function AccessLogLinkCard() {
  const { t } = useTranslation();
  return (
    <div className="sp-pa-link-cards">
      <section className="sp-pa-link-card" aria-labelledby="accessi-link">
        <KitIcon icon="it-password-visible" className="sp-icon" focusable="false" aria-hidden="true" />
        <div>
          <h2 className="h4 mb-0">
            <Link to={ACCESS_LOG_URL} id="accessi-link">
              {t('myspace.accessLog.entry.title')}
            </Link>
          </h2>
          <p>{t('myspace.accessLog.entry.body')}</p>
        </div>
      </section>
    </div>
  );
}
