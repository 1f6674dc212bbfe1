/**
 * /backoffice/amministrazione/messaggi: the body's own wording of each message, per kind (event), channel and
 * language. The placeholders the kind uses are buttons that insert themselves at the cursor; the preview shows the
 * message as it arrives (IO's minimum lengths, the SMS cut) with the problems that would stop it being saved.
 * Edits are kept per kind, channel and language while the administrator moves between them.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button } from 'design-react-kit';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router';
import {
  CHANNEL_LIMITS, MESSAGE_PLACEHOLDERS, type EffectiveTemplate, type MessageChannel, type MessageKind, type MessageLanguage,
} from '../../../contracts/messaging';
import type { Operator } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs } from '../admin/AdminLayout';
import { ConfirmButton, controlId, FormErrorSummary, useFormSubmit } from '../admin/forms';
import { formatDateTime } from '../admin/labels';
import { adminMessageKeys, adminMessagesApi, TEMPLATE_CHANNELS, TEMPLATE_KINDS, useTemplates, type Preview, type TemplateList } from './adminMessagesApi';
import './messages-admin.css';

const FORM = 'modello';
type Field = 'subject' | 'body';
interface Draft { subject: string; body: string }

export default function MessageTemplatesPage() {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('messages.admin.templates.title'));
  const templates = useTemplates();
  return (
    <>
      <AdminCrumbs items={[{ label: t('messages.admin.templates.title') }]} />
      <h1>{t('messages.admin.templates.title')}</h1>
      <p>{t('messages.admin.templates.lead', { name: operator.tenant.name })}</p>
      {templates.isPending ? (
        <Loading />
      ) : templates.isError ? (
        <ErrorMessage error={templates.error} retry={() => void templates.refetch()} />
      ) : (
        <TemplateEditor list={templates.data} />
      )}
    </>
  );
}

function TemplateEditor({ list }: { list: TemplateList }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<MessageKind>('receipt');
  const [channel, setChannel] = useState<MessageChannel>('email');
  const [language, setLanguage] = useState<MessageLanguage>('it');
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [done, setDone] = useState<string | null>(null);
  const lastField = useRef<Field>('body');
  const form = useFormSubmit();

  const key = `${kind}/${channel}/${language}`;
  const current = list.items.find((i) => i.kind === kind && i.channel === channel && i.language === language);
  const stored: Draft = { subject: current?.subject ?? '', body: current?.body ?? '' };
  const draft = drafts[key] ?? stored;
  const dirty = draft.subject !== stored.subject || draft.body !== stored.body;
  const sms = channel === 'sms';
  const followBody = useCallback(() => {
    lastField.current = 'body';
  }, []);

  const edit = (field: Field, value: string) => {
    setDone(null);
    setDrafts((all) => ({ ...all, [key]: { ...(all[key] ?? stored), [field]: value } }));
  };
  const choose = (apply: () => void) => {
    form.clear();
    setDone(null);
    apply();
  };

  /** Inserts {{name}} where the cursor is in the field last used (the text, at first). */
  const insert = (placeholder: string) => {
    const field: Field = sms ? 'body' : lastField.current;
    const el = document.getElementById(controlId(FORM, field)) as HTMLInputElement | HTMLTextAreaElement | null;
    const text = draft[field];
    const token = `{{${placeholder}}}`;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    edit(field, text.slice(0, start) + token + text.slice(end));
    window.setTimeout(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    }, 0);
  };

  const save = useMutation({
    mutationFn: () => adminMessagesApi.saveTemplate(kind, channel, language, sms ? { body: draft.body } : { subject: draft.subject, body: draft.body }),
    onSuccess: (saved) => {
      queryClient.setQueryData<TemplateList>(adminMessageKeys.templates, (old) => old && ({ ...old, items: old.items.map((i) => (sameTemplate(i, saved) ? saved : i)) }));
      setDrafts(({ [key]: _saved, ...rest }) => rest);
      setDone(t('messages.admin.templates.saved'));
    },
  });
  const reset = useMutation({
    mutationFn: () => adminMessagesApi.resetTemplate(kind, channel, language),
    onSuccess: async () => {
      setDrafts(({ [key]: _reset, ...rest }) => rest);
      await queryClient.invalidateQueries({ queryKey: adminMessageKeys.templates });
      setDone(t('messages.admin.templates.resetDone'));
    },
  });

  const placeholders = list.placeholders[kind] ?? [];
  const others = MESSAGE_PLACEHOLDERS.filter((p) => !placeholders.includes(p));
  const fieldLabel = (k: string) => t(`messages.admin.templates.fields.${k}`, { defaultValue: k });

  return (
    <div className="sp-template-editor">
      <fieldset className="sp-template-choice">
        <legend className="h5">{t('messages.admin.templates.choose')}</legend>
        <div className="row g-3">
          <div className="col-12 col-md-5">
            <SelectField
              id="modello-tipo"
              label={t('messages.admin.templates.kind')}
              value={kind}
              onValueChange={(v) => choose(() => setKind(v as MessageKind))}
              options={TEMPLATE_KINDS.map((k) => ({ value: k, label: t(`messages.kinds.${k}`) }))}
            />
          </div>
          <div className="col-6 col-md-4">
            <SelectField
              id="modello-canale"
              label={t('messages.admin.templates.channel')}
              value={channel}
              onValueChange={(v) => choose(() => setChannel(v as MessageChannel))}
              options={TEMPLATE_CHANNELS.map((c) => ({ value: c, label: t(`messages.channels.${c}`) }))}
            />
          </div>
          <div className="col-6 col-md-3">
            <SelectField
              id="modello-lingua"
              label={t('messages.admin.templates.language')}
              value={language}
              onValueChange={(v) => choose(() => setLanguage(v === 'en' ? 'en' : 'it'))}
              options={[{ value: 'it', label: t('messages.languages.it') }, { value: 'en', label: t('messages.languages.en') }]}
            />
          </div>
        </div>
      </fieldset>

      <div className="row g-4">
        <div className="col-12 col-xl-7">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void form.run(() => save.mutateAsync());
            }}
            noValidate
            aria-labelledby="modello-titolo"
          >
            <h2 className="h4 mb-1" id="modello-titolo">
              {t(`messages.kinds.${kind}`)} · {t(`messages.channels.${channel}`)} · {t(`messages.languages.${language}`)}
            </h2>
            <p className="sp-template-state">
              {current?.isDefault ? (
                <Badge color="secondary" className="sp-badge">{t('messages.admin.templates.isDefault')}</Badge>
              ) : (
                <>
                  <Badge color="primary" className="sp-badge">{t('messages.admin.templates.isOwn')}</Badge>
                  {current?.updatedAt && <span className="small"> {t('messages.admin.templates.updatedAt', { date: formatDateTime(current.updatedAt, i18n.language) })}</span>}
                </>
              )}
              {dirty && <Badge color="warning" className="sp-badge ms-2">{t('messages.admin.templates.unsaved')}</Badge>}
            </p>
            <FormErrorSummary problem={form.problem} form={FORM} labelFor={fieldLabel} focusRef={form.summaryRef} />
            {sms ? (
              <p className="small">{t('messages.admin.templates.smsNoSubject')}</p>
            ) : (
              <TextField
                id={controlId(FORM, 'subject')}
                label={t('messages.admin.templates.subject')}
                value={draft.subject}
                onValueChange={(v) => edit('subject', v)}
                onFocus={() => { lastField.current = 'subject'; }}
                error={form.errorFor('subject')}
                maxLength={300}
              />
            )}
            <TextAreaField
              id={controlId(FORM, 'body')}
              label={t('messages.admin.templates.body')}
              value={draft.body}
              onValueChange={(v) => edit('body', v)}
              error={form.errorFor('body')}
              rows={sms ? 4 : 8}
            />
            <BodyFocus id={controlId(FORM, 'body')} onFocus={followBody} />

            <div className="sp-placeholders" role="group" aria-labelledby="segnaposto-titolo" aria-describedby="segnaposto-aiuto">
              <h3 className="h6 mb-1" id="segnaposto-titolo">{t('messages.admin.templates.placeholders')}</h3>
              <p className="small mb-2" id="segnaposto-aiuto">{t('messages.admin.templates.placeholdersHint')}</p>
              <PlaceholderButtons names={placeholders} onInsert={insert} />
              {others.length > 0 && (
                <details className="mt-2">
                  <summary>{t('messages.admin.templates.otherPlaceholders')}</summary>
                  <PlaceholderButtons names={others} onInsert={insert} />
                </details>
              )}
            </div>

            <div className="d-flex flex-wrap align-items-start gap-2 mt-3">
              <Button type="submit" color="primary" disabled={form.submitting || !dirty}>
                {t('messages.admin.templates.save')}
              </Button>
              {!current?.isDefault && (
                <ConfirmButton
                  label={t('messages.admin.templates.reset')}
                  question={t('messages.admin.templates.resetQuestion')}
                  confirmLabel={t('messages.admin.templates.resetConfirm')}
                  color="primary"
                  onConfirm={() => form.run(() => reset.mutateAsync())}
                />
              )}
            </div>
            <div role="status" className="mt-3">
              {done && <Notice tone="success" role="none"><p className="mb-0">{done}</p></Notice>}
            </div>
          </form>
        </div>
        <div className="col-12 col-xl-5">
          <PreviewPanel kind={kind} channel={channel} language={language} draft={draft} />
        </div>
      </div>
    </div>
  );
}

const sameTemplate = (a: EffectiveTemplate, b: EffectiveTemplate) => a.kind === b.kind && a.channel === b.channel && a.language === b.language;

/** TextAreaField takes no focus handler: the body's focus is followed on the element itself. */
function BodyFocus({ id, onFocus }: { id: string; onFocus: () => void }) {
  useEffect(() => {
    const el = document.getElementById(id);
    el?.addEventListener('focus', onFocus);
    return () => el?.removeEventListener('focus', onFocus);
  }, [id, onFocus]);
  return null;
}

function PlaceholderButtons({ names, onInsert }: { names: readonly string[]; onInsert: (name: string) => void }) {
  const { t } = useTranslation();
  return (
    <ul className="sp-placeholder-list">
      {names.map((name) => (
        <li key={name}>
          <button type="button" className="sp-placeholder" onClick={() => onInsert(name)}>
            <code>{`{{${name}}}`}</code>
            <span>{t(`messages.admin.placeholderLabels.${name}`, { defaultValue: name })}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The message as it arrives, asked of the server a moment after the last keystroke. */
function PreviewPanel({ kind, channel, language, draft }: { kind: MessageKind; channel: MessageChannel; language: MessageLanguage; draft: Draft }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useMemo(
    () => ({ kind, channel, language, ...(channel === 'sms' ? {} : { subject: draft.subject }), body: draft.body }),
    [kind, channel, language, draft.subject, draft.body],
  );

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(() => {
      adminMessagesApi.preview(input, controller.signal).then(
        (result) => {
          setPreview(result);
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setError(e);
          setLoading(false);
        },
      );
    }, 350);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [input]);

  const limits = CHANNEL_LIMITS[channel];
  return (
    <section className="sp-template-preview" aria-labelledby="anteprima-titolo" aria-busy={loading}>
      <h2 className="h4 mb-1" id="anteprima-titolo">{t('messages.admin.templates.preview')}</h2>
      <p className="small">{t('messages.admin.templates.previewHint')}</p>
      {error ? (
        <ErrorMessage error={error} />
      ) : !preview ? (
        <Loading label={t('messages.admin.templates.previewLoading')} />
      ) : (
        <>
          <div className="sp-preview-message" data-testid="anteprima">
            {preview.subject !== null && (
              <>
                <p className="sp-preview-label">{t('messages.admin.templates.previewSubject')}</p>
                <p className="sp-preview-subject" data-testid="anteprima-oggetto">{preview.subject}</p>
                {limits.subject && (
                  <p className="sp-preview-length">
                    {t('messages.admin.templates.lengthMin', { count: preview.subject.length, min: limits.subject[0], max: limits.subject[1] })}
                  </p>
                )}
              </>
            )}
            <p className="sp-preview-label">{t('messages.admin.templates.previewBody')}</p>
            <pre className="sp-preview-body" data-testid="anteprima-testo">{preview.body}</pre>
            <p className="sp-preview-length">
              {limits.body[0] > 1
                ? t('messages.admin.templates.lengthMin', { count: preview.body.length, min: limits.body[0], max: limits.body[1] })
                : t('messages.admin.templates.length', { count: preview.body.length, max: limits.body[1] })}
            </p>
          </div>
          <div role="status" className="mt-2">
            {preview.problems.length ? (
              <Notice tone="warning" role="none">
                <p className="fw-semibold mb-1">{t('messages.admin.templates.problems')}</p>
                <ul className="mb-0">
                  {preview.problems.map((p, i) => (
                    <li key={i}>{t(`messages.admin.templates.fields.${p.path}`, { defaultValue: p.path })}: {p.message}</li>
                  ))}
                </ul>
              </Notice>
            ) : (
              <p className="small mb-0">{t('messages.admin.templates.noProblems')}</p>
            )}
          </div>
        </>
      )}
    </section>
  );
}
