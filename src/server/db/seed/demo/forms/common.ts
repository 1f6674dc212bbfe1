/**
 * Building blocks of the demo online forms (see src/contracts/forms.ts for the contract).
 *
 * A form is written once, as JSON Schema fields that carry their own presentation under the key `x-ui` (help text,
 * placeholder, widget); `defineForm` moves that presentation into the @rjsf UI schema at the same path, adds the
 * labels of the choices (`ui:enumNames`, since @rjsf shows the raw values of an `enum` otherwise) and the order of
 * the fields, and assembles the steps. The result uses only draft-07 keywords that AJV 8 and @rjsf/core 6 both
 * understand: a step is an object; a field that matters only for some answers lives in an `if`/`then` of its step.
 */
import type { AttachmentRequirement, AttachmentType, FormStep, PrefillSource, ServiceForm } from '../../../../../contracts/forms.ts';
import { DEMO_TENANTS } from '../tenants.ts';
import type { ComuneProfile } from '../services-common.ts';

export type Schema = Record<string, unknown>;

const UI = 'x-ui';

/** Patterns shared by the forms (ECMAScript syntax, as AJV and the browser read them). */
export const PATTERN = {
  /** codice fiscale of a person, omocodia included */
  fiscalCode: '^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$',
  /** partita IVA, or the codice fiscale of a company */
  partitaIva: '^[0-9]{11}$',
  postalCode: '^[0-9]{5}$',
  province: '^[A-Z]{2}$',
  /** "28", "12/A", "5 bis", "3B" */
  streetNumber: '^[0-9]{1,4}( ?[/-]? ?[A-Za-z0-9]{1,4})?$',
  /** digits, optionally with a leading + and spaces: "+39 340 123 4501" */
  phone: '^\\+?[0-9][0-9 ]{5,18}[0-9]$',
  /** Italian IBAN: IT, 2 check digits, CIN, ABI (5), CAB (5), account (12) */
  iban: '^IT[0-9]{2}[A-Z][0-9]{10}[0-9A-Z]{12}$',
  /** protocol of the DSU on the ISEE attestation, e.g. INPS-ISEE-2026-01234567X-00 */
  isee: '^INPS-ISEE-20[0-9]{2}-[0-9]{8}[0-9A-Z]-[0-9]{2}$',
} as const;

export interface UiOptions {
  /** shown under the field (ui:help) */
  help?: string;
  placeholder?: string;
  widget?: 'textarea' | 'radio' | 'checkbox' | 'select' | 'updown';
  /** rows of a textarea */
  rows?: number;
  /** further ui:options (e.g. addable, removable for arrays) */
  options?: Record<string, unknown>;
  /** the field's own presentation in full, for what the shortcuts above do not cover */
  extra?: Record<string, unknown>;
}

interface Common extends UiOptions {
  description?: string;
}

function withUi(schema: Schema, o: UiOptions = {}): Schema {
  const ui: Record<string, unknown> = { ...(o.extra ?? {}) };
  if (o.help) ui['ui:help'] = o.help;
  if (o.placeholder) ui['ui:placeholder'] = o.placeholder;
  if (o.widget) ui['ui:widget'] = o.widget;
  const options = { ...(o.rows ? { rows: o.rows } : {}), ...(o.options ?? {}) };
  if (Object.keys(options).length) ui['ui:options'] = options;
  return Object.keys(ui).length ? { ...schema, [UI]: ui } : schema;
}

const described = (title: string, o: Common) => ({ title, ...(o.description ? { description: o.description } : {}) });

/** A line of text. Every string has a maxLength. */
export const text = (
  title: string,
  maxLength: number,
  o: Common & { minLength?: number; pattern?: string; default?: string } = {},
): Schema =>
  withUi(
    {
      type: 'string',
      ...described(title, o),
      ...(o.minLength !== undefined ? { minLength: o.minLength } : {}),
      maxLength,
      ...(o.pattern ? { pattern: o.pattern } : {}),
      ...(o.default !== undefined ? { default: o.default } : {}),
    },
    o,
  );

/** Free text on several lines. */
export const area = (title: string, maxLength: number, o: Common & { minLength?: number } = {}): Schema =>
  text(title, maxLength, { rows: 4, ...o, widget: 'textarea' });

/** A calendar date (YYYY-MM-DD); `pattern` can narrow it, e.g. "^2026-" for a year. */
export const date = (title: string, o: Common & { pattern?: string } = {}): Schema =>
  withUi({ type: 'string', format: 'date', ...described(title, o), maxLength: 10, ...(o.pattern ? { pattern: o.pattern } : {}) }, o);

export const email = (title: string, o: Common = {}): Schema =>
  withUi({ type: 'string', format: 'email', ...described(title, o), maxLength: 254 }, { placeholder: 'nome@esempio.it', ...o });

export const phone = (title: string, o: Common = {}): Schema =>
  text(title, 20, { pattern: PATTERN.phone, placeholder: '+39 340 123 4567', ...o });

export const fiscalCode = (title = 'Codice fiscale', o: Common = {}): Schema =>
  text(title, 16, { minLength: 16, pattern: PATTERN.fiscalCode, placeholder: 'RSSMRA80A01H501U', ...o });

export const postalCode = (title = 'CAP', o: Common & { default?: string } = {}): Schema =>
  text(title, 5, { minLength: 5, pattern: PATTERN.postalCode, ...o });

export const streetNumber = (title = 'Numero civico', o: Common = {}): Schema =>
  text(title, 12, { minLength: 1, pattern: PATTERN.streetNumber, placeholder: '12/A', ...o });

export const iban = (title = 'IBAN', o: Common = {}): Schema =>
  text(title, 27, {
    minLength: 27,
    pattern: PATTERN.iban,
    placeholder: 'IT60X0542811101000000123456',
    help: 'IBAN di un conto italiano intestato o cointestato a te: 27 caratteri, lettere maiuscole e senza spazi.',
    ...o,
  });

/** A choice among labelled values: `enum` for a plain check, `oneOf` with `const`/`title` for the labels. */
export const choice = (
  title: string,
  options: readonly (readonly [value: string, label: string])[],
  o: Common & { default?: string } = {},
): Schema =>
  withUi(
    {
      type: 'string',
      ...described(title, o),
      maxLength: Math.max(...options.map(([v]) => v.length)),
      enum: options.map(([v]) => v),
      oneOf: options.map(([v, label]) => ({ const: v, title: label })),
      ...(o.default !== undefined ? { default: o.default } : {}),
    },
    o,
  );

/** A yes/no question answered with a checkbox (false when not ticked). */
export const flag = (title: string, o: Common = {}): Schema =>
  withUi({ type: 'boolean', ...described(title, o), default: false }, o);

/** A statement the person must accept to send the application (a checkbox that must be ticked). */
export const accept = (title: string, o: Common = {}): Schema =>
  withUi({ type: 'boolean', ...described(title, o), const: true }, o);

export const integer = (title: string, minimum: number, maximum: number, o: Common & { default?: number } = {}): Schema =>
  withUi({ type: 'integer', ...described(title, o), minimum, maximum, ...(o.default !== undefined ? { default: o.default } : {}) }, o);

/** A number with decimals. */
export const decimal = (title: string, minimum: number, maximum: number, o: Common = {}): Schema =>
  withUi({ type: 'number', ...described(title, o), minimum, maximum }, o);

/** An amount in euro (AJV's multipleOf is unreliable with cents, so the number of decimals is not checked). */
export const euro = (title: string, minimum: number, maximum: number, o: Common = {}): Schema =>
  decimal(title, minimum, maximum, { placeholder: '0,00', ...o });

export const object = (title: string, properties: Record<string, Schema>, required: string[], o: Common = {}): Schema =>
  withUi({ type: 'object', ...described(title, o), required, properties, additionalProperties: false }, o);

export const list = (
  title: string,
  items: Schema,
  bounds: { minItems?: number; maxItems: number; uniqueItems?: boolean },
  o: Common = {},
): Schema => withUi({ type: 'array', ...described(title, o), ...bounds, items }, o);

/** The family sheet of the registry, as the prefill source `subject.family` gives it. */
export const familySheet = (title: string, o: Common = {}): Schema =>
  list(
    title,
    object(
      'Componente',
      {
        givenName: text('Nome', 100, { minLength: 1 }),
        familyName: text('Cognome', 100, { minLength: 1 }),
        fiscalCode: fiscalCode(),
        birthDate: date('Data di nascita'),
        relation: text('Rapporto con l\'intestatario della scheda', 40, { minLength: 1 }),
      },
      ['givenName', 'familyName', 'fiscalCode', 'birthDate', 'relation'],
    ),
    { maxItems: 20 },
    { ...o, options: { addable: false, removable: false, orderable: false, ...(o.options ?? {}) } },
  );

// ---------------------------------------------------------------------------------------------------------------
// Steps and forms
// ---------------------------------------------------------------------------------------------------------------

/** Fields that appear (and may be required) only when `field` has one of the values in `is`. */
export interface Conditional {
  field: string;
  is: string | boolean | readonly string[];
  fields?: Record<string, Schema>;
  required: string[];
}

export interface StepSpec {
  id: string;
  title: string;
  description?: string;
  fields: Record<string, Schema>;
  required?: string[];
  when?: Conditional[];
}

export interface FormSpec {
  steps: StepSpec[];
  prefill: Record<string, PrefillSource>;
  attachments: AttachmentRequirement[];
  limits: ServiceForm['limits'];
  window?: ServiceForm['window'];
  filedBy?: ServiceForm['filedBy'];
}

/** Removes the `x-ui` keys from a schema and returns them as an @rjsf UI schema at the same paths. */
function split(schema: Schema): { schema: Schema; ui: Record<string, unknown> } {
  const { [UI]: own, ...rest } = schema as Schema & { [UI]?: Record<string, unknown> };
  const ui: Record<string, unknown> = { ...(own ?? {}) };
  const out: Schema = { ...rest };
  if (Array.isArray(rest.enum) && Array.isArray(rest.oneOf)) {
    ui['ui:enumNames'] = (rest.oneOf as { title: string }[]).map((o) => o.title);
  }
  if (rest.properties) {
    const props: Record<string, Schema> = {};
    for (const [key, child] of Object.entries(rest.properties as Record<string, Schema>)) {
      const s = split(child);
      props[key] = s.schema;
      if (Object.keys(s.ui).length) ui[key] = s.ui;
    }
    out.properties = props;
  }
  if (rest.items && typeof rest.items === 'object') {
    const s = split(rest.items as Schema);
    out.items = s.schema;
    if (Object.keys(s.ui).length) ui.items = s.ui;
  }
  return { schema: out, ui };
}

function buildStep(step: StepSpec): { schema: Schema; ui: Record<string, unknown> } {
  const base = split({ type: 'object', properties: step.fields });
  const ui = base.ui;
  const schema: Schema = {
    type: 'object',
    title: step.title,
    ...(step.description ? { description: step.description } : {}),
    required: step.required ?? [],
    properties: base.schema.properties,
  };
  const order: string[] = [];
  const conditionals = step.when ?? [];
  for (const name of Object.keys(step.fields)) {
    order.push(name);
    for (const c of conditionals.filter((c) => c.field === name)) {
      for (const extra of Object.keys(c.fields ?? {})) if (!(extra in step.fields) && !order.includes(extra)) order.push(extra);
    }
  }
  if (conditionals.length) {
    schema.allOf = conditionals.map((c) => {
      const branch = split({ type: 'object', properties: c.fields ?? {} });
      for (const [key, value] of Object.entries(branch.ui)) ui[key] = { ...((ui[key] as object) ?? {}), ...(value as object) };
      const is = typeof c.is === 'string' || typeof c.is === 'boolean' ? { const: c.is } : { enum: [...c.is] };
      return {
        if: { properties: { [c.field]: is }, required: [c.field] },
        then: { ...(c.fields ? { properties: branch.schema.properties } : {}), required: c.required },
      };
    });
    // Fields declared only inside a branch cannot pass additionalProperties: false; list the allowed names instead.
    schema.propertyNames = { enum: order };
  } else {
    schema.additionalProperties = false;
  }
  ui['ui:order'] = [...order, '*'];
  return { schema, ui };
}

/**
 * Assembles a ServiceForm: one object per step, in order. A step with something to answer is required; a step that
 * is wholly optional (vehicles, say) may be missing from the answers.
 */
export function defineForm(spec: FormSpec): ServiceForm {
  const properties: Record<string, Schema> = {};
  const uiSchema: Record<string, unknown> = { 'ui:order': spec.steps.map((s) => s.id) };
  const steps: FormStep[] = [];
  for (const step of spec.steps) {
    const built = buildStep(step);
    properties[step.id] = built.schema;
    uiSchema[step.id] = built.ui;
    steps.push({ id: step.id, title: step.title, ...(step.description ? { description: step.description } : {}) });
  }
  return {
    schema: {
      type: 'object',
      required: spec.steps.filter((s) => (s.required ?? []).length > 0).map((s) => s.id),
      properties,
      additionalProperties: false,
    },
    uiSchema,
    steps,
    prefill: spec.prefill,
    attachments: spec.attachments,
    limits: spec.limits,
    ...(spec.window ? { window: spec.window } : {}),
    ...(spec.filedBy ? { filedBy: spec.filedBy } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------------------------------------------

export const PDF: AttachmentType[] = ['application/pdf'];
export const IMAGES: AttachmentType[] = ['image/jpeg', 'image/png'];
export const PDF_OR_IMAGE: AttachmentType[] = ['application/pdf', 'image/jpeg', 'image/png'];

export const attachment = (
  id: string,
  title: string,
  o: {
    description?: string;
    required?: boolean;
    requiredWhen?: AttachmentRequirement['requiredWhen'];
    maxFiles?: number;
    maxSizeMb?: number;
    types?: AttachmentType[];
  } = {},
): AttachmentRequirement => ({
  id,
  title,
  ...(o.description ? { description: o.description } : {}),
  required: o.required ?? false,
  ...(o.requiredWhen ? { requiredWhen: o.requiredWhen } : {}),
  maxFiles: o.maxFiles ?? 1,
  maxSizeMb: o.maxSizeMb ?? 5,
  types: o.types ?? PDF_OR_IMAGE,
});

export const identityDocument = (o: { required?: boolean; description?: string } = {}): AttachmentRequirement =>
  attachment('documento-identita', "Documento d'identità", {
    description:
      o.description ?? "Fronte e retro di un documento d'identità valido (carta d'identità, passaporto o patente), leggibili.",
    required: o.required ?? true,
    maxFiles: 2,
  });

// ---------------------------------------------------------------------------------------------------------------
// Pieces that several forms share
// ---------------------------------------------------------------------------------------------------------------

/** The person logged in, as SPID or CIE gives them: name and fiscal code are locked, contacts can be changed. */
export const applicantFields = (o: { birth?: boolean; phoneRequired?: boolean } = {}) => ({
  fields: {
    nome: text('Nome', 100, { minLength: 1 }),
    cognome: text('Cognome', 100, { minLength: 1 }),
    codiceFiscale: fiscalCode(),
    ...(o.birth
      ? { dataNascita: date('Data di nascita'), luogoNascita: text('Luogo di nascita', 100, { minLength: 1 }) }
      : {}),
    email: email('E-mail', { help: 'Ti scriviamo qui per la ricevuta e per ogni novità sulla pratica.' }),
    telefono: phone(o.phoneRequired ? 'Telefono' : 'Telefono (facoltativo)', {
      help: 'Un numero a cui l\'ufficio può chiamarti se serve un chiarimento.',
    }),
  },
  required: ['nome', 'cognome', 'codiceFiscale', ...(o.birth ? ['dataNascita', 'luogoNascita'] : []), 'email', ...(o.phoneRequired ? ['telefono'] : [])],
});

/** Prefill of `applicantFields` in the step `stepId`. */
export const applicantPrefill = (stepId: string, o: { birth?: boolean } = {}): Record<string, PrefillSource> => ({
  [`/${stepId}/nome`]: 'applicant.givenName',
  [`/${stepId}/cognome`]: 'applicant.familyName',
  [`/${stepId}/codiceFiscale`]: 'applicant.fiscalCode',
  ...(o.birth
    ? ({ [`/${stepId}/dataNascita`]: 'applicant.birthDate', [`/${stepId}/luogoNascita`]: 'applicant.birthPlace' } as const)
    : {}),
  [`/${stepId}/email`]: 'applicant.email',
  [`/${stepId}/telefono`]: 'applicant.phone',
});

/** "I declare that this is true" (DPR 445/2000) and the privacy notice: the last step of most forms. */
export const declarations = (more: Record<string, Schema> = {}): StepSpec => ({
  id: 'dichiarazioni',
  title: 'Dichiarazioni',
  description: 'Leggi e conferma prima di passare al riepilogo.',
  fields: {
    ...more,
    veridicita: accept(
      'Dichiaro che quanto indicato è vero, consapevole delle conseguenze penali delle dichiarazioni false (DPR 445/2000, artt. 75 e 76)',
    ),
    privacy: accept("Ho letto l'informativa sul trattamento dei dati personali (Regolamento UE 2016/679, art. 13)"),
  },
  required: [...Object.keys(more), 'veridicita', 'privacy'],
});

/** The postal code of a demo comune (each has one). */
export const comunePostalCode = (p: ComuneProfile): string => {
  const tenant = DEMO_TENANTS.find((t) => t.slug === p.tenantSlug);
  const office = tenant?.offices.find((o) => o.city === p.name);
  if (!office) throw new Error(`CAP sconosciuto per ${p.tenantSlug}`);
  return office.postalCode;
};

/** The offices of a demo comune, as choices. */
export const comuneOffices = (p: ComuneProfile): [string, string][] => {
  const tenant = DEMO_TENANTS.find((t) => t.slug === p.tenantSlug);
  if (!tenant) throw new Error(`Ente sconosciuto: ${p.tenantSlug}`);
  return tenant.offices.map((o) => [o.code, o.name]);
};

/** Cadastral reference of a building unit (Catasto fabbricati). */
export const cadastralFields = (o: { subalternoRequired?: boolean } = {}) => ({
  fields: {
    foglio: text('Foglio', 4, { minLength: 1, pattern: '^[0-9]{1,4}$' }),
    particella: text('Particella (mappale)', 6, { minLength: 1, pattern: '^[0-9]{1,5}[A-Z]?$' }),
    subalterno: text(o.subalternoRequired ? 'Subalterno' : 'Subalterno (se c\'è)', 4, { minLength: 1, pattern: '^[0-9]{1,4}$' }),
  },
  required: ['foglio', 'particella', ...(o.subalternoRequired ? ['subalterno'] : [])],
});
