/**
 * The steps an application goes through, as the citizen sees them: on the service card (what will happen) and on
 * the application (where it is now, aria-current="step"). An ordered list of numbered steps, one under the other
 * on a phone and side by side where there is room (a CSS container query, so that a narrow column — the editor's
 * preview — keeps them vertical) — CSS only, no image. The fixed steps are translated by id; the
 * visas carry the label the body wrote (Italian content). The back-office workflow editor shows the same component
 * as its live preview.
 */
import { useTranslation } from 'react-i18next';
import type { WorkflowStep } from '../../contracts/workflow';
import './workflowDiagram.css';

export interface WorkflowDiagramProps {
  steps: WorkflowStep[];
  /** the step the application is at; absent or null on the service card */
  currentStepId?: string | null;
  /** names the list for assistive technology, e.g. the heading's id */
  labelledBy?: string;
}

/** The label of a step in the interface's language (the visas keep the body's own words). */
export function useStepLabel() {
  const { t } = useTranslation();
  return (step: WorkflowStep): { text: string; content: boolean } => {
    if (step.kind === 'approval') return { text: step.label, content: true };
    // the outcome reads "Esito (o silenzio-assenso alla scadenza)" when silence means approval
    const key = step.id === 'outcome' && /silenzio/i.test(step.label) ? 'outcomeTacit' : step.id;
    return { text: t(`workflow.steps.${key}`, { defaultValue: step.label }), content: false };
  };
}

export function WorkflowDiagram({ steps, currentStepId, labelledBy }: WorkflowDiagramProps) {
  const { t } = useTranslation();
  const labelOf = useStepLabel();
  const current = currentStepId ? steps.findIndex((s) => s.id === currentStepId) : -1;

  return (
    // the frame is a size container: the steps go side by side when the space they have is wide, not the window
    <div className="sp-workflow-frame">
      <ol className={`sp-workflow${current >= 0 ? ' sp-workflow-tracked' : ''}`} aria-labelledby={labelledBy}>
        {steps.map((step, i) => {
          const state = current < 0 ? 'plain' : i < current ? 'done' : i === current ? 'current' : 'next';
          const label = labelOf(step);
          return (
            <li key={step.id} className={`sp-workflow-step sp-workflow-${state}`} aria-current={state === 'current' ? 'step' : undefined} data-step={step.id}>
              <span className="sp-workflow-num" aria-hidden="true">
                {i + 1}
              </span>
              <span className="sp-workflow-text">
                <span className="sp-workflow-label" lang={label.content ? 'it' : undefined}>
                  {label.text}
                </span>
                {state === 'done' && <span className="visually-hidden"> ({t('workflow.diagram.done')})</span>}
                {state === 'current' && <span className="sp-workflow-here">{t('workflow.diagram.current')}</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
