/**
 * The problems of the last publication attempt, at the top of the form: each one links to its field
 * (and moves the focus there, first showing the tab it is on), named the way the form labels it.
 */
import type { MouseEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Notice } from '../../ui/status';
import { fieldId, type FieldError } from '../editorModel';
import { formErrorLabel } from './form/labels';
import { workflowErrorLabel } from './workflow/labels';

interface ErrorSummaryProps {
  problem: string;
  errors: FieldError[];
  sessionExpired: boolean;
  focusRef: Ref<HTMLDivElement>;
  /** shows the part of the editor (tab) where the field of an error key is */
  reveal?: (key: string) => void;
}

/** Focus the field of an error key such as "howTo/2" (or the nearest enclosing group: "howTo", "costs/1"). */
function jumpTo(event: MouseEvent<HTMLAnchorElement>, key: string, reveal?: (key: string) => void) {
  const candidates = [key, key.split('/').slice(0, 3).join('/'), key.split('/').slice(0, 2).join('/'), key.split('/')[0]];
  for (const candidate of candidates) {
    const el = document.getElementById(fieldId(candidate));
    if (el) {
      event.preventDefault();
      const focus = () => {
        const target = el.matches('input, select, textarea') ? el : (el.querySelector<HTMLElement>('input, select, textarea, button') ?? el);
        target.focus();
        target.scrollIntoView({ block: 'center' });
      };
      if (reveal) {
        // the field may be on a hidden tab: show it, then focus once it is drawn
        reveal(key);
        setTimeout(focus, 0);
      } else focus();
      return;
    }
  }
}

export function ErrorSummary({ problem, errors, sessionExpired, focusRef, reveal }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const location = useLocation();

  const fieldLabel = (key: string): string => {
    const [base, second, third] = key.split('/');
    if (base === 'form') return formErrorLabel(key, t);
    if (base === 'workflow') return workflowErrorLabel(key, t);
    if (base === 'access' && second) return t(`editor.fields.access_${second}`, { defaultValue: key });
    if (second !== undefined && /^\d+$/.test(second)) {
      const row = Number(second) + 1;
      const item = t(`editor.rows.${base}`, { n: row, defaultValue: `${base} ${row}` });
      return third ? `${item} — ${t(`editor.fields.cost_${third}`, { defaultValue: third })}` : item;
    }
    return t(`editor.fields.${base}`, { defaultValue: key });
  };

  return (
    <Notice tone="danger" role="alert" className="sp-error-summary" focusRef={focusRef} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="h5">
        {t('editor.errorTitle')}
      </h2>
      <p className="mb-2">{problem}</p>
      {sessionExpired && (
        <p className="mb-2">
          <Link to={`/backoffice/login?returnTo=${encodeURIComponent(location.pathname)}`} target="_blank" rel="noopener">
            {t('editor.loginAgain')}
          </Link>
        </p>
      )}
      {errors.length > 0 && (
        <ul className="mb-0">
          {errors.map((e, i) => (
            <li key={i}>
              {e.key ? (
                <a href={`#${fieldId(e.key)}`} onClick={(ev) => jumpTo(ev, e.key!, reveal)}>
                  {fieldLabel(e.key)}: {e.message}
                </a>
              ) : (
                e.message
              )}
            </li>
          ))}
        </ul>
      )}
    </Notice>
  );
}
