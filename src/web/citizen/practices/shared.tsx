/** Pieces shared by the list and the detail of "Le mie pratiche". */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { ApplicationStatus, ApplicationSummary } from '../../../contracts/applications';
import type { CitizenMe } from '../../api/types';
import { ErrorMessage, Loading } from '../../ui/status';
import { loginPageUrl, useCitizen } from '../useSession';
import { clockRunning, daysUntil, formatDate, subjectIsMe } from './format';

/** Renders `children` for a signed-in citizen; otherwise sends them to sign in and come back here. */
export function CitizenOnly({ children }: { children: (citizen: CitizenMe) => ReactNode }) {
  const session = useCitizen();
  const location = useLocation();
  if (session.isPending) {
    return (
      <div className="container py-4">
        <Loading />
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="container py-4">
        <ErrorMessage error={session.error} retry={() => void session.refetch()} />
      </div>
    );
  }
  if (!session.data) return <Navigate to={loginPageUrl({ returnTo: `${location.pathname}${location.search}` })} replace />;
  return <>{children(session.data)}</>;
}

/**
 * For whom and by whom, as one sentence, or null when it is simply the citizen's own:
 * "Per Sofia Colombo (figlia/o minore) — presentata da te", "Presentata per te da Luca Bianchi".
 */
export function useForWhom() {
  const { t } = useTranslation();
  return (a: Pick<ApplicationSummary, 'subject' | 'filedBy'>, me: CitizenMe): string | null => {
    const filer = a.filedBy ? (a.filedBy.name === me.name ? t('practices.who.you') : a.filedBy.name) : null;
    if (subjectIsMe(a.subject, me.fiscalCode)) {
      return filer && a.filedBy?.name !== me.name ? t('practices.who.forYouBy', { name: filer }) : null;
    }
    const kind = t(`practices.who.kinds.${a.subject.kind}`);
    return filer
      ? t('practices.who.forBy', { name: a.subject.name, kind, by: filer })
      : t('practices.who.for', { name: a.subject.name, kind });
  };
}

/** "tra 45 giorni", "domani", "oggi", "scaduta da 3 giorni" */
export function useDaysLeftText() {
  const { t } = useTranslation();
  return (days: number): string => {
    if (days > 1) return t('practices.due.inDays', { count: days });
    if (days === 1) return t('practices.due.tomorrow');
    if (days === 0) return t('practices.due.today');
    return t('practices.due.late', { count: -days });
  };
}

/** The due-date line of a summary: "Scade il 12/01/2027 — tra 45 giorni"; null when it has no meaning now. */
export function DueLine({ status, dueDate }: { status: ApplicationStatus; dueDate: string | null }) {
  const { t, i18n } = useTranslation();
  const daysText = useDaysLeftText();
  if (!dueDate || !clockRunning(status)) return null;
  const date = formatDate(dueDate, i18n.language);
  if (status === 'awaiting_citizen') {
    return <p className="sp-practice-due mb-1">{t('practices.due.suspendedLine', { date })}</p>;
  }
  const days = daysUntil(dueDate);
  return (
    <p className={`sp-practice-due mb-1${days !== null && days < 0 ? ' sp-practice-due-late' : ''}`}>
      {t('practices.due.line', { date })}
      {days !== null && <> — {daysText(days)}</>}
    </p>
  );
}
