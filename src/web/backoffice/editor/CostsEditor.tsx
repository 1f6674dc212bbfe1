import { Button } from 'design-react-kit';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/fields';
import { fieldId, type Draft } from '../editorModel';

interface CostsEditorProps {
  costs: Draft['costs'];
  onChange: (costs: Draft['costs']) => void;
  errorFor: (key: string) => string | undefined;
}

/** Rows of "what is paid" + "amount in euro", with add / remove; focus follows the row added or removed. */
export function CostsEditor({ costs, onChange, errorFor }: CostsEditorProps) {
  const { t } = useTranslation();
  const focusNext = useRef<number | 'add' | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    if (focusNext.current === 'add') addRef.current?.focus();
    else document.getElementById(fieldId(`costs/${focusNext.current}/description`))?.focus();
    focusNext.current = null;
  });
  const set = (index: number, values: Partial<Draft['costs'][number]>) => onChange(costs.map((c, i) => (i === index ? { ...c, ...values } : c)));
  const remove = (index: number) => {
    focusNext.current = costs.length > 1 ? Math.max(0, index - 1) : 'add';
    onChange(costs.filter((_, i) => i !== index));
  };
  const add = () => {
    focusNext.current = costs.length;
    onChange([...costs, { description: '', amount: '' }]);
  };
  const listError = errorFor('costs');
  return (
    <fieldset className="sp-list-editor" id={fieldId('costs')}>
      <legend className="h6">{t('editor.fields.costs')}</legend>
      <p className="form-text sp-hint">{t('editor.hints.costs')}</p>
      {listError && <p className="invalid-feedback d-block sp-field-error">{listError}</p>}
      {costs.length === 0 && <p className="text-muted-sp">{t('editor.noCosts')}</p>}
      <ol className="list-unstyled sp-list-rows">
        {costs.map((cost, index) => {
          const row = t('editor.rows.costs', { n: index + 1 });
          const key = (field: 'description' | 'amountCents') => `costs/${index}/${field}`;
          return (
            <li key={index} className="sp-list-row sp-cost-row">
              <TextField
                id={fieldId(key('description'))}
                className="flex-grow-1 mb-0"
                label={`${row} — ${t('editor.fields.cost_description')}`}
                value={cost.description}
                onValueChange={(v) => set(index, { description: v })}
                error={errorFor(key('description'))}
              />
              <TextField
                id={fieldId(key('amountCents'))}
                className="sp-amount-field mb-0"
                label={`${row} — ${t('editor.fields.cost_amountCents')}`}
                inputMode="decimal"
                value={cost.amount}
                onValueChange={(v) => set(index, { amount: v })}
                error={errorFor(key('amountCents'))}
              />
              <div className="sp-row-actions">
                <Button type="button" color="danger" outline size="xs" onClick={() => remove(index)}>
                  {t('editor.remove')}
                  <span className="visually-hidden"> {row}</span>
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <Button type="button" innerRef={addRef} color="primary" outline size="sm" onClick={add}>
        + {t('editor.add.costs')}
      </Button>
    </fieldset>
  );
}
