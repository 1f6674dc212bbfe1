/**
 * /enti/:tenantSlug/servizi/:serviceSlug/prenota — booking an appointment for a service, in three steps:
 * 1 Ufficio (only the offices where the service can be booked, with their address and first free day),
 * 2 Giorno e ora (SlotPicker), 3 Dati e conferma (reason, contacts from the profile, summary).
 *
 * The step, office, day and time live in the address (?passo=2&ufficio=…&giorno=…&ora=…), written at each step's
 * "Continua": the browser's Back goes to the previous step, and signing in (needed for the third step only) comes
 * back to the very same place. What the citizen types in the third step is kept in the tab's sessionStorage until
 * the booking is made, so an expired session costs nothing typed. A time taken by someone else meanwhile (409) sends them back to the times with
 * everything else kept.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError, newIdempotencyKey } from '../../api/client';
import {
  appointmentUrl,
  bookingApi,
  bookingKeys,
  fieldError,
  isSlotTaken,
  REASON_MAX,
  type BookingInput,
  type BookingOffice,
} from '../../api/booking';
import { useServiceBySlug } from '../../api/queries';
import type { CitizenMe, ServiceDetail } from '../../api/types';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { TextAreaField, TextField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { messageKeys, messagesApi } from '../messages/messagesApi';
import NotFoundPage from '../NotFoundPage';
import { loginPageUrl, useCitizen } from '../useSession';
import { contentLang } from './format';
import { clockTime, longDay, romeToday } from '../../ui/romeTime';
import { SlotPicker } from './SlotPicker';
import './booking.css';

type Step = 1 | 2 | 3;
const STEPS: Step[] = [1, 2, 3];

export default function BookingPage() {
  const { t } = useTranslation();
  const { tenantSlug, serviceSlug } = useParams();
  const service = useServiceBySlug(tenantSlug, serviceSlug);
  const detail = service.data;
  useDocumentTitle(detail ? t('booking.pageTitle', { title: detail.card.title }) : t('booking.title'));
  const cardUrl = `/enti/${tenantSlug}/servizi/${serviceSlug}`;

  if (service.isError && isApiError(service.error, 404)) return <NotFoundPage what="service" />;
  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: detail?.tenant.name ?? tenantSlug ?? '', to: `/enti/${tenantSlug}` },
          { label: detail?.card.title ?? t('common.loading'), to: cardUrl },
          { label: t('booking.title') },
        ]}
      />
      <div className="row">
        <div className="col-lg-9 col-xl-8">
          {service.isError ? (
            <ErrorMessage error={service.error} retry={() => void service.refetch()} />
          ) : !detail ? (
            <Loading />
          ) : !(detail.card.access.desk && detail.card.access.bookable && detail.card.status === 'active') ? (
            <>
              <h1>{t('booking.title')}</h1>
              <Notice tone="info" role="note">
                <p className="mb-1 fw-semibold">{t('booking.notBookable.title')}</p>
                <p className="mb-0">
                  {t('booking.notBookable.body')} <Link to={cardUrl}>{t('booking.notBookable.back', { title: detail.card.title })}</Link>
                </p>
              </Notice>
            </>
          ) : (
            <Booking service={detail} cardUrl={cardUrl} />
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * What the citizen types in the third step, kept per citizen and service in the tab until the booking is made (per
 * citizen: someone else signing in on the same tab of a shared computer does not find it).
 */
interface Draft {
  reason: string;
  email: string;
  phone: string;
  /** the contacts were filled from the profile already (a field the citizen emptied stays empty) */
  prefilled: boolean;
}

const draftKey = (citizenId: string, serviceId: string) => `sportello.booking.${citizenId}.${serviceId}`;

function readDraft(key: string): Draft {
  try {
    const stored = JSON.parse(window.sessionStorage.getItem(key) ?? 'null') as Partial<Draft> | null;
    if (stored) return { reason: stored.reason ?? '', email: stored.email ?? '', phone: stored.phone ?? '', prefilled: stored.prefilled ?? false };
  } catch {
    // unavailable or unreadable: start empty
  }
  return { reason: '', email: '', phone: '', prefilled: false };
}

function useDraft(citizenId: string, serviceId: string) {
  const key = draftKey(citizenId, serviceId);
  const [draft, setDraft] = useState<Draft>(() => readDraft(key));
  useEffect(() => {
    try {
      window.sessionStorage.setItem(key, JSON.stringify(draft));
    } catch {
      // storage full or off: the draft lasts for this page only
    }
  }, [key, draft]);
  const clear = () => {
    try {
      window.sessionStorage.removeItem(key);
    } catch {
      // nothing to clear
    }
  };
  return { draft, update: (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch })), clear };
}

function Booking({ service, cardUrl }: { service: ServiceDetail; cardUrl: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const session = useCitizen();
  const offices = useQuery({
    queryKey: bookingKeys.offices(service.id),
    queryFn: ({ signal }) => bookingApi.offices(service.id, signal),
    staleTime: 30_000,
  });
  const items = offices.data?.items ?? [];
  // with one office, it is chosen already
  const officeId = params.get('ufficio') ?? (items.length === 1 ? items[0]!.officeId : null);
  const office = items.find((o) => o.officeId === officeId) ?? null;
  const urlDay = params.get('giorno');
  const startsAt = params.get('ora');
  // the day and time being chosen stay on the page until "Continua" writes them into the address: choices made
  // with the arrow keys must not each become a step of the history (nor a navigation, which moves the focus)
  const [choice, setChoice] = useState<{ day: string | null; startsAt: string | null }>({ day: urlDay, startsAt });
  useEffect(() => setChoice({ day: urlDay, startsAt }), [urlDay, startsAt]);
  const asked = Number(params.get('passo') ?? '1');
  // a step whose choices are missing (an edited address, an office no longer listed) falls back to the one that asks for them
  const step: Step = offices.data && !office ? 1 : asked >= 3 && startsAt ? 3 : asked >= 2 && officeId ? 2 : 1;

  const [taken, setTaken] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // the step the page opened at (once the offices are known): arriving is not a change of step
  const shownStep = useRef<Step | null>(null);
  const loaded = Boolean(offices.data);
  useEffect(() => {
    // a new step is announced by moving the focus to its heading (not on arrival: the page's own h1 comes first)
    if (!loaded) return;
    if (shownStep.current === null || shownStep.current === step) {
      shownStep.current = step;
      return;
    }
    shownStep.current = step;
    // back at the times because the one chosen was taken: the message saying so has the focus instead
    if (step === 2 && taken) return;
    // after the layout's own move of the focus on a navigation, which would otherwise win
    const timer = window.setTimeout(() => headingRef.current?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, [step, loaded]); // eslint-disable-line react-hooks/exhaustive-deps

  const withParams = (next: Partial<Record<'passo' | 'ufficio' | 'giorno' | 'ora', string | null>>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null || v === undefined) merged.delete(k);
      else merged.set(k, v);
    }
    return merged;
  };
  const go = (next: Partial<Record<'passo' | 'ufficio' | 'giorno' | 'ora', string | null>>) => setParams(withParams(next));

  const stepTitle = (s: Step) => t(`booking.steps.${s}`);

  return (
    <>
      <p className="sp-kicker mb-1">{t('booking.title')}</p>
      <h1 className="sp-booking-title" lang={contentLang(lng)}>{service.card.title}</h1>
      <p className="sp-booking-body">{service.tenant.name}</p>

      <ol className="sp-booking-steps" aria-label={t('booking.steps.label')}>
        {STEPS.map((s) => (
          <li key={s} className={s === step ? 'sp-step-current' : s < step ? 'sp-step-done' : undefined} aria-current={s === step ? 'step' : undefined}>
            <span className="sp-step-number" aria-hidden="true">{s}</span>
            <span className="sp-step-name">
              {stepTitle(s)}
              {s < step && <span className="visually-hidden"> {t('booking.steps.done')}</span>}
            </span>
          </li>
        ))}
      </ol>

      <section aria-labelledby="passo-titolo" className="sp-booking-step">
        <h2 className="h3" id="passo-titolo" tabIndex={-1} ref={headingRef}>
          <span className="visually-hidden">{t('booking.steps.of', { step, total: STEPS.length })} </span>
          {stepTitle(step)}
        </h2>

        {offices.isError ? (
          <ErrorMessage error={offices.error} retry={() => void offices.refetch()} />
        ) : !offices.data ? (
          <Loading />
        ) : items.length === 0 ? (
          <Notice tone="info" role="note">
            <p className="mb-1 fw-semibold">{t('booking.offices.noneTitle')}</p>
            <p className="mb-0">
              {t('booking.offices.noneBody')} <Link to={cardUrl}>{t('booking.notBookable.back', { title: service.card.title })}</Link>
            </p>
          </Notice>
        ) : step === 1 ? (
          <OfficeStep
            offices={items}
            tenantName={service.tenant.name}
            chosen={officeId}
            onNext={(id) => go({ passo: '2', ufficio: id, ...(id !== params.get('ufficio') ? { giorno: null, ora: null } : {}) })}
          />
        ) : (
          <>
            <OfficeLine office={office!} onChange={items.length > 1 ? () => go({ passo: '1' }) : undefined} />
            {step === 2 ? (
              <TimeStep
                office={office!}
                serviceId={service.id}
                day={choice.day}
                startsAt={choice.startsAt}
                taken={taken}
                signedIn={Boolean(session.data)}
                onDay={(d) => setChoice({ day: d, startsAt: null })}
                onTime={(s) => {
                  setTaken(null);
                  setChoice((c) => ({ ...c, startsAt: s }));
                }}
                onBack={() => go({ passo: '1', giorno: choice.day, ora: choice.startsAt })}
                onNext={() => {
                  const nextParams = withParams({ passo: '3', giorno: choice.day, ora: choice.startsAt });
                  if (!session.data) {
                    // the third step needs the citizen: sign in, then straight back to it
                    window.location.assign(loginPageUrl({ returnTo: `${location.pathname}?${nextParams.toString()}` }));
                    return;
                  }
                  setParams(nextParams);
                }}
              />
            ) : (
              <ConfirmStep
                service={service}
                office={office!}
                startsAt={startsAt!}
                citizen={session.data ?? null}
                sessionPending={session.isPending}
                loginUrl={loginPageUrl({ returnTo: `${location.pathname}${location.search}` })}
                onBack={() => go({ passo: '2' })}
                onTaken={() => {
                  setTaken(t('booking.taken', { time: clockTime(startsAt!, lng), day: longDay(romeToday(startsAt!), lng) }));
                  go({ passo: '2', ora: null });
                }}
              />
            )}
          </>
        )}
      </section>
    </>
  );
}

function OfficeLine({ office, onChange }: { office: BookingOffice; onChange?: () => void }) {
  const { t } = useTranslation();
  return (
    <p className="sp-booking-office-line">
      <span className="fw-semibold">{office.officeName}</span> — {office.address}, {office.city}
      {onChange && (
        <>
          {' '}
          <Button type="button" color="link" size="sm" className="p-0 align-baseline" onClick={onChange}>
            {t('booking.offices.change')}
          </Button>
        </>
      )}
    </p>
  );
}

function OfficeStep({ offices, tenantName, chosen, onNext }: { offices: BookingOffice[]; tenantName: string; chosen: string | null; onNext: (officeId: string) => void }) {
  const { t, i18n } = useTranslation();
  const [selected, setSelected] = useState<string | null>(chosen);
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!selected) {
      setError(t('booking.offices.missing'));
      document.getElementById(`ufficio-${offices[0]!.officeId}`)?.focus();
      return;
    }
    onNext(selected);
  };
  return (
    <form onSubmit={submit} noValidate>
      {offices.length === 1 && <p>{t('booking.offices.onlyOne')}</p>}
      <fieldset className="sp-choice-group" aria-describedby={error ? 'ufficio-errore' : undefined}>
        <legend className="h5">{t('booking.offices.legend')}</legend>
        <ul className="sp-offices">
          {offices.map((o) => (
            <li key={o.officeId} className="sp-choice sp-office">
              <input
                type="radio"
                id={`ufficio-${o.officeId}`}
                name="ufficio"
                value={o.officeId}
                checked={selected === o.officeId}
                onChange={() => {
                  setSelected(o.officeId);
                  setError(undefined);
                }}
              />
              <label htmlFor={`ufficio-${o.officeId}`}>
                <span className="sp-office-name">{o.officeName}</span>
                <span className="d-block">
                  {o.address}, {o.city}
                </span>
                {o.tenantName !== tenantName && <span className="d-block sp-office-tenant">{o.tenantName}</span>}
                <span className="d-block sp-office-first">
                  {o.firstFreeDay ? t('booking.offices.firstFree', { day: longDay(o.firstFreeDay, i18n.language) }) : t('booking.offices.noFree')}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {error && (
          <p className="sp-field-error invalid-feedback d-block" id="ufficio-errore">
            {error}
          </p>
        )}
      </fieldset>
      <div className="sp-actions">
        <Button type="submit" color="primary">
          {t('booking.next')}
        </Button>
      </div>
    </form>
  );
}

interface TimeStepProps {
  office: BookingOffice;
  serviceId: string;
  day: string | null;
  startsAt: string | null;
  taken: string | null;
  signedIn: boolean;
  onDay: (day: string) => void;
  onTime: (startsAt: string) => void;
  onBack: () => void;
  onNext: () => void;
}

function TimeStep({ office, serviceId, day, startsAt, taken, signedIn, onDay, onTime, onBack, onNext }: TimeStepProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | undefined>();
  const takenRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!taken) return;
    // after the layout's move of the focus to the page's h1, which follows the return to this step
    const timer = window.setTimeout(() => takenRef.current?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, [taken]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!startsAt) {
      setError(t('booking.slots.missing'));
      (document.querySelector('.sp-times input:not(:disabled)') as HTMLInputElement | null)?.focus();
      return;
    }
    onNext();
  };
  const notice: ReactNode = (
    <div role="alert" className="sp-taken">
      {taken && (
        <Notice tone="warning" role="none" focusRef={takenRef}>
          <p className="mb-0 fw-semibold">{taken}</p>
        </Notice>
      )}
    </div>
  );
  return (
    <form onSubmit={submit} noValidate>
      <SlotPicker
        id="prenota"
        officeId={office.officeId}
        serviceId={serviceId}
        day={day}
        startsAt={startsAt}
        onDay={(d) => {
          setError(undefined);
          onDay(d);
        }}
        onTime={(s) => {
          setError(undefined);
          onTime(s);
        }}
        notice={notice}
        timeError={error}
      />
      {!signedIn && <p className="sp-booking-signin-note">{t('booking.signInNote')}</p>}
      <div className="sp-actions">
        <Button type="submit" color="primary">
          {signedIn ? t('booking.next') : t('booking.signInAndNext')}
        </Button>
        <Button type="button" color="primary" outline onClick={onBack}>
          {t('booking.back')}
        </Button>
      </div>
    </form>
  );
}

interface ConfirmStepProps {
  service: ServiceDetail;
  office: BookingOffice;
  startsAt: string;
  citizen: CitizenMe | null;
  sessionPending: boolean;
  loginUrl: string;
  onBack: () => void;
  onTaken: () => void;
}

function ConfirmStep({ service, office, startsAt, citizen, sessionPending, loginUrl, onBack, onTaken }: ConfirmStepProps) {
  const { t } = useTranslation();
  if (sessionPending) return <Loading />;
  if (!citizen) {
    return (
      <Notice tone="info" role="note">
        <p className="mb-1 fw-semibold">{t('booking.signIn.title')}</p>
        <p>{t('booking.signIn.body')}</p>
        <Link className="btn btn-primary" to={loginUrl}>
          {t('booking.signIn.button')}
        </Link>
      </Notice>
    );
  }
  return <ConfirmForm service={service} office={office} startsAt={startsAt} citizen={citizen} loginUrl={loginUrl} onBack={onBack} onTaken={onTaken} />;
}

function ConfirmForm({ service, office, startsAt, citizen, loginUrl, onBack, onTaken }: Omit<ConfirmStepProps, 'sessionPending' | 'citizen'> & { citizen: CitizenMe }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { draft, update, clear } = useDraft(citizen.id, service.id);
  const preferences = useQuery({ queryKey: messageKeys.preferences, queryFn: ({ signal }) => messagesApi.preferences(signal), staleTime: 0 });
  // the contacts come from the profile once; after that they are what the citizen typed
  useEffect(() => {
    if (draft.prefilled || !preferences.data) return;
    update({ email: preferences.data.contacts.email ?? '', phone: preferences.data.contacts.phone ?? '', prefilled: true });
  }, [preferences.data]); // eslint-disable-line react-hooks/exhaustive-deps

  const [reasonError, setReasonError] = useState<string | undefined>();
  // one key per booking attempt: a retry of the same data (a lost answer) cannot book twice
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const book = useMutation({
    mutationFn: (input: BookingInput) => {
      const body = JSON.stringify(input);
      if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
      return bookingApi.book(input, attempt.current.key);
    },
    onSuccess: (appointment) => {
      clear();
      void queryClient.invalidateQueries({ queryKey: bookingKeys.appointments });
      void queryClient.invalidateQueries({ queryKey: ['booking'] });
      queryClient.setQueryData(bookingKeys.appointment(appointment.id), appointment);
      // the confirmation notice belongs to this booking at this time (a move or a cancellation ends it)
      navigate(appointmentUrl(appointment.id), { state: { booked: appointment.startsAt } });
    },
    onError: (error) => {
      if (isSlotTaken(error) || fieldError(error, 'startsAt')) {
        void queryClient.invalidateQueries({ queryKey: bookingKeys.slotsOf(office.officeId, service.id) });
        if (isSlotTaken(error)) onTaken();
      } else if (isApiError(error, 401)) {
        // the session ended meanwhile: sign in again and come back here; what was typed is in the draft
        window.location.assign(loginUrl);
      }
    },
  });

  const reasonLength = draft.reason.trim().length;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const reason = draft.reason.trim();
    if (!reason || reason.length > REASON_MAX) {
      setReasonError(!reason ? t('booking.confirm.reasonMissing') : t('booking.confirm.reasonTooLong', { max: REASON_MAX }));
      document.getElementById('prenota-motivo')?.focus();
      return;
    }
    setReasonError(undefined);
    const email = draft.email.trim();
    const phone = draft.phone.trim();
    book.mutate({ serviceId: service.id, officeId: office.officeId, startsAt, reason, ...(email ? { email } : {}), ...(phone ? { phone } : {}) });
  };

  const serverReason = fieldError(book.error, 'reason');
  const serverEmail = fieldError(book.error, 'email');
  const serverPhone = fieldError(book.error, 'phone');
  const serverTime = fieldError(book.error, 'startsAt');
  const otherError = book.isError && !isSlotTaken(book.error) && !serverReason && !serverEmail && !serverPhone && !serverTime && !isApiError(book.error, 401);
  const day = longDay(romeToday(startsAt), lng);

  return (
    <form onSubmit={submit} noValidate className="sp-booking-confirm">
      <TextAreaField
        id="prenota-motivo"
        label={t('booking.confirm.reason')}
        hint={
          <>
            {t('booking.confirm.reasonHint')}{' '}
            <span className={reasonLength > REASON_MAX ? 'sp-counter-over' : undefined}>
              {t('booking.confirm.counter', { count: reasonLength, max: REASON_MAX })}
            </span>
          </>
        }
        error={reasonError ?? serverReason}
        value={draft.reason}
        onValueChange={(reason) => update({ reason })}
        rows={3}
        required
      />
      <h3 className="h5">{t('booking.confirm.contacts')}</h3>
      <p className="sp-booking-contacts-hint">{t('booking.confirm.contactsHint')}</p>
      <div className="sp-booking-contacts">
        <TextField id="prenota-email" type="email" label={t('booking.confirm.email')} value={draft.email} onValueChange={(email) => update({ email })} error={serverEmail} autoComplete="email" />
        <TextField id="prenota-telefono" type="tel" label={t('booking.confirm.phone')} value={draft.phone} onValueChange={(phone) => update({ phone })} error={serverPhone} autoComplete="tel" />
      </div>

      <h3 className="h5">{t('booking.confirm.summary')}</h3>
      <dl className="sp-facts sp-facts-compact sp-booking-summary">
        <div>
          <dt>{t('booking.facts.service')}</dt>
          <dd>{service.card.title}</dd>
        </div>
        <div>
          <dt>{t('booking.facts.office')}</dt>
          <dd>
            {office.officeName}
            <span className="d-block">
              {office.address}, {office.city}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('booking.facts.day')}</dt>
          <dd>{day}</dd>
        </div>
        <div>
          <dt>{t('booking.facts.time')}</dt>
          <dd>{clockTime(startsAt, lng)}</dd>
        </div>
        <div>
          <dt>{t('booking.facts.person')}</dt>
          <dd>{citizen.name}</dd>
        </div>
      </dl>

      {serverTime && (
        <Notice tone="danger" role="alert">
          <p className="mb-1 fw-semibold">{t('booking.confirm.timeProblem')}</p>
          <p className="mb-0">{serverTime}</p>
        </Notice>
      )}
      {otherError && <ErrorMessage error={book.error} />}

      <div className="sp-actions">
        <Button type="submit" color="primary" disabled={book.isPending}>
          {book.isPending ? t('booking.confirm.sending') : t('booking.confirm.submit')}
        </Button>
        <Button type="button" color="primary" outline onClick={onBack}>
          {serverTime ? t('booking.confirm.otherTime') : t('booking.back')}
        </Button>
      </div>
    </form>
  );
}

