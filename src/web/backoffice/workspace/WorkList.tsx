/**
 * The rows of a queue: a dense table on wide screens, cards on a phone. Each row is a link to the handling page
 * (the code), the whole row answers a click, and the arrow keys move between rows. "Giorni rimasti" is said in
 * words and marked with colour and an icon: red when late, amber within three days.
 */
import { Icon as KitIcon } from 'design-react-kit';
import { forwardRef, useImperativeHandle, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { WorkItem } from '../../../contracts/applications';
import { formatDate } from '../../citizen/practices/format';
import { StatusBadge } from '../../citizen/practices/StatusBadge';
import { useMediaQuery } from '../../ui/useMediaQuery';
import { dueTone, type DueTone } from './model';

export const handlingUrl = (id: string) => `/backoffice/pratiche/${encodeURIComponent(id)}`;

const TONE_ICON: Partial<Record<DueTone, 'it-warning-circle' | 'it-clock' | 'it-error'>> = {
  late: 'it-error',
  soon: 'it-warning-circle',
  suspended: 'it-clock',
};

/** "in ritardo di 2 giorni", "2 giorni", "scade oggi", "sospeso" — with the colour of its urgency. */
export function DaysLeft({ item, withDate = false }: { item: Pick<WorkItem, 'status' | 'daysLeft' | 'dueDate'>; withDate?: boolean }) {
  const { t, i18n } = useTranslation();
  const tone = dueTone(item);
  const days = item.daysLeft ?? 0;
  const words =
    tone === 'closed'
      ? t('workspace.due.closed')
      : tone === 'suspended'
        ? t('workspace.due.suspended')
        : tone === 'none'
          ? '—'
          : tone === 'late'
            ? t('workspace.due.late', { count: -days })
            : days === 0
              ? t('workspace.due.today')
              : tone === 'soon'
                ? t('workspace.due.soon', { count: days })
                : t('workspace.due.left', { count: days });
  const icon = TONE_ICON[tone];
  return (
    <span className={`sp-ws-due sp-ws-due-${tone}`}>
      <span className="sp-ws-due-words">
        {icon && <KitIcon icon={icon} size="xs" className="sp-icon" focusable="false" aria-hidden="true" />}
        {words}
      </span>
      {withDate && item.dueDate && tone !== 'closed' && (
        <span className="sp-ws-due-date">{t('workspace.due.by', { date: formatDate(item.dueDate, i18n.language) })}</span>
      )}
    </span>
  );
}

function Subject({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="sp-ws-subject">{item.subject.name}</span>
      <span className="sp-ws-cf">{item.subject.fiscalCode}</span>
      {item.filedBy && item.filedBy.name !== item.subject.name && <span className="sp-ws-small">{t('workspace.list.filedBy', { name: item.filedBy.name })}</span>}
    </>
  );
}

function Flags({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  if (!item.escalated && !item.pendingVisa) return null;
  return (
    <span className="sp-ws-flags">
      {item.escalated && <span className="badge sp-ws-flag sp-ws-flag-escalated">{t('workspace.list.escalated')}</span>}
      {item.pendingVisa && <span className="badge sp-ws-flag sp-ws-flag-visa">{t('workspace.list.pendingVisa', { label: item.pendingVisa })}</span>}
    </span>
  );
}

export interface WorkListHandle {
  /** focuses the row at this index (after "Carica altre") */
  focusRow: (index: number) => void;
}

/** Moves the focus between row links with the arrow keys (and Home/End), like a list. */
function onRowKeys(event: KeyboardEvent<HTMLElement>) {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
  const target = event.target as HTMLElement;
  if (!target.matches('a[data-row-index]')) return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-row-index]')];
  const index = links.indexOf(target as HTMLAnchorElement);
  const next =
    event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : event.key === 'Home' ? 0 : links.length - 1;
  if (next < 0 || next >= links.length) return;
  event.preventDefault();
  links[next].focus();
}

export const WorkList = forwardRef<WorkListHandle, { items: WorkItem[]; caption: string }>(function WorkList({ items, caption }, ref) {
  const wide = useMediaQuery('(min-width: 768px)');
  const root = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => ({
    focusRow: (index) => root.current?.querySelector<HTMLElement>(`a[data-row-index="${index}"]`)?.focus(),
  }));
  return (
    <div ref={root} onKeyDown={onRowKeys}>
      {wide ? <WorkTable items={items} caption={caption} /> : <WorkCards items={items} caption={caption} />}
    </div>
  );
});

function WorkTable({ items, caption }: { items: WorkItem[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const navigate = useNavigate();
  // a click anywhere on the row opens it, unless the reader was selecting text or clicked a link itself
  const onRowClick = (event: MouseEvent<HTMLTableRowElement>, id: string) => {
    if ((event.target as HTMLElement).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    if (event.metaKey || event.ctrlKey) window.open(handlingUrl(id), '_blank', 'noopener');
    else navigate(handlingUrl(id));
  };
  return (
    <div className="sp-ws-table-wrap">
      <table className="table sp-ws-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workspace.list.code')}</th>
            <th scope="col">{t('workspace.list.service')}</th>
            <th scope="col">{t('workspace.list.applicant')}</th>
            <th scope="col">{t('workspace.list.submitted')}</th>
            <th scope="col" className="sp-ws-col-protocol">
              {t('workspace.list.protocol')}
            </th>
            <th scope="col">{t('workspace.list.status')}</th>
            <th scope="col" className="sp-ws-col-responsible">
              {t('workspace.list.responsible')}
            </th>
            <th scope="col">{t('workspace.list.daysLeft')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={item.id} className={`sp-ws-row sp-ws-row-${dueTone(item)}`} onClick={(e) => onRowClick(e, item.id)}>
              <th scope="row" className="sp-ws-code-cell">
                <Link to={handlingUrl(item.id)} data-row-index={index} className="sp-ws-code">
                  {item.code}
                </Link>
              </th>
              <td>
                <span lang="it">{item.service.title}</span>
                <Flags item={item} />
              </td>
              <td>
                <Subject item={item} />
              </td>
              <td className="text-nowrap">{item.submittedAt ? formatDate(item.submittedAt, lng) : '—'}</td>
              <td className="sp-ws-col-protocol text-nowrap">
                {item.protocol ? t('workspace.list.protocolValue', { number: item.protocol.number, year: item.protocol.year }) : <span className="sp-ws-muted">{t('workspace.list.noProtocol')}</span>}
              </td>
              <td>
                <StatusBadge status={item.status} />
              </td>
              <td className="sp-ws-col-responsible">
                {item.responsible ? item.responsible.name : <span className="sp-ws-muted">{t('workspace.list.nobody')}</span>}
                {item.office && <span className="sp-ws-small">{item.office.name}</span>}
              </td>
              <td>
                <DaysLeft item={item} withDate />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WorkCards({ items, caption }: { items: WorkItem[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <ul className="sp-ws-cards" aria-label={caption}>
      {items.map((item, index) => (
        <li key={item.id} className={`sp-ws-card sp-ws-row-${dueTone(item)}`}>
          <div className="sp-ws-card-head">
            <Link to={handlingUrl(item.id)} data-row-index={index} className="sp-ws-code">
              {item.code}
              <span className="visually-hidden"> — {item.service.title}</span>
            </Link>
            <DaysLeft item={item} />
          </div>
          <p className="sp-ws-card-service" lang="it">
            {item.service.title}
          </p>
          <p className="sp-ws-card-subject">
            <Subject item={item} />
          </p>
          <div className="sp-ws-card-status">
            <StatusBadge status={item.status} />
            <Flags item={item} />
          </div>
          <dl className="sp-ws-card-facts">
            <div>
              <dt>{t('workspace.list.submitted')}</dt>
              <dd>{item.submittedAt ? formatDate(item.submittedAt, lng) : '—'}</dd>
            </div>
            <div>
              <dt>{t('workspace.list.protocol')}</dt>
              <dd>{item.protocol ? t('workspace.list.protocolValue', { number: item.protocol.number, year: item.protocol.year }) : t('workspace.list.noProtocol')}</dd>
            </div>
            <div>
              <dt>{t('workspace.list.responsible')}</dt>
              <dd>{item.responsible ? item.responsible.name : t('workspace.list.nobody')}</dd>
            </div>
            {item.dueDate && dueTone(item) !== 'closed' && (
              <div>
                <dt>{t('workspace.list.dueDate')}</dt>
                <dd>{formatDate(item.dueDate, lng)}</dd>
              </div>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}
