/**
 * "Dai un numero": one button per category of the office's queue (with how many wait), and "Check-in
 * appuntamento" by the code on the person's confirmation. The ticket's label is shown big, to tell the person.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../../contracts/desk';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { receptionApi, receptionKeys } from '../../../api/reception';
import { TextField } from '../../../ui/fields';
import { ErrorMessage, Loading, Notice } from '../../../ui/status';

const REFRESH_MS = 10_000;

/** The label big, with what to tell the person; takes the focus so a screen reader says it. */
function IssuedTicket({ ticket, headingId }: { ticket: Ticket; headingId: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [ticket.id]);
  return (
    <div className="sp-reception-ticket" ref={ref} tabIndex={-1} role="group" aria-labelledby={headingId}>
      <p id={headingId} className="mb-1">{t('reception.ticket.issued', { category: ticket.categoryName })}</p>
      <p className="sp-reception-ticket-label" lang="it">{ticket.label}</p>
      {ticket.appointment && <p className="mb-0">{t('reception.checkIn.priority')}</p>}
      {typeof ticket.waitingBefore === 'number' && (
        <p className="mb-0">{t('reception.ticket.before', { count: ticket.waitingBefore })}
          {ticket.estimatedWaitMinutes != null && ` ${t('reception.ticket.wait', { minutes: ticket.estimatedWaitMinutes })}`}</p>
      )}
    </div>
  );
}

export function TicketPanel({ officeId, onIssued }: { officeId: string; onIssued: (ticket: Ticket) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const categories = useQuery({ queryKey: receptionKeys.categories(officeId), queryFn: ({ signal }) => receptionApi.categories(officeId, signal) });
  const queues = useQuery({ queryKey: receptionKeys.queues(officeId), queryFn: ({ signal }) => receptionApi.queues(officeId, signal), refetchInterval: REFRESH_MS });
  const [issued, setIssued] = useState<Ticket | null>(null);
  const issue = useMutation({
    mutationFn: (categoryId: string) => receptionApi.issueTicket(officeId, categoryId, newIdempotencyKey()),
    onSuccess: (ticket) => {
      setIssued(ticket);
      onIssued(ticket);
      void queryClient.invalidateQueries({ queryKey: receptionKeys.queues(officeId) });
    },
  });
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [checkedIn, setCheckedIn] = useState<Ticket | null>(null);
  const checkIn = useMutation({
    mutationFn: () => receptionApi.checkIn(code.trim().toUpperCase(), newIdempotencyKey()),
    onSuccess: (ticket) => {
      setCheckedIn(ticket);
      onIssued(ticket);
      setCode('');
      void queryClient.invalidateQueries({ queryKey: receptionKeys.queues(officeId) });
      void queryClient.invalidateQueries({ queryKey: ['reception', 'agenda', officeId] });
    },
  });
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    setCheckedIn(null);
    if (!/^[A-Za-z0-9]{6,16}$/.test(code.trim())) {
      setCodeError(t('reception.checkIn.codeShape'));
      return;
    }
    setCodeError(undefined);
    checkIn.mutate();
  };
  const active = (categories.data?.items ?? []).filter((c) => c.active).sort((a, b) => a.sort - b.sort || a.prefix.localeCompare(b.prefix));
  const waiting = (categoryId: string) => queues.data?.items.find((q) => q.categoryId === categoryId)?.waiting;

  return (
    <>
      <section aria-labelledby="reception-ticket-title" className="sp-reception-card">
        <h2 id="reception-ticket-title" className="h4">{t('reception.ticket.title')}</h2>
        {categories.isError ? <ErrorMessage error={categories.error} retry={() => void categories.refetch()} />
          : !categories.data ? <Loading />
          : active.length === 0 ? <Notice tone="info" role="none">{t('reception.ticket.none')}</Notice>
          : (
            <ul className="sp-reception-categories">
              {active.map((c) => (
                <li key={c.id}>
                  <Button type="button" color="primary" outline className="w-100 text-start" disabled={issue.isPending} onClick={() => issue.mutate(c.id)}>
                    <span className="sp-reception-prefix" aria-hidden="true">{c.prefix}</span>
                    <span>
                      <span className="d-block">{c.name}</span>
                      {waiting(c.id) !== undefined && <small className="d-block">{t('reception.ticket.waiting', { count: waiting(c.id) })}</small>}
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
        <div aria-live="polite">
          {issue.isError && <ErrorMessage error={issue.error} />}
          {issued && <IssuedTicket ticket={issued} headingId="reception-ticket-issued" />}
        </div>
      </section>

      <form onSubmit={submitCode} noValidate aria-labelledby="reception-checkin-title" className="sp-reception-card">
        <h2 id="reception-checkin-title" className="h4">{t('reception.checkIn.title')}</h2>
        <TextField id="checkin-code" label={t('reception.checkIn.code')} hint={t('reception.checkIn.hint')} value={code}
          onValueChange={(v) => setCode(v.toUpperCase())} error={codeError ?? (checkIn.isError && isApiError(checkIn.error) && checkIn.error.status < 500 ? checkIn.error.problem?.detail : undefined)}
          autoComplete="off" maxLength={16} spellCheck={false} />
        {checkIn.isError && !(isApiError(checkIn.error) && checkIn.error.status < 500) && <ErrorMessage error={checkIn.error} />}
        <Button type="submit" color="primary" disabled={checkIn.isPending}>{t('reception.checkIn.submit')}</Button>
        <div aria-live="polite">{checkedIn && <IssuedTicket ticket={checkedIn} headingId="reception-checkin-issued" />}</div>
      </form>
    </>
  );
}
