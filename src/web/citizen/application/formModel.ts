/**
 * The shape of an online application as the web page walks it: steps (one top-level property of the schema
 * each), then "Allegati" when documents are asked, then "Riepilogo". Pure helpers: JSON pointers, the sub-schema
 * and UI schema of a step with the prefilled ("once only") fields marked and locked, the documents that are due,
 * and the limits said in words.
 */
import type { TFunction } from 'i18next';
import type { ApplicationDetail } from '../../../contracts/applications';
import { EDITABLE_PREFILL, type AttachmentRequirement, type PrefillSource, type ServiceForm } from '../../../contracts/forms';

export type JsonObject = Record<string, unknown>;
export type Origin = ApplicationDetail['prefilled'][string];

export const ATTACHMENTS_STEP = 'allegati';
export const SUMMARY_STEP = 'riepilogo';

export interface PageStep {
  /** the schema property edited, or ATTACHMENTS_STEP / SUMMARY_STEP */
  id: string;
  title: string;
  description?: string;
  kind: 'form' | 'attachments' | 'summary';
}

export function pageSteps(form: ServiceForm, t: TFunction): PageStep[] {
  const steps: PageStep[] = form.steps.map((s) => ({ id: s.id, title: s.title, description: s.description, kind: 'form' }));
  if (form.attachments.length > 0) steps.push({ id: ATTACHMENTS_STEP, title: t('application.attachments.title'), kind: 'attachments' });
  steps.push({ id: SUMMARY_STEP, title: t('application.summary.title'), kind: 'summary' });
  return steps;
}

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** "/a/b~1c/0" → ["a", "b/c", "0"] */
export function pointerSegments(pointer: string): string[] {
  if (!pointer || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function valueAt(data: unknown, pointer: string): unknown {
  let current: unknown = data;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** The JSON Schema of one step, with the root's definitions so that `$ref`s still resolve. */
export function stepSchema(form: ServiceForm, stepId: string): JsonObject {
  const root = form.schema as JsonObject;
  const properties = (root.properties ?? {}) as Record<string, JsonObject>;
  const own = properties[stepId] ?? { type: 'object', properties: {} };
  const extra: JsonObject = {};
  if (root.$defs) extra.$defs = root.$defs;
  if (root.definitions) extra.definitions = root.definitions;
  // the step is shown under its own heading, with its description: the object's would repeat them
  const { title: _title, description: _description, ...rest } = own;
  return { ...rest, ...extra };
}

function cloneUi(ui: unknown): JsonObject {
  return isObject(ui) ? (JSON.parse(JSON.stringify(ui)) as JsonObject) : {};
}

/** The UI schema node at `segments` (array indices walk into `items`), created when missing. */
function uiNodeAt(root: JsonObject, segments: string[]): JsonObject {
  let node = root;
  for (const segment of segments) {
    const key = /^\d+$/.test(segment) ? 'items' : segment;
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as JsonObject;
  }
  return node;
}

export interface PrefillMark {
  origin: Origin;
  locked: boolean;
}

/**
 * The UI schema of a step: the form's own part, plus, for each prefilled field, the mark with its origin and
 * (unless it is a contact the person may change) read-only. A prefilled list (the family sheet) is shown as a list.
 */
export function stepUiSchema(form: ServiceForm, application: Pick<ApplicationDetail, 'prefilled'>, stepId: string): JsonObject {
  const ui = cloneUi((form.uiSchema as JsonObject)[stepId]);
  orderNestedObjects(((form.schema as JsonObject).properties as Record<string, JsonObject> | undefined)?.[stepId], ui);
  const global = isObject(ui['ui:globalOptions']) ? (ui['ui:globalOptions'] as JsonObject) : {};
  ui['ui:globalOptions'] = { orderable: false, copyable: false, ...global };
  for (const [pointer, mark] of Object.entries(prefilledMarks(form, application))) {
    const [step, ...rest] = pointerSegments(pointer);
    if (step !== stepId || rest.length === 0) continue;
    const node = uiNodeAt(ui, rest);
    const options = isObject(node['ui:options']) ? (node['ui:options'] as JsonObject) : {};
    node['ui:options'] = { ...options, prefilled: mark.origin };
    if (mark.locked) {
      node['ui:readonly'] = true;
      const sub = schemaAt(form.schema as JsonObject, pointer);
      if (sub?.type === 'array') node['ui:field'] = 'PrefilledList';
    }
  }
  return ui;
}

/**
 * The order of the fields of nested objects. The server keeps cards in PostgreSQL's jsonb, which does not keep the
 * order of an object's keys; arrays keep theirs. Where the form gives no `ui:order`, the fields follow the order of
 * `required` (written in the form's order), then the others.
 */
function orderNestedObjects(schema: JsonObject | undefined, ui: JsonObject, depth = 0) {
  if (!schema || depth > 8) return;
  // the object itself and the branches of its conditionals (allOf: [{ if, then }] and if/then/else)
  const branches: JsonObject[] = [];
  const collect = (node: unknown, level = 0) => {
    if (!isObject(node) || level > 4) return;
    branches.push(node);
    collect(node.then, level + 1);
    collect(node.else, level + 1);
    for (const part of (node.allOf as unknown[]) ?? []) collect(part, level + 1);
  };
  collect(schema);
  const properties: Record<string, JsonObject> = Object.assign({}, ...branches.map((b) => (isObject(b.properties) ? b.properties : {})));
  const required = branches.flatMap((b) => (Array.isArray(b.required) ? (b.required as string[]) : []));
  if (depth > 0 && Object.keys(properties).length > 1 && !Array.isArray(ui['ui:order'])) {
    ui['ui:order'] = [...new Set(required.filter((r) => r in properties)), '*'];
  }
  for (const [name, sub] of Object.entries(properties)) {
    if (!isObject(sub)) continue;
    if (sub.type === 'object') {
      if (!isObject(ui[name])) ui[name] = {};
      orderNestedObjects(sub, ui[name] as JsonObject, depth + 1);
    } else if (sub.type === 'array' && isObject(sub.items) && (sub.items as JsonObject).type === 'object') {
      if (!isObject(ui[name])) ui[name] = {};
      const node = ui[name] as JsonObject;
      if (!isObject(node.items)) node.items = {};
      orderNestedObjects(sub.items as JsonObject, node.items as JsonObject, depth + 1);
    }
  }
}

/** Prefilled pointers with their origin and whether the person may change them. */
export function prefilledMarks(form: ServiceForm, application: Pick<ApplicationDetail, 'prefilled'>): Record<string, PrefillMark> {
  const marks: Record<string, PrefillMark> = {};
  for (const [pointer, origin] of Object.entries(application.prefilled ?? {})) {
    const source = form.prefill[pointer] as PrefillSource | undefined;
    marks[pointer] = { origin, locked: !(source && EDITABLE_PREFILL.includes(source)) };
  }
  return marks;
}

/** The sub-schema at a data pointer (through `properties` and `items`; `$ref`s to the root's definitions resolved). */
export function schemaAt(root: JsonObject, pointer: string): JsonObject | undefined {
  let node: JsonObject | undefined = resolveRef(root, root);
  for (const segment of pointerSegments(pointer)) {
    if (!node) return undefined;
    if (node.type === 'array' || node.items) node = resolveRef(root, node.items as JsonObject | undefined);
    else node = resolveRef(root, findProperty(root, node, segment));
  }
  return node;
}

/** A property declared directly or inside if/then/else, allOf, dependencies (fields that appear when relevant). */
function findProperty(root: JsonObject, node: JsonObject, name: string): JsonObject | undefined {
  const direct = (node.properties as Record<string, JsonObject> | undefined)?.[name];
  if (direct) return direct;
  const branches: unknown[] = [node.then, node.else, ...((node.allOf as unknown[]) ?? []), ...((node.oneOf as unknown[]) ?? []), ...((node.anyOf as unknown[]) ?? [])];
  if (isObject(node.dependencies)) branches.push(...Object.values(node.dependencies));
  if (isObject(node.dependentSchemas)) branches.push(...Object.values(node.dependentSchemas));
  for (const branch of branches) {
    const resolved = isObject(branch) ? resolveRef(root, branch) : undefined;
    if (!resolved) continue;
    const found = findProperty(root, resolved, name);
    if (found) return found;
  }
  return undefined;
}

function resolveRef(root: JsonObject, node: JsonObject | undefined): JsonObject | undefined {
  let current = node;
  for (let i = 0; i < 10 && current && typeof current.$ref === 'string'; i++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#')) return current;
    const target = valueAt(root, ref.slice(1));
    const { $ref: _ref, ...rest } = current;
    current = isObject(target) ? { ...target, ...rest } : undefined;
  }
  return current;
}

/** The field's label: the UI schema's title, the schema's title, or the property's name. */
export function labelAt(form: ServiceForm, pointer: string): string {
  const segments = pointerSegments(pointer);
  const ui = uiNodeAtOrNull(form.uiSchema as JsonObject, segments);
  if (ui && typeof ui['ui:title'] === 'string') return ui['ui:title'];
  const sub = schemaAt(form.schema as JsonObject, pointer);
  if (sub && typeof sub.title === 'string') return sub.title;
  return segments[segments.length - 1] ?? pointer;
}

function uiNodeAtOrNull(root: JsonObject, segments: string[]): JsonObject | null {
  let node: unknown = root;
  for (const segment of segments) {
    if (!isObject(node)) return null;
    node = /^\d+$/.test(segment) ? node.items : node[segment];
  }
  return isObject(node) ? node : null;
}

/** Whether a document is due with the answers given so far. */
export function isRequirementDue(requirement: AttachmentRequirement, data: JsonObject): boolean {
  if (requirement.required) return true;
  if (requirement.requiredWhen) return valueAt(data, requirement.requiredWhen.pointer) === requirement.requiredWhen.equals;
  return false;
}

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };
const TYPE_EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};

export const typeName = (type: string) => TYPE_NAMES[type] ?? type;

/** The `accept` attribute of the file input: types and extensions. */
export const acceptAttribute = (types: string[]) => types.flatMap((type) => [type, ...(TYPE_EXTENSIONS[type] ?? [])]).join(',');

/** "PDF, JPG o PNG" / "PDF, JPG or PNG" */
export function listInWords(items: string[], t: TFunction): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${t('application.attachments.or')} ${items[items.length - 1]}`;
}

/** "PDF, JPG o PNG, massimo 5 MB, fino a 2 file" */
export function limitsInWords(requirement: AttachmentRequirement, t: TFunction): string {
  return t('application.attachments.limits', {
    types: listInWords(requirement.types.map(typeName), t),
    size: requirement.maxSizeMb,
    count: requirement.maxFiles,
  });
}

/** The file's type as the browser sees it, or from its name when the browser does not say. */
export function fileType(file: File): string {
  if (file.type) return file.type === 'image/jpg' ? 'image/jpeg' : file.type;
  const name = file.name.toLowerCase();
  for (const [type, extensions] of Object.entries(TYPE_EXTENSIONS)) if (extensions.some((e) => name.endsWith(e))) return type;
  return '';
}

/** Where a JSON pointer of the answers (or of a missing document) belongs: its step. */
export function stepOfPointer(pointer: string, steps: PageStep[]): string | undefined {
  const [first] = pointerSegments(pointer);
  if (first === 'attachments') return steps.some((s) => s.id === ATTACHMENTS_STEP) ? ATTACHMENTS_STEP : undefined;
  return steps.find((s) => s.kind === 'form' && s.id === first)?.id;
}

/** The DOM id rjsf gives a field of a step: `<prefix>_<a>_<b>`. */
export const formIdPrefix = (stepId: string) => `passo-${stepId}`;
export function fieldDomId(pointer: string): string {
  const [step, ...rest] = pointerSegments(pointer);
  if (step === 'attachments') return `allegato-${rest[0] ?? ''}`;
  return [formIdPrefix(step ?? ''), ...rest].join('_');
}

/** JSON-stable deep equality for plain data. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameData(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameData(a[k], b[k]));
  }
  return false;
}
