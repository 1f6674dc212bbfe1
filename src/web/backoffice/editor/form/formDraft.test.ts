/**
 * The form editor's model: a form goes into the editor and comes out unchanged (so publishing without edits changes
 * nothing), the starter form passes the server's checks, JSON problems are placed by line and column, and the
 * server's error paths find their row.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_SERVICES } from '../../../../server/db/seed/demo/services.ts';
import { checkFormDefinition } from '../../../../server/modules/forms/form-validation.ts';
import { formDraftFromForm, formDraftToForm, formErrorKey, schemaFields, starterForm, type FormMessages } from './formDraft.ts';
import { parseJsonObject } from './jsonText.ts';

const messages: FormMessages = {
  json: (p) => `json ${p.kind} ${p.line}:${p.column}`,
  prefillIncomplete: 'prefill incomplete',
  prefillDuplicate: 'prefill duplicate',
  whenIncomplete: 'when incomplete',
  whole: (min, max) => `whole ${min}-${max}`,
  windowBoth: 'window both',
  windowDate: 'window date',
  typesNone: 'types none',
};

const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
const forms = DEMO_SERVICES.flatMap((t) => t.services.filter((s) => s.form).map((s) => ({ name: `${t.tenantSlug}/${s.slug}`, form: s.form! })));

describe('form editor model', () => {
  it('has demo forms to work on', () => {
    expect(forms.length).toBeGreaterThan(5);
  });

  for (const { name, form } of forms) {
    it(`${name}: comes out of the editor as it went in`, () => {
      const draft = formDraftFromForm(form);
      const back = formDraftToForm(draft, messages);
      expect(back.errors).toEqual([]);
      expect(plain(back.form)).toEqual(plain(form));
      // the text lists the steps in their order, whatever order the stored keys came back in
      const positions = form.steps.map((s) => draft.schemaText.indexOf(`\n    "${s.id}": {`));
      expect(positions.every((p) => p > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });
  }

  it('the starter form passes the checks the server makes when publishing', () => {
    const form = starterForm();
    expect(checkFormDefinition(form)).toEqual([]);
    expect(form.steps).toEqual([{ id: 'richiedente', title: 'Richiedente' }]);
    const back = formDraftToForm(formDraftFromForm(form), messages);
    expect(plain(back.form)).toEqual(plain(form));
  });

  it('finds the fields of a schema with their titles, conditional ones included, steps by their titles', () => {
    const form = forms.find((f) => f.name.endsWith('/cambio-abitazione-stesso-comune'))!.form;
    const fields = schemaFields(form.schema, form.uiSchema, { richiedente: 'Chi presenta' });
    expect(fields.find((f) => f.pointer === '/richiedente/codiceFiscale')).toMatchObject({ label: 'Chi presenta › Codice fiscale', type: 'string' });
    expect(fields.find((f) => f.pointer === '/nucleo/componenti')).toMatchObject({ type: 'array' });
    // "registrazione" appears only for a lease: an object inside a then, walked into
    expect(fields.some((f) => f.pointer === '/titoloOccupazione/registrazione/numero')).toBe(true);
    const titolo = fields.find((f) => f.pointer === '/titoloOccupazione/titolo')!;
    expect(titolo.choices?.find((c) => c.value === 'locazione')?.label).toBe('Locazione (affitto) con contratto registrato');
  });

  it('stops what cannot be sent, keeping the text as typed', () => {
    const draft = formDraftFromForm(starterForm());
    const broken = { ...draft, schemaText: draft.schemaText.slice(0, -2), prefill: [...draft.prefill, { pointer: '/richiedente/nome', source: 'applicant.givenName' as const }, { pointer: '', source: 'subject.family' as const }] };
    const out = formDraftToForm(broken, messages);
    expect(out.form).toBeNull();
    expect(out.errors).toEqual([
      { key: 'form/schema', message: expect.stringMatching(/^json unexpectedEnd \d+:\d+$/) },
      { key: 'form/prefill/4', message: 'prefill duplicate' },
      { key: 'form/prefill/5', message: 'prefill incomplete' },
    ]);
    expect(broken.schemaText).toBe(draft.schemaText.slice(0, -2));
  });

  it('a document required when a field has a value gets the value in the field’s type', () => {
    const form = forms.find((f) => f.name.endsWith('/cambio-abitazione-stesso-comune'))!.form;
    const draft = formDraftFromForm(form);
    draft.attachments.push({ id: 'x', title: 'X', description: '', mode: 'when', whenPointer: '/titoloOccupazione/titolo', whenEquals: 'comodato', maxFiles: '2', maxSizeMb: '3', types: ['image/png', 'application/pdf'] });
    const out = formDraftToForm(draft, messages).form!;
    expect(out.attachments.at(-1)).toEqual({ id: 'x', title: 'X', required: false, requiredWhen: { pointer: '/titoloOccupazione/titolo', equals: 'comodato' }, maxFiles: 2, maxSizeMb: 3, types: ['application/pdf', 'image/png'] });
  });

  it('places JSON problems by line and column', () => {
    const at = (text: string) => {
      const r = parseJsonObject(text);
      return r.ok ? 'ok' : `${r.problem.kind} ${r.problem.line}:${r.problem.column}`;
    };
    expect(at('{\n  "a": 1\n}')).toBe('ok');
    expect(at('{\n  "a": 1,\n}')).toBe('trailingComma 2:9');
    expect(at('{\n  "a" 1\n}')).toBe('expectedColon 2:7');
    expect(at('{\n  "a": 1\n  "b": 2\n}')).toBe('expectedCommaOrEndObject 3:3');
    expect(at("{\n  'a': 1\n}")).toBe('singleQuotes 2:3');
    expect(at('{\n  "a": "x\n}')).toBe('unterminatedString 2:8');
    expect(at('{\n  "a": [1, 2,]\n}')).toBe('trailingComma 2:13');
    expect(at('{"a": tru}')).toBe('expectedValue 1:7');
    expect(at('{"a": 01}')).toBe('badNumber 1:8');
    expect(at('{} x')).toBe('extraText 1:4');
    expect(at('[1]')).toBe('notObject 1:1');
    expect(at('   ')).toBe('empty 1:1');
    expect(at('{"a": {"b": 1}')).toBe('unexpectedEnd 1:15');
  });

  it('turns the server’s error paths into the editor’s keys', () => {
    const rows = { '/richiedente/nome': 3, '/a~b/c': 1 };
    expect(formErrorKey('form.prefill.richiedente.nome', rows)).toBe('form/prefill/3');
    expect(formErrorKey('form.prefill./richiedente/nome', rows)).toBe('form/prefill/3');
    expect(formErrorKey('body.form.prefill.~1richiedente~1nome', rows)).toBe('form/prefill/3');
    expect(formErrorKey('form.prefill.richiedente.cognome', rows)).toBe('form/prefill');
    expect(formErrorKey('form.steps.0.id', rows)).toBe('form/steps/0/id');
    expect(formErrorKey('form.steps', rows)).toBe('form/steps');
    expect(formErrorKey('form.attachments.1.requiredWhen', rows)).toBe('form/attachments/1/requiredWhen');
    expect(formErrorKey('body.form.attachments.1.maxFiles', rows)).toBe('form/attachments/1/maxFiles');
    expect(formErrorKey('/body/form/limits/maxTotalMb', rows)).toBe('form/limits/maxTotalMb');
    expect(formErrorKey('form.window', rows)).toBe('form/window');
    expect(formErrorKey('form.schema', rows)).toBe('form/schema');
    expect(formErrorKey('form', rows)).toBe('form');
    expect(formErrorKey('title', rows)).toBeNull();
    expect(formErrorKey('formatted', rows)).toBeNull();
  });
});
