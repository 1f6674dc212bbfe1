/**
 * "Cosa serve": the documents the citizen attaches, each with an id, a title, a description, whether it is
 * required (always, never, or only when a field of the form has a given value), how many files of which types
 * and sizes; then the limits for all the files of an application together.
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_TYPES } from '../../../../contracts/forms';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { fieldId } from '../../editorModel';
import { emptyAttachment, type AttachmentDraft, type FormDraft, type RequiredMode, type SchemaField } from './formDraft';

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

interface AttachmentsEditorProps {
  attachments: AttachmentDraft[];
  onChange: (attachments: AttachmentDraft[]) => void;
  limits: FormDraft['limits'];
  onLimitsChange: (limits: FormDraft['limits']) => void;
  errorFor: (key: string) => string | undefined;
  fields: SchemaField[] | null;
}

/** A radio group with a legend (Bootstrap Italia markup). */
function Radios({ id, name, legend, value, options, onChange, error }: { id: string; name: string; legend: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void; error?: string }) {
  return (
    <fieldset className="sp-radio-group" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="sp-small-legend">{legend}</legend>
      {options.map((o) => (
        <div className="form-check form-check-inline sp-radio" key={o.value}>
          <input type="radio" id={`${id}-${o.value}`} name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
      {error && (
        <p id={`${id}-error`} className="invalid-feedback d-block sp-field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function Group({ id, legend, error, children }: { id: string; legend: string; error?: string; children: ReactNode }) {
  return (
    <fieldset className="sp-checkbox-group sp-inline-checks" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="sp-small-legend">{legend}</legend>
      {error && (
        <p id={`${id}-error`} className="invalid-feedback d-block sp-field-error">
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}

export function AttachmentsEditor({ attachments, onChange, limits, onLimitsChange, errorFor, fields }: AttachmentsEditorProps) {
  const { t } = useTranslation();
  const focus = useRef<number | 'add' | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const f = focus.current;
    if (f === null) return;
    focus.current = null;
    if (f === 'add') addRef.current?.focus();
    else document.getElementById(fieldId(`form/attachments/${f}/id`))?.focus();
  });

  const set = (index: number, values: Partial<AttachmentDraft>) => onChange(attachments.map((a, i) => (i === index ? { ...a, ...values } : a)));
  const remove = (index: number) => {
    focus.current = attachments.length > 1 ? Math.max(0, index - 1) : 'add';
    onChange(attachments.filter((_, i) => i !== index));
  };
  const add = () => {
    focus.current = attachments.length;
    onChange([...attachments, emptyAttachment()]);
  };

  const conditionFields = (fields ?? []).filter((f) => ['string', 'number', 'integer', 'boolean'].includes(f.type));
  const listError = errorFor('form/attachments');

  return (
    <div className="sp-list-editor" id={fieldId('form/attachments')}>
      <p className="form-text sp-hint mt-0">{t('formEditor.hints.attachments')}</p>
      {listError && <p className="invalid-feedback d-block sp-field-error">{listError}</p>}
      {attachments.length === 0 && <p className="text-muted-sp">{t('formEditor.noAttachments')}</p>}
      <ol className="list-unstyled sp-list-rows">
        {attachments.map((a, index) => {
          const row = t('formEditor.rows.attachments', { n: index + 1 });
          const key = (f: string) => `form/attachments/${index}/${f}`;
          const whenField = conditionFields.find((f) => f.pointer === a.whenPointer);
          const whenOptions = [
            ...conditionFields.map((f) => ({ value: f.pointer, label: f.label })),
            ...(a.whenPointer && !whenField ? [{ value: a.whenPointer, label: t('formEditor.staleField', { pointer: a.whenPointer }) }] : []),
          ];
          const whenError = errorFor(key('requiredWhen'));
          return (
            <li key={index} className="sp-form-row">
              <div className="sp-form-row-head">
                <h3 className="sp-form-row-title" id={`${fieldId(`form/attachments/${index}`)}-heading`}>
                  {row}
                  {a.title ? `: ${a.title}` : ''}
                </h3>
                <div className="sp-row-actions">
                  <Button type="button" color="danger" outline size="xs" onClick={() => remove(index)}>
                    {t('editor.remove')}
                    <span className="visually-hidden"> {row}</span>
                  </Button>
                </div>
              </div>
              <div className="sp-form-row-fields" role="group" aria-labelledby={`${fieldId(`form/attachments/${index}`)}-heading`}>
                <div className="sp-form-row-grid">
                  <TextField
                    id={fieldId(key('id'))}
                    className="sp-form-id-field"
                    label={t('formEditor.fields.attachment.id')}
                    hint={t('formEditor.hints.attachmentId')}
                    value={a.id}
                    onValueChange={(v) => set(index, { id: v })}
                    error={errorFor(key('id'))}
                    autoComplete="off"
                    spellCheck={false}
                  />
                  <TextField
                    id={fieldId(key('title'))}
                    className="flex-grow-1"
                    label={t('formEditor.fields.attachment.title')}
                    value={a.title}
                    onValueChange={(v) => set(index, { title: v })}
                    error={errorFor(key('title'))}
                  />
                </div>
                <TextAreaField
                  id={fieldId(key('description'))}
                  label={t('formEditor.fields.attachment.description')}
                  value={a.description}
                  onValueChange={(v) => set(index, { description: v })}
                  error={errorFor(key('description'))}
                  rows={2}
                />
                <Radios
                  id={fieldId(key('required'))}
                  name={`form-attachment-${index}-required`}
                  legend={t('formEditor.fields.attachment.required')}
                  value={a.mode}
                  onChange={(v) => set(index, { mode: v as RequiredMode })}
                  error={errorFor(key('required'))}
                  options={(['always', 'optional', 'when'] as const).map((m) => ({ value: m, label: t(`formEditor.required.${m}`) }))}
                />
                {a.mode === 'when' && (
                  <div className="sp-indented sp-when" id={fieldId(key('requiredWhen'))}>
                    <div className="sp-form-row-grid">
                      <SelectField
                        id={fieldId(key('requiredWhen/pointer'))}
                        className="flex-grow-1"
                        label={t('formEditor.fields.attachment.whenPointer')}
                        value={a.whenPointer}
                        onValueChange={(v) => set(index, { whenPointer: v, whenEquals: '' })}
                        options={whenOptions}
                        emptyLabel={t('editor.choose')}
                        error={whenError}
                      />
                      {whenField?.choices ? (
                        <SelectField
                          id={fieldId(key('requiredWhen/equals'))}
                          className="flex-grow-1"
                          label={t('formEditor.fields.attachment.whenEquals')}
                          value={a.whenEquals}
                          onValueChange={(v) => set(index, { whenEquals: v })}
                          options={whenField.choices.map((c) => ({
                            value: String(c.value),
                            label: typeof c.value === 'boolean' ? t(c.value ? 'formEditor.yes' : 'formEditor.no') : c.label,
                          }))}
                          emptyLabel={t('editor.choose')}
                        />
                      ) : (
                        <TextField
                          id={fieldId(key('requiredWhen/equals'))}
                          className="flex-grow-1"
                          label={t('formEditor.fields.attachment.whenEquals')}
                          value={a.whenEquals}
                          onValueChange={(v) => set(index, { whenEquals: v })}
                        />
                      )}
                    </div>
                  </div>
                )}
                <div className="sp-form-row-grid">
                  <TextField
                    id={fieldId(key('maxFiles'))}
                    className="sp-number-field"
                    type="number"
                    min={1}
                    max={20}
                    step={1}
                    inputMode="numeric"
                    label={t('formEditor.fields.attachment.maxFiles')}
                    value={a.maxFiles}
                    onValueChange={(v) => set(index, { maxFiles: v })}
                    error={errorFor(key('maxFiles'))}
                  />
                  <TextField
                    id={fieldId(key('maxSizeMb'))}
                    className="sp-number-field"
                    type="number"
                    min={1}
                    max={20}
                    step={1}
                    inputMode="numeric"
                    label={t('formEditor.fields.attachment.maxSizeMb')}
                    value={a.maxSizeMb}
                    onValueChange={(v) => set(index, { maxSizeMb: v })}
                    error={errorFor(key('maxSizeMb'))}
                  />
                </div>
                <Group id={fieldId(key('types'))} legend={t('formEditor.fields.attachment.types')} error={errorFor(key('types'))}>
                  {ATTACHMENT_TYPES.map((type) => (
                    <CheckboxField
                      key={type}
                      id={`${fieldId(key('types'))}-${TYPE_NAMES[type]}`}
                      label={TYPE_NAMES[type] ?? type}
                      checked={a.types.includes(type)}
                      onCheckedChange={(checked) => set(index, { types: checked ? ATTACHMENT_TYPES.filter((x) => x === type || a.types.includes(x)) : a.types.filter((x) => x !== type) })}
                    />
                  ))}
                </Group>
              </div>
            </li>
          );
        })}
      </ol>
      <Button type="button" innerRef={addRef} color="primary" outline size="sm" onClick={add}>
        + {t('formEditor.add.attachments')}
      </Button>

      <fieldset className="sp-checkbox-group mt-4" id={fieldId('form/limits')}>
        <legend className="sp-small-legend">{t('formEditor.fields.limits.legend')}</legend>
        <div className="sp-form-row-grid">
          <TextField
            id={fieldId('form/limits/maxFiles')}
            className="sp-number-field"
            type="number"
            min={1}
            max={50}
            step={1}
            inputMode="numeric"
            label={t('formEditor.fields.limits.maxFiles')}
            value={limits.maxFiles}
            onValueChange={(v) => onLimitsChange({ ...limits, maxFiles: v })}
            error={errorFor('form/limits/maxFiles')}
          />
          <TextField
            id={fieldId('form/limits/maxTotalMb')}
            className="sp-number-field"
            type="number"
            min={1}
            max={100}
            step={1}
            inputMode="numeric"
            label={t('formEditor.fields.limits.maxTotalMb')}
            value={limits.maxTotalMb}
            onValueChange={(v) => onLimitsChange({ ...limits, maxTotalMb: v })}
            error={errorFor('form/limits/maxTotalMb')}
          />
        </div>
      </fieldset>
    </div>
  );
}
