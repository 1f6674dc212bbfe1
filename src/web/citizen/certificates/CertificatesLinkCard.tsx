/**
 * The way into "I miei certificati" from the personal area. Small on purpose: part of the personal area's chunk;
 * the page itself is loaded on demand.
 */
import { useTranslation } from 'react-i18next';
import { PersonalAreaLinkCard } from '../PersonalAreaLinkCard';
import { CERTIFICATES_URL } from './certificatesApi';

export function CertificatesLinkCard() {
  const { t } = useTranslation();
  return (
    <>
      <PersonalAreaLinkCard icon="it-file" to={CERTIFICATES_URL} id="certificati-link" title={t('certificates.entry.title')}>
        <p>{t('certificates.entry.body')}</p>
      </PersonalAreaLinkCard>
    </>
  );
}
