/**
 * Words of the form editor that more than one piece needs: the names of the prefill sources, the sentence for a
 * JSON problem, the messages of the checks done before publishing, and how the error summary names a form field.
 */
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrefillSource } from '../../../../contracts/forms';
import type { FormMessages } from './formDraft';
import type { JsonProblem } from './jsonText';

/** "SPID: codice fiscale", "Anagrafe: componenti della famiglia"… */
export const sourceLabel = (source: PrefillSource, t: TFunction) => t(`formEditor.sources.${source}`, { defaultValue: source });

/** "riga 12, colonna 4: manca una virgola…" */
export function jsonProblemText(problem: JsonProblem, t: TFunction): string {
  const reason =
    problem.kind === 'other'
      ? (problem.detail ?? '')
      : t(`formEditor.json.problems.${problem.kind}`, { found: problem.found === '\n' ? '↵' : (problem.found ?? '') });
  return t('formEditor.json.at', { line: problem.line, column: problem.column, reason });
}

/**
 * Whether a message is one of jsonProblemText's ("riga 12, colonna 4: …"): found in the browser before
 * publishing, and already shown live under its text, so its box need not repeat it (nor keep it once fixed).
 */
export function isJsonProblemText(message: string, t: TFunction): boolean {
  const marker = '\u0001';
  const parts = t('formEditor.json.at', { line: marker, column: marker, reason: marker }).split(marker);
  if (parts.length !== 4) return false;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${esc(parts[0]!)}\\d+${esc(parts[1]!)}\\d+${esc(parts[2]!)}`).test(message);
}

export function useFormMessages(): FormMessages {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      json: (problem: JsonProblem) => jsonProblemText(problem, t),
      prefillIncomplete: t('formEditor.errors.prefillIncomplete'),
      prefillDuplicate: t('formEditor.errors.prefillDuplicate'),
      whenIncomplete: t('formEditor.errors.whenIncomplete'),
      whole: (min: number, max: number) => t('formEditor.errors.whole', { min, max }),
      windowBoth: t('formEditor.errors.windowBoth'),
      windowDate: t('formEditor.errors.windowDate'),
      typesNone: t('formEditor.errors.typesNone'),
    }),
    [t],
  );
}

/** How the error summary names a form key: "Modulo online › Passo 2 › Identificativo". */
export function formErrorLabel(key: string, t: TFunction): string {
  const [, section, index, field] = key.split('/');
  const parts = [t('formEditor.tab')];
  if (section) {
    if ((section === 'steps' || section === 'attachments') && index !== undefined) {
      parts.push(t(`formEditor.rows.${section}`, { n: Number(index) + 1 }));
      if (field) parts.push(t(`formEditor.fields.${section === 'steps' ? 'step' : 'attachment'}.${field}`, { defaultValue: field }));
    } else if (section === 'prefill' && index !== undefined) {
      parts.push(t('formEditor.rows.prefill', { n: Number(index) + 1 }));
    } else if (section === 'limits' && index) {
      parts.push(t(`formEditor.fields.limits.${index}`, { defaultValue: index }));
    } else {
      parts.push(t(`formEditor.sections.${section}`, { defaultValue: section }));
    }
  }
  return parts.join(' › ');
}
