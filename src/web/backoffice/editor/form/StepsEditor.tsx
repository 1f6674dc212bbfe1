/**
 * The steps of the form: for each, the schema property it edits (id), its title and description; rows move up and
 * down, are added and removed, and the focus follows the row that moved. (ListEditor edits one text per row;
 * a step has three, so this is its sibling with the same markup.)
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormStep } from '../../../../contracts/forms';
import { TextAreaField, TextField } from '../../../ui/fields';
import { fieldId } from '../../editorModel';

interface StepsEditorProps {
  steps: FormStep[];
  onChange: (steps: FormStep[]) => void;
  errorFor: (key: string) => string | undefined;
  /** top-level object properties of the schema (null while the schema is not valid JSON) */
  candidates: string[] | null;
  /** adds an empty object property to the schema for a step whose id it lacks */
  onCreateInSchema?: (step: FormStep) => void;
}

const moveId = (index: number, dir: 'up' | 'down') => `${fieldId(`form/steps/${index}`)}-${dir}`;

export function StepsEditor({ steps, onChange, errorFor, candidates, onCreateInSchema }: StepsEditorProps) {
  const { t } = useTranslation();
  const focus = useRef<number | 'add' | { index: number; dir: 'up' | 'down' } | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const f = focus.current;
    if (f === null) return;
    focus.current = null;
    if (f === 'add') addRef.current?.focus();
    else if (typeof f === 'number') document.getElementById(fieldId(`form/steps/${f}/id`))?.focus();
    else {
      // after a move the same arrow keeps the focus (the other one when this one is now disabled)
      const same = document.getElementById(moveId(f.index, f.dir)) as HTMLButtonElement | null;
      const other = document.getElementById(moveId(f.index, f.dir === 'up' ? 'down' : 'up')) as HTMLButtonElement | null;
      (same && !same.disabled ? same : other)?.focus();
    }
  });

  const set = (index: number, values: Partial<FormStep>) => onChange(steps.map((s, i) => (i === index ? { ...s, ...values } : s)));
  const remove = (index: number) => {
    focus.current = steps.length > 1 ? Math.max(0, index - 1) : 'add';
    onChange(steps.filter((_, i) => i !== index));
  };
  const add = () => {
    focus.current = steps.length;
    const unused = candidates?.find((c) => !steps.some((s) => s.id === c)) ?? '';
    onChange([...steps, { id: unused, title: '', description: '' }]);
  };
  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= steps.length) return;
    const next = [...steps];
    [next[index], next[target]] = [next[target]!, next[index]!];
    focus.current = { index: target, dir: delta < 0 ? 'up' : 'down' };
    onChange(next);
  };

  const listError = errorFor('form/steps');
  const unassigned = candidates?.filter((c) => !steps.some((s) => s.id === c)) ?? [];

  return (
    <div className="sp-list-editor" id={fieldId('form/steps')}>
      <p className="form-text sp-hint mt-0">{t('formEditor.hints.steps')}</p>
      {listError && <p className="invalid-feedback d-block sp-field-error">{listError}</p>}
      {unassigned.length > 0 && <p className="sp-form-remark">{t('formEditor.remarks.unassigned', { names: unassigned.join(', ') })}</p>}
      {steps.length === 0 && <p className="text-muted-sp">{t('formEditor.noSteps')}</p>}
      <ol className="list-unstyled sp-list-rows">
        {steps.map((step, index) => {
          const row = t('formEditor.rows.steps', { n: index + 1 });
          const key = (f: string) => `form/steps/${index}/${f}`;
          const missing = candidates !== null && step.id.trim() !== '' && !candidates.includes(step.id.trim());
          return (
            <li key={index} className="sp-form-row">
              <div className="sp-form-row-head">
                <h3 className="sp-form-row-title" id={`${fieldId(`form/steps/${index}`)}-heading`}>
                  {row}
                  {step.title ? `: ${step.title}` : ''}
                </h3>
                <div className="sp-row-actions">
                  <Button type="button" id={moveId(index, 'up')} color="secondary" outline size="xs" onClick={() => move(index, -1)} disabled={index === 0} aria-label={t('editor.moveUp', { item: row })}>
                    ↑
                  </Button>
                  <Button type="button" id={moveId(index, 'down')} color="secondary" outline size="xs" onClick={() => move(index, 1)} disabled={index === steps.length - 1} aria-label={t('editor.moveDown', { item: row })}>
                    ↓
                  </Button>
                  <Button type="button" color="danger" outline size="xs" onClick={() => remove(index)}>
                    {t('editor.remove')}
                    <span className="visually-hidden"> {row}</span>
                  </Button>
                </div>
              </div>
              <div className="sp-form-row-fields" role="group" aria-labelledby={`${fieldId(`form/steps/${index}`)}-heading`}>
                <div className="sp-form-row-grid">
                  <TextField
                    id={fieldId(key('id'))}
                    className="sp-form-id-field"
                    label={t('formEditor.fields.step.id')}
                    value={step.id}
                    onValueChange={(v) => set(index, { id: v })}
                    error={errorFor(key('id'))}
                    hint={missing ? t('formEditor.remarks.stepMissing', { id: step.id.trim() }) : undefined}
                    autoComplete="off"
                    spellCheck={false}
                  />
                  <TextField
                    id={fieldId(key('title'))}
                    className="flex-grow-1"
                    label={t('formEditor.fields.step.title')}
                    value={step.title}
                    onValueChange={(v) => set(index, { title: v })}
                    error={errorFor(key('title'))}
                  />
                </div>
                {missing && onCreateInSchema && (
                  <Button type="button" color="primary" outline size="xs" className="mb-3" onClick={() => onCreateInSchema({ ...step, id: step.id.trim() })}>
                    {t('formEditor.createInSchema', { id: step.id.trim() })}
                  </Button>
                )}
                <TextAreaField
                  id={fieldId(key('description'))}
                  label={t('formEditor.fields.step.description')}
                  value={step.description ?? ''}
                  onValueChange={(v) => set(index, { description: v })}
                  error={errorFor(key('description'))}
                  rows={2}
                />
              </div>
            </li>
          );
        })}
      </ol>
      <Button type="button" innerRef={addRef} color="primary" outline size="sm" onClick={add}>
        + {t('formEditor.add.steps')}
      </Button>
    </div>
  );
}
