/** Operators of the body: who they are, their roles and offices, whether they can sign in. */
import { Badge, Button, Table } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useOutletContext } from 'react-router';
import type { Operator } from '../../api/types';
import { ButtonLink } from '../../ui/buttons';
import { TextField } from '../../ui/fields';
import { Icon } from '../../ui/Icon';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs, ADMIN_BASE } from './AdminLayout';
import { useOperators, type OperatorItem } from './adminApi';

/** Roles that sign in with a second factor (TOTP). */
const TOTP_ROLES: readonly string[] = ['manager', 'tenant_admin', 'platform_admin'];
import { formatDateTime, roleSummary } from './labels';

export function OperatorState({ o }: { o: OperatorItem }) {
  const { t } = useTranslation();
  return (
    <span className="d-inline-flex flex-wrap gap-1">
      {o.disabled ? (
        <Badge color="danger" className="sp-badge">{t('admin.operators.disabled')}</Badge>
      ) : (
        <Badge color="success" className="sp-badge">{t('admin.operators.active')}</Badge>
      )}
      {o.locked && <Badge color="warning" className="sp-badge text-dark">{t('admin.operators.locked')}</Badge>}
      {o.totpEnrolled ? (
        <Badge color="light" className="sp-badge text-dark border">{t('admin.operators.totpOn')}</Badge>
      ) : o.roles.some((r) => TOTP_ROLES.includes(r.role)) ? (
        // the second factor is set up at the first sign-in of a role that needs it
        <Badge color="light" className="sp-badge text-dark border">{t('admin.operators.totpOff')}</Badge>
      ) : null}
    </span>
  );
}

export default function OperatorsPage() {
  const { t, i18n } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('admin.operators.title'));
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const list = useOperators(operator.tenant.id, q);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setQ(typed.trim());
  };

  return (
    <>
      <AdminCrumbs items={[{ label: t('admin.operators.title') }]} />
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h1 className="mb-0">{t('admin.operators.title')}</h1>
        <ButtonLink to={`${ADMIN_BASE}/operatori/nuovo`}>
          <Icon name="plus" className="me-1" />
          {t('admin.operators.new')}
        </ButtonLink>
      </div>
      <p>{t('admin.operators.lead', { name: operator.tenant.name })}</p>
      <form role="search" onSubmit={onSearch} className="mb-4 col-12 col-lg-8 px-0" aria-label={t('admin.operators.searchLabel')}>
        <div className="sp-search-row">
          <TextField id="operators-q" type="search" label={t('admin.operators.search')} value={typed} onValueChange={setTyped} className="flex-grow-1 mb-0" autoComplete="off" />
          <Button type="submit" color="primary" outline className="sp-search-submit">
            <Icon name="search" className="me-1" /> {t('admin.operators.searchSubmit')}
          </Button>
        </div>
      </form>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} retry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Notice tone="info" role="status">
          <p className="mb-0">{q ? t('admin.operators.noneFound', { q }) : t('admin.operators.empty')}</p>
        </Notice>
      ) : (
        <>
          <Table responsive className="sp-catalog-table">
            <caption className="visually-hidden">{t('admin.operators.caption', { name: operator.tenant.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.operators.colName')}</th>
                <th scope="col">{t('admin.operators.colRoles')}</th>
                <th scope="col" className="d-none d-md-table-cell">{t('admin.operators.colState')}</th>
                <th scope="col" className="d-none d-lg-table-cell">{t('admin.operators.colLastLogin')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`${ADMIN_BASE}/operatori/${o.id}`} className="fw-semibold">
                      {o.name}
                    </Link>
                    <div className="small text-break">{o.email}</div>
                    <div className="d-md-none mt-1">
                      <OperatorState o={o} />
                    </div>
                  </td>
                  <td>
                    <ul className="list-unstyled mb-0 small">
                      {o.roles.map((r) => (
                        <li key={r.id}>{roleSummary(r, t)}</li>
                      ))}
                    </ul>
                  </td>
                  <td className="d-none d-md-table-cell">
                    <OperatorState o={o} />
                  </td>
                  <td className="d-none d-lg-table-cell small">{o.lastLoginAt ? formatDateTime(o.lastLoginAt, i18n.language) : t('admin.operators.never')}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          {list.hasNextPage && (
            <Button type="button" color="primary" outline onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? t('common.loading') : t('admin.loadMore')}
            </Button>
          )}
        </>
      )}
    </>
  );
}
