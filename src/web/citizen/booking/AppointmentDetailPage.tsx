/**
 * /area-personale/appuntamenti/:appointmentId — one appointment: its status, day and time, the office and its
 * address, the service, the reason; while it is booked, the QR code to show at the kiosk with its code written out
 * (to type it when the camera does not read it); "Sposta" (another time of the same calendar, the booking's
 * SlotPicker) and "Annulla" (after a confirmation, as RevokeConfirm does it for other things).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { bookingApi, bookingKeys, fieldError, isSlotTaken, MY_APPOINTMENTS, type Appointment } from '../../api/booking';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { RevokeButton, useRevokeStep } from '../../ui/RevokeConfirm';
import { DoneMessage, ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import NotFoundPage from '../NotFoundPage';
import { CitizenOnly } from '../practices/shared';
import { PERSONAL_AREA } from '../useSession';
import { AppointmentStatusBadge } from './AppointmentStatusBadge';
import { contentLang } from './format';
import { clockTime, longDay, romeToday } from '../../ui/romeTime';
import { SlotPicker } from './SlotPicker';
import './booking.css';

export default function AppointmentDetailPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('booking.detail.title'));
  return <CitizenOnly>{() => <Detail />}</CitizenOnly>;
}

function Detail() {
  const { t } = useTranslation();
  const { appointmentId = '' } = useParams();
  const appointment = useQuery({
    queryKey: bookingKeys.appointment(appointmentId),
    queryFn: ({ signal }) => bookingApi.get(appointmentId, signal),
    staleTime: 0,
  });
  if (appointment.isError && (isApiError(appointment.error, 404) || isApiError(appointment.error, 400))) return <NotFoundPage />;
  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('personalArea.title'), to: PERSONAL_AREA },
          { label: t('booking.list.title'), to: MY_APPOINTMENTS },
          { label: t('booking.detail.title') },
        ]}
      />
      <div className="row">
        <div className="col-lg-9 col-xl-8">
          {appointment.isError ? (
            <ErrorMessage error={appointment.error} retry={() => void appointment.refetch()} />
          ) : !appointment.data ? (
            <Loading />
          ) : (
            <AppointmentView appointment={appointment.data} />
          )}
        </div>
      </div>
    </div>
  );
}

function AppointmentView({ appointment: a }: { appointment: Appointment }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const location = useLocation();
  const queryClient = useQueryClient();
  const justBooked = a.status === 'booked' && (location.state as { booked?: string } | null)?.booked === a.startsAt;
  const [done, setDone] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const day = romeToday(a.startsAt);
  const when = t('booking.detail.when', { day: longDay(day, lng), time: clockTime(a.startsAt, lng) });

  const bookedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!justBooked) return;
    // after the layout's move of the focus to the new page's h1: the confirmation is what to hear first
    const timer = window.setTimeout(() => bookedRef.current?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, [justBooked]);

  const onChanged = (updated: Appointment, message: string) => {
    queryClient.setQueryData(bookingKeys.appointment(a.id), updated);
    void queryClient.invalidateQueries({ queryKey: bookingKeys.appointments, exact: true });
    void queryClient.invalidateQueries({ queryKey: ['booking', 'slots'] });
    setDone(message);
  };

  return (
    <>
      {justBooked && (
        <Notice tone="success" role="none" focusRef={bookedRef} className="sp-booked-notice">
          <p className="mb-1 fw-semibold">{t('booking.detail.bookedTitle')}</p>
          <p className="mb-0">{t('booking.detail.bookedBody')}</p>
        </Notice>
      )}
      <DoneMessage message={done} />
      <p className="sp-kicker mb-1">{t('booking.detail.title')}</p>
      <h1 className="sp-booking-title" lang={contentLang(lng)}>{a.serviceTitle}</h1>
      <p className="sp-appt-when">
        <AppointmentStatusBadge status={a.status} /> <span className="sp-appt-when-text">{when}</span>
      </p>

      {a.status === 'checked_in' && a.ticketLabel && (
        <Notice tone="info" role="note">
          <p className="mb-0">{t('booking.detail.checkedIn', { label: a.ticketLabel })}</p>
        </Notice>
      )}
      <div className="sp-appt-main">
        <dl className="sp-facts sp-appt-facts">
          <div>
            <dt>{t('booking.facts.day')}</dt>
            <dd>{longDay(day, lng)}</dd>
          </div>
          <div>
            <dt>{t('booking.facts.time')}</dt>
            <dd>
              {t('booking.detail.timeRange', { from: clockTime(a.startsAt, lng), to: clockTime(a.endsAt, lng) })}
            </dd>
          </div>
          <div>
            <dt>{t('booking.facts.office')}</dt>
            <dd>
              {a.officeName}
              <span className="d-block">{a.officeAddress}</span>
              <span className="d-block sp-appt-tenant">{a.tenantName}</span>
            </dd>
          </div>
          <div>
            <dt>{t('booking.facts.service')}</dt>
            <dd lang={contentLang(lng)}>{a.serviceTitle}</dd>
          </div>
          <div>
            <dt>{t('booking.facts.reason')}</dt>
            <dd className="sp-appt-reason">{a.reason}</dd>
          </div>
          {a.ticketLabel && (
            <div>
              <dt>{t('booking.facts.ticket')}</dt>
              <dd className="sp-appt-code">{a.ticketLabel}</dd>
            </div>
          )}
          {a.status === 'cancelled' && a.cancelledAt && (
            <div>
              <dt>{t('booking.facts.cancelledAt')}</dt>
              <dd>{longDay(romeToday(a.cancelledAt), lng)}</dd>
            </div>
          )}
        </dl>

        {a.status === 'booked' && (
          <section className="sp-appt-qr" aria-labelledby="appuntamento-qr">
            <h2 className="h5" id="appuntamento-qr">{t('booking.detail.qrTitle')}</h2>
            <img src={bookingApi.qrUrl(a.id)} alt={t('booking.detail.qrAlt', { code: a.code })} width={176} height={176} />
            <p className="mb-1">
              {t('booking.detail.code')} <span className="sp-appt-code" data-testid="appointment-code">{a.code}</span>
            </p>
            <p className="sp-appt-qr-hint mb-0">{t('booking.detail.qrHint')}</p>
          </section>
        )}
      </div>

      {a.changeable && !moving && (
        <Actions appointment={a} when={when} onMove={() => setMoving(true)} onCancelled={(updated) => onChanged(updated, t('booking.cancel.done', { when }))} />
      )}
      {a.changeable && moving && (
        <MoveSection
          appointment={a}
          onClose={() => setMoving(false)}
          onMoved={(updated) => {
            setMoving(false);
            onChanged(updated, t('booking.move.done', { when: t('booking.detail.when', { day: longDay(romeToday(updated.startsAt), lng), time: clockTime(updated.startsAt, lng) }) }));
          }}
        />
      )}
      <p className="mt-4">
        <Link to={MY_APPOINTMENTS}>{t('booking.detail.all')}</Link>
      </p>
    </>
  );
}

function Actions({ appointment: a, when, onMove, onCancelled }: { appointment: Appointment; when: string; onMove: () => void; onCancelled: (a: Appointment) => void }) {
  const { t } = useTranslation();
  const step = useRevokeStep();
  const cancel = useMutation({
    mutationFn: () => bookingApi.cancel(a.id),
    onSuccess: (updated) => {
      step.close();
      onCancelled(updated);
    },
  });
  return (
    <section className="sp-appt-actions" aria-labelledby="appuntamento-modifica">
      <h2 className="h5" id="appuntamento-modifica">{t('booking.detail.change')}</h2>
      {!step.confirming && (
        <div className="sp-actions mt-0">
          <Button type="button" color="primary" outline onClick={onMove}>
            {t('booking.move.open')}
          </Button>
          <RevokeButton step={step}>{t('booking.cancel.open')}</RevokeButton>
        </div>
      )}
      {step.confirming && (
        // RevokeConfirm's two steps without its reason: cancelling asks for none
        <div className="sp-revoke-confirm" role="group" aria-labelledby="annulla-conferma">
          <p className="fw-semibold mb-1" id="annulla-conferma" tabIndex={-1} ref={step.heading}>
            {t('booking.cancel.confirmTitle', { when })}
          </p>
          <p>{t('booking.cancel.confirmBody')}</p>
          {cancel.isError && <ErrorMessage error={cancel.error} />}
          <div className="sp-actions mt-2">
            <Button type="button" color="danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
              {t('booking.cancel.confirm')}
            </Button>
            <Button type="button" color="primary" outline onClick={step.cancel}>
              {t('booking.cancel.keep')}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

function MoveSection({ appointment: a, onClose, onMoved }: { appointment: Appointment; onClose: () => void; onMoved: (a: Appointment) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const queryClient = useQueryClient();
  const [day, setDay] = useState<string | null>(romeToday(a.startsAt));
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [missing, setMissing] = useState<string | undefined>();
  const [taken, setTaken] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const takenRef = useRef<HTMLDivElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (taken) takenRef.current?.focus();
  }, [taken]);

  const move = useMutation({
    mutationFn: (to: string) => bookingApi.move(a.id, to),
    onSuccess: onMoved,
    onError: (error, to) => {
      if (isSlotTaken(error) || fieldError(error, 'startsAt')) {
        void queryClient.invalidateQueries({ queryKey: bookingKeys.slotsOf(a.officeId, a.serviceId) });
      }
      if (isSlotTaken(error)) {
        setStartsAt(null);
        setTaken(t('booking.taken', { time: clockTime(to, lng), day: longDay(romeToday(to), lng) }));
      }
    },
  });
  const confirm = () => {
    if (!startsAt) {
      setMissing(t('booking.slots.missing'));
      (document.querySelector('.sp-times input:not(:disabled)') as HTMLInputElement | null)?.focus();
      return;
    }
    move.mutate(startsAt);
  };
  const otherError = move.isError && !isSlotTaken(move.error);

  return (
    <section className="sp-appt-move" aria-labelledby="sposta-titolo">
      <h2 className="h4" id="sposta-titolo" tabIndex={-1} ref={headingRef}>
        {t('booking.move.title')}
      </h2>
      <p>{t('booking.move.intro', { office: a.officeName })}</p>
      <SlotPicker
        id="sposta"
        officeId={a.officeId}
        serviceId={a.serviceId}
        day={day}
        startsAt={startsAt}
        currentStartsAt={a.startsAt}
        onDay={(d) => {
          setDay(d);
          setStartsAt(null);
          setMissing(undefined);
        }}
        onTime={(s) => {
          setStartsAt(s);
          setMissing(undefined);
          setTaken(null);
        }}
        notice={
          <div role="alert" className="sp-taken">
            {taken && (
              <Notice tone="warning" role="none" focusRef={takenRef}>
                <p className="mb-0 fw-semibold">{taken}</p>
              </Notice>
            )}
          </div>
        }
        timeError={missing}
      />
      {otherError && <ErrorMessage error={move.error} />}
      <div className="sp-actions">
        <Button type="button" color="primary" disabled={move.isPending} onClick={confirm}>
          {move.isPending ? t('booking.move.sending') : t('booking.move.confirm')}
        </Button>
        <Button type="button" color="primary" outline onClick={onClose}>
          {t('booking.move.keep')}
        </Button>
      </div>
    </section>
  );
}
