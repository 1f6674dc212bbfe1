/**
 * "Once only": which fields the body fills in from the data it already holds. A table of rows, each a field of
 * the schema (found by walking it, named by its titles: "Richiedente › Codice fiscale") and a source
 * ("SPID: codice fiscale"). A row whose field is no longer in the schema keeps it, marked, until someone changes
 * it; the server refuses it when publishing and its message appears on the row.
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PREFILL_SOURCES, type PrefillSource } from '../../../../contracts/forms';
import { fieldId } from '../../editorModel';
import type { PrefillRow, SchemaField } from './formDraft';
import { sourceLabel } from './labels';

interface PrefillEditorProps {
  rows: PrefillRow[];
  onChange: (rows: PrefillRow[]) => void;
  errorFor: (key: string) => string | undefined;
  /** the schema's fields (null while the schema is not valid JSON) */
  fields: SchemaField[] | null;
}

export function PrefillEditor({ rows, onChange, errorFor, fields }: PrefillEditorProps) {
  const { t } = useTranslation();
  const focus = useRef<number | 'add' | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const f = focus.current;
    if (f === null) return;
    focus.current = null;
    if (f === 'add') addRef.current?.focus();
    else document.getElementById(fieldId(`form/prefill/${f}`))?.focus();
  });

  const set = (index: number, values: Partial<PrefillRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...values } : r)));
  const remove = (index: number) => {
    focus.current = rows.length > 1 ? Math.max(0, index - 1) : 'add';
    onChange(rows.filter((_, i) => i !== index));
  };
  const add = () => {
    focus.current = rows.length;
    onChange([...rows, { pointer: '', source: '' }]);
  };

  // text fields and lists can be prefilled (a list only with the family sheet)
  const candidates = (fields ?? []).filter((f) => f.type === 'string' || f.type === 'array');
  const listError = errorFor('form/prefill');

  return (
    <div className="sp-prefill-editor" id={fieldId('form/prefill')}>
      <p className="form-text sp-hint mt-0">{t('formEditor.hints.prefill')}</p>
      {listError && <p className="invalid-feedback d-block sp-field-error">{listError}</p>}
      {fields === null && <p className="sp-form-remark">{t('formEditor.remarks.schemaInvalid')}</p>}
      {rows.length === 0 ? (
        <p className="text-muted-sp">{t('formEditor.noPrefill')}</p>
      ) : (
        <table className="table sp-prefill-table">
          <caption className="visually-hidden">{t('formEditor.sections.prefill')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('formEditor.fields.prefill.pointer')}</th>
              <th scope="col">{t('formEditor.fields.prefill.source')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('formEditor.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const rowName = t('formEditor.rows.prefill', { n: index + 1 });
              const key = `form/prefill/${index}`;
              const pointerId = fieldId(key);
              const sourceId = `${pointerId}-source`;
              const errorId = `${pointerId}-error`;
              const error = errorFor(key);
              const known = candidates.find((f) => f.pointer === row.pointer);
              const stale = row.pointer !== '' && !known;
              return (
                <tr key={index} className={error ? 'is-invalid' : undefined}>
                  <td>
                    <label htmlFor={pointerId} className="sp-cell-label">
                      {t('formEditor.fields.prefill.pointer')} <span className="visually-hidden">— {rowName}</span>
                    </label>
                    <select
                      id={pointerId}
                      className={`form-select sp-cell-select${error ? ' is-invalid' : ''}`}
                      value={row.pointer}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errorId : undefined}
                      onChange={(e) => set(index, { pointer: e.target.value })}
                    >
                      <option value="">{t('editor.choose')}</option>
                      {candidates.map((f) => (
                        <option key={f.pointer} value={f.pointer}>
                          {f.type === 'array' ? t('formEditor.listField', { label: f.label }) : f.label}
                        </option>
                      ))}
                      {stale && <option value={row.pointer}>{t('formEditor.staleField', { pointer: row.pointer })}</option>}
                    </select>
                    {known && <span className="sp-pointer">{row.pointer}</span>}
                    {error && (
                      <p id={errorId} className="invalid-feedback d-block sp-field-error mb-0">
                        {error}
                      </p>
                    )}
                  </td>
                  <td>
                    <label htmlFor={sourceId} className="sp-cell-label">
                      {t('formEditor.fields.prefill.source')} <span className="visually-hidden">— {rowName}</span>
                    </label>
                    <select
                      id={sourceId}
                      className="form-select sp-cell-select"
                      value={row.source}
                      onChange={(e) => set(index, { source: e.target.value as PrefillSource | '' })}
                    >
                      <option value="">{t('editor.choose')}</option>
                      {PREFILL_SOURCES.map((s) => (
                        <option key={s} value={s}>
                          {sourceLabel(s, t)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="sp-cell-actions">
                    <Button type="button" color="danger" outline size="xs" onClick={() => remove(index)}>
                      {t('editor.remove')}
                      <span className="visually-hidden"> {rowName}</span>
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Button type="button" innerRef={addRef} color="primary" outline size="sm" onClick={add}>
        + {t('formEditor.add.prefill')}
      </Button>
    </div>
  );
}
