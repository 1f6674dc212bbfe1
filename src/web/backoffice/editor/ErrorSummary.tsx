/**
 * The problems of the last publication attempt, at the top of the form: each one links to its field
 * (and moves the focus there), named the way the form labels it.
 */
import type { MouseEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Notice } from '../../ui/status';
import { fieldId, type FieldError } from '../editorModel';

interface ErrorSummaryProps {
  problem: string;
  errors: FieldError[];
  sessionExpired: boolean;
  focusRef: Ref<HTMLDivElement>;
}

/** Focus the field of an error key such as "howTo/2" (or the nearest enclosing group: "howTo", "costs/1"). */
function jumpTo(event: MouseEvent<HTMLAnchorElement>, key: string) {
  const candidates = [key, key.split('/').slice(0, 2).join('/'), key.split('/')[0]];
  for (const candidate of candidates) {
    const el = document.getElementById(fieldId(candidate));
    if (el) {
      event.preventDefault();
      const target = el.matches('input, select, textarea') ? el : (el.querySelector<HTMLElement>('input, select, textarea, button') ?? el);
      target.focus();
      target.scrollIntoView({ block: 'center' });
      return;
    }
  }
}

export function ErrorSummary({ problem, errors, sessionExpired, focusRef }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const location = useLocation();

  const fieldLabel = (key: string): string => {
    const [base, second, third] = key.split('/');
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
                <a href={`#${fieldId(e.key)}`} onClick={(ev) => jumpTo(ev, e.key!)}>
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
