/**
 * "Calendari": the office's appointment calendars (name, services, hours, slot length, places per slot) and the
 * form that creates or edits one. The form replaces the list while it is open; saving brings the list back with
 * a message that takes the focus.
 */
import { Badge, Button, Table } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentCalendar } from '../../../contracts/desk';
import { deskAdminKeys, useBodyServices, useCalendars, useCategories } from '../../api/deskAdmin';
import { Icon } from '../../ui/Icon';
import { DoneMessage, ErrorMessage, Loading } from '../../ui/status';
import { CalendarForm } from './CalendarForm';
import { hoursSummary } from './hours';

export function CalendarsTab({ officeId, tenantId }: { officeId: string; tenantId: string }) {
  const { t } = useTranslation();
  const calendars = useCalendars(officeId);
  const categories = useCategories(officeId);
  const services = useBodyServices(tenantId);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<'new' | AppointmentCalendar | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // after the form closes by cancelling, the focus goes back to the button that opened it
  const returnFocus = useRef<string | null>(null);

  useEffect(() => {
    if (editing || !returnFocus.current) return;
    document.getElementById(returnFocus.current)?.focus();
    returnFocus.current = null;
  }, [editing]);

  if (editing) {
    return (
      <CalendarForm
        officeId={officeId}
        tenantId={tenantId}
        calendar={editing === 'new' ? null : editing}
        categories={categories.data?.items ?? []}
        onSaved={async (saved) => {
          await queryClient.invalidateQueries({ queryKey: deskAdminKeys.calendars(officeId) });
          setEditing(null);
          setDone(t('deskAdmin.calendars.saved', { name: saved.name }));
        }}
        onCancel={() => {
          returnFocus.current = editing === 'new' ? 'deskadmin-calendar-new' : `deskadmin-calendar-edit-${editing.id}`;
          setEditing(null);
        }}
      />
    );
  }

  const serviceTitle = new Map(services.data?.map((s) => [s.id, s.title]));
  const categoryName = new Map(categories.data?.items.map((c) => [c.id, `${c.prefix} — ${c.name}`]));
  const servicesOf = (c: AppointmentCalendar) => c.serviceIds.map((id) => serviceTitle.get(id) ?? t('deskAdmin.calendars.unknownService'));

  return (
    <>
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h3 className="h4 mb-0">{t('deskAdmin.calendars.title')}</h3>
        <Button type="button" color="primary" id="deskadmin-calendar-new" onClick={() => { setDone(null); setEditing('new'); }}>
          <Icon name="plus" className="me-1" />
          {t('deskAdmin.calendars.new')}
        </Button>
      </div>
      <p>{t('deskAdmin.calendars.lead')}</p>
      <DoneMessage message={done} />
      {calendars.isPending ? (
        <Loading />
      ) : calendars.isError ? (
        <ErrorMessage error={calendars.error} retry={() => void calendars.refetch()} />
      ) : calendars.data.items.length === 0 ? (
        <p className="sp-empty-note">{t('deskAdmin.calendars.empty')}</p>
      ) : (
        <Table className="sp-catalog-table sp-da-table">
          <caption className="visually-hidden">{t('deskAdmin.calendars.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('deskAdmin.calendars.colName')}</th>
              <th scope="col" className="d-none d-lg-table-cell">{t('deskAdmin.calendars.colServices')}</th>
              <th scope="col" className="d-none d-md-table-cell">{t('deskAdmin.calendars.colHours')}</th>
              <th scope="col" className="d-none d-md-table-cell">{t('deskAdmin.calendars.colSlots')}</th>
              <th scope="col"><span className="visually-hidden">{t('deskAdmin.colActions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {calendars.data.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <span className="fw-semibold">{c.name}</span>{' '}
                  <ActiveBadge active={c.active} />
                  {c.categoryId && (
                    <div className="small">{t('deskAdmin.calendars.joins', { category: categoryName.get(c.categoryId) ?? '' })}</div>
                  )}
                  {/* on a narrow screen the other columns are hidden: their content is told here */}
                  <div className="small d-lg-none">{servicesOf(c).join(', ')}</div>
                  <div className="small d-md-none">{hoursSummary(c.weeklyHours, t)}</div>
                  <div className="small d-md-none">{t('deskAdmin.calendars.slotLine', { minutes: c.slotMinutes, count: c.capacity })}</div>
                </td>
                <td className="d-none d-lg-table-cell small">
                  <ul className="list-unstyled mb-0">
                    {servicesOf(c).map((title, i) => <li key={i}>{title}</li>)}
                  </ul>
                </td>
                <td className="d-none d-md-table-cell small">{hoursSummary(c.weeklyHours, t) || t('deskAdmin.calendars.noHours')}</td>
                <td className="d-none d-md-table-cell small">{t('deskAdmin.calendars.slotLine', { minutes: c.slotMinutes, count: c.capacity })}</td>
                <td>
                  <Button type="button" color="primary" outline size="sm" id={`deskadmin-calendar-edit-${c.id}`} onClick={() => { setDone(null); setEditing(c); }}>
                    {t('deskAdmin.edit')}
                    <span className="visually-hidden"> {c.name}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

/** "Attivo" / "Non attivo"; `feminine` for a category ("Attiva"). */
export function ActiveBadge({ active, feminine = false }: { active: boolean; feminine?: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={active ? 'success' : 'secondary'} className="sp-badge">
      {t(active ? 'deskAdmin.active' : 'deskAdmin.inactive', { context: feminine ? 'feminine' : undefined })}
    </Badge>
  );
}
