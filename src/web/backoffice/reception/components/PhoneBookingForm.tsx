/**
 * "Prenota per telefono": a service booked at the office (its calendars), a free time from the calendar, who phoned
 * (name, phone or e-mail) and why; booked with channel 'phone'. A time someone else took meanwhile is said so and
 * the times are read again; what was typed stays.
 */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, AppointmentCalendar } from '../../../../contracts/desk';
import { api, isApiError, newIdempotencyKey, request } from '../../../api/client';
import { bookingApi, isSlotTaken } from '../../../api/booking';
import { problemField, receptionApi } from '../../../api/reception';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { ErrorMessage, Loading, Notice } from '../../../ui/status';
import { clockTime, longDay, romeToday } from '../../../ui/romeTime';

type Errors = Partial<Record<'serviceId' | 'startsAt' | 'name' | 'contact' | 'reason', string>>;

export function PhoneBookingForm({ officeId, from, onBooked }: { officeId: string; from: string; onBooked: (appointment: Appointment) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const calendars = useQuery({
    queryKey: ['reception', 'calendars', officeId],
    queryFn: ({ signal }) => request<{ items: AppointmentCalendar[] }>(`/api/v1/offices/${encodeURIComponent(officeId)}/calendars`, { signal }),
  });
  const serviceIds = [...new Set((calendars.data?.items ?? []).filter((c) => c.active).flatMap((c) => c.serviceIds))];
  const services = useQueries({
    queries: serviceIds.map((id) => ({ queryKey: ['services', 'detail', id], queryFn: ({ signal }: { signal: AbortSignal }) => api.service(id, undefined, signal) })),
  });
  const [serviceId, setServiceId] = useState('');
  const [day, setDay] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [booked, setBooked] = useState<Appointment | null>(null);
  const key = useRef(newIdempotencyKey());
  const done = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (booked) done.current?.focus();
  }, [booked]);

  const slots = useQuery({
    queryKey: ['booking', 'slots', officeId, serviceId, from],
    queryFn: ({ signal }) => bookingApi.slots(officeId, serviceId, from, signal),
    enabled: !!serviceId,
  });
  const openDays = (slots.data?.days ?? []).filter((d) => d.slots.some((s) => s.free > 0));
  const chosenDay = openDays.find((d) => d.day === day) ?? openDays[0];

  const book = useMutation({
    mutationFn: () => receptionApi.book({
      serviceId, officeId, startsAt, reason: reason.trim(), channel: 'phone',
      person: { name: name.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}), ...(email.trim() ? { email: email.trim() } : {}) },
    }, key.current),
    onSuccess: (appointment) => {
      key.current = newIdempotencyKey();
      setBooked(appointment);
      setName('');
      setPhone('');
      setEmail('');
      setReason('');
      setStartsAt('');
      void queryClient.invalidateQueries({ queryKey: ['booking', 'slots', officeId] });
      onBooked(appointment);
    },
    onError: (e) => {
      if (isSlotTaken(e)) {
        setErrors({ startsAt: t('reception.agenda.book.taken') });
        setStartsAt('');
        key.current = newIdempotencyKey();
        void slots.refetch();
      } else if (isApiError(e, 400)) {
        setErrors({ startsAt: problemField(e, 'startsAt'), reason: problemField(e, 'reason'), name: problemField(e, 'person'), serviceId: problemField(e, 'serviceId') });
      }
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBooked(null);
    const found: Errors = {};
    if (!serviceId) found.serviceId = t('reception.agenda.book.serviceRequired');
    if (!startsAt) found.startsAt = t('reception.agenda.book.timeRequired');
    if (!name.trim()) found.name = t('reception.agenda.book.nameRequired');
    if (!phone.trim() && !email.trim()) found.contact = t('reception.agenda.book.contactRequired');
    if (!reason.trim()) found.reason = t('reception.agenda.book.reasonRequired');
    setErrors(found);
    if (Object.values(found).every((v) => !v)) book.mutate();
  };
  const otherError = book.isError && !isSlotTaken(book.error) && !(isApiError(book.error, 400) && Object.values(errors).some(Boolean));

  return (
    <form onSubmit={submit} noValidate aria-labelledby="agenda-book-title" className="sp-reception-card">
      <h2 id="agenda-book-title" className="h4">{t('reception.agenda.book.title')}</h2>
      {calendars.isError ? <ErrorMessage error={calendars.error} retry={() => void calendars.refetch()} /> : !calendars.data ? <Loading /> : serviceIds.length === 0 ? (
        <Notice tone="info" role="none">{t('reception.agenda.book.noCalendar')}</Notice>
      ) : (
        <>
          <SelectField id="book-service" label={t('reception.agenda.book.service')} value={serviceId} error={errors.serviceId}
            onValueChange={(v) => { setServiceId(v); setStartsAt(''); setDay(''); }} emptyLabel={t('reception.agenda.book.chooseService')}
            options={serviceIds.map((id, i) => ({ value: id, label: services[i]?.data?.title ?? t('common.loading') }))} />
          {serviceId && (slots.isError ? <ErrorMessage error={slots.error} retry={() => void slots.refetch()} /> : !slots.data ? <Loading /> : openDays.length === 0 ? (
            <Notice tone="warning" role="none">{t('reception.agenda.book.noTimes')}</Notice>
          ) : (
            <>
              <SelectField id="book-day" label={t('reception.agenda.book.day')} value={chosenDay?.day ?? ''} onValueChange={(v) => { setDay(v); setStartsAt(''); }}
                options={openDays.map((d) => ({ value: d.day, label: longDay(d.day, i18n.language) }))} />
              <fieldset className="sp-agenda-times" aria-describedby={errors.startsAt ? 'book-time-error' : undefined}>
                <legend className="fs-6 fw-semibold">{t('reception.agenda.book.time')}</legend>
                <ul className="sp-agenda-slots">
                  {chosenDay?.slots.filter((s) => s.free > 0).map((s) => (
                    <li key={s.startsAt}>
                      <Button type="button" size="sm" color="primary" outline={startsAt !== s.startsAt} aria-pressed={startsAt === s.startsAt} onClick={() => setStartsAt(s.startsAt)}>
                        {clockTime(s.startsAt, i18n.language)}
                      </Button>
                    </li>
                  ))}
                </ul>
                {errors.startsAt && <div id="book-time-error" className="invalid-feedback d-block mb-2">{errors.startsAt}</div>}
              </fieldset>
            </>
          ))}
          <TextField id="book-name" label={t('reception.agenda.book.name')} value={name} onValueChange={setName} error={errors.name} maxLength={200} autoComplete="off" />
          <div className="sp-reception-grid">
            <TextField id="book-phone" type="tel" label={t('reception.agenda.book.phone')} value={phone} onValueChange={setPhone} maxLength={30} autoComplete="off"
              error={errors.contact} />
            <TextField id="book-email" type="email" label={t('reception.agenda.book.email')} value={email} onValueChange={setEmail} maxLength={254} autoComplete="off" />
          </div>
          <TextAreaField id="book-reason" label={t('reception.agenda.book.reason')} value={reason} onValueChange={setReason} error={errors.reason} rows={2} />
          {otherError && <ErrorMessage error={book.error} />}
          <Button type="submit" color="primary" disabled={book.isPending}>{t('reception.agenda.book.submit')}</Button>
        </>
      )}
      <div aria-live="polite">
        {booked && (
          <div className="sp-reception-ticket" ref={done} tabIndex={-1} role="group" aria-labelledby="agenda-book-done">
            <p id="agenda-book-done" className="mb-1">
              {t('reception.agenda.book.done', { name: booked.person.name, day: longDay(romeToday(new Date(booked.startsAt)), i18n.language), time: clockTime(booked.startsAt, i18n.language) })}
            </p>
            <p className="sp-reception-code">{booked.code}</p>
            <p className="mb-0">{t('reception.agenda.book.tell')}</p>
          </div>
        )}
      </div>
    </form>
  );
}
