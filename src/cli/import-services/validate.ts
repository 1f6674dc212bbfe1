/** Pass 1b: every row checked before anything is written (schema, duplicates, body, the catalogue's card checks). */
import { Value } from 'typebox/value';
import type { ServiceCard, ServiceInput } from '../../contracts/catalog.ts';
import { NewServiceSchema } from '../../server/modules/catalog/catalog.schemas.ts';
import { Problem } from '../../server/platform/errors.ts';
import type { CliContext } from '../context.ts';
import { FIELD_COLUMN, type Column } from './columns.ts';
import { convertRow } from './convert-row.ts';
import { sortProblems, type RowProblem } from './problems.ts';
import type { ParsedRow } from './read-file.ts';

/** TypeBox errors of the service schema, said per column. */
export function schemaProblems(line: number, input: ServiceInput): RowProblem[] {
  if (Value.Check(NewServiceSchema, input)) return [];
  const out: RowProblem[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(NewServiceSchema, input)) {
    // Unions report one error per alternative and then their own; their members' errors add nothing.
    if (e.keyword === 'const' || e.keyword === 'boolean' || /\/anyOf\/\d+$/.test(e.schemaPath)) continue;
    const parts = e.instancePath.split('/').filter(Boolean);
    const field = parts[0] === 'access' ? parts.slice(0, 2).join('.') : parts[0];
    const column = FIELD_COLUMN[field];
    const index = parts.find((p, i) => i > 0 && /^\d+$/.test(p));
    const item = index !== undefined && parts[0] !== 'access' ? `voce ${Number(index) + 1}: ` : '';
    const key = `${column}|${item}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ line, column, message: item + describeSchemaError(e) });
  }
  return out;
}

function describeSchemaError(e: { keyword: string; params: object; message: string }): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'minLength':
      return `troppo corto: almeno ${p.limit} caratteri (at least ${p.limit} characters)`;
    case 'maxLength':
      return `troppo lungo: al massimo ${p.limit} caratteri (at most ${p.limit} characters)`;
    case 'minItems':
      return `indica almeno ${p.limit} ${p.limit === 1 ? 'valore' : 'valori'} (at least ${p.limit} items)`;
    case 'maxItems':
      return `troppe voci: al massimo ${p.limit} (at most ${p.limit} items)`;
    case 'minimum':
    case 'maximum':
      return `valore fuori intervallo: deve essere ${e.keyword === 'minimum' ? 'almeno' : 'al massimo'} ${p.limit} (${e.keyword} ${p.limit})`;
    case 'pattern':
      return `formato non valido: usa solo lettere minuscole, numeri, trattini o trattini bassi (invalid format)`;
    case 'format':
      return `formato non valido, atteso ${p.format} (invalid ${p.format})`;
    case 'anyOf':
    case 'enum':
      return 'valore non ammesso (value not allowed)';
    default:
      return `valore non valido: ${e.message} (invalid value)`;
  }
}

/** What validation needs from the database: the bodies and the catalogue's own card checks. */
export interface CatalogLookup {
  /** id of the body with this slug (or id), null if there is none */
  tenantId(slugOrId: string): Promise<string | null>;
  /** throws a Problem whose errors name the card fields that are wrong */
  validateCard(tenantId: string, card: ServiceCard): Promise<unknown>;
}

export function catalogLookup(ctx: Pick<CliContext, 'services'>): CatalogLookup {
  const tenants = new Map<string, Promise<string | null>>();
  return {
    tenantId: (slug) => {
      let p = tenants.get(slug);
      if (!p) {
        p = ctx.services.tenants.get(slug).then(
          (t) => t.id,
          (err) => {
            if (err instanceof Problem && err.status === 404) return null;
            throw err;
          },
        );
        tenants.set(slug, p);
      }
      return p;
    },
    validateCard: (tenantId, card) => ctx.services.catalog.validateCard(tenantId, card),
  };
}

export interface ValidRow {
  line: number;
  textLine?: number;
  tenant: string;
  /** resolved when a lookup was given */
  tenantId?: string;
  input: ServiceInput;
}

export interface ValidationResult {
  valid: ValidRow[];
  /** every problem of every rejected row, by line */
  problems: RowProblem[];
  /** lines of the rejected rows */
  rejectedLines: number[];
}

/** Problem.errors (card paths) → problems per column. */
export function cardProblems(line: number, err: Problem): RowProblem[] {
  if (!err.errors?.length) return [{ line, message: err.detail }];
  return err.errors.map((e) => {
    const parts = e.path.split('.');
    const field = parts[0] === 'access' ? parts.slice(0, 2).join('.') : parts[0];
    return { line, column: FIELD_COLUMN[field], message: e.message };
  });
}

/**
 * Checks every row: conversions and required values, the ServiceCard schema, duplicates of (ente, slug) within
 * the file (reported on the later line) and, with a lookup, that the body exists and the catalogue accepts the
 * card (vocabulary codes, office). Without a lookup it needs no database.
 */
export async function validateRows(
  rows: ParsedRow[],
  opts: { tenant?: string; lookup?: CatalogLookup; onRow?: () => void } = {},
): Promise<ValidationResult> {
  const valid: ValidRow[] = [];
  const problems: RowProblem[] = [];
  const rejectedLines: number[] = [];
  const firstLine = new Map<string, number>();

  for (const row of rows) {
    const c = convertRow(row, { tenant: opts.tenant });
    const mine: RowProblem[] = [...c.problems];
    const has = (column?: Column) => mine.some((p) => p.column === column);
    const add = (list: RowProblem[]) => {
      // one message per column: the first stage that found something wrong speaks for it
      const already = new Set(mine.map((p) => p.column));
      mine.push(...list.filter((p) => !p.column || !already.has(p.column)));
    };

    if (c.input.slug && c.tenant) {
      const key = `${c.tenant}\u0000${c.input.slug}`;
      const first = firstLine.get(key);
      if (first !== undefined) {
        add([{ line: row.line, column: 'slug', message: `lo slug "${c.input.slug}" è già usato alla riga ${first} per lo stesso ente (duplicate service in the file)` }]);
      } else firstLine.set(key, row.line);
    }

    const schema = schemaProblems(row.line, c.input);

    let tenantId: string | undefined;
    if (opts.lookup && c.tenant && !has('ente')) {
      const id = await opts.lookup.tenantId(c.tenant);
      if (!id) add([{ line: row.line, column: 'ente', message: `l'ente "${c.tenant}" non esiste: controlla lo slug (unknown body)` }]);
      else {
        tenantId = id;
        const { slug: _slug, ...card } = c.input;
        try {
          await opts.lookup.validateCard(id, card);
        } catch (err) {
          if (!(err instanceof Problem)) throw err;
          add(cardProblems(row.line, err));
        }
      }
    }
    // The catalogue's messages (e.g. "unknown category") say more than the schema's pattern errors.
    add(schema);

    if (mine.length) {
      problems.push(...(row.textLine ? mine.map((p) => ({ ...p, textLine: row.textLine })) : mine));
      rejectedLines.push(row.line);
    } else {
      valid.push({ line: row.line, ...(row.textLine ? { textLine: row.textLine } : {}), tenant: c.tenant, tenantId, input: c.input });
    }
    opts.onRow?.();
  }
  return { valid, problems: sortProblems(problems), rejectedLines };
}
