import { Button } from 'design-react-kit';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../ui/fields';
import { fieldId } from './editorModel';

interface ListEditorProps {
  /** form key of the list, e.g. "howTo" (row ids are f-howTo-0, f-howTo-1…) */
  name: string;
  legend: string;
  hint?: string;
  /** visible label of one row, e.g. (i) => "Passo 2" */
  itemLabel: (index: number) => string;
  addLabel: string;
  items: string[];
  onChange: (items: string[]) => void;
  /** ordered lists can move rows up and down */
  ordered?: boolean;
  multiline?: boolean;
  errorFor: (key: string) => string | undefined;
}

/** A list of text rows with add / remove (and, when ordered, move up / down) buttons. */
export function ListEditor({ name, legend, hint, itemLabel, addLabel, items, onChange, ordered, multiline, errorFor }: ListEditorProps) {
  const { t } = useTranslation();
  const focusRow = useRef<number | 'add' | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const listError = errorFor(name);

  useEffect(() => {
    if (focusRow.current === null) return;
    if (focusRow.current === 'add') addRef.current?.focus();
    else document.getElementById(fieldId(`${name}/${focusRow.current}`))?.focus();
    focusRow.current = null;
  });

  const set = (index: number, value: string) => onChange(items.map((v, i) => (i === index ? value : v)));
  const remove = (index: number) => {
    focusRow.current = items.length > 1 ? Math.max(0, index - 1) : 'add';
    onChange(items.filter((_, i) => i !== index));
  };
  const add = () => {
    focusRow.current = items.length;
    onChange([...items, '']);
  };
  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= items.length) return;
    const next = [...items];
    [next[index], next[target]] = [next[target], next[index]];
    focusRow.current = target;
    onChange(next);
  };

  return (
    <fieldset className="sp-list-editor" id={fieldId(name)} aria-describedby={[hint ? `${fieldId(name)}-hint` : '', listError ? `${fieldId(name)}-error` : ''].filter(Boolean).join(' ') || undefined}>
      <legend className="h6">{legend}</legend>
      {hint && (
        <p id={`${fieldId(name)}-hint`} className="form-text sp-hint">
          {hint}
        </p>
      )}
      {listError && (
        <p id={`${fieldId(name)}-error`} className="invalid-feedback d-block sp-field-error">
          {listError}
        </p>
      )}
      {items.length === 0 && <p className="text-muted-sp">{t('editor.emptyList')}</p>}
      <ol className="list-unstyled sp-list-rows">
        {items.map((value, index) => {
          const key = `${name}/${index}`;
          const label = itemLabel(index);
          const field = { id: fieldId(key), className: 'flex-grow-1 mb-0', label, value, onValueChange: (v: string) => set(index, v), error: errorFor(key) };
          return (
            <li key={index} className="sp-list-row">
              {multiline ? <TextAreaField {...field} rows={2} /> : <TextField {...field} />}
              <div className="sp-row-actions">
                {ordered && (
                  <>
                    <Button type="button" color="secondary" outline size="xs" onClick={() => move(index, -1)} disabled={index === 0} aria-label={t('editor.moveUp', { item: label })}>
                      ↑
                    </Button>
                    <Button type="button" color="secondary" outline size="xs" onClick={() => move(index, 1)} disabled={index === items.length - 1} aria-label={t('editor.moveDown', { item: label })}>
                      ↓
                    </Button>
                  </>
                )}
                <Button type="button" color="danger" outline size="xs" onClick={() => remove(index)}>
                  {t('editor.remove')}
                  <span className="visually-hidden"> {label}</span>
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <Button type="button" innerRef={addRef} color="primary" outline size="sm" onClick={add}>
        + {addLabel}
      </Button>
    </fieldset>
  );
}
