/**
 * /area-personale/accessi — "Chi ha consultato i miei dati": every read of the citizen's data (and of the minors and
 * companies they act for) by offices, integrators' systems and the platform, newest first: when, body and office,
 * who, what, why and on which legal basis. Filters (period, body) live in the URL; the CSV link carries them;
 * "Carica altri" follows the cursor. An access whose notice the law allowed to defer shows when and why.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Icon as KitIcon } from 'design-react-kit';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { SelectField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { LoadMore } from '../../ui/LoadMore';
import { formatDate, formatDateTime } from '../practices/format';
import { CitizenOnly } from '../practices/shared';
import { PERSONAL_AREA } from '../useSession';
import { accessLogApi, accessLogKeys, type AccessLogEntry, type AccessLogFilters } from './accessLogApi';
import './accessLog.css';

const YMD = /^\d{4}-\d{2}-\d{2}$/;
/** The filters in the URL: ?dal=2026-01-01&al=2026-11-24&ente=<id> */
const PARAM = { from: 'dal', to: 'al', tenant: 'ente' } as const;

export default function AccessLogPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('myspace.accessLog.title'));
  return <CitizenOnly>{() => <AccessLog />}</CitizenOnly>;
}

function AccessLog() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo<AccessLogFilters>(() => {
    const f: AccessLogFilters = {};
    const from = searchParams.get(PARAM.from) ?? '';
    const to = searchParams.get(PARAM.to) ?? '';
    const tenant = searchParams.get(PARAM.tenant) ?? '';
    if (YMD.test(from)) f.from = from;
    if (YMD.test(to)) f.to = to;
    if (tenant) f.tenant = tenant;
    return f;
  }, [searchParams]);

  const list = useInfiniteQuery({
    queryKey: accessLogKeys.list(filters),
    queryFn: ({ pageParam, signal }) => accessLogApi.list(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const first = list.data?.pages[0];
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = first?.total ?? 0;
  const bodies = first?.bodies ?? [];
  const filtersActive = !!(filters.from || filters.to || filters.tenant);

  const countRef = useRef<HTMLParagraphElement>(null);
  const apply = (next: AccessLogFilters) => {
    const params = new URLSearchParams();
    for (const key of ['from', 'to', 'tenant'] as const) if (next[key]) params.set(PARAM[key], next[key]!);
    setSearchParams(params, { preventScrollReset: true });
    window.setTimeout(() => countRef.current?.focus(), 0);
  };

  // After "Carica altri", the first entry added gets the focus.
  const focusIndex = useRef<number | null>(null);
  useEffect(() => {
    if (focusIndex.current === null) return;
    const el = document.querySelector<HTMLElement>(`[data-access-index="${focusIndex.current}"]`);
    if (el) {
      el.focus();
      focusIndex.current = null;
    }
  }, [items.length]);

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('personalArea.title'), to: PERSONAL_AREA }, { label: t('myspace.accessLog.title') }]} />
      <div className="row">
        <div className="col-lg-10 col-xl-9">
          <h1>{t('myspace.accessLog.title')}</h1>
          <p className="lead">{t('myspace.accessLog.intro')}</p>
          <p>{t('myspace.accessLog.deferredIntro')}</p>

          <Filters filters={filters} bodies={bodies} onApply={apply} />

          <div className="sp-al-tools">
            {/* after a filter the focus comes here: the count, or the empty state that replaces it */}
            <div role="status" className="sp-al-status">
              {list.data &&
                (total === 0 ? (
                  <Notice tone="info" role="none" className="sp-al-empty">
                    <p className="fw-semibold mb-1" ref={countRef} tabIndex={-1}>
                      {filtersActive ? t('myspace.accessLog.emptyFilteredTitle') : t('myspace.accessLog.emptyTitle')}
                    </p>
                    <p className="mb-0">{filtersActive ? t('myspace.accessLog.emptyFilteredBody') : t('myspace.accessLog.emptyBody')}</p>
                  </Notice>
                ) : (
                  <p className="sp-al-count" ref={countRef} tabIndex={-1}>
                    {t('myspace.accessLog.count', { count: total })}
                  </p>
                ))}
            </div>
            {list.data && total > 0 && (
              <a className="sp-al-download" href={accessLogApi.csvUrl(filters)} download>
                <KitIcon icon="it-download" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
                {t('myspace.accessLog.download')}
              </a>
            )}
          </div>

          {!list.data ? (
            list.isError ? <ErrorMessage error={list.error} retry={() => void list.refetch()} /> : <Loading />
          ) : items.length === 0 ? null : (
            <>
              <ul className="sp-al-list" aria-label={t('myspace.accessLog.listLabel')}>
                {items.map((e, index) => <Entry key={e.id} entry={e} index={index} />)}
              </ul>
              <LoadMore list={list} label={t('myspace.accessLog.more')} onMore={() => (focusIndex.current = items.length)} className="sp-al-more" />
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function Filters({ filters, bodies, onApply }: { filters: AccessLogFilters; bodies: { id: string; name: string }[]; onApply: (f: AccessLogFilters) => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const [tenant, setTenant] = useState(filters.tenant ?? '');
  const [error, setError] = useState<string | null>(null);
  const fromRef = useRef<HTMLInputElement>(null);

  // the URL changed (back, forward, "Azzera"): the fields follow it
  useEffect(() => {
    setFrom(filters.from ?? '');
    setTo(filters.to ?? '');
    setTenant(filters.tenant ?? '');
    setError(null);
  }, [filters.from, filters.to, filters.tenant]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (from && to && from > to) {
      setError(t('myspace.accessLog.filters.fromAfterTo'));
      fromRef.current?.focus();
      return;
    }
    setError(null);
    onApply({ from: from || undefined, to: to || undefined, tenant: tenant || undefined });
  };
  const active = !!(filters.from || filters.to || filters.tenant);
  const bodyOptions = bodies.map((b) => ({ value: b.id, label: b.name }));
  if (tenant && !bodies.some((b) => b.id === tenant)) bodyOptions.push({ value: tenant, label: t('myspace.accessLog.filters.selectedBody') });

  return (
    <form className="sp-al-filters" aria-labelledby="filtri-accessi" onSubmit={submit} noValidate>
      <h2 className="h5" id="filtri-accessi">{t('myspace.accessLog.filters.title')}</h2>
      <div className="sp-al-filter-fields">
        <div className="sp-field sp-plain-field sp-al-date">
          <label htmlFor="accessi-dal">{t('myspace.accessLog.filters.from')}</label>
          <input
            id="accessi-dal"
            ref={fromRef}
            type="date"
            className={`form-control${error ? ' is-invalid' : ''}`}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'accessi-dal-errore' : undefined}
          />
          {error && <div className="invalid-feedback d-block" id="accessi-dal-errore">{error}</div>}
        </div>
        <div className="sp-field sp-plain-field sp-al-date">
          <label htmlFor="accessi-al">{t('myspace.accessLog.filters.to')}</label>
          <input id="accessi-al" type="date" className="form-control" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <SelectField
          id="accessi-ente"
          className="sp-al-body"
          label={t('myspace.accessLog.filters.body')}
          value={tenant}
          onValueChange={setTenant}
          emptyLabel={t('myspace.accessLog.filters.allBodies')}
          options={bodyOptions}
        />
      </div>
      <div className="sp-al-filter-actions">
        <Button type="submit" color="primary">{t('myspace.accessLog.filters.apply')}</Button>
        {active && (
          <Button type="button" color="primary" outline onClick={() => onApply({})}>
            {t('myspace.accessLog.filters.clear')}
          </Button>
        )}
      </div>
    </form>
  );
}

function Entry({ entry, index }: { entry: AccessLogEntry; index: number }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const titleId = `accesso-${entry.id}`;
  const who = entry.who.kind === 'system' ? t('myspace.accessLog.system') : entry.who.named ? entry.who.name : t('myspace.accessLog.unnamedOperator');
  // transition:take_charge → operations.transition.take_charge (a colon would name an i18next namespace)
  const operation = t(`myspace.accessLog.operations.${entry.operation.replace(':', '.')}`, { defaultValue: entry.operationLabel });
  // what the body wrote (office, purpose, legal basis) is in Italian whatever the page's language
  const italian = lng === 'it' ? undefined : 'it';
  return (
    <li className={`sp-al-entry${entry.hidden ? ' sp-al-entry-deferred' : ''}`}>
      <article aria-labelledby={titleId}>
        <h2 className="sp-al-when" id={titleId} tabIndex={-1} data-access-index={index}>
          <time dateTime={entry.at}>{formatDateTime(entry.at, lng)}</time>
        </h2>
        <p className="sp-al-where" lang={italian}>
          {entry.body.name}
          {entry.office && <> · {entry.office}</>}
        </p>
        <p className="sp-al-what">
          <span className="sp-al-who">{who}</span>
          {entry.who.kind === 'token' && <span className="sp-al-kind"> ({t('myspace.accessLog.kinds.token')})</span>}{' '}
          {operation}
        </p>
        <dl className="sp-al-facts">
          <div>
            <dt>{t('myspace.accessLog.fields.data')}</dt>
            <dd lang={italian}>{entry.object.label}</dd>
          </div>
          <div>
            <dt>{t('myspace.accessLog.fields.whose')}</dt>
            <dd>{entry.subject.self ? t('myspace.accessLog.you') : entry.subject.name}</dd>
          </div>
          <div>
            <dt>{t('myspace.accessLog.fields.purpose')}</dt>
            <dd lang={italian}>{entry.purpose}</dd>
          </div>
          <div>
            <dt>{t('myspace.accessLog.fields.legalBasis')}</dt>
            <dd lang={italian}>{entry.legalBasis}</dd>
          </div>
        </dl>
        {entry.hidden && (
          <p className="sp-al-deferred">
            <KitIcon icon="it-info-circle" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
            <span>
              {t('myspace.accessLog.deferred', { date: formatDate(entry.hidden.until, lng) })}
              {entry.hidden.reason && (
                <>
                  {' '}
                  {t('myspace.accessLog.deferredReason')} <span lang={italian}>{entry.hidden.reason}</span>
                </>
              )}
            </span>
          </p>
        )}
      </article>
    </li>
  );
}
