/**
 * One operator: their roles (add one, remove one), and their access (disable or enable the account, reset the
 * second factor). Actions that cut someone off ask for confirmation first.
 */
import { Button } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import type { Operator } from '../../api/types';
import NotFoundPage from '../../citizen/NotFoundPage';
import { ErrorMessage, Loading, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs, ADMIN_BASE } from './AdminLayout';
import { adminApi, adminKeys, isPlatformAdmin, newIdempotencyKey, useOperatorDetail, type OperatorItem } from './adminApi';
import { ActionOutcome, ConfirmButton, FormErrorSummary, problemOf, useFormSubmit } from './forms';
import { formatDateTime, roleLabel, roleSummary } from './labels';
import { OperatorState } from './OperatorsPage';
import { emptyGrant, grantFromDraft, grantProblems, RoleFields, type GrantDraft } from './RoleFields';

const FORM = 'addrole';

export default function OperatorPage() {
  const { t, i18n } = useTranslation();
  const me = useOutletContext<Operator>();
  const { operatorId } = useParams();
  const detail = useOperatorDetail(me.tenant.id, operatorId);
  const queryClient = useQueryClient();
  const o = detail.data;
  useDocumentTitle(o ? o.name : t('admin.operators.title'));

  const [grant, setGrant] = useState<GrantDraft>(emptyGrant());
  const submit = useFormSubmit();
  const grantKey = useRef(newIdempotencyKey());
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  if (detail.isError && isApiError(detail.error, 404)) return <NotFoundPage />;
  if (detail.isError) return <ErrorMessage error={detail.error} retry={() => void detail.refetch()} />;
  if (!o) return <Loading />;

  const updated = (next: OperatorItem, message: string) => {
    queryClient.setQueryData(adminKeys.operator(me.tenant.id, next.id), next);
    void queryClient.invalidateQueries({ queryKey: ['admin', 'operators', me.tenant.id] });
    setFailure(null);
    setDone(message);
  };
  const act = async (work: () => Promise<OperatorItem>, message: string) => {
    setDone(null);
    try {
      updated(await work(), message);
    } catch (error) {
      setFailure(problemOf(error, t('common.errorBody'), t('admin.networkError')).message);
    }
  };

  const onGrant = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const local = grantProblems(grant, '', t);
    if (Object.keys(local).length) return submit.fail(local);
    const next = await submit.run(() => adminApi.grantRole(me.tenant.id, o.id, grantFromDraft(grant), grantKey.current));
    grantKey.current = newIdempotencyKey();
    if (next) {
      updated(next, t('admin.operators.roleAdded', { role: roleLabel(grant.role, t) }));
      setGrant(emptyGrant());
    }
  };

  const self = o.id === me.id;
  const guarded = o.roles.some((r) => r.role === 'platform_admin') && !isPlatformAdmin(me);

  return (
    <>
      <AdminCrumbs items={[{ label: t('admin.operators.title'), to: `${ADMIN_BASE}/operatori` }, { label: o.name }]} />
      <h1>{o.name}</h1>
      <ActionOutcome done={done} failure={failure} />
      <dl className="row">
        <dt className="col-sm-4 col-lg-3">{t('admin.operators.fields.email')}</dt>
        <dd className="col-sm-8 col-lg-9 text-break">{o.email}</dd>
        <dt className="col-sm-4 col-lg-3">{t('admin.operators.colState')}</dt>
        <dd className="col-sm-8 col-lg-9"><OperatorState o={o} /></dd>
        <dt className="col-sm-4 col-lg-3">{t('admin.operators.colLastLogin')}</dt>
        <dd className="col-sm-8 col-lg-9">{o.lastLoginAt ? formatDateTime(o.lastLoginAt, i18n.language) : t('admin.operators.never')}</dd>
        <dt className="col-sm-4 col-lg-3">{t('admin.operators.spid')}</dt>
        <dd className="col-sm-8 col-lg-9">{o.hasFiscalCode ? t('admin.operators.spidOn') : t('admin.operators.spidOff')}</dd>
      </dl>

      <section aria-labelledby="roles-title" className="mb-4">
        <h2 id="roles-title" className="h4">{t('admin.operators.rolesTitle')}</h2>
        {o.roles.length === 0 ? (
          <p>{t('admin.operators.noRoles')}</p>
        ) : (
          <ul className="list-unstyled">
            {o.roles.map((r) => (
              <li key={r.id} className="d-flex flex-wrap align-items-start justify-content-between gap-2 border-bottom py-2">
                <span>{roleSummary(r, t)}</span>
                <ConfirmButton
                  label={<>{t('admin.operators.removeRole')}<span className="visually-hidden"> {roleSummary(r, t)}</span></>}
                  question={t('admin.operators.removeRoleQuestion', { role: roleSummary(r, t), name: o.name })}
                  confirmLabel={t('admin.operators.removeRoleConfirm')}
                  onConfirm={() => act(() => adminApi.revokeRole(me.tenant.id, o.id, r.id), t('admin.operators.roleRemoved', { role: roleLabel(r.role, t) }))}
                />
              </li>
            ))}
          </ul>
        )}
        <h3 className="h5 mt-3">{t('admin.operators.addRole')}</h3>
        <FormErrorSummary problem={submit.problem} form={FORM} labelFor={(k) => t(`admin.operators.fields.${k.split('.')[0]}`, { defaultValue: k })} focusRef={submit.summaryRef} />
        <form onSubmit={(e) => void onGrant(e)} noValidate aria-label={t('admin.operators.addRole')} className="col-12 col-lg-8 px-0">
          <RoleFields form={FORM} prefix="" operator={me} draft={grant} onChange={setGrant} errorFor={submit.errorFor} />
          <Button type="submit" color="primary" disabled={submit.submitting}>
            {submit.submitting ? t('admin.saving') : t('admin.operators.addRoleSubmit')}
          </Button>
        </form>
      </section>

      <section aria-labelledby="access-title">
        <h2 id="access-title" className="h4">{t('admin.operators.accessTitle')}</h2>
        {guarded ? (
          <p>{t('admin.operators.platformGuarded')}</p>
        ) : (
          <div className="d-flex flex-column gap-3 align-items-start">
            {o.disabled ? (
              <Button type="button" color="primary" outline size="sm" onClick={() => void act(() => adminApi.setDisabled(me.tenant.id, o.id, false), t('admin.operators.enabledDone', { name: o.name }))}>
                {t('admin.operators.enable')}
              </Button>
            ) : self ? (
              <p className="mb-0">{t('admin.operators.cannotDisableSelf')}</p>
            ) : (
              <div>
                <p className="mb-1">{t('admin.operators.disableLead')}</p>
                <ConfirmButton
                  label={t('admin.operators.disable')}
                  question={t('admin.operators.disableQuestion', { name: o.name })}
                  confirmLabel={t('admin.operators.disableConfirm')}
                  onConfirm={() => act(() => adminApi.setDisabled(me.tenant.id, o.id, true), t('admin.operators.disabledDone', { name: o.name }))}
                />
              </div>
            )}
            {o.totpEnrolled && (
            <div>
              <p className="mb-1">{t('admin.operators.resetTotpLead')}</p>
              <ConfirmButton
                label={t('admin.operators.resetTotp')}
                question={t('admin.operators.resetTotpQuestion', { name: o.name })}
                confirmLabel={t('admin.operators.resetTotpConfirm')}
                onConfirm={() => act(() => adminApi.resetTotp(me.tenant.id, o.id), t('admin.operators.resetTotpDone', { name: o.name }))}
              />
            </div>
            )}
          </div>
        )}
      </section>
    </>
  );
}
