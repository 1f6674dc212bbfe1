/**
 * Platform administration: new bodies (enti) and associated management between bodies. Platform administrators
 * only; the server checks again.
 */
import { Button } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useOutletContext } from 'react-router';
import { TENANT_TYPES } from '../../../contracts/catalog';
import { keys, useTenants } from '../../api/queries';
import type { Operator, Tenant } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs, PlatformOnly } from './AdminLayout';
import { adminApi, newIdempotencyKey, useAssociations, type Association } from './adminApi';
import { controlId, FormErrorSummary, useFormSubmit } from './forms';

const TENANT_FIELDS = ['name', 'slug', 'fiscalCode', 'ipaCode', 'aooCode', 'website', 'email', 'pec', 'phone'] as const;
type TenantField = (typeof TENANT_FIELDS)[number];

/** "Comune di Pratolungo" → "comune-di-pratolungo" */
const slugify = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

export function TenantsPage() {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('admin.tenants.title'));
  const tenants = useTenants();
  const queryClient = useQueryClient();
  const empty = { name: '', slug: '', fiscalCode: '', ipaCode: '', aooCode: '', website: '', email: '', pec: '', phone: '', type: 'comune', parentId: '' };
  const [values, setValues] = useState(empty);
  const [slugTouched, setSlugTouched] = useState(false);
  const [created, setCreated] = useState<Tenant | null>(null);
  const submit = useFormSubmit();
  const key = useRef(newIdempotencyKey());
  const createdRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    for (const f of ['name', 'slug', 'fiscalCode', 'ipaCode', 'aooCode'] as const) if (!values[f].trim()) local[f] = t('admin.required');
    if (Object.keys(local).length) return submit.fail(local);
    const input = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== '')) as unknown as Parameters<typeof adminApi.createTenant>[0];
    const result = await submit.run(() => adminApi.createTenant(input, key.current));
    key.current = newIdempotencyKey();
    if (result) {
      setCreated(result);
      setValues(empty);
      setSlugTouched(false);
      void queryClient.invalidateQueries({ queryKey: keys.tenants });
    }
  };

  const field = (k: TenantField, extra: { hint?: string; type?: 'email' | 'url' | 'tel'; required?: boolean } = {}) => (
    <TextField
      id={controlId('tenant', k)}
      type={extra.type}
      label={t(`admin.tenants.fields.${k}`)}
      hint={extra.hint}
      value={values[k]}
      required={extra.required}
      error={submit.errorFor(k)}
      onValueChange={(v) => {
        if (k === 'slug') setSlugTouched(true);
        setValues((cur) => ({ ...cur, [k]: v, ...(k === 'name' && !slugTouched ? { slug: slugify(v) } : {}) }));
      }}
    />
  );

  return (
    <>
      <AdminCrumbs items={[{ label: t('admin.tenants.title') }]} />
      <h1>{t('admin.tenants.title')}</h1>
      <PlatformOnly operator={operator}>
        <p>{t('admin.tenants.lead')}</p>
        {created && (
          <Notice tone="success" role="none" focusRef={createdRef}>
            <p className="mb-0">
              {t('admin.tenants.created', { name: created.name })} <Link to={`/enti/${created.slug}`}>{t('admin.tenants.viewPublic')}</Link>
            </p>
          </Notice>
        )}
        <FormErrorSummary problem={submit.problem} form="tenant" labelFor={(k) => t(`admin.tenants.fields.${k}`, { defaultValue: k })} focusRef={submit.summaryRef} />
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('admin.tenants.new')} className="col-12 col-lg-8 px-0 mb-4">
          {field('name', { required: true })}
          {field('slug', { required: true, hint: t('admin.tenants.slugHint') })}
          <SelectField id={controlId('tenant', 'type')} label={t('admin.tenants.fields.type')} value={values.type} required error={submit.errorFor('type')}
            options={TENANT_TYPES.map((ty) => ({ value: ty, label: t(`tenantType.${ty}`) }))} onValueChange={(type) => setValues((v) => ({ ...v, type }))} />
          <SelectField id={controlId('tenant', 'parentId')} label={t('admin.tenants.fields.parentId')} value={values.parentId} error={submit.errorFor('parentId')}
            emptyLabel={t('admin.tenants.noParent')} options={(tenants.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            onValueChange={(parentId) => setValues((v) => ({ ...v, parentId }))} />
          {field('fiscalCode', { required: true, hint: t('admin.tenants.fiscalCodeHint') })}
          {field('ipaCode', { required: true })}
          {field('aooCode', { required: true })}
          {field('website', { type: 'url', hint: 'https://…' })}
          {field('email', { type: 'email' })}
          {field('pec', { type: 'email' })}
          {field('phone', { type: 'tel' })}
          <Button type="submit" color="primary" disabled={submit.submitting}>
            {submit.submitting ? t('admin.saving') : t('admin.tenants.create')}
          </Button>
        </form>
        <h2 className="h4">{t('admin.tenants.listTitle')}</h2>
        {tenants.isPending ? <Loading /> : tenants.isError ? <ErrorMessage error={tenants.error} /> : (
          <ul>
            {tenants.data.items.map((x) => (
              <li key={x.id}>
                <Link to={`/enti/${x.slug}`}>{x.name}</Link> <span className="small">({t(`tenantType.${x.type}`)})</span>
              </li>
            ))}
          </ul>
        )}
      </PlatformOnly>
    </>
  );
}

function AssociationList({ items }: { items: Association[] }) {
  const { t } = useTranslation();
  if (!items.length) return <p>{t('admin.associations.none')}</p>;
  return (
    <ul>
      {items.map((a) => (
        <li key={`${a.lead.id}-${a.member.id}`}>
          {t('admin.associations.line', { lead: a.lead.name, member: a.member.name })}
          <div className="small">{a.description}</div>
        </li>
      ))}
    </ul>
  );
}

export function AssociationsPage() {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('admin.associations.title'));
  const tenants = useTenants();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ leadTenantId: operator.tenant.id, memberTenantId: '', description: '' });
  const [created, setCreated] = useState<Association | null>(null);
  const submit = useFormSubmit();
  const key = useRef(newIdempotencyKey());
  const createdRef = useRef<HTMLDivElement>(null);
  const current = useAssociations(values.leadTenantId || undefined);
  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);

  const options = (tenants.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!values.leadTenantId) local.leadTenantId = t('admin.required');
    if (!values.memberTenantId) local.memberTenantId = t('admin.required');
    if (values.description.trim().length < 3) local.description = t('admin.associations.descriptionRequired');
    if (Object.keys(local).length) return submit.fail(local);
    const result = await submit.run(() => adminApi.createAssociation({ ...values, description: values.description.trim() }, key.current));
    key.current = newIdempotencyKey();
    if (result) {
      setCreated(result);
      setValues((v) => ({ ...v, memberTenantId: '', description: '' }));
      void queryClient.invalidateQueries({ queryKey: ['admin', 'associations'] });
    }
  };

  return (
    <>
      <AdminCrumbs items={[{ label: t('admin.associations.title') }]} />
      <h1>{t('admin.associations.title')}</h1>
      <PlatformOnly operator={operator}>
        <p>{t('admin.associations.lead')}</p>
        {created && (
          <Notice tone="success" role="none" focusRef={createdRef}>
            <p className="mb-0">{t('admin.associations.created', { lead: created.lead.name, member: created.member.name })}</p>
          </Notice>
        )}
        <FormErrorSummary problem={submit.problem} form="assoc" labelFor={(k) => t(`admin.associations.fields.${k}`, { defaultValue: k })} focusRef={submit.summaryRef} />
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('admin.associations.new')} className="col-12 col-lg-8 px-0 mb-4">
          <SelectField id={controlId('assoc', 'leadTenantId')} label={t('admin.associations.fields.leadTenantId')} value={values.leadTenantId} required
            emptyLabel={t('admin.associations.choose')} options={options} error={submit.errorFor('leadTenantId')}
            onValueChange={(leadTenantId) => setValues((v) => ({ ...v, leadTenantId }))} />
          <SelectField id={controlId('assoc', 'memberTenantId')} label={t('admin.associations.fields.memberTenantId')} value={values.memberTenantId} required
            emptyLabel={t('admin.associations.choose')} options={options.filter((o) => o.value !== values.leadTenantId)} error={submit.errorFor('memberTenantId')}
            onValueChange={(memberTenantId) => setValues((v) => ({ ...v, memberTenantId }))} />
          <TextAreaField id={controlId('assoc', 'description')} label={t('admin.associations.fields.description')} hint={t('admin.associations.descriptionHint')}
            value={values.description} onValueChange={(description) => setValues((v) => ({ ...v, description }))} error={submit.errorFor('description')} required />
          <Button type="submit" color="primary" disabled={submit.submitting}>
            {submit.submitting ? t('admin.saving') : t('admin.associations.create')}
          </Button>
        </form>
        {values.leadTenantId && (
          <section aria-labelledby="assoc-list-title">
            <h2 id="assoc-list-title" className="h4">
              {t('admin.associations.listTitle', { name: options.find((o) => o.value === values.leadTenantId)?.label ?? '' })}
            </h2>
            {current.isPending ? <Loading /> : current.isError ? <ErrorMessage error={current.error} /> : <AssociationList items={current.data.items} />}
          </section>
        )}
      </PlatformOnly>
    </>
  );
}

