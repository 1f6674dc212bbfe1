/**
 * Form fields: thin wrappers over design-react-kit's Input, TextArea, Select and FormGroup. Every control has a
 * <label for>, its hint and error are tied to it with aria-describedby, and an invalid control carries aria-invalid.
 *
 * The hint and the error live in one element with the id `${id}Description`, below the kit's field: the kit's
 * TextArea always points aria-describedby there, and its own error slot has no id (so it would not be announced).
 */
import { FormGroup, Input, Label, Select, TextArea, type InputProps } from 'design-react-kit';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface BaseProps {
  label: string;
  hint?: ReactNode;
  error?: string;
  id?: string;
  /** classes of the field as a whole (the outer wrapper) */
  className?: string;
}

const describedById = (id: string) => `${id}Description`;
const cx = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

function useFieldId(givenId: string | undefined) {
  const autoId = useId();
  return givenId ?? autoId;
}

/** ARIA attributes of a control described by its hint and error. */
function a11y(id: string, hint: unknown, error: unknown) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': hint || error ? describedById(id) : undefined,
  } as const;
}

function Description({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <div id={describedById(id)} className="sp-field-description">
      {hint && <small className="form-text sp-hint">{hint}</small>}
      {error && <div className="invalid-feedback d-block sp-field-error">{error}</div>}
    </div>
  );
}

type TextFieldProps = BaseProps &
  Omit<InputProps, 'onChange' | 'value' | 'id' | 'className' | 'label' | 'type' | 'valid' | 'infoText' | 'validationText'> & {
    type?: 'text' | 'search' | 'email' | 'password' | 'url' | 'tel' | 'number';
    value: string;
    onValueChange: (value: string) => void;
  };

export function TextField({ label, hint, error, id: givenId, className, value, onValueChange, type = 'text', ...rest }: TextFieldProps) {
  const { t } = useTranslation();
  const id = useFieldId(givenId);
  const control = {
    ...rest,
    ...a11y(id, hint, error),
    id,
    type,
    value,
    valid: error ? false : undefined,
    onChange: (e: { target: { value: string } }) => onValueChange(e.target.value),
  };
  return (
    <div className={cx('sp-field', className)}>
      {type === 'password' ? (
        // The kit's password field adds a show/hide icon that only a mouse can reach: a plain control instead.
        <div className="form-group">
          <label htmlFor={id}>{label}</label>
          <Input {...control} noWrapper />
        </div>
      ) : (
        <Input
          {...control}
          label={label}
          incrementLabel={type === 'number' ? t('fields.increase', { label }) : undefined}
          decrementLabel={type === 'number' ? t('fields.decrease', { label }) : undefined}
        />
      )}
      <Description id={id} hint={hint} error={error} />
    </div>
  );
}

type TextAreaFieldProps = BaseProps & {
  value: string;
  onValueChange: (value: string) => void;
  rows?: number;
  required?: boolean;
  name?: string;
};

export function TextAreaField({ label, hint, error, id: givenId, className, value, onValueChange, rows = 3, required, name }: TextAreaFieldProps) {
  const id = useFieldId(givenId);
  return (
    <div className={cx('sp-field', className)}>
      <TextArea
        id={id}
        name={name}
        label={label}
        rows={rows}
        required={required}
        value={value}
        valid={error ? false : undefined}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onValueChange(e.target.value)}
      />
      <Description id={id} hint={hint} error={error} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectFieldProps = BaseProps & {
  value: string;
  onValueChange: (value: string) => void;
  options: Option[];
  /** label of the empty first option ("Tutti", "Scegli…"); omitted = no empty option */
  emptyLabel?: string;
  required?: boolean;
  name?: string;
};

export function SelectField({ label, hint, error, id: givenId, className, value, onValueChange, options, emptyLabel, required, name }: SelectFieldProps) {
  const id = useFieldId(givenId);
  const all = emptyLabel === undefined ? options : [{ value: '', label: emptyLabel }, ...options];
  return (
    <div className={cx('sp-field', className)}>
      <Select
        id={id}
        name={name}
        label={label}
        required={required}
        value={value}
        className={error ? 'is-invalid' : undefined}
        onChange={onValueChange}
        {...a11y(id, hint, error)}
      >
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
      <Description id={id} hint={hint} error={error} />
    </div>
  );
}

type CheckboxFieldProps = Omit<BaseProps, 'hint'> & {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  name?: string;
  value?: string;
};

export function CheckboxField({ label, error, id: givenId, className, checked, onCheckedChange, name, value }: CheckboxFieldProps) {
  const id = useFieldId(givenId);
  return (
    <FormGroup check className={cx('sp-check', className)}>
      <Input
        id={id}
        type="checkbox"
        name={name}
        value={value}
        checked={checked}
        onChange={(e) => onCheckedChange(e.target.checked)}
        {...a11y(id, undefined, error)}
      />
      <Label for={id}>{label}</Label>
      {error && <Description id={id} error={error} />}
    </FormGroup>
  );
}

/**
 * A period's two days (from, to) as one fieldset, each end bounding the other, with one message for both. The
 * page's own class prefix styles it (`<prefix>-label`, `-date-pair`, `-sublabel`, `-input`).
 */
export function DateRangeFields({ idPrefix, classPrefix, legend, fromLabel, toLabel, from, to, onChange, error, errorClassName, className }: {
  idPrefix: string;
  classPrefix: string;
  legend: string;
  fromLabel: string;
  toLabel: string;
  from: string;
  to: string;
  onChange: (end: 'from' | 'to', value: string) => void;
  error: string | null;
  errorClassName: string;
  className?: string;
}) {
  const errorId = `${idPrefix}-dates-error`;
  const invalid = error ? true : undefined;
  return (
    <fieldset className={className} aria-describedby={error ? errorId : undefined}>
      <legend className={`${classPrefix}-label`}>{legend}</legend>
      <div className={`${classPrefix}-date-pair`}>
        <div>
          <label htmlFor={`${idPrefix}-from`} className={`${classPrefix}-sublabel`}>
            {fromLabel}
          </label>
          <input id={`${idPrefix}-from`} type="date" className={`form-control ${classPrefix}-input`} value={from} max={to || undefined} onChange={(e) => onChange('from', e.target.value)} aria-invalid={invalid} />
        </div>
        <div>
          <label htmlFor={`${idPrefix}-to`} className={`${classPrefix}-sublabel`}>
            {toLabel}
          </label>
          <input id={`${idPrefix}-to`} type="date" className={`form-control ${classPrefix}-input`} value={to} min={from || undefined} onChange={(e) => onChange('to', e.target.value)} aria-invalid={invalid} />
        </div>
      </div>
      {error && (
        <p id={errorId} className={errorClassName}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
