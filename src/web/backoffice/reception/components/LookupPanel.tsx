/**
 * "Dov'è la mia pratica?": the body's applications by code, protocol number or the person's fiscal code, with the
 * status as a badge, when it was sent and by when the body must conclude (tempi certi).
 */
import { useMutation } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOSED_STATUSES } from '../../../../contracts/applications';
import { isApiError } from '../../../api/client';
import { problemField, receptionApi } from '../../../api/reception';
import { StatusBadge } from '../../../citizen/practices/StatusBadge';
import { TextField } from '../../../ui/fields';
import { ErrorMessage, Notice } from '../../../ui/status';
import { romeToday } from '../../../ui/romeTime';
import { shortDate } from '../format';

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function LookupPanel({ officeId, onLink, linkedId }: { officeId: string; onLink: (a: { id: string; code: string; person: { name: string; fiscalCode: string } | null }) => void; linkedId?: string }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | undefined>();
  const search = useMutation({
    mutationFn: (text: string) => receptionApi.lookup(officeId, text),
    onError: (e) => setError(isApiError(e, 400) ? problemField(e, 'q') ?? e.problem?.detail : undefined),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!q.trim()) {
      setError(t('reception.lookup.required'));
      return;
    }
    setError(undefined);
    search.mutate(q.trim());
  };
  const answer = search.data;
  const today = romeToday();

  return (
    <section aria-labelledby="reception-lookup-title" className="sp-reception-card">
      <h2 id="reception-lookup-title" className="h4">{t('reception.lookup.title')}</h2>
      <form onSubmit={submit} noValidate role="search" aria-label={t('reception.lookup.title')} className="sp-reception-inline">
        <TextField id="lookup-q" label={t('reception.lookup.q')} hint={t('reception.lookup.hint')} value={q} onValueChange={setQ} error={error}
          autoComplete="off" maxLength={40} spellCheck={false} />
        <Button type="submit" color="primary" disabled={search.isPending}>{t('reception.lookup.submit')}</Button>
      </form>
      {search.isError && !isApiError(search.error, 400) && <ErrorMessage error={search.error} />}
      <div aria-live="polite">
        {answer && (
          <>
            {answer.person && <p className="fw-semibold mb-2">{t('reception.lookup.person', { name: answer.person.name, fiscalCode: answer.person.fiscalCode })}</p>}
            {answer.applications.length === 0 ? (
              <Notice tone="info" role="none">{t('reception.lookup.none')}</Notice>
            ) : (
              <ul className="sp-reception-results">
                {answer.applications.map((a) => {
                  const left = a.dueDate && !CLOSED_STATUSES.includes(a.status) ? daysBetween(today, a.dueDate) : null;
                  return (
                    <li key={a.id}>
                      <p className="mb-1 d-flex flex-wrap gap-2 align-items-center">
                        <span className="fw-semibold">{a.code}</span>
                        <StatusBadge status={a.status} />
                      </p>
                      <p className="mb-1">{a.serviceTitle}</p>
                      <dl className="sp-reception-facts">
                        {a.submittedAt && <><dt>{t('reception.lookup.submittedAt')}</dt><dd>{shortDate(a.submittedAt, i18n.language)}</dd></>}
                        {a.protocolNumber && <><dt>{t('reception.lookup.protocol')}</dt><dd>{a.protocolNumber}</dd></>}
                        {a.dueDate && (
                          <>
                            <dt>{t('reception.lookup.dueDate')}</dt>
                            <dd>
                              {shortDate(a.dueDate, i18n.language)}
                              {left !== null && ` (${left < 0 ? t('reception.lookup.overdue', { count: -left }) : t('reception.lookup.daysLeft', { count: left })})`}
                            </dd>
                          </>
                        )}
                        {a.closedAt && <><dt>{t('reception.lookup.closedAt')}</dt><dd>{shortDate(a.closedAt, i18n.language)}</dd></>}
                        {a.officeName && <><dt>{t('reception.lookup.office')}</dt><dd>{a.officeName}</dd></>}
                      </dl>
                      {linkedId === a.id ? (
                        <p className="mb-0 mt-2 small fw-semibold">{t('reception.lookup.linked')}</p>
                      ) : (
                        <Button type="button" color="primary" outline size="sm" className="mt-2" onClick={() => onLink({ id: a.id, code: a.code, person: answer.person })}>
                          {t('reception.lookup.link')}<span className="visually-hidden"> {a.code}</span>
                        </Button>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
