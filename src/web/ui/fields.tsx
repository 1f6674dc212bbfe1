/**
 * Thin form-field wrappers with Bootstrap Italia markup: every control has a <label>, hints and errors are
 * tied to it with aria-describedby, and invalid controls carry aria-invalid.
 */
import { useId, type ChangeEvent, type InputHTMLAttributes, type ReactNode } from 'react';

interface BaseProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  id?: string;
  className?: string;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && (
        <small id={`${id}-hint`} className="form-text sp-hint">
          {hint}
        </small>
      )}
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block sp-field-error">
          {error}
        </div>
      )}
    </>
  );
}

type TextFieldProps = BaseProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id' | 'className'> & {
    value: string;
    onValueChange: (value: string) => void;
  };

export function TextField({ label, hint, error, id: givenId, className, value, onValueChange, ...rest }: TextFieldProps) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <div className={`form-group sp-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="active">
        {label}
      </label>
      <input
        {...rest}
        id={id}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onValueChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <HintAndError id={id} hint={hint} error={error} />
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
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <div className={`form-group sp-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="active">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        required={required}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <HintAndError id={id} hint={hint} error={error} />
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
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <div className={`select-wrapper sp-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        required={required}
        value={value}
        className={error ? 'is-invalid' : undefined}
        onChange={(e) => onValueChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <HintAndError id={id} hint={hint} error={error} />
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
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <div className={`form-check sp-check${className ? ` ${className}` : ''}`}>
      <input
        id={id}
        type="checkbox"
        name={name}
        value={value}
        checked={checked}
        onChange={(e) => onCheckedChange(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block sp-field-error">
          {error}
        </div>
      )}
    </div>
  );
}
