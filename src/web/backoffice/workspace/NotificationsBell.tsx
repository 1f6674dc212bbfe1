/**
 * The operator's alerts in the operator bar: a bell with the number of unread ones, and a list that opens under
 * it (reminders before a due date, escalations, visas to give), each linking to its application. A disclosure,
 * not a menu: Escape or a click outside closes it and the focus goes back to the bell.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { formatDateTime } from '../../citizen/practices/format';
import { useQueryClient } from '@tanstack/react-query';
import { useNotifications, workspaceApi, workspaceKeys } from './api';
import { sortNotifications } from './model';
import { handlingUrl } from './WorkList';

function BellIcon() {
  return (
    <svg className="sp-ws-bell-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 2.5a1.5 1.5 0 0 0-1.5 1.5v.7A6 6 0 0 0 6 10.5v4.2l-1.7 2.6A1 1 0 0 0 5.1 19h13.8a1 1 0 0 0 .8-1.7L18 14.7v-4.2a6 6 0 0 0-4.5-5.8V4A1.5 1.5 0 0 0 12 2.5Zm0 4a4 4 0 0 1 4 4v4.5c0 .2 0 .4.2.5l.9 1.5H6.9l1-1.5.1-.5v-4.5a4 4 0 0 1 4-4Zm-2 13.5a2 2 0 0 0 4 0h-4Z"
      />
    </svg>
  );
}

export function NotificationsBell() {
  const { t, i18n } = useTranslation();
  const notifications = useNotifications(true);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const location = useLocation();

  const queryClient = useQueryClient();
  // following a link in the list closes it
  useEffect(() => setOpen(false), [location.pathname]);

  // what was shown when the list opened counts as read once it closes (the "Nuovo" marks stay while it is open)
  const shownUnread = useRef<string[]>([]);
  useEffect(() => {
    if (open) {
      shownUnread.current = (notifications.data?.items ?? []).filter((n) => !n.readAt).map((n) => n.id);
      return;
    }
    const ids = shownUnread.current;
    shownUnread.current = [];
    if (!ids.length) return;
    void workspaceApi.markNotificationsRead(ids).then(
      () => queryClient.invalidateQueries({ queryKey: workspaceKeys.notifications }),
      () => undefined,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  // no alerts service on this server: no bell
  if (notifications.data === null) return null;
  const items = sortNotifications(notifications.data?.items ?? []);
  const unread = items.filter((n) => !n.readAt).length;

  return (
    <div className="sp-ws-bell" ref={root}>
      <button
        type="button"
        ref={button}
        className="btn btn-sm btn-outline-primary sp-ws-bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        <BellIcon />
        <span className="visually-hidden">{t('workspace.alerts.title')}</span>
        {unread > 0 ? (
          <span className="sp-ws-bell-count">
            {unread}
            <span className="visually-hidden"> {t('workspace.alerts.unread', { count: unread })}</span>
          </span>
        ) : (
          <span className="visually-hidden"> — {t('workspace.alerts.noneUnread')}</span>
        )}
      </button>
      <div id={panelId} className="sp-ws-bell-panel" hidden={!open}>
        <h2 className="h6 mb-2">{t('workspace.alerts.title')}</h2>
        {notifications.isError ? (
          <p className="mb-0">{t('workspace.alerts.error')}</p>
        ) : items.length === 0 ? (
          <p className="mb-0">{t('workspace.alerts.empty')}</p>
        ) : (
          <ul className="sp-ws-alert-list">
            {items.slice(0, 30).map((n) => (
              <li key={n.id} className={n.readAt ? undefined : 'is-unread'}>
                <p className="sp-ws-alert-subject mb-0" lang="it">
                  {!n.readAt && <span className="visually-hidden">{t('workspace.alerts.new')}: </span>}
                  {n.applicationId ? <Link to={handlingUrl(n.applicationId)}>{n.subject}</Link> : n.subject}
                </p>
                <p className="sp-ws-alert-body mb-0" lang="it">
                  {n.body}
                </p>
                <p className="sp-ws-small mb-0">
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, i18n.language)}</time>
                </p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
