/**
 * The form as the citizen will see it, live: one step at a time (chosen with a select, or with the citizen's own
 * "Avanti" and "Indietro"), drawn with the citizen's renderer — the same @rjsf theme, validator, step schema and
 * prefill marks (src/web/citizen/application) — with sample values in the prefilled fields ("Mario", "Rossi").
 * "Avanti" runs the step's checks as the citizen's page does. A schema that is not valid JSON, that AJV cannot
 * compile, or that the renderer refuses shows "Anteprima non disponibile: …" instead.
 */
import Form from '@rjsf/core';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import localizeEn from 'ajv-i18n/localize/en';
import localizeIt from 'ajv-i18n/localize/it';
import { Component, useDeferredValue, useEffect, useMemo, useRef, useState, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../contracts/applications';
import { PREFILL_SOURCE_ORIGIN, type PrefillSource, type ServiceForm } from '../../../../contracts/forms';
import { AttachmentsStep } from '../../../citizen/application/AttachmentsStep';
import EvalFreeAjv from '../../../citizen/application/evalFreeAjv';
import {
  formIdPrefix,
  isObject,
  pageSteps,
  pointerSegments,
  schemaAt,
  stepSchema,
  stepUiSchema,
  valueAt,
  type JsonObject,
  type Origin,
} from '../../../citizen/application/formModel';
import { fields, templates, widgets, type FormContext } from '../../../citizen/application/rjsfTheme';
import { errorTransformer, validatorFor } from '../../../citizen/application/validation';
import '../../../citizen/application/application.css';
import { SelectField } from '../../../ui/fields';
import { Notice } from '../../../ui/status';

/** Sample data for the prefilled fields, by source. */
const SAMPLE: Record<PrefillSource, unknown> = {
  'applicant.givenName': 'Mario',
  'applicant.familyName': 'Rossi',
  'applicant.fiscalCode': 'RSSMRA80A01H501U',
  'applicant.birthDate': '1980-01-01',
  'applicant.birthPlace': 'Roma',
  'applicant.email': 'mario.rossi@esempio.it',
  'applicant.phone': '+39 340 123 4567',
  'applicant.address': 'Via Roma 1, 24029 Castelrocca (BG)',
  'subject.givenName': 'Mario',
  'subject.familyName': 'Rossi',
  'subject.fiscalCode': 'RSSMRA80A01H501U',
  'subject.birthDate': '1980-01-01',
  'subject.birthPlace': 'Roma',
  'subject.citizenship': 'Italiana',
  'subject.address': 'Via Roma 1, 24029 Castelrocca (BG)',
  'subject.family': [
    { givenName: 'Mario', familyName: 'Rossi', fiscalCode: 'RSSMRA80A01H501U', birthDate: '1980-01-01', relation: 'Intestatario' },
    { givenName: 'Anna', familyName: 'Bianchi', fiscalCode: 'BNCNNA82B41H501Q', birthDate: '1982-02-01', relation: 'Coniuge' },
  ],
  'company.name': 'Rossi Costruzioni S.r.l.',
  'company.fiscalCode': '01234567890',
  'company.legalForm': 'Società a responsabilità limitata',
  'company.address': 'Via Roma 1, 24029 Castelrocca (BG)',
};

/**
 * What makes AJV refuse to compile a schema, found without compiling it (the portal's Content-Security-Policy
 * forbids AJV's code generation): the schema checked against the draft-07 meta-schema by the citizen's
 * interpreter (EvalFreeAjv), patterns that are not regular expressions, and references that lead nowhere.
 * The server compiles it with AJV when publishing and has the last word.
 */
const checkMeta = new EvalFreeAjv().compile(draft07 as Record<string, unknown>);

function compileProblem(schema: JsonObject, lng: string): string | null {
  if (!checkMeta(schema)) {
    const errors = [...(checkMeta.errors ?? [])];
    (lng === 'en' ? localizeEn : localizeIt)(errors);
    const first = errors[0];
    return first ? `${first.instancePath || '/'} ${first.message ?? ''}`.trim() : 'schema';
  }
  const problems: string[] = [];
  const walk = (node: unknown, at: string, depth: number) => {
    if (depth > 40 || problems.length) return;
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`, depth + 1));
    if (!isObject(node)) return;
    if (typeof node.pattern === 'string') {
      try {
        new RegExp(node.pattern, 'u');
      } catch (error) {
        problems.push(`${at}/pattern: ${(error as Error).message}`);
      }
    }
    if (isObject(node.patternProperties)) {
      for (const key of Object.keys(node.patternProperties)) {
        try {
          new RegExp(key, 'u');
        } catch (error) {
          problems.push(`${at}/patternProperties: ${(error as Error).message}`);
        }
      }
    }
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
      if (valueAt(schema, node.$ref.slice(1)) === undefined) problems.push(`${at}/$ref: can't resolve reference ${node.$ref}`);
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') walk(child, `${at}/${key}`, depth + 1);
  };
  walk(schema, '', 0);
  return problems[0] ?? null;
}

/** `data` with `value` at `segments`, where nothing is there yet. */
function withValue(data: JsonObject, segments: string[], value: unknown): JsonObject {
  if (segments.length === 0) return data;
  const [head, ...rest] = segments as [string, ...string[]];
  if (rest.length === 0) return data[head] === undefined ? { ...data, [head]: value } : data;
  const child = isObject(data[head]) ? (data[head] as JsonObject) : {};
  return { ...data, [head]: withValue(child, rest, value) };
}

/** Catches what the renderer throws on a schema it cannot draw; tries again when the form changes. */
class PreviewBoundary extends Component<{ form: unknown; render: (message: string) => ReactNode; children: ReactNode }, { error: string | null }> {
  state = { error: null as string | null };
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  componentDidCatch(_error: unknown, _info: ErrorInfo) {
    // shown in place of the preview; nothing to report
  }
  componentDidUpdate(previous: { form: unknown }) {
    if (previous.form !== this.props.form && this.state.error) this.setState({ error: null });
  }
  render() {
    return this.state.error ? this.props.render(this.state.error) : this.props.children;
  }
}

interface FormPreviewProps {
  /** the form as it would be published; null when a document is not valid JSON */
  form: ServiceForm | null;
  /** why `form` is null */
  unavailable: string | null;
}

export function FormPreview(props: FormPreviewProps) {
  const { t, i18n } = useTranslation();
  // typing stays quick: the preview follows a moment later
  const form = useDeferredValue(props.form);
  const unavailable = useDeferredValue(props.unavailable);
  const compileError = useMemo(() => (form ? compileProblem(form.schema as JsonObject, i18n.language) : null), [form, i18n.language]);
  const reason = unavailable ?? (compileError ? t('formEditor.preview.compile', { message: compileError }) : null);
  const notAvailable = (message: string) => (
    <Notice tone="warning" role="status" className="sp-preview-unavailable">
      <p className="mb-0">{t('formEditor.preview.unavailable', { reason: message })}</p>
    </Notice>
  );

  return (
    <section className="sp-form-preview" aria-labelledby="form-preview-title">
      <h2 id="form-preview-title" className="h4">
        {t('formEditor.preview.title')}
      </h2>
      <p className="sp-preview-note mb-2">{t('formEditor.preview.note')}</p>
      {!form || reason ? (
        notAvailable(reason ?? '')
      ) : (
        <PreviewBoundary form={form} render={notAvailable}>
          <PreviewSteps form={form} />
        </PreviewBoundary>
      )}
    </section>
  );
}

function PreviewSteps({ form }: { form: ServiceForm }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const steps = useMemo(() => pageSteps(form, t).filter((s) => s.kind !== 'summary'), [form, t]);
  const [selected, setSelected] = useState<string | null>(null);
  const index = Math.max(0, steps.findIndex((s) => s.id === selected));
  const step = steps[index];
  const [data, setData] = useState<JsonObject>({});
  const formRef = useRef<Form>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const validator = validatorFor(lng);

  const prefilled = useMemo(() => {
    const out: Record<string, Origin> = {};
    for (const [pointer, source] of Object.entries(form.prefill)) if (PREFILL_SOURCE_ORIGIN[source]) out[pointer] = PREFILL_SOURCE_ORIGIN[source];
    return out;
  }, [form]);
  const application = useMemo(() => ({ prefilled }), [prefilled]);

  /** The answers typed in the preview, with the sample values in the prefilled fields that are still empty. */
  const shown = useMemo(() => {
    let out = data;
    for (const [pointer, source] of Object.entries(form.prefill)) {
      const segments = pointerSegments(pointer);
      if (SAMPLE[source] === undefined || valueAt(out, pointer) !== undefined) continue;
      const target = schemaAt(form.schema as JsonObject, pointer);
      if (!target) continue;
      out = withValue(out, segments, SAMPLE[source]);
    }
    return out;
  }, [data, form]);

  const context: FormContext = useMemo(() => ({ t, lng, originLabel: (origin: Origin) => t(`application.prefill.origin.${origin}`) }), [t, lng]);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    headingRef.current?.focus();
  }, [index]);

  if (!step) return <p className="text-muted-sp">{t('formEditor.preview.noSteps')}</p>;

  const go = (target: number) => {
    moved.current = true;
    setSelected(steps[target]?.id ?? null);
  };
  const stepPrefill = Object.keys(prefilled).some((p) => pointerSegments(p)[0] === step.id);
  const origins = [...new Set(Object.entries(prefilled).filter(([p]) => pointerSegments(p)[0] === step.id).map(([, o]) => o))];
  const schema = step.kind === 'form' ? stepSchema(form, step.id) : null;
  const ui = step.kind === 'form' ? stepUiSchema(form, application, step.id) : null;
  const isLast = index === steps.length - 1;

  const nav = (forwardAsSubmit: boolean) => (
    <div className="sp-step-nav">
      {index > 0 && (
        <button type="button" className="btn btn-outline-primary sp-step-back" onClick={() => go(index - 1)}>
          <span aria-hidden="true">← </span>
          {t('application.nav.back')}
        </button>
      )}
      {!isLast && (
        <button type={forwardAsSubmit ? 'submit' : 'button'} className="btn btn-primary sp-step-next" onClick={forwardAsSubmit ? undefined : () => go(index + 1)}>
          {t('application.nav.next')}
          <span className="visually-hidden">: {steps[index + 1]?.title}</span>
          <span aria-hidden="true"> →</span>
        </button>
      )}
    </div>
  );

  return (
    <>
      <SelectField
        id="form-preview-step"
        className="sp-preview-step-select"
        label={t('formEditor.preview.step')}
        value={step.id}
        onValueChange={(v) => setSelected(v)}
        options={steps.map((s, i) => ({ value: s.id, label: `${i + 1}. ${s.title || s.id}` }))}
      />
      <div className="sp-preview sp-form-preview-frame">
        <p className="sp-step-kicker">{t('application.steps.stepOf', { n: index + 1, total: steps.length + 1 })}</p>
        <h3 ref={headingRef} tabIndex={-1} className="sp-step-heading h2">
          {step.title}
        </h3>
        {step.description && <p className="sp-step-description">{step.description}</p>}
        {stepPrefill && (
          <Notice tone="info" role="note" className="sp-prefill-note">
            <p className="mb-0">{t('application.prefill.note', { origins: origins.map((o) => context.originLabel(o)).join(` ${t('application.attachments.and')} `) })}</p>
          </Notice>
        )}
        {step.kind === 'form' && schema && ui && (
          <>
            <p className="sp-required-note">{t('application.form.requiredNote')}</p>
            <Form
              key={step.id}
              ref={formRef}
              className="sp-rjsf"
              schema={schema as never}
              uiSchema={ui as never}
              formData={shown[step.id] ?? {}}
              validator={validator}
              templates={templates}
              widgets={widgets}
              fields={fields}
              formContext={context}
              idPrefix={formIdPrefix(step.id)}
              noHtml5Validate
              showErrorList={false}
              omitExtraData
              liveOmit="onChange"
              transformErrors={errorTransformer(schema, ui, t)}
              onChange={(e) => setData((d) => ({ ...d, [step.id]: isObject(e.formData) ? e.formData : {} }))}
              onSubmit={() => go(index + 1)}
            >
              {nav(true)}
            </Form>
          </>
        )}
        {step.kind === 'attachments' && (
          <>
            {/* the citizen's documents step, disabled: nothing can be uploaded from a preview */}
            <fieldset disabled className="sp-preview-disabled">
              <AttachmentsStep application={{ id: 'anteprima', attachments: [] } as unknown as ApplicationDetail} form={form} data={shown} missing={{}} onRevision={() => undefined} />
            </fieldset>
            {nav(false)}
          </>
        )}
      </div>
    </>
  );
}
