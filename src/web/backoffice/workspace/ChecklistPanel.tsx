/**
 * "Checklist": the service's verification items. Each box saves at once (PUT …/checklist/{item}); required items
 * are marked in words, and who ticked each one and when is shown. While the box saves it stays where it is; a
 * refusal is announced next to the list.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../contracts/applications';
import { formatDateTime } from '../../citizen/practices/format';
import { ActionAlert, useStaffAction } from './actions';
import { workspaceApi } from './api';

export function ChecklistPanel({ a, editable }: { a: ApplicationDetail; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const items = a.office?.checklist ?? [];
  const [saving, setSaving] = useState<string | null>(null);
  const toggle = useStaffAction(a, (vars: { itemId: string; done: boolean }) => workspaceApi.setChecklistItem(a.id, vars.itemId, vars.done, a.revision));

  if (items.length === 0) return <p className="sp-ws-hint">{t('workspace.checklist.none')}</p>;
  const done = items.filter((i) => i.done).length;
  const requiredLeft = items.filter((i) => i.required && !i.done).length;

  return (
    <>
      <p className="sp-ws-progress" id="checklist-progress">
        {t('workspace.checklist.progress', { done, count: items.length })}
        {requiredLeft > 0 && <> — {t('workspace.checklist.requiredLeft', { count: requiredLeft })}</>}
      </p>
      {!editable && <p className="sp-ws-hint">{t('workspace.checklist.readOnly')}</p>}
      <ul className="sp-ws-checklist" aria-describedby="checklist-progress">
        {items.map((item) => {
          const id = `checklist-${item.id}`;
          return (
            <li key={item.id} className={item.done ? 'is-done' : undefined}>
              <div className="form-check sp-ws-check">
                <input
                  id={id}
                  type="checkbox"
                  className="form-check-input"
                  checked={item.done}
                  disabled={!editable || saving !== null}
                  aria-describedby={`${id}-meta`}
                  onChange={(e) => {
                    setSaving(item.id);
                    toggle.mutate({ itemId: item.id, done: e.target.checked }, { onSettled: () => setSaving(null) });
                  }}
                />
                <label htmlFor={id} className="form-check-label">
                  <span lang="it">{item.label}</span>
                  {item.required && <span className="sp-ws-required"> ({t('workspace.checklist.required')})</span>}
                </label>
              </div>
              <p id={`${id}-meta`} className="sp-ws-check-meta">
                {saving === item.id
                  ? t('workspace.checklist.saving')
                  : item.done
                    ? item.doneBy && item.doneAt
                      ? t('workspace.checklist.doneBy', { name: item.doneBy, date: formatDateTime(item.doneAt, i18n.language) })
                      : t('workspace.checklist.done')
                    : t('workspace.checklist.todo')}
              </p>
            </li>
          );
        })}
      </ul>
      <ActionAlert failure={toggle.failure} applicationId={a.id} onReloaded={() => toggle.reset()} />
    </>
  );
}
