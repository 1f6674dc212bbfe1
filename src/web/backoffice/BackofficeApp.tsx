import { Button } from 'design-react-kit';
import { lazy, Suspense, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { keys } from '../api/queries';
import NotFoundPage from '../citizen/NotFoundPage';
import { Icon } from '../ui/Icon';
import { ErrorMessage, Loading } from '../ui/status';
import { useOperator } from './auth';
import AdminLayout, { managesReplyTemplates, REPLY_TEMPLATES_PATH } from './admin/AdminLayout';
import { isTenantAdmin } from './admin/adminApi';
import AuditPage from './admin/AuditPage';
import NewOperatorPage from './admin/NewOperatorPage';
import OfficesPage, { OfficeFormPage } from './admin/OfficesPage';
import OperatorPage from './admin/OperatorPage';
import OperatorsPage from './admin/OperatorsPage';
import { AssociationsPage, TenantsPage } from './admin/PlatformPages';
import PrivacyPage from './admin/PrivacyPage';
import TokensPage from './admin/TokensPage';
import CatalogPage from './CatalogPage';
import { canSeeDashboard } from './dashboard/access';
import EditorPage from './EditorPage';
import LoginPage from './LoginPage';
import PasswordPage from './PasswordPage';
import { DataReportsNavLink } from './datareports/DataReportsNavLink';
import { NotificationsBell } from './workspace/NotificationsBell';
import { worksOnApplications } from './workspace/model';
import OperatorHome from './workspace/OperatorHome';

// The workspace pages carry the form renderer's summary (for the answers): loaded when opened.
const WorkspacePage = lazy(() => import('./workspace/WorkspacePage'));
const HandlingPage = lazy(() => import('./workspace/HandlingPage'));
// The dashboard (with its charts) is a chunk of its own: only managers and administrators load it.
const DashboardPage = lazy(() => import('./dashboard/DashboardPage'));
const MessageTemplatesPage = lazy(() => import('./messages/MessageTemplatesPage'));
const DeliveriesPage = lazy(() => import('./messages/DeliveriesPage'));
const ReplyTemplatesPage = lazy(() => import('./messages/ReplyTemplatesPage'));
const WebhooksPage = lazy(() => import('./webhooks/WebhooksPage'));
const DataReportsPage = lazy(() => import('./datareports/DataReportsPage'));
// the desk: counter
const CounterPage = lazy(() => import('./counter/CounterPage'));
// the desk: desk admin and reception
import { canSeeDeskFigures, configuresDesk, DESK_PATHS, servesAtCounter, worksAtReception } from './deskAccess';
const DeskSettingsPage = lazy(() => import('./deskadmin/DeskSettingsPage')); // desk admin
const ReceptionPage = lazy(() => import('./reception/ReceptionPage')); // reception
const AgendaPage = lazy(() => import('./reception/AgendaPage')); // reception
// the desk: figures
const DeskFiguresPage = lazy(() => import('./deskfigures/DeskFiguresPage')); // figures: with the charts, a chunk of its own
// payments: one chunk per page, the link's roles kept apart (payments/access.ts)
import { PAYMENTS_PATH, readsPayments } from './payments/access';
const PaymentsPage = lazy(() => import('./payments/PaymentsPage'));
const PaymentDetailPage = lazy(() => import('./payments/PaymentDetailPage'));
const NewDebtPage = lazy(() => import('./payments/NewDebtPage'));
const ReconciliationPage = lazy(() => import('./payments/ReconciliationPage'));
// social services of a district: one chunk per page; the link's roles kept apart (social/access.ts)
import { SocialNavLink } from './social/SocialNavLink';
const SocialCasesPage = lazy(() => import('./social/CasesPage'));
const SocialFirstContactPage = lazy(() => import('./social/FirstContactPage'));
const SocialContactsPage = lazy(() => import('./social/ContactsPage'));
const SocialCaseFilePage = lazy(() => import('./social/CaseFilePage'));
const SocialExportsPage = lazy(() => import('./social/ExportsPage'));
const SocialFiguresPage = lazy(() => import('./social/FiguresPage')); // written by helper "figures"
const pageLoading = (
  <div className="container">
    <Loading />
  </div>
);

function OperatorArea() {
  const { t } = useTranslation();
  const operator = useOperator();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [loggingOut, setLoggingOut] = useState(false);

  if (operator.isPending) {
    return (
      <div className="container">
        <Loading />
      </div>
    );
  }
  if (operator.isError) {
    return (
      <div className="container py-4">
        <ErrorMessage error={operator.error} retry={() => void operator.refetch()} />
      </div>
    );
  }
  if (!operator.data) {
    // Signing out: the logout handler navigates to the login page itself (with a confirmation).
    if (loggingOut) return null;
    const returnTo = location.pathname + location.search;
    return <Navigate to={`/backoffice/login?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }

  const logout = async () => {
    setLoggingOut(true);
    try {
      await api.logout();
    } catch {
      // the session is gone either way from the user's point of view
    }
    queryClient.setQueryData(keys.me, null);
    queryClient.removeQueries({ queryKey: ['services'] });
    navigate('/backoffice/login', { replace: true, state: { loggedOut: true } });
  };

  return (
    <>
      <div className="sp-operator-bar">
        <div className="container d-flex flex-wrap align-items-center gap-2 gap-md-3 py-2">
          <p className="mb-0 me-auto">
            <Icon name="user" /> <span className="fw-semibold">{operator.data.name}</span>
            <span className="sp-operator-tenant"> · {operator.data.tenant.name}</span>
          </p>
          <nav aria-label={t('backoffice.navLabel')}>
            <ul className="sp-inline-links mb-0">
              {worksOnApplications(operator.data) && (
                <li>
                  <NavLink to="/backoffice/pratiche">{t('workspace.nav')}</NavLink>
                </li>
              )}
              <li>
                <NavLink to="/backoffice/catalogo" end>
                  {t('backoffice.catalog')}
                </NavLink>
              </li>
              {canSeeDashboard(operator.data) && (
                <li>
                  <NavLink to="/backoffice/cruscotto">{t('dashboard.navLink')}</NavLink>
                </li>
              )}
              <DataReportsNavLink operator={operator.data} />
              {/* the desk: nav links */}
              {servesAtCounter(operator.data) && <li><NavLink to={DESK_PATHS.counter}>{t('desk.counter.nav')}</NavLink></li>}
              {worksAtReception(operator.data) && <li><NavLink to={DESK_PATHS.reception}>{t('reception.nav')}</NavLink></li>}
              {configuresDesk(operator.data) && <li><NavLink to={DESK_PATHS.settings}>{t('deskAdmin.nav')}</NavLink></li>}
              {canSeeDeskFigures(operator.data) && <li><NavLink to={DESK_PATHS.figures}>{t('deskFigures.nav')}</NavLink></li>}
              {/* payments */}
              {readsPayments(operator.data) && <li><NavLink to={PAYMENTS_PATH}>{t('officePayments.nav')}</NavLink></li>}
              {/* social services */}
              <SocialNavLink operator={operator.data} />
              {isTenantAdmin(operator.data) && (
                <li>
                  <NavLink to="/backoffice/amministrazione">{t('admin.title')}</NavLink>
                </li>
              )}
              {!isTenantAdmin(operator.data) && managesReplyTemplates(operator.data) && (
                <li>
                  <NavLink to={REPLY_TEMPLATES_PATH}>{t('admin.nav.replyTemplates')}</NavLink>
                </li>
              )}
              <li>
                <NavLink to="/backoffice/cambia-password">{t('password.navLink')}</NavLink>
              </li>
            </ul>
          </nav>
          {worksOnApplications(operator.data) && <NotificationsBell />}
          <Button type="button" color="primary" outline size="sm" onClick={() => void logout()} disabled={loggingOut}>
            <Icon name="logout" className="me-1" />
            {t('backoffice.logout')}
          </Button>
        </div>
      </div>
      <Outlet context={operator.data} />
    </>
  );
}

export default function BackofficeApp() {
  return (
    <Routes>
      <Route path="login" element={<LoginPage />} />
      <Route element={<OperatorArea />}>
        <Route index element={<OperatorHome />} />
        <Route path="pratiche" element={<Suspense fallback={pageLoading}><WorkspacePage /></Suspense>} />
        <Route path="pratiche/:applicationId" element={<Suspense fallback={pageLoading}><HandlingPage /></Suspense>} />
        <Route path="catalogo" element={<CatalogPage />} />
        <Route path="catalogo/nuovo" element={<EditorPage key="new" mode="new" />} />
        <Route path="catalogo/:serviceId" element={<EditorPage mode="edit" />} />
        <Route path="cruscotto" element={<Suspense fallback={pageLoading}><DashboardPage /></Suspense>} />
        {/* the desk: counter */}
        <Route path="sportello" element={<Suspense fallback={pageLoading}><CounterPage /></Suspense>} />
        {/* the desk: desk admin and reception */}
        <Route path="impostazioni-sportello" element={<Suspense fallback={pageLoading}><DeskSettingsPage /></Suspense>} /> {/* desk admin */}
        <Route path="accoglienza" element={<Suspense fallback={pageLoading}><ReceptionPage /></Suspense>} /> {/* reception */}
        <Route path="agenda" element={<Suspense fallback={pageLoading}><AgendaPage /></Suspense>} /> {/* reception */}
        {/* the desk: figures */}
        <Route path="cruscotto-sportello" element={<Suspense fallback={pageLoading}><DeskFiguresPage /></Suspense>} />
        {/* payments */}
        <Route path="pagamenti" element={<Suspense fallback={pageLoading}><PaymentsPage /></Suspense>} />
        <Route path="pagamenti/nuova-posizione" element={<Suspense fallback={pageLoading}><NewDebtPage /></Suspense>} />
        <Route path="pagamenti/riconciliazione" element={<Suspense fallback={pageLoading}><ReconciliationPage /></Suspense>} />
        <Route path="pagamenti/:paymentId" element={<Suspense fallback={pageLoading}><PaymentDetailPage /></Suspense>} />
        {/* social services */}
        <Route path="sociale" element={<Suspense fallback={pageLoading}><SocialCasesPage /></Suspense>} />
        <Route path="sociale/primo-contatto" element={<Suspense fallback={pageLoading}><SocialFirstContactPage /></Suspense>} />
        <Route path="sociale/contatti" element={<Suspense fallback={pageLoading}><SocialContactsPage /></Suspense>} />
        <Route path="sociale/cartelle/:caseId" element={<Suspense fallback={pageLoading}><SocialCaseFilePage /></Suspense>} />
        <Route path="sociale/invii-inps" element={<Suspense fallback={pageLoading}><SocialExportsPage /></Suspense>} />
        <Route path="sociale/cruscotto" element={<Suspense fallback={pageLoading}><SocialFiguresPage /></Suspense>} />
        <Route path="segnalazioni-dati" element={<Suspense fallback={pageLoading}><DataReportsPage /></Suspense>} />
        <Route path="cambia-password" element={<PasswordPage />} />
        <Route path="amministrazione" element={<AdminLayout />}>
          <Route index element={<Navigate to="operatori" replace />} />
          <Route path="operatori" element={<OperatorsPage />} />
          <Route path="operatori/nuovo" element={<NewOperatorPage />} />
          <Route path="operatori/:operatorId" element={<OperatorPage key="operator" />} />
          <Route path="uffici" element={<OfficesPage />} />
          <Route path="uffici/nuovo" element={<OfficeFormPage key="new" mode="new" />} />
          <Route path="uffici/:officeId" element={<OfficeFormPage key="edit" mode="edit" />} />
          <Route path="token" element={<TokensPage />} />
          <Route path="registro" element={<AuditPage />} />
          <Route path="riservatezza" element={<PrivacyPage />} />
          <Route path="enti" element={<TenantsPage />} />
          <Route path="gestioni-associate" element={<AssociationsPage />} />
          <Route path="messaggi" element={<Suspense fallback={pageLoading}><MessageTemplatesPage /></Suspense>} />
          <Route path="invii" element={<Suspense fallback={pageLoading}><DeliveriesPage /></Suspense>} />
          <Route path="risposte" element={<Suspense fallback={pageLoading}><ReplyTemplatesPage /></Suspense>} />
          <Route path="webhook" element={<Suspense fallback={pageLoading}><WebhooksPage /></Suspense>} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
