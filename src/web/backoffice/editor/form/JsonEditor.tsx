/**
 * A JSON document edited as text: a monospace textarea (Tab still leaves it, as everywhere else), a live line that
 * says whether the text is valid JSON or where it is not ("riga 12, colonna 4: …"), and a button that lays valid
 * text out again. What is typed is kept as is, valid or not.
 */
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../../editorModel';
import { isJsonProblemText, jsonProblemText } from './labels';
import { formatJson, parseJsonObject } from './jsonText';

interface JsonEditorProps {
  /** error key, e.g. "form/schema" (the textarea's id is fieldId(name)) */
  name: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (text: string) => void;
  /** a problem the server reported for this document */
  error?: string;
  rows?: number;
}

export function JsonEditor({ name, label, hint, value, onChange, error: reported, rows = 16 }: JsonEditorProps) {
  const { t } = useTranslation();
  // a parse problem found when publishing is the live status's business (it follows the text as it changes)
  const error = reported && !isJsonProblemText(reported, t) ? reported : undefined;
  const id = fieldId(name);
  const hintId = useId();
  const statusId = `${id}-status`;
  const errorId = `${id}-error`;
  const parsed = useMemo(() => parseJsonObject(value), [value]);
  const problem = parsed.ok ? null : jsonProblemText(parsed.problem, t);
  const invalid = !!problem || !!error;

  return (
    <div className="sp-json-editor">
      <label htmlFor={id} className="sp-json-label">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="form-text sp-hint mt-0">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        className={`form-control sp-json-text${invalid ? ' is-invalid' : ''}`}
        value={value}
        rows={rows}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        autoComplete="off"
        wrap="off"
        aria-invalid={invalid || undefined}
        aria-describedby={[hint ? hintId : '', statusId, error ? errorId : ''].filter(Boolean).join(' ')}
        onChange={(e) => onChange(e.target.value)}
      />
      <div className="sp-json-status-row">
        <p id={statusId} className={`sp-json-status ${problem ? 'is-invalid' : 'is-valid'}`}>
          {problem ? (
            <>
              <span className="sp-json-status-icon" aria-hidden="true">
                ✕
              </span>{' '}
              {t('formEditor.json.invalid', { problem })}
            </>
          ) : (
            <>
              <span className="sp-json-status-icon" aria-hidden="true">
                ✓
              </span>{' '}
              {t('formEditor.json.valid')}
            </>
          )}
        </p>
        <button
          type="button"
          className="btn btn-outline-secondary btn-xs sp-json-format"
          disabled={!parsed.ok}
          onClick={() => parsed.ok && onChange(formatJson(parsed.value))}
        >
          {t('formEditor.json.format')}
          <span className="visually-hidden"> {label}</span>
        </button>
      </div>
      {error && (
        <p id={errorId} className="invalid-feedback d-block sp-field-error">
          {error}
        </p>
      )}
    </div>
  );
}
