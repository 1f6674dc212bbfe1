/**
 * Answers as a person reads them: the titles of the choices, "Sì"/"No", dates as DD/MM/YYYY; and the rows of the
 * summary of a step, in the form's order, with the fields that appear only when relevant resolved on the data.
 */
import { optionsList, orderProperties, retrieveSchema, type RJSFSchema, type ValidatorType } from '@rjsf/utils';
import type { TFunction } from 'i18next';
import { formatDateDMY, formatDateTime } from './dates';
import { isObject, type JsonObject } from './formModel';

export function formatValue(value: unknown, schema: JsonObject | undefined, t: TFunction, lng: string, ui?: JsonObject): string {
  if (value === undefined || value === null || value === '') return '';
  const s = schema ?? {};
  if (Array.isArray(value)) {
    const itemSchema = isObject(s.items) ? s.items : undefined;
    return value.map((v) => formatValue(v, itemSchema, t, lng, isObject(ui?.items) ? (ui!.items as JsonObject) : undefined)).join(', ');
  }
  const options = optionsList(s as RJSFSchema, ui);
  if (options && options.length > 0) {
    const match = options.find((o) => o.value === value);
    if (match) return typeof value === 'boolean' && match.label === String(value) ? (value ? t('application.summary.yes') : t('application.summary.no')) : match.label;
  }
  if (typeof value === 'boolean') return value ? t('application.summary.yes') : t('application.summary.no');
  if (typeof value === 'number') return new Intl.NumberFormat(lng === 'en' ? 'en-GB' : 'it-IT').format(value);
  if (typeof value === 'string') {
    if (s.format === 'date') return formatDateDMY(value);
    if (s.format === 'date-time') return formatDateTime(value);
    return value;
  }
  if (isObject(value)) return Object.values(value).filter((v) => v !== undefined && v !== '').map(String).join(', ');
  return String(value);
}

export interface SummaryRow {
  /** JSON pointer of the answer */
  pointer: string;
  label: string;
  text?: string;
  /** a group (an object) */
  children?: SummaryRow[];
  /** a list of groups (an array of objects) */
  items?: SummaryRow[][];
}

/** The answered fields of an object schema, in order, with nested groups and lists. */
export function summaryRows(
  validator: ValidatorType,
  rootSchema: JsonObject,
  schema: JsonObject,
  ui: JsonObject | undefined,
  data: unknown,
  pointer: string,
  t: TFunction,
  lng: string,
): SummaryRow[] {
  if (!isObject(data)) return [];
  const resolved = retrieveSchema(validator, schema as RJSFSchema, rootSchema as RJSFSchema, data) as JsonObject;
  const properties = (isObject(resolved.properties) ? resolved.properties : {}) as Record<string, JsonObject>;
  let names = Object.keys(properties);
  const order = ui?.['ui:order'];
  if (Array.isArray(order)) {
    try {
      names = orderProperties(names, order as string[]);
    } catch {
      // an order that names unknown fields: keep the schema's
    }
  }
  const rows: SummaryRow[] = [];
  for (const name of names) {
    const value = data[name];
    if (value === undefined || value === null || value === '') continue;
    const sub = retrieveSchema(validator, properties[name] as RJSFSchema, rootSchema as RJSFSchema, value) as JsonObject;
    const subUi = isObject(ui?.[name]) ? (ui![name] as JsonObject) : undefined;
    if (subUi?.['ui:widget'] === 'hidden') continue;
    const label = (typeof subUi?.['ui:title'] === 'string' ? subUi['ui:title'] : undefined) ?? (sub.title as string | undefined) ?? name;
    const here = `${pointer}/${name}`;
    if (isObject(value) && sub.type === 'object') {
      const children = summaryRows(validator, rootSchema, sub, subUi, value, here, t, lng);
      if (children.length) rows.push({ pointer: here, label, children });
    } else if (Array.isArray(value) && value.length > 0 && value.every(isObject) && isObject(sub.items)) {
      const itemUi = isObject(subUi?.items) ? (subUi!.items as JsonObject) : undefined;
      rows.push({
        pointer: here,
        label,
        items: value.map((item, i) => summaryRows(validator, rootSchema, sub.items as JsonObject, itemUi, item, `${here}/${i}`, t, lng)),
      });
    } else {
      const text = formatValue(value, sub, t, lng, subUi);
      if (text) rows.push({ pointer: here, label, text });
    }
  }
  return rows;
}
