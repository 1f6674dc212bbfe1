/**
 * The second-level approvals (visti) after the officer's proposed outcome, in order: for each its name and who
 * gives it — a manager of the body, or another office chosen from the body's offices. At most MAX_APPROVALS.
 */
import { Button } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { MAX_APPROVALS } from '../../../../contracts/workflow';
import type { Office } from '../../../api/types';
import { SelectField, TextField } from '../../../ui/fields';
import { fieldId } from '../../editorModel';
import { RowHead, useRowList } from './rows';
import type { ApprovalRow } from './workflowDraft';

interface ApprovalsEditorProps {
  items: ApprovalRow[];
  onChange: (items: ApprovalRow[]) => void;
  errorFor: (key: string) => string | undefined;
  /** the body's offices (undefined while loading) */
  offices: Office[] | undefined;
}

const key = (index: number, field?: string) => `workflow/approvals/${index}${field ? `/${field}` : ''}`;
const moveId = (index: number, dir: 'up' | 'down') => `${fieldId(key(index))}-${dir}`;

export function ApprovalsEditor({ items, onChange, errorFor, offices }: ApprovalsEditorProps) {
  const { t } = useTranslation();
  const list = useRowList(items, onChange, { field: (i) => fieldId(key(i, 'label')), move: moveId });
  const listError = errorFor('workflow/approvals');
  const full = items.length >= MAX_APPROVALS;
  const officeOptions = (offices ?? []).map((o) => ({ value: o.code, label: o.name }));
  return (
    <div className="sp-list-editor" id={fieldId('workflow/approvals')}>
      <p className="form-text sp-hint mt-0">{t('workflow.editor.hints.approvals', { max: MAX_APPROVALS })}</p>
      {listError && <p className="invalid-feedback d-block sp-field-error">{listError}</p>}
      {items.length === 0 && <p className="text-muted-sp">{t('workflow.editor.empty.approvals')}</p>}
      <ol className="list-unstyled sp-list-rows">
        {items.map((item, index) => {
          const name = t('workflow.editor.rows.approvals', { n: index + 1 });
          const headingId = `${fieldId(key(index))}-heading`;
          const byId = fieldId(key(index, 'by'));
          const byError = errorFor(key(index, 'by'));
          // an office code the list does not have (removed since) stays visible as such
          const options = item.officeCode && !officeOptions.some((o) => o.value === item.officeCode) ? [...officeOptions, { value: item.officeCode, label: item.officeCode }] : officeOptions;
          return (
            <li key={index} className="sp-form-row" id={fieldId(key(index))}>
              <RowHead headingId={headingId} title={item.label ? `${name}: ${item.label}` : name} name={name} index={index} count={items.length} moveId={moveId} onMove={(d) => list.move(index, d)} onRemove={() => list.remove(index)} />
              <div role="group" aria-labelledby={headingId}>
                <TextField
                  id={fieldId(key(index, 'label'))}
                  label={t('workflow.editor.fields.approvalLabel')}
                  hint={t('workflow.editor.hints.approvalLabel')}
                  value={item.label}
                  onValueChange={(label) => list.set(index, { label })}
                  error={errorFor(key(index, 'label')) ?? errorFor(key(index, 'id'))}
                  maxLength={200}
                />
                <fieldset className="sp-radio-group" id={`${byId}-kind`}>
                  <legend className="sp-small-legend">{t('workflow.editor.fields.by')}</legend>
                  {(['manager', 'office'] as const).map((by) => (
                    <div className="form-check sp-radio" key={by}>
                      <input
                        type="radio"
                        id={`${byId}-${by}`}
                        name={`${byId}-kind`}
                        value={by}
                        checked={item.by === by}
                        onChange={() => list.set(index, { by })}
                      />
                      <label htmlFor={`${byId}-${by}`}>{t(`workflow.editor.by.${by}`)}</label>
                    </div>
                  ))}
                </fieldset>
                {item.by === 'office' ? (
                  <SelectField
                    id={byId}
                    className="sp-indented"
                    label={t('workflow.editor.fields.office')}
                    value={item.officeCode}
                    onValueChange={(officeCode) => list.set(index, { officeCode })}
                    options={options}
                    emptyLabel={offices ? t('workflow.editor.chooseOffice') : t('common.loading')}
                    error={byError}
                  />
                ) : (
                  byError && (
                    <p id={byId} className="invalid-feedback d-block sp-field-error" tabIndex={-1}>
                      {byError}
                    </p>
                  )
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <Button type="button" innerRef={list.addRef} color="primary" outline size="sm" disabled={full} aria-describedby={full ? 'workflow-approvals-full' : undefined} onClick={() => list.add({ id: '', label: '', by: 'manager', officeCode: '' })}>
        + {t('workflow.editor.add.approvals')}
      </Button>
      {full && (
        <p id="workflow-approvals-full" className="form-text sp-hint">
          {t('workflow.editor.hints.approvalsFull', { max: MAX_APPROVALS })}
        </p>
      )}
    </div>
  );
}
