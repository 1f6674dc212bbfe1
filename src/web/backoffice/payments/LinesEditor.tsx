/**
 * The lines a payment is made of (description, amount in euro as typed, kind), with the total kept up to date as
 * the operator types. Used by "Nuova posizione debitoria" and "Richiedi pagamento". Adding a line puts the focus
 * on its description; removing one puts it on the line before (or on "Aggiungi una voce").
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuro, PAYMENT_ITEM_KINDS, type PaymentItemKind } from '../../../contracts/payments';
import { Icon } from '../../ui/Icon';
import { describedBy, FieldError } from './common';
import { totalOfTyped } from './money';
import { LINE_LABEL_MAX, MAX_LINES, newLine, type LineDraft } from './paymentForms';

const FIELD_OF: Record<string, string> = { label: 'label', amountCents: 'amount', kind: 'kind' };

/** The element id of a problem's field ("items/1/amountCents" → "<prefix>-line-1-amount"). */
export function fieldDomId(prefix: string, key: string): string {
  const m = /^items\/(\d+)\/(label|amountCents|kind)$/.exec(key);
  if (m) return `${prefix}-line-${m[1]}-${FIELD_OF[m[2]!]}`;
  if (key === 'items' || key.startsWith('items/')) return `${prefix}-lines`;
  return `${prefix}-${key}`;
}

interface LinesEditorProps {
  prefix: string;
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  errors: Record<string, string>;
  /** the level of each line's heading (below the form's own) */
  level?: 3 | 4;
}

export function LinesEditor({ prefix, lines, onChange, errors, level = 3 }: LinesEditorProps) {
  const { t } = useTranslation();
  const focus = useRef<string | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!focus.current) return;
    const id = focus.current;
    focus.current = null;
    if (id === 'add') addRef.current?.focus();
    else document.getElementById(id)?.focus();
  });
  const Heading = level === 3 ? 'h3' : 'h4';
  const set = (index: number, values: Partial<LineDraft>) => onChange(lines.map((l, i) => (i === index ? { ...l, ...values } : l)));
  const add = () => {
    focus.current = `${prefix}-line-${lines.length}-label`;
    onChange([...lines, newLine(lines.at(-1)?.kind)]);
  };
  const remove = (index: number) => {
    focus.current = lines.length > 1 ? `${prefix}-line-${Math.max(0, index - 1)}-label` : 'add';
    onChange(lines.length > 1 ? lines.filter((_, i) => i !== index) : [newLine()]);
  };
  const total = totalOfTyped(lines.map((l) => l.amount));
  const listError = errors.items;

  return (
    <fieldset className="sp-pay-fieldset" id={`${prefix}-lines`} tabIndex={-1} aria-describedby={describedBy(`${prefix}-lines`, true, listError)}>
      <legend>{t('officePayments.lines.legend')}</legend>
      <p id={`${prefix}-lines-hint`} className="sp-pay-hint">
        {t('officePayments.lines.hint')}
      </p>
      <FieldError id={`${prefix}-lines`} message={listError} />
      <ol className="sp-pay-lines">
        {lines.map((line, index) => {
          const name = t('officePayments.lines.row', { n: index + 1 });
          const id = (field: string) => `${prefix}-line-${index}-${field}`;
          const err = (field: string) => errors[`items/${index}/${field}`];
          return (
            <li key={index} className="sp-pay-line">
              <div className="sp-pay-line-head">
                <Heading id={id('heading')}>{line.label.trim() ? `${name}: ${line.label.trim()}` : name}</Heading>
                {(lines.length > 1 || line.label || line.amount) && (
                  <Button type="button" color="danger" outline size="xs" onClick={() => remove(index)}>
                    {t('officePayments.lines.remove')}
                    <span className="visually-hidden"> {name}</span>
                  </Button>
                )}
              </div>
              <div className="sp-pay-line-grid" role="group" aria-labelledby={id('heading')}>
                <div className="sp-pay-field">
                  <label htmlFor={id('label')} className="sp-pay-label">
                    {t('officePayments.lines.label')}
                  </label>
                  <input
                    id={id('label')}
                    type="text"
                    className="form-control sp-pay-input"
                    value={line.label}
                    maxLength={LINE_LABEL_MAX}
                    onChange={(e) => set(index, { label: e.target.value })}
                    aria-invalid={err('label') ? true : undefined}
                    aria-describedby={describedBy(id('label'), false, err('label'))}
                    autoComplete="off"
                  />
                  <FieldError id={id('label')} message={err('label')} />
                </div>
                <div className="sp-pay-field">
                  <label htmlFor={id('amount')} className="sp-pay-label">
                    {t('officePayments.lines.amount')}
                  </label>
                  <input
                    id={id('amount')}
                    type="text"
                    inputMode="decimal"
                    className="form-control sp-pay-input"
                    value={line.amount}
                    maxLength={20}
                    onChange={(e) => set(index, { amount: e.target.value })}
                    aria-invalid={err('amountCents') ? true : undefined}
                    aria-describedby={describedBy(id('amount'), true, err('amountCents'))}
                    autoComplete="off"
                  />
                  <p id={`${id('amount')}-hint`} className="sp-pay-hint mb-0">
                    {t('officePayments.lines.amountHint')}
                  </p>
                  <FieldError id={id('amount')} message={err('amountCents')} />
                </div>
                <div className="sp-pay-field">
                  <label htmlFor={id('kind')} className="sp-pay-label">
                    {t('officePayments.lines.kind')}
                  </label>
                  <select
                    id={id('kind')}
                    className="form-select sp-pay-input"
                    value={line.kind}
                    onChange={(e) => set(index, { kind: e.target.value as PaymentItemKind })}
                    aria-invalid={err('kind') ? true : undefined}
                    aria-describedby={describedBy(id('kind'), false, err('kind'))}
                  >
                    {PAYMENT_ITEM_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`officePayments.kinds.${k}`)}
                      </option>
                    ))}
                  </select>
                  <FieldError id={id('kind')} message={err('kind')} />
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      {lines.length < MAX_LINES && (
        <Button type="button" innerRef={addRef} color="primary" outline size="sm" onClick={add}>
          <Icon name="plus" className="me-1" />
          {t('officePayments.lines.add')}
        </Button>
      )}
      <p className="sp-pay-total" id={`${prefix}-total`}>
        {t('officePayments.lines.total', { amount: formatEuro(total) })}
      </p>
    </fieldset>
  );
}
