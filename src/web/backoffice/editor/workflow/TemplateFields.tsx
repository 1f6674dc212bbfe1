/**
 * A message's subject and text, with the placeholders one can insert: a button per placeholder puts it where the
 * cursor was in the subject or the text (the one last used; the text at first) and gives the focus back there.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLACEHOLDERS, type MessageTemplate, type Placeholder } from '../../../../contracts/workflow';
import { TextAreaField, TextField } from '../../../ui/fields';
import { fieldId } from '../../editorModel';

interface TemplateFieldsProps {
  /** error key of the template, e.g. "workflow/automations/0/do/1/template" */
  name: string;
  value: MessageTemplate;
  onChange: (value: MessageTemplate) => void;
  errorFor: (key: string) => string | undefined;
  subjectLabel?: string;
  bodyLabel?: string;
  rows?: number;
}

export function TemplateFields({ name, value, onChange, errorFor, subjectLabel, bodyLabel, rows = 4 }: TemplateFieldsProps) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<'subject' | 'body'>('body');
  const caret = useRef<{ field: 'subject' | 'body'; start: number; end: number } | null>(null);
  const idOf = (part: 'subject' | 'body') => fieldId(`${name}/${part}`);

  const remember = (part: 'subject' | 'body') => (event: { target: EventTarget | null }) => {
    const el = event.target as HTMLInputElement | HTMLTextAreaElement | null;
    if (!el || typeof el.selectionStart !== 'number') return;
    setTarget(part);
    caret.current = { field: part, start: el.selectionStart, end: el.selectionEnd ?? el.selectionStart };
  };

  const insert = (placeholder: Placeholder) => {
    const text = `{{${placeholder}}}`;
    const current = value[target];
    const at = caret.current?.field === target ? caret.current : { start: current.length, end: current.length };
    const start = Math.min(at.start, current.length);
    const end = Math.min(at.end, current.length);
    const next = current.slice(0, start) + text + current.slice(end);
    onChange({ ...value, [target]: next });
    const position = start + text.length;
    caret.current = { field: target, start: position, end: position };
    // after React has written the new value: the cursor right after what was inserted
    setTimeout(() => {
      const el = document.getElementById(idOf(target)) as HTMLInputElement | HTMLTextAreaElement | null;
      el?.focus();
      el?.setSelectionRange(position, position);
    }, 0);
  };

  return (
    <div
      className="sp-template-fields"
      id={fieldId(name)}
      onSelect={(e) => {
        const id = (e.target as HTMLElement).id;
        if (id === idOf('subject')) remember('subject')(e);
        else if (id === idOf('body')) remember('body')(e);
      }}
      onKeyUp={(e) => {
        const id = (e.target as HTMLElement).id;
        if (id === idOf('subject')) remember('subject')(e);
        else if (id === idOf('body')) remember('body')(e);
      }}
      onFocus={(e) => {
        const id = (e.target as HTMLElement).id;
        if (id === idOf('subject')) setTarget('subject');
        else if (id === idOf('body')) setTarget('body');
      }}
    >
      <TextField
        id={idOf('subject')}
        label={subjectLabel ?? t('workflow.editor.fields.subject')}
        value={value.subject}
        onValueChange={(subject) => onChange({ ...value, subject })}
        error={errorFor(`${name}/subject`)}
        maxLength={200}
      />
      <TextAreaField
        id={idOf('body')}
        label={bodyLabel ?? t('workflow.editor.fields.body')}
        value={value.body}
        onValueChange={(body) => onChange({ ...value, body })}
        error={errorFor(`${name}/body`) ?? errorFor(name)}
        rows={rows}
      />
      <details className="sp-placeholders">
        <summary>{t('workflow.editor.placeholders.summary')}</summary>
        <p className="form-text sp-hint mt-1 mb-2">
          {t('workflow.editor.placeholders.hint', { field: target === 'subject' ? t('workflow.editor.fields.subject') : t('workflow.editor.fields.body') })}
        </p>
        <ul className="sp-placeholder-list">
          {PLACEHOLDERS.map((p) => (
            <li key={p}>
              <button
                type="button"
                className="btn btn-outline-primary btn-xs sp-placeholder-button"
                // the pointer must not take the focus (and the cursor position) away from the field
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => insert(p)}
              >
                <code>{`{{${p}}}`}</code>
                <span className="sp-placeholder-meaning">{t(`workflow.editor.placeholders.names.${p}`)}</span>
                <span className="visually-hidden"> — {t('workflow.editor.placeholders.insertInto', { field: target === 'subject' ? t('workflow.editor.fields.subject') : t('workflow.editor.fields.body') })}</span>
              </button>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
