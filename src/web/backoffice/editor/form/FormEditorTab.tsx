/**
 * The editor's "Modulo online" tab: whether the service is applied for online with Sportello (a switch that adds
 * a starter form, or removes the form after a confirmation), and the form itself — JSON Schema and UI schema as
 * text, steps, prefilled data, documents and limits, the application window and who files — beside a live
 * preview of the citizen's form (below it on a phone). It only edits the draft; publication is the page's.
 */
import { Button } from 'design-react-kit';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormStep } from '../../../../contracts/forms';
import { Loading, Notice } from '../../../ui/status';
import { fieldId } from '../../editorModel';
import { AttachmentsEditor } from './AttachmentsEditor';
import { formDraftFromForm, formDraftToForm, schemaFields, starterForm, stepCandidates, type FormDraft } from './formDraft';
import { JsonEditor } from './JsonEditor';
import { jsonProblemText, useFormMessages } from './labels';
import { formatJson, parseJsonObject } from './jsonText';
import { PrefillEditor } from './PrefillEditor';
import { StepsEditor } from './StepsEditor';
import { WindowEditor } from './WindowEditor';
import './formEditor.css';

// the citizen's renderer (@rjsf, AJV) is loaded when the tab is first shown
const FormPreview = lazy(() => import('./FormPreview').then((m) => ({ default: m.FormPreview })));

export interface FormEditorTabProps {
  form: FormDraft | null;
  onChange: (form: FormDraft | null) => void;
  errorFor: (key: string) => string | undefined;
  /** whether the tab is shown (the preview is drawn only then) */
  active: boolean;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="sp-editor-group sp-form-section" aria-labelledby={id}>
      <h2 id={id} className="h4 sp-form-section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default function FormEditorTab({ form, onChange, errorFor, active }: FormEditorTabProps) {
  const { t } = useTranslation();
  const messages = useFormMessages();
  const [confirming, setConfirming] = useState(false);
  const [announce, setAnnounce] = useState('');
  // the form removed in this session, so that switching back on brings it back rather than a starter form
  const removed = useRef<FormDraft | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const switchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const schema = useMemo(() => (form ? parseJsonObject(form.schemaText) : null), [form?.schemaText]); // eslint-disable-line react-hooks/exhaustive-deps
  const uiSchema = useMemo(() => (form ? parseJsonObject(form.uiSchemaText) : null), [form?.uiSchemaText]); // eslint-disable-line react-hooks/exhaustive-deps
  const stepTitles = JSON.stringify(Object.fromEntries((form?.steps ?? []).map((s) => [s.id.trim(), s.title])));
  const fields = useMemo(
    () => (schema?.ok ? schemaFields(schema.value, uiSchema?.ok ? uiSchema.value : {}, JSON.parse(stepTitles) as Record<string, string>) : null),
    [schema, uiSchema, stepTitles],
  );
  const candidates = useMemo(() => (schema?.ok ? stepCandidates(schema.value) : null), [schema]);
  const conversion = useMemo(() => (form ? formDraftToForm(form, messages) : null), [form, messages]);
  const unavailable = !form
    ? null
    : schema && !schema.ok
      ? t('formEditor.preview.badJson', { what: t('formEditor.sections.schema'), problem: jsonProblemText(schema.problem, t) })
      : uiSchema && !uiSchema.ok
        ? t('formEditor.preview.badJson', { what: t('formEditor.sections.uiSchema'), problem: jsonProblemText(uiSchema.problem, t) })
        : null;

  const patch = (values: Partial<FormDraft>) => form && onChange({ ...form, ...values });

  const turnOn = () => {
    onChange(removed.current ?? formDraftFromForm(starterForm()));
    setAnnounce(removed.current ? t('formEditor.switch.restored') : t('formEditor.switch.added'));
    removed.current = null;
  };
  const confirmRemove = () => {
    removed.current = form;
    setConfirming(false);
    onChange(null);
    setAnnounce(t('formEditor.switch.removed'));
    switchRef.current?.focus();
  };

  /** Adds `{ type: object }` for a step whose id the schema lacks (the text is laid out again). */
  const createInSchema = (step: FormStep) => {
    if (!form || !schema?.ok) return;
    const properties = schema.value.properties && typeof schema.value.properties === 'object' ? (schema.value.properties as Record<string, unknown>) : {};
    const next = { ...schema.value, properties: { ...properties, [step.id]: { type: 'object', title: step.title || step.id, properties: {} } } };
    patch({ schemaText: formatJson(next) });
  };

  return (
    <div className="sp-form-editor">
      <div className="sp-form-switch">
        {/* Bootstrap Italia's toggle: the native checkbox (role switch) lies, transparent, over the lever */}
        <div className="toggles sp-switch">
          <label htmlFor={fieldId('form')}>
            <span className="sp-switch-text">{t('formEditor.switch.label')}</span>
            <input
              ref={switchRef}
              type="checkbox"
              role="switch"
              id={fieldId('form')}
              checked={form !== null}
              aria-describedby="form-switch-hint"
              onChange={(e) => {
                if (e.target.checked) {
                  setConfirming(false);
                  turnOn();
                } else setConfirming(true);
              }}
            />
            <span className="lever" aria-hidden="true" />
          </label>
        </div>
        <p id="form-switch-hint" className="form-text sp-hint">
          {form ? t('formEditor.switch.onHint') : t('formEditor.switch.offHint')}
        </p>
        {errorFor('form') && <p className="invalid-feedback d-block sp-field-error">{errorFor('form')}</p>}
        <p className="visually-hidden" role="status">
          {announce}
        </p>
      </div>

      {confirming && form && (
        <Notice tone="warning" role="none" focusRef={confirmRef} className="sp-form-confirm" aria-labelledby="form-remove-title">
          <p id="form-remove-title" className="fw-semibold mb-1">
            {t('formEditor.confirm.title')}
          </p>
          <p className="mb-2">{t('formEditor.confirm.body')}</p>
          <div className="d-flex flex-wrap gap-2">
            <Button type="button" color="danger" size="sm" onClick={confirmRemove}>
              {t('formEditor.confirm.remove')}
            </Button>
            <Button
              type="button"
              color="secondary"
              outline
              size="sm"
              onClick={() => {
                setConfirming(false);
                switchRef.current?.focus();
              }}
            >
              {t('formEditor.confirm.keep')}
            </Button>
          </div>
        </Notice>
      )}

      {form && (
        <p className="sp-skip-preview d-lg-none">
          <a href="#form-preview-title">{t('formEditor.preview.skip')}</a>
        </p>
      )}

      {form && (
        <div className="row sp-form-layout">
          <div className="col-12 col-lg-7 col-xl-8">
            <form onSubmit={(e) => e.preventDefault()} noValidate aria-label={t('formEditor.formLabel')} className="sp-editor-form">
              <Section id="form-section-steps" title={t('formEditor.sections.steps')}>
                <StepsEditor steps={form.steps} onChange={(steps) => patch({ steps })} errorFor={errorFor} candidates={candidates} onCreateInSchema={createInSchema} />
              </Section>
              <Section id="form-section-schema" title={t('formEditor.sections.fields')}>
                <JsonEditor
                  name="form/schema"
                  label={t('formEditor.sections.schema')}
                  hint={t('formEditor.hints.schema')}
                  value={form.schemaText}
                  onChange={(schemaText) => patch({ schemaText })}
                  error={errorFor('form/schema')}
                  rows={18}
                />
                <JsonEditor
                  name="form/uiSchema"
                  label={t('formEditor.sections.uiSchema')}
                  hint={t('formEditor.hints.uiSchema')}
                  value={form.uiSchemaText}
                  onChange={(uiSchemaText) => patch({ uiSchemaText })}
                  error={errorFor('form/uiSchema')}
                  rows={10}
                />
              </Section>
              <Section id="form-section-prefill" title={t('formEditor.sections.prefill')}>
                <PrefillEditor rows={form.prefill} onChange={(prefill) => patch({ prefill })} errorFor={errorFor} fields={fields} />
              </Section>
              <Section id="form-section-attachments" title={t('formEditor.sections.attachments')}>
                <AttachmentsEditor
                  attachments={form.attachments}
                  onChange={(attachments) => patch({ attachments })}
                  limits={form.limits}
                  onLimitsChange={(limits) => patch({ limits })}
                  errorFor={errorFor}
                  fields={fields}
                />
              </Section>
              <Section id="form-section-window" title={t('formEditor.sections.window')}>
                <WindowEditor
                  window={form.window}
                  onWindowChange={(window) => patch({ window })}
                  filedBy={form.filedBy}
                  onFiledByChange={(filedBy) => patch({ filedBy })}
                  errorFor={errorFor}
                />
              </Section>
            </form>
          </div>
          <div className="col-12 col-lg-5 col-xl-4">
            <div className="sp-form-preview-column">{active && (
                <Suspense fallback={<Loading />}>
                  <FormPreview form={conversion?.form ?? null} unavailable={unavailable} />
                </Suspense>
              )}</div>
          </div>
        </div>
      )}
    </div>
  );
}
