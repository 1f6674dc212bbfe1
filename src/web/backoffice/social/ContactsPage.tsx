/**
 * /backoffice/sociale/contatti — the register of first contacts (segretariato sociale): filters by period, comune
 * and target area kept in the page address; each contact as a card, newest first as the server gives them.
 */
import { Button } from 'design-react-kit';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CONTACT_ANSWER_LABELS, CONTACT_CHANNEL_LABELS, NEED_LABELS, REQUESTER_KIND_LABELS, TARGET_AREA_LABELS, TARGET_AREAS, type TargetArea } from '../../../contracts/social';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ButtonLink } from '../../ui/buttons';
import { DateRangeFields, SelectField } from '../../ui/fields';
import { Icon } from '../../ui/Icon';
import { LoadMore } from '../../ui/LoadMore';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { caseUrl, SOCIAL_PATHS } from './access';
import { useContactList, useSocialComuni, type ContactFilters } from './api';
import { day, optionsOf } from './common';
import { isDay } from './forms';

function filtersOf(params: URLSearchParams): ContactFilters {
  const f: ContactFilters = {};
  const from = params.get('from');
  if (from && isDay(from)) f.from = from;
  const to = params.get('to');
  if (to && isDay(to)) f.to = to;
  const comuneId = params.get('comuneId');
  if (comuneId) f.comuneId = comuneId;
  const area = params.get('targetArea');
  if (area && (TARGET_AREAS as readonly string[]).includes(area)) f.targetArea = area as TargetArea;
  return f;
}

export default function ContactsPage() {
  useDocumentTitle('Registro dei primi contatti');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const comuni = useSocialComuni();
  const list = useContactList(filters);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const [draft, setDraft] = useState({ from: filters.from ?? '', to: filters.to ?? '', comuneId: filters.comuneId ?? '', targetArea: filters.targetArea ?? '' });
  const [dateError, setDateError] = useState<string | null>(null);
  const rows = useRef<HTMLUListElement>(null);
  const focusIndex = useRef<number | null>(null);

  useEffect(() => {
    if (focusIndex.current === null || items.length <= focusIndex.current) return;
    rows.current?.querySelector<HTMLElement>(`[data-row-index="${focusIndex.current}"]`)?.focus();
    focusIndex.current = null;
  }, [items.length]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if ((draft.from && !isDay(draft.from)) || (draft.to && !isDay(draft.to))) {
      setDateError('Scrivi date valide.');
      return;
    }
    if (draft.from && draft.to && draft.to < draft.from) {
      setDateError("La fine del periodo non può precedere l'inizio.");
      return;
    }
    setDateError(null);
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(draft)) if (v) p.set(k, v);
    setParams(p, { preventScrollReset: true });
  };
  const filtered = Object.keys(filters).length > 0;

  return (
    <div className="container py-3 py-lg-4 sp-soc">
      <Breadcrumbs items={[{ label: 'Back office', to: '/backoffice' }, { label: 'Cartelle sociali', to: SOCIAL_PATHS.cases }, { label: 'Registro dei primi contatti' }]} />
      <div className="sp-soc-head">
        <h1>Registro dei primi contatti</h1>
        <div className="sp-soc-actions">
          <ButtonLink to={SOCIAL_PATHS.firstContact} color="primary">
            <Icon name="plus" className="me-1" />
            Nuovo primo contatto
          </ButtonLink>
        </div>
      </div>

      <form onSubmit={apply} aria-label="Filtri del registro" className="mb-3" noValidate>
        <DateRangeFields
          idPrefix="soc-contacts"
          classPrefix="sp-soc"
          legend="Periodo"
          fromLabel="Dal"
          toLabel="Al"
          from={draft.from}
          to={draft.to}
          onChange={(end, value) => setDraft((d) => ({ ...d, [end]: value }))}
          error={dateError}
          errorClassName="sp-soc-error"
          className="mb-3"
        />
        <div className="sp-soc-grid">
          <SelectField
            id="soc-contacts-comune"
            label="Comune"
            value={draft.comuneId}
            onValueChange={(comuneId) => setDraft((d) => ({ ...d, comuneId }))}
            options={(comuni.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            emptyLabel="Tutti"
          />
          <SelectField id="soc-contacts-area" label="Area di utenza" value={draft.targetArea} onValueChange={(targetArea) => setDraft((d) => ({ ...d, targetArea }))} options={optionsOf(TARGET_AREA_LABELS)} emptyLabel="Tutte" />
        </div>
        <div className="sp-soc-actions">
          <Button type="submit" color="primary">
            Applica i filtri
          </Button>
          {filtered && (
            <Button
              type="button"
              color="primary"
              outline
              onClick={() => {
                setDraft({ from: '', to: '', comuneId: '', targetArea: '' });
                setParams(new URLSearchParams());
              }}
            >
              Togli i filtri
            </Button>
          )}
        </div>
      </form>

      {!list.data ? (
        list.isError ? <ErrorMessage error={list.error} retry={() => void list.refetch()} /> : <Loading />
      ) : items.length === 0 ? (
        <Notice tone="info" role="status">
          <p className="mb-0">{filtered ? 'Nessun primo contatto nel periodo e con i filtri scelti.' : 'Nessun primo contatto registrato.'}</p>
        </Notice>
      ) : (
        <>
          <ul className="sp-soc-list" ref={rows} data-testid="contact-list">
            {items.map((c, i) => (
              <li key={c.id} className="sp-soc-card" tabIndex={-1} data-row-index={i}>
                <h2>
                  {day(c.contactOn)} · {c.person ? c.person.name : 'Persona non indicata'}
                </h2>
                <p className="sp-soc-meta">
                  {c.comuneName} · {TARGET_AREA_LABELS[c.targetArea]} · {NEED_LABELS[c.need]}
                </p>
                <p className="sp-soc-meta">
                  {CONTACT_CHANNEL_LABELS[c.channel]} · {REQUESTER_KIND_LABELS[c.requesterKind]}
                  {c.requesterName && <> ({c.requesterName})</>}
                </p>
                <p className="sp-soc-meta">
                  Risposta: {CONTACT_ANSWER_LABELS[c.answer]}
                  {c.answer === 'referral' && c.referralTo && <> — {c.referralTo}</>}
                  {c.caseId && (
                    <>
                      {' '}
                      · <Link to={caseUrl(c.caseId)}>Apri la cartella</Link>
                    </>
                  )}
                  {!c.privacyNoticeGiven && <> · informativa non data</>}
                </p>
              </li>
            ))}
          </ul>
          <LoadMore list={list} label="Carica altri contatti" onMore={() => (focusIndex.current = items.length)} className="mt-3" />
        </>
      )}
    </div>
  );
}
