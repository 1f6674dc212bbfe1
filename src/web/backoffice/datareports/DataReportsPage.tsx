/**
 * /backoffice/segnalazioni-dati — "Segnalazioni sui dati": the citizens' reports that an item of the body's
 * population register is wrong, newest first, filtered by status. The registry office takes a report, checks the
 * item, and answers: "Dato corretto" (resolved) or "Dato confermato" (rejected). Each report shown enters the
 * person's access log (the server writes it with the list).
 */
import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { Badge, Button } from 'design-react-kit';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext, useSearchParams } from 'react-router';
import { DATA_REPORT_LIMITS, DATA_REPORT_STATUSES, type DataReportAction, type DataReportStatus } from '../../../contracts/mydata';
import { isApiError } from '../../api/client';
import type { Operator } from '../../api/types';
import { dataReportKeys, dataReportsApi, type DataReport } from '../../citizen/mydata/mydataApi';
import { formatDate, formatDateTime } from '../../citizen/practices/format';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { SelectField, TextAreaField } from '../../ui/fields';
import { DoneMessage, ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import '../../citizen/mydata/mydata.css';

type Page = { items: DataReport[]; nextCursor: string | null };
const STATUS_COLOR: Record<DataReportStatus, string> = { open: 'primary', in_progress: 'warning', resolved: 'success', rejected: 'secondary' };

export default function DataReportsPage() {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('mydata.office.title'));
  const [params, setParams] = useSearchParams();
  const raw = params.get('stato') ?? '';
  const status = ((DATA_REPORT_STATUSES as readonly string[]).includes(raw) ? raw : '') as DataReportStatus | '';
  const [chosen, setChosen] = useState<string>(status);
  useEffect(() => setChosen(status), [status]);
  const [done, setDone] = useState<string | null>(null);

  const list = useInfiniteQuery({
    queryKey: dataReportKeys.list(status),
    queryFn: ({ pageParam, signal }) => dataReportsApi.list(status, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const filter = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setParams(chosen ? { stato: chosen } : {}, { preventScrollReset: true });
  };

  return (
    <div className="container py-3 py-lg-4 sp-md">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('mydata.office.title') }]} />
      <div className="row">
        <div className="col-lg-10 col-xl-9">
          <h1>{t('mydata.office.title')}</h1>
          <p>{t('mydata.office.lead', { name: operator.tenant.name })}</p>

          <form onSubmit={filter} className="sp-dr-filter" aria-label={t('mydata.office.filter')}>
            <SelectField
              id="segnalazioni-stato"
              label={t('mydata.office.filter')}
              value={chosen}
              onValueChange={setChosen}
              emptyLabel={t('mydata.office.all')}
              options={DATA_REPORT_STATUSES.map((s) => ({ value: s, label: t(`mydata.reports.status.${s}`) }))}
            />
            <Button type="submit" color="primary" outline size="sm">{t('mydata.office.apply')}</Button>
          </form>

          <DoneMessage message={done} />

          {!list.data ? (
            list.isError ? (
              isApiError(list.error, 403) ? <Notice tone="info" role="none">{t('mydata.office.notYours')}</Notice>
                : <ErrorMessage error={list.error} retry={() => void list.refetch()} />
            ) : <Loading />
          ) : items.length === 0 ? (
            <p className="sp-empty-note">{t('mydata.office.empty')}</p>
          ) : (
            <>
              <ul className="sp-md-reports" aria-label={t('mydata.office.listLabel')}>
                {items.map((r) => <ReportCard key={r.id} report={r} status={status} onDone={setDone} />)}
              </ul>
              {list.hasNextPage && (
                <Button type="button" color="primary" outline disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  {list.isFetchingNextPage ? t('common.loading') : t('mydata.office.more')}
                </Button>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function ReportCard({ report, status, onDone }: { report: DataReport; status: DataReportStatus | ''; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<DataReportAction | null>(null);
  const id = `segnalazione-${report.id}`;
  const closing = report.actions.includes('resolve');

  const act = async (action: DataReportAction, event?: FormEvent) => {
    event?.preventDefault();
    const text = answer.trim();
    if (action !== 'take') {
      if (!text) return setError(t('mydata.office.answerRequired'));
      if (text.length > DATA_REPORT_LIMITS.answerMax) return setError(t('mydata.report.tooLong'));
    }
    setError(null);
    setBusy(action);
    try {
      const updated = await dataReportsApi.act(report.id, action, action === 'take' ? undefined : text);
      queryClient.setQueryData<InfiniteData<Page>>(dataReportKeys.list(status), (old) => old && {
        ...old, pages: old.pages.map((p) => ({ ...p, items: p.items.map((x) => (x.id === updated.id ? updated : x)) })),
      });
      void queryClient.invalidateQueries({ queryKey: dataReportKeys.counts });
      setAnswer('');
      onDone(t(`mydata.office.done.${action}`, { name: report.subject.name }));
    } catch (e) {
      setError(isApiError(e) ? (e.problem?.errors?.[0]?.message ?? e.problem?.detail ?? t('common.errorBody')) : t('mydata.contacts.networkError'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <li className="sp-md-report" aria-labelledby={`${id}-title`}>
      <div className="sp-md-report-head">
        <h2 className="h5 mb-0" id={`${id}-title`}>
          {report.subject.name} — {t(`mydata.items.${report.item}`)}
        </h2>
        <Badge color={STATUS_COLOR[report.status]} className="sp-badge">{t(`mydata.reports.status.${report.status}`)}</Badge>
      </div>
      <dl className="sp-md-report-facts">
        <div>
          <dt>{t('mydata.office.fiscalCode')}</dt>
          <dd className="sp-cf">{report.subject.fiscalCode}</dd>
        </div>
        <div>
          <dt>{t('mydata.office.sentOn')}</dt>
          <dd>{formatDateTime(report.createdAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('mydata.office.shown')}</dt>
          <dd lang="it">{report.shownValue}</dd>
        </div>
        <div>
          <dt>{t('mydata.office.correction')}</dt>
          <dd>{report.correction}</dd>
        </div>
        {report.answer && (
          <div className="sp-md-answer">
            <dt>{t('mydata.office.answer')}</dt>
            <dd>{report.answer}</dd>
          </div>
        )}
      </dl>
      {report.handledBy && report.handledAt && (
        <p className="sp-md-source">{t('mydata.office.handledBy', { name: report.handledBy, date: formatDate(report.handledAt, i18n.language) })}</p>
      )}
      {report.actions.includes('take') && (
        <Button type="button" color="primary" size="sm" className="me-2 mb-2" disabled={!!busy} onClick={() => void act('take')}>
          {t('mydata.office.take')}
          <span className="visually-hidden">: {report.subject.name}, {t(`mydata.items.${report.item}`)}</span>
        </Button>
      )}
      {closing && (
        <form className="sp-md-report-form" onSubmit={(e) => void act('resolve', e)} noValidate aria-labelledby={`${id}-title`}>
          <TextAreaField
            id={`${id}-answer`}
            label={t('mydata.office.answerLabel')}
            hint={t('mydata.office.answerHint')}
            value={answer}
            onValueChange={(v) => {
              setAnswer(v);
              if (error) setError(null);
            }}
            error={error ?? undefined}
            rows={3}
            required
          />
          <div className="sp-md-actions">
            <Button type="submit" color="success" size="sm" disabled={!!busy}>{t('mydata.office.resolve')}</Button>
            <Button type="button" color="secondary" size="sm" disabled={!!busy} onClick={() => void act('reject')}>{t('mydata.office.reject')}</Button>
          </div>
        </form>
      )}
      {!closing && error && <Notice tone="danger" role="alert">{error}</Notice>}
    </li>
  );
}
