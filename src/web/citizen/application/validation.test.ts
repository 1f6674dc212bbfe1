/**
 * The browser checks an online form with EvalFreeAjv (AJV's interface, no code generation: the portal's CSP has no
 * 'unsafe-eval'); the server checks it with AJV. They must agree: on every demo form, for its valid sample and for
 * many broken variants of it, both report the same errors (place, keyword, parameters).
 */
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { ServiceForm } from '../../../contracts/forms.ts';
import { DEMO_SERVICES } from '../../../server/db/seed/demo/services.ts';
import { DEMO_FORM_SAMPLES } from '../../../server/db/seed/demo/forms/samples.ts';
import EvalFreeAjv from './evalFreeAjv.ts';

function serverAjv() {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
  addFormats(ajv);
  return ajv;
}

function browserAjv() {
  const ajv = new EvalFreeAjv({ allErrors: true, strict: false });
  addFormats(ajv as never);
  return ajv;
}

const key = (e: ErrorObject) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)} ${e.schemaPath}`;
const keys = (errors: ErrorObject[] | null | undefined) => (errors ?? []).map(key).sort();

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Broken copies of valid answers: each leaf emptied, given the wrong type, a bad value; each key removed; junk added. */
function* variants(data: unknown): Generator<unknown> {
  const walk = function* (node: unknown, set: (v: unknown) => void, remove: (() => void) | null): Generator<void> {
    if (node && typeof node === 'object') {
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) yield* walk(node[i], (v) => (node[i] = v), () => node.splice(i, 1));
        node.push(node[0] ?? 'x');
        yield;
        node.pop();
      } else {
        const obj = node as Record<string, unknown>;
        for (const k of Object.keys(obj)) {
          const saved = obj[k];
          yield* walk(saved, (v) => (obj[k] = v), () => delete obj[k]);
          obj[k] = saved;
        }
        obj.campoInatteso = 'x';
        yield;
        delete obj.campoInatteso;
      }
    }
    if (remove) {
      remove();
      yield;
    }
    for (const bad of ['', 'x', 'ZZ!!', 12, -1, 1.5, true, null, [], {}, '2026-02-30', 'not-an-email@', 'a'.repeat(300)]) {
      set(bad);
      yield;
    }
    set(node);
  };
  const root = clone(data);
  const gen = walk(root, () => undefined, null);
  for (const _ of gen) yield clone(root);
}

const forms: { name: string; form: ServiceForm }[] = DEMO_SERVICES.flatMap((t) =>
  t.services.filter((s) => s.form).map((s) => ({ name: `${t.tenantSlug}/${s.slug}`, form: s.form! })),
);

describe('the browser validates online forms exactly as the server does', () => {
  it('has demo forms to compare', () => {
    expect(forms.length).toBeGreaterThan(3);
  });

  for (const { name, form } of forms) {
    it(`${name}: same errors for the sample answers and their broken variants, whole and step by step`, () => {
      const server = serverAjv().compile(form.schema);
      const browser = browserAjv().compile(form.schema);
      const sample = DEMO_FORM_SAMPLES.find((s) => name === `${s.tenantSlug}/${s.serviceSlug}`);
      const base = sample?.answers ?? {};
      let compared = 0;
      for (const data of [base, {}, ...variants(base)]) {
        server(data);
        browser(data);
        expect(keys(browser.errors), JSON.stringify(data)).toEqual(keys(server.errors));
        compared++;
      }
      // each step on its own, as the page checks it
      for (const step of form.steps) {
        const stepSchema = (form.schema.properties as Record<string, Record<string, unknown>>)[step.id]!;
        const s = serverAjv().compile(stepSchema);
        const b = browserAjv().compile(stepSchema);
        for (const data of [(base as Record<string, unknown>)[step.id] ?? {}, {}, ...variants((base as Record<string, unknown>)[step.id] ?? {})]) {
          s(data);
          b(data);
          expect(keys(b.errors), `${step.id}: ${JSON.stringify(data)}`).toEqual(keys(s.errors));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(50);
      if (sample) {
        expect(browser(sample.answers)).toBe(true);
      }
    });
  }

  it('resolves $ref, dependencies, oneOf and uniqueItems like AJV', () => {
    const schema = {
      definitions: { cf: { type: 'string', pattern: '^[A-Z]{6}$' } },
      type: 'object',
      properties: {
        a: { $ref: '#/definitions/cf' },
        b: { type: 'array', items: { type: 'integer', minimum: 1 }, uniqueItems: true, maxItems: 3 },
        c: { oneOf: [{ type: 'string' }, { type: 'string', minLength: 2 }] },
        d: { type: 'number', multipleOf: 0.01, exclusiveMaximum: 10 },
      },
      dependencies: { a: ['b'], b: { required: ['c'] } },
      additionalProperties: false,
    };
    const data = [{ a: 'abc', b: [1, 1, 0, 5], c: 'xy', d: 10 }, { a: 'ABCDEF' }, { b: [2], c: 3, e: 1 }, { d: 1.23 }];
    for (const d of data) {
      const s = serverAjv().compile(schema);
      const b = browserAjv().compile(schema);
      s(d);
      b(d);
      expect(keys(b.errors), JSON.stringify(d)).toEqual(keys(s.errors));
    }
  });
});
