/**
 * /backoffice/sociale — "Cartelle sociali": the cases the worker may see (the server narrows them to the grant),
 * searched by name or fiscal code and filtered by status, comune, target area and alerts, kept in the page
 * address; each case as a card (no table: nothing scrolls sideways at 360 px) with its status and alerts.
 * "Carica altri" moves the focus to the first new card. From here: a new first contact, the register of first
 * contacts, the exports (coordinator) and the figures.
 */
import { Button } from 'design-react-kit';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATUS_LABELS, CASE_STATUSES, SECTOR_LABELS, TARGET_AREA_LABELS, TARGET_AREAS, type CaseStatus, type TargetArea } from '../../../contracts/social';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ButtonLink } from '../../ui/buttons';
import { SelectField } from '../../ui/fields';
import { Icon } from '../../ui/Icon';
import { LoadMore } from '../../ui/LoadMore';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { caseUrl, SOCIAL_PATHS } from './access';
import { useCaseList, useSocialComuni, useSocialMe, type CaseFilters } from './api';
import { CaseAlerts, CaseStatusBadge, day, optionsOf } from './common';

const ALERT_LABELS = { review_due: 'Verifica in scadenza', intervention_expiring: 'Interventi in scadenza' } as const;

function filtersOf(params: URLSearchParams): CaseFilters {
  const f: CaseFilters = {};
  const q = params.get('q')?.trim();
  if (q) f.q = q;
  const status = params.get('status');
  if (status && (CASE_STATUSES as readonly string[]).includes(status)) f.status = status as CaseStatus;
  const comuneId = params.get('comuneId');
  if (comuneId) f.comuneId = comuneId;
  const area = params.get('targetArea');
  if (area && (TARGET_AREAS as readonly string[]).includes(area)) f.targetArea = area as TargetArea;
  const alert = params.get('alert');
  if (alert === 'review_due' || alert === 'intervention_expiring') f.alert = alert;
  return f;
}

export default function CasesPage() {
  useDocumentTitle('Cartelle sociali');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const me = useSocialMe();
  const comuni = useSocialComuni();
  const list = useCaseList(filters);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const rows = useRef<HTMLUListElement>(null);
  const focusIndex = useRef<number | null>(null);
  const [q, setQ] = useState(filters.q ?? '');
  const [draft, setDraft] = useState({ status: filters.status ?? '', comuneId: filters.comuneId ?? '', targetArea: filters.targetArea ?? '', alert: filters.alert ?? '' });

  useEffect(() => {
    if (focusIndex.current === null || items.length <= focusIndex.current) return;
    rows.current?.querySelector<HTMLElement>(`[data-row-index="${focusIndex.current}"]`)?.focus();
    focusIndex.current = null;
  }, [items.length]);

  const go = (next: CaseFilters) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, String(v));
    setParams(p, { preventScrollReset: true });
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    go({ ...filters, q: q.trim() || undefined });
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    go({
      q: filters.q,
      status: (draft.status || undefined) as CaseStatus | undefined,
      comuneId: draft.comuneId || undefined,
      targetArea: (draft.targetArea || undefined) as TargetArea | undefined,
      alert: (draft.alert || undefined) as CaseFilters['alert'],
    });
  };
  const filtered = Object.keys(filters).length > 0;
  const active = !!(filters.status || filters.comuneId || filters.targetArea || filters.alert);

  return (
    <div className="container py-3 py-lg-4 sp-soc">
      <Breadcrumbs items={[{ label: 'Back office', to: '/backoffice' }, { label: 'Cartelle sociali' }]} />
      <div className="sp-soc-head">
        <h1>Cartelle sociali</h1>
        <div className="sp-soc-actions">
          <ButtonLink to={SOCIAL_PATHS.firstContact} color="primary">
            <Icon name="plus" className="me-1" />
            Nuovo primo contatto
          </ButtonLink>
        </div>
      </div>
      <nav aria-label="Servizi sociali">
        <ul className="sp-inline-links mb-3">
          <li>
            <Link to={SOCIAL_PATHS.contacts}>Registro dei primi contatti</Link>
          </li>
          {me.data?.canExport && (
            <li>
              <Link to={SOCIAL_PATHS.exports}>Invii al Casellario dell'Assistenza (INPS)</Link>
            </li>
          )}
          {me.data?.canFigures && (
            <li>
              <Link to={SOCIAL_PATHS.figures}>Cruscotto dell'ambito</Link>
            </li>
          )}
        </ul>
      </nav>

      <form role="search" onSubmit={search} className="mb-2">
        <label htmlFor="soc-search" className="fw-semibold d-block mb-1">
          Cerca per nome, cognome o codice fiscale
        </label>
        <div className="d-flex flex-wrap gap-2">
          <input id="soc-search" type="search" className="form-control" style={{ flex: '1 1 12rem', minWidth: 0 }} value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" maxLength={100} />
          <Button type="submit" color="primary">
            <Icon name="search" className="me-1" />
            Cerca
          </Button>
        </div>
      </form>

      <details className="mb-3" open={active || undefined}>
        <summary className="fw-semibold py-2">Filtri</summary>
        <form onSubmit={apply} aria-label="Filtri">
          <div className="sp-soc-grid">
            <SelectField id="soc-filter-status" label="Stato" value={draft.status} onValueChange={(status) => setDraft((d) => ({ ...d, status }))} options={optionsOf(CASE_STATUS_LABELS)} emptyLabel="Tutti" />
            <SelectField
              id="soc-filter-comune"
              label="Comune"
              value={draft.comuneId}
              onValueChange={(comuneId) => setDraft((d) => ({ ...d, comuneId }))}
              options={(comuni.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              emptyLabel="Tutti"
            />
            <SelectField id="soc-filter-area" label="Area di utenza" value={draft.targetArea} onValueChange={(targetArea) => setDraft((d) => ({ ...d, targetArea }))} options={optionsOf(TARGET_AREA_LABELS)} emptyLabel="Tutte" />
            <SelectField id="soc-filter-alert" label="Avvisi" value={draft.alert} onValueChange={(alert) => setDraft((d) => ({ ...d, alert }))} options={optionsOf(ALERT_LABELS)} emptyLabel="Tutte le cartelle" />
          </div>
          <div className="sp-soc-actions mb-2">
            <Button type="submit" color="primary">
              Applica i filtri
            </Button>
          </div>
        </form>
      </details>
      {filtered && (
        <p>
          <Button
            type="button"
            color="primary"
            outline
            size="sm"
            onClick={() => {
              setQ('');
              setDraft({ status: '', comuneId: '', targetArea: '', alert: '' });
              go({});
            }}
          >
            Togli ricerca e filtri
          </Button>
        </p>
      )}

      {!list.data ? (
        list.isError ? <ErrorMessage error={list.error} retry={() => void list.refetch()} /> : <Loading />
      ) : items.length === 0 ? (
        <Notice tone="info" role="status">
          <p className="mb-0">{filtered ? 'Nessuna cartella corrisponde alla ricerca.' : 'Non ci sono cartelle sociali da mostrare.'}</p>
        </Notice>
      ) : (
        <>
          <p role="status" className="sp-soc-hint">
            {items.length === 1 ? '1 cartella mostrata' : `${items.length} cartelle mostrate`}
            {list.hasNextPage ? ' (ce ne sono altre)' : ''}
          </p>
          <ul className="sp-soc-list" ref={rows} data-testid="case-list">
            {items.map((c, i) => (
              <li key={c.id} className="sp-soc-card" tabIndex={-1} data-row-index={i}>
                <h2>
                  <Link to={caseUrl(c.id)}>
                    {c.person.name}
                    <span className="visually-hidden">, cartella {c.reference}</span>
                  </Link>
                </h2>
                <p className="sp-soc-meta">
                  <CaseStatusBadge status={c.status} /> · Cartella {c.reference}
                  {c.person.fiscalCode && <> · {c.person.fiscalCode}</>}
                </p>
                <p className="sp-soc-meta">
                  {c.comuneName} · {TARGET_AREA_LABELS[c.targetArea]} · {SECTOR_LABELS[c.sector]}
                </p>
                <p className="sp-soc-meta">
                  Aperta il {day(c.openedOn)}
                  {c.inChargeOn && <> · presa in carico il {day(c.inChargeOn)}</>}
                  {c.caseManager && <> · responsabile: {c.caseManager}</>}
                </p>
                <CaseAlerts alerts={c.alerts} />
              </li>
            ))}
          </ul>
          <LoadMore list={list} label="Carica altre cartelle" onMore={() => (focusIndex.current = items.length)} className="mt-3" />
        </>
      )}
    </div>
  );
}
