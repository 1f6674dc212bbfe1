/**
 * What the social pages share: the case's status as a badge (words first; the colour only helps), the alerts of a
 * case ("Verifica entro il …", "Intervento in scadenza il …"), option lists from the contracts' labels, and the
 * failure of a call read as field errors (payments' callFailure, the same problem+json shapes).
 */
import { Icon as KitIcon, type IconName } from 'design-react-kit';
import { useState } from 'react';
import {
  CASE_STATUS_LABELS,
  type CaseAlert,
  type CaseStatus,
} from '../../../contracts/social';
import { formatDate } from '../../citizen/practices/format';
import type { Option } from '../../ui/fields';
import { callFailure, type CallFailure } from '../payments/common';
import '../payments/payments.css';
import './social.css';

const STATUS_ICON: Record<CaseStatus, IconName> = {
  reported: 'it-warning-circle',
  open: 'it-folder',
  in_charge: 'it-check-circle',
  closed: 'it-close-circle',
  reopened: 'it-restore',
};

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return (
    <span className={`badge sp-app-status sp-soc-status sp-soc-status-${status}`} data-testid="case-status">
      <KitIcon icon={STATUS_ICON[status]} size="xs" className="sp-icon sp-app-status-icon" focusable="false" aria-hidden="true" />
      <span className="visually-hidden">Stato: </span>
      {CASE_STATUS_LABELS[status]}
    </span>
  );
}

/** An alert's words: the server's label when it gives one, else ours with the date. */
export const alertText = (a: CaseAlert) =>
  a.label?.trim()
    ? a.label
    : a.kind === 'review_due'
      ? `Verifica entro il ${formatDate(a.on, 'it')}`
      : `Intervento in scadenza il ${formatDate(a.on, 'it')}`;

export function CaseAlerts({ alerts }: { alerts: CaseAlert[] }) {
  if (alerts.length === 0) return null;
  return (
    <ul className="sp-soc-alerts" aria-label="Avvisi">
      {alerts.map((a, i) => (
        <li key={i} className={`sp-soc-alert sp-soc-alert-${a.kind}`}>
          <KitIcon icon={a.kind === 'review_due' ? 'it-calendar' : 'it-clock'} size="xs" className="sp-icon" focusable="false" aria-hidden="true" />{' '}
          {alertText(a)}
        </li>
      ))}
    </ul>
  );
}

export const optionsOf = (labels: Record<string, string>, keys?: readonly string[]): Option[] =>
  (keys ?? Object.keys(labels)).map((k) => ({ value: k, label: labels[k] }));

/** "Codice — label" options of a Casellario code table. */
export const codeOptions = (labels: Record<string, string>): Option[] => Object.entries(labels).map(([value, label]) => ({ value, label: `${value} — ${label}` }));

/** The last failed call of a form, and its field errors merged with the local checks. */
export function useFailure(fieldKeys: readonly string[]) {
  const [failure, setFailure] = useState<CallFailure | null>(null);
  return {
    failure,
    fail: (error: unknown) => setFailure(callFailure(error, 'it', fieldKeys)),
    clear: () => setFailure(null),
  };
}

export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

export const euro = (cents: number | null | undefined) => {
  if (cents === null || cents === undefined) return '—';
  const abs = Math.abs(Math.trunc(cents));
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(abs % 100).padStart(2, '0')} €`;
};

export const day = (ymd: string | null | undefined) => (ymd ? formatDate(ymd, 'it') : '—');

/**
 * A date field: a plain labelled <input type="date"> (the kit's floating label sits over the browser's date
 * placeholder), with its hint and error tied by aria-describedby.
 */
export function DateField({ id, label, value, onValueChange, error, hint, required, min, max }: {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  min?: string;
  max?: string;
}) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="sp-field sp-soc-date mb-3">
      <label htmlFor={id} className="sp-soc-label">
        {label}
      </label>
      <input
        id={id}
        type="date"
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        min={min}
        max={max}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onValueChange(e.target.value)}
      />
      {hint && (
        <small id={`${id}-hint`} className="form-text sp-hint d-block">
          {hint}
        </small>
      )}
      {error && (
        <p id={`${id}-error`} className="sp-soc-error">
          {error}
        </p>
      )}
    </div>
  );
}
