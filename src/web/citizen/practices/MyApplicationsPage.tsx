/**
 * /area-personale/pratiche — "Le mie pratiche": the citizen's applications and those filed for the people they act
 * for, newest first, with their status, for whom, the protocol number and the due date. Filters (status group,
 * service, person) live in the URL, so the page can be reloaded or shared; "Mostra altre" follows the cursor.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Icon as KitIcon } from 'design-react-kit';
import { useEffect, useMemo, useRef, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ApplicationSummary } from '../../../contracts/applications';
import { applicationKeys, applicationsApi, type ApplicationListParams } from '../../api/applications';
import type { CitizenMe } from '../../api/types';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { SelectField, type Option } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { LoadMore } from '../../ui/LoadMore';
import { PERSONAL_AREA } from '../useSession';
import { PROFILE_PARAM, profileFromParam } from '../profiles/profilesApi';
import { MY_APPLICATIONS } from './PracticesLinkCard';
import { applicationUrl, formatDate, STATUS_GROUPS, subjectIsMe, type StatusGroup } from './format';
import { CitizenOnly, DueLine, useForWhom } from './shared';
import { StatusBadge } from './StatusBadge';
import './practices.css';

const PAGE_SIZE = 20;

/** The status filter in the URL (?stato=in-corso) and the groups of statuses it stands for. */
const GROUP_PARAM: Record<StatusGroup, string> = { drafts: 'bozze', open: 'in-corso', closed: 'concluse' };
const GROUPS: (StatusGroup | 'all')[] = ['all', 'drafts', 'open', 'closed'];
const groupFromParam = (value: string | null): StatusGroup | 'all' =>
  (Object.entries(GROUP_PARAM).find(([, v]) => v === value)?.[0] as StatusGroup | undefined) ?? 'all';

/** ?persona=io for the citizen's own, or the fiscal code of the person the application is for. */
const ME = 'io';

export default function MyApplicationsPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const profile = profileFromParam(searchParams.get('profilo'));
  useDocumentTitle(profile ? t(`profiles.heading.${profile}`) : t('practices.list.title'));
  return <CitizenOnly>{(citizen) => <MyApplications citizen={citizen} />}</CitizenOnly>;
}

function MyApplications({ citizen }: { citizen: CitizenMe }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [searchParams, setSearchParams] = useSearchParams();
  const group = groupFromParam(searchParams.get('stato'));
  const serviceId = searchParams.get('servizio') ?? '';
  const person = searchParams.get('persona') ?? '';
  // ?profilo=privato|professionista|impresa: one of the person's profiles (an unknown word shows everything)
  const profile = profileFromParam(searchParams.get('profilo'));

  const params = useMemo(() => {
    const p: ApplicationListParams = { limit: PAGE_SIZE };
    if (group !== 'all') p.status = STATUS_GROUPS[group];
    if (serviceId) p.serviceId = serviceId;
    if (person) p.subject = person === ME ? citizen.fiscalCode : person;
    if (profile) p.profile = profile;
    return p;
  }, [group, serviceId, person, citizen.fiscalCode, profile]);

  const list = useInfiniteQuery({
    queryKey: [...applicationKeys.list(params), 'pages'],
    queryFn: ({ pageParam, signal }) => applicationsApi.list({ ...params, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  // Everything (no filter but the profile, first page): the services and the people the filters offer.
  const everythingParams: ApplicationListParams = profile ? { limit: 100, profile } : { limit: 100 };
  const everything = useQuery({
    queryKey: applicationKeys.list(everythingParams),
    queryFn: ({ signal }) => applicationsApi.list(everythingParams, signal),
    staleTime: 0,
  });

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const seen = [...(everything.data?.items ?? []), ...items];

  // A few dozen entries at most: computed on each render.
  const serviceOptions = (() => {
    const map = new Map<string, string>();
    for (const a of seen) map.set(a.service.id, a.service.title);
    if (serviceId && !map.has(serviceId)) map.set(serviceId, t('practices.filters.selectedService'));
    return [...map.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, lng));
  })();

  const personOptions = (() => {
    const map = new Map<string, string>();
    for (const a of seen) {
      if (!subjectIsMe(a.subject, citizen.fiscalCode)) map.set(a.subject.fiscalCode, a.subject.name);
    }
    if (person && person !== ME && !map.has(person)) map.set(person, person);
    const others: Option[] = [...map.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, lng));
    // as a professional or for a company the person does not act for themselves: "me" is offered only if chosen
    const offerMe = (profile !== 'professional' && profile !== 'company') || person === ME;
    return offerMe ? [{ value: ME, label: t('practices.filters.me', { name: citizen.name }) }, ...others] : others;
  })();

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next, { replace: false, preventScrollReset: true });
  };
  const filtersActive = group !== 'all' || !!serviceId || !!person;
  const countRef = useRef<HTMLParagraphElement>(null);
  const clearFilters = () => {
    // the profile stays: "Tutte le mie pratiche" is the way out of it
    setSearchParams(new URLSearchParams(profile ? { profilo: PROFILE_PARAM[profile] } : {}), { preventScrollReset: true });
    window.setTimeout(() => countRef.current?.focus(), 0);
  };

  // After "Mostra altre", focus the first card that was added.
  const focusIndex = useRef<number | null>(null);
  useEffect(() => {
    if (focusIndex.current === null) return;
    const el = document.querySelector<HTMLElement>(`[data-practice-index="${focusIndex.current}"]`);
    if (el) {
      el.focus();
      focusIndex.current = null;
    }
  }, [items.length]);

  const showServiceFilter = serviceOptions.length > 1 || !!serviceId;
  const showPersonFilter = personOptions.length > 1 || !!person;
  const nothingAtAll = !filtersActive && !profile && !!list.data && items.length === 0;
  const withoutProfile = (() => {
    const next = new URLSearchParams(searchParams);
    next.delete('profilo');
    const text = next.toString();
    return text ? `${MY_APPLICATIONS}?${text}` : MY_APPLICATIONS;
  })();

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('personalArea.title'), to: PERSONAL_AREA },
          ...(profile
            ? [{ label: t('practices.list.title'), to: MY_APPLICATIONS }, { label: t(`profiles.names.${profile}`) }]
            : [{ label: t('practices.list.title') }]),
        ]}
      />
      <div className="row">
        <div className="col-lg-10 col-xl-9">
          <h1>{profile ? t(`profiles.heading.${profile}`) : t('practices.list.title')}</h1>
          {profile && (
            <p className="sp-practices-profile">
              <span>{t('profiles.showingOnly')}</span>{' '}
              <Link to={withoutProfile}>{t('profiles.allApplications')}</Link>
            </p>
          )}
          <p className="lead">{t('practices.list.intro')}</p>

          {!nothingAtAll && (
            <form className="sp-practices-filter-form" aria-label={t('practices.filters.label')} onSubmit={(e) => e.preventDefault()}>
              <fieldset className="sp-status-tabs">
                <legend>{t('practices.filters.status')}</legend>
                <div className="sp-segmented">
                  {GROUPS.map((g) => {
                    const id = `stato-${g}`;
                    return (
                      <span key={g}>
                        <input
                          type="radio"
                          name="stato"
                          id={id}
                          value={g}
                          checked={group === g}
                          onChange={(e: ChangeEvent<HTMLInputElement>) => e.target.checked && setParam('stato', g === 'all' ? '' : GROUP_PARAM[g])}
                        />
                        <label htmlFor={id}>{t(`practices.filters.groups.${g}`)}</label>
                      </span>
                    );
                  })}
                </div>
              </fieldset>
              {(showServiceFilter || showPersonFilter) && (
                <div className="sp-practices-filters">
                  {showServiceFilter && (
                    <SelectField
                      id="filtro-servizio"
                      label={t('practices.filters.service')}
                      value={serviceId}
                      onValueChange={(v) => setParam('servizio', v)}
                      emptyLabel={t('practices.filters.allServices')}
                      options={serviceOptions}
                    />
                  )}
                  {showPersonFilter && (
                    <SelectField
                      id="filtro-persona"
                      label={t('practices.filters.person')}
                      value={person}
                      onValueChange={(v) => setParam('persona', v)}
                      emptyLabel={t('practices.filters.allPeople')}
                      options={personOptions}
                    />
                  )}
                </div>
              )}
            </form>
          )}

          <div role="status" className="sp-practices-status">
            {list.data && !nothingAtAll && (
              <p className="sp-practices-count" ref={countRef} tabIndex={-1}>
                {items.length === 0
                  ? t('practices.list.noneFiltered')
                  : list.hasNextPage
                    ? t('practices.list.countMore', { count: items.length })
                    : t('practices.list.count', { count: items.length })}
              </p>
            )}
          </div>
          {filtersActive && (
            <p>
              <Button type="button" color="primary" outline size="sm" onClick={clearFilters}>
                {t('practices.filters.clear')}
              </Button>
            </p>
          )}

          {!list.data ? (
            list.isError ? (
              <ErrorMessage error={list.error} retry={() => void list.refetch()} />
            ) : (
              <Loading />
            )
          ) : nothingAtAll ? (
            <EmptyState />
          ) : (
            <>
              <ul className="sp-practice-list">
                {items.map((a, index) => (
                  <PracticeCard key={a.id} a={a} citizen={citizen} index={index} />
                ))}
              </ul>
              <LoadMore list={list} label={t('practices.list.more')} onMore={() => (focusIndex.current = items.length)} />
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function EmptyState() {
  const { t } = useTranslation();
  return (
    <Notice tone="info" role="none" className="sp-empty">
      <p className="fw-semibold mb-1">{t('practices.list.emptyTitle')}</p>
      <p className="mb-2">{t('practices.list.emptyBody')}</p>
      <Link to="/servizi" className="fw-semibold">
        {t('practices.list.emptyLink')}
      </Link>
    </Notice>
  );
}

function PracticeCard({ a, citizen, index }: { a: ApplicationSummary; citizen: CitizenMe; index: number }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const forWhom = useForWhom()(a, citizen);
  const url = applicationUrl(a);
  const titleId = `pratica-${a.id}`;
  const isDraft = a.status === 'draft';
  return (
    <li className={`sp-practice sp-practice-${a.status}`}>
      <article aria-labelledby={titleId}>
        <div className="sp-practice-head">
          <h2 className="sp-practice-title" id={titleId}>
            <Link to={url} data-practice-index={index} lang="it">
              {a.service.title}
            </Link>
          </h2>
          <StatusBadge status={a.status} />
        </div>
        <p className="sp-practice-body">{a.tenant.name}</p>
        {forWhom && <p className="sp-practice-who">{forWhom}</p>}
        {a.status === 'awaiting_citizen' && (
          <p className="sp-practice-awaiting">
            <KitIcon icon="it-warning-circle" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
            <span>
              {t('practices.list.awaiting')}{' '}
              <Link to={`${url}#risposta`}>
                {t('practices.list.answer')}
                <span className="visually-hidden"> — {a.service.title}</span>
              </Link>
            </span>
          </p>
        )}
        <DueLine status={a.status} dueDate={a.dueDate} />
        <dl className="sp-practice-facts">
          <div>
            <dt>{t('practices.fields.code')}</dt>
            <dd className="sp-code">{a.code}</dd>
          </div>
          {a.submittedAt ? (
            <div>
              <dt>{t('practices.fields.submittedAt')}</dt>
              <dd>{formatDate(a.submittedAt, lng)}</dd>
            </div>
          ) : (
            <div>
              <dt>{t('practices.fields.savedAt')}</dt>
              <dd>{formatDate(a.updatedAt, lng)}</dd>
            </div>
          )}
          {a.protocol && (
            <div>
              <dt>{t('practices.fields.protocol')}</dt>
              <dd>{t('practices.fields.protocolShort', { number: a.protocol.number, year: a.protocol.year })}</dd>
            </div>
          )}
        </dl>
        {isDraft && (
          <Link to={url} className="sp-practice-action">
            <KitIcon icon="it-pencil" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
            {t('practices.list.continueDraft')}
            <span className="visually-hidden"> — {a.service.title}</span>
          </Link>
        )}
      </article>
    </li>
  );
}
