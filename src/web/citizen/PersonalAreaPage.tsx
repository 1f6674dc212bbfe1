/**
 * /area-personale: the signed-in citizen's access data, whom they act for (themselves, a minor child, a client
 * who delegated them, a company they represent) and the delegations they received. Only what works today.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Icon as KitIcon } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { api } from '../api/client';
import type { CitizenMe, Delegation, DelegationStatus, GivenDelegation, Subject } from '../api/types';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { RevokeButton, RevokeConfirm, useRevokeStep } from '../ui/RevokeConfirm';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../ui/status';
import { subjectKindLabel } from './ActingForBanner';
import { DelegationForm } from './DelegationForm';
import { PracticesLinkCard } from './practices/PracticesLinkCard';
import { MessagesLinkCards } from './messages/MessagesLinkCards';
import { AccessLogLinkCard } from './myspace/AccessLogLinkCard';
import { CertificatesLinkCard } from './certificates/CertificatesLinkCard';
import { AppointmentsLinkCard } from './booking/AppointmentsLinkCard';
import { PaymentsLinkCard } from './payments/PaymentsLinkCard';
import { RecommendationsSection } from './recommendations/RecommendationsSection';
import { MyDataLinkCard } from './mydata/MyDataLinkCard';
import { ProfilesSection } from './profiles/ProfilesSection';
import { documentKind, formatDay, formatSize } from './identityFormat';
import { citizenKeys, initials, levelNumber, loginPageUrl, PERSONAL_AREA, useChooseSubject, useCitizen, useDelegations, useSubjects } from './useSession';

const CHOOSER_ID = 'per-chi-operi';

export default function PersonalAreaPage() {
  const { t } = useTranslation();
  const session = useCitizen();
  useDocumentTitle(t('personalArea.title'));

  if (session.isPending) {
    return (
      <div className="container py-4">
        <Loading />
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="container py-4">
        <ErrorMessage error={session.error} retry={() => void session.refetch()} />
      </div>
    );
  }
  if (!session.data) return <Navigate to={loginPageUrl({ returnTo: PERSONAL_AREA })} replace />;
  return <PersonalArea citizen={session.data} />;
}

function PersonalArea({ citizen }: { citizen: CitizenMe }) {
  const { t } = useTranslation();
  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('personalArea.title') }]} />
      <div className="row">
        <div className="col-lg-9 col-xl-8">
          <p className="sp-kicker mb-1">{t('personalArea.title')}</p>
          <h1 className="sp-pa-title">
            <span className="sp-avatar sp-avatar-lg" aria-hidden="true">
              {initials(citizen.name)}
            </span>
            <span>{citizen.name}</span>
          </h1>
          <RecommendationsSection />
          <PracticesLinkCard />
          {/* one grid for the ways into the parts of My space: two a row on a wide screen, one on a phone */}
          <div className="sp-pa-link-cards">
            <MessagesLinkCards />
            <PaymentsLinkCard />
            <MyDataLinkCard />
            <CertificatesLinkCard />
            <AppointmentsLinkCard />
            <AccessLogLinkCard />
          </div>
          <ProfilesSection citizen={citizen} />
          <AccessData citizen={citizen} />
          <SubjectChooser citizen={citizen} />
          <Delegations />
          <DelegationsGiven />
        </div>
      </div>
    </div>
  );
}

function AccessData({ citizen }: { citizen: CitizenMe }) {
  const { t } = useTranslation();
  return (
    <section className="sp-pa-section" aria-labelledby="dati-di-accesso">
      <h2 className="h3" id="dati-di-accesso">
        {t('personalArea.access.title')}
      </h2>
      <dl className="sp-facts">
        <div>
          <dt>{t('personalArea.access.fiscalCode')}</dt>
          <dd className="sp-cf">{citizen.fiscalCode}</dd>
        </div>
        <div>
          <dt>{t('personalArea.access.method')}</dt>
          <dd>{t(`auth.methods.${citizen.auth.method}`)}</dd>
        </div>
        <div>
          <dt>{t('personalArea.access.level')}</dt>
          <dd>{t('auth.levelName', { level: levelNumber(citizen.auth.level) })}</dd>
        </div>
      </dl>
    </section>
  );
}

const subjectKey = (s: Pick<Subject, 'kind' | 'id'>) => `${s.kind}:${s.id}`;

function SubjectChooser({ citizen }: { citizen: CitizenMe }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const subjects = useSubjects(true);
  const choose = useChooseSubject();
  const current = subjectKey(citizen.actingFor);
  const [selected, setSelected] = useState(current);
  const [done, setDone] = useState<Subject | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The choice changed elsewhere (the banner's "Torna a operare per te"): follow it.
  useEffect(() => setSelected(current), [current]);

  // Arriving at #per-chi-operi (the banner's "Cambia"): after the layout has put the page at the top, go there.
  useEffect(() => {
    if (location.hash !== `#${CHOOSER_ID}`) return;
    const timer = window.setTimeout(() => {
      document.getElementById(CHOOSER_ID)?.scrollIntoView({ block: 'start' });
      headingRef.current?.focus({ preventScroll: true });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [location.hash, location.key]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const option = subjects.data?.items.find((s) => subjectKey(s) === selected);
    if (!option) return;
    setDone(null);
    choose.mutate({ kind: option.kind, id: option.id }, { onSuccess: (chosen) => setDone(chosen) });
  };

  return (
    <section className="sp-pa-section" id={CHOOSER_ID} aria-labelledby={`${CHOOSER_ID}-title`}>
      <h2 className="h3" id={`${CHOOSER_ID}-title`} tabIndex={-1} ref={headingRef}>
        {t('personalArea.subjects.title')}
      </h2>
      <p>{t('personalArea.subjects.intro')}</p>
      {subjects.isPending ? (
        <Loading />
      ) : subjects.isError ? (
        <ErrorMessage error={subjects.error} retry={() => void subjects.refetch()} />
      ) : (
        <form onSubmit={submit} className="sp-subject-form">
          <fieldset>
            <legend className="sp-legend">{t('personalArea.subjects.legend')}</legend>
            <div className="sp-subject-options">
              {subjects.data.items.map((s) => {
                const key = subjectKey(s);
                const id = `soggetto-${s.kind}-${s.id}`;
                const isCurrent = key === current;
                return (
                  <div key={key} className={`form-check sp-subject-option${selected === key ? ' is-selected' : ''}`}>
                    <input
                      type="radio"
                      name="acting-for"
                      id={id}
                      value={key}
                      checked={selected === key}
                      onChange={() => setSelected(key)}
                      aria-describedby={`${id}-detail`}
                    />
                    <label htmlFor={id}>
                      <span className="sp-subject-name">{s.kind === 'self' ? t('personalArea.subjects.self', { name: s.name }) : s.name}</span>
                      {isCurrent && <span className="badge bg-primary sp-current-badge">{t('personalArea.subjects.current')}</span>}
                    </label>
                    <p className="sp-subject-detail" id={`${id}-detail`}>
                      {s.kind !== 'self' &&
                        // the registry's words ("figlio/a minore, 9 anni — Comune di …"), in Italian; else the kind
                        (s.detail ? (
                          <span lang={i18n.language === 'it' ? undefined : 'it'}>{s.detail}</span>
                        ) : (
                          <span>{subjectKindLabel(s.kind, t)}</span>
                        ))}
                      {s.validUntil && <span>{t('personalArea.subjects.validUntil', { date: formatDay(s.validUntil, i18n.language) })}</span>}
                      <span>
                        {t('actingFor.fiscalCode')} <span className="sp-cf">{s.fiscalCode}</span>
                      </span>
                    </p>
                  </div>
                );
              })}
            </div>
          </fieldset>
          <Button type="submit" color="primary" disabled={choose.isPending}>
            {t('personalArea.subjects.confirm')}
          </Button>
        </form>
      )}
      <div role="status" className="sp-pa-status">
        {done && (
          <Notice tone="success" role="none" className="mt-3 mb-0">
            {done.kind === 'self' ? t('personalArea.subjects.nowSelf') : t('personalArea.subjects.nowFor', { name: done.name })}
          </Notice>
        )}
      </div>
      {choose.isError && <ErrorMessage error={choose.error} />}
    </section>
  );
}

const STATUS_COLOR: Record<DelegationStatus, string> = { active: 'success', expired: 'secondary', revoked: 'danger' };

function Delegations() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useDelegations(true);
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: citizenKeys.delegations });
    void queryClient.invalidateQueries({ queryKey: citizenKeys.subjects });
    void queryClient.invalidateQueries({ queryKey: citizenKeys.session });
  };

  const items = list.data?.items ?? [];
  return (
    <section className="sp-pa-section" aria-labelledby="deleghe-ricevute">
      <h2 className="h3" id="deleghe-ricevute">
        {t('personalArea.delegations.title')}
      </h2>
      <p>{t('personalArea.delegations.intro')}</p>
      <div role="status">
        {message && (
          <Notice tone="success" role="none" focusRef={messageRef}>
            {message}
          </Notice>
        )}
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} retry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <p className="sp-empty-note">{t('personalArea.delegations.none')}</p>
      ) : (
        <ul className="sp-delegation-list">
          {items.map((d) => (
            <DelegationItem
              key={d.id}
              entry={{ kind: 'received', d }}
              onRevoked={(name) => {
                setMessage(t('personalArea.delegations.revoked', { name }));
                refresh();
              }}
            />
          ))}
        </ul>
      )}

      <h3 className="h4 mt-4" id="nuova-delega">
        {t('personalArea.delegations.form.title')}
      </h3>
      <DelegationForm
        onCreated={(created) => {
          setMessage(t('personalArea.delegations.created', { name: created.delegatorName }));
          refresh();
        }}
      />
    </section>
  );
}

/** A delegation received (the professional's view) or given in one's name (the delegating person's view). */
type DelegationEntry = { kind: 'received'; d: Delegation } | { kind: 'given'; d: GivenDelegation };

/** Delegations someone registered naming this citizen as the person delegating: seen here, revocable. */
function DelegationsGiven() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: citizenKeys.delegationsGiven, queryFn: ({ signal }) => api.delegationsGiven(signal), staleTime: 0 });
  const [message, setMessage] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  return (
    <section className="sp-pa-section" aria-labelledby="deleghe-date">
      <h2 className="h3" id="deleghe-date">
        {t('personalArea.given.title')}
      </h2>
      <p>{t('personalArea.given.intro')}</p>
      <div role="status">{message && <Notice tone="success" role="none">{message}</Notice>}</div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} retry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <p className="sp-empty-note">{t('personalArea.given.none')}</p>
      ) : (
        <ul className="sp-delegation-list">
          {items.map((d) => (
            <DelegationItem
              key={d.id}
              entry={{ kind: 'given', d }}
              onRevoked={(name) => {
                setMessage(t('personalArea.given.revoked', { name }));
                void queryClient.invalidateQueries({ queryKey: citizenKeys.delegationsGiven });
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function DelegationItem({ entry, onRevoked }: { entry: DelegationEntry; onRevoked: (name: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const d = entry.d;
  const name = entry.kind === 'received' ? entry.d.delegatorName : (entry.d.delegateName ?? t('personalArea.given.someone'));
  const step = useRevokeStep();
  const revoke = useMutation({
    mutationFn: async (): Promise<void> => {
      if (entry.kind === 'received') await api.revokeDelegation(d.id, step.reason.trim() || undefined);
      else await api.revokeDelegationGiven(d.id, step.reason.trim() || undefined);
    },
    onSuccess: () => onRevoked(name),
  });
  const titleId = `delega-${d.id}`;

  return (
    <li className={`sp-delegation sp-delegation-${d.status}`}>
      <div className="sp-delegation-head">
        <h4 className="h5 mb-0" id={titleId}>
          {name}
        </h4>
        <Badge color={STATUS_COLOR[d.status]} className="sp-badge">
          {t(`personalArea.delegations.status.${d.status}`)}
        </Badge>
      </div>
      <dl className="sp-facts sp-facts-compact">
        {entry.kind === 'received' && (
          <div>
            <dt>{t('actingFor.fiscalCode')}</dt>
            <dd className="sp-cf">{entry.d.delegatorFiscalCode}</dd>
          </div>
        )}
        <div>
          <dt>{t('personalArea.delegations.purpose')}</dt>
          <dd lang="it">{d.purpose}</dd>
        </div>
        <div>
          <dt>{t('personalArea.delegations.validUntil')}</dt>
          <dd>{formatDay(d.validUntil, lng)}</dd>
        </div>
        {d.revokedAt && (
          <div>
            <dt>{t('personalArea.delegations.revokedOn')}</dt>
            <dd>{formatDay(d.revokedAt.slice(0, 10), lng)}</dd>
          </div>
        )}
      </dl>
      <div className="sp-delegation-actions">
        {entry.kind === 'received' && (
        <a href={api.delegationDocumentUrl(d.id)} download={entry.d.document.name} className="sp-download">
          <KitIcon icon="it-download" size="sm" className="sp-icon me-1" focusable="false" />
          {t('personalArea.delegations.download')}
          <span className="visually-hidden"> {t('personalArea.delegations.downloadOf', { name })}</span>{' '}
          <span className="sp-file-meta">
            ({documentKind(entry.d.document.type)}, {formatSize(entry.d.document.size, lng)})
          </span>
        </a>
        )}
        {d.status === 'active' && !step.confirming && (
          <RevokeButton step={step}>
            {t('personalArea.delegations.revoke')}
            <span className="visually-hidden"> {t('personalArea.delegations.revokeOf', { name })}</span>
          </RevokeButton>
        )}
      </div>
      <RevokeConfirm
        step={step}
        id={titleId}
        title={t('personalArea.delegations.confirmTitle', { name })}
        body={t('personalArea.delegations.confirmBody')}
        reasonLabel={t('personalArea.delegations.reason')}
        error={revoke.error}
        pending={revoke.isPending}
        confirmLabel={t('personalArea.delegations.confirmRevoke')}
        cancelLabel={t('personalArea.delegations.cancel')}
        onConfirm={() => revoke.mutate()}
      />
    </li>
  );
}
