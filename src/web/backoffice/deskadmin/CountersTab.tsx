/**
 * "Sportelli": the office's counters, whether each is open now and who is at it, the categories it serves; a
 * small form under the list adds one or, after "Modifica", edits one (name, categories served, active).
 */
import { Badge, Button, Table } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskCounter } from '../../../contracts/desk';
import { newIdempotencyKey } from '../../api/client';
import { deskAdminApi, deskAdminKeys, useCategories, useCounters, type CounterInput } from '../../api/deskAdmin';
import { CheckboxField, TextField } from '../../ui/fields';
import { DoneMessage, ErrorMessage, Loading } from '../../ui/status';
import { clockTime } from '../../ui/romeTime';
import { controlId, FormErrorSummary, useFormSubmit } from '../admin/forms';
import { ActiveBadge } from './CalendarsTab';
import { byOrder } from './CategoriesTab';

const FORM = 'counter';
interface Draft {
  name: string;
  categoryIds: string[];
  active: boolean;
}
const draftOf = (c: DeskCounter | null): Draft => (c ? { name: c.name, categoryIds: c.categoryIds, active: c.active } : { name: '', categoryIds: [], active: true });

export function CountersTab({ officeId }: { officeId: string }) {
  const { t, i18n } = useTranslation();
  const counters = useCounters(officeId);
  const categories = useCategories(officeId);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<DeskCounter | null>(null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(null));
  const [done, setDone] = useState<string | null>(null);
  const submit = useFormSubmit();
  const key = useRef(newIdempotencyKey());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);
  const categoryList = [...(categories.data?.items ?? [])].sort(byOrder);
  const categoryLabel = new Map(categoryList.map((c) => [c.id, `${c.prefix} — ${c.name}`]));
  const time = (iso: string) => clockTime(iso, i18n.language);

  useEffect(() => {
    if (!focusHeading.current) return;
    headingRef.current?.focus();
    focusHeading.current = false;
  });

  const startEdit = (c: DeskCounter | null) => {
    setEditing(c);
    setDraft(draftOf(c));
    setDone(null);
    submit.clear();
    focusHeading.current = true;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.name.trim()) return submit.fail({ name: t('admin.required') });
    const input: CounterInput = { name: draft.name.trim(), categoryIds: draft.categoryIds, active: draft.active };
    const saved = await submit.run(() => (editing ? deskAdminApi.updateCounter(editing.id, input) : deskAdminApi.createCounter(officeId, input, key.current)));
    key.current = newIdempotencyKey();
    if (!saved) return;
    await queryClient.invalidateQueries({ queryKey: deskAdminKeys.counters(officeId) });
    setEditing(null);
    setDraft(draftOf(null));
    setDone(t('deskAdmin.counters.saved', { name: saved.name }));
  };

  const title = editing ? t('deskAdmin.counters.editTitle', { name: editing.name }) : t('deskAdmin.counters.newTitle');
  const labelFor = (k: string) => t(`deskAdmin.counters.fields.${k.replace(/\..*$/, '')}`, { defaultValue: k });

  return (
    <>
      <h3 className="h4">{t('deskAdmin.counters.title')}</h3>
      <p>{t('deskAdmin.counters.lead')}</p>
      <DoneMessage message={done} />
      {counters.isPending ? (
        <Loading />
      ) : counters.isError ? (
        <ErrorMessage error={counters.error} retry={() => void counters.refetch()} />
      ) : counters.data.items.length === 0 ? (
        <p className="sp-empty-note">{t('deskAdmin.counters.empty')}</p>
      ) : (
        <Table className="sp-catalog-table sp-da-table">
          <caption className="visually-hidden">{t('deskAdmin.counters.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('deskAdmin.counters.fields.name')}</th>
              <th scope="col">{t('deskAdmin.counters.colNow')}</th>
              <th scope="col" className="d-none d-md-table-cell">{t('deskAdmin.counters.fields.categoryIds')}</th>
              <th scope="col"><span className="visually-hidden">{t('deskAdmin.colActions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {counters.data.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <span className="fw-semibold">{c.name}</span> {!c.active && <ActiveBadge active={false} />}
                  <div className="small d-md-none">{c.categoryIds.map((id) => categoryLabel.get(id) ?? '?').join(', ')}</div>
                </td>
                <td className="small">
                  {c.open ? (
                    <>
                      <Badge color="success" className="sp-badge">{t('deskAdmin.counters.open')}</Badge>
                      <div>{c.operatorName ?? t('deskAdmin.counters.someone')}{c.openedAt ? ` · ${t('deskAdmin.counters.since', { time: time(c.openedAt) })}` : ''}</div>
                    </>
                  ) : (
                    <Badge color="secondary" className="sp-badge">{t('deskAdmin.counters.closed')}</Badge>
                  )}
                </td>
                <td className="d-none d-md-table-cell small">
                  <ul className="list-unstyled mb-0">
                    {c.categoryIds.map((id) => <li key={id}>{categoryLabel.get(id) ?? '?'}</li>)}
                  </ul>
                </td>
                <td>
                  <Button type="button" color="primary" outline size="sm" onClick={() => startEdit(c)}>
                    {t('deskAdmin.edit')}
                    <span className="visually-hidden"> {c.name}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <div className="sp-da-form mt-4">
        <h4 className="h5" tabIndex={-1} ref={headingRef}>{title}</h4>
        <FormErrorSummary problem={submit.problem} form={FORM} labelFor={labelFor} focusRef={submit.summaryRef} />
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={title}>
          <TextField id={controlId(FORM, 'name')} label={t('deskAdmin.counters.fields.name')} hint={t('deskAdmin.counters.nameHint')} value={draft.name}
            onValueChange={(name) => setDraft((d) => ({ ...d, name }))} error={submit.errorFor('name')} required maxLength={40} className="sp-narrow-field" />
          <fieldset id={controlId(FORM, 'categoryIds')} className="sp-checkbox-group">
            <legend>{t('deskAdmin.counters.fields.categoryIds')}</legend>
            {submit.errorFor('categoryIds') && <p className="invalid-feedback d-block sp-field-error">{submit.errorFor('categoryIds')}</p>}
            {categoryList.length === 0 ? (
              <p className="small">{t('deskAdmin.counters.noCategories')}</p>
            ) : (
              <div className="sp-checkbox-columns">
                {categoryList.map((c) => (
                  <CheckboxField key={c.id} id={controlId(FORM, `category-${c.id}`)} label={`${c.prefix} — ${c.name}`}
                    checked={draft.categoryIds.includes(c.id)}
                    onCheckedChange={(on) => setDraft((d) => ({ ...d, categoryIds: on ? [...d.categoryIds, c.id] : d.categoryIds.filter((x) => x !== c.id) }))} />
                ))}
              </div>
            )}
          </fieldset>
          <CheckboxField id={controlId(FORM, 'active')} label={t('deskAdmin.counters.fields.active')} checked={draft.active}
            onCheckedChange={(active) => setDraft((d) => ({ ...d, active }))} />
          <div className="d-flex flex-wrap gap-2 mt-2">
            <Button type="submit" color="primary" disabled={submit.submitting}>
              {submit.submitting ? t('admin.saving') : editing ? t('deskAdmin.counters.save') : t('deskAdmin.counters.create')}
            </Button>
            {editing && <Button type="button" color="secondary" outline onClick={() => startEdit(null)}>{t('deskAdmin.counters.cancelEdit')}</Button>}
          </div>
        </form>
      </div>
    </>
  );
}
