/**
 * The automations, one row each: "Quando [evento] → fai [azione]", with the fields the chosen action needs —
 * recipient and channels (checkboxes) and the message with its placeholders, days, a note. An automation may do
 * more than one thing: actions are added and removed inside it.
 */
import { Button } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { CHANNELS, RECIPIENTS, WORKFLOW_EVENTS, type Channel } from '../../../../contracts/workflow';
import { CheckboxField, SelectField, TextField } from '../../../ui/fields';
import { fieldId } from '../../editorModel';
import { RowHead, useRowList } from './rows';
import { TemplateFields } from './TemplateFields';
import { ACTION_TYPES, newAction, newAutomation, type ActionRow, type AutomationRow } from './workflowDraft';

export interface FormFieldChoice {
  pointer: string;
  label: string;
  /** the field's JSON Schema type ("integer", "boolean"…), for the fees' "per ogni" and "solo se" */
  type?: string;
  /** the values of a choice, with their labels */
  choices?: { value: string | number | boolean; label: string }[];
}

interface AutomationsEditorProps {
  items: AutomationRow[];
  onChange: (items: AutomationRow[]) => void;
  errorFor: (key: string) => string | undefined;
  /** the fields of the service's online form (null when it has none) */
  formFields: FormFieldChoice[] | null;
}

const key = (index: number, field?: string) => `workflow/automations/${index}${field ? `/${field}` : ''}`;
const moveId = (index: number, dir: 'up' | 'down') => `${fieldId(key(index))}-${dir}`;

export function AutomationsEditor({ items, onChange, errorFor, formFields }: AutomationsEditorProps) {
  const { t } = useTranslation();
  const list = useRowList(items, onChange, { field: (i) => fieldId(key(i, 'on')), move: moveId });
  const listError = errorFor('workflow/automations');
  const eventOptions = WORKFLOW_EVENTS.map((e) => ({ value: e, label: t(`workflow.editor.events.${e}`) }));

  return (
    <div className="sp-list-editor" id={fieldId('workflow/automations')}>
      <p className="form-text sp-hint mt-0">{t('workflow.editor.hints.automations')}</p>
      {listError && <p className="invalid-feedback d-block sp-field-error">{listError}</p>}
      {items.length === 0 && <p className="text-muted-sp">{t('workflow.editor.empty.automations')}</p>}
      <ol className="list-unstyled sp-list-rows">
        {items.map((item, index) => {
          const name = t('workflow.editor.rows.automations', { n: index + 1 });
          const headingId = `${fieldId(key(index))}-heading`;
          const summary = t('workflow.editor.automationSummary', {
            event: t(`workflow.editor.events.${item.on}`),
            actions: item.do.map((d) => t(`workflow.editor.actions.${d.type}`)).join(', ') || '…',
          });
          return (
            <li key={index} className="sp-form-row sp-automation" id={fieldId(key(index))}>
              <RowHead headingId={headingId} title={`${name}: ${summary}`} name={name} index={index} count={items.length} moveId={moveId} onMove={(d) => list.move(index, d)} onRemove={() => list.remove(index)} />
              <div role="group" aria-labelledby={headingId}>
                <div className="sp-form-row-grid sp-when-row">
                  <SelectField
                    id={fieldId(key(index, 'on'))}
                    label={t('workflow.editor.fields.on')}
                    value={item.on}
                    onValueChange={(on) => list.set(index, { on: on as AutomationRow['on'] })}
                    options={eventOptions}
                    error={errorFor(key(index, 'on')) ?? errorFor(key(index, 'id'))}
                  />
                  {item.on === 'due_soon' && (
                    <TextField
                      id={fieldId(key(index, 'daysBefore'))}
                      className="sp-number-field"
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={365}
                      label={t('workflow.editor.fields.daysBeforeDue')}
                      value={item.daysBefore}
                      onValueChange={(daysBefore) => list.set(index, { daysBefore })}
                      error={errorFor(key(index, 'daysBefore'))}
                    />
                  )}
                </div>
                <ActionsEditor
                  base={key(index)}
                  actions={item.do}
                  onChange={(actions) => list.set(index, { do: actions })}
                  errorFor={errorFor}
                  formFields={formFields}
                />
              </div>
            </li>
          );
        })}
      </ol>
      <Button type="button" innerRef={list.addRef} color="primary" outline size="sm" onClick={() => list.add(newAutomation())}>
        + {t('workflow.editor.add.automations')}
      </Button>
    </div>
  );
}

function ActionsEditor({ base, actions, onChange, errorFor, formFields }: {
  base: string;
  actions: ActionRow[];
  onChange: (actions: ActionRow[]) => void;
  errorFor: (key: string) => string | undefined;
  formFields: FormFieldChoice[] | null;
}) {
  const { t } = useTranslation();
  const actionKey = (j: number, field?: string) => `${base}/do/${j}${field ? `/${field}` : ''}`;
  const list = useRowList(actions, onChange, { field: (j) => fieldId(actionKey(j, 'type')), move: (j, dir) => `${fieldId(actionKey(j))}-${dir}` });
  const listError = errorFor(`${base}/do`);
  return (
    <div className="sp-wf-actions" id={fieldId(`${base}/do`)}>
      {listError && <p className="invalid-feedback d-block sp-field-error">{listError}</p>}
      <ol className="list-unstyled mb-2">
        {actions.map((action, j) => {
          const name = t('workflow.editor.rows.action', { n: j + 1 });
          const headingId = `${fieldId(actionKey(j))}-heading`;
          return (
            <li key={j} className="sp-wf-action" id={fieldId(actionKey(j))}>
              {actions.length > 1 ? (
                <RowHead headingId={headingId} title={name} name={name} index={j} count={actions.length} onRemove={() => list.remove(j)} level={4} />
              ) : (
                <h4 className="visually-hidden" id={headingId}>
                  {name}
                </h4>
              )}
              <div role="group" aria-labelledby={headingId}>
                <SelectField
                  id={fieldId(actionKey(j, 'type'))}
                  className="sp-wf-action-type"
                  label={t('workflow.editor.fields.type')}
                  value={action.type}
                  onValueChange={(type) => list.set(j, { type: type as ActionRow['type'] })}
                  options={ACTION_TYPES.map((type) => ({ value: type, label: t(`workflow.editor.actions.${type}`) }))}
                  error={errorFor(actionKey(j, 'type')) ?? errorFor(actionKey(j))}
                />
                <ActionFields keyOf={(f) => actionKey(j, f)} action={action} onChange={(values) => list.set(j, values)} errorFor={errorFor} formFields={formFields} />
              </div>
            </li>
          );
        })}
      </ol>
      <Button type="button" innerRef={list.addRef} color="primary" outline size="xs" onClick={() => list.add(newAction())}>
        + {t('workflow.editor.add.action')}
      </Button>
    </div>
  );
}

function ActionFields({ keyOf, action, onChange, errorFor, formFields }: {
  keyOf: (field: string) => string;
  action: ActionRow;
  onChange: (values: Partial<ActionRow>) => void;
  errorFor: (key: string) => string | undefined;
  formFields: FormFieldChoice[] | null;
}) {
  const { t } = useTranslation();
  switch (action.type) {
    case 'notify': {
      const channelsId = fieldId(keyOf('channels'));
      const channelsError = errorFor(keyOf('channels'));
      const toggle = (channel: Channel, on: boolean) =>
        onChange({ channels: on ? CHANNELS.filter((c) => c === channel || action.channels.includes(c)) : action.channels.filter((c) => c !== channel) });
      return (
        <div className="sp-wf-action-fields">
          <div className="sp-form-row-grid">
            <SelectField
              id={fieldId(keyOf('to'))}
              label={t('workflow.editor.fields.to')}
              value={action.to}
              onValueChange={(to) => onChange({ to: to as ActionRow['to'], ...(to === 'answers' ? { channels: ['email'] } : {}) })}
              options={RECIPIENTS.map((r) => ({ value: r, label: t(`workflow.editor.recipients.${r}`) }))}
              error={errorFor(keyOf('to'))}
            />
            {action.to === 'answers' && (
              <SelectField
                id={fieldId(keyOf('pointer'))}
                label={t('workflow.editor.fields.pointer')}
                hint={formFields ? t('workflow.editor.hints.pointer') : t('workflow.editor.hints.noForm')}
                value={action.pointer}
                onValueChange={(pointer) => onChange({ pointer })}
                options={[
                  ...(formFields ?? []).map((f) => ({ value: f.pointer, label: f.label })),
                  // a field the form no longer has stays visible as such
                  ...(action.pointer && !(formFields ?? []).some((f) => f.pointer === action.pointer) ? [{ value: action.pointer, label: action.pointer }] : []),
                ]}
                emptyLabel={t('workflow.editor.choosePointer')}
                error={errorFor(keyOf('pointer'))}
              />
            )}
          </div>
          <fieldset className="sp-checkbox-group" id={channelsId} aria-describedby={channelsError ? `${channelsId}-error` : undefined}>
            <legend className="sp-small-legend">{t('workflow.editor.fields.channels')}</legend>
            <div className="sp-inline-checks">
              {CHANNELS.map((channel) => (
                <div className="form-check sp-check" key={channel}>
                  <input
                    type="checkbox"
                    id={`${channelsId}-${channel}`}
                    checked={action.channels.includes(channel)}
                    aria-invalid={channelsError ? true : undefined}
                    onChange={(e) => toggle(channel, e.target.checked)}
                  />
                  <label htmlFor={`${channelsId}-${channel}`}>{t(`workflow.editor.channels.${channel}`)}</label>
                </div>
              ))}
            </div>
            {channelsError && (
              <p id={`${channelsId}-error`} className="invalid-feedback d-block sp-field-error">
                {channelsError}
              </p>
            )}
          </fieldset>
          <TemplateFields
            name={keyOf('template')}
            value={{ subject: action.subject, body: action.body }}
            onChange={({ subject, body }) => onChange({ subject, body })}
            errorFor={errorFor}
          />
        </div>
      );
    }
    case 'generate_document':
      return (
        <div className="sp-wf-action-fields">
          <TemplateFields
            name={keyOf('template')}
            value={{ subject: action.subject, body: action.body }}
            onChange={({ subject, body }) => onChange({ subject, body })}
            errorFor={errorFor}
            subjectLabel={t('workflow.editor.fields.documentTitle')}
            bodyLabel={t('workflow.editor.fields.documentBody')}
            rows={6}
          />
        </div>
      );
    case 'set_deadline':
      return (
        <div className="sp-wf-action-fields">
          <TextField
            id={fieldId(keyOf('days'))}
            className="sp-narrow-field"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            label={t('workflow.editor.fields.days')}
            value={action.days}
            onValueChange={(days) => onChange({ days })}
            error={errorFor(keyOf('days'))}
          />
          <CheckboxField
            id={fieldId(keyOf('move'))}
            label={t('workflow.editor.fields.move')}
            checked={action.move}
            onCheckedChange={(move) => onChange({ move })}
            error={errorFor(keyOf('move'))}
          />
        </div>
      );
    case 'remind_operator':
      return (
        <div className="sp-wf-action-fields">
          <TextField
            id={fieldId(keyOf('daysBefore'))}
            className="sp-narrow-field"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            label={t('workflow.editor.fields.daysBefore')}
            value={action.daysBefore}
            onValueChange={(daysBefore) => onChange({ daysBefore })}
            error={errorFor(keyOf('daysBefore'))}
          />
        </div>
      );
    case 'tacit_approval':
      return (
        <div className="sp-wf-action-fields">
          <TextField
            id={fieldId(keyOf('note'))}
            label={t('workflow.editor.fields.note')}
            hint={t('workflow.editor.hints.note')}
            value={action.note}
            onValueChange={(note) => onChange({ note })}
            error={errorFor(keyOf('note'))}
            maxLength={1000}
          />
        </div>
      );
    default:
      return <p className="form-text sp-hint sp-wf-action-fields">{t(`workflow.editor.actionHints.${action.type}`)}</p>;
  }
}
