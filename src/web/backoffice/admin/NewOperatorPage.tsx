/**
 * A new operator account: name, e-mail, fiscal code (for SPID/CIE sign-in) and the first role. The answer shows
 * the temporary password once, with a button that copies it: the administrator hands it over.
 */
import { Button } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useOutletContext } from 'react-router';
import type { Operator } from '../../api/types';
import { TextField } from '../../ui/fields';
import { Notice, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs, ADMIN_BASE } from './AdminLayout';
import { adminApi, type OperatorItem } from './adminApi';
import { controlId, FormErrorSummary, OneTimeSecret, useFormSubmit } from './forms';
import { roleSummary } from './labels';
import { emptyGrant, grantFromDraft, grantProblems, RoleFields, type GrantDraft } from './RoleFields';

const FORM = 'newop';
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export default function NewOperatorPage() {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  const queryClient = useQueryClient();
  useDocumentTitle(t('admin.operators.newTitle'));
  const [values, setValues] = useState({ name: '', email: '', fiscalCode: '' });
  const [grant, setGrant] = useState<GrantDraft>(emptyGrant());
  const [created, setCreated] = useState<{ operator: OperatorItem; temporaryPassword: string } | null>(null);
  const submit = useFormSubmit();
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (created) doneRef.current?.focus();
  }, [created]);

  const labelFor = (key: string) => {
    const last = key.replace(/^grants\.\d+\./, '').split('.')[0]!;
    return t(`admin.operators.fields.${last}`, { defaultValue: key });
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (values.name.trim().length < 2) local.name = t('admin.required');
    if (!EMAIL_RE.test(values.email.trim())) local.email = t('admin.operators.emailInvalid');
    Object.assign(local, grantProblems(grant, 'grants.0.', t));
    if (Object.keys(local).length) return submit.fail(local);
    const result = await submit.run(() =>
      adminApi.createOperator(operator.tenant.id, {
        name: values.name.trim(),
        email: values.email.trim(),
        ...(values.fiscalCode.trim() ? { fiscalCode: values.fiscalCode.trim() } : {}),
        grants: [grantFromDraft(grant)],
      }),
    );
    if (result) {
      setCreated(result);
      void queryClient.invalidateQueries({ queryKey: ['admin', 'operators', operator.tenant.id] });
    }
  };

  if (created) {
    return (
      <>
        <AdminCrumbs items={[{ label: t('admin.operators.title'), to: `${ADMIN_BASE}/operatori` }, { label: created.operator.name }]} />
        <h1>{t('admin.operators.createdTitle', { name: created.operator.name })}</h1>
        <Notice tone="success" role="none" focusRef={doneRef}>
          <p className="fw-semibold">
            {t('admin.operators.created', { name: created.operator.name, email: created.operator.email })}
          </p>
          <OneTimeSecret label={t('admin.operators.temporaryPassword')} value={created.temporaryPassword} testId="temporary-password" />
          <p className="mb-0">{t('admin.operators.temporaryPasswordNote')}</p>
        </Notice>
        <ul className="small">
          {created.operator.roles.map((r) => (
            <li key={r.id}>{roleSummary(r, t)}</li>
          ))}
        </ul>
        <div className="d-flex flex-wrap gap-2">
          <Link className="btn btn-primary" to={`${ADMIN_BASE}/operatori/${created.operator.id}`}>
            {t('admin.operators.openDetail')}
          </Link>
          <Link className="btn btn-outline-primary" to={`${ADMIN_BASE}/operatori`}>
            {t('admin.operators.backToList')}
          </Link>
        </div>
      </>
    );
  }

  return (
    <>
      <AdminCrumbs items={[{ label: t('admin.operators.title'), to: `${ADMIN_BASE}/operatori` }, { label: t('admin.operators.newTitle') }]} />
      <h1>{t('admin.operators.newTitle')}</h1>
      <p>{t('admin.operators.newLead')}</p>
      <FormErrorSummary problem={submit.problem} form={FORM} labelFor={labelFor} focusRef={submit.summaryRef} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('admin.operators.newTitle')} className="col-12 col-lg-8 px-0">
        <TextField id={controlId(FORM, 'name')} label={t('admin.operators.fields.name')} value={values.name} autoComplete="off"
          onValueChange={(name) => setValues((v) => ({ ...v, name }))} error={submit.errorFor('name')} required />
        <TextField id={controlId(FORM, 'email')} type="email" label={t('admin.operators.fields.email')} value={values.email} autoComplete="off"
          onValueChange={(email) => setValues((v) => ({ ...v, email }))} error={submit.errorFor('email')} required />
        <TextField id={controlId(FORM, 'fiscalCode')} label={t('admin.operators.fields.fiscalCode')} hint={t('admin.operators.fiscalCodeHint')}
          value={values.fiscalCode} autoComplete="off" onValueChange={(fiscalCode) => setValues((v) => ({ ...v, fiscalCode: fiscalCode.toUpperCase() }))}
          error={submit.errorFor('fiscalCode')} maxLength={16} />
        <fieldset className="sp-editor-group">
          <legend>
            <h2 className="h5">{t('admin.operators.firstRole')}</h2>
          </legend>
          <RoleFields form={FORM} prefix="grants.0." operator={operator} draft={grant} onChange={setGrant} errorFor={submit.errorFor} />
        </fieldset>
        <Button type="submit" color="primary" disabled={submit.submitting}>
          {submit.submitting ? t('admin.saving') : t('admin.operators.create')}
        </Button>
      </form>
    </>
  );
}
