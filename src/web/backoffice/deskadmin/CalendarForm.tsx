/**
 * One appointment calendar: its name and services, the weekly hours (rows of weekday and times), how slots are cut
 * (length, places, buffer), when booking opens and closes (notice, horizon), closures, the queue category of its
 * check-ins and whether it is open for booking. The server has the last word on every rule (a window that ends
 * before it starts, overlapping windows, ranges): its 400 is shown next to each field and in a summary at the top,
 * and nothing typed is lost.
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentCalendar, DeskCategory, WeeklyHours } from '../../../contracts/desk';
import { newIdempotencyKey } from '../../api/client';
import { deskAdminApi, useDeskServices, type CalendarInput } from '../../api/deskAdmin';
import { CheckboxField, SelectField, TextField } from '../../ui/fields';
import { Icon } from '../../ui/Icon';
import { ErrorMessage, Loading } from '../../ui/status';
import { controlId, FormErrorSummary, useFormSubmit } from '../admin/forms';
import { wholeNumber } from './hours';
import { NativeField } from './NativeField';

const FORM = 'calendar';
const SHOWN_SERVICES = 30;
const NUMBER_FIELDS = ['slotMinutes', 'capacity', 'bufferMinutes', 'minNoticeHours', 'horizonDays'] as const;
type NumberKey = (typeof NUMBER_FIELDS)[number];

interface HoursRow {
  weekday: string;
  from: string;
  to: string;
}
interface ClosureRow {
  from: string;
  to: string;
  reason: string;
}
type Draft = Record<NumberKey, string> & {
  name: string;
  serviceIds: string[];
  weeklyHours: HoursRow[];
  closures: ClosureRow[];
  categoryId: string;
  active: boolean;
};

const emptyDraft = (): Draft => ({
  name: '', serviceIds: [],
  weeklyHours: [1, 2, 3, 4, 5].map((d) => ({ weekday: String(d), from: '09:00', to: '12:30' })),
  slotMinutes: '15', capacity: '1', bufferMinutes: '0', minNoticeHours: '24', horizonDays: '60',
  closures: [], categoryId: '', active: true,
});

const draftOf = (c: AppointmentCalendar): Draft => ({
  name: c.name, serviceIds: c.serviceIds,
  weeklyHours: c.weeklyHours.map((h) => ({ weekday: String(h.weekday), from: h.from, to: h.to })),
  slotMinutes: String(c.slotMinutes), capacity: String(c.capacity), bufferMinutes: String(c.bufferMinutes),
  minNoticeHours: String(c.minNoticeHours), horizonDays: String(c.horizonDays),
  closures: c.closures.map((x) => ({ from: x.from, to: x.to, reason: x.reason ?? '' })),
  categoryId: c.categoryId ?? '', active: c.active,
});

export function CalendarForm({ officeId, tenantId, calendar, categories, onSaved, onCancel }: {
  officeId: string;
  tenantId: string;
  calendar: AppointmentCalendar | null;
  categories: DeskCategory[];
  onSaved: (saved: AppointmentCalendar) => Promise<void> | void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => (calendar ? draftOf(calendar) : emptyDraft()));
  const [search, setSearch] = useState('');
  const submit = useFormSubmit();
  const services = useDeskServices(tenantId);
  const key = useRef(newIdempotencyKey());
  const headingRef = useRef<HTMLHeadingElement>(null);
  // after a row is added or removed, where the focus goes: a row's first control, or the add button
  const focusNext = useRef<string | null>(null);
  const title = calendar ? t('deskAdmin.calendars.editTitle', { name: calendar.name }) : t('deskAdmin.calendars.newTitle');

  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setHours = (i: number, patch: Partial<HoursRow>) => setDraft((d) => ({ ...d, weeklyHours: d.weeklyHours.map((h, j) => (j === i ? { ...h, ...patch } : h)) }));
  const setClosure = (i: number, patch: Partial<ClosureRow>) => setDraft((d) => ({ ...d, closures: d.closures.map((h, j) => (j === i ? { ...h, ...patch } : h)) }));
  const id = (k: string) => controlId(FORM, k);
  const err = submit.errorFor;

  const labelFor = (k: string) => {
    const hours = /^weeklyHours\.(\d+)\.?(\w*)/.exec(k);
    if (hours) return `${t('deskAdmin.calendars.hoursRow', { n: Number(hours[1]) + 1 })}${hours[2] ? ` — ${t(`deskAdmin.calendars.fields.${hours[2]}`, { defaultValue: hours[2] })}` : ''}`;
    const closure = /^closures\.(\d+)\.?(\w*)/.exec(k);
    if (closure) return `${t('deskAdmin.calendars.closureRow', { n: Number(closure[1]) + 1 })}${closure[2] ? ` — ${t(`deskAdmin.calendars.fields.${closure[2] === 'reason' ? 'closureReason' : closure[2]}`, { defaultValue: closure[2] })}` : ''}`;
    if (/^serviceIds\./.test(k)) return t('deskAdmin.calendars.fields.serviceIds');
    return t(`deskAdmin.calendars.fields.${k}`, { defaultValue: k });
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    // only what cannot be sent at all is checked here; the rules are the server's
    const local: Record<string, string> = {};
    if (!draft.name.trim()) local.name = t('admin.required');
    const numbers = {} as Record<NumberKey, number>;
    for (const k of NUMBER_FIELDS) {
      const n = wholeNumber(draft[k]);
      if (n === null) local[k] = t('deskAdmin.wholeNumber');
      else numbers[k] = n;
    }
    draft.weeklyHours.forEach((h, i) => {
      if (!h.from) local[`weeklyHours.${i}.from`] = t('deskAdmin.calendars.timeRequired');
      if (!h.to) local[`weeklyHours.${i}.to`] = t('deskAdmin.calendars.timeRequired');
    });
    draft.closures.forEach((c, i) => {
      if (!c.from) local[`closures.${i}.from`] = t('deskAdmin.calendars.dateRequired');
      if (!c.to) local[`closures.${i}.to`] = t('deskAdmin.calendars.dateRequired');
    });
    if (Object.keys(local).length) return submit.fail(local);
    const input: CalendarInput = {
      name: draft.name.trim(),
      serviceIds: draft.serviceIds,
      weeklyHours: draft.weeklyHours.map((h) => ({ weekday: Number(h.weekday) as WeeklyHours['weekday'], from: h.from, to: h.to })),
      ...numbers,
      closures: draft.closures.map((c) => ({ from: c.from, to: c.to, ...(c.reason.trim() ? { reason: c.reason.trim() } : {}) })),
      categoryId: draft.categoryId || null,
      active: draft.active,
    };
    const saved = await submit.run(() =>
      calendar ? deskAdminApi.updateCalendar(calendar.id, input) : deskAdminApi.createCalendar(officeId, input, key.current),
    );
    key.current = newIdempotencyKey();
    if (saved) await onSaved(saved);
  };

  // the server names a wrong service by its place in the list ("serviceIds.2"): told at the group
  const serviceErrors = Object.entries(submit.problem?.fields ?? {}).filter(([k]) => k === 'serviceIds' || k.startsWith('serviceIds.'));
  const words = search.trim().toLocaleLowerCase('it').split(/\s+/).filter(Boolean);
  const all = services.data ?? [];
  const chosen = draft.serviceIds.map((sid) => all.find((s) => s.id === sid) ?? { id: sid, title: t('deskAdmin.calendars.unknownService'), active: true });
  const matching = all.filter((s) => !draft.serviceIds.includes(s.id) && words.every((w) => s.title.toLocaleLowerCase('it').includes(w)));
  const serviceLabel = (s: { title: string; active: boolean }) => (s.active ? s.title : `${s.title} (${t('deskAdmin.calendars.serviceInactive')})`);

  const numberField = (k: NumberKey, extra: { hint?: string; min: number; max: number }) => (
    <NativeField id={id(k)} type="number" label={t(`deskAdmin.calendars.fields.${k}`)} hint={extra.hint} min={extra.min} max={extra.max}
      value={draft[k]} onValueChange={(v) => set({ [k]: v } as Partial<Draft>)} error={err(k)} className="sp-da-number" />
  );

  return (
    <div className="sp-da-form">
      <h3 className="h4" tabIndex={-1} ref={headingRef}>{title}</h3>
      <FormErrorSummary problem={submit.problem} form={FORM} labelFor={labelFor} focusRef={submit.summaryRef} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={title}>
        <fieldset className="sp-editor-group">
          <legend><h4 className="h5 mb-0">{t('deskAdmin.calendars.what')}</h4></legend>
          <TextField id={id('name')} label={t('deskAdmin.calendars.fields.name')} hint={t('deskAdmin.calendars.nameHint')} value={draft.name}
            onValueChange={(name) => set({ name })} error={err('name')} required maxLength={120} />

          <fieldset id={id('serviceIds')} className="sp-checkbox-group">
            <legend>{t('deskAdmin.calendars.fields.serviceIds')}</legend>
            <p className="small mb-2">{t('deskAdmin.calendars.servicesHint')}</p>
            {serviceErrors.map(([k, message]) => <p key={k} className="invalid-feedback d-block sp-field-error">{message}</p>)}
            {chosen.length > 0 && (
              <div className="mb-3">
                <p className="mb-1 fw-semibold">{t('deskAdmin.calendars.chosenServices', { count: chosen.length })}</p>
                {chosen.map((s) => (
                  <CheckboxField key={s.id} id={id(`service-${s.id}`)} label={serviceLabel(s)} checked
                    onCheckedChange={() => set({ serviceIds: draft.serviceIds.filter((x) => x !== s.id) })} />
                ))}
              </div>
            )}
            {services.error ? (
              <ErrorMessage error={services.error} retry={services.retry} />
            ) : !services.data ? (
              <Loading label={t('deskAdmin.calendars.servicesLoading')} />
            ) : (
              <>
                <TextField id={id('serviceSearch')} type="search" label={t('deskAdmin.calendars.serviceSearch')} value={search} onValueChange={setSearch} />
                {matching.length === 0 ? (
                  <p className="small">{t(all.length ? 'deskAdmin.calendars.noOtherServices' : 'deskAdmin.calendars.noServices')}</p>
                ) : (
                  <div className="sp-checkbox-columns">
                    {matching.slice(0, SHOWN_SERVICES).map((s) => (
                      <CheckboxField key={s.id} id={id(`service-${s.id}`)} label={serviceLabel(s)} checked={false}
                        onCheckedChange={() => set({ serviceIds: [...draft.serviceIds, s.id] })} />
                    ))}
                  </div>
                )}
                {matching.length > SHOWN_SERVICES && (
                  <p className="small" role="status">{t('deskAdmin.calendars.moreServices', { count: matching.length - SHOWN_SERVICES })}</p>
                )}
              </>
            )}
          </fieldset>

          <SelectField id={id('categoryId')} label={t('deskAdmin.calendars.fields.categoryId')} hint={t('deskAdmin.calendars.categoryHint')}
            value={draft.categoryId} onValueChange={(categoryId) => set({ categoryId })} error={err('categoryId')}
            emptyLabel={t('deskAdmin.calendars.noCategory')}
            options={categories.map((c) => ({ value: c.id, label: `${c.prefix} — ${c.name}${c.active ? '' : ` (${t('deskAdmin.inactive')})`}` }))} />
          <CheckboxField id={id('active')} label={t('deskAdmin.calendars.fields.active')} checked={draft.active} onCheckedChange={(active) => set({ active })} error={err('active')} />
        </fieldset>

        <fieldset className="sp-editor-group" id={id('weeklyHours')}>
          <legend><h4 className="h5 mb-0">{t('deskAdmin.calendars.fields.weeklyHours')}</h4></legend>
          <p className="small">{t('deskAdmin.calendars.hoursHint')}</p>
          {err('weeklyHours') && <p className="invalid-feedback d-block sp-field-error">{err('weeklyHours')}</p>}
          {draft.weeklyHours.length === 0 && <p className="sp-empty-note">{t('deskAdmin.calendars.noHoursYet')}</p>}
          {draft.weeklyHours.map((h, i) => (
            <fieldset key={i} className="sp-da-row" id={id(`weeklyHours.${i}`)}>
              <legend className="h6">{t('deskAdmin.calendars.hoursRow', { n: i + 1 })}</legend>
              {err(`weeklyHours.${i}`) && <p className="invalid-feedback d-block sp-field-error">{err(`weeklyHours.${i}`)}</p>}
              <div className="sp-da-row-fields">
                <SelectField id={id(`weeklyHours.${i}.weekday`)} label={t('deskAdmin.calendars.fields.weekday')} value={h.weekday}
                  onValueChange={(weekday) => setHours(i, { weekday })} error={err(`weeklyHours.${i}.weekday`)} className="sp-da-weekday"
                  options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`days.${d}`) }))} />
                <NativeField id={id(`weeklyHours.${i}.from`)} type="time" label={t('deskAdmin.calendars.fields.from')} value={h.from}
                  onValueChange={(from) => setHours(i, { from })} error={err(`weeklyHours.${i}.from`)} className="sp-da-time" />
                <NativeField id={id(`weeklyHours.${i}.to`)} type="time" label={t('deskAdmin.calendars.fields.to')} value={h.to}
                  onValueChange={(to) => setHours(i, { to })} error={err(`weeklyHours.${i}.to`)} className="sp-da-time" />
                <div className="sp-da-row-remove">
                  <Button type="button" color="danger" outline size="sm" onClick={() => {
                    focusNext.current = draft.weeklyHours.length > 1 ? id(`weeklyHours.${Math.max(0, i - 1)}.weekday`) : id('addHours');
                    set({ weeklyHours: draft.weeklyHours.filter((_, j) => j !== i) });
                  }}>
                    {t('deskAdmin.calendars.removeHours', { n: i + 1 })}
                  </Button>
                </div>
              </div>
            </fieldset>
          ))}
          <Button type="button" color="primary" outline size="sm" id={id('addHours')} onClick={() => {
            const last = draft.weeklyHours[draft.weeklyHours.length - 1];
            focusNext.current = id(`weeklyHours.${draft.weeklyHours.length}.weekday`);
            set({ weeklyHours: [...draft.weeklyHours, { weekday: last ? String(Math.min(7, Number(last.weekday) + 1)) : '1', from: last?.from ?? '09:00', to: last?.to ?? '12:30' }] });
          }}>
            <Icon name="plus" className="me-1" />
            {t('deskAdmin.calendars.addHours')}
          </Button>
        </fieldset>

        <fieldset className="sp-editor-group">
          <legend><h4 className="h5 mb-0">{t('deskAdmin.calendars.slots')}</h4></legend>
          <div className="sp-da-numbers">
            {numberField('slotMinutes', { hint: t('deskAdmin.calendars.slotMinutesHint'), min: 5, max: 240 })}
            {numberField('capacity', { hint: t('deskAdmin.calendars.capacityHint'), min: 1, max: 50 })}
            {numberField('bufferMinutes', { hint: t('deskAdmin.calendars.bufferHint'), min: 0, max: 120 })}
          </div>
        </fieldset>

        <fieldset className="sp-editor-group">
          <legend><h4 className="h5 mb-0">{t('deskAdmin.calendars.booking')}</h4></legend>
          <div className="sp-da-numbers">
            {numberField('minNoticeHours', { hint: t('deskAdmin.calendars.noticeHint'), min: 0, max: 720 })}
            {numberField('horizonDays', { hint: t('deskAdmin.calendars.horizonHint'), min: 1, max: 365 })}
          </div>
        </fieldset>

        <fieldset className="sp-editor-group" id={id('closures')}>
          <legend><h4 className="h5 mb-0">{t('deskAdmin.calendars.fields.closures')}</h4></legend>
          <p className="small">{t('deskAdmin.calendars.closuresHint')}</p>
          {err('closures') && <p className="invalid-feedback d-block sp-field-error">{err('closures')}</p>}
          {draft.closures.map((c, i) => (
            <fieldset key={i} className="sp-da-row" id={id(`closures.${i}`)}>
              <legend className="h6">{t('deskAdmin.calendars.closureRow', { n: i + 1 })}</legend>
              {err(`closures.${i}`) && <p className="invalid-feedback d-block sp-field-error">{err(`closures.${i}`)}</p>}
              <div className="sp-da-row-fields">
                <NativeField id={id(`closures.${i}.from`)} type="date" label={t('deskAdmin.calendars.fields.closureFrom')} value={c.from}
                  onValueChange={(from) => setClosure(i, { from, to: c.to || from })} error={err(`closures.${i}.from`)} className="sp-da-date" />
                <NativeField id={id(`closures.${i}.to`)} type="date" label={t('deskAdmin.calendars.fields.closureTo')} value={c.to} min={c.from || undefined}
                  onValueChange={(to) => setClosure(i, { to })} error={err(`closures.${i}.to`)} className="sp-da-date" />
                <TextField id={id(`closures.${i}.reason`)} label={t('deskAdmin.calendars.fields.closureReason')} value={c.reason}
                  onValueChange={(reason) => setClosure(i, { reason })} error={err(`closures.${i}.reason`)} className="sp-da-reason" maxLength={200} />
                <div className="sp-da-row-remove">
                  <Button type="button" color="danger" outline size="sm" onClick={() => {
                    focusNext.current = draft.closures.length > 1 ? id(`closures.${Math.max(0, i - 1)}.from`) : id('addClosure');
                    set({ closures: draft.closures.filter((_, j) => j !== i) });
                  }}>
                    {t('deskAdmin.calendars.removeClosure', { n: i + 1 })}
                  </Button>
                </div>
              </div>
            </fieldset>
          ))}
          <Button type="button" color="primary" outline size="sm" id={id('addClosure')} onClick={() => {
            focusNext.current = id(`closures.${draft.closures.length}.from`);
            set({ closures: [...draft.closures, { from: '', to: '', reason: '' }] });
          }}>
            <Icon name="plus" className="me-1" />
            {t('deskAdmin.calendars.addClosure')}
          </Button>
        </fieldset>

        <div className="d-flex flex-wrap gap-2 mb-4">
          <Button type="submit" color="primary" disabled={submit.submitting}>
            {submit.submitting ? t('admin.saving') : calendar ? t('deskAdmin.calendars.save') : t('deskAdmin.calendars.create')}
          </Button>
          <Button type="button" color="secondary" outline onClick={onCancel}>{t('admin.cancel')}</Button>
        </div>
      </form>
    </div>
  );
}
