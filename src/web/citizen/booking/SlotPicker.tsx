/**
 * "Giorno e ora": the days of two weeks of an office's calendar for a service (paging forward up to how far ahead
 * bookings open), each a choice with how many times are free, closed days with the reason; then the chosen day's
 * times as choices, full ones disabled and labelled "completo". Both are native radio groups drawn as tiles: arrow
 * keys move between them, Tab leaves the group, and a screen reader says "1 di 12, selezionato".
 *
 * Used by the booking's second step and by "Sposta" on an appointment (same calendar).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { bookingApi, bookingKeys, SLOT_PAGE_DAYS, type SlotDay } from '../../api/booking';
import { ErrorMessage, Loading } from '../../ui/status';
import { contentLang, mediumDay, shortDayParts } from './format';
import { addDays, clockTime, romeToday } from '../../ui/romeTime';

interface SlotPickerProps {
  /** ids are prefixed with it (two pickers never share a page, but the detail page has other radios) */
  id: string;
  officeId: string;
  serviceId: string;
  day: string | null;
  startsAt: string | null;
  onDay: (day: string) => void;
  onTime: (startsAt: string) => void;
  /** a time that must not be offered (the appointment being moved) */
  currentStartsAt?: string;
  /** shown above the times (the time just taken by someone else) */
  notice?: ReactNode;
  /** the error for the time (nothing chosen) */
  timeError?: string;
}

/** The times of a day that can be chosen: with a place left, and not the appointment being moved. */
const freeTimes = (d: SlotDay, current?: string) => d.slots.filter((s) => s.free > 0 && s.startsAt !== current).length;

export function SlotPicker({ id, officeId, serviceId, day, startsAt, onDay, onTime, currentStartsAt, notice, timeError }: SlotPickerProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const today = romeToday(new Date());
  // the page of two weeks that shows the chosen day (a day chosen earlier, or brought back from the sign-in)
  const [from, setFrom] = useState(() => (day && day >= addDays(today, SLOT_PAGE_DAYS) ? day : today));
  const slots = useQuery({
    queryKey: bookingKeys.slots(officeId, serviceId, from),
    queryFn: ({ signal }) => bookingApi.slots(officeId, serviceId, from, signal),
    staleTime: 15_000,
    placeholderData: keepPreviousData,
  });
  const days = slots.data && !slots.isPlaceholderData ? slots.data.days : [];
  const lastOfPage = addDays(from, SLOT_PAGE_DAYS - 1);
  // days after the horizon are not listed: a page that stops short is the last one
  const hasMore = days.length > 0 && days[days.length - 1]!.day >= lastOfPage;
  const shown = days.find((d) => d.day === day) ?? null;

  // no day chosen on this page (or one with nothing left to choose): the first with a free time, so the times show at once
  useEffect(() => {
    if (!slots.data || slots.isPlaceholderData) return;
    if (day && days.some((d) => d.day === day && freeTimes(d, currentStartsAt) > 0)) return;
    const first = days.find((d) => freeTimes(d, currentStartsAt) > 0);
    if (first) onDay(first.day);
  }, [slots.data, slots.isPlaceholderData]); // eslint-disable-line react-hooks/exhaustive-deps

  const page = (to: string) => setFrom(to < today ? today : to);

  return (
    <div className="sp-slot-picker">
      {slots.isError ? (
        <ErrorMessage error={slots.error} retry={() => void slots.refetch()} />
      ) : !slots.data || slots.isPlaceholderData ? (
        <Loading label={t('booking.slots.loading')} />
      ) : (
        <fieldset className="sp-choice-group">
          <legend className="h5">{t('booking.slots.days', { from: mediumDay(days[0]?.day ?? from, lng), to: mediumDay(days[days.length - 1]?.day ?? lastOfPage, lng) })}</legend>
          {days.length === 0 ? (
            <p className="sp-empty-note">{t('booking.slots.noDays')}</p>
          ) : (
            <ul className="sp-days">
              {days.map((d) => {
                const free = freeTimes(d, currentStartsAt);
                const [weekday, date] = shortDayParts(d.day, lng);
                const inputId = `${id}-giorno-${d.day}`;
                const what = d.closedReason ? (
                  <>
                    {t('booking.slots.closed')} <span lang={contentLang(lng)}>{d.closedReason}</span>
                  </>
                ) : free > 0
                    ? t('booking.slots.freeCount', { count: free })
                    : t('booking.slots.full');
                return (
                  <li key={d.day} className={`sp-choice sp-day${d.closedReason ? ' sp-day-closed' : free === 0 ? ' sp-day-full' : ''}`}>
                    <input
                      type="radio"
                      id={inputId}
                      name={`${id}-giorno`}
                      value={d.day}
                      checked={day === d.day}
                      disabled={free === 0}
                      onChange={() => onDay(d.day)}
                    />
                    <label htmlFor={inputId}>
                      <span className="sp-day-weekday">{weekday}</span>
                      <span className="sp-day-date">{date}</span>
                      <span className="sp-day-what">{what}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          <div className="sp-days-paging">
            {from > today && (
              <Button type="button" color="primary" outline size="sm" onClick={() => page(addDays(from, -SLOT_PAGE_DAYS))}>
                {t('booking.slots.previous')}
              </Button>
            )}
            {hasMore && (
              <Button type="button" color="primary" outline size="sm" onClick={() => page(addDays(from, SLOT_PAGE_DAYS))}>
                {t('booking.slots.next')}
              </Button>
            )}
            {!hasMore && <p className="sp-days-horizon mb-0">{t('booking.slots.horizon')}</p>}
          </div>
        </fieldset>
      )}

      {notice}

      {shown && (
        <fieldset className="sp-choice-group" aria-describedby={timeError ? `${id}-ora-errore` : undefined}>
          <legend className="h5">{t('booking.slots.times', { day: mediumDay(shown.day, lng) })}</legend>
          <ul className="sp-times">
            {shown.slots.map((s) => {
              const inputId = `${id}-ora-${s.startsAt}`;
              const isCurrent = s.startsAt === currentStartsAt;
              const full = s.free === 0 || isCurrent;
              return (
                <li key={s.startsAt} className={`sp-choice sp-time${full ? ' sp-time-full' : ''}`}>
                  <input
                    type="radio"
                    id={inputId}
                    name={`${id}-ora`}
                    value={s.startsAt}
                    checked={startsAt === s.startsAt}
                    disabled={full}
                    onChange={() => onTime(s.startsAt)}
                  />
                  <label htmlFor={inputId}>
                    <span className="sp-time-at">{clockTime(s.startsAt, lng)}</span>
                    {full && <span className="sp-time-full-label">{isCurrent ? t('booking.slots.yours') : t('booking.slots.fullTime')}</span>}
                  </label>
                </li>
              );
            })}
          </ul>
          {timeError && (
            <p className="sp-field-error invalid-feedback d-block" id={`${id}-ora-errore`}>
              {timeError}
            </p>
          )}
        </fieldset>
      )}
    </div>
  );
}
