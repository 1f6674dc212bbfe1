/**
 * Words of the workflow editor that more than one piece needs: the messages of the checks done before publishing,
 * and how the error summary names a workflow field ("Flusso di lavoro › Automazione 2 › Azione 1 › Testo").
 */
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkflowMessages } from './workflowDraft';

export function useWorkflowMessages(): WorkflowMessages {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      required: t('workflow.editor.errors.required'),
      whole: (min: number, max: number) => t('workflow.editor.errors.whole', { min, max }),
      office: t('workflow.editor.errors.office'),
      amount: t('workflow.editor.errors.amount'),
      fees: t('workflow.editor.errors.fees'),
      number: t('workflow.editor.errors.number'),
    }),
    [t],
  );
}

const FIELD_KEYS = new Set(['label', 'id', 'by', 'on', 'daysBefore', 'type', 'to', 'pointer', 'channels', 'days', 'move', 'note', 'subject', 'body', 'required', 'amountCents', 'kind', 'perPointer']);

export function workflowErrorLabel(key: string, t: TFunction): string {
  const [, section, ...rest] = key.split('/');
  const parts = [t('workflow.editor.tab')];
  if (!section) return parts[0]!;
  parts.push(t(`workflow.editor.sections.${section}`, { defaultValue: section }));
  if (section === 'checklist' || section === 'approvals' || section === 'automations' || section === 'fees') {
    const [index, ...more] = rest;
    if (index !== undefined && /^\d+$/.test(index)) parts.push(t(`workflow.editor.rows.${section}`, { n: Number(index) + 1 }));
    let tail = more;
    if (tail[0] === 'do' && tail[1] !== undefined && /^\d+$/.test(tail[1])) {
      parts.push(t('workflow.editor.rows.action', { n: Number(tail[1]) + 1 }));
      tail = tail.slice(2);
    }
    if (tail[0] === 'template') tail = tail.slice(1);
    // a fee's condition: "when/pointer" is its field, "when/equals" its value
    if (tail[0] === 'when') tail = [tail[1] === 'equals' ? 'whenEquals' : 'whenPointer'];
    if (tail[0] === 'whenEquals' || tail[0] === 'whenPointer') {
      parts.push(t(`workflow.editor.fields.${tail[0]}`));
      return parts.join(' › ');
    }
    const field = tail[0];
    if (field && FIELD_KEYS.has(field)) parts.push(t(`workflow.editor.fields.${field}`));
  } else if (section === 'permissions' && rest[0]) {
    parts.push(t(`workflow.editor.transitions.${rest[0]}`, { defaultValue: rest[0] }));
  } else if (section === 'response' && rest[0]) {
    parts.push(t(`workflow.editor.response.${rest[0]}`, { defaultValue: rest[0] }));
    if (rest[1] && FIELD_KEYS.has(rest[1])) parts.push(t(`workflow.editor.fields.${rest[1]}`));
  }
  return parts.join(' › ');
}
