/**
 * The part of AJV that @rjsf's validator uses (compile, getSchema, addSchema, removeSchema, formats), without
 * generating code. AJV compiles every schema into a JavaScript function with `new Function`, which the portal's
 * Content-Security-Policy (script-src 'self', no 'unsafe-eval') rightly forbids; this class walks the schema
 * instead and reports errors exactly as AJV 8 does (same keywords, instance paths, schema paths and params), so
 * that @rjsf's AJV 8 validator, ajv-i18n's messages and ajv-formats' formats work on top of it unchanged.
 *
 * It covers the JSON Schema (draft-07, with the 2019-09 dependentRequired/dependentSchemas) that online forms use.
 * The server validates with AJV itself and stays the authority; validation.test.ts compares the two on the forms.
 */
import type { ErrorObject } from 'ajv';

type Schema = Record<string, unknown> | boolean;
type Format = RegExp | ((value: string) => boolean) | { validate: RegExp | ((value: string) => boolean); async?: boolean };

export interface EvalFreeValidateFunction {
  (data: unknown): boolean;
  errors: ErrorObject[] | null;
  schema: Schema;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equal(v, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]));
  }
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}

/** Length in Unicode code points, as AJV counts it (ucs2length). */
const ucs2length = (s: string) => {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
};

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObj(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

interface Ctx {
  root: Schema;
  errors: ErrorObject[];
  /** base URI → schema, for $refs between registered schemas */
  resolve: (ref: string, root: Schema) => { schema: Schema; root: Schema } | undefined;
}

export default class EvalFreeAjv {
  readonly opts: Record<string, unknown> & { code: Record<string, unknown> };
  private readonly formats = new Map<string, Format>();
  private readonly schemas = new Map<string, EvalFreeValidateFunction>();
  private readonly multipleOfPrecision: number | undefined;

  constructor(opts: Record<string, unknown> = {}) {
    this.opts = { ...opts, code: { ...((opts.code as Record<string, unknown>) ?? {}) } };
    this.multipleOfPrecision = typeof opts.multipleOfPrecision === 'number' ? opts.multipleOfPrecision : undefined;
  }

  addFormat(name: string, format: Format | string) {
    this.formats.set(name, typeof format === 'string' ? new RegExp(format, 'u') : format);
    return this;
  }

  /** Custom keywords are not evaluated (ajv-formats' formatMinimum & co., rjsf's markers). */
  addKeyword(_definition: unknown) {
    return this;
  }

  addMetaSchema(_schema: unknown) {
    return this;
  }

  addSchema(schema: Schema | Schema[], key?: string) {
    for (const s of Array.isArray(schema) ? schema : [schema]) {
      const id = key ?? (isObj(s) && typeof s.$id === 'string' ? s.$id : undefined);
      if (id === undefined) continue;
      if (this.schemas.has(id)) throw new Error(`schema with key or id "${id}" already exists`);
      this.schemas.set(id, this.compile(s));
    }
    return this;
  }

  getSchema(key: string): EvalFreeValidateFunction | undefined {
    const [base, fragment] = key.split('#');
    const found = this.schemas.get(base ?? '');
    if (!found || !fragment) return found;
    const target = this.pointer(found.schema, fragment);
    return target === undefined ? undefined : this.compile(target, found.schema);
  }

  removeSchema(key?: string | Schema) {
    if (key === undefined) this.schemas.clear();
    else if (typeof key === 'string') this.schemas.delete(key);
    else for (const [id, fn] of this.schemas) if (fn.schema === key) this.schemas.delete(id);
    return this;
  }

  compile(schema: Schema, root: Schema = schema): EvalFreeValidateFunction {
    const fn = ((data: unknown) => {
      const ctx: Ctx = { root, errors: [], resolve: (ref, currentRoot) => this.resolveRef(ref, currentRoot) };
      this.validate(schema, data, '', '#', ctx, undefined, undefined, data);
      fn.errors = ctx.errors.length ? ctx.errors : null;
      return ctx.errors.length === 0;
    }) as EvalFreeValidateFunction;
    fn.errors = null;
    fn.schema = schema;
    if (isObj(schema) && typeof schema.$id === 'string' && !this.schemas.has(schema.$id)) this.schemas.set(schema.$id, fn);
    return fn;
  }

  private pointer(schema: Schema, fragment: string): Schema | undefined {
    let node: unknown = schema;
    for (const raw of fragment.split('/').slice(1)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(node)) node = node[Number(key)];
      else if (isObj(node)) node = node[key];
      else return undefined;
    }
    return typeof node === 'boolean' || isObj(node) ? node : undefined;
  }

  private resolveRef(ref: string, currentRoot: Schema): { schema: Schema; root: Schema } | undefined {
    const hash = ref.indexOf('#');
    const base = hash >= 0 ? ref.slice(0, hash) : ref;
    const fragment = hash >= 0 ? ref.slice(hash + 1) : '';
    const root = base ? this.schemas.get(base)?.schema : currentRoot;
    if (root === undefined) return undefined;
    const schema = fragment ? this.pointer(root, fragment) : root;
    return schema === undefined ? undefined : { schema, root };
  }

  private error(ctx: Ctx, keyword: string, instancePath: string, schemaPath: string, params: Record<string, unknown>, parentSchema: unknown, data: unknown, message: string, schema?: unknown) {
    ctx.errors.push({ instancePath, schemaPath, keyword, params, message, schema, parentSchema: parentSchema as never, data } as ErrorObject);
  }

  private checkFormat(name: string, value: string): boolean {
    const format = this.formats.get(name);
    if (!format) return true; // unknown formats are ignored (strict: false)
    const check = format instanceof RegExp || typeof format === 'function' ? format : format.validate;
    return check instanceof RegExp ? check.test(value) : check(value);
  }

  /** Validates `data` against `schema`, pushing AJV-shaped errors; returns whether it passed. */
  private validate(schema: Schema, data: unknown, path: string, sp: string, ctx: Ctx, parent: unknown, property: string | number | undefined, rootData: unknown): boolean {
    const before = ctx.errors.length;
    if (schema === true) return true;
    if (schema === false) {
      this.error(ctx, 'false schema', path, sp, {}, schema, data, 'boolean schema is false', false);
      return false;
    }
    const s = schema;

    if (typeof s.$ref === 'string') {
      const target = ctx.resolve(s.$ref, ctx.root);
      if (!target) throw new Error(`can't resolve reference ${s.$ref}`);
      const saved = ctx.root;
      ctx.root = target.root;
      // AJV reports the places inside a referenced schema from the reference itself ("#/definitions/x/pattern")
      this.validate(target.schema, data, path, s.$ref, ctx, parent, property, rootData);
      ctx.root = saved;
      // draft-07: $ref ignores its siblings
      return ctx.errors.length === before;
    }

    // type; the keywords of each type below apply only to data of that type, as in AJV
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => matchesType(data, t))) {
        this.error(ctx, 'type', path, `${sp}/type`, { type: types.join(',') }, s, data, `must be ${types.join(',')}`, s.type);
      }
    }

    if (Array.isArray(s.enum) && !s.enum.some((v) => equal(v, data))) {
      this.error(ctx, 'enum', path, `${sp}/enum`, { allowedValues: s.enum }, s, data, 'must be equal to one of the allowed values', s.enum);
    }
    if (s.const !== undefined && !equal(s.const, data)) {
      this.error(ctx, 'const', path, `${sp}/const`, { allowedValue: s.const }, s, data, 'must be equal to constant', s.const);
    }

    if (typeof data === 'number') this.numberKeywords(s, data, path, sp, ctx);
    if (typeof data === 'string') this.stringKeywords(s, data, path, sp, ctx);
    if (Array.isArray(data)) this.arrayKeywords(s, data, path, sp, ctx, rootData);
    if (isObj(data)) this.objectKeywords(s, data, path, sp, ctx, rootData);

    this.combinators(s, data, path, sp, ctx, parent, property, rootData);
    return ctx.errors.length === before;
  }

  private numberKeywords(s: Record<string, unknown>, n: number, path: string, sp: string, ctx: Ctx) {
    const limit = (keyword: string, comparison: string, ok: boolean) => {
      if (!ok) this.error(ctx, keyword, path, `${sp}/${keyword}`, { comparison, limit: s[keyword] }, s, n, `must be ${comparison} ${s[keyword]}`, s[keyword]);
    };
    if (typeof s.maximum === 'number') limit('maximum', '<=', n <= s.maximum);
    if (typeof s.minimum === 'number') limit('minimum', '>=', n >= s.minimum);
    if (typeof s.exclusiveMaximum === 'number') limit('exclusiveMaximum', '<', n < s.exclusiveMaximum);
    if (typeof s.exclusiveMinimum === 'number') limit('exclusiveMinimum', '>', n > s.exclusiveMinimum);
    if (typeof s.multipleOf === 'number') {
      const division = n / s.multipleOf;
      const ok = this.multipleOfPrecision
        ? Math.abs(Math.round(division) - division) < 10 ** -this.multipleOfPrecision
        : Number.isInteger(division);
      if (!ok) this.error(ctx, 'multipleOf', path, `${sp}/multipleOf`, { multipleOf: s.multipleOf }, s, n, `must be multiple of ${s.multipleOf}`, s.multipleOf);
    }
  }

  private stringKeywords(s: Record<string, unknown>, str: string, path: string, sp: string, ctx: Ctx) {
    if (typeof s.maxLength === 'number' && ucs2length(str) > s.maxLength) {
      this.error(ctx, 'maxLength', path, `${sp}/maxLength`, { limit: s.maxLength }, s, str, `must NOT have more than ${s.maxLength} characters`, s.maxLength);
    }
    if (typeof s.minLength === 'number' && ucs2length(str) < s.minLength) {
      this.error(ctx, 'minLength', path, `${sp}/minLength`, { limit: s.minLength }, s, str, `must NOT have fewer than ${s.minLength} characters`, s.minLength);
    }
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(str)) {
      this.error(ctx, 'pattern', path, `${sp}/pattern`, { pattern: s.pattern }, s, str, `must match pattern "${s.pattern}"`, s.pattern);
    }
    if (typeof s.format === 'string' && !this.checkFormat(s.format, str)) {
      this.error(ctx, 'format', path, `${sp}/format`, { format: s.format }, s, str, `must match format "${s.format}"`, s.format);
    }
  }

  private arrayKeywords(s: Record<string, unknown>, arr: unknown[], path: string, sp: string, ctx: Ctx, rootData: unknown) {
    if (typeof s.maxItems === 'number' && arr.length > s.maxItems) {
      this.error(ctx, 'maxItems', path, `${sp}/maxItems`, { limit: s.maxItems }, s, arr, `must NOT have more than ${s.maxItems} items`, s.maxItems);
    }
    if (typeof s.minItems === 'number' && arr.length < s.minItems) {
      this.error(ctx, 'minItems', path, `${sp}/minItems`, { limit: s.minItems }, s, arr, `must NOT have fewer than ${s.minItems} items`, s.minItems);
    }
    if (Array.isArray(s.items)) {
      const tuple = s.items as Schema[];
      tuple.forEach((item, i) => {
        if (i < arr.length) this.validate(item, arr[i], `${path}/${i}`, `${sp}/items/${i}`, ctx, arr, i, rootData);
      });
      if (s.additionalItems !== undefined && arr.length > tuple.length) {
        if (s.additionalItems === false) {
          this.error(ctx, 'additionalItems', path, `${sp}/additionalItems`, { limit: tuple.length }, s, arr, `must NOT have more than ${tuple.length} items`, false);
        } else {
          for (let i = tuple.length; i < arr.length; i++) this.validate(s.additionalItems as Schema, arr[i], `${path}/${i}`, `${sp}/additionalItems`, ctx, arr, i, rootData);
        }
      }
    } else if (s.items !== undefined) {
      arr.forEach((item, i) => this.validate(s.items as Schema, item, `${path}/${i}`, `${sp}/items`, ctx, arr, i, rootData));
    }
    if (s.contains !== undefined) {
      const probe: Ctx = { ...ctx, errors: [] };
      const found = arr.some((item, i) => this.validate(s.contains as Schema, item, `${path}/${i}`, `${sp}/contains`, probe, arr, i, rootData));
      if (!found) this.error(ctx, 'contains', path, `${sp}/contains`, { minContains: 1 }, s, arr, 'must contain at least 1 valid item(s)', s.contains);
    }
    if (s.uniqueItems === true) {
      const itemTypes = isObj(s.items) ? (Array.isArray(s.items.type) ? (s.items.type as string[]) : typeof s.items.type === 'string' ? [s.items.type] : []) : [];
      const scalar = itemTypes.length > 0 && itemTypes.every((t) => ['string', 'number', 'integer', 'boolean', 'null'].includes(t));
      if (scalar) {
        // AJV's way for items of scalar types: from the end, the first value seen twice
        const indices = new Map<string, number>();
        for (let i = arr.length - 1; i >= 0; i--) {
          const item = arr[i];
          if (!itemTypes.some((t) => matchesType(item, t))) continue;
          const k = itemTypes.length > 1 && typeof item === 'string' ? `${item}_` : String(item);
          const j = indices.get(k);
          if (j !== undefined) {
            this.error(ctx, 'uniqueItems', path, `${sp}/uniqueItems`, { i, j }, s, arr, `must NOT have duplicate items (items ## ${j} and ${i} are identical)`, true);
            break;
          }
          indices.set(k, i);
        }
      } else outer: for (let i = arr.length - 1; i > 0; i--) {
        for (let j = i - 1; j >= 0; j--) {
          if (equal(arr[i], arr[j])) {
            this.error(ctx, 'uniqueItems', path, `${sp}/uniqueItems`, { i, j }, s, arr, `must NOT have duplicate items (items ## ${j} and ${i} are identical)`, true);
            break outer;
          }
        }
      }
    }
  }

  private objectKeywords(s: Record<string, unknown>, obj: Record<string, unknown>, path: string, sp: string, ctx: Ctx, rootData: unknown) {
    const keys = Object.keys(obj);
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) {
      this.error(ctx, 'maxProperties', path, `${sp}/maxProperties`, { limit: s.maxProperties }, s, obj, `must NOT have more than ${s.maxProperties} properties`, s.maxProperties);
    }
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties) {
      this.error(ctx, 'minProperties', path, `${sp}/minProperties`, { limit: s.minProperties }, s, obj, `must NOT have fewer than ${s.minProperties} properties`, s.minProperties);
    }
    if (Array.isArray(s.required)) {
      for (const name of s.required as string[]) {
        if (obj[name] === undefined) {
          this.error(ctx, 'required', path, `${sp}/required`, { missingProperty: name }, s, obj, `must have required property '${name}'`, s.required);
        }
      }
    }
    const deps = { ...(isObj(s.dependencies) ? s.dependencies : {}), ...(isObj(s.dependentRequired) ? s.dependentRequired : {}) };
    for (const [prop, dep] of Object.entries(deps)) {
      if (obj[prop] === undefined || !Array.isArray(dep)) continue;
      const missing = (dep as string[]).filter((d) => obj[d] === undefined);
      for (const m of missing) {
        const keyword = isObj(s.dependencies) && prop in s.dependencies ? 'dependencies' : 'dependentRequired';
        this.error(ctx, keyword, path, `${sp}/${keyword}`, { property: prop, missingProperty: m, depsCount: dep.length, deps: (dep as string[]).join(', ') }, s, obj,
          `must have property${dep.length === 1 ? '' : 'ies'} ${(dep as string[]).join(', ')} when property ${prop} is present`, s[keyword]);
      }
    }
    const schemaDeps = { ...(isObj(s.dependencies) ? s.dependencies : {}), ...(isObj(s.dependentSchemas) ? s.dependentSchemas : {}) };
    for (const [prop, dep] of Object.entries(schemaDeps)) {
      if (obj[prop] === undefined || Array.isArray(dep)) continue;
      const keyword = isObj(s.dependencies) && prop in s.dependencies ? 'dependencies' : 'dependentSchemas';
      this.validate(dep as Schema, obj, path, `${sp}/${keyword}/${escapePointer(prop)}`, ctx, undefined, undefined, rootData);
    }
    if (s.propertyNames !== undefined) {
      for (const key of keys) {
        const probe: Ctx = { ...ctx, errors: [] };
        if (!this.validate(s.propertyNames as Schema, key, path, `${sp}/propertyNames`, probe, obj, key, rootData)) {
          for (const e of probe.errors) ctx.errors.push({ ...e, propertyName: key } as ErrorObject);
          this.error(ctx, 'propertyNames', path, `${sp}/propertyNames`, { propertyName: key }, s, obj, 'property name must be valid', s.propertyNames);
        }
      }
    }
    const properties = isObj(s.properties) ? (s.properties as Record<string, Schema>) : {};
    for (const [name, sub] of Object.entries(properties)) {
      if (obj[name] !== undefined) this.validate(sub, obj[name], `${path}/${escapePointer(name)}`, `${sp}/properties/${escapePointer(name)}`, ctx, obj, name, rootData);
    }
    const patterns = isObj(s.patternProperties) ? Object.entries(s.patternProperties as Record<string, Schema>).map(([p, sub]) => [new RegExp(p, 'u'), sub, p] as const) : [];
    for (const key of keys) {
      for (const [re, sub, p] of patterns) {
        if (re.test(key)) this.validate(sub, obj[key], `${path}/${escapePointer(key)}`, `${sp}/patternProperties/${escapePointer(p)}`, ctx, obj, key, rootData);
      }
    }
    if (s.additionalProperties !== undefined && s.additionalProperties !== true) {
      for (const key of keys) {
        if (key in properties || patterns.some(([re]) => re.test(key))) continue;
        if (s.additionalProperties === false) {
          this.error(ctx, 'additionalProperties', path, `${sp}/additionalProperties`, { additionalProperty: key }, s, obj, 'must NOT have additional properties', false);
        } else {
          this.validate(s.additionalProperties as Schema, obj[key], `${path}/${escapePointer(key)}`, `${sp}/additionalProperties`, ctx, obj, key, rootData);
        }
      }
    }
  }

  private combinators(s: Record<string, unknown>, data: unknown, path: string, sp: string, ctx: Ctx, parent: unknown, property: string | number | undefined, rootData: unknown) {
    if (Array.isArray(s.allOf)) {
      (s.allOf as Schema[]).forEach((sub, i) => this.validate(sub, data, path, `${sp}/allOf/${i}`, ctx, parent, property, rootData));
    }
    if (Array.isArray(s.anyOf)) {
      const start = ctx.errors.length;
      const ok = (s.anyOf as Schema[]).map((sub, i) => this.validate(sub, data, path, `${sp}/anyOf/${i}`, ctx, parent, property, rootData)).some(Boolean);
      if (ok) ctx.errors.length = start;
      else this.error(ctx, 'anyOf', path, `${sp}/anyOf`, {}, s, data, 'must match a schema in anyOf', s.anyOf);
    }
    if (Array.isArray(s.oneOf)) {
      const start = ctx.errors.length;
      const passing: number[] = [];
      (s.oneOf as Schema[]).forEach((sub, i) => {
        if (this.validate(sub, data, path, `${sp}/oneOf/${i}`, ctx, parent, property, rootData)) passing.push(i);
      });
      if (passing.length === 1) ctx.errors.length = start;
      else {
        this.error(ctx, 'oneOf', path, `${sp}/oneOf`, { passingSchemas: passing.length > 1 ? passing.slice(0, 2) : null }, s, data, 'must match exactly one schema in oneOf', s.oneOf);
      }
    }
    if (s.not !== undefined) {
      const probe: Ctx = { ...ctx, errors: [] };
      if (this.validate(s.not as Schema, data, path, `${sp}/not`, probe, parent, property, rootData)) {
        this.error(ctx, 'not', path, `${sp}/not`, {}, s, data, 'must NOT be valid', s.not);
      }
    }
    if (s.if !== undefined && (s.then !== undefined || s.else !== undefined)) {
      const probe: Ctx = { ...ctx, errors: [] };
      const passed = this.validate(s.if as Schema, data, path, `${sp}/if`, probe, parent, property, rootData);
      const branch = passed ? 'then' : 'else';
      if (s[branch] !== undefined && !this.validate(s[branch] as Schema, data, path, `${sp}/${branch}`, ctx, parent, property, rootData)) {
        this.error(ctx, 'if', path, `${sp}/if`, { failingKeyword: branch }, s, data, `must match "${branch}" schema`, s.if);
      }
    }
  }
}

