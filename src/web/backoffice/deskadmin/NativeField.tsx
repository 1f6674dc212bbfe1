/**
 * A time, date or number control as the browser draws it (keyboard-usable pickers, a numeric keypad on phones),
 * with the same label, hint and error wiring as ui/fields.tsx: the hint and the error are tied to the control with
 * aria-describedby, and an invalid control carries aria-invalid. The label stays above the control (Bootstrap
 * Italia would otherwise float it over the browser's placeholder).
 */
import type { ReactNode } from 'react';

export function NativeField({ id, type, label, hint, error, value, onValueChange, min, max, className, required }: {
  id: string;
  type: 'time' | 'date' | 'number';
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onValueChange: (value: string) => void;
  min?: number | string;
  max?: number | string;
  className?: string;
  required?: boolean;
}) {
  const describedBy = hint || error ? `${id}Description` : undefined;
  return (
    <div className={`sp-field sp-da-native${className ? ` ${className}` : ''}`}>
      <div className="form-group mb-1">
        <label htmlFor={id} className="active">{label}</label>
        <input
          id={id}
          type={type}
          className={`form-control${error ? ' is-invalid' : ''}`}
          value={value}
          min={min}
          max={max}
          step={type === 'number' ? 1 : undefined}
          inputMode={type === 'number' ? 'numeric' : undefined}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onValueChange(e.target.value)}
        />
      </div>
      {describedBy && (
        <div id={describedBy} className="sp-field-description">
          {hint && <small className="form-text sp-hint">{hint}</small>}
          {error && <div className="invalid-feedback d-block sp-field-error">{error}</div>}
        </div>
      )}
    </div>
  );
}
