/**
 * Where the person is in the application: every step by name, the done ones and the current one, each done (or
 * reachable) step a button that goes there. On a phone it folds to "2/5 Nuova residenza" with a progress bar and
 * a button that opens the full list.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageStep } from './formModel';

interface Props {
  steps: PageStep[];
  current: number;
  /** whether a step can be reached from here (back always; forward only through the checks of the steps between) */
  canGo: (index: number) => boolean;
  onGo: (index: number) => void;
}

export function StepIndicator({ steps, current, canGo, onGo }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const total = steps.length;
  const step = steps[current];
  return (
    <nav className="sp-steps" aria-label={t('application.steps.label')}>
      <div className="sp-steps-compact">
        <p className="sp-steps-count" aria-hidden="true">
          <span className="sp-steps-fraction">
            {current + 1}/{total}
          </span>{' '}
          <span className="sp-steps-compact-title">{step?.title}</span>
        </p>
        <div className="sp-steps-bar" aria-hidden="true">
          <span style={{ width: `${((current + 1) / total) * 100}%` }} />
        </div>
        <button type="button" className="btn btn-link sp-steps-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
          {open ? t('application.steps.hideAll') : t('application.steps.showAll')}
        </button>
      </div>
      <ol id={listId} className={`sp-steps-list${open ? ' is-open' : ''}`}>
        {steps.map((s, i) => {
          const state = i < current ? 'done' : i === current ? 'current' : 'todo';
          const reachable = i !== current && canGo(i);
          const label = (
            <>
              <span className="sp-step-number" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="sp-step-title">
                <span className="visually-hidden">{t('application.steps.stepOf', { n: i + 1, total })}: </span>
                {s.title}
                {state === 'done' && <span className="visually-hidden"> ({t('application.steps.done')})</span>}
              </span>
            </>
          );
          return (
            <li key={s.id} className={`sp-step is-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              {reachable ? (
                <button
                  type="button"
                  className="sp-step-button"
                  onClick={() => {
                    setOpen(false);
                    onGo(i);
                  }}
                >
                  {label}
                </button>
              ) : (
                <span className="sp-step-static">{label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
