import { describe, expect, it } from 'vitest';
import type { ServiceForm } from '../../../contracts/forms.ts';
import { checkFormDefinition, validateAnswers, withFieldOrder } from './form-validation.ts';

const form = (schema: Record<string, unknown>, extra: Partial<ServiceForm> = {}): ServiceForm => ({
  schema, uiSchema: {}, steps: [{ id: 'dati', title: 'Dati' }], prefill: {}, attachments: [], limits: { maxFiles: 5, maxTotalMb: 10 }, ...extra,
});

const step = {
  type: 'object', title: 'Dati', required: ['email'],
  propertyNames: { enum: ['email', 'figli', 'titolo', 'contratto'] },
  properties: {
    email: { type: 'string', title: 'E-mail', format: 'email', maxLength: 100 },
    figli: { type: 'integer', title: 'Numero di figli', minimum: 0, maximum: 20 },
    titolo: { type: 'string', title: 'Titolo', enum: ['proprieta', 'locazione'] },
  },
  if: { properties: { titolo: { const: 'locazione' } }, required: ['titolo'] },
  then: { required: ['contratto'], properties: { contratto: { type: 'string', title: 'Contratto', maxLength: 50 } } },
};
const f = form({ type: 'object', properties: { dati: step } });

describe('answers checked against the form', () => {
  it('accepts what the schema allows', () => {
    expect(validateAnswers(f, { dati: { email: 'a@b.it', figli: 2, titolo: 'proprieta' } })).toEqual([]);
  });

  it('names each wrong field with its title, in Italian', () => {
    const problems = validateAnswers(f, { dati: { email: 'non-una-mail', figli: -1, titolo: 'locazione' } });
    expect(problems.map((p) => p.path).sort()).toEqual(['/dati/contratto', '/dati/email', '/dati/figli']);
    expect(problems.find((p) => p.path === '/dati/contratto')!.message).toBe('Dati › Contratto: campo obbligatorio');
    expect(problems.find((p) => p.path === '/dati/figli')!.message).toMatch(/^Dati › Numero di figli: deve essere >= 0/);
  });

  it('refuses a field the form does not have', () => {
    const problems = validateAnswers(f, { dati: { email: 'a@b.it', segreto: 'x' } });
    expect(problems).toEqual([{ path: '/dati/segreto', message: 'Dati: campo non previsto dal modulo' }]);
  });
});

describe('form definitions', () => {
  it('finds steps, prefilled fields and documents that do not exist', () => {
    const bad = form({ type: 'object', properties: { dati: step, altro: { type: 'object', properties: {} } } }, {
      steps: [{ id: 'dati', title: 'Dati' }, { id: 'manca', title: 'Manca' }],
      prefill: { '/dati/nome': 'applicant.givenName', '/dati/figli': 'applicant.familyName' },
      attachments: [{ id: 'doc', title: 'Doc', required: false, requiredWhen: { pointer: '/dati/nulla', equals: 'x' }, maxFiles: 1, maxSizeMb: 1, types: ['application/pdf'] }],
    });
    const paths = checkFormDefinition(bad).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['form/steps/1/id', 'form/steps', 'form/prefill/dati/nome', 'form/prefill/dati/figli', 'form/attachments/0/requiredWhen']));
    expect(checkFormDefinition(f)).toEqual([]);
    expect(checkFormDefinition(form({ type: 'object', properties: { dati: { type: 'nonsense' } } }))[0]!.message).toMatch(/schema JSON non è valido/);
  });

  it('keeps the fields in the order written, whatever the storage does to the keys', () => {
    const ordered = withFieldOrder(f);
    expect(ordered.uiSchema).toEqual({ dati: { 'ui:order': ['email', 'figli', 'titolo', '*'] } });
    // an order kept from an earlier version drops the fields since removed
    const again = withFieldOrder({ ...f, uiSchema: { dati: { 'ui:order': ['titolo', 'vecchio', 'email'] } } });
    expect(again.uiSchema).toEqual({ dati: { 'ui:order': ['titolo', 'email', '*'] } });
  });
});
