/**
 * /enti/:tenantSlug/servizi/:serviceSlug/domanda: the start of an online application. It needs a sign-in at the
 * service's level, says for whom the application will be made and which access will be recorded with it.
 * With an online form, it starts the draft (or resumes the open one, from any device) and opens it; the form's
 * application window, when it has one, is shown and respected. Without one, it says where to apply meanwhile.
 */
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useServiceBySlug } from '../api/queries';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../ui/status';
import NotFoundPage from './NotFoundPage';
import { applyState, StepUpNotice } from './OnlineApplyAccess';
import { CONTENT_LANG, OfficeContacts } from './ServiceCardView';
import { appliesOnlineHere, CHOOSE_SUBJECT_URL, levelNumber, loginPageUrl, serviceLevel, startPageUrl, useCitizen } from './useSession';
import { subjectKindLabel } from './ActingForBanner';
import { StartOnlineForm } from './application/StartOnlineForm';

export default function StartApplicationPage() {
  const { t } = useTranslation();
  const { tenantSlug = '', serviceSlug = '' } = useParams();
  const service = useServiceBySlug(tenantSlug, serviceSlug);
  const session = useCitizen();
  const detail = service.data;
  useDocumentTitle(detail ? t('auth.start.documentTitle', { title: detail.card.title }) : undefined);

  if (service.isError && isApiError(service.error, 404)) return <NotFoundPage what="service" />;

  const cardUrl = `/enti/${tenantSlug}/servizi/${serviceSlug}`;
  const here = startPageUrl(tenantSlug, serviceSlug);
  const breadcrumbs = (
    <Breadcrumbs
      items={[
        { label: t('nav.home'), to: '/' },
        { label: detail?.tenant.name ?? tenantSlug, to: `/enti/${tenantSlug}` },
        { label: detail?.card.title ?? t('common.loading'), to: cardUrl },
        { label: t('auth.start.crumb') },
      ]}
    />
  );

  if (service.isError || session.isError) {
    return (
      <div className="container py-3 py-lg-4">
        {breadcrumbs}
        <ErrorMessage
          error={service.error ?? session.error}
          retry={() => {
            void service.refetch();
            void session.refetch();
          }}
        />
      </div>
    );
  }
  if (!detail || session.isPending) {
    return (
      <div className="container py-3 py-lg-4">
        {breadcrumbs}
        <Loading />
      </div>
    );
  }

  const { card, office } = detail;
  const level = serviceLevel(card.access);
  const online = appliesOnlineHere(card.access) && card.status === 'active';
  const state = applyState(session.data, level);
  // Not signed in: to the sign-in page at the service's level, and back here.
  if (online && state.kind === 'signIn') return <Navigate to={loginPageUrl({ level, returnTo: here })} replace />;

  return (
    <div className="container py-3 py-lg-4">
      {breadcrumbs}
      <div className="row">
        <div className="col-lg-9 col-xl-8">
          <p className="sp-kicker mb-1">{t('auth.start.kicker')}</p>
          <h1 lang={CONTENT_LANG}>{card.title}</h1>

          {!online ? (
            <Notice tone="info" role="note">
              <p className="mb-2">{card.status === 'inactive' ? t('card.inactiveAccess') : t('auth.start.notOnline')}</p>
              <p className="mb-0">
                <Link to={cardUrl}>{t('auth.start.backToCard')}</Link>
              </p>
            </Notice>
          ) : state.kind === 'stepUp' ? (
            <StepUpNotice citizen={state.citizen} level={level} returnTo={here} />
          ) : state.kind === 'ready' ? (
            <>
              <section className="sp-pa-section" aria-labelledby="chi-presenta">
                <h2 className="h3" id="chi-presenta">
                  {t('auth.start.whoTitle')}
                </h2>
                <p className="sp-applicant">
                  {t('auth.start.applyingFor')} <strong>{state.citizen.actingFor.name}</strong>
                  {state.citizen.actingFor.kind !== 'self' && <> ({subjectKindLabel(state.citizen.actingFor.kind, t)})</>}
                </p>
                {state.citizen.actingFor.kind !== 'self' && (
                  <p className="mb-2">{t('auth.start.actingBy', { name: state.citizen.name })}</p>
                )}
                <p>
                  <Link to={CHOOSE_SUBJECT_URL}>{t('auth.start.changeSubject')}</Link>
                </p>
                <dl className="sp-facts">
                  <div>
                    <dt>{t('auth.start.recordedMethod')}</dt>
                    <dd>{t(`auth.methods.${state.citizen.auth.method}`)}</dd>
                  </div>
                  <div>
                    <dt>{t('auth.start.recordedLevel')}</dt>
                    <dd>{t('auth.levelName', { level: levelNumber(state.citizen.auth.level) })}</dd>
                  </div>
                </dl>
                <p className="small-sp">{t('auth.start.recordedNote')}</p>
              </section>

              <section className="sp-pa-section" aria-labelledby="modulo-online">
                <h2 className="h3" id="modulo-online">
                  {t('auth.start.formTitle')}
                </h2>
                {card.form ? (
                  <StartOnlineForm serviceId={detail.id} form={card.form} citizen={state.citizen} />
                ) : (
                  <>
                    <Notice tone="info" role="note">
                      <p className="fw-semibold mb-1">{t('auth.start.formSoonTitle')}</p>
                      <p className="mb-0">{card.access.desk ? t('auth.start.formSoonDesk') : t('auth.start.formSoonOffice')}</p>
                    </Notice>
                    {card.access.desk && card.access.deskDescription && <p lang={CONTENT_LANG}>{card.access.deskDescription}</p>}
                    {office ? (
                      <OfficeContacts office={office} headingLevel={3} />
                    ) : (
                      <p>
                        {t('card.contactBody')} <Link to={`/enti/${detail.tenant.slug}`}>{detail.tenant.name}</Link>
                      </p>
                    )}
                  </>
                )}
                <p className="mt-3">
                  <Link to={cardUrl}>{t('auth.start.backToCard')}</Link>
                </p>
              </section>
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}
