import { Badge } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ServiceDetail } from '../../api/types';
import { formatDate } from '../../ui/format';

/** The published versions of a service, newest first, each linked to the citizen's page of that version. */
export function VersionsBox({ detail }: { detail: ServiceDetail }) {
  const { t, i18n } = useTranslation();
  const publicUrl = `/enti/${detail.tenant.slug}/servizi/${detail.slug}`;
  const versions = [...detail.versions].sort((a, b) => b.version - a.version);
  return (
    <aside className="col-12 col-xl-3 mt-4 mt-xl-0" aria-labelledby="versions-title">
      <div className="sp-versions-box">
        <h2 id="versions-title" className="h5">
          {t('editor.versions')}
        </h2>
        <ul className="sp-version-list">
          {versions.map((v) => (
            <li key={v.version}>
              <Link to={`${publicUrl}${v.version === detail.version ? '' : `?version=${v.version}`}`}>
                {t('card.versionLine', { version: v.version, date: formatDate(v.publishedAt, i18n.language) })}
              </Link>
              {v.version === detail.version && (
                <Badge color="secondary" className="sp-badge ms-1">
                  {t('editor.current')}
                </Badge>
              )}
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
