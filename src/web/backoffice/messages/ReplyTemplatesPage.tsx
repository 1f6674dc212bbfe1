/**
 * /backoffice/amministrazione/risposte — the body's reply templates: the ready answers operators insert in a
 * message to the citizen. The list (title, the start of the text, last change), a form that creates one or edits
 * the one chosen, and deletion after confirmation. The server's refusals (a title already used, a text too long)
 * appear next to the field concerned and in a summary that takes the focus; nothing typed is lost.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router';
import type { Operator } from '../../api/types';
import type { ReplyTemplate } from '../../../contracts/messaging';
import { newIdempotencyKey } from '../../api/client';
import { TextAreaField, TextField } from '../../ui/fields';
import { ErrorMessage, Loading, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs } from '../admin/AdminLayout';
import { ActionOutcome, ConfirmButton, controlId, FormErrorSummary, useFormSubmit } from '../admin/forms';
import { formatDateTime } from '../admin/labels';
import { REPLY_PLACEHOLDERS, replyTemplateKeys, replyTemplatesApi, useReplyTemplates } from '../workspace/replyTemplates';

const FORM = 'risposta';
const excerpt = (text: string) => (text.length > 160 ? `${text.slice(0, 157).trimEnd()}…` : text);

export default function ReplyTemplatesPage() {
  const { t, i18n } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('thread.templatesPage.title'));
  const templates = useReplyTemplates();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<ReplyTemplate | null>(null);
  const [values, setValues] = useState({ title: '', body: '' });
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = useFormSubmit();
  // a retried creation of the same text is recognised by the server; a different text is a new template
  const key = useRef<{ signature: string; key: string } | null>(null);
  const titleId = controlId(FORM, 'title');

  const startEdit = (template: ReplyTemplate) => {
    setEditing(template);
    setValues({ title: template.title, body: template.body });
    setDone(null);
    submit.clear();
    window.setTimeout(() => {
      document.getElementById('risposta-form-title')?.scrollIntoView({ block: 'start' });
      document.getElementById(titleId)?.focus();
    }, 0);
  };

  const reset = () => {
    setEditing(null);
    setValues({ title: '', body: '' });
    submit.clear();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    setFailure(null);
    const input = { title: values.title.trim(), body: values.body.trim() };
    const local: Record<string, string> = {};
    if (!input.title) local.title = t('thread.templatesPage.titleRequired');
    else if (input.title.length > 120) local.title = t('thread.templatesPage.titleTooLong');
    if (!input.body) local.body = t('thread.templatesPage.bodyRequired');
    else if (input.body.length > 5000) local.body = t('thread.templatesPage.bodyTooLong');
    if (Object.keys(local).length) return submit.fail(local);
    const result = await submit.run(() => {
      if (editing) return replyTemplatesApi.update(editing.id, input);
      const signature = JSON.stringify(input);
      if (!key.current || key.current.signature !== signature) key.current = { signature, key: newIdempotencyKey() };
      return replyTemplatesApi.create(input, key.current.key);
    });
    if (result) {
      key.current = null;
      setDone(t(editing ? 'thread.templatesPage.updated' : 'thread.templatesPage.created', { title: result.title }));
      reset();
      await queryClient.invalidateQueries({ queryKey: replyTemplateKeys.all });
    }
  };

  const remove = async (template: ReplyTemplate) => {
    setDone(null);
    setFailure(null);
    try {
      await replyTemplatesApi.remove(template.id);
      if (editing?.id === template.id) reset();
      setDone(t('thread.templatesPage.deleted', { title: template.title }));
      await queryClient.invalidateQueries({ queryKey: replyTemplateKeys.all });
    } catch {
      setFailure(t('thread.templatesPage.deleteFailed', { title: template.title }));
    }
  };

  const items = templates.data?.items ?? [];
  const labelFor = (k: string) => t(`thread.templatesPage.fields.${k}`, { defaultValue: k });

  return (
    <>
      <AdminCrumbs items={[{ label: t('thread.templatesPage.title') }]} />
      <h1>{t('thread.templatesPage.title')}</h1>
      <p>{t('thread.templatesPage.lead', { name: operator.tenant.name })}</p>

      <ActionOutcome done={done} failure={failure} />

      <section aria-labelledby="risposte-elenco" className="mb-4">
        <h2 id="risposte-elenco" className="h4">
          {t('thread.templatesPage.listTitle')}
        </h2>
        {templates.isPending ? (
          <Loading />
        ) : templates.isError ? (
          <ErrorMessage error={templates.error} retry={() => void templates.refetch()} />
        ) : items.length === 0 ? (
          <p>{t('thread.templatesPage.empty')}</p>
        ) : (
          <ul className="list-unstyled sp-reply-list">
            {items.map((x) => (
              <li key={x.id} className="border rounded p-3 mb-2">
                <h3 className="h5 mb-1">{x.title}</h3>
                <p className="mb-1" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                  {excerpt(x.body)}
                </p>
                <p className="small mb-2">{t('thread.templatesPage.updatedAt', { when: formatDateTime(x.updatedAt, i18n.language) })}</p>
                <div className="d-flex flex-wrap gap-2 align-items-start">
                  <Button type="button" color="primary" outline size="sm" onClick={() => startEdit(x)}>
                    {t('thread.templatesPage.edit')}
                    <span className="visually-hidden"> {x.title}</span>
                  </Button>
                  <ConfirmButton
                    label={
                      <>
                        {t('thread.templatesPage.delete')}
                        <span className="visually-hidden"> {x.title}</span>
                      </>
                    }
                    question={t('thread.templatesPage.deleteQuestion', { title: x.title })}
                    confirmLabel={t('thread.templatesPage.deleteConfirm')}
                    onConfirm={() => remove(x)}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="risposta-form-title">
        <h2 id="risposta-form-title" className="h4" tabIndex={-1}>
          {editing ? t('thread.templatesPage.editTitle', { title: editing.title }) : t('thread.templatesPage.new')}
        </h2>
        <FormErrorSummary problem={submit.problem} form={FORM} labelFor={labelFor} focusRef={submit.summaryRef} />
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="risposta-form-title" className="col-12 col-lg-9 px-0">
          <TextField
            id={titleId}
            label={t('thread.templatesPage.fields.title')}
            hint={t('thread.templatesPage.titleHint')}
            value={values.title}
            onValueChange={(title) => setValues((v) => ({ ...v, title }))}
            error={submit.errorFor('title')}
            required
            autoComplete="off"
          />
          <TextAreaField
            id={controlId(FORM, 'body')}
            label={t('thread.templatesPage.fields.body')}
            hint={
              <>
                {t('thread.templatesPage.bodyHint')}{' '}
                {REPLY_PLACEHOLDERS.map((p, i) => (
                  <span key={p}>
                    {i > 0 && ', '}
                    <code>{`{{${p}}}`}</code> ({t(`thread.templatesPage.placeholders.${p}`)})
                  </span>
                ))}
                .
              </>
            }
            value={values.body}
            onValueChange={(body) => setValues((v) => ({ ...v, body }))}
            error={submit.errorFor('body')}
            rows={8}
            required
          />
          <div className="d-flex flex-wrap gap-2">
            <Button type="submit" color="primary" disabled={submit.submitting}>
              {submit.submitting ? t('admin.saving') : editing ? t('thread.templatesPage.save') : t('thread.templatesPage.create')}
            </Button>
            {editing && (
              <Button type="button" color="secondary" outline onClick={reset}>
                {t('thread.templatesPage.cancelEdit')}
              </Button>
            )}
          </div>
        </form>
      </section>
    </>
  );
}
