/**
 * What the body would prefill for a demo person: the values of the PREFILL_SOURCES for a test identity of the
 * bundled provider (applicant.*) acting for themselves, for a minor of their family, or for a client who gave them a
 * delegation (subject.*), read from the demo registries. The samples use it to fill in the prefilled fields exactly
 * as the form would show them; tests compare the two.
 */
import type { PrefillSource, ServiceForm } from '../../../../../contracts/forms.ts';
import { findTestIdentity, formatAddress } from '../../../../modules/identity/test-idp/identities.ts';
import { DEMO_REGISTRY } from '../people.ts';

/** Whom the application is for: the person logged in (no subject), a minor of their family, or a delegating client. */
export type DemoSubject =
  | { kind: 'minor'; fiscalCode: string }
  | { kind: 'delegation'; fiscalCode: string; givenName: string; familyName: string };

export type PrefillValues = Partial<Record<PrefillSource, unknown>>;

const registryOf = (tenantSlug: string) => DEMO_REGISTRY.find((r) => r.tenantSlug === tenantSlug)?.people ?? [];

export function demoPrefillValues(tenantSlug: string, identityId: string, subject?: DemoSubject): PrefillValues {
  const me = findTestIdentity(identityId);
  if (!me) throw new Error(`Identità di prova sconosciuta: ${identityId}`);
  const values: PrefillValues = {
    'applicant.givenName': me.givenName,
    'applicant.familyName': me.familyName,
    'applicant.fiscalCode': me.fiscalCode,
    'applicant.birthDate': me.birthDate,
    'applicant.birthPlace': me.birthPlace,
    'applicant.email': me.email,
    'applicant.phone': me.phone,
    'applicant.address': formatAddress(me.address),
  };
  const registry = registryOf(tenantSlug);

  if (subject?.kind === 'delegation') {
    // a delegation records only who gave it
    return {
      ...values,
      'subject.fiscalCode': subject.fiscalCode,
      'subject.givenName': subject.givenName,
      'subject.familyName': subject.familyName,
    };
  }

  const fiscalCode = subject?.fiscalCode ?? me.fiscalCode;
  const person = registry.find((p) => p.fiscalCode === fiscalCode);
  if (subject?.kind === 'minor') {
    const mine = registry.find((p) => p.fiscalCode === me.fiscalCode);
    if (!person || !mine || person.familyId !== mine.familyId) {
      throw new Error(`${fiscalCode} non è nella famiglia di ${identityId} nell'anagrafe di ${tenantSlug}`);
    }
  }
  if (!person) {
    // not resident in this comune: only what the identity provider says
    return {
      ...values,
      'subject.givenName': me.givenName,
      'subject.familyName': me.familyName,
      'subject.fiscalCode': me.fiscalCode,
      'subject.birthDate': me.birthDate,
      'subject.birthPlace': me.birthPlace,
      'subject.citizenship': me.citizenship,
      'subject.address': formatAddress(me.address),
    };
  }
  return {
    ...values,
    'subject.givenName': person.givenName,
    'subject.familyName': person.familyName,
    'subject.fiscalCode': person.fiscalCode,
    'subject.birthDate': person.birthDate,
    'subject.birthPlace': person.birthPlace,
    'subject.citizenship': person.citizenship,
    'subject.address': person.address,
    'subject.family': registry
      .filter((p) => p.familyId === person.familyId)
      .map((p) => ({ givenName: p.givenName, familyName: p.familyName, fiscalCode: p.fiscalCode, birthDate: p.birthDate, relation: p.familyRelation })),
  };
}

/** Reads a JSON pointer ("/a/b/0") in a document; undefined when a step is missing. */
export function readPointer(doc: unknown, pointer: string): unknown {
  let at: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A copy of `answers` with every prefilled field of the form set to the value its source gives (when it gives one). */
export function withPrefill(form: ServiceForm, values: PrefillValues, answers: Record<string, unknown>): Record<string, unknown> {
  const doc = structuredClone(answers);
  for (const [pointer, source] of Object.entries(form.prefill)) {
    const value = values[source];
    if (value === undefined) continue;
    const keys = pointer.split('/').slice(1);
    let at = doc as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) {
      if (at[key] === undefined || at[key] === null || typeof at[key] !== 'object') at[key] = {};
      at = at[key] as Record<string, unknown>;
    }
    at[keys[keys.length - 1]] = structuredClone(value);
  }
  return doc;
}

/** The attachments a set of answers makes necessary: the required ones and those whose condition holds. */
export function requiredAttachmentIds(form: ServiceForm, answers: unknown): string[] {
  return form.attachments
    .filter((a) => a.required || (a.requiredWhen !== undefined && readPointer(answers, a.requiredWhen.pointer) === a.requiredWhen.equals))
    .map((a) => a.id);
}
