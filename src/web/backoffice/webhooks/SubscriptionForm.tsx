/**
 * The form of a new subscription: address, description, events (checkboxes), bodies (the own body and those it
 * leads under associated management) and, optionally, some of their services found by a search.
 */
import { Button } from 'design-react-kit';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, TextField } from '../../ui/fields';
import { controlId, FormErrorSummary, useFormSubmit } from '../admin/forms';
import { eventLabel } from './common';
import { newIdempotencyKey, WEBHOOK_EVENTS, webhooksApi, type SubscriptionWithSecret, type WebhookEventType, type WebhookFilters } from './webhooksApi';

const FORM = 'webhook';
const SHOWN_SERVICES = 30;

interface Draft {
  url: string;
  description: string;
  events: WebhookEventType[];
  tenantIds: string[];
  someServices: boolean;
  serviceIds: string[];
}

const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

export function SubscriptionForm({ filters, ownTenantId, onCreated }: {
  filters: WebhookFilters;
  ownTenantId: string;
  onCreated: (created: SubscriptionWithSecret) => void;
}) {
  const { t } = useTranslation();
  const empty = (): Draft => ({ url: '', description: '', events: [], tenantIds: [ownTenantId], someServices: false, serviceIds: [] });
  const [draft, setDraft] = useState<Draft>(empty);
  const [search, setSearch] = useState('');
  const submit = useFormSubmit();
  // one key per subscription being written: a double click or a retry after a lost answer makes one subscription
  const key = useRef(newIdempotencyKey());

  const bodyName = useMemo(() => new Map(filters.bodies.map((b) => [b.id, b.name])), [filters.bodies]);
  const services = filters.services.filter((s) => draft.tenantIds.includes(s.tenantId));
  const words = search.trim().toLocaleLowerCase('it').split(/\s+/).filter(Boolean);
  const matching = services.filter((s) => !draft.serviceIds.includes(s.id) && words.every((w) => s.title.toLocaleLowerCase('it').includes(w)));
  const chosen = services.filter((s) => draft.serviceIds.includes(s.id));
  const serviceLabel = (s: { title: string; tenantId: string }) => (filters.bodies.length > 1 ? `${s.title} — ${bodyName.get(s.tenantId) ?? ''}` : s.title);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!draft.url.trim()) local.url = t('webhooks.form.urlRequired');
    if (!draft.events.length) local.events = t('webhooks.form.eventsRequired');
    if (!draft.tenantIds.length) local.tenantIds = t('webhooks.form.bodiesRequired');
    const serviceIds = draft.someServices ? chosen.map((s) => s.id) : [];
    if (draft.someServices && !serviceIds.length) local.serviceIds = t('webhooks.form.servicesRequired');
    if (Object.keys(local).length) return submit.fail(local);
    const created = await submit.run(() => webhooksApi.create({
      url: draft.url.trim(), description: draft.description.trim(), events: draft.events, tenantIds: draft.tenantIds, serviceIds,
    }, key.current));
    if (created) {
      key.current = newIdempotencyKey();
      setDraft(empty());
      setSearch('');
      onCreated(created);
    }
  };

  const groupError = (k: string) => submit.errorFor(k) ?? Object.entries(submit.problem?.fields ?? {}).find(([f]) => f.startsWith(`${k}.`))?.[1];

  return (
    <section aria-labelledby="webhook-new-title">
      <h2 id="webhook-new-title" className="h4">{t('webhooks.form.title')}</h2>
      <FormErrorSummary problem={submit.problem} form={FORM} labelFor={(k) => t(`webhooks.form.fields.${k.split('.')[0]}`, { defaultValue: k })} focusRef={submit.summaryRef} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="webhook-new-title" className="col-12 col-lg-9 px-0">
        <TextField id={controlId(FORM, 'url')} type="url" label={t('webhooks.form.fields.url')} hint={t('webhooks.form.urlHint')} value={draft.url}
          onValueChange={(url) => setDraft((d) => ({ ...d, url }))} error={submit.errorFor('url')} required autoComplete="off" inputMode="url" />
        <TextField id={controlId(FORM, 'description')} label={t('webhooks.form.fields.description')} hint={t('webhooks.form.descriptionHint')}
          value={draft.description} onValueChange={(description) => setDraft((d) => ({ ...d, description }))} error={submit.errorFor('description')} maxLength={500} />

        <fieldset id={controlId(FORM, 'events')} className="mb-4" aria-describedby={groupError('events') ? `${controlId(FORM, 'events')}-error` : undefined}>
          <legend className="h6 fw-semibold px-0">{t('webhooks.form.fields.events')}</legend>
          {WEBHOOK_EVENTS.map((type) => (
            <CheckboxField key={type} id={controlId(FORM, `event-${type}`)} label={eventLabel(type, t)} checked={draft.events.includes(type)}
              onCheckedChange={(on) => setDraft((d) => ({ ...d, events: WEBHOOK_EVENTS.filter((x) => (x === type ? on : d.events.includes(x))) }))} />
          ))}
          {groupError('events') && <div id={`${controlId(FORM, 'events')}-error`} className="invalid-feedback d-block">{groupError('events')}</div>}
        </fieldset>

        <fieldset id={controlId(FORM, 'tenantIds')} className="mb-4" aria-describedby={`${controlId(FORM, 'tenantIds')}-hint`}>
          <legend className="h6 fw-semibold px-0">{t('webhooks.form.fields.tenantIds')}</legend>
          <p id={`${controlId(FORM, 'tenantIds')}-hint`} className="small mb-2">
            {t('webhooks.form.bodiesHint')}
            {groupError('tenantIds') && <span className="invalid-feedback d-block">{groupError('tenantIds')}</span>}
          </p>
          {filters.bodies.map((b) => (
            <CheckboxField key={b.id} id={controlId(FORM, `body-${b.id}`)} label={b.name} checked={draft.tenantIds.includes(b.id)}
              onCheckedChange={(on) => setDraft((d) => {
                const tenantIds = toggle(d.tenantIds, b.id, on);
                const keep = new Set(filters.services.filter((s) => tenantIds.includes(s.tenantId)).map((s) => s.id));
                return { ...d, tenantIds, serviceIds: d.serviceIds.filter((id) => keep.has(id)) };
              })} />
          ))}
        </fieldset>

        <fieldset id={controlId(FORM, 'serviceIds')} className="mb-4">
          <legend className="h6 fw-semibold px-0">{t('webhooks.form.fields.serviceIds')}</legend>
          <div className="form-check">
            <input className="form-check-input" type="radio" name="webhook-services" id={`${FORM}-services-all`} checked={!draft.someServices}
              onChange={() => setDraft((d) => ({ ...d, someServices: false }))} />
            <label className="form-check-label" htmlFor={`${FORM}-services-all`}>{t('webhooks.form.servicesAll')}</label>
          </div>
          <div className="form-check">
            <input className="form-check-input" type="radio" name="webhook-services" id={`${FORM}-services-some`} checked={draft.someServices}
              onChange={() => setDraft((d) => ({ ...d, someServices: true }))} />
            <label className="form-check-label" htmlFor={`${FORM}-services-some`}>{t('webhooks.form.servicesSome')}</label>
          </div>
          {draft.someServices && (
            <div className="ms-md-4 mt-3">
              {groupError('serviceIds') && <div className="invalid-feedback d-block mb-2">{groupError('serviceIds')}</div>}
              {chosen.length > 0 && (
                <div className="mb-3">
                  <p className="mb-1 fw-semibold">{t('webhooks.form.chosenServices', { count: chosen.length })}</p>
                  {chosen.map((s) => (
                    <CheckboxField key={s.id} id={controlId(FORM, `service-${s.id}`)} label={serviceLabel(s)} checked
                      onCheckedChange={() => setDraft((d) => ({ ...d, serviceIds: d.serviceIds.filter((x) => x !== s.id) }))} />
                  ))}
                </div>
              )}
              <TextField id={controlId(FORM, 'serviceSearch')} type="search" label={t('webhooks.form.serviceSearch')} hint={t('webhooks.form.serviceSearchHint')}
                value={search} onValueChange={setSearch} autoComplete="off" />
              {matching.length === 0 ? (
                <p className="small">{t(chosen.length ? 'webhooks.form.noOtherServices' : 'webhooks.form.noServices')}</p>
              ) : (
                <>
                  {matching.slice(0, SHOWN_SERVICES).map((s) => (
                    <CheckboxField key={s.id} id={controlId(FORM, `service-${s.id}`)} label={serviceLabel(s)} checked={false}
                      onCheckedChange={() => setDraft((d) => ({ ...d, serviceIds: [...d.serviceIds, s.id] }))} />
                  ))}
                  {matching.length > SHOWN_SERVICES && (
                    <p className="small" role="status">{t('webhooks.form.moreServices', { count: matching.length - SHOWN_SERVICES })}</p>
                  )}
                </>
              )}
            </div>
          )}
        </fieldset>

        <Button type="submit" color="primary" disabled={submit.submitting}>
          {submit.submitting ? t('admin.saving') : t('webhooks.form.create')}
        </Button>
      </form>
    </section>
  );
}
