/**
 * Who may do each step of the office's work: for every transition, a checkbox per kind of person. The visas'
 * transitions (give the visa, send back) matter only when the workflow has visas, and say so.
 */
import { useTranslation } from 'react-i18next';
import { DEFAULT_PERMISSIONS, PERFORMERS, STAFF_TRANSITIONS, type Performer, type StaffTransition } from '../../../../contracts/workflow';
import { fieldId } from '../../editorModel';

interface PermissionsEditorProps {
  permissions: Record<StaffTransition, Performer[]>;
  onChange: (permissions: Record<StaffTransition, Performer[]>) => void;
  errorFor: (key: string) => string | undefined;
  hasApprovals: boolean;
}

export function PermissionsEditor({ permissions, onChange, errorFor, hasApprovals }: PermissionsEditorProps) {
  const { t } = useTranslation();
  const toggle = (transition: StaffTransition, performer: Performer, on: boolean) => {
    const current = permissions[transition];
    const next = on ? PERFORMERS.filter((p) => p === performer || current.includes(p)) : current.filter((p) => p !== performer);
    onChange({ ...permissions, [transition]: next });
  };
  return (
    <div id={fieldId('workflow/permissions')}>
      <p className="form-text sp-hint mt-0">{t('workflow.editor.hints.permissions')}</p>
      <div className="sp-permissions">
        {STAFF_TRANSITIONS.map((transition) => {
          const id = fieldId(`workflow/permissions/${transition}`);
          const error = errorFor(`workflow/permissions/${transition}`);
          const visa = transition === 'endorse' || transition === 'send_back';
          const isDefault = DEFAULT_PERMISSIONS[transition].length === permissions[transition].length && DEFAULT_PERMISSIONS[transition].every((p) => permissions[transition].includes(p));
          const notes = [visa && !hasApprovals ? `${id}-visa` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
          return (
            <fieldset key={transition} className="sp-checkbox-group sp-permission" id={id} aria-describedby={notes || undefined}>
              <legend className="sp-small-legend">
                {t(`workflow.editor.transitions.${transition}`)}
                {!isDefault && <span className="sp-changed"> {t('workflow.editor.changed')}</span>}
              </legend>
              <div className="sp-inline-checks">
                {PERFORMERS.map((performer) => {
                  const boxId = `${id}-${performer}`;
                  return (
                    <div className="form-check sp-check" key={performer}>
                      <input
                        type="checkbox"
                        id={boxId}
                        checked={permissions[transition].includes(performer)}
                        aria-invalid={error ? true : undefined}
                        onChange={(e) => toggle(transition, performer, e.target.checked)}
                      />
                      <label htmlFor={boxId}>{t(`workflow.editor.performers.${performer}`)}</label>
                    </div>
                  );
                })}
              </div>
              {visa && !hasApprovals && (
                <p id={`${id}-visa`} className="form-text sp-hint mt-0">
                  {t('workflow.editor.hints.visaOnly')}
                </p>
              )}
              {error && (
                <p id={`${id}-error`} className="invalid-feedback d-block sp-field-error">
                  {error}
                </p>
              )}
            </fieldset>
          );
        })}
      </div>
    </div>
  );
}
