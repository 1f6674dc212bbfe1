import { Alert, Button, Spinner } from 'design-react-kit';
import { useEffect, useRef, type ReactNode, type Ref } from 'react';
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
      {/* the text next to it is the accessible name: the kit's hidden label stays empty */}
      <Spinner active small label="" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

type Tone = 'success' | 'info' | 'warning' | 'danger';

interface NoticeProps {
  tone: Tone;
  /**
   * alert: urgent, announced at once (design-react-kit's Alert, which always renders role="alert");
   * status: a polite live region; note / none: page content. The kit's Alert cannot carry those roles, so they
   * use Bootstrap Italia's alert markup directly.
   */
  role: 'alert' | 'status' | 'note' | 'none';
  children: ReactNode;
  className?: string;
  /** focus target for messages that take the focus when they appear */
  focusRef?: Ref<HTMLDivElement>;
  'aria-labelledby'?: string;
}

/** A Bootstrap Italia alert box. */
export function Notice({ tone, role, children, className, focusRef, 'aria-labelledby': labelledBy }: NoticeProps) {
  const focus = focusRef ? { tabIndex: -1 } : {};
  if (role === 'alert') {
    return (
      <Alert color={tone} fade={false} className={className} innerRef={focusRef as Ref<HTMLElement> | undefined} aria-labelledby={labelledBy} {...focus}>
        {children}
      </Alert>
    );
  }
  return (
    <div className={`alert alert-${tone}${className ? ` ${className}` : ''}`} role={role === 'none' ? undefined : role} ref={focusRef} aria-labelledby={labelledBy} {...focus}>
      {children}
    </div>
  );
}

/**
 * What an action just did, in a live region: a success notice that takes the focus whenever the message changes
 * (and is not null), so a keyboard or screen-reader user lands on it.
 */
export function DoneMessage({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return (
    <div role="status">
      {message && (
        <Notice tone="success" role="none" focusRef={ref}>
          {message}
        </Notice>
      )}
    </div>
  );
}

export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  const detail = isApiError(error) ? error.problem?.detail || error.problem?.title : undefined;
  return (
    <Notice tone="danger" role="alert">
      <p className="mb-1 fw-semibold">{t('common.errorTitle')}</p>
      <p className="mb-0">{detail ?? t('common.errorBody')}</p>
      {retry && (
        <Button type="button" color="danger" outline size="sm" className="mt-2" onClick={retry}>
          {t('common.retry')}
        </Button>
      )}
    </Notice>
  );
}
