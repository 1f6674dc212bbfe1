/**
 * "Tempi": how long the application spent in each phase (status), as a table a screen reader reads row by row,
 * with a bar proportional to the time for the eye (the numbers are in the table, the bars are decorative).
 */
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, PhaseTime } from '../../../contracts/applications';
import { formatDateTime, splitHours } from './format';
import { statusLabel } from './StatusBadge';

/** "3 giorni e 4 ore", "5 ore", "meno di un'ora" */
export function useDuration() {
  const { t } = useTranslation();
  return (hours: number): string => {
    if (hours < 1) return t('practices.times.lessThanHour');
    const { days, hours: h } = splitHours(hours);
    const d = days > 0 ? t('practices.times.days', { count: days }) : '';
    const hh = h > 0 ? t('practices.times.hours', { count: h }) : '';
    if (d && hh) return t('practices.times.daysAndHours', { days: d, hours: hh });
    return d || hh;
  };
}

type Clock = NonNullable<ApplicationDetail['clock']>;

export function PhaseTimes({ clock }: { clock: Clock }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const duration = useDuration();
  const phases: PhaseTime[] = clock.phases;
  const total = phases.reduce((sum, p) => sum + Math.max(0, p.hours), 0);
  const suspended = phases.filter((p) => p.status === 'awaiting_citizen').reduce((sum, p) => sum + Math.max(0, p.hours), 0);

  if (phases.length === 0) return <p>{t('practices.times.none')}</p>;
  return (
    <>
      <table className="sp-phases">
        <caption>{t('practices.times.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('practices.times.phase')}</th>
            <th scope="col">{t('practices.times.from')}</th>
            <th scope="col">{t('practices.times.to')}</th>
            <th scope="col">{t('practices.times.duration')}</th>
          </tr>
        </thead>
        <tbody>
          {phases.map((p, i) => {
            const share = total > 0 ? Math.max(0, p.hours) / total : 0;
            return (
              <tr key={`${p.status}-${p.from}-${i}`}>
                <th scope="row">{statusLabel(p.status, t)}</th>
                <td data-label={t('practices.times.from')}>{formatDateTime(p.from, lng)}</td>
                <td data-label={t('practices.times.to')}>
                  {p.to ? formatDateTime(p.to, lng) : <span className="sp-phase-open">{t('practices.times.ongoing')}</span>}
                </td>
                <td data-label={t('practices.times.duration')}>
                  {duration(p.hours)}
                  {total > 0 && (
                    <span className="sp-phase-track" aria-hidden="true">
                      <span className={`sp-phase-bar sp-phase-bar-${p.status}`} style={{ width: `${(share * 100).toFixed(1)}%` }} />
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="sp-phase-total">
            <th scope="row" colSpan={3}>
              {clock.closedAt ? t('practices.times.total') : t('practices.times.totalSoFar')}
            </th>
            <td data-label={t('practices.times.duration')}>{duration(total)}</td>
          </tr>
        </tfoot>
      </table>
      {suspended > 0 && <p className="sp-clock-note">{t('practices.times.suspendedNote', { duration: duration(suspended) })}</p>}
    </>
  );
}
