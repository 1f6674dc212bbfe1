/**
 * The body's offices: the list (address, opening hours), and the form that creates or edits one, with its
 * opening hours as rows of days and times.
 */
import { Button, Table } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useOutletContext, useParams } from 'react-router';
import { keys, useOffices } from '../../api/queries';
import type { Office, OpeningHours, Operator } from '../../api/types';
import NotFoundPage from '../../citizen/NotFoundPage';
import { ButtonLink } from '../../ui/buttons';
import { CheckboxField, TextAreaField, TextField } from '../../ui/fields';
import { formatOpeningHours } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs, ADMIN_BASE } from './AdminLayout';
import { adminApi, newIdempotencyKey, type OfficeInput } from './adminApi';
import { controlId, FormErrorSummary, useFormSubmit } from './forms';

const FORM = 'office';
const TEXT_FIELDS = ['name', 'code', 'description', 'address', 'postalCode', 'city', 'province', 'email', 'pec', 'phone'] as const;
type TextKey = (typeof TEXT_FIELDS)[number];
interface HoursDraft {
  days: number[];
  opens: string;
  closes: string;
  note: string;
}
type Draft = Record<TextKey, string> & { openingHours: HoursDraft[] };

const emptyDraft = (): Draft => ({
  name: '', code: '', description: '', address: '', postalCode: '', city: '', province: '', email: '', pec: '', phone: '',
  openingHours: [{ days: [1, 2, 3, 4, 5], opens: '09:00', closes: '12:30', note: '' }],
});

const draftOf = (o: Office): Draft => ({
  name: o.name, code: o.code, description: o.description ?? '', address: o.address, postalCode: o.postalCode, city: o.city,
  province: o.province, email: o.email ?? '', pec: o.pec ?? '', phone: o.phone ?? '',
  openingHours: o.openingHours.map((h) => ({ days: h.days, opens: h.opens, closes: h.closes, note: h.note ?? '' })),
});

function toInput(d: Draft): OfficeInput {
  return {
    code: d.code.trim(), name: d.name.trim(), description: d.description.trim(), address: d.address.trim(), postalCode: d.postalCode.trim(),
    city: d.city.trim(), province: d.province.trim(), email: d.email.trim(), pec: d.pec.trim(), phone: d.phone.trim(),
    openingHours: d.openingHours.map((h): OpeningHours => ({ days: h.days, opens: h.opens.trim(), closes: h.closes.trim(), ...(h.note.trim() ? { note: h.note.trim() } : {}) })),
  };
}

export default function OfficesPage() {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  const location = useLocation();
  useDocumentTitle(t('admin.offices.title'));
  const offices = useOffices(operator.tenant.id);
  const saved = (location.state as { saved?: string } | null)?.saved;

  return (
    <>
      <AdminCrumbs items={[{ label: t('admin.offices.title') }]} />
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h1 className="mb-0">{t('admin.offices.title')}</h1>
        <ButtonLink to={`${ADMIN_BASE}/uffici/nuovo`}>
          <Icon name="plus" className="me-1" />
          {t('admin.offices.new')}
        </ButtonLink>
      </div>
      {saved && (
        <Notice tone="success" role="status">
          <p className="mb-0">{t('admin.offices.saved', { name: saved })}</p>
        </Notice>
      )}
      {offices.isPending ? (
        <Loading />
      ) : offices.isError ? (
        <ErrorMessage error={offices.error} retry={() => void offices.refetch()} />
      ) : offices.data.items.length === 0 ? (
        <Notice tone="info" role="none">
          <p className="mb-0">{t('admin.offices.empty')}</p>
        </Notice>
      ) : (
        <Table responsive className="sp-catalog-table">
          <caption className="visually-hidden">{t('admin.offices.caption', { name: operator.tenant.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.offices.colName')}</th>
              <th scope="col" className="d-none d-md-table-cell">{t('admin.offices.colAddress')}</th>
              <th scope="col" className="d-none d-lg-table-cell">{t('admin.offices.colHours')}</th>
            </tr>
          </thead>
          <tbody>
            {offices.data.items.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={`${ADMIN_BASE}/uffici/${o.id}`} className="fw-semibold">
                    {o.name}
                  </Link>
                  <div className="small">{t('admin.offices.codeLine', { code: o.code })}</div>
                </td>
                <td className="d-none d-md-table-cell">{`${o.address}, ${o.postalCode} ${o.city} (${o.province})`}</td>
                <td className="d-none d-lg-table-cell small">
                  {o.openingHours.map((h, i) => (
                    <div key={i}>{formatOpeningHours(h, t)}</div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

export function OfficeFormPage({ mode }: { mode: 'new' | 'edit' }) {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  const { officeId } = useParams();
  const offices = useOffices(operator.tenant.id);
  const current = mode === 'edit' ? offices.data?.items.find((o) => o.id === officeId) : undefined;
  const title = mode === 'new' ? t('admin.offices.newTitle') : t('admin.offices.editTitle', { name: current?.name ?? '' });
  useDocumentTitle(title);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(mode === 'new' ? emptyDraft() : null);
  const submit = useFormSubmit();
  const key = useRef(newIdempotencyKey());
  const focusRow = useRef<number | 'add' | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (mode === 'edit' && current && !draft) setDraft(draftOf(current));
  }, [mode, current, draft]);
  useEffect(() => {
    if (focusRow.current === null) return;
    if (focusRow.current === 'add') addRef.current?.focus();
    else document.getElementById(controlId(FORM, `openingHours.${focusRow.current}.opens`))?.focus();
    focusRow.current = null;
  });

  if (mode === 'edit' && offices.isSuccess && !current) return <NotFoundPage />;
  if (offices.isError) return <ErrorMessage error={offices.error} retry={() => void offices.refetch()} />;
  if (!draft) return <Loading />;

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d!, ...patch }));
  const setRow = (i: number, patch: Partial<HoursDraft>) => set({ openingHours: draft.openingHours.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
  const labelFor = (k: string) => {
    const m = /^openingHours\.(\d+)\.?(\w*)/.exec(k);
    if (m) return `${t('admin.offices.row', { n: Number(m[1]) + 1 })}${m[2] ? ` — ${t(`admin.offices.fields.${m[2]}`, { defaultValue: m[2] })}` : ''}`;
    return t(`admin.offices.fields.${k}`, { defaultValue: k });
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const input = toInput(draft);
    const local: Record<string, string> = {};
    for (const f of ['name', 'code', 'address', 'postalCode', 'city', 'province'] as const) if (!input[f]) local[f] = t('admin.required');
    input.openingHours.forEach((h, i) => {
      if (!h.days.length) local[`openingHours.${i}.days`] = t('admin.offices.daysRequired');
    });
    if (Object.keys(local).length) return submit.fail(local);
    // an edit sends only what changed, so that the activity log names those fields
    const before = current ? (toInput(draftOf(current)) as unknown as Record<string, unknown>) : {};
    const changes = Object.fromEntries(Object.entries(input).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k]))) as Partial<OfficeInput>;
    if (mode === 'edit' && Object.keys(changes).length === 0) {
      navigate(`${ADMIN_BASE}/uffici`, { state: { saved: current!.name } });
      return;
    }
    const saved = await submit.run(() =>
      mode === 'new' ? adminApi.createOffice(operator.tenant.id, input, key.current) : adminApi.updateOffice(operator.tenant.id, officeId!, changes),
    );
    key.current = newIdempotencyKey();
    if (saved) {
      await queryClient.invalidateQueries({ queryKey: keys.offices(operator.tenant.id) });
      void queryClient.invalidateQueries({ queryKey: keys.tenant(operator.tenant.slug) });
      navigate(`${ADMIN_BASE}/uffici`, { state: { saved: saved.name } });
    }
  };

  const text = (k: TextKey, extra: { hint?: string; type?: 'email' | 'tel'; required?: boolean; narrow?: boolean } = {}) => (
    <TextField
      id={controlId(FORM, k)}
      type={extra.type}
      label={t(`admin.offices.fields.${k}`)}
      hint={extra.hint}
      value={draft[k]}
      onValueChange={(value) => set({ [k]: value } as Partial<Draft>)}
      error={submit.errorFor(k)}
      required={extra.required}
      className={extra.narrow ? 'sp-narrow-field' : undefined}
    />
  );

  return (
    <>
      <AdminCrumbs items={[{ label: t('admin.offices.title'), to: `${ADMIN_BASE}/uffici` }, { label: mode === 'new' ? t('admin.offices.newTitle') : (current?.name ?? '') }]} />
      <h1>{title}</h1>
      <FormErrorSummary problem={submit.problem} form={FORM} labelFor={labelFor} focusRef={submit.summaryRef} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={title} className="col-12 col-xl-9 px-0">
        <fieldset className="sp-editor-group">
          <legend><h2 className="h5">{t('admin.offices.identity')}</h2></legend>
          {text('name', { required: true })}
          {text('code', { required: true, hint: t('admin.offices.codeHint'), narrow: true })}
          <TextAreaField id={controlId(FORM, 'description')} label={t('admin.offices.fields.description')} value={draft.description}
            onValueChange={(description) => set({ description })} error={submit.errorFor('description')} />
        </fieldset>
        <fieldset className="sp-editor-group">
          <legend><h2 className="h5">{t('admin.offices.where')}</h2></legend>
          {text('address', { required: true })}
          <div className="row">
            <div className="col-12 col-sm-4">{text('postalCode', { required: true, hint: t('admin.offices.postalCodeHint') })}</div>
            <div className="col-12 col-sm-5">{text('city', { required: true })}</div>
            <div className="col-12 col-sm-3">{text('province', { required: true, hint: t('admin.offices.provinceHint') })}</div>
          </div>
        </fieldset>
        <fieldset className="sp-editor-group">
          <legend><h2 className="h5">{t('admin.offices.contacts')}</h2></legend>
          {text('email', { type: 'email' })}
          {text('pec', { type: 'email' })}
          {text('phone', { type: 'tel' })}
        </fieldset>
        <fieldset className="sp-editor-group" id={controlId(FORM, 'openingHours')}>
          <legend><h2 className="h5">{t('admin.offices.hours')}</h2></legend>
          <p className="small">{t('admin.offices.hoursHint')}</p>
          {submit.errorFor('openingHours') && <p className="invalid-feedback d-block sp-field-error">{submit.errorFor('openingHours')}</p>}
          {draft.openingHours.map((h, i) => (
            <fieldset key={i} className="sp-checkbox-group" id={controlId(FORM, `openingHours.${i}`)}>
              <legend className="h6">{t('admin.offices.row', { n: i + 1 })}</legend>
              <div className="sp-checkbox-columns" id={controlId(FORM, `openingHours.${i}.days`)} role="group" aria-label={t('admin.offices.days')}>
                {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                  <CheckboxField
                    key={d}
                    id={`${controlId(FORM, `openingHours.${i}.days`)}-${d}`}
                    label={t(`days.${d}`)}
                    checked={h.days.includes(d)}
                    onCheckedChange={(on) => setRow(i, { days: on ? [...h.days, d].sort((a, b) => a - b) : h.days.filter((x) => x !== d) })}
                  />
                ))}
              </div>
              {submit.errorFor(`openingHours.${i}.days`) && <p className="invalid-feedback d-block sp-field-error">{submit.errorFor(`openingHours.${i}.days`)}</p>}
              <div className="row">
                <div className="col-6 col-sm-3">
                  <TextField id={controlId(FORM, `openingHours.${i}.opens`)} label={t('admin.offices.fields.opens')} hint={t('admin.offices.timeHint')}
                    value={h.opens} onValueChange={(opens) => setRow(i, { opens })} error={submit.errorFor(`openingHours.${i}.opens`)} inputMode="numeric" maxLength={5} />
                </div>
                <div className="col-6 col-sm-3">
                  <TextField id={controlId(FORM, `openingHours.${i}.closes`)} label={t('admin.offices.fields.closes')} hint={t('admin.offices.timeHint')}
                    value={h.closes} onValueChange={(closes) => setRow(i, { closes })} error={submit.errorFor(`openingHours.${i}.closes`)} inputMode="numeric" maxLength={5} />
                </div>
                <div className="col-12 col-sm-6">
                  <TextField id={controlId(FORM, `openingHours.${i}.note`)} label={t('admin.offices.fields.note')} value={h.note}
                    onValueChange={(note) => setRow(i, { note })} error={submit.errorFor(`openingHours.${i}.note`)} />
                </div>
              </div>
              <Button type="button" color="danger" outline size="sm" onClick={() => {
                focusRow.current = draft.openingHours.length > 1 ? Math.max(0, i - 1) : 'add';
                set({ openingHours: draft.openingHours.filter((_, j) => j !== i) });
              }}>
                {t('admin.offices.removeRow', { n: i + 1 })}
              </Button>
            </fieldset>
          ))}
          <Button type="button" color="primary" outline size="sm" innerRef={addRef} onClick={() => {
            focusRow.current = draft.openingHours.length;
            set({ openingHours: [...draft.openingHours, { days: [], opens: '', closes: '', note: '' }] });
          }}>
            <Icon name="plus" className="me-1" />
            {t('admin.offices.addRow')}
          </Button>
        </fieldset>
        <div className="d-flex flex-wrap gap-2 mb-4">
          <Button type="submit" color="primary" disabled={submit.submitting}>
            {submit.submitting ? t('admin.saving') : mode === 'new' ? t('admin.offices.create') : t('admin.offices.save')}
          </Button>
          <Link className="btn btn-outline-secondary" to={`${ADMIN_BASE}/uffici`}>{t('admin.cancel')}</Link>
        </div>
      </form>
    </>
  );
}
