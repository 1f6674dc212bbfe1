/**
 * The online form as the editor holds it while a person edits it, and its conversion to the ServiceForm the API
 * expects. The JSON Schema and the UI schema stay text (a parse error must never lose what was typed); numbers
 * stay as typed; prefill is a list of rows. Error keys follow the editor's convention ("form/steps/0/id",
 * "form/prefill/2" — the row, "form/attachments/1/requiredWhen") and server paths are turned back into them.
 */
import {
  ATTACHMENT_TYPES,
  type AttachmentRequirement,
  type AttachmentType,
  type FormStep,
  type PrefillSource,
  type ServiceForm,
} from '../../../../contracts/forms';
import type { FieldError } from '../../editorModel';
import { formatJson, parseJsonObject, type JsonProblem } from './jsonText';

export type JsonObject = Record<string, unknown>;

export interface PrefillRow {
  /** JSON pointer of the field, e.g. /richiedente/codiceFiscale ('' while not chosen) */
  pointer: string;
  source: PrefillSource | '';
}

export type RequiredMode = 'always' | 'optional' | 'when';

export interface AttachmentDraft {
  id: string;
  title: string;
  description: string;
  mode: RequiredMode;
  whenPointer: string;
  /** the value as typed or chosen; converted to the field's type when sent */
  whenEquals: string;
  maxFiles: string;
  maxSizeMb: string;
  types: AttachmentType[];
}

export interface FormDraft {
  schemaText: string;
  uiSchemaText: string;
  steps: FormStep[];
  prefill: PrefillRow[];
  attachments: AttachmentDraft[];
  limits: { maxFiles: string; maxTotalMb: string };
  /** datetime-local values ("2026-03-01T09:00"), '' when not set; `loaded`: the instants as they came */
  window: { opensAt: string; closesAt: string; loaded?: { opensAt: string; closesAt: string } };
  filedBy: 'anyone' | 'representative';
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------------------------------------------
// Dates: the API speaks ISO 8601 instants, the inputs local date and time
// ---------------------------------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO instant → "YYYY-MM-DDTHH:mm" in the browser's time zone ('' when not a date). */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "YYYY-MM-DDTHH:mm" (browser's time zone) → ISO instant, or null. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

// ---------------------------------------------------------------------------------------------------------------
// From the API and the starter form
// ---------------------------------------------------------------------------------------------------------------

function attachmentDraft(a: AttachmentRequirement): AttachmentDraft {
  return {
    id: a.id,
    title: a.title,
    description: a.description ?? '',
    mode: a.requiredWhen ? 'when' : a.required ? 'always' : 'optional',
    whenPointer: a.requiredWhen?.pointer ?? '',
    whenEquals: a.requiredWhen ? String(a.requiredWhen.equals) : '',
    maxFiles: String(a.maxFiles),
    maxSizeMb: String(a.maxSizeMb),
    types: [...a.types],
  };
}

/** The keys of a schema node in the order people write them; the others follow in their own order. */
const SCHEMA_KEYS = [
  '$schema', '$id', 'type', 'title', 'description', 'format', 'const', 'enum', 'oneOf', 'anyOf', 'default', 'pattern', 'minLength', 'maxLength',
  'minimum', 'maximum', 'minItems', 'maxItems', 'uniqueItems', 'required', 'properties', 'items', 'allOf', 'if', 'then', 'else',
  'dependencies', 'propertyNames', 'additionalProperties', '$defs', 'definitions',
];

function ordered(keys: string[], order: readonly string[]): string[] {
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

/**
 * The schema laid out for reading: the card is stored as jsonb, which gives keys back sorted by length, so the
 * steps and fields would come back shuffled. Fields follow the UI schema's ui:order (the steps, the order of
 * `steps`), and each node's keywords a familiar order. Only the text changes: JSON Schema ignores key order.
 */
function schemaForDisplay(node: unknown, ui: unknown, topOrder?: string[]): unknown {
  if (Array.isArray(node)) return node.map((n) => schemaForDisplay(n, undefined));
  if (!isObject(node)) return node;
  const uiNode = isObject(ui) ? ui : {};
  const out: JsonObject = {};
  for (const key of ordered(Object.keys(node), SCHEMA_KEYS)) {
    const value = node[key];
    if (key === 'properties' && isObject(value)) {
      const order = topOrder ?? (Array.isArray(uiNode['ui:order']) ? (uiNode['ui:order'] as string[]) : []);
      const props: JsonObject = {};
      for (const name of ordered(Object.keys(value), order)) props[name] = schemaForDisplay(value[name], uiNode[name]);
      out[key] = props;
    } else if (key === 'items') out[key] = schemaForDisplay(value, uiNode.items);
    else if (key === 'enum' || key === 'const' || key === 'default' || key === 'required') out[key] = value;
    else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') out[key] = Array.isArray(value) ? value.map((v) => schemaForDisplay(v, uiNode)) : value;
    else if (key === 'then' || key === 'else' || key === 'if') out[key] = schemaForDisplay(value, uiNode);
    else out[key] = isObject(value) && key !== 'dependencies' && key !== 'propertyNames' ? schemaForDisplay(value, undefined) : value;
  }
  return out;
}

/** The UI schema laid out for reading: ui: keys first, then fields in the order of ui:order (or of `order`). */
function uiForDisplay(node: unknown, order?: string[]): unknown {
  if (!isObject(node)) return node;
  const own = Array.isArray(node['ui:order']) ? (node['ui:order'] as string[]) : (order ?? []);
  const keys = Object.keys(node);
  const uiKeys = keys.filter((k) => k.startsWith('ui:'));
  const fieldKeys = ordered(keys.filter((k) => !k.startsWith('ui:')), own);
  const out: JsonObject = {};
  for (const k of uiKeys) out[k] = node[k];
  for (const k of fieldKeys) out[k] = uiForDisplay(node[k]);
  return out;
}

export function formDraftFromForm(form: ServiceForm): FormDraft {
  const stepOrder = (form.steps ?? []).map((s) => s.id);
  return {
    schemaText: formatJson(schemaForDisplay(form.schema ?? {}, form.uiSchema, stepOrder)),
    uiSchemaText: formatJson(uiForDisplay(form.uiSchema ?? {}, stepOrder)),
    steps: (form.steps ?? []).map((s) => ({ id: s.id, title: s.title, description: s.description ?? '' })),
    prefill: Object.entries(form.prefill ?? {}).map(([pointer, source]) => ({ pointer, source })),
    attachments: (form.attachments ?? []).map(attachmentDraft),
    limits: { maxFiles: String(form.limits?.maxFiles ?? 5), maxTotalMb: String(form.limits?.maxTotalMb ?? 20) },
    window: {
      opensAt: isoToLocalInput(form.window?.opensAt),
      closesAt: isoToLocalInput(form.window?.closesAt),
      ...(form.window ? { loaded: { ...form.window } } : {}),
    },
    filedBy: form.filedBy === 'representative' ? 'representative' : 'anyone',
  };
}

/** The same codice fiscale pattern the demo forms use (omocodia included). */
const FISCAL_CODE = '^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$';

/** The form a service starts with: one step "Richiedente" with name, surname and fiscal code from SPID, and e-mail. */
export function starterForm(): ServiceForm {
  return {
    schema: {
      type: 'object',
      required: ['richiedente'],
      additionalProperties: false,
      properties: {
        richiedente: {
          type: 'object',
          title: 'Richiedente',
          required: ['nome', 'cognome', 'codiceFiscale', 'email'],
          additionalProperties: false,
          properties: {
            nome: { type: 'string', title: 'Nome', minLength: 1, maxLength: 100 },
            cognome: { type: 'string', title: 'Cognome', minLength: 1, maxLength: 100 },
            codiceFiscale: { type: 'string', title: 'Codice fiscale', minLength: 16, maxLength: 16, pattern: FISCAL_CODE },
            email: { type: 'string', format: 'email', title: 'E-mail', maxLength: 254 },
          },
        },
      },
    },
    uiSchema: {
      richiedente: {
        'ui:order': ['nome', 'cognome', 'codiceFiscale', 'email', '*'],
        email: { 'ui:placeholder': 'nome@esempio.it', 'ui:help': 'Ti scriviamo qui per la ricevuta e per ogni novità sulla pratica.' },
      },
    },
    steps: [{ id: 'richiedente', title: 'Richiedente' }],
    prefill: {
      '/richiedente/nome': 'applicant.givenName',
      '/richiedente/cognome': 'applicant.familyName',
      '/richiedente/codiceFiscale': 'applicant.fiscalCode',
      '/richiedente/email': 'applicant.email',
    },
    attachments: [],
    limits: { maxFiles: 5, maxTotalMb: 20 },
  };
}

export const emptyAttachment = (): AttachmentDraft => ({
  id: '',
  title: '',
  description: '',
  mode: 'always',
  whenPointer: '',
  whenEquals: '',
  maxFiles: '1',
  maxSizeMb: '5',
  types: ['application/pdf'],
});

// ---------------------------------------------------------------------------------------------------------------
// The fields of a schema, for the selects (prefill, "required when")
// ---------------------------------------------------------------------------------------------------------------

export interface SchemaField {
  pointer: string;
  /** "Richiedente › Codice fiscale" */
  label: string;
  type: string;
  /** the values of a choice, with their labels */
  choices?: { value: string | number | boolean; label: string }[];
}

const escapeSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function resolveRef(root: JsonObject, node: unknown): JsonObject | undefined {
  let current = isObject(node) ? node : undefined;
  for (let i = 0; i < 10 && current && typeof current.$ref === 'string'; i++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) return current;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    const { $ref: _ref, ...rest } = current;
    current = isObject(target) ? { ...target, ...rest } : undefined;
  }
  return current;
}

/** Properties declared directly and inside if/then/else, allOf/anyOf/oneOf and dependencies, in order, once each. */
function propertiesOf(root: JsonObject, node: JsonObject): [string, JsonObject][] {
  const out = new Map<string, JsonObject>();
  const visit = (n: JsonObject | undefined, depth: number) => {
    if (!n || depth > 8) return;
    if (isObject(n.properties)) {
      for (const [key, child] of Object.entries(n.properties)) {
        const resolved = resolveRef(root, child);
        if (resolved && !out.has(key)) out.set(key, resolved);
      }
    }
    const branches: unknown[] = [n.then, n.else, ...((Array.isArray(n.allOf) ? n.allOf : []) as unknown[]), ...((Array.isArray(n.anyOf) ? n.anyOf : []) as unknown[]), ...((Array.isArray(n.oneOf) ? n.oneOf : []) as unknown[])];
    if (isObject(n.dependencies)) branches.push(...Object.values(n.dependencies));
    if (isObject(n.dependentSchemas)) branches.push(...Object.values(n.dependentSchemas));
    for (const b of branches) visit(resolveRef(root, b), depth + 1);
  };
  visit(node, 0);
  return [...out.entries()];
}

const typeOf = (node: JsonObject): string => {
  if (typeof node.type === 'string') return node.type;
  if (Array.isArray(node.type)) return String(node.type.find((t) => t !== 'null') ?? '');
  if (node.const !== undefined) return typeof node.const;
  if (Array.isArray(node.enum) && node.enum.length) return typeof node.enum[0];
  if (isObject(node.properties)) return 'object';
  return '';
};

function choicesOf(node: JsonObject, ui: JsonObject | undefined): SchemaField['choices'] {
  const names = Array.isArray(ui?.['ui:enumNames']) ? (ui!['ui:enumNames'] as unknown[]) : [];
  if (Array.isArray(node.oneOf) && node.oneOf.every((o) => isObject(o) && o.const !== undefined)) {
    return (node.oneOf as JsonObject[]).map((o) => ({ value: o.const as string, label: typeof o.title === 'string' ? o.title : String(o.const) }));
  }
  if (Array.isArray(node.enum)) {
    return (node.enum as (string | number | boolean)[]).map((v, i) => ({ value: v, label: typeof names[i] === 'string' ? (names[i] as string) : String(v) }));
  }
  if (typeOf(node) === 'boolean') return [{ value: true, label: 'true' }, { value: false, label: 'false' }];
  return undefined;
}

/**
 * Every field of the schema below the steps (objects are walked, a list is a field of its own), with its label
 * path ("Richiedente › Codice fiscale", the step by its title in `stepTitles`). Fields that appear only under a
 * condition are included.
 */
export function schemaFields(schema: JsonObject, uiSchema: JsonObject = {}, stepTitles: Record<string, string> = {}): SchemaField[] {
  const fields: SchemaField[] = [];
  const walk = (node: JsonObject, ui: JsonObject | undefined, pointer: string, labels: string[], depth: number) => {
    if (depth > 12) return;
    for (const [key, child] of propertiesOf(schema, node)) {
      const childUi = isObject(ui?.[key]) ? (ui![key] as JsonObject) : undefined;
      // a step is named as the citizen sees it: by the title in `steps`
      const stepTitle = depth === 0 ? stepTitles[key]?.trim() : undefined;
      const title = stepTitle || (typeof childUi?.['ui:title'] === 'string' ? (childUi['ui:title'] as string) : typeof child.title === 'string' ? child.title : key);
      const p = `${pointer}/${escapeSegment(key)}`;
      const type = typeOf(child);
      if (type === 'object') {
        walk(child, childUi, p, [...labels, title], depth + 1);
      } else {
        fields.push({ pointer: p, label: [...labels, title].join(' › '), type, choices: choicesOf(child, childUi) });
      }
    }
  };
  walk(schema, uiSchema, '', [], 0);
  return fields;
}

/** Top-level properties that are objects: what a step may edit. */
export function stepCandidates(schema: JsonObject): string[] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  return Object.entries(properties)
    .filter(([, v]) => isObject(v) && typeOf(v) === 'object')
    .map(([k]) => k);
}

// ---------------------------------------------------------------------------------------------------------------
// To the API
// ---------------------------------------------------------------------------------------------------------------

export interface FormMessages {
  /** JSON problem → "riga 12, colonna 4: …" */
  json: (problem: JsonProblem) => string;
  prefillIncomplete: string;
  prefillDuplicate: string;
  whenIncomplete: string;
  whole: (min: number, max: number) => string;
  windowBoth: string;
  windowDate: string;
  typesNone: string;
}

export interface FormConversion {
  form: ServiceForm | null;
  /** problems found before sending: they block publication */
  errors: FieldError[];
  /** the rows actually sent, in order: prefill pointer → row index */
  prefillRows: Record<string, number>;
}

function whole(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/** The value of "required when … equals" in the type of the field it names. */
function typedEquals(text: string, field: SchemaField | undefined): string | number | boolean {
  const choice = field?.choices?.find((c) => String(c.value) === text);
  if (choice) return choice.value;
  if (field?.type === 'boolean') return text === 'true';
  if ((field?.type === 'number' || field?.type === 'integer') && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

export function formDraftToForm(draft: FormDraft, m: FormMessages): FormConversion {
  const errors: FieldError[] = [];
  const schema = parseJsonObject(draft.schemaText);
  if (!schema.ok) errors.push({ key: 'form/schema', message: m.json(schema.problem) });
  const uiSchema = parseJsonObject(draft.uiSchemaText);
  if (!uiSchema.ok) errors.push({ key: 'form/uiSchema', message: m.json(uiSchema.problem) });
  const fields = schema.ok ? schemaFields(schema.value, uiSchema.ok ? uiSchema.value : {}) : [];

  const steps: FormStep[] = draft.steps.map((s) => ({ id: s.id.trim(), title: s.title.trim(), ...(s.description?.trim() ? { description: s.description.trim() } : {}) }));

  const prefill: Record<string, PrefillSource> = {};
  const prefillRows: Record<string, number> = {};
  draft.prefill.forEach((row, i) => {
    if (!row.pointer && !row.source) return;
    if (!row.pointer || !row.source) {
      errors.push({ key: `form/prefill/${i}`, message: m.prefillIncomplete });
      return;
    }
    if (row.pointer in prefill) {
      errors.push({ key: `form/prefill/${i}`, message: m.prefillDuplicate });
      return;
    }
    prefill[row.pointer] = row.source;
    prefillRows[row.pointer] = i;
  });

  const attachments: AttachmentRequirement[] = draft.attachments.map((a, i) => {
    const maxFiles = whole(a.maxFiles, 1, 20);
    const maxSizeMb = whole(a.maxSizeMb, 1, 20);
    if (maxFiles === null) errors.push({ key: `form/attachments/${i}/maxFiles`, message: m.whole(1, 20) });
    if (maxSizeMb === null) errors.push({ key: `form/attachments/${i}/maxSizeMb`, message: m.whole(1, 20) });
    if (a.types.length === 0) errors.push({ key: `form/attachments/${i}/types`, message: m.typesNone });
    const out: AttachmentRequirement = {
      id: a.id.trim(),
      title: a.title.trim(),
      ...(a.description.trim() ? { description: a.description.trim() } : {}),
      required: a.mode === 'always',
      maxFiles: maxFiles ?? 1,
      maxSizeMb: maxSizeMb ?? 1,
      types: ATTACHMENT_TYPES.filter((t) => a.types.includes(t)),
    };
    if (a.mode === 'when') {
      if (!a.whenPointer || a.whenEquals === '') errors.push({ key: `form/attachments/${i}/requiredWhen`, message: m.whenIncomplete });
      else out.requiredWhen = { pointer: a.whenPointer, equals: typedEquals(a.whenEquals, fields.find((f) => f.pointer === a.whenPointer)) };
    }
    return out;
  });

  const maxFiles = whole(draft.limits.maxFiles, 1, 50);
  const maxTotalMb = whole(draft.limits.maxTotalMb, 1, 100);
  if (maxFiles === null) errors.push({ key: 'form/limits/maxFiles', message: m.whole(1, 50) });
  if (maxTotalMb === null) errors.push({ key: 'form/limits/maxTotalMb', message: m.whole(1, 100) });

  let window: ServiceForm['window'];
  const { opensAt, closesAt } = draft.window;
  if (opensAt || closesAt) {
    if (!opensAt || !closesAt) errors.push({ key: 'form/window', message: m.windowBoth });
    else {
      // an instant left as it was keeps its own writing (offset included)
      const { loaded } = draft.window;
      const o = loaded && isoToLocalInput(loaded.opensAt) === opensAt ? loaded.opensAt : localInputToIso(opensAt);
      const c = loaded && isoToLocalInput(loaded.closesAt) === closesAt ? loaded.closesAt : localInputToIso(closesAt);
      if (!o || !c) errors.push({ key: 'form/window', message: m.windowDate });
      else window = { opensAt: o, closesAt: c };
    }
  }

  if (!schema.ok || !uiSchema.ok) return { form: null, errors, prefillRows };
  const form: ServiceForm = {
    schema: schema.value,
    uiSchema: uiSchema.value,
    steps,
    prefill,
    attachments,
    limits: { maxFiles: maxFiles ?? 1, maxTotalMb: maxTotalMb ?? 1 },
    ...(window ? { window } : {}),
    ...(draft.filedBy === 'representative' ? { filedBy: 'representative' as const } : {}),
  };
  return { form, errors, prefillRows };
}

// ---------------------------------------------------------------------------------------------------------------
// Server error paths → editor keys
// ---------------------------------------------------------------------------------------------------------------

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * The editor key of a server error about the form, or null when the error is not about the form. Accepts the
 * catalogue's dotted paths ("form.steps.0.id", "form.prefill.richiedente.nome", "form.prefill./richiedente/nome")
 * and the request validation's ("body.form.prefill.~1richiedente~1nome", "/body/form/limits/maxFiles").
 */
export function formErrorKey(path: string | undefined, prefillRows: Record<string, number>): string | null {
  let p = (path ?? '').trim().replace(/^#/, '').replace(/^\/+/, '');
  p = p.replace(/^body[./]/, '');
  if (p !== 'form' && !p.startsWith('form.') && !p.startsWith('form/')) return null;
  const rest = p.slice(4).replace(/^[./]/, '');
  if (!rest) return 'form';
  const [section, ...tail] = rest.split(/[./]/);
  switch (section) {
    case 'prefill': {
      // what follows "prefill" is the field's pointer, written with dots, slashes or JSON-pointer escapes
      const raw = rest.slice('prefill'.length).replace(/^\.(?=\/)/, '');
      const segments = raw
        .split(/[./]/)
        .filter(Boolean)
        .map(unescape)
        .join('/')
        .split('/')
        .filter(Boolean);
      const pointer = `/${segments.join('/')}`;
      const row = prefillRows[pointer];
      return segments.length && row !== undefined ? `form/prefill/${row}` : 'form/prefill';
    }
    case 'steps':
    case 'attachments': {
      const [index, field] = tail;
      if (index === undefined || !/^\d+$/.test(index)) return `form/${section}`;
      return field ? `form/${section}/${index}/${field}` : `form/${section}/${index}`;
    }
    case 'limits':
      return tail[0] ? `form/limits/${tail[0]}` : 'form/limits';
    case 'window':
      return 'form/window';
    case 'schema':
    case 'uiSchema':
    case 'filedBy':
      return `form/${section}`;
    default:
      return 'form';
  }
}
