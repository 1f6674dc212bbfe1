/**
 * /area-personale/appuntamenti — "I miei appuntamenti": the coming ones first (soonest first), then the past and
 * cancelled ones (latest first), each with its day, time, office and status and a link to its page. With none, a
 * hint to look for a service to book.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { appointmentUrl, bookingApi, bookingKeys, type Appointment } from '../../api/booking';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ButtonLink } from '../../ui/buttons';
import { Icon } from '../../ui/Icon';
import { ErrorMessage, Loading, useDocumentTitle } from '../../ui/status';
import { CitizenOnly } from '../practices/shared';
import { PERSONAL_AREA } from '../useSession';
import { AppointmentStatusBadge } from './AppointmentStatusBadge';
import { contentLang } from './format';
import { clockTime, longDay, romeToday } from '../../ui/romeTime';
import './booking.css';

export default function AppointmentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('booking.list.title'));
  return <CitizenOnly>{() => <Appointments />}</CitizenOnly>;
}

/** Still ahead: booked or checked in, and not over yet. */
const isUpcoming = (a: Appointment, now: number) =>
  (a.status === 'booked' || a.status === 'checked_in') && new Date(a.endsAt).getTime() > now;

function Appointments() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: bookingKeys.appointments, queryFn: ({ signal }) => bookingApi.list(signal), staleTime: 0 });
  const items = list.data?.items ?? [];
  const now = Date.now();
  const upcoming = items.filter((a) => isUpcoming(a, now)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = items.filter((a) => !isUpcoming(a, now)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('personalArea.title'), to: PERSONAL_AREA }, { label: t('booking.list.title') }]} />
      <div className="row">
        <div className="col-lg-9 col-xl-8">
          <h1>{t('booking.list.title')}</h1>
          <p className="lead">{t('booking.list.intro')}</p>
          {list.isError ? (
            <ErrorMessage error={list.error} retry={() => void list.refetch()} />
          ) : !list.data ? (
            <Loading />
          ) : items.length === 0 ? (
            <div className="sp-appt-empty">
              <p className="fw-semibold mb-1">{t('booking.list.none')}</p>
              <p>{t('booking.list.noneHint')}</p>
              <ButtonLink to="/servizi" outline>
                <Icon name="search" className="me-2" />
                {t('booking.list.search')}
              </ButtonLink>
            </div>
          ) : (
            <>
              <section aria-labelledby="appuntamenti-prossimi" className="sp-appt-section">
                <h2 className="h3" id="appuntamenti-prossimi">{t('booking.list.upcoming')}</h2>
                {upcoming.length === 0 ? (
                  <p className="sp-empty-note">
                    {t('booking.list.noUpcoming')} <Link to="/servizi">{t('booking.list.search')}</Link>
                  </p>
                ) : (
                  <AppointmentList items={upcoming} />
                )}
              </section>
              {past.length > 0 && (
                <section aria-labelledby="appuntamenti-passati" className="sp-appt-section">
                  <h2 className="h3" id="appuntamenti-passati">{t('booking.list.past')}</h2>
                  <AppointmentList items={past} />
                </section>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function AppointmentList({ items }: { items: Appointment[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <ul className="sp-appt-list">
      {items.map((a) => (
        <li key={a.id} className={`sp-appt-item sp-appt-item-${a.status}`}>
          <article aria-labelledby={`appuntamento-${a.id}`}>
            <div className="sp-appt-item-head">
              <h3 className="h5 mb-0" id={`appuntamento-${a.id}`}>
                <Link to={appointmentUrl(a.id)} lang={contentLang(lng)}>{a.serviceTitle}</Link>
              </h3>
              <AppointmentStatusBadge status={a.status} />
            </div>
            <p className="sp-appt-item-when mb-1">
              <Icon name="calendar" className="me-1" />
              {t('booking.detail.when', { day: longDay(romeToday(a.startsAt), lng), time: clockTime(a.startsAt, lng) })}
            </p>
            <p className="sp-appt-item-where mb-0">
              <Icon name="mapMarker" className="me-1" />
              {a.officeName} — {a.officeAddress}
            </p>
            {a.ticketLabel && <p className="mb-0 mt-1">{t('booking.list.ticket', { label: a.ticketLabel })}</p>}
          </article>
        </li>
      ))}
    </ul>
  );
}
