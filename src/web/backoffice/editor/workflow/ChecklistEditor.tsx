/** The checklist the officer works through: one text per item, and whether it must be ticked before the outcome. */
import { Button } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { CheckboxField, TextField } from '../../../ui/fields';
import { fieldId } from '../../editorModel';
import { RowHead, useRowList } from './rows';
import type { ChecklistRow } from './workflowDraft';

interface ChecklistEditorProps {
  items: ChecklistRow[];
  onChange: (items: ChecklistRow[]) => void;
  errorFor: (key: string) => string | undefined;
}

const key = (index: number, field?: string) => `workflow/checklist/${index}${field ? `/${field}` : ''}`;
const moveId = (index: number, dir: 'up' | 'down') => `${fieldId(key(index))}-${dir}`;

export function ChecklistEditor({ items, onChange, errorFor }: ChecklistEditorProps) {
  const { t } = useTranslation();
  const list = useRowList(items, onChange, { field: (i) => fieldId(key(i, 'label')), move: moveId });
  const listError = errorFor('workflow/checklist');
  return (
    <div className="sp-list-editor" id={fieldId('workflow/checklist')}>
      <p className="form-text sp-hint mt-0">{t('workflow.editor.hints.checklist')}</p>
      {listError && <p className="invalid-feedback d-block sp-field-error">{listError}</p>}
      {items.length === 0 && <p className="text-muted-sp">{t('workflow.editor.empty.checklist')}</p>}
      <ol className="list-unstyled sp-list-rows">
        {items.map((item, index) => {
          const name = t('workflow.editor.rows.checklist', { n: index + 1 });
          const headingId = `${fieldId(key(index))}-heading`;
          return (
            <li key={index} className="sp-form-row" id={fieldId(key(index))}>
              <RowHead headingId={headingId} title={item.label ? `${name}: ${item.label}` : name} name={name} index={index} count={items.length} moveId={moveId} onMove={(d) => list.move(index, d)} onRemove={() => list.remove(index)} />
              <div role="group" aria-labelledby={headingId}>
                <TextField
                  id={fieldId(key(index, 'label'))}
                  label={t('workflow.editor.fields.checklistLabel')}
                  value={item.label}
                  onValueChange={(label) => list.set(index, { label })}
                  error={errorFor(key(index, 'label')) ?? errorFor(key(index, 'id'))}
                  maxLength={300}
                />
                <CheckboxField
                  id={fieldId(key(index, 'required'))}
                  label={t('workflow.editor.fields.checklistRequired')}
                  checked={item.required}
                  onCheckedChange={(required) => list.set(index, { required })}
                  error={errorFor(key(index, 'required'))}
                />
              </div>
            </li>
          );
        })}
      </ol>
      <Button type="button" innerRef={list.addRef} color="primary" outline size="sm" onClick={() => list.add({ id: '', label: '', required: true })}>
        + {t('workflow.editor.add.checklist')}
      </Button>
    </div>
  );
}
