import { Button } from 'design-react-kit';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { keys } from '../api/queries';
import NotFoundPage from '../citizen/NotFoundPage';
import { Icon } from '../ui/Icon';
import { ErrorMessage, Loading } from '../ui/status';
import { useOperator } from './auth';
import CatalogPage from './CatalogPage';
import EditorPage from './EditorPage';
import LoginPage from './LoginPage';

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
              <li>
                <NavLink to="/backoffice/catalogo" end>
                  {t('backoffice.catalog')}
                </NavLink>
              </li>
            </ul>
          </nav>
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
        <Route index element={<Navigate to="catalogo" replace />} />
        <Route path="catalogo" element={<CatalogPage />} />
        <Route path="catalogo/nuovo" element={<EditorPage key="new" mode="new" />} />
        <Route path="catalogo/:serviceId" element={<EditorPage mode="edit" />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
