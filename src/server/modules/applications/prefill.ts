/**
 * "Once only": the values a body already holds, put into a new draft where the form asks for them, and marked
 * with where they come from. Identity data stays locked; contacts can be corrected.
 */
import { EDITABLE_PREFILL, PREFILL_SOURCE_ORIGIN, type PrefillSource, type ServiceForm } from '../../../contracts/forms.ts';

export type PrefillValues = Partial<Record<PrefillSource, unknown>>;

export interface FamilyMember {
  givenName: string;
  familyName: string;
  fiscalCode: string;
  birthDate: string;
  relation: string;
}

function setAt(data: Record<string, unknown>, pointer: string, value: unknown) {
  const parts = pointer.split('/').slice(1);
  let node = data;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) node[part] = value;
    else {
      if (!node[part] || typeof node[part] !== 'object' || Array.isArray(node[part])) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
  });
}

/** A new draft's data and the map of prefilled pointers to their origin; sources without a value are skipped. */
export function prefillDraft(form: ServiceForm, values: PrefillValues) {
  const data: Record<string, unknown> = {};
  const prefilled: Record<string, 'spid' | 'registry' | 'company'> = {};
  for (const [pointer, source] of Object.entries(form.prefill)) {
    const value = values[source];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) continue;
    setAt(data, pointer, value);
    prefilled[pointer] = PREFILL_SOURCE_ORIGIN[source];
  }
  return { data, prefilled };
}

/**
 * Puts the body's values back over whatever a save sent for the locked prefilled fields, so the record cannot
 * be changed from the form (the person reports a wrong record to the office instead).
 */
export function keepLockedValues(form: ServiceForm, prefilled: Record<string, string>, saved: Record<string, unknown>, incoming: Record<string, unknown>) {
  for (const [pointer, source] of Object.entries(form.prefill)) {
    if (!prefilled[pointer] || EDITABLE_PREFILL.includes(source)) continue;
    const original = pointer.split('/').slice(1).reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), saved);
    const step = pointer.split('/')[1]!;
    if (!(step in incoming)) continue;
    setAt(incoming, pointer, original);
  }
}
