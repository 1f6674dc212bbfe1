/**
 * "Cronologia" as the offices see it: every event, newest first (an operator wants what just happened), with the
 * internal notes the citizen never sees marked "Nota interna" in words and by their look. Labels of the events
 * come from the citizen's timeline, plus those only offices see (notes, visas, escalations).
 */
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../contracts/applications';
import { formatDateTime } from '../../citizen/practices/format';
import { StatusBadge } from '../../citizen/practices/StatusBadge';
import { useEventLabel } from '../../citizen/practices/Timeline';

const newestFirst = (a: TimelineEntry, b: TimelineEntry) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id);

export function StaffTimeline({ items }: { items: TimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  const citizenLabel = useEventLabel();
  const label = (e: TimelineEntry) => t(`workspace.timeline.types.${e.type}`, { defaultValue: '' }) || (e.internal ? t('workspace.timeline.internalNote') : citizenLabel(e));
  if (items.length === 0) return <p>{t('workspace.timeline.empty')}</p>;
  return (
    <ol className="sp-timeline sp-ws-timeline">
      {[...items].sort(newestFirst).map((e) => (
        <li key={e.id} className={e.internal ? 'sp-ws-internal-entry' : undefined}>
          <span className="sp-timeline-dot" aria-hidden="true" />
          <span className="sp-timeline-when">
            <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
          </span>
          <span className="sp-timeline-what">
            {/* a note is all badge; other internal entries (checklist, assignment, proposal) say they stay in the offices */}
            {e.internal && <span className="badge sp-ws-internal-badge">{t(e.type === 'note' ? 'workspace.timeline.internalBadge' : 'workspace.timeline.officesOnly')}</span>}
            {e.type !== 'note' && <> {label(e)}</>}
            {e.toStatus && e.toStatus !== e.fromStatus && (
              <>
                {' '}
                <StatusBadge status={e.toStatus} />
              </>
            )}
          </span>
          <span className="sp-timeline-who">{t('workspace.timeline.by', { who: e.actorLabel })}</span>
          {e.note && (
            <p className="sp-timeline-note" lang="it">
              {e.note}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
