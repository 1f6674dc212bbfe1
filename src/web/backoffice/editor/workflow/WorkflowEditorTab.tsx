/**
 * The editor's "Flusso di lavoro" tab: what happens to an application after it is sent, edited without JSON —
 * payment before submission with the fees it asks, the checklist, the visas, who may do each step, the automations "Quando … → fai …",
 * the texts of the response documents — beside a live preview of the diagram the citizen sees (below it on a
 * phone). "Ripristina il flusso predefinito" goes back to the default workflow after a confirmation. It only
 * edits the draft; publication is the page's.
 */
import { Button } from 'design-react-kit';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_WORKFLOW, workflowSteps } from '../../../../contracts/workflow';
import type { Office } from '../../../api/types';
import { WorkflowDiagram } from '../../../citizen/WorkflowDiagram';
import { Notice } from '../../../ui/status';
import { fieldId } from '../../editorModel';
import { ApprovalsEditor } from './ApprovalsEditor';
import { AutomationsEditor, type FormFieldChoice } from './AutomationsEditor';
import { ChecklistEditor } from './ChecklistEditor';
import { FeesEditor } from './FeesEditor';
import { useWorkflowMessages } from './labels';
import { PermissionsEditor } from './PermissionsEditor';
import { TemplateFields } from './TemplateFields';
import { sameJson, workflowDraftFrom, workflowDraftToDefinition, type WorkflowDraft } from './workflowDraft';
import '../form/formEditor.css';
import './workflowEditor.css';

export interface WorkflowEditorTabProps {
  workflow: WorkflowDraft;
  onChange: (workflow: WorkflowDraft) => void;
  errorFor: (key: string) => string | undefined;
  offices: Office[] | undefined;
  /** fields of the online form being edited, for recipients read from the answers (null: no form) */
  formFields: FormFieldChoice[] | null;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="sp-editor-group sp-form-section" aria-labelledby={id}>
      <h2 id={id} className="h4 sp-form-section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default function WorkflowEditorTab({ workflow, onChange, errorFor, offices, formFields }: WorkflowEditorTabProps) {
  const { t } = useTranslation();
  const messages = useWorkflowMessages();
  const [confirming, setConfirming] = useState(false);
  const [announce, setAnnounce] = useState('');
  const confirmRef = useRef<HTMLDivElement>(null);
  const resetRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const conversion = useMemo(() => workflowDraftToDefinition(workflow, messages), [workflow, messages]);
  const steps = useMemo(() => workflowSteps(conversion.definition), [conversion]);
  const isDefault = conversion.workflow === undefined;
  const patch = (values: Partial<WorkflowDraft>) => onChange({ ...workflow, ...values });

  const reset = () => {
    onChange(workflowDraftFrom(DEFAULT_WORKFLOW));
    setConfirming(false);
    setAnnounce(t('workflow.editor.reset.done'));
    resetRef.current?.focus();
  };

  const paymentId = fieldId('workflow/paymentBeforeSubmission');
  const paymentError = errorFor('workflow/paymentBeforeSubmission');

  return (
    <div className="sp-workflow-editor">
      <div className="sp-form-switch sp-workflow-status">
        <p className="mb-2">
          <strong>{isDefault ? t('workflow.editor.status.default') : t('workflow.editor.status.custom')}</strong>
        </p>
        <p className="form-text sp-hint mt-0 mb-2">{t('workflow.editor.status.hint')}</p>
        <Button type="button" innerRef={resetRef} color="secondary" outline size="sm" disabled={isDefault && sameJson(workflow, workflowDraftFrom(DEFAULT_WORKFLOW))} onClick={() => setConfirming(true)}>
          {t('workflow.editor.reset.button')}
        </Button>
        <p className="visually-hidden" role="status">
          {announce}
        </p>
      </div>

      {confirming && (
        <Notice tone="warning" role="none" focusRef={confirmRef} className="sp-form-confirm" aria-labelledby="workflow-reset-title">
          <p id="workflow-reset-title" className="fw-semibold mb-1">
            {t('workflow.editor.reset.title')}
          </p>
          <p className="mb-2">{t('workflow.editor.reset.body')}</p>
          <div className="d-flex flex-wrap gap-2">
            <Button type="button" color="danger" size="sm" onClick={reset}>
              {t('workflow.editor.reset.confirm')}
            </Button>
            <Button
              type="button"
              color="secondary"
              outline
              size="sm"
              onClick={() => {
                setConfirming(false);
                resetRef.current?.focus();
              }}
            >
              {t('workflow.editor.reset.cancel')}
            </Button>
          </div>
        </Notice>
      )}

      <p className="sp-skip-preview d-lg-none">
        <a href="#workflow-preview-title">{t('workflow.editor.preview.skip')}</a>
      </p>

      <div className="row sp-form-layout">
        <div className="col-12 col-lg-7 col-xl-8">
          <form onSubmit={(e) => e.preventDefault()} noValidate aria-label={t('workflow.editor.formLabel')} className="sp-editor-form">
            <Section id="workflow-section-payment" title={t('workflow.editor.sections.paymentBeforeSubmission')}>
              <div className="toggles sp-switch">
                <label htmlFor={paymentId}>
                  <span className="sp-switch-text">{t('workflow.editor.fields.paymentBeforeSubmission')}</span>
                  <input
                    type="checkbox"
                    role="switch"
                    id={paymentId}
                    checked={workflow.paymentBeforeSubmission}
                    aria-describedby={`${paymentId}-hint`}
                    aria-invalid={paymentError ? true : undefined}
                    onChange={(e) => patch({ paymentBeforeSubmission: e.target.checked })}
                  />
                  <span className="lever" aria-hidden="true" />
                </label>
              </div>
              <p id={`${paymentId}-hint`} className="form-text sp-hint">
                {t('workflow.editor.hints.paymentBeforeSubmission')}
              </p>
              {paymentError && <p className="invalid-feedback d-block sp-field-error">{paymentError}</p>}
              {workflow.paymentBeforeSubmission ? (
                <div className="mt-3" role="group" aria-labelledby="workflow-section-fees">
                  <h3 id="workflow-section-fees" className="h5">
                    {t('workflow.editor.sections.fees')}
                  </h3>
                  <FeesEditor items={workflow.fees} onChange={(fees) => patch({ fees })} errorFor={errorFor} formFields={formFields} />
                </div>
              ) : (
                workflow.fees.length > 0 && <p className="form-text sp-hint">{t('workflow.editor.hints.feesKept', { count: workflow.fees.length })}</p>
              )}
            </Section>
            <Section id="workflow-section-checklist" title={t('workflow.editor.sections.checklist')}>
              <ChecklistEditor items={workflow.checklist} onChange={(checklist) => patch({ checklist })} errorFor={errorFor} />
            </Section>
            <Section id="workflow-section-approvals" title={t('workflow.editor.sections.approvals')}>
              <ApprovalsEditor items={workflow.approvals} onChange={(approvals) => patch({ approvals })} errorFor={errorFor} offices={offices} />
            </Section>
            <Section id="workflow-section-permissions" title={t('workflow.editor.sections.permissions')}>
              <PermissionsEditor permissions={workflow.permissions} onChange={(permissions) => patch({ permissions })} errorFor={errorFor} hasApprovals={workflow.approvals.length > 0} />
            </Section>
            <Section id="workflow-section-automations" title={t('workflow.editor.sections.automations')}>
              <AutomationsEditor items={workflow.automations} onChange={(automations) => patch({ automations })} errorFor={errorFor} formFields={formFields} />
            </Section>
            <Section id="workflow-section-response" title={t('workflow.editor.sections.response')}>
              <p className="form-text sp-hint mt-0">{t('workflow.editor.hints.response')}</p>
              {(['approved', 'rejected'] as const).map((outcome) => (
                <div key={outcome} className="sp-form-row">
                  <h3 className="sp-form-row-title mb-3" id={`workflow-response-${outcome}`}>
                    {t(`workflow.editor.response.${outcome}`)}
                  </h3>
                  <div role="group" aria-labelledby={`workflow-response-${outcome}`}>
                    <TemplateFields
                      name={`workflow/response/${outcome}`}
                      value={workflow.response[outcome]}
                      onChange={(value) => patch({ response: { ...workflow.response, [outcome]: value } })}
                      errorFor={errorFor}
                      subjectLabel={t('workflow.editor.fields.documentTitle')}
                      bodyLabel={t('workflow.editor.fields.documentBody')}
                      rows={8}
                    />
                  </div>
                </div>
              ))}
            </Section>
          </form>
        </div>
        <div className="col-12 col-lg-5 col-xl-4">
          <aside className="sp-form-preview-column sp-workflow-preview" aria-labelledby="workflow-preview-title">
            <h2 id="workflow-preview-title" className="h4 sp-form-section-title">
              {t('workflow.editor.preview.title')}
            </h2>
            <p className="sp-preview-note">{t('workflow.editor.preview.note')}</p>
            <div className="sp-preview">
              <p className="fw-semibold mb-2" id="workflow-preview-diagram">
                {t('workflow.diagram.title')}
              </p>
              <WorkflowDiagram steps={steps} labelledBy="workflow-preview-diagram" />
            </div>
          </aside>
        </div>
      </div>
    </div>
  );
}
