/**
 * The administration area: its own navigation (offices, operators, API tokens, activity log; bodies and
 * associated management for platform administrators) above the page. Only administrators reach it.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useOutletContext } from 'react-router';
import type { Operator } from '../../api/types';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { Notice, useDocumentTitle } from '../../ui/status';
import { isPlatformAdmin, isTenantAdmin } from './adminApi';

export const ADMIN_BASE = '/backoffice/amministrazione';

export function AdminNav({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  const links = [
    { to: 'operatori', label: t('admin.nav.operators') },
    { to: 'uffici', label: t('admin.nav.offices') },
    { to: 'token', label: t('admin.nav.tokens') },
    { to: 'registro', label: t('admin.nav.audit') },
    { to: 'riservatezza', label: t('admin.nav.privacy') },
    { to: 'messaggi', label: t('admin.nav.messageTemplates') },
    { to: 'invii', label: t('admin.nav.deliveries') },
    { to: 'risposte', label: t('admin.nav.replyTemplates') },
    { to: 'webhook', label: t('admin.nav.webhooks') },
    ...(isPlatformAdmin(operator)
      ? [
          { to: 'enti', label: t('admin.nav.tenants') },
          { to: 'gestioni-associate', label: t('admin.nav.associations') },
        ]
      : []),
  ];
  return (
    <nav aria-label={t('admin.nav.label')} className="sp-admin-nav border-bottom mb-3">
      <ul className="sp-inline-links mb-2">
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={`${ADMIN_BASE}/${l.to}`}>{l.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Breadcrumb trail of an administration page: Area operatori / Amministrazione / [section /] page. */
export function AdminCrumbs({ items }: { items: { label: string; to?: string }[] }) {
  const { t } = useTranslation();
  return <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice/catalogo' }, { label: t('admin.title'), to: ADMIN_BASE }, ...items]} />;
}

/** Platform-only pages say so to a tenant administrator who types their address. */
export function PlatformOnly({ operator, children }: { operator: Operator; children: ReactNode }) {
  const { t } = useTranslation();
  if (isPlatformAdmin(operator)) return <>{children}</>;
  return (
    <Notice tone="warning" role="none">
      <p className="mb-0">{t('admin.platformOnly')}</p>
    </Notice>
  );
}

/** Managers write their offices' ready answers: of the administration, that page alone is theirs. */
export const REPLY_TEMPLATES_PATH = `${ADMIN_BASE}/risposte`;
export const managesReplyTemplates = (me: Pick<Operator, 'roles'>) => me.roles.includes('manager') || isTenantAdmin(me);

export default function AdminLayout() {
  const operator = useOutletContext<Operator>();
  const { pathname } = useLocation();
  const replyTemplatesOnly = !isTenantAdmin(operator) && managesReplyTemplates(operator) && pathname.startsWith(REPLY_TEMPLATES_PATH);
  if (!isTenantAdmin(operator) && !replyTemplatesOnly) {
    return <NotAllowed />;
  }
  return (
    <div className="container py-3 py-lg-4">
      {!replyTemplatesOnly && <AdminNav operator={operator} />}
      <Outlet context={operator} />
    </div>
  );
}

function NotAllowed() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.title'));
  return (
    <div className="container py-3 py-lg-4">
      <h1>{t('admin.title')}</h1>
      <Notice tone="warning" role="none">
        <p className="mb-0">{t('admin.notAllowed')}</p>
      </Notice>
    </div>
  );
}
