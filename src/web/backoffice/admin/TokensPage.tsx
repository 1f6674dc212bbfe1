/**
 * Integrators' API tokens: the list (never their value), a new token shown once with a copy button, and
 * revocation after confirmation.
 */
import { Badge, Button, Table } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router';
import type { Operator } from '../../api/types';
import { SelectField, TextField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs } from './AdminLayout';
import { adminApi, adminKeys, isPlatformAdmin, STAFF_ROLES, useTokens, type TokenItem } from './adminApi';
import { ActionOutcome, ConfirmButton, controlId, FormErrorSummary, OneTimeSecret, problemOf, useFormSubmit } from './forms';
import { actorLabel, formatDateTime, roleLabel } from './labels';

const FORM = 'token';

function TokenStatus({ status }: { status: TokenItem['status'] }) {
  const { t } = useTranslation();
  const color = status === 'active' ? 'success' : status === 'revoked' ? 'danger' : 'secondary';
  return <Badge color={color} className="sp-badge">{t(`admin.tokens.status.${status}`)}</Badge>;
}

export default function TokensPage() {
  const { t, i18n } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('admin.tokens.title'));
  const tokens = useTokens(operator.tenant.id);
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ name: '', role: '', days: '365' });
  const [created, setCreated] = useState<(TokenItem & { token: string }) | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = useFormSubmit();
  const createdRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);

  const roles = STAFF_ROLES.filter((r) => r !== 'platform_admin' || isPlatformAdmin(operator));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const local: Record<string, string> = {};
    if (values.name.trim().length < 2) local.name = t('admin.tokens.nameRequired');
    if (!values.role) local.role = t('admin.operators.roleRequired');
    const days = Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 1095) local.days = t('admin.tokens.daysInvalid');
    if (Object.keys(local).length) return submit.fail(local);
    const result = await submit.run(() => adminApi.createToken(operator.tenant.id, { name: values.name.trim(), role: values.role, days }));
    if (result) {
      setCreated(result);
      setValues({ name: '', role: '', days: '365' });
      void queryClient.invalidateQueries({ queryKey: adminKeys.tokens(operator.tenant.id) });
    }
  };

  const revoke = async (token: TokenItem) => {
    setDone(null);
    setFailure(null);
    try {
      await adminApi.revokeToken(operator.tenant.id, token.id);
      if (created?.id === token.id) setCreated(null);
      setDone(t('admin.tokens.revoked', { name: token.name }));
      await queryClient.invalidateQueries({ queryKey: adminKeys.tokens(operator.tenant.id) });
    } catch (error) {
      setFailure(problemOf(error, t('common.errorBody'), t('admin.networkError')).message);
    }
  };

  return (
    <>
      <AdminCrumbs items={[{ label: t('admin.tokens.title') }]} />
      <h1>{t('admin.tokens.title')}</h1>
      <p>{t('admin.tokens.lead')}</p>

      {created && (
        <Notice tone="success" role="none" focusRef={createdRef}>
          <p className="fw-semibold">{t('admin.tokens.created', { name: created.name })}</p>
          <OneTimeSecret label={t('admin.tokens.value')} value={created.token} testId="api-token" />
          <p className="mb-0">{t('admin.tokens.valueNote')}</p>
        </Notice>
      )}
      <ActionOutcome done={done} failure={failure} />

      <section aria-labelledby="tokens-list-title" className="mb-4">
        <h2 id="tokens-list-title" className="h4">{t('admin.tokens.listTitle')}</h2>
        {tokens.isPending ? (
          <Loading />
        ) : tokens.isError ? (
          <ErrorMessage error={tokens.error} retry={() => void tokens.refetch()} />
        ) : tokens.data.items.length === 0 ? (
          <p>{t('admin.tokens.empty')}</p>
        ) : (
          <Table responsive className="sp-catalog-table">
            <caption className="visually-hidden">{t('admin.tokens.caption', { name: operator.tenant.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.tokens.colName')}</th>
                <th scope="col">{t('admin.tokens.colStatus')}</th>
                <th scope="col" className="d-none d-md-table-cell">{t('admin.tokens.colCreated')}</th>
                <th scope="col" className="d-none d-lg-table-cell">{t('admin.tokens.colUsed')}</th>
                <th scope="col"><span className="visually-hidden">{t('admin.tokens.colActions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.items.map((tk) => (
                <tr key={tk.id}>
                  <td>
                    <span className="fw-semibold">{tk.name}</span>
                    <div className="small">{roleLabel(tk.role, t)}</div>
                  </td>
                  <td>
                    <TokenStatus status={tk.status} />
                    <div className="small">
                      {tk.status === 'revoked'
                        ? t('admin.tokens.revokedOn', { when: formatDateTime(tk.revokedAt, i18n.language) })
                        : tk.expiresAt
                          ? t(tk.status === 'expired' ? 'admin.tokens.expiredOn' : 'admin.tokens.expiresOn', { when: formatDateTime(tk.expiresAt, i18n.language) })
                          : ''}
                    </div>
                  </td>
                  <td className="d-none d-md-table-cell small">
                    {formatDateTime(tk.createdAt, i18n.language)}
                    <div>{t('admin.tokens.by', { who: actorLabel(tk.createdBy, t) })}</div>
                  </td>
                  <td className="d-none d-lg-table-cell small">{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt, i18n.language) : t('admin.tokens.neverUsed')}</td>
                  <td>
                    {tk.status === 'active' && (
                      <ConfirmButton
                        label={<>{t('admin.tokens.revoke')}<span className="visually-hidden"> {tk.name}</span></>}
                        question={t('admin.tokens.revokeQuestion', { name: tk.name })}
                        confirmLabel={t('admin.tokens.revokeConfirm')}
                        onConfirm={() => revoke(tk)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section aria-labelledby="tokens-new-title">
        <h2 id="tokens-new-title" className="h4">{t('admin.tokens.new')}</h2>
        <FormErrorSummary problem={submit.problem} form={FORM} labelFor={(k) => t(`admin.tokens.fields.${k}`, { defaultValue: k })} focusRef={submit.summaryRef} />
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="tokens-new-title" className="col-12 col-lg-8 px-0">
          <TextField id={controlId(FORM, 'name')} label={t('admin.tokens.fields.name')} hint={t('admin.tokens.nameHint')} value={values.name}
            onValueChange={(name) => setValues((v) => ({ ...v, name }))} error={submit.errorFor('name')} required autoComplete="off" />
          <SelectField id={controlId(FORM, 'role')} label={t('admin.tokens.fields.role')} value={values.role} emptyLabel={t('admin.operators.chooseRole')}
            options={roles.map((r) => ({ value: r, label: roleLabel(r, t) }))} onValueChange={(role) => setValues((v) => ({ ...v, role }))}
            error={submit.errorFor('role')} required />
          <TextField id={controlId(FORM, 'days')} type="number" label={t('admin.tokens.fields.days')} hint={t('admin.tokens.daysHint')} value={values.days}
            onValueChange={(days) => setValues((v) => ({ ...v, days }))} error={submit.errorFor('days')} min={1} max={1095} className="sp-narrow-field" />
          <Button type="submit" color="primary" disabled={submit.submitting}>
            {submit.submitting ? t('admin.saving') : t('admin.tokens.create')}
          </Button>
        </form>
      </section>
    </>
  );
}
