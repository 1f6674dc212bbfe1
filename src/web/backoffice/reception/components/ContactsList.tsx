/** The day's contacts register of the office, newest first: time, channel, person, reason, outcome and what it points at. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { receptionApi, receptionKeys } from '../../../api/reception';
import { ErrorMessage, Loading, Notice } from '../../../ui/status';
import { clockTime, longDay } from '../../../ui/romeTime';

const REFRESH_MS = 30_000;

export function ContactsList({ officeId, day }: { officeId: string; day: string }) {
  const { t, i18n } = useTranslation();
  const contacts = useQuery({
    queryKey: receptionKeys.contacts(officeId, day),
    queryFn: ({ signal }) => receptionApi.contacts(officeId, day, signal),
    refetchInterval: REFRESH_MS,
  });
  return (
    <section aria-labelledby="reception-contacts-title" className="mt-4">
      <h2 id="reception-contacts-title" className="h4">{t('reception.contacts.title', { day: longDay(day, i18n.language) })}</h2>
      {contacts.isError ? <ErrorMessage error={contacts.error} retry={() => void contacts.refetch()} />
        : !contacts.data ? <Loading />
        : contacts.data.items.length === 0 ? <Notice tone="info" role="none">{t('reception.contacts.none')}</Notice>
        : (
          <>
            <p className="visually-hidden" role="status">{t('reception.contacts.count', { count: contacts.data.items.length })}</p>
            <ul className="sp-reception-contacts">
              {contacts.data.items.map((c) => (
                <li key={c.id}>
                  <p className="mb-1 d-flex flex-wrap gap-2 align-items-baseline">
                    <time dateTime={c.at} className="fw-semibold">{clockTime(c.at, i18n.language)}</time>
                    <span className="badge sp-reception-channel">{t(`reception.channel.${c.channel}`)}</span>
                    <span>{[c.person.name, c.person.fiscalCode].filter(Boolean).join(' · ') || t('reception.contact.anonymous')}</span>
                  </p>
                  <p className="mb-1">{c.reason}</p>
                  <p className="mb-0 small">
                    <span className="fw-semibold">{t(`reception.outcome.${c.outcome}`)}</span>
                    {c.applicationCode && <> · {t('reception.contacts.application', { code: c.applicationCode })}</>}
                    {c.ticketLabel && <> · {t('reception.contacts.ticket', { label: c.ticketLabel })}</>}
                    {c.recordedBy && <> · {t('reception.contacts.by', { name: c.recordedBy })}</>}
                  </p>
                  {c.note && <p className="mb-0 small sp-reception-note">{c.note}</p>}
                </li>
              ))}
            </ul>
          </>
        )}
    </section>
  );
}
