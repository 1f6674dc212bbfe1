/**
 * When applications can be started and sent (an optional window, date and time in the browser's time zone), and
 * who may file them: anyone, or only someone acting for a client or a company.
 */
import { useTranslation } from 'react-i18next';
import { fieldId } from '../../editorModel';
import type { FormDraft } from './formDraft';

interface WindowEditorProps {
  window: FormDraft['window'];
  onWindowChange: (window: FormDraft['window']) => void;
  filedBy: FormDraft['filedBy'];
  onFiledByChange: (filedBy: FormDraft['filedBy']) => void;
  errorFor: (key: string) => string | undefined;
}

export function WindowEditor({ window, onWindowChange, filedBy, onFiledByChange, errorFor }: WindowEditorProps) {
  const { t } = useTranslation();
  const windowError = errorFor('form/window');
  const windowId = fieldId('form/window');
  const filedById = fieldId('form/filedBy');
  const filedByError = errorFor('form/filedBy');
  const input = (key: 'opensAt' | 'closesAt') => {
    const id = `${windowId}-${key}`;
    return (
      <div className="sp-field sp-datetime-field">
        <label htmlFor={id} className="sp-plain-label">
          {t(`formEditor.fields.window.${key}`)}
        </label>
        <input
          id={id}
          type="datetime-local"
          className={`form-control${windowError ? ' is-invalid' : ''}`}
          value={window[key]}
          aria-invalid={windowError ? true : undefined}
          aria-describedby={`${windowId}-hint${windowError ? ` ${windowId}-error` : ''}`}
          onChange={(e) => onWindowChange({ ...window, [key]: e.target.value })}
        />
      </div>
    );
  };
  return (
    <>
      <fieldset className="sp-checkbox-group" id={windowId}>
        <legend className="sp-small-legend">{t('formEditor.fields.window.legend')}</legend>
        <p id={`${windowId}-hint`} className="form-text sp-hint mt-0">
          {t('formEditor.hints.window')}
        </p>
        <div className="sp-form-row-grid">
          {input('opensAt')}
          {input('closesAt')}
        </div>
        {windowError && (
          <p id={`${windowId}-error`} className="invalid-feedback d-block sp-field-error">
            {windowError}
          </p>
        )}
        {(window.opensAt || window.closesAt) && (
          <button type="button" className="btn btn-link btn-sm px-0" onClick={() => onWindowChange({ opensAt: '', closesAt: '' })}>
            {t('formEditor.clearWindow')}
          </button>
        )}
      </fieldset>
      <fieldset className="sp-radio-group" id={filedById} aria-describedby={filedByError ? `${filedById}-error` : undefined}>
        <legend className="sp-small-legend">{t('formEditor.fields.filedBy.legend')}</legend>
        {(['anyone', 'representative'] as const).map((value) => (
          <div className="form-check sp-radio" key={value}>
            <input type="radio" id={`${filedById}-${value}`} name="form-filed-by" value={value} checked={filedBy === value} onChange={() => onFiledByChange(value)} />
            <label htmlFor={`${filedById}-${value}`}>{t(`formEditor.fields.filedBy.${value}`)}</label>
          </div>
        ))}
        {filedByError && (
          <p id={`${filedById}-error`} className="invalid-feedback d-block sp-field-error">
            {filedByError}
          </p>
        )}
      </fieldset>
    </>
  );
}
