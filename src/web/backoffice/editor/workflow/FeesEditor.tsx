/**
 * The fees of the payment before submission, one row each: what it is (description, kind), how much (euro as
 * typed, "16,00"), and optionally "per ogni" — a numeric answer of the online form the amount is multiplied by —
 * and "solo se" — an answer that must have a given value (a choice is picked from its values, yes/no for a
 * checkbox, typed otherwise). Pointers are chosen among the form's fields; one the form no longer has stays
 * visible as it is, for the server to point out.
 */
import { Button } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { formatEuro, PAYMENT_ITEM_KINDS, type PaymentItemKind } from '../../../../contracts/payments';
import { SelectField, TextField, type Option } from '../../../ui/fields';
import { fieldId } from '../../editorModel';
import { parseEuroCents } from '../../payments/money';
import type { FormFieldChoice } from './AutomationsEditor';
import { RowHead, useRowList } from './rows';
import { newFee, whenTypeOf, type FeeRow } from './workflowDraft';

interface FeesEditorProps {
  items: FeeRow[];
  onChange: (items: FeeRow[]) => void;
  errorFor: (key: string) => string | undefined;
  /** the fields of the service's online form (null when it has none) */
  formFields: FormFieldChoice[] | null;
}

const key = (index: number, field?: string) => `workflow/fees/${index}${field ? `/${field}` : ''}`;
const moveId = (index: number, dir: 'up' | 'down') => `${fieldId(key(index))}-${dir}`;
const NUMERIC = ['integer', 'number'];

/** The form's fields as options, keeping a pointer the form no longer has (shown as the pointer itself). */
function fieldOptions(fields: FormFieldChoice[], current: string): Option[] {
  const options = fields.map((f) => ({ value: f.pointer, label: f.label }));
  return current && !fields.some((f) => f.pointer === current) ? [...options, { value: current, label: current }] : options;
}

export function FeesEditor({ items, onChange, errorFor, formFields }: FeesEditorProps) {
  const { t } = useTranslation();
  const list = useRowList(items, onChange, { field: (i) => fieldId(key(i, 'label')), move: moveId });
  const listError = errorFor('workflow/fees');
  const fields = formFields ?? [];
  const numeric = fields.filter((f) => f.type === undefined || NUMERIC.includes(f.type));
  const fieldLabel = (pointer: string) => fields.find((f) => f.pointer === pointer)?.label ?? pointer;
  const kindOptions = PAYMENT_ITEM_KINDS.map((k) => ({ value: k, label: t(`officePayments.kinds.${k}`) }));
  const fixedTotal = items.reduce((sum, f) => sum + (!f.perPointer && !f.whenPointer ? (parseEuroCents(f.amount) ?? 0) : 0), 0);

  return (
    <div className="sp-list-editor" id={fieldId('workflow/fees')} tabIndex={-1}>
      <p className="form-text sp-hint mt-0">{t('workflow.editor.hints.fees')}</p>
      {listError && <p className="invalid-feedback d-block sp-field-error">{listError}</p>}
      {items.length === 0 && <p className="text-muted-sp">{t('workflow.editor.empty.fees')}</p>}
      <ol className="list-unstyled sp-list-rows">
        {items.map((item, index) => {
          const name = t('workflow.editor.rows.fees', { n: index + 1 });
          const headingId = `${fieldId(key(index))}-heading`;
          const cents = parseEuroCents(item.amount);
          const summary = [
            item.label.trim(),
            cents ? formatEuro(cents) : '',
            item.perPointer ? t('workflow.editor.fees.summaryPer', { field: fieldLabel(item.perPointer) }) : '',
            item.whenPointer ? t('workflow.editor.fees.summaryWhen', { field: fieldLabel(item.whenPointer), value: whenValueLabel(item, fields, t) }) : '',
          ].filter(Boolean);
          const whenField = fields.find((f) => f.pointer === item.whenPointer);
          return (
            <li key={index} className="sp-form-row" id={fieldId(key(index))}>
              <RowHead
                headingId={headingId}
                title={summary.length ? `${name}: ${summary.join(' — ')}` : name}
                name={name}
                index={index}
                count={items.length}
                moveId={moveId}
                onMove={(d) => list.move(index, d)}
                onRemove={() => list.remove(index)}
              />
              <div role="group" aria-labelledby={headingId}>
                <TextField
                  id={fieldId(key(index, 'label'))}
                  label={t('workflow.editor.fields.feeLabel')}
                  value={item.label}
                  onValueChange={(label) => list.set(index, { label })}
                  error={errorFor(key(index, 'label')) ?? errorFor(key(index, 'id'))}
                  maxLength={140}
                />
                <div className="sp-form-row-grid">
                  <TextField
                    id={fieldId(key(index, 'amountCents'))}
                    label={t('workflow.editor.fields.amountCents')}
                    hint={t('workflow.editor.hints.amount')}
                    inputMode="decimal"
                    autoComplete="off"
                    value={item.amount}
                    onValueChange={(amount) => list.set(index, { amount })}
                    error={errorFor(key(index, 'amountCents'))}
                    maxLength={20}
                  />
                  <SelectField
                    id={fieldId(key(index, 'kind'))}
                    label={t('workflow.editor.fields.kind')}
                    value={item.kind}
                    onValueChange={(kind) => list.set(index, { kind: kind as PaymentItemKind })}
                    options={kindOptions}
                    error={errorFor(key(index, 'kind'))}
                  />
                </div>
                <SelectField
                  id={fieldId(key(index, 'perPointer'))}
                  label={t('workflow.editor.fields.perPointer')}
                  hint={formFields === null ? t('workflow.editor.hints.noForm') : numeric.length ? t('workflow.editor.hints.perPointer') : t('workflow.editor.hints.noNumericField')}
                  value={item.perPointer}
                  onValueChange={(perPointer) => list.set(index, { perPointer })}
                  options={fieldOptions(numeric, item.perPointer)}
                  emptyLabel={t('workflow.editor.fees.once')}
                  error={errorFor(key(index, 'perPointer'))}
                />
                <div className="sp-form-row-grid">
                  <SelectField
                    id={fieldId(key(index, 'when/pointer'))}
                    label={t('workflow.editor.fields.whenPointer')}
                    hint={formFields === null ? t('workflow.editor.hints.noForm') : t('workflow.editor.hints.when')}
                    value={item.whenPointer}
                    onValueChange={(whenPointer) => {
                      const field = fields.find((f) => f.pointer === whenPointer);
                      const whenType = whenTypeOf(field?.type);
                      const first = field?.choices?.[0]?.value;
                      list.set(index, { whenPointer, whenType, whenEquals: whenType === 'boolean' ? 'true' : first !== undefined ? String(first) : '' });
                    }}
                    options={fieldOptions(fields, item.whenPointer)}
                    emptyLabel={t('workflow.editor.fees.always')}
                    error={errorFor(key(index, 'when/pointer'))}
                  />
                  {item.whenPointer && <WhenValue item={item} field={whenField} id={fieldId(key(index, 'when/equals'))} error={errorFor(key(index, 'when/equals'))} onChange={(whenEquals) => list.set(index, { whenEquals })} />}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <Button type="button" innerRef={list.addRef} color="primary" outline size="sm" onClick={() => list.add(newFee())}>
        + {t('workflow.editor.add.fees')}
      </Button>
      {fixedTotal > 0 && <p className="mt-3 mb-0 fw-semibold">{t('workflow.editor.fees.fixedTotal', { amount: formatEuro(fixedTotal) })}</p>}
    </div>
  );
}

/** The value a condition compares with, as a person reads it ("Sì", a choice's label, the text). */
function whenValueLabel(item: FeeRow, fields: FormFieldChoice[], t: (key: string) => string): string {
  if (item.whenType === 'boolean') return item.whenEquals === 'true' ? t('workflow.editor.fees.yes') : t('workflow.editor.fees.no');
  const choice = fields.find((f) => f.pointer === item.whenPointer)?.choices?.find((c) => String(c.value) === item.whenEquals);
  return choice?.label ?? item.whenEquals;
}

function WhenValue({ item, field, id, error, onChange }: { item: FeeRow; field: FormFieldChoice | undefined; id: string; error: string | undefined; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const label = t('workflow.editor.fields.whenEquals');
  if (item.whenType === 'boolean') {
    return (
      <SelectField
        id={id}
        label={label}
        value={item.whenEquals === 'true' ? 'true' : 'false'}
        onValueChange={onChange}
        options={[
          { value: 'true', label: t('workflow.editor.fees.yes') },
          { value: 'false', label: t('workflow.editor.fees.no') },
        ]}
        error={error}
      />
    );
  }
  const choices = field?.choices?.filter((c) => typeof c.value !== 'boolean');
  if (choices?.length) {
    const options = choices.map((c) => ({ value: String(c.value), label: c.label }));
    if (item.whenEquals && !options.some((o) => o.value === item.whenEquals)) options.push({ value: item.whenEquals, label: item.whenEquals });
    return <SelectField id={id} label={label} value={item.whenEquals} onValueChange={onChange} options={options} emptyLabel={t('workflow.editor.fees.chooseValue')} error={error} />;
  }
  return <TextField id={id} label={label} value={item.whenEquals} onValueChange={onChange} inputMode={item.whenType === 'number' ? 'decimal' : undefined} autoComplete="off" maxLength={200} error={error} />;
}
