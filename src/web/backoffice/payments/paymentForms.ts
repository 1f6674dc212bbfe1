/**
 * What the operator types in the payment forms — a new debt position ("Nuova posizione debitoria"), a payment
 * asked on an application ("Richiedi pagamento"), the reason of a cancellation or refund — checked here the way
 * the server checks it, and turned into the API's inputs (contracts/payments.ts). Problems are keyed like the
 * server's paths ("debtorFiscalCode", "items/1/amountCents") so that both land on the same field; their text is the
 * page's, from a code (`required`, `fiscalCode`…), so the same check reads in Italian and in English.
 */
import { isValidFiscalCode, isValidPartitaIva } from '../../../contracts/fiscal-code';
import { PAYMENT_ITEM_KINDS, type DebtPositionInput, type PaymentItem, type PaymentItemKind, type PaymentRequestInput } from '../../../contracts/payments';
import { parseEuroCents } from './money';

export const DESCRIPTION_MAX = 140;
export const NAME_MAX = 200;
export const LINE_LABEL_MAX = 140;
export const NOTE_MAX = 1000;
export const MAX_LINES = 10;
export const REASON_MIN = 5;
export const REASON_MAX = 500;
/** 9.999.999,99 € (the database's limit on a position's total) */
export const MAX_TOTAL_CENTS = 999_999_999;

export type ProblemCode =
  | 'required'
  | 'fiscalCode'
  | 'tooLong'
  | 'amount'
  | 'amountZero'
  | 'total'
  | 'lines'
  | 'date'
  | 'datePast'
  | 'reasonShort'
  | 'reasonLong';

export type Problems = Record<string, ProblemCode>;

export interface LineDraft {
  label: string;
  /** as typed: "12,50" */
  amount: string;
  kind: PaymentItemKind;
}

export const newLine = (kind: PaymentItemKind = 'tariffa'): LineDraft => ({ label: '', amount: '', kind });

export interface DebtDraft {
  fiscalCode: string;
  name: string;
  description: string;
  lines: LineDraft[];
  dueDate: string;
}

export interface RequestDraft {
  description: string;
  lines: LineDraft[];
  dueDate: string;
  note: string;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
export function isDay(value: string): boolean {
  const m = YMD.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** `day` plus `days` calendar days, YYYY-MM-DD (computed on the calendar, whatever the device's time zone). */
export function addDays(day: string, days: number): string {
  const m = YMD.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return date.toISOString().slice(0, 10);
}

/** The fiscal code as the server stores it: capitals, no spaces. */
export const normaliseFiscalCode = (text: string) => text.replace(/\s+/g, '').toUpperCase();

/** A person's 16-character code with its check character, or a company's 11 digits with theirs. */
export function isDebtorCode(code: string): boolean {
  return code.length === 16 ? isValidFiscalCode(code) : code.length === 11 ? isValidPartitaIva(code) : false;
}

const clean = (text: string) => text.trim().replace(/\s+/g, ' ');

function checkText(problems: Problems, key: string, text: string, max: number, required = true): string {
  const value = clean(text);
  if (!value && required) problems[key] = 'required';
  else if (value.length > max) problems[key] = 'tooLong';
  return value;
}

function checkDue(problems: Problems, value: string, today: string) {
  if (!value) problems.dueDate = 'required';
  else if (!isDay(value)) problems.dueDate = 'date';
  else if (value < today) problems.dueDate = 'datePast';
}

/** The lines as items; a line left completely empty is dropped unless it is the only one. */
export function linesToItems(lines: LineDraft[], problems: Problems): { items: PaymentItem[]; totalCents: number } {
  const kept = lines.map((line, index) => ({ line, index })).filter(({ line }, _, all) => all.length === 1 || line.label.trim() || line.amount.trim());
  if (kept.length === 0) problems.items = 'lines';
  if (kept.length > MAX_LINES) problems.items = 'lines';
  const items: PaymentItem[] = [];
  let totalCents = 0;
  for (const { line, index } of kept) {
    const label = checkText(problems, `items/${index}/label`, line.label, LINE_LABEL_MAX);
    let cents: number | null = null;
    if (!line.amount.trim()) problems[`items/${index}/amountCents`] = 'required';
    else {
      cents = parseEuroCents(line.amount);
      if (cents === null) problems[`items/${index}/amountCents`] = 'amount';
      else if (cents === 0) problems[`items/${index}/amountCents`] = 'amountZero';
    }
    const kind = PAYMENT_ITEM_KINDS.includes(line.kind) ? line.kind : 'altro';
    items.push({ label, amountCents: cents ?? 0, kind });
    totalCents += cents ?? 0;
  }
  if (totalCents > MAX_TOTAL_CENTS) problems.items = 'total';
  return { items, totalCents };
}

/** POST /payments: a debt of its own for a person or a company. */
export function debtInput(draft: DebtDraft, tenantId: string, today: string): { input: DebtPositionInput | null; problems: Problems } {
  const problems: Problems = {};
  const fiscalCode = normaliseFiscalCode(draft.fiscalCode);
  if (!fiscalCode) problems.debtorFiscalCode = 'required';
  else if (!isDebtorCode(fiscalCode)) problems.debtorFiscalCode = 'fiscalCode';
  const debtorName = checkText(problems, 'debtorName', draft.name, NAME_MAX);
  const description = checkText(problems, 'description', draft.description, DESCRIPTION_MAX);
  const { items } = linesToItems(draft.lines, problems);
  checkDue(problems, draft.dueDate, today);
  if (Object.keys(problems).length) return { input: null, problems };
  return { input: { tenantId, debtorFiscalCode: fiscalCode, debtorName, description, items, dueDate: draft.dueDate }, problems };
}

/** POST /applications/{id}/payment-request: what the office asks while handling an application. */
export function requestInput(draft: RequestDraft, today: string): { input: PaymentRequestInput | null; problems: Problems } {
  const problems: Problems = {};
  const description = checkText(problems, 'description', draft.description, DESCRIPTION_MAX);
  const { items } = linesToItems(draft.lines, problems);
  checkDue(problems, draft.dueDate, today);
  const note = checkText(problems, 'note', draft.note, NOTE_MAX, false);
  if (Object.keys(problems).length) return { input: null, problems };
  return { input: { description, items, dueDate: draft.dueDate, ...(note ? { note } : {}) }, problems };
}

/** The reason of a cancellation or refund: 5 to 500 characters, what the payer will read. */
export function reasonProblem(text: string): ProblemCode | null {
  const value = text.trim();
  if (!value) return 'required';
  if (value.length < REASON_MIN) return 'reasonShort';
  if (value.length > REASON_MAX) return 'reasonLong';
  return null;
}

/**
 * A server's error path as the form's key: "/items/1/amountCents", "items.1.amountCents", "items[1].amountCents",
 * "body.debtorName" → "items/1/amountCents", "debtorName". Null when it names no field.
 */
export function problemKey(path: string | undefined): string | null {
  const p = (path ?? '')
    .trim()
    .replace(/^#/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\./g, '/')
    .replace(/^\/+/, '')
    .replace(/^body(\/|$)/, '');
  return p || null;
}

/** The key of the first problem in the order of the form's fields, to put the focus there. */
export function firstProblem(problems: Problems, order: readonly string[]): string | null {
  const keys = Object.keys(problems);
  const rank = (key: string) => {
    const i = order.findIndex((o) => key === o || key.startsWith(`${o}/`));
    return i === -1 ? order.length : i;
  };
  const itemRank = (key: string) => {
    const m = /^items\/(\d+)\/(label|amountCents|kind)$/.exec(key);
    return m ? Number(m[1]) * 3 + ['label', 'amountCents', 'kind'].indexOf(m[2]!) : -1;
  };
  return keys.sort((a, b) => rank(a) - rank(b) || itemRank(a) - itemRank(b))[0] ?? null;
}
