/**
 * The online forms of the demo services: each one is a schema AJV compiles and @rjsf renders, its steps, prefilled
 * fields and attachments agree with the schema, the sample application of each validates, and the mistakes people
 * make (a missing field, a wrong IBAN, an impossible date) are caught at the field where they happen.
 */
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import Form from '@rjsf/core';
import { optionsList, retrieveSchema, type RJSFSchema, type UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { Value } from 'typebox/value';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { ServiceInput } from '../../../../../contracts/catalog.ts';
import type { PrefillSource, ServiceForm } from '../../../../../contracts/forms.ts';
import { ServiceFormSchema } from '../../../../modules/forms/forms.schemas.ts';
import { DEMO_SERVICES } from '../services.ts';
import { CASTELROCCA_SLUG, VALDORO_SLUG } from '../tenants.ts';
import { DEMO_FORM_SAMPLES, demoPrefillValues, readPointer, requiredAttachmentIds, type DemoFormSample } from './index.ts';

type Schema = Record<string, any>;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

const WITH_FORM = DEMO_SERVICES.flatMap((t) =>
  t.services.filter((s) => s.form).map((service) => ({ tenantSlug: t.tenantSlug, service, form: service.form! })),
);
const label = (x: { tenantSlug: string; service: ServiceInput }) => `${x.tenantSlug}/${x.service.slug}`;
const formOf = (tenantSlug: string, serviceSlug: string): ServiceForm => {
  const found = WITH_FORM.find((x) => x.tenantSlug === tenantSlug && x.service.slug === serviceSlug);
  if (!found) throw new Error(`nessun modulo per ${tenantSlug}/${serviceSlug}`);
  return found.form;
};

const stepSchema = (form: ServiceForm, stepId: string) => (form.schema as Schema).properties[stepId] as RJSFSchema;
/** Text as React writes it into HTML. */
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

const validatorCache = new Map<ServiceForm, ReturnType<typeof ajv.compile>>();
function errorsOf(form: ServiceForm, answers: unknown): ErrorObject[] {
  let validate = validatorCache.get(form);
  if (!validate) {
    validate = ajv.compile(form.schema);
    validatorCache.set(form, validate);
  }
  return validate(answers) ? [] : [...(validate.errors ?? [])];
}

/** The JSON pointer an error is about: the field itself, or the missing field for `required`. */
const errorPath = (e: ErrorObject) =>
  e.keyword === 'required' ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath;

/** Each field of a schema (base, conditional, nested and array items), with its UI schema and pointer-like path. */
function* fields(schema: Schema, ui: Schema = {}, path = ''): Generator<{ path: string; schema: Schema; ui: Schema; conditional: boolean }> {
  const base = schema.properties ?? {};
  for (const [key, child] of Object.entries<Schema>(base)) {
    yield* visit(key, child, false);
  }
  for (const branch of schema.allOf ?? []) {
    for (const [key, child] of Object.entries<Schema>(branch.then?.properties ?? {})) {
      // a branch may narrow a field declared in the step (e.g. the TASI years): that is a refinement, not a field
      if (key in base) continue;
      yield* visit(key, child, true);
    }
  }
  function* visit(key: string, child: Schema, conditional: boolean): Generator<{ path: string; schema: Schema; ui: Schema; conditional: boolean }> {
    const childUi = (ui[key] ?? {}) as Schema;
    const p = `${path}/${key}`;
    yield { path: p, schema: child, ui: childUi, conditional };
    if (child.type === 'object') yield* fields(child, childUi, p);
    if (child.type === 'array' && child.items) {
      const itemUi = (childUi.items ?? {}) as Schema;
      yield { path: `${p}/items`, schema: child.items, ui: itemUi, conditional };
      if (child.items.type === 'object') yield* fields(child.items, itemUi, `${p}/items`);
    }
  }
}

/** The schema of a field by JSON pointer, through `properties` only (prefilled fields are never conditional). */
function fieldAt(schema: Schema, pointer: string): Schema | undefined {
  let at: Schema | undefined = schema;
  for (const key of pointer.split('/').slice(1)) at = at?.properties?.[key];
  return at;
}

const FAMILY_KEYS = ['birthDate', 'familyName', 'fiscalCode', 'givenName', 'relation'];

function expectedPrefillType(source: PrefillSource, field: Schema): string | null {
  if (source === 'subject.family') {
    if (field.type !== 'array' || field.items?.type !== 'object') return 'un array di oggetti';
    const keys = Object.keys(field.items.properties ?? {}).sort();
    if (JSON.stringify(keys) !== JSON.stringify(FAMILY_KEYS)) return `elementi con le proprietà ${FAMILY_KEYS.join(', ')}`;
    if (FAMILY_KEYS.some((k) => field.items.properties[k].type !== 'string')) return 'elementi di sole stringhe';
    return null;
  }
  if (field.type !== 'string') return 'una stringa';
  if (source.endsWith('.birthDate') && field.format !== 'date') return 'una data (format: date)';
  if (source.endsWith('.email') && field.format !== 'email') return 'un indirizzo e-mail (format: email)';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------

describe('demo services with an online form', () => {
  const expected: [tenant: string, slug: string, maxDays: number][] = [
    [CASTELROCCA_SLUG, 'iscrizione-anagrafica-trasferimento-residenza', 45],
    [VALDORO_SLUG, 'iscrizione-anagrafica-trasferimento-residenza', 45],
    [CASTELROCCA_SLUG, 'cambio-abitazione-stesso-comune', 45],
    [VALDORO_SLUG, 'cambio-abitazione-stesso-comune', 45],
    [CASTELROCCA_SLUG, 'iscrizione-asilo-nido', 60],
    [VALDORO_SLUG, 'iscrizione-asilo-nido', 60],
    [CASTELROCCA_SLUG, 'certificato-idoneita-alloggiativa', 30],
    [VALDORO_SLUG, 'certificato-idoneita-alloggiativa', 30],
    [VALDORO_SLUG, 'contributo-pannolini-lavabili', 60],
    [VALDORO_SLUG, 'autolettura-contatore-acqua', 30],
    [CASTELROCCA_SLUG, 'rimborso-tributi-comunali', 180],
    [VALDORO_SLUG, 'rimborso-tributi-comunali', 180],
    [CASTELROCCA_SLUG, 'accesso-civico', 30],
    [VALDORO_SLUG, 'accesso-civico', 30],
    [CASTELROCCA_SLUG, 'scia-edilizia', 30],
    [VALDORO_SLUG, 'scia-edilizia', 30],
  ];

  it('are the services of the issue, in the comuni that offer them, with their legal terms', () => {
    expect(WITH_FORM.map((x) => `${label(x)} ${x.service.maxDays}`).sort()).toEqual(expected.map(([t, s, d]) => `${t}/${s} ${d}`).sort());
  });

  it.each(WITH_FORM.map((x) => [label(x), x] as const))('%s is applied for online here, with SPID level 2', (_, x) => {
    const a = x.service.access;
    expect(a.online).toBe(true);
    expect(a.onlineDescription?.length).toBeGreaterThan(20);
    expect(a.onlineUrl).toBeUndefined();
    expect(a.authLevel).toBe('SpidL2');
  });
});

describe.each(WITH_FORM.map((x) => [label(x), x] as const))('form of %s', (_, { form }) => {
  const schema = form.schema as Schema;

  it('passes the ServiceForm contract and compiles with AJV', () => {
    expect([...Value.Errors(ServiceFormSchema, form)].map((e) => JSON.stringify(e)).slice(0, 3)).toEqual([]);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('has one top-level object per step, in order, each with the step title', () => {
    const ids = form.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(ids);
    // a step with required fields is itself required; a wholly optional one may be left out
    expect(schema.required).toEqual(form.steps.filter((s) => schema.properties[s.id].required.length > 0).map((s) => s.id));
    for (const step of form.steps) {
      const s = schema.properties[step.id];
      expect(s?.type, step.id).toBe('object');
      expect(s.title, step.id).toBe(step.title);
    }
  });

  it('gives every field an Italian title, every string a maxLength, and UI schema only for real fields', () => {
    for (const step of form.steps) {
      const stepUi = (form.uiSchema[step.id] ?? {}) as Schema;
      const all = [...fields(schema.properties[step.id], stepUi, `/${step.id}`)];
      expect(all.length, step.id).toBeGreaterThan(0);
      for (const f of all) {
        if (!f.path.endsWith('/items') || f.schema.type !== 'string') expect(typeof f.schema.title, f.path).toBe('string');
        if (f.schema.type === 'string') expect(f.schema.maxLength, f.path).toBeGreaterThan(0);
        if (Array.isArray(f.schema.enum)) {
          // labelled choices: oneOf with the same values, and @rjsf shows the labels
          expect(f.schema.oneOf.map((o: Schema) => o.const), f.path).toEqual(f.schema.enum);
          expect(optionsList(f.schema as RJSFSchema, f.ui)?.map((o) => o.label), f.path).toEqual(f.schema.oneOf.map((o: Schema) => o.title));
        }
        for (const key of Object.keys(f.ui)) {
          if (key.startsWith('ui:') || key === 'items') continue;
          expect(f.schema.properties?.[key] ?? (f.schema.allOf ?? []).some((b: Schema) => b.then?.properties?.[key]), `${f.path}: ui ${key}`).toBeTruthy();
        }
      }
      // the step's ui:order names each of its fields once
      const order = (stepUi['ui:order'] as string[]).filter((k) => k !== '*');
      expect(new Set(order).size).toBe(order.length);
      expect(order.sort()).toEqual(all.filter((f) => f.path.split('/').length === 3).map((f) => f.path.split('/')[2]).sort());
    }
  });

  it('prefills only fields that exist in the schema, of the type their source gives', () => {
    for (const [pointer, source] of Object.entries(form.prefill)) {
      const field = fieldAt(schema, pointer);
      expect(field, pointer).toBeDefined();
      expect(expectedPrefillType(source, field!), `${pointer} ← ${source}`).toBeNull();
    }
  });

  it('has attachments with unique ids, sensible limits and conditions on real fields', () => {
    const ids = form.attachments.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of form.attachments) {
      expect(a.maxSizeMb, a.id).toBeLessThanOrEqual(form.limits.maxTotalMb);
      expect(a.maxFiles, a.id).toBeLessThanOrEqual(form.limits.maxFiles);
      if (a.requiredWhen) {
        expect(a.required, a.id).toBe(false);
        const [, step, ...rest] = a.requiredWhen.pointer.split('/');
        const field = [...fields(schema.properties[step], {}, `/${step}`)].find((f) => f.path === `/${step}/${rest.join('/')}`);
        expect(field, `${a.id}: ${a.requiredWhen.pointer}`).toBeDefined();
        const s = field!.schema;
        if (typeof a.requiredWhen.equals === 'boolean') expect(s.type, a.id).toBe('boolean');
        else expect(s.enum, a.id).toContain(a.requiredWhen.equals);
      }
    }
    expect(form.attachments.filter((a) => a.required).length).toBeLessThanOrEqual(form.limits.maxFiles);
  });

  it('has an application window that closes after it opens, when it has one', () => {
    if (!form.window) return;
    expect(Date.parse(form.window.opensAt)).toBeLessThan(Date.parse(form.window.closesAt));
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('sample applications', () => {
  const sampleLabel = (s: DemoFormSample) => `${s.tenantSlug}/${s.serviceSlug} (${s.identityId})`;

  it('cover every service that has a form', () => {
    const withSample = new Set(DEMO_FORM_SAMPLES.map((s) => s.serviceSlug));
    for (const x of WITH_FORM) expect(withSample.has(x.service.slug), x.service.slug).toBe(true);
  });

  it.each(DEMO_FORM_SAMPLES.map((s) => [sampleLabel(s), s] as const))('%s is valid, prefilled from the registry and lists its attachments', (_, s) => {
    const form = formOf(s.tenantSlug, s.serviceSlug);
    expect(errorsOf(form, s.answers)).toEqual([]);

    // the prefilled fields hold exactly what the body knows about the person
    const values = demoPrefillValues(s.tenantSlug, s.identityId, s.subject);
    for (const [pointer, source] of Object.entries(form.prefill)) {
      if (values[source] !== undefined) expect(readPointer(s.answers, pointer), pointer).toEqual(values[source]);
    }
    expect(s.requiredAttachments).toEqual(requiredAttachmentIds(form, s.answers));
    for (const id of s.requiredAttachments) expect(form.attachments.map((a) => a.id)).toContain(id);

    if (form.filedBy === 'representative') expect(s.subject?.kind).toBe('delegation');
  });

  it.each(DEMO_FORM_SAMPLES.map((s) => [sampleLabel(s), s] as const))('%s is valid in the browser too (@rjsf, conditional fields shown)', (_, s) => {
    const form = formOf(s.tenantSlug, s.serviceSlug);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(validator.validateFormData(s.answers, form.schema as RJSFSchema).errors).toEqual([]);
      for (const step of form.steps) {
        const data = (s.answers[step.id] ?? {}) as Record<string, unknown>;
        const resolved = retrieveSchema(validator, stepSchema(form, step.id), form.schema as RJSFSchema, data);
        for (const key of Object.keys(data)) expect(resolved.properties, `${step.id}.${key}`).toHaveProperty(key);
      }
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it.each(DEMO_FORM_SAMPLES.map((s) => [sampleLabel(s), s] as const))('%s renders with @rjsf/core, empty and filled, with the choice labels', (_, s) => {
    const form = formOf(s.tenantSlug, s.serviceSlug);
    const complaints = [vi.spyOn(console, 'warn').mockImplementation(() => {}), vi.spyOn(console, 'error').mockImplementation(() => {})];
    try {
      for (const step of form.steps) {
        const schema = stepSchema(form, step.id);
        const props = { schema, uiSchema: form.uiSchema[step.id] as UiSchema, validator };
        const empty = renderToString(createElement(Form, props));
        expect(empty, step.id).toContain(html(step.title));
        const data = (s.answers[step.id] ?? {}) as Record<string, unknown>;
        const filled = renderToString(createElement(Form, { ...props, formData: data }));
        for (const [key, value] of Object.entries(data)) {
          // every answered field is on the page, conditional ones included…
          expect(filled, `${step.id}.${key}`).toContain(`id="root_${key}`);
          // …and a choice shows its label, not its code
          const field = (schema as Schema).properties[key] ?? (schema as Schema).allOf?.find((b: Schema) => b.then?.properties?.[key])?.then.properties[key];
          const option = (field?.oneOf as Schema[] | undefined)?.find((o) => o.const === value);
          if (option) expect(filled, `${step.id}.${key}`).toContain(html(option.title));
        }
      }
      for (const c of complaints) expect(c).not.toHaveBeenCalled();
    } finally {
      for (const c of complaints) c.mockRestore();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** A realistic mistake on a sample application, and the field the error must point at. */
interface Mistake {
  what: string;
  change: (a: Schema) => void;
  at: string;
}

const MISTAKES: Record<string, Mistake[]> = {
  'cambio-abitazione-stesso-comune': [
    { what: 'no street', change: (a) => delete a.nuovaAbitazione.via, at: '/nuovaAbitazione/via' },
    { what: 'a lease with no registration', change: (a) => delete a.titoloOccupazione.registrazione, at: '/titoloOccupazione/registrazione' },
    { what: 'an impossible registration date', change: (a) => (a.titoloOccupazione.registrazione.data = '2026-02-30'), at: '/titoloOccupazione/registrazione/data' },
    { what: 'some members move but none named', change: (a) => (a.nucleo.chiSiTrasferisce = 'alcuni'), at: '/nucleo/codiciFiscali' },
    { what: 'a licence plate with spaces', change: (a) => (a.veicoli.targhe = ['GF 482 KD']), at: '/veicoli/targhe/0' },
    { what: 'a field the form does not have', change: (a) => (a.nuovaAbitazione.citofono = 'Ferrari'), at: '/nuovaAbitazione' },
  ],
  'iscrizione-anagrafica-trasferimento-residenza': [
    { what: 'no comune of origin', change: (a) => delete a.provenienza.comune, at: '/provenienza/comune' },
    { what: 'a province in full', change: (a) => (a.provenienza.provincia = 'Brescia'), at: '/provenienza/provincia' },
    { what: 'ownership with no parcel', change: (a) => delete a.titoloOccupazione.catasto.particella, at: '/titoloOccupazione/catasto/particella' },
    { what: 'a fiscal code in lower case', change: (a) => (a.richiedente.codiceFiscale = a.richiedente.codiceFiscale.toLowerCase()), at: '/richiedente/codiceFiscale' },
  ],
  'iscrizione-asilo-nido': [
    { what: 'a malformed ISEE protocol', change: (a) => (a.isee.protocollo = 'ISEE-2026-123'), at: '/isee/protocollo' },
    { what: 'ISEE chosen but no value', change: (a) => delete a.isee.valore, at: '/isee/valore' },
    { what: 'the other parent present but not named', change: (a) => (a.altroGenitore.situazione = 'convivente'), at: '/altroGenitore/nome' },
    { what: 'a nido of the other comune', change: (a) => (a.frequenza.primaScelta = 'girasole'), at: '/frequenza/primaScelta' },
    { what: 'the regulation not accepted', change: (a) => (a.dichiarazioni.regolamento = false), at: '/dichiarazioni/regolamento' },
  ],
  'certificato-idoneita-alloggiativa': [
    { what: 'nobody will live there', change: (a) => (a.alloggio.occupantiPrevisti = 0), at: '/alloggio/occupantiPrevisti' },
    { what: 'reunification with no relatives', change: (a) => (a.motivo.familiari = []), at: '/motivo/familiari' },
    { what: 'a thirteenth month', change: (a) => (a.motivo.familiari[0].dataNascita = '1962-13-08'), at: '/motivo/familiari/0/dataNascita' },
    { what: 'a guest with no host', change: (a) => (a.richiedente.qualita = 'ospite'), at: '/richiedente/ospitante' },
  ],
  'contributo-pannolini-lavabili': [
    { what: 'an IBAN one digit short', change: (a) => (a.pagamento.iban = a.pagamento.iban.slice(0, 26)), at: '/pagamento/iban' },
    { what: 'an IBAN with spaces', change: (a) => (a.pagamento.iban = a.pagamento.iban.replace(/(.{4})/g, '$1 ').trim()), at: '/pagamento/iban' },
    { what: 'a purchase before the call', change: (a) => (a.acquisto.dataAcquisto = '2025-12-20'), at: '/acquisto/dataAcquisto' },
    { what: 'the 30th of February', change: (a) => (a.acquisto.dataAcquisto = '2026-02-30'), at: '/acquisto/dataAcquisto' },
    { what: 'no amount', change: (a) => delete a.acquisto.importo, at: '/acquisto/importo' },
  ],
  'autolettura-contatore-acqua': [
    { what: 'litres after the comma', change: (a) => (a.lettura.metriCubi = 1487.5), at: '/lettura/metriCubi' },
    { what: 'a date written the Italian way', change: (a) => (a.lettura.dataLettura = '20/11/2026'), at: '/lettura/dataLettura' },
    { what: 'a meter serial in lower case', change: (a) => (a.utenza.matricola = 'md-19'), at: '/utenza/matricola' },
    { what: 'a negative reading', change: (a) => (a.lettura.metriCubi = -3), at: '/lettura/metriCubi' },
  ],
  'rimborso-tributi-comunali': [
    { what: 'TASI for a year after its abolition', change: (a) => ((a.tributo.tributo = 'TASI'), (a.tributo.annualita[0].anno = 2021)), at: '/tributo/annualita/0/anno' },
    { what: 'a bank transfer with no IBAN', change: (a) => delete a.modalita.iban, at: '/modalita/iban' },
    { what: 'a foreign-format IBAN', change: (a) => (a.modalita.iban = 'DE89370400440532013000'), at: '/modalita/iban' },
    { what: 'a refund under the threshold', change: (a) => (a.tributo.importoRichiesto = 5), at: '/tributo/importoRichiesto' },
    { what: 'no years', change: (a) => (a.tributo.annualita = []), at: '/tributo/annualita' },
  ],
  'accesso-civico': [
    { what: 'no request', change: (a) => delete a.richiesta.oggetto, at: '/richiesta/oggetto' },
    { what: 'paper by post with no address', change: (a) => (a.consegna.formato = 'carta-posta'), at: '/consegna/indirizzo' },
    { what: 'simple access with no section', change: (a) => (a.richiesta.tipo = 'semplice'), at: '/richiesta/sezione' },
    { what: 'an office that does not exist', change: (a) => (a.richiesta.ufficio = 'ufficio-inesistente'), at: '/richiesta/ufficio' },
  ],
  'scia-edilizia': [
    { what: 'a start date written the Italian way', change: (a) => (a.intervento.dataInizio = '11/01/2027'), at: '/intervento/dataInizio' },
    { what: "a builder's VAT number too short", change: (a) => (a.intervento.partitaIvaImpresa = '123'), at: '/intervento/partitaIvaImpresa' },
    { what: 'a malformed client fiscal code', change: (a) => (a.committente.codiceFiscale = 'BNTGPP44A22'), at: '/committente/codiceFiscale' },
    { what: 'no sworn statement', change: (a) => (a.dichiarazioni.asseverazione = false), at: '/dichiarazioni/asseverazione' },
    { what: 'no register number', change: (a) => delete a.tecnico.numeroIscrizione, at: '/tecnico/numeroIscrizione' },
  ],
};

describe('wrong answers', () => {
  it('are listed for every sample', () => {
    for (const s of DEMO_FORM_SAMPLES) expect(MISTAKES[s.serviceSlug]?.length ?? 0, s.serviceSlug).toBeGreaterThanOrEqual(3);
  });

  const cases = DEMO_FORM_SAMPLES.flatMap((s) => (MISTAKES[s.serviceSlug] ?? []).map((m) => [`${s.serviceSlug}: ${m.what}`, s, m] as const));
  it.each(cases)('%s is refused at the right field', (_, s, m) => {
    const form = formOf(s.tenantSlug, s.serviceSlug);
    const answers = structuredClone(s.answers) as Schema;
    m.change(answers);
    const errors = errorsOf(form, answers);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map(errorPath), JSON.stringify(errors.map((e) => [e.instancePath, e.message]))).toContain(m.at);
  });

  it('leave the right answers alone: a TASI refund for 2019 is accepted', () => {
    const s = DEMO_FORM_SAMPLES.find((x) => x.serviceSlug === 'rimborso-tributi-comunali')!;
    const answers = structuredClone(s.answers) as Schema;
    answers.tributo.tributo = 'TASI';
    answers.tributo.annualita[0].anno = 2019;
    expect(errorsOf(formOf(s.tenantSlug, s.serviceSlug), answers)).toEqual([]);
  });
});
