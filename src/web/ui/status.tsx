import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

/** Sets document.title as "<page> — Sportello". */
export function useDocumentTitle(title: string | undefined) {
  const { t, i18n } = useTranslation();
  const portal = t('app.portalName');
  useEffect(() => {
    document.title = title ? `${title} — Sportello` : portal;
  }, [title, portal, i18n.language]);
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="d-flex align-items-center gap-2 py-4" role="status">
      <div className="progress-spinner progress-spinner-active size-sm" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  const detail = isApiError(error) ? error.problem?.detail || error.problem?.title : undefined;
  return (
    <div className="alert alert-danger" role="alert">
      <p className="mb-1 fw-semibold">{t('common.errorTitle')}</p>
      <p className="mb-0">{detail ?? t('common.errorBody')}</p>
      {retry && (
        <button type="button" className="btn btn-outline-danger btn-sm mt-2" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
