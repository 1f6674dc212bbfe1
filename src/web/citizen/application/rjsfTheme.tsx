/**
 * Our own small @rjsf theme, so that the fields of an online form look and behave like the portal's other fields
 * (Bootstrap Italia): the label always above the control, the required mark, the description and help below the
 * label and the control, the error under the control, all tied to it with aria-describedby; radio groups and
 * checkboxes as fieldsets with a legend; prefilled data marked "Dato già in possesso dell'ente" with its origin,
 * and the family sheet from the registry as a read-only list.
 */
import {
  enumOptionsIsSelected,
  enumOptionValueDecoder,
  enumOptionValueEncoder,
  enumOptionSelectedValue,
  getInputProps,
  getOptionValueFormat,
  getUiOptions,
  optionId,
  type ArrayFieldItemTemplateProps,
  type ArrayFieldTemplateProps,
  type BaseInputTemplateProps,
  type DescriptionFieldProps,
  type FieldErrorProps,
  type FieldHelpProps,
  type FieldProps,
  type FieldTemplateProps,
  type IconButtonProps,
  type ObjectFieldTemplateProps,
  type RegistryWidgetsType,
  type TemplatesType,
  type TitleFieldProps,
  type WidgetProps,
} from '@rjsf/utils';
import type { TFunction } from 'i18next';
import type { ChangeEvent, ReactNode } from 'react';
import { formatDateDMY } from './dates';
import { formatValue } from './summaryFormat';
import { isObject, type JsonObject, type Origin } from './formModel';

/** What the templates need from the page: translations, and the words for the origins of prefilled data. */
export interface FormContext {
  t: TFunction;
  lng: string;
  /** "da SPID", "da CIE", "dall'anagrafe comunale"… */
  originLabel: (origin: Origin) => string;
}

const ctx = (registry: { formContext: unknown }) => registry.formContext as FormContext;
const capitalise = (text: string) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : text);
const cx = (...names: (string | false | undefined | null)[]) => names.filter(Boolean).join(' ');

export const descriptionDomId = (id: string) => `${id}__description`;
export const helpDomId = (id: string) => `${id}__help`;
export const errorDomId = (id: string) => `${id}__error`;
export const prefillDomId = (id: string) => `${id}__prefill`;
export const exampleDomId = (id: string) => `${id}__example`;

/** The form's placeholder is shown as an example above the field, never inside it (where it looks like an answer). */
const exampleOf = (uiSchema: unknown): string | undefined => {
  const value = isObject(uiSchema) ? uiSchema['ui:placeholder'] : undefined;
  return typeof value === 'string' && value.trim() ? value : undefined;
};

function descriptionOf(schema: JsonObject, uiSchema: JsonObject | undefined): string | undefined {
  const ui = uiSchema?.['ui:description'];
  if (typeof ui === 'string') return ui;
  return typeof schema.description === 'string' ? schema.description : undefined;
}

const prefillOf = (uiSchema: unknown): Origin | undefined => {
  const options = getUiOptions(isObject(uiSchema) ? uiSchema : {});
  const value = options.prefilled;
  return value === 'spid' || value === 'registry' || value === 'company' ? value : undefined;
};

/** The ids that describe a control: the prefill mark, its description, help and error, those that are shown. */
function describedBy(id: string, props: Pick<WidgetProps, 'schema' | 'uiSchema' | 'options' | 'rawErrors' | 'hideError' | 'readonly'>): string | undefined {
  const ids: string[] = [];
  if (prefillOf(props.uiSchema)) ids.push(prefillDomId(id));
  if (descriptionOf(props.schema as JsonObject, props.uiSchema as JsonObject | undefined)) ids.push(descriptionDomId(id));
  if (exampleOf(props.uiSchema) && !props.readonly) ids.push(exampleDomId(id));
  if (props.options?.help) ids.push(helpDomId(id));
  if (!props.hideError && props.rawErrors && props.rawErrors.length > 0) ids.push(errorDomId(id));
  return ids.length ? ids.join(' ') : undefined;
}

const invalid = (props: Pick<WidgetProps, 'rawErrors' | 'hideError'>) => !props.hideError && !!props.rawErrors && props.rawErrors.length > 0;

export function PrefillMark({ id, origin, context }: { id?: string; origin: Origin; context: FormContext }) {
  return (
    <p className="sp-prefill-mark" id={id}>
      <svg className="sp-prefill-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3Zm-1.2 14.2-3.5-3.5 1.4-1.4 2.1 2.1 4.9-4.9 1.4 1.4-6.3 6.3Z" />
      </svg>
      <span>
        {context.t('application.prefill.mark')}
        <span className="sp-prefill-origin"> · {context.originLabel(origin)}</span>
      </span>
    </p>
  );
}

/** The visible "*" (explained at the top of the step); assistive technology hears `required` from the control. */
function RequiredMark(_props: { t: TFunction }) {
  return (
    <span className="sp-required-mark" aria-hidden="true">
      {' '}
      *
    </span>
  );
}

const GROUP_WIDGETS = new Set(['radio', 'checkboxes']);

function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, rawErrors, hideError, rawHelp, hidden, required, readonly, displayLabel, registry, schema, uiSchema, classNames } = props;
  const context = ctx(registry);
  if (hidden) return <div className="d-none">{children}</div>;
  const widget = uiSchema?.['ui:widget'];
  const type = schema.type;
  const isContainer = (type === 'object' || type === 'array') && !(typeof widget === 'string' && GROUP_WIDGETS.has(widget));
  const errors = !hideError && rawErrors && rawErrors.length > 0 ? rawErrors : null;
  if (isContainer || uiSchema?.['ui:field']) {
    // objects and lists draw their own fieldset and legend; their own errors (e.g. "too few items") go below
    return (
      <div className={cx('sp-rf-container', classNames)}>
        {children}
        {errors && (
          <div id={errorDomId(id)} className="invalid-feedback d-block sp-field-error">
            {errors.join(' ')}
          </div>
        )}
      </div>
    );
  }
  const group = typeof widget === 'string' && GROUP_WIDGETS.has(widget);
  const origin = prefillOf(uiSchema);
  const description = descriptionOf(schema as JsonObject, uiSchema as JsonObject | undefined);
  const isCheckbox = type === 'boolean' && !widget;
  const showRequired = required && !readonly;
  const example = readonly ? undefined : exampleOf(uiSchema);
  const head = (
    <>
      {origin && <PrefillMark id={prefillDomId(id)} origin={origin} context={context} />}
      {description && (
        <p id={descriptionDomId(id)} className="sp-rf-description">
          {description}
        </p>
      )}
      {example && (
        <p id={exampleDomId(id)} className="sp-rf-example">
          {context.t('application.form.example', { example })}
        </p>
      )}
    </>
  );
  const tail = (
    <>
      {rawHelp && (
        <p id={helpDomId(id)} className="form-text sp-hint sp-rf-help">
          {rawHelp}
        </p>
      )}
      {errors && (
        <div id={errorDomId(id)} className="invalid-feedback d-block sp-field-error">
          {errors.join(' ')}
        </div>
      )}
    </>
  );
  if (group) {
    return (
      <fieldset className={cx('sp-rf-field sp-rf-fieldset', errors && 'is-invalid', origin && 'is-prefilled', classNames)}>
        {displayLabel && label && (
          <legend className="sp-rf-label">
            {label}
            {showRequired && <RequiredMark t={context.t} />}
          </legend>
        )}
        {head}
        {children}
        {tail}
      </fieldset>
    );
  }
  return (
    <div className={cx('sp-rf-field', errors && 'is-invalid', origin && 'is-prefilled', readonly && 'is-readonly', classNames)}>
      {displayLabel && label && !isCheckbox && (
        <label htmlFor={id} className="sp-rf-label">
          {label}
          {showRequired && <RequiredMark t={context.t} />}
        </label>
      )}
      {head}
      {children}
      {tail}
    </div>
  );
}

function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { properties, title, description, fieldPathId, registry, uiSchema, required, readonly } = props;
  const context = ctx(registry);
  const isRoot = fieldPathId.path.length === 0;
  const content = properties.map((p) => p.content);
  if (isRoot) return <div className="sp-rf-root">{content}</div>;
  const origin = prefillOf(uiSchema);
  const heading = (getUiOptions(uiSchema).title as string | undefined) ?? title;
  return (
    <fieldset className={cx('sp-rf-group', origin && 'is-prefilled')} id={fieldPathId.$id}>
      {heading && (
        <legend className="sp-rf-legend">
          {heading}
          {required && !readonly && <RequiredMark t={context.t} />}
        </legend>
      )}
      {origin && <PrefillMark origin={origin} context={context} />}
      {description && <div className="sp-rf-description">{description}</div>}
      {content}
    </fieldset>
  );
}

function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { items, canAdd, onAddClick, title, schema, uiSchema, fieldPathId, registry, disabled, readonly, required } = props;
  const context = ctx(registry);
  const options = getUiOptions(uiSchema);
  const heading = (options.title as string | undefined) ?? title;
  const description = (options.description as string | undefined) ?? (schema.description as string | undefined);
  const itemTitle = (isObject(schema.items) && typeof schema.items.title === 'string' ? schema.items.title : undefined) ?? heading;
  return (
    <fieldset className="sp-rf-group sp-rf-array" id={fieldPathId.$id}>
      {heading && (
        <legend className="sp-rf-legend">
          {heading}
          {required && !readonly && <RequiredMark t={context.t} />}
        </legend>
      )}
      {description && <p className="sp-rf-description">{description}</p>}
      {items.length === 0 && <p className="sp-rf-empty">{context.t('application.form.noItems')}</p>}
      <div className="sp-rf-array-items">{items}</div>
      {canAdd && !readonly && (
        <button type="button" className="btn btn-outline-primary btn-sm sp-rf-add" onClick={onAddClick} disabled={disabled}>
          <span aria-hidden="true">+ </span>
          {context.t('application.form.addItem', { title: itemTitle?.toLowerCase() ?? '' })}
        </button>
      )}
    </fieldset>
  );
}

function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, index, registry } = props;
  const context = ctx(registry);
  return (
    <div className="sp-rf-array-item">
      <p className="sp-rf-array-item-title">{context.t('application.form.itemNumber', { n: index + 1 })}</p>
      {children}
      {hasToolbar && buttonsProps.hasRemove && (
        <button
          type="button"
          className="btn btn-link sp-rf-remove"
          onClick={buttonsProps.onRemoveItem}
          disabled={buttonsProps.disabled || buttonsProps.readonly}
        >
          {context.t('application.form.removeItem', { n: index + 1 })}
        </button>
      )}
    </div>
  );
}

function BaseInputTemplate(props: BaseInputTemplateProps) {
  const { id, htmlName, value, readonly, disabled, autofocus, onBlur, onFocus, onChange, onChangeOverride, options, schema, type, required } = props;
  const inputProps = getInputProps(schema, type, options);
  if (readonly && inputProps.type === 'date') {
    // the body's record of a date, as people write it
    return (
      <input id={id} name={htmlName || id} className="form-control sp-rf-input sp-rf-date" readOnly value={value ? formatDateDMY(String(value)) : ''} aria-describedby={describedBy(id, props)} />
    );
  }
  const inputValue = inputProps.type === 'number' || inputProps.type === 'integer' ? (value || value === 0 ? value : '') : (value ?? '');
  const change = ({ target }: ChangeEvent<HTMLInputElement>) => onChange(target.value === '' ? options.emptyValue : target.value);
  return (
    <input
      id={id}
      name={htmlName || id}
      className={cx('form-control sp-rf-input', invalid(props) && 'is-invalid', inputProps.type === 'date' && 'sp-rf-date', inputProps.type === 'number' && 'sp-rf-number')}
      readOnly={readonly}
      disabled={disabled}
      autoFocus={autofocus}
      value={inputValue as string | number}
      {...inputProps}
      type={inputProps.type === 'integer' ? 'number' : inputProps.type}
      required={required}
      aria-required={required && !readonly ? true : undefined}
      aria-invalid={invalid(props) ? true : undefined}
      aria-describedby={describedBy(id, props)}
      maxLength={typeof schema.maxLength === 'number' && ['text', 'email', 'tel', 'url', 'search', 'password'].includes(inputProps.type) ? schema.maxLength : undefined}
      onChange={onChangeOverride || change}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

function TextareaWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, autofocus, onBlur, onFocus, onChange, options, schema, required } = props;
  const rows = typeof options.rows === 'number' ? options.rows : 4;
  return (
    <textarea
      id={id}
      name={htmlName || id}
      className={cx('form-control sp-rf-textarea', invalid(props) && 'is-invalid')}
      rows={rows}
      readOnly={readonly}
      disabled={disabled}
      autoFocus={autofocus}
      value={(value as string | undefined) ?? ''}
      required={required}
      maxLength={typeof schema.maxLength === 'number' ? schema.maxLength : undefined}
      aria-required={required && !readonly ? true : undefined}
      aria-invalid={invalid(props) ? true : undefined}
      aria-describedby={describedBy(id, props)}
      onChange={(e) => onChange(e.target.value === '' ? options.emptyValue : e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

function SelectWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, autofocus, onBlur, onFocus, onChange, options, schema, required, multiple, registry } = props;
  const context = ctx(registry);
  const { enumOptions = [], enumDisabled, emptyValue } = options;
  const format = getOptionValueFormat(options);
  const selected = enumOptionSelectedValue(value, enumOptions, !!multiple, format, multiple ? [] : '');
  const decode = (raw: string | string[]) => enumOptionValueDecoder(raw, enumOptions, format, emptyValue);
  if (readonly && !multiple) {
    // a locked choice: the chosen label as read-only text (a disabled select would be skipped by the keyboard)
    const label = enumOptions.find((o) => enumOptionsIsSelected(o.value, value))?.label ?? '';
    return (
      <input id={id} className="form-control sp-rf-input" readOnly value={label} aria-describedby={describedBy(id, props)} />
    );
  }
  return (
    <select
      id={id}
      name={htmlName || id}
      multiple={multiple}
      className={cx('form-select sp-rf-select', invalid(props) && 'is-invalid')}
      value={selected as string | string[]}
      required={required}
      disabled={disabled || readonly}
      autoFocus={autofocus}
      aria-required={required ? true : undefined}
      aria-invalid={invalid(props) ? true : undefined}
      aria-describedby={describedBy(id, props)}
      onChange={(e) => onChange(decode(multiple ? Array.from(e.target.selectedOptions, (o) => o.value) : e.target.value))}
      onBlur={(e) => onBlur(id, decode(e.target.value))}
      onFocus={(e) => onFocus(id, decode(e.target.value))}
    >
      {!multiple && schema.default === undefined && <option value="">{context.t('application.form.choose')}</option>}
      {enumOptions.map((option, i) => (
        <option key={String(option.value)} value={enumOptionValueEncoder(option.value, i, format)} disabled={enumDisabled?.includes(option.value)}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

function RadioWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, autofocus, onBlur, onFocus, onChange, options, required } = props;
  const { enumOptions = [], enumDisabled, inline } = options;
  const format = getOptionValueFormat(options);
  return (
    <div className={cx('sp-rf-options', inline && 'sp-rf-options-inline')} id={id}>
      {enumOptions.map((option, i) => {
        const checked = enumOptionsIsSelected(option.value, value);
        const itemDisabled = disabled || (readonly && !checked) || enumDisabled?.includes(option.value);
        return (
          <div className="form-check sp-rf-option" key={String(option.value)}>
            <input
              type="radio"
              id={optionId(id, i)}
              name={htmlName || id}
              checked={checked}
              value={enumOptionValueEncoder(option.value, i, format)}
              disabled={itemDisabled}
              required={required}
              autoFocus={autofocus && i === 0}
              aria-invalid={invalid(props) ? true : undefined}
              aria-describedby={describedBy(id, props)}
              onChange={() => !readonly && onChange(option.value)}
              onBlur={() => onBlur(id, value)}
              onFocus={() => onFocus(id, value)}
            />
            <label htmlFor={optionId(id, i)}>{option.label}</label>
          </div>
        );
      })}
    </div>
  );
}

function CheckboxWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, autofocus, onBlur, onFocus, onChange, label, required, registry, schema } = props;
  const context = ctx(registry);
  const mustBeTrue = required && schema.const === true;
  return (
    <div className="form-check sp-rf-check">
      <input
        type="checkbox"
        id={id}
        name={htmlName || id}
        checked={value === true}
        disabled={disabled || readonly}
        autoFocus={autofocus}
        aria-required={mustBeTrue ? true : undefined}
        aria-invalid={invalid(props) ? true : undefined}
        aria-describedby={describedBy(id, props)}
        onChange={(e) => onChange(e.target.checked)}
        onBlur={(e) => onBlur(id, e.target.checked)}
        onFocus={(e) => onFocus(id, e.target.checked)}
      />
      <label htmlFor={id}>
        {label}
        {mustBeTrue && <RequiredMark t={context.t} />}
      </label>
    </div>
  );
}

function CheckboxesWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, onChange, options } = props;
  const { enumOptions = [] } = options;
  const format = getOptionValueFormat(options);
  const current: unknown[] = Array.isArray(value) ? value : [];
  return (
    <div className="sp-rf-options" id={id}>
      {enumOptions.map((option, i) => {
        const checked = current.some((v) => enumOptionsIsSelected(option.value, v));
        return (
          <div className="form-check sp-rf-option" key={String(option.value)}>
            <input
              type="checkbox"
              id={optionId(id, i)}
              name={htmlName || id}
              checked={checked}
              value={enumOptionValueEncoder(option.value, i, format)}
              disabled={disabled || readonly}
              aria-invalid={invalid(props) ? true : undefined}
              aria-describedby={describedBy(id, props)}
              onChange={(e) => {
                const next = e.target.checked ? [...current, option.value] : current.filter((v) => !enumOptionsIsSelected(option.value, v));
                // keep the order of the options
                onChange(enumOptions.map((o) => o.value).filter((v) => next.some((n) => enumOptionsIsSelected(v, n))));
              }}
            />
            <label htmlFor={optionId(id, i)}>{option.label}</label>
          </div>
        );
      })}
    </div>
  );
}

/** The family sheet (or another list) the body holds: read-only, one card per person. */
function PrefilledListField(props: FieldProps) {
  const { formData, schema, uiSchema, registry, fieldPathId } = props;
  const context = ctx(registry);
  const options = getUiOptions(uiSchema);
  const title = (options.title as string | undefined) ?? (schema.title as string | undefined) ?? '';
  const origin = prefillOf(uiSchema);
  const items: unknown[] = Array.isArray(formData) ? formData : [];
  const itemSchema = (isObject(schema.items) ? schema.items : {}) as JsonObject;
  const properties = (isObject(itemSchema.properties) ? itemSchema.properties : {}) as Record<string, JsonObject>;
  const headingId = `${fieldPathId.$id}__title`;
  return (
    <section className={cx('sp-rf-group sp-prefilled-list', origin && 'is-prefilled')} aria-labelledby={headingId} id={fieldPathId.$id}>
      <p className="sp-rf-legend" id={headingId}>
        {title}
      </p>
      {origin && <PrefillMark origin={origin} context={context} />}
      {items.length === 0 ? (
        <p className="sp-rf-empty">{context.t('application.form.noItems')}</p>
      ) : (
        <ul className="sp-person-list">
          {items.map((item, i) => {
            if (!isObject(item)) {
              return (
                <li key={i} className="sp-person">
                  {formatValue(item, itemSchema, context.t, context.lng)}
                </li>
              );
            }
            // a person of the family sheet ({ givenName, familyName, fiscalCode, birthDate, relation }): the name first
            const isPerson = typeof item.givenName === 'string' && typeof item.familyName === 'string';
            const facts = Object.entries(properties).filter(([key]) => !(isPerson && (key === 'givenName' || key === 'familyName')));
            return (
              <li key={i} className="sp-person">
                {isPerson && (
                  <p className="sp-person-name">
                    {String(item.givenName)} {String(item.familyName)}
                  </p>
                )}
                <dl className="sp-person-facts">
                  {facts.map(([key, sub]) =>
                    item[key] === undefined || item[key] === '' ? null : (
                      <div key={key}>
                        <dt>{(sub.title as string | undefined) ?? key}</dt>
                        <dd className={key.toLowerCase().includes('fiscal') ? 'sp-cf' : undefined}>{capitalise(formatValue(item[key], sub, context.t, context.lng))}</dd>
                      </div>
                    ),
                  )}
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      {typeof uiSchema?.['ui:help'] === 'string' && <p className="form-text sp-hint sp-rf-help">{uiSchema['ui:help']}</p>}
    </section>
  );
}

function DescriptionFieldTemplate({ id, description }: DescriptionFieldProps) {
  return description ? (
    <div id={id} className="sp-rf-description">
      {description}
    </div>
  ) : null;
}

function TitleFieldTemplate({ id, title }: TitleFieldProps) {
  return (
    <p id={id} className="sp-rf-legend">
      {title}
    </p>
  );
}

function FieldErrorTemplate({ errors, fieldPathId }: FieldErrorProps) {
  const list = (errors ?? []).filter(Boolean);
  return list.length ? (
    <div id={errorDomId(fieldPathId.$id)} className="invalid-feedback d-block sp-field-error">
      {list as ReactNode[]}
    </div>
  ) : null;
}

function FieldHelpTemplate({ help, fieldPathId }: FieldHelpProps) {
  return help ? (
    <p id={helpDomId(fieldPathId.$id)} className="form-text sp-hint">
      {help}
    </p>
  ) : null;
}

function NoButton(_props: IconButtonProps) {
  return null;
}

export const templates: Partial<Omit<TemplatesType, 'ButtonTemplates'>> & { ButtonTemplates: Partial<TemplatesType['ButtonTemplates']> } = {
  FieldTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  BaseInputTemplate,
  DescriptionFieldTemplate,
  TitleFieldTemplate,
  FieldErrorTemplate,
  FieldHelpTemplate,
  ButtonTemplates: { SubmitButton: () => null, MoveUpButton: NoButton, MoveDownButton: NoButton, CopyButton: NoButton },
};

export const widgets: RegistryWidgetsType = {
  TextareaWidget,
  SelectWidget,
  RadioWidget,
  CheckboxWidget,
  CheckboxesWidget,
};

export const fields = { PrefilledList: PrefilledListField };
