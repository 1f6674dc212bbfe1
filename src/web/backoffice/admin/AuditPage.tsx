/** The activity log of the body: when, who, what, on what — newest first, filtered by action, page after page. */
import { Button, Table } from 'design-react-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router';
import type { Operator } from '../../api/types';
import { SelectField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs } from './AdminLayout';
import { AUDIT_ACTIONS, useAudit, type AuditItem } from './adminApi';
import { actionLabel, actorLabel, formatDateTime, roleLabel } from './labels';

/** A few words on the details worth showing: the role granted, the reason of a failure, the fields changed. */
function detailText(e: AuditItem, t: ReturnType<typeof useTranslation>['t']): string {
  const d = e.details;
  const parts: string[] = [];
  if (typeof d.role === 'string') parts.push(roleLabel(d.role, t));
  if (Array.isArray(d.roles)) parts.push((d.roles as string[]).map((r) => roleLabel(r, t)).join(', '));
  if (typeof d.reason === 'string') parts.push(t(`admin.audit.reasons.${d.reason}`, { defaultValue: d.reason }));
  if (typeof d.method === 'string') parts.push(t(`admin.audit.methods.${d.method}`, { defaultValue: d.method }));
  if (d.setting === 'accessLogNamesOperators' && typeof d.from === 'boolean' && typeof d.to === 'boolean') {
    const word = (on: boolean) => t(on ? 'admin.audit.shown' : 'admin.audit.hidden');
    parts.push(t('admin.audit.privacyChange', { from: word(d.from), to: word(d.to) }));
  }
  if (Array.isArray(d.fields)) parts.push(t('admin.audit.fields', { fields: (d.fields as string[]).map((f) => t(`admin.offices.fields.${f}`, { defaultValue: f })).join(', ') }));
  return parts.join(' · ');
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('admin.audit.title'));
  const [action, setAction] = useState('');
  const log = useAudit(operator.tenant.id, action);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <AdminCrumbs items={[{ label: t('admin.audit.title') }]} />
      <h1>{t('admin.audit.title')}</h1>
      <p>{t('admin.audit.lead', { name: operator.tenant.name })}</p>
      <div className="col-12 col-md-6 px-0">
        <SelectField
          id="audit-action"
          label={t('admin.audit.filter')}
          value={action}
          onValueChange={setAction}
          emptyLabel={t('admin.audit.allActions')}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a, t) }))}
        />
      </div>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorMessage error={log.error} retry={() => void log.refetch()} />
      ) : items.length === 0 ? (
        <Notice tone="info" role="status">
          <p className="mb-0">{t('admin.audit.empty')}</p>
        </Notice>
      ) : (
        <>
          <p role="status" className="visually-hidden">{t('admin.audit.count', { count: items.length })}</p>
          <Table responsive className="sp-catalog-table">
            <caption className="visually-hidden">{t('admin.audit.caption', { name: operator.tenant.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.colWhen')}</th>
                <th scope="col">{t('admin.audit.colWho')}</th>
                <th scope="col">{t('admin.audit.colAction')}</th>
                <th scope="col" className="d-none d-md-table-cell">{t('admin.audit.colTarget')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => {
                const details = detailText(e, t);
                return (
                  <tr key={e.seq}>
                    <td className="small text-nowrap">{formatDateTime(e.at, i18n.language)}</td>
                    <td>{actorLabel(e.actor, t)}</td>
                    <td>
                      {actionLabel(e.action, t)}
                      {details && <div className="small">{details}</div>}
                      {e.target && <div className="small d-md-none">{actorLabel(e.target, t)}</div>}
                    </td>
                    <td className="d-none d-md-table-cell">{e.target ? actorLabel(e.target, t) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          {log.hasNextPage && (
            <Button type="button" color="primary" outline onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
              {log.isFetchingNextPage ? t('common.loading') : t('admin.loadMore')}
            </Button>
          )}
        </>
      )}
    </>
  );
}
