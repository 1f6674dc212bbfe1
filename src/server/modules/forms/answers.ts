/**
 * The answers of an application as a person reads them: labelled rows per step, for the receipt PDF and for
 * summaries. Labels come from the schema's titles (or `ui:title`), values are shown as the form showed them
 * (an option's title rather than its code, "Sì"/"No", dates as DD/MM/YYYY), and fields the person did not answer
 * or that the form hid (a `then` branch whose `if` does not hold) are left out.
 */
import type { ServiceForm } from '../../../contracts/forms.ts';

export interface AnswerRow {
  label: string;
  value: string;
}

export interface AnswerSection {
  title: string;
  rows: AnswerRow[];
}

type Schema = Record<string, unknown>;
type Ui = Record<string, unknown>;

const SEPARATOR = ' › ';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asSchema = (v: unknown): Schema => (isObject(v) ? v : {});
const asUi = (v: unknown): Ui => (isObject(v) ? v : {});

/** Rows per step, in the order of the form's steps; steps with nothing answered are left out. */
export function answerSections(form: ServiceForm, data: Record<string, unknown>): AnswerSection[] {
  const root = asSchema(form.schema);
  const stepSchemas = visibleProperties(root, data);
  const sections: AnswerSection[] = [];
  for (const step of form.steps) {
    const schema = stepSchemas.get(step.id);
    if (!schema) continue;
    const rows = rowsOf(schema, data?.[step.id], asUi(form.uiSchema?.[step.id]), []).map(({ label, value }) => ({ label, value }));
    if (rows.length) sections.push({ title: step.title, rows });
  }
  return sections;
}

/** A row, and whether its value speaks for itself (text) or needs its label to mean anything (a number, Sì/No). */
type Row = AnswerRow & { bare: boolean };

/** The rows of one value under the label path `path` (empty for a step itself). */
function rowsOf(schema: Schema, value: unknown, ui: Ui, path: string[]): Row[] {
  if (isEmpty(value) || ui['ui:widget'] === 'hidden') return [];
  if (isObjectSchema(schema) && isObject(value)) {
    const props = visibleProperties(schema, value);
    const rows: Row[] = [];
    for (const name of ordered([...props.keys()], ui['ui:order'] ?? requiredOrder(schema))) {
      const child = props.get(name)!;
      const childUi = asUi(ui[name]);
      rows.push(...rowsOf(child, value[name], childUi, [...path, labelOf(child, childUi, name)]));
    }
    return rows;
  }
  if (Array.isArray(value)) {
    const items = asSchema(Array.isArray(schema.items) ? schema.items[0] : schema.items);
    const itemsUi = asUi(ui.items);
    if (value.some((v) => isObject(v))) {
      // one row per item: "Componente 1: Mario Rossi, RSSMRA80A01H501U, 01/01/1980"; numbers and yes/no keep
      // their label ("Importo versato (euro): 306"), a bare "306, Sì" would say nothing
      const itemLabel = typeof items.title === 'string' && items.title.trim() ? items.title : path[path.length - 1] ?? '';
      const prefix = path.slice(0, -1);
      return value.flatMap((item, i) => {
        const text = isObject(item)
          ? rowsOf(items, item, itemsUi, []).map((r) => (r.bare || !r.label ? r.value : `${r.label}: ${r.value}`)).join(', ')
          : formatScalar(items, item, itemsUi);
        return text ? [{ label: [...prefix, `${itemLabel} ${i + 1}`].filter(Boolean).join(SEPARATOR), value: text, bare: true }] : [];
      });
    }
    const shown = value.filter((v) => !isEmpty(v)).map((v) => formatScalar(items, v, itemsUi, ui));
    return shown.length ? [{ label: path.join(SEPARATOR), value: shown.join(', '), bare: true }] : [];
  }
  const text = formatScalar(schema, value, ui);
  return text ? [{ label: path.join(SEPARATOR), value: text, bare: typeof value === 'string' }] : [];
}

function labelOf(schema: Schema, ui: Ui, name: string): string {
  const given = ui['ui:title'] ?? schema.title;
  if (typeof given === 'string' && given.trim()) return given.trim();
  // a property without a title: "codiceFiscale" → "Codice fiscale"
  const words = name.replace(/[_-]+/g, ' ').replace(/([a-zà-ù])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0) ||
  (isObject(v) && Object.keys(v).length === 0);

const isObjectSchema = (s: Schema) => s.type === 'object' || (s.type === undefined && isObject(s.properties));

/**
 * Without a ui:order, the order of `required` (then the other properties): a schema stored as jsonb comes back
 * with its properties' keys re-sorted (by length), while arrays keep the author's order.
 */
function requiredOrder(schema: Schema): string[] | undefined {
  const required = arrayOf(schema.required).filter((n): n is string => typeof n === 'string');
  return required.length ? [...required, '*'] : undefined;
}

/** rjsf's ui:order: the listed names first, "*" standing for the others in their own order (at the end when absent). */
function ordered(names: string[], order: unknown): string[] {
  if (!Array.isArray(order)) return names;
  const listed = order.filter((n): n is string => typeof n === 'string');
  const rest = names.filter((n) => !listed.includes(n));
  const out: string[] = [];
  let restPlaced = false;
  for (const n of listed) {
    if (n === '*') {
      out.push(...rest);
      restPlaced = true;
    } else if (names.includes(n)) out.push(n);
  }
  if (!restPlaced) out.push(...rest);
  return out;
}

/**
 * The properties an object shows for this value: its own, then those of `allOf` parts, of the `then`/`else` branch
 * its `if` selects, of `dependencies`/`dependentSchemas` whose key is answered, and of the `oneOf`/`anyOf` branches
 * the value matches. A property declared again in a branch keeps its first place and its title.
 */
function visibleProperties(schema: Schema, value: unknown): Map<string, Schema> {
  const out = new Map<string, Schema>();
  const add = (from: Map<string, Schema>) => {
    for (const [name, s] of from) {
      const had = out.get(name);
      out.set(name, had ? { ...had, ...s, ...(had.title !== undefined ? { title: had.title } : {}) } : s);
    }
  };
  for (const [name, s] of Object.entries(asSchema(schema.properties))) out.set(name, asSchema(s));
  const obj = isObject(value) ? value : {};
  for (const part of arrayOf(schema.allOf)) add(visibleProperties(asSchema(part), value));
  if (schema.if !== undefined) {
    const branch = matches(schema.if, value) ? schema.then : schema.else;
    if (branch !== undefined) add(visibleProperties(asSchema(branch), value));
  }
  for (const deps of [schema.dependencies, schema.dependentSchemas]) {
    for (const [key, dep] of Object.entries(asSchema(deps))) {
      if (isObject(dep) && !isEmpty(obj[key])) add(visibleProperties(dep, value));
    }
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    for (const branch of arrayOf(schema[keyword])) {
      const b = asSchema(branch);
      if (isObject(b.properties) && matches(b, value)) add(visibleProperties(b, value));
    }
  }
  return out;
}

const arrayOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Whether a value satisfies a schema, for the keywords forms use in conditions (const, enum, type, required,
 * properties, not, allOf/anyOf/oneOf, bounds, lengths, pattern, items, contains). Others are ignored.
 */
export function matches(schemaLike: unknown, value: unknown): boolean {
  if (schemaLike === true || schemaLike === undefined) return true;
  if (schemaLike === false) return false;
  const s = asSchema(schemaLike);
  if ('const' in s && !deepEqual(s.const, value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) return false;
  if (s.type !== undefined && !(Array.isArray(s.type) ? s.type : [s.type]).some((t) => hasType(value, t))) return false;
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return false;
    if (typeof s.maximum === 'number' && value > s.maximum) return false;
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return false;
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return false;
  }
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && [...value].length < s.minLength) return false;
    if (typeof s.maxLength === 'number' && [...value].length > s.maxLength) return false;
    if (typeof s.pattern === 'string') {
      try {
        if (!new RegExp(s.pattern, 'u').test(value)) return false;
      } catch {
        /* a pattern JavaScript cannot read does not decide */
      }
    }
  }
  if (isObject(value)) {
    for (const name of arrayOf(s.required)) if (typeof name === 'string' && value[name] === undefined) return false;
    for (const [name, sub] of Object.entries(asSchema(s.properties))) {
      if (value[name] !== undefined && !matches(sub, value[name])) return false;
    }
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) return false;
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) return false;
    if (isObject(s.items) && !value.every((v) => matches(s.items, v))) return false;
    if (s.contains !== undefined && !value.some((v) => matches(s.contains, v))) return false;
  }
  if (s.not !== undefined && matches(s.not, value)) return false;
  if (Array.isArray(s.allOf) && !s.allOf.every((b) => matches(b, value))) return false;
  if (Array.isArray(s.anyOf) && !s.anyOf.some((b) => matches(b, value))) return false;
  if (Array.isArray(s.oneOf) && s.oneOf.filter((b) => matches(b, value)).length !== 1) return false;
  return true;
}

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'integer': return Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'null': return value === null;
    case 'array': return Array.isArray(value);
    case 'object': return isObject(value);
    default: return true;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** One answer as text. `parentUi` is the array's UI schema for the items of a multiple choice. */
function formatScalar(schema: Schema, value: unknown, ui: Ui, parentUi: Ui = {}): string {
  if (isEmpty(value)) return '';
  const option = optionTitle(schema, value, ui, parentUi);
  if (option !== undefined) return option;
  if (typeof value === 'boolean') return value ? 'Sì' : 'No';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  if (typeof value === 'string') {
    const v = value.trim();
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (date && (schema.format === 'date' || schema.format === undefined)) return `${date[3]}/${date[2]}/${date[1]}`;
    if (schema.format === 'date-time') {
      const when = new Date(v);
      if (!Number.isNaN(when.getTime())) return formatRomeDateTime(when);
    }
    return v;
  }
  if (isObject(value)) {
    // an object the schema does not describe: its values, in order
    return Object.values(value).filter((v) => !isEmpty(v)).map((v) => formatScalar({}, v, {})).join(', ');
  }
  if (Array.isArray(value)) return value.map((v) => formatScalar({}, v, {})).join(', ');
  return String(value);
}

/** The title of a chosen option: oneOf/anyOf `{ const, title }`, or enum with enumNames / ui:enumNames. */
function optionTitle(schema: Schema, value: unknown, ui: Ui, parentUi: Ui): string | undefined {
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    for (const option of arrayOf(schema[keyword])) {
      const o = asSchema(option);
      const code = 'const' in o ? o.const : Array.isArray(o.enum) && o.enum.length === 1 ? o.enum[0] : undefined;
      if (code !== undefined && deepEqual(code, value) && typeof o.title === 'string') return o.title;
    }
  }
  if (Array.isArray(schema.enum)) {
    const i = schema.enum.findIndex((e) => deepEqual(e, value));
    const names = [ui['ui:enumNames'], parentUi['ui:enumNames'], schema.enumNames].find(Array.isArray) as unknown[] | undefined;
    if (i >= 0 && names && typeof names[i] === 'string') return names[i] as string;
  }
  return undefined;
}

const romeDateTime = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

function formatRomeDateTime(when: Date): string {
  const p = Object.fromEntries(romeDateTime.formatToParts(when).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
