/**
 * Validation in the browser with the same JSON Schema the server uses: @rjsf's AJV 8 validator with ajv-formats
 * (email, date…) and the messages of ajv-i18n in the reader's language (see evalFreeAjv.ts for why AJV's engine is
 * swapped for an interpreter of the same schema); the most common errors get a sentence
 * that says what to do ("Scrivi un indirizzo email valido…"), the others keep AJV's localized message.
 */
import type { RJSFValidationError } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import localizeEn from 'ajv-i18n/localize/en';
import localizeIt from 'ajv-i18n/localize/it';
import type { TFunction } from 'i18next';
import type Ajv from 'ajv';
import EvalFreeAjv from './evalFreeAjv';
import { isObject, type JsonObject } from './formModel';

type Validator = ReturnType<typeof customizeValidator>;
const validators: Partial<Record<'it' | 'en', Validator>> = {};

/**
 * One validator per language: @rjsf's AJV 8 validator with ajv-formats and ajv-i18n, on EvalFreeAjv — AJV's
 * interface without AJV's code generation, which the portal's Content-Security-Policy forbids (no 'unsafe-eval').
 */
export function validatorFor(lng: string): Validator {
  const key = lng === 'en' ? 'en' : 'it';
  validators[key] ??= customizeValidator({ AjvClass: EvalFreeAjv as unknown as typeof Ajv }, key === 'en' ? localizeEn : localizeIt);
  return validators[key]!;
}

/** ".a.b" / "a.b" / ".list.0.name" → ["a", "b"] */
export const propertyPath = (property: string | undefined): string[] => (property ?? '').replace(/^\./, '').split('.').filter(Boolean);

function schemaOfPath(schema: JsonObject, path: string[]): JsonObject | undefined {
  let node: JsonObject | undefined = schema;
  for (const segment of path) {
    if (!node) return undefined;
    if (/^\d+$/.test(segment) && isObject(node.items)) node = node.items;
    else node = findProperty(node, segment);
  }
  return node;
}

function findProperty(node: JsonObject, name: string): JsonObject | undefined {
  const direct = isObject(node.properties) ? node.properties[name] : undefined;
  if (isObject(direct)) return direct;
  for (const branch of [node.then, node.else, ...((node.allOf as unknown[]) ?? []), ...Object.values(isObject(node.dependencies) ? node.dependencies : {})]) {
    if (!isObject(branch)) continue;
    const found = findProperty(branch, name);
    if (found) return found;
  }
  return undefined;
}

const isChoice = (schema: JsonObject | undefined) =>
  !!schema && (Array.isArray(schema.enum) || Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf) || schema.type === 'boolean' || schema.const !== undefined);

/** A message written by the form's author for this error, if any (`errorMessage` in the schema, ui:options.errorMessages). */
function authorMessage(schema: JsonObject | undefined, ui: JsonObject | undefined, keyword: string): string | undefined {
  const fromSchema = schema?.errorMessage;
  if (typeof fromSchema === 'string') return fromSchema;
  if (isObject(fromSchema) && typeof fromSchema[keyword] === 'string') return fromSchema[keyword] as string;
  const options = isObject(ui?.['ui:options']) ? (ui!['ui:options'] as JsonObject) : undefined;
  const messages = options?.errorMessages;
  if (isObject(messages) && typeof messages[keyword] === 'string') return messages[keyword] as string;
  return undefined;
}

function uiOfPath(ui: JsonObject, path: string[]): JsonObject | undefined {
  let node: unknown = ui;
  for (const segment of path) {
    if (!isObject(node)) return undefined;
    node = /^\d+$/.test(segment) ? node.items : node[segment];
  }
  return isObject(node) ? node : undefined;
}

/** Turns AJV's errors into sentences a person can act on; drops the "must match then schema" noise. */
export function errorTransformer(schema: JsonObject, ui: JsonObject, t: TFunction) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors
      .filter((e) => e.name !== 'if')
      .map((error) => {
        const path = propertyPath(error.property);
        const field = schemaOfPath(schema, path);
        const fieldUi = uiOfPath(ui, path);
        const own = authorMessage(field, fieldUi, error.name ?? '');
        const example = typeof fieldUi?.['ui:placeholder'] === 'string' ? (fieldUi['ui:placeholder'] as string) : undefined;
        const mustAccept = field?.type === 'boolean' && field.const === true;
        const limit = error.params?.limit;
        let message: string | undefined = own;
        if (!message) {
          switch (error.name) {
            case 'required':
              message = mustAccept ? t('application.errors.mustAccept') : isChoice(field) ? t('application.errors.choose') : t('application.errors.required');
              break;
            case 'format':
              message =
                error.params?.format === 'email'
                  ? t('application.errors.email')
                  : error.params?.format === 'date'
                    ? t('application.errors.date')
                    : t('application.errors.format');
              break;
            case 'pattern':
              message = example ? t('application.errors.patternExample', { example }) : t('application.errors.pattern');
              break;
            case 'minLength':
              message = limit === 1 ? t('application.errors.required') : t('application.errors.minLength', { count: limit });
              break;
            case 'maxLength':
              message = t('application.errors.maxLength', { count: limit });
              break;
            case 'minimum':
              message = t('application.errors.minimum', { limit });
              break;
            case 'maximum':
              message = t('application.errors.maximum', { limit });
              break;
            case 'minItems':
              message = t('application.errors.minItems', { count: limit });
              break;
            case 'maxItems':
              message = t('application.errors.maxItems', { count: limit });
              break;
            case 'type':
              message = error.params?.type === 'number' || error.params?.type === 'integer' ? t('application.errors.number') : t('application.errors.type');
              break;
            case 'enum':
            case 'const':
              message = mustAccept ? t('application.errors.mustAccept') : t('application.errors.enum');
              break;
            default:
              message = error.message ? capitalise(error.message) : t('application.errors.format');
          }
        }
        return { ...error, message, stack: message };
      });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
