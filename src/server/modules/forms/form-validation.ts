/**
 * The server side of "the same JSON Schema validates in the browser and on the server": AJV 8 with the same
 * options and formats the browser's @rjsf validator uses, and Italian messages (ajv-i18n) that name each field.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import localizeIt from 'ajv-i18n/localize/it/index.js';
import type { ServiceForm } from '../../../contracts/forms.ts';
import { PREFILL_SOURCES } from '../../../contracts/forms.ts';

export interface FieldProblem {
  /** JSON pointer into the answers, e.g. /richiedente/email; /attachments/<id> for a document */
  path: string;
  message: string;
}

function newAjv() {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
  addFormats(ajv);
  return ajv;
}
const ajv = newAjv();

/** Compiled validators by form (a service version's form never changes, so its object identity is stable). */
const compiled = new WeakMap<object, ValidateFunction>();

function validatorOf(form: ServiceForm): ValidateFunction {
  let validate = compiled.get(form.schema);
  if (!validate) {
    validate = ajv.compile(form.schema);
    compiled.set(form.schema, validate);
  }
  return validate;
}

/** A title for a pointer, from the schema: "Nuova residenza › CAP". */
export function fieldTitle(schema: Record<string, unknown>, pointer: string): string {
  const titles: string[] = [];
  let node: Record<string, unknown> | undefined = schema;
  for (const part of pointer.split('/').slice(1)) {
    const properties = node?.properties as Record<string, Record<string, unknown>> | undefined;
    const items = node?.items as Record<string, unknown> | undefined;
    node = properties?.[part] ?? (/^\d+$/.test(part) ? items : undefined) ?? findInConditionals(node, part);
    if (!node) break;
    if (typeof node.title === 'string' && !/^\d+$/.test(part)) titles.push(node.title);
  }
  return titles.join(' › ') || pointer;
}

function findInConditionals(node: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  if (!node) return undefined;
  const branches = [node.then, node.else, ...((node.allOf as unknown[]) ?? []), ...((node.oneOf as unknown[]) ?? []), ...((node.anyOf as unknown[]) ?? [])];
  for (const b of branches) {
    if (!b || typeof b !== 'object') continue;
    const branch = b as Record<string, unknown>;
    const found = (branch.properties as Record<string, Record<string, unknown>> | undefined)?.[key] ?? findInConditionals(branch, key);
    if (found) return found;
  }
  return undefined;
}

function toProblem(schema: Record<string, unknown>, e: ErrorObject): FieldProblem {
  let path = e.instancePath || '';
  if (e.keyword === 'required') path = `${path}/${(e.params as { missingProperty: string }).missingProperty}`;
  if (e.keyword === 'additionalProperties') path = `${path}/${(e.params as { additionalProperty: string }).additionalProperty}`;
  // a step that lists its field names (propertyNames) refuses any other name
  const unknownName = e.propertyName ?? (e.keyword === 'propertyNames' ? (e.params as { propertyName?: string }).propertyName : undefined);
  if (unknownName) path = `${path}/${unknownName}`;
  const label = fieldTitle(schema, path || '/');
  const message = e.keyword === 'required' ? 'campo obbligatorio'
    : e.keyword === 'additionalProperties' || unknownName ? 'campo non previsto dal modulo' : e.message ?? 'valore non valido';
  return { path: path || '/', message: `${label}: ${message}` };
}

/** Every problem with the answers, one per field (the first for each), in the schema's terms. */
export function validateAnswers(form: ServiceForm, data: unknown): FieldProblem[] {
  const validate = validatorOf(form);
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  localizeIt(errors);
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const e of errors) {
    const p = toProblem(form.schema, e);
    if (seen.has(p.path)) continue;
    seen.add(p.path);
    problems.push(p);
  }
  return problems;
}

const get = (node: unknown, key: string) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined);

/** The schema node a pointer names (through properties, items and if/then branches), or undefined. */
export function schemaAt(schema: Record<string, unknown>, pointer: string): Record<string, unknown> | undefined {
  let node: Record<string, unknown> | undefined = schema;
  for (const part of pointer.split('/').slice(1)) {
    const next: unknown = get(get(node, 'properties'), part) ?? findInConditionals(node, part);
    node = next && typeof next === 'object' ? (next as Record<string, unknown>) : undefined;
    if (!node) return undefined;
  }
  return node;
}

/** The value at a JSON pointer of the answers. */
export function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const part of pointer.split('/').slice(1)) node = get(node, part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return node;
}

/** Whether an attachment requirement applies to these answers. */
export function attachmentRequired(req: ServiceForm['attachments'][number], data: unknown): boolean {
  if (req.requiredWhen) return valueAt(data, req.requiredWhen.pointer) === req.requiredWhen.equals;
  return req.required;
}

/** Problems with a form definition an administrator is publishing, by path inside the card ("form/…"). */
export function checkFormDefinition(form: ServiceForm): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path: `form/${path}`, message });
  try {
    validatorOf(form);
  } catch (error) {
    add('schema', `lo schema JSON non è valido: ${(error as Error).message} (invalid JSON Schema)`);
    return problems;
  }
  if (form.schema.type !== 'object') add('schema', 'lo schema deve descrivere un oggetto (type: object) i cui campi sono i passi');
  const topLevel = (form.schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const stepIds = new Set<string>();
  form.steps.forEach((step, i) => {
    if (stepIds.has(step.id)) add(`steps/${i}/id`, `passo "${step.id}" ripetuto (duplicate step)`);
    stepIds.add(step.id);
    if (topLevel[step.id]?.type !== 'object') add(`steps/${i}/id`, `il passo "${step.id}" non è un campo di tipo oggetto dello schema (step must be an object property)`);
  });
  for (const key of Object.keys(topLevel)) {
    if (!stepIds.has(key)) add('steps', `il campo "${key}" dello schema non appartiene a nessun passo (property not in any step)`);
  }
  for (const [pointer, source] of Object.entries(form.prefill)) {
    if (!(PREFILL_SOURCES as readonly string[]).includes(source)) add(`prefill${pointer}`, `fonte sconosciuta "${source}"`);
    const node = schemaAt(form.schema, pointer);
    if (!node) add(`prefill${pointer}`, `il campo ${pointer} non esiste nello schema (unknown field)`);
    else if (source === 'subject.family' && node.type !== 'array') add(`prefill${pointer}`, 'i componenti della famiglia vanno in un campo di tipo array');
    else if (source !== 'subject.family' && node.type !== 'string') add(`prefill${pointer}`, `il campo ${pointer} deve essere di tipo testo (string)`);
  }
  const ids = new Set<string>();
  form.attachments.forEach((a, i) => {
    if (ids.has(a.id)) add(`attachments/${i}/id`, `documento "${a.id}" ripetuto (duplicate document)`);
    ids.add(a.id);
    if (a.requiredWhen && !schemaAt(form.schema, a.requiredWhen.pointer)) add(`attachments/${i}/requiredWhen`, `il campo ${a.requiredWhen.pointer} non esiste nello schema`);
  });
  if (form.window && !(Date.parse(form.window.opensAt) < Date.parse(form.window.closesAt))) {
    add('window', 'la finestra deve aprirsi prima di chiudersi (opensAt before closesAt)');
  }
  return problems;
}

/**
 * Writes the order of every object's fields into the UI schema (`ui:order`), as the author wrote them. The card
 * is stored as jsonb, which keeps keys in its own order (by length), so without this a form would come back
 * with its fields shuffled. Only the fields an object always has are listed, then '*': fields that appear under
 * if/then come after them (the form renderer refuses an order naming a field the schema does not show).
 */
export function withFieldOrder(form: ServiceForm): ServiceForm {
  const uiSchema = structuredClone(form.uiSchema) as Record<string, unknown>;
  const walk = (schema: unknown, ui: Record<string, unknown>) => {
    if (!schema || typeof schema !== 'object') return;
    const s = schema as Record<string, unknown>;
    const properties = s.properties as Record<string, unknown> | undefined;
    if (properties && typeof properties === 'object') {
      const keys = Object.keys(properties);
      const given = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as unknown[]).filter((k): k is string => typeof k === 'string') : null;
      // an order kept from an earlier version loses the fields since removed and gains '*' for those added
      if (given) ui['ui:order'] = [...given.filter((k) => keys.includes(k)), '*'];
      else if (keys.length > 1) ui['ui:order'] = [...keys, '*'];
      for (const key of keys) {
        const child = (ui[key] && typeof ui[key] === 'object' ? ui[key] : (ui[key] = {})) as Record<string, unknown>;
        walk(properties[key], child);
        if (!Object.keys(child).length) delete ui[key];
      }
    }
    if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) {
      const child = (ui.items && typeof ui.items === 'object' ? ui.items : (ui.items = {})) as Record<string, unknown>;
      walk(s.items, child);
      if (!Object.keys(child).length) delete ui.items;
    }
  };
  walk(form.schema, uiSchema);
  return { ...form, uiSchema };
}
