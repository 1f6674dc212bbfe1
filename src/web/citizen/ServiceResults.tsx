/**
 * Service search: search box, filters kept in the URL, result cards, "did you mean", cursor pagination.
 * Used by /servizi (all bodies) and by the body page (tenant fixed).
 */
import { Button, Card, CardBody, CardText, CardTitle } from 'design-react-kit';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AUDIENCES } from '../../contracts/catalog';
import { CATEGORIES, LIFE_EVENTS } from '../../contracts/vocabularies';
import { useServiceSearch, useTenants } from '../api/queries';
import type { ServiceSearchParams, ServiceSummary } from '../api/types';
import { OnlineBadge, StatusBadge } from '../ui/badges';
import { CheckboxField, SelectField } from '../ui/fields';
import { categoryLabel, vocabularyLabel } from '../ui/format';
import { Icon } from '../ui/Icon';
import { ErrorMessage, Loading, Notice } from '../ui/status';
import { useIsDesktop } from '../ui/useMediaQuery';
import { SearchBox } from './SearchBox';
import { CONTENT_LANG } from './ServiceCardView';

type HeadingLevel = 2 | 3;

const FILTER_KEYS = ['tenant', 'lifeEvent', 'category', 'audience', 'online'] as const;

export const serviceUrl = (s: Pick<ServiceSummary, 'slug' | 'tenant'>) => `/enti/${s.tenant.slug}/servizi/${s.slug}`;

export function ResultCard({ service, showTenant, headingLevel, index }: { service: ServiceSummary; showTenant: boolean; headingLevel: 3 | 4; index: number }) {
  const { t, i18n } = useTranslation();
  const Title = `h${headingLevel}` as 'h3' | 'h4';
  // The kit's Card is Bootstrap Italia 2's .it-card; its CardTitle/CardBody/CardText still carry only Bootstrap's
  // card-* classes, so the it-card-* ones are added here. The card footer has no kit component.
  return (
    <Card rounded shadow="sm" className="sp-result-card">
      <CardTitle tag={Title} className="it-card-title h5">
        <Link to={serviceUrl(service)} data-result-index={index} lang={CONTENT_LANG}>
          {service.title}
        </Link>
      </CardTitle>
      <CardBody className="it-card-body">
        {showTenant && (
          <p className="sp-result-tenant mb-1">
            <Icon name="pa" size="xs" /> <span className="visually-hidden">{t('search.body')}: </span>
            {service.tenant.name}
          </p>
        )}
        <CardText className="it-card-text" lang={CONTENT_LANG}>
          {service.shortDescription}
        </CardText>
      </CardBody>
      <footer className="it-card-related it-card-footer">
        <div className="it-card-taxonomy">
          <span className="visually-hidden">{t('card.category')}: </span>
          <span className="it-card-category sp-result-category">{categoryLabel(service.category, i18n.language)}</span>
        </div>
        {(service.online || service.status === 'inactive') && (
          <div className="sp-badges">
            {/* Citizens also see temporarily inactive services (a closed call…): the badge says so at once. */}
            <StatusBadge status={service.status} onlyInactive />
            {service.online && <OnlineBadge />}
          </div>
        )}
      </footer>
    </Card>
  );
}

export function ServiceResults({ fixedTenant, headingLevel = 2 }: { fixedTenant?: { slug: string; name: string }; headingLevel?: HeadingLevel }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const isDesktop = useIsDesktop();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const tenant = fixedTenant?.slug ?? searchParams.get('tenant') ?? '';
  const lifeEvent = searchParams.get('lifeEvent') ?? '';
  const category = searchParams.get('category') ?? '';
  const audience = searchParams.get('audience') ?? '';
  const onlineOnly = searchParams.get('online') === 'true';

  const params = useMemo(() => {
    // Citizens see temporarily inactive services too, with their badge (the API's default is active only).
    const p: Omit<ServiceSearchParams, 'cursor'> = { includeInactive: true };
    if (q) p.q = q;
    if (tenant) p.tenant = tenant;
    if (lifeEvent) p.lifeEvent = lifeEvent;
    if (category) p.category = category;
    if (audience) p.audience = audience;
    if (onlineOnly) p.online = 'true';
    return p;
  }, [q, tenant, lifeEvent, category, audience, onlineOnly]);

  const search = useServiceSearch(params);
  const tenants = useTenants();

  // The controls show their new value at once; the URL (and so the search) follows in a router transition.
  const urlFilters = { tenant, lifeEvent, category, audience, online: onlineOnly ? 'true' : '' };
  const urlKey = JSON.stringify(urlFilters);
  const [shown, setShown] = useState(urlFilters);
  useEffect(() => setShown(JSON.parse(urlKey) as typeof urlFilters), [urlKey]);

  const update = (patch: Record<string, string | undefined>) => {
    setShown((prev) => ({ ...prev, ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v ?? ''])) }));
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearchParams(next);
  };

  const nextPageError = search.isFetchNextPageError ? search.error : null;
  const items = search.data?.pages.flatMap((page) => page.items) ?? [];
  const first = search.data?.pages[0];
  const total = first?.total ?? 0;
  const capped = first?.totalCapped ?? false;
  const didYouMean = first?.didYouMean;
  const activeFilters = FILTER_KEYS.filter((k) => !(fixedTenant && k === 'tenant') && searchParams.get(k)).length;

  // After "Carica altri", move focus to the first newly loaded result.
  const focusIndex = useRef<number | null>(null);
  useEffect(() => {
    if (focusIndex.current === null) return;
    const el = document.querySelector<HTMLElement>(`[data-result-index="${focusIndex.current}"]`);
    if (el) {
      el.focus();
      focusIndex.current = null;
    }
  }, [items.length]);
  const loadMore = () => {
    focusIndex.current = items.length;
    void search.fetchNextPage();
  };

  // Mobile: the filter panel starts open only when filters are already set (never closes under the user).
  const [filtersInitiallyOpen] = useState(activeFilters > 0);
  const countRef = useRef<HTMLParagraphElement>(null);

  const clearFilters = () => {
    // The button disappears with the filters: keep the keyboard user's place on the results.
    setTimeout(() => countRef.current?.focus(), 0);
    setShown({ tenant: fixedTenant ? tenant : '', lifeEvent: '', category: '', audience: '', online: '' });
    const next = new URLSearchParams(searchParams);
    FILTER_KEYS.forEach((k) => next.delete(k));
    setSearchParams(next);
  };

  const H = `h${headingLevel}` as 'h2' | 'h3';
  const cardLevel = (headingLevel + 1) as 3 | 4;

  const sortedTenants = [...(tenants.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, lng));
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, lng);

  const filters: ReactNode = (
    <div className="sp-filters">
      {!fixedTenant && (
        <SelectField
          label={t('search.body')}
          value={shown.tenant}
          onValueChange={(v) => update({ tenant: v })}
          emptyLabel={t('search.allBodies')}
          options={sortedTenants.map((x) => ({ value: x.slug, label: x.name }))}
        />
      )}
      <SelectField
        label={t('search.lifeEvent')}
        value={shown.lifeEvent}
        onValueChange={(v) => update({ lifeEvent: v })}
        emptyLabel={t('search.all')}
        options={withCurrent(LIFE_EVENTS.map((e) => ({ value: e.code, label: vocabularyLabel(LIFE_EVENTS, e.code, lng) })), shown.lifeEvent).sort(byLabel)}
      />
      <SelectField
        label={t('search.category')}
        value={shown.category}
        onValueChange={(v) => update({ category: v })}
        emptyLabel={t('search.allCategories')}
        options={withCurrent(CATEGORIES.map((c) => ({ value: c.code, label: vocabularyLabel(CATEGORIES, c.code, lng) })), shown.category).sort(byLabel)}
      />
      <SelectField
        label={t('search.audience')}
        value={shown.audience}
        onValueChange={(v) => update({ audience: v })}
        emptyLabel={t('search.all')}
        options={AUDIENCES.map((a) => ({ value: a, label: t(`audience.${a}`) }))}
      />
      <CheckboxField label={t('search.onlineOnly')} checked={shown.online === 'true'} onCheckedChange={(c) => update({ online: c ? 'true' : undefined })} />
      {activeFilters > 0 && (
        <Button type="button" color="primary" outline size="sm" className="mt-2" onClick={clearFilters}>
          {t('search.clearFilters')}
        </Button>
      )}
    </div>
  );

  return (
    <div className="sp-search">
      <SearchBox
        className="sp-search-form"
        value={q}
        onSearch={(words) => update({ q: words || undefined })}
        formLabel={fixedTenant ? t('search.withinBody', { name: fixedTenant.name }) : t('search.formLabel')}
      />

      <div className="row mt-4">
        <div className="col-lg-3 mb-4">
          {isDesktop ? (
            <section aria-labelledby="sp-filters-title">
              <H id="sp-filters-title" className="h5">
                {t('search.filters')}
              </H>
              {filters}
            </section>
          ) : (
            <details className="sp-filters-mobile" open={filtersInitiallyOpen || undefined}>
              <summary>
                {t('search.filters')}
                {activeFilters > 0 && ` (${t('search.activeFilters', { count: activeFilters })})`}
              </summary>
              {filters}
            </details>
          )}
        </div>
        <section className="col-lg-9" aria-labelledby="sp-results-title">
          <H id="sp-results-title" className="visually-hidden">
            {t('search.results')}
          </H>
          {didYouMean && (
            <p className="sp-did-you-mean">
              {t('search.didYouMean')}{' '}
              <Link to={`?${withParam(searchParams, 'q', didYouMean)}`} className="fw-semibold">
                {didYouMean}
              </Link>
              ?
            </p>
          )}
          <p role="status" className="sp-result-count fw-semibold" tabIndex={-1} ref={countRef}>
            {search.isPending ? t('common.loading') : search.isError ? '' : capped ? t('search.countCapped', { count: total }) : t('search.count', { count: total })}
          </p>
          {search.isPending ? (
            <Loading />
          ) : search.isError ? (
            <ErrorMessage error={search.error} retry={() => void search.refetch()} />
          ) : items.length === 0 ? (
            <Notice tone="info" role="none" className="sp-empty">
              <p className="fw-semibold mb-2">{t('search.emptyTitle')}</p>
              <ul className="mb-2">
                <li>{t('search.emptyTip1')}</li>
                <li>{t('search.emptyTip2')}</li>
                {activeFilters > 0 && <li>{t('search.emptyTip3')}</li>}
              </ul>
              {activeFilters > 0 && (
                <Button type="button" color="primary" outline size="sm" onClick={clearFilters}>
                  {t('search.clearFilters')}
                </Button>
              )}
            </Notice>
          ) : (
            <>
              <ul className="row it-card-list sp-results">
                {items.map((service, index) => (
                  <li key={service.id} className="col-12 col-xl-6 mb-3">
                    <ResultCard service={service} showTenant={!fixedTenant} headingLevel={cardLevel} index={index} />
                  </li>
                ))}
              </ul>
              <p className="text-muted-sp mb-2">{t('search.shown', { shown: items.length, total })}</p>
              {search.hasNextPage && (
                <Button type="button" color="primary" outline onClick={loadMore} disabled={search.isFetchingNextPage}>
                  {search.isFetchingNextPage ? t('common.loading') : t('search.loadMore')}
                </Button>
              )}
              {nextPageError && <ErrorMessage error={nextPageError} />}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function withCurrent<T extends { value: string; label: string }>(options: T[], current: string): { value: string; label: string }[] {
  if (!current || options.some((o) => o.value === current)) return options;
  return [...options, { value: current, label: current }];
}

function withParam(params: URLSearchParams, key: string, value: string): string {
  const next = new URLSearchParams(params);
  next.set(key, value);
  next.delete('cursor');
  return next.toString();
}
