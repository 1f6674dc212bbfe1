/**
 * "Categorie": the office's take-a-number categories (the ticket's letter, name, description, order on the kiosk,
 * active) and a small form under the list that adds one or, after "Modifica", edits one.
 */
import { Button, Table } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskCategory } from '../../../contracts/desk';
import { newIdempotencyKey } from '../../api/client';
import { deskAdminApi, deskAdminKeys, useCategories, type CategoryInput } from '../../api/deskAdmin';
import { CheckboxField, TextAreaField, TextField } from '../../ui/fields';
import { DoneMessage, ErrorMessage, Loading } from '../../ui/status';
import { controlId, FormErrorSummary, useFormSubmit } from '../admin/forms';
import { ActiveBadge } from './CalendarsTab';
import { wholeNumber } from './hours';
import { NativeField } from './NativeField';

const FORM = 'category';
interface Draft {
  prefix: string;
  name: string;
  description: string;
  sort: string;
  active: boolean;
}
const draftOf = (c: DeskCategory | null, nextSort: number): Draft =>
  c ? { prefix: c.prefix, name: c.name, description: c.description ?? '', sort: String(c.sort), active: c.active }
    : { prefix: '', name: '', description: '', sort: String(nextSort), active: true };

export const byOrder = (a: DeskCategory, b: DeskCategory) => a.sort - b.sort || a.prefix.localeCompare(b.prefix);

export function CategoriesTab({ officeId }: { officeId: string }) {
  const { t } = useTranslation();
  const categories = useCategories(officeId);
  const queryClient = useQueryClient();
  const items = [...(categories.data?.items ?? [])].sort(byOrder);
  const nextSort = (items.length ? Math.max(...items.map((c) => c.sort)) : 0) + 10;
  const [editing, setEditing] = useState<DeskCategory | null>(null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(null, 10));
  const [done, setDone] = useState<string | null>(null);
  const submit = useFormSubmit();
  const key = useRef(newIdempotencyKey());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);

  // a new category's order follows the last one, once the list is known (and while nothing was typed)
  useEffect(() => {
    if (!editing && categories.data) setDraft((d) => (d.name || d.prefix ? d : { ...d, sort: String(nextSort) }));
  }, [categories.data, editing, nextSort]);
  useEffect(() => {
    if (!focusHeading.current) return;
    headingRef.current?.focus();
    focusHeading.current = false;
  });

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const startEdit = (c: DeskCategory | null) => {
    setEditing(c);
    setDraft(draftOf(c, nextSort));
    setDone(null);
    submit.clear();
    focusHeading.current = true;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    const sort = wholeNumber(draft.sort);
    if (!draft.prefix.trim()) local.prefix = t('admin.required');
    if (!draft.name.trim()) local.name = t('admin.required');
    if (sort === null) local.sort = t('deskAdmin.wholeNumber');
    if (Object.keys(local).length) return submit.fail(local);
    const input: CategoryInput = {
      prefix: draft.prefix.trim().toUpperCase(), name: draft.name.trim(), sort: sort!, active: draft.active,
      ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    };
    const saved = await submit.run(() => (editing ? deskAdminApi.updateCategory(editing.id, input) : deskAdminApi.createCategory(officeId, input, key.current)));
    key.current = newIdempotencyKey();
    if (!saved) return;
    await queryClient.invalidateQueries({ queryKey: deskAdminKeys.categories(officeId) });
    setEditing(null);
    setDraft(draftOf(null, nextSort + 10));
    setDone(t('deskAdmin.categories.saved', { label: `${saved.prefix} — ${saved.name}` }));
  };

  const title = editing ? t('deskAdmin.categories.editTitle', { label: `${editing.prefix} — ${editing.name}` }) : t('deskAdmin.categories.newTitle');
  const labelFor = (k: string) => t(`deskAdmin.categories.fields.${k}`, { defaultValue: k });

  return (
    <>
      <h3 className="h4">{t('deskAdmin.categories.title')}</h3>
      <p>{t('deskAdmin.categories.lead')}</p>
      <DoneMessage message={done} />
      {categories.isPending ? (
        <Loading />
      ) : categories.isError ? (
        <ErrorMessage error={categories.error} retry={() => void categories.refetch()} />
      ) : items.length === 0 ? (
        <p className="sp-empty-note">{t('deskAdmin.categories.empty')}</p>
      ) : (
        <Table className="sp-catalog-table sp-da-table">
          <caption className="visually-hidden">{t('deskAdmin.categories.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('deskAdmin.categories.fields.prefix')}</th>
              <th scope="col">{t('deskAdmin.categories.fields.name')}</th>
              <th scope="col" className="d-none d-md-table-cell">{t('deskAdmin.categories.fields.sort')}</th>
              <th scope="col"><span className="visually-hidden">{t('deskAdmin.colActions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td><span className="sp-da-letter">{c.prefix}</span></td>
                <td>
                  <span className="fw-semibold">{c.name}</span> <ActiveBadge active={c.active} feminine />
                  {c.description && <div className="small">{c.description}</div>}
                </td>
                <td className="d-none d-md-table-cell">{c.sort}</td>
                <td>
                  <Button type="button" color="primary" outline size="sm" onClick={() => startEdit(c)}>
                    {t('deskAdmin.edit')}
                    <span className="visually-hidden"> {`${c.prefix} — ${c.name}`}</span>
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
          <div className="sp-da-numbers">
            <TextField id={controlId(FORM, 'prefix')} label={t('deskAdmin.categories.fields.prefix')} hint={t('deskAdmin.categories.prefixHint')}
              value={draft.prefix} onValueChange={(v) => set({ prefix: v.toUpperCase().slice(0, 1) })} error={submit.errorFor('prefix')}
              required maxLength={1} autoCapitalize="characters" className="sp-da-number" />
            <TextField id={controlId(FORM, 'name')} label={t('deskAdmin.categories.fields.name')} value={draft.name}
              onValueChange={(name) => set({ name })} error={submit.errorFor('name')} required maxLength={80} className="sp-da-grow" />
          </div>
          <TextAreaField id={controlId(FORM, 'description')} label={t('deskAdmin.categories.fields.description')} hint={t('deskAdmin.categories.descriptionHint')}
            value={draft.description} onValueChange={(description) => set({ description })} error={submit.errorFor('description')} rows={2} />
          <NativeField id={controlId(FORM, 'sort')} type="number" label={t('deskAdmin.categories.fields.sort')} hint={t('deskAdmin.categories.sortHint')}
            value={draft.sort} onValueChange={(sort) => set({ sort })} error={submit.errorFor('sort')} className="sp-da-number" />
          <CheckboxField id={controlId(FORM, 'active')} label={t('deskAdmin.categories.fields.active')} checked={draft.active} onCheckedChange={(active) => set({ active })} />
          <div className="d-flex flex-wrap gap-2 mt-2">
            <Button type="submit" color="primary" disabled={submit.submitting}>
              {submit.submitting ? t('admin.saving') : editing ? t('deskAdmin.categories.save') : t('deskAdmin.categories.create')}
            </Button>
            {editing && <Button type="button" color="secondary" outline onClick={() => startEdit(null)}>{t('deskAdmin.categories.cancelEdit')}</Button>}
          </div>
        </form>
      </div>
    </>
  );
}
