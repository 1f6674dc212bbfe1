/**
 * The timeline of an application (oldest first, like a story: what happened, when, who) and the "Messaggi": the
 * notes of the office addressed to the citizen and the citizen's answers, taken from the same timeline. Internal
 * notes never reach citizens (the API leaves them out; they are filtered here again in case).
 */
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../contracts/applications';
import { formatDateTime } from './format';
import { StatusBadge } from './StatusBadge';

const byTime = (a: TimelineEntry, b: TimelineEntry) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

/** What a timeline entry says happened, in words. */
export function useEventLabel() {
  const { t } = useTranslation();
  return (e: TimelineEntry): string => {
    const known = t(`practices.timeline.types.${e.type}`, { defaultValue: '' });
    if (known) return known;
    if (e.toStatus && e.toStatus !== e.fromStatus) return t('practices.timeline.statusChanged');
    return t('practices.timeline.other');
  };
}

export function Timeline({ items, myName }: { items: TimelineEntry[]; myName: string }) {
  const { t, i18n } = useTranslation();
  const label = useEventLabel();
  const entries = items.filter((e) => !e.internal).sort(byTime);
  if (entries.length === 0) return <p>{t('practices.timeline.empty')}</p>;
  return (
    <ol className="sp-timeline">
      {entries.map((e) => (
        <li key={e.id}>
          <span className="sp-timeline-dot" aria-hidden="true" />
          <span className="sp-timeline-when">
            <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
          </span>
          <span className="sp-timeline-what">
            {label(e)}
            {e.toStatus && e.toStatus !== e.fromStatus && (
              <>
                {' '}
                <StatusBadge status={e.toStatus} />
              </>
            )}
          </span>
          <span className="sp-timeline-who">{fromCitizen(e, myName) ? t('practices.timeline.byYou') : t('practices.timeline.by', { who: e.actorLabel })}</span>
          {e.note && (
            <p className="sp-timeline-note" lang={fromCitizen(e, myName) ? undefined : 'it'}>
              {e.note}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Is this entry a note written to the citizen, or the citizen's answer to one? */
const isMessage = (e: TimelineEntry) =>
  !!e.note &&
  !e.internal &&
  (e.toStatus === 'awaiting_citizen' ||
    e.fromStatus === 'awaiting_citizen' ||
    e.toStatus === 'approved' ||
    e.toStatus === 'rejected' ||
    /integration|message/.test(e.type));

/** "Tu" is how the API names the citizen; anything else is the office (or the system). */
const fromCitizen = (e: TimelineEntry, myName: string) => e.actorLabel === 'Tu' || e.actorLabel === 'You' || e.actorLabel === myName;

export function Messages({ items, myName }: { items: TimelineEntry[]; myName: string }) {
  const { t, i18n } = useTranslation();
  const label = useEventLabel();
  const messages = items.filter(isMessage).sort(byTime);
  return (
    <>
      <p>{t('practices.messages.intro')}</p>
      {messages.length === 0 ? (
        <p className="sp-empty-note">{t('practices.messages.none')}</p>
      ) : (
        <ul className="sp-messages">
          {messages.map((e) => {
            const mine = fromCitizen(e, myName);
            return (
              <li key={e.id} className={`sp-message ${mine ? 'sp-message-from-me' : 'sp-message-from-office'}`}>
                <p className="sp-message-meta">
                  <strong>{mine ? t('practices.messages.you') : e.actorLabel}</strong>
                  <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                  <span>{label(e)}</span>
                </p>
                <p lang={mine ? undefined : 'it'}>{e.note}</p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
