/**
 * /backoffice/agenda: the office's appointments of a chosen day (time, person, service, status, ticket), bookings
 * taken by phone, and cancelling an appointment after a confirmation.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Appointment } from '../../../contracts/desk';
import { receptionApi, receptionKeys } from '../../api/reception';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { DoneMessage, ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { PhoneBookingForm } from './components/PhoneBookingForm';
import { addDays, clockTime, longDay, romeToday } from '../../ui/romeTime';
import { useReceptionOffice, worksAtReception } from './useReceptionOffice';
import './reception.css';

const REFRESH_MS = 30_000;

function AppointmentItem({ appointment: a, officeId, day, onCancelled }: { appointment: Appointment; officeId: string; day: string; onCancelled: (a: Appointment) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) heading.current?.focus();
  }, [confirming]);
  const cancel = useMutation({
    mutationFn: () => receptionApi.cancel(a.id),
    onSuccess: (cancelled) => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: receptionKeys.agenda(officeId, day) });
      void queryClient.invalidateQueries({ queryKey: ['booking', 'slots', officeId] });
      onCancelled(cancelled);
    },
  });
  const who = [a.person.name, a.person.phone, a.person.email].filter(Boolean).join(' · ');
  return (
    <li>
      <p className="mb-1 d-flex flex-wrap gap-2 align-items-baseline">
        <time dateTime={a.startsAt} className="fw-semibold fs-5">{clockTime(a.startsAt, i18n.language)}</time>
        <span className={`badge sp-agenda-status sp-agenda-status-${a.status}`}>{t(`reception.agenda.status.${a.status}`)}</span>
        {a.ticketLabel && <span>{t('reception.agenda.ticket', { label: a.ticketLabel })}</span>}
      </p>
      <p className="mb-1 fw-semibold">{who}</p>
      <p className="mb-1">{a.serviceTitle}</p>
      <p className="mb-1 small">
        {t(`reception.agenda.channel.${a.channel}`)} · {t('reception.agenda.code', { code: a.code })}
        {a.reason && <> · {a.reason}</>}
      </p>
      {a.status === 'booked' && !confirming && (
        <Button type="button" color="danger" outline size="sm" innerRef={openButton} onClick={() => setConfirming(true)}>
          {t('reception.agenda.cancel')}<span className="visually-hidden"> {t('reception.agenda.cancelOf', { name: a.person.name, time: clockTime(a.startsAt, i18n.language) })}</span>
        </Button>
      )}
      {confirming && (
        <div className="sp-reception-card mt-2" role="group" aria-labelledby={`cancel-${a.id}`}>
          <p id={`cancel-${a.id}`} ref={heading} tabIndex={-1} className="fw-semibold">
            {t('reception.agenda.confirm', { name: a.person.name, time: clockTime(a.startsAt, i18n.language) })}
          </p>
          {cancel.isError && <ErrorMessage error={cancel.error} />}
          <div className="d-flex flex-wrap gap-2">
            <Button type="button" color="danger" size="sm" disabled={cancel.isPending} onClick={() => cancel.mutate()}>{t('reception.agenda.confirmYes')}</Button>
            <Button type="button" color="primary" outline size="sm" onClick={() => { setConfirming(false); window.setTimeout(() => openButton.current?.focus(), 0); }}>
              {t('reception.agenda.confirmNo')}
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}

function Agenda({ officeId }: { officeId: string }) {
  const { t, i18n } = useTranslation();
  const today = romeToday();
  const [day, setDay] = useState(today);
  const [done, setDone] = useState<string | null>(null);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day);
  const agenda = useQuery({
    queryKey: receptionKeys.agenda(officeId, day),
    queryFn: ({ signal }) => receptionApi.agenda(officeId, day, signal),
    enabled: valid,
    refetchInterval: REFRESH_MS,
  });
  const items = [...(agenda.data?.items ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const booked = (a: Appointment) => {
    const bookedDay = romeToday(new Date(a.startsAt));
    setDay(bookedDay);
  };

  return (
    <div className="sp-reception-layout">
      <section aria-labelledby="agenda-day-title" className="sp-reception-column">
        <div>
          <h2 id="agenda-day-title" className="h4">{valid ? t('reception.agenda.dayTitle', { day: longDay(day, i18n.language) }) : t('reception.agenda.title')}</h2>
          <div className="sp-agenda-day">
            <Button type="button" color="primary" outline size="sm" onClick={() => setDay(addDays(valid ? day : today, -1))}>{t('reception.agenda.previous')}</Button>
            {/* the browser's own date control (keyboard-usable picker); the label stays above it */}
            <div className="form-group mb-0 sp-agenda-date">
              <label htmlFor="agenda-day" className="active">{t('reception.agenda.day')}</label>
              <input id="agenda-day" type="date" className="form-control" value={day} onChange={(e) => setDay(e.target.value)} />
            </div>
            <Button type="button" color="primary" outline size="sm" onClick={() => setDay(addDays(valid ? day : today, 1))}>{t('reception.agenda.next')}</Button>
            {day !== today && <Button type="button" color="primary" size="sm" onClick={() => setDay(today)}>{t('reception.agenda.today')}</Button>}
          </div>
        </div>
        <DoneMessage message={done} />
        {!valid ? <Notice tone="warning" role="none">{t('reception.agenda.badDay')}</Notice>
          : agenda.isError ? <ErrorMessage error={agenda.error} retry={() => void agenda.refetch()} />
          : !agenda.data ? <Loading />
          : items.length === 0 ? <Notice tone="info" role="none">{t('reception.agenda.none')}</Notice>
          : (
            <>
              <p className="visually-hidden" role="status">{t('reception.agenda.count', { count: items.length })}</p>
              <ul className="sp-agenda-list" aria-labelledby="agenda-day-title">
                {items.map((a) => (
                  <AppointmentItem key={a.id} appointment={a} officeId={officeId} day={day}
                    onCancelled={(c) => setDone(t('reception.agenda.cancelled', { name: c.person.name, time: clockTime(c.startsAt, i18n.language) }))} />
                ))}
              </ul>
            </>
          )}
      </section>
      <div className="sp-reception-column">
        <PhoneBookingForm officeId={officeId} from={today} onBooked={booked} />
      </div>
    </div>
  );
}

export default function AgendaPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('reception.agenda.title'));
  const { operator, officeId, officeName, picker } = useReceptionOffice();
  return (
    <div className="container py-3 py-lg-4 sp-reception">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('reception.title'), to: '/backoffice/accoglienza' }, { label: t('reception.agenda.title') }]} />
      <div className="d-flex flex-wrap align-items-baseline gap-3 mb-2">
        <h1 className="me-auto mb-0">{t('reception.agenda.title')}</h1>
        <Link to="/backoffice/accoglienza">{t('reception.backToReception')}</Link>
      </div>
      {officeName && <p className="lead">{t('reception.agenda.lead', { office: officeName })}</p>}
      {!worksAtReception(operator) ? <Notice tone="info" role="none">{t('reception.notYours')}</Notice> : (
        <>
          {picker}
          {officeId && <Agenda key={officeId} officeId={officeId} />}
        </>
      )}
    </div>
  );
}
