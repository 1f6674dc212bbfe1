import { describe, expect, it } from 'vitest';
import { partitaIva } from '../../../contracts/fiscal-code';
import { addDays, debtInput, firstProblem, isDebtorCode, newLine, problemKey, reasonProblem, requestInput, type DebtDraft } from './paymentForms';

const TODAY = '2027-03-10';
const PERSON = 'RSSMRA80A01H501U';
const COMPANY = partitaIva('0377215016');

const debt = (over: Partial<DebtDraft> = {}): DebtDraft => ({
  fiscalCode: ' rssmra80a01h501u ',
  name: ' Mario  Rossi ',
  description: 'TARI 2027 — rata 1 di 3',
  lines: [{ label: 'Tassa rifiuti, rata 1', amount: '98,40', kind: 'tributo' }],
  dueDate: '2027-04-30',
  ...over,
});

describe('a new debt position', () => {
  it('becomes the API input: fiscal code in capitals, texts trimmed, amounts in cents', () => {
    const { input, problems } = debtInput(debt({ lines: [{ label: 'Rata', amount: '98,40', kind: 'tributo' }, { label: 'Tributo provinciale', amount: '4,92', kind: 'tributo' }] }), 'tenant-1', TODAY);
    expect(problems).toEqual({});
    expect(input).toEqual({
      tenantId: 'tenant-1',
      debtorFiscalCode: PERSON,
      debtorName: 'Mario Rossi',
      description: 'TARI 2027 — rata 1 di 3',
      items: [
        { label: 'Rata', amountCents: 9840, kind: 'tributo' },
        { label: 'Tributo provinciale', amountCents: 492, kind: 'tributo' },
      ],
      dueDate: '2027-04-30',
    });
  });

  it('takes a company by its 11 digits and refuses codes whose check character is wrong', () => {
    expect(isDebtorCode(PERSON)).toBe(true);
    expect(isDebtorCode(COMPANY)).toBe(true);
    expect(isDebtorCode('RSSMRA80A01H501A')).toBe(false);
    expect(isDebtorCode(COMPANY.slice(0, 10) + String((Number(COMPANY[10]) + 1) % 10))).toBe(false);
    expect(isDebtorCode('12345')).toBe(false);
    expect(debtInput(debt({ fiscalCode: COMPANY }), 't', TODAY).input?.debtorFiscalCode).toBe(COMPANY);
    expect(debtInput(debt({ fiscalCode: 'RSSMRA80A01H501A' }), 't', TODAY).problems).toEqual({ debtorFiscalCode: 'fiscalCode' });
  });

  it('says what is missing or wrong, field by field, and sends nothing', () => {
    const { input, problems } = debtInput(
      { fiscalCode: '', name: '', description: 'x'.repeat(141), lines: [{ label: '', amount: '12,505', kind: 'tributo' }, { label: 'Bollo', amount: '0', kind: 'bollo' }], dueDate: '2027-03-09' },
      't',
      TODAY,
    );
    expect(input).toBeNull();
    expect(problems).toEqual({
      debtorFiscalCode: 'required',
      debtorName: 'required',
      description: 'tooLong',
      'items/0/label': 'required',
      'items/0/amountCents': 'amount',
      'items/1/amountCents': 'amountZero',
      dueDate: 'datePast',
    });
    expect(debtInput(debt({ dueDate: '2027-02-30' }), 't', TODAY).problems).toEqual({ dueDate: 'date' });
  });

  it('drops lines left empty but keeps their positions for the errors of the others', () => {
    const { input, problems } = debtInput(debt({ lines: [newLine(), { label: 'Rata', amount: 'dieci', kind: 'tributo' }] }), 't', TODAY);
    expect(input).toBeNull();
    expect(problems).toEqual({ 'items/1/amountCents': 'amount' });
    const ok = debtInput(debt({ lines: [{ label: 'Rata', amount: '10', kind: 'tributo' }, newLine()] }), 't', TODAY);
    expect(ok.input?.items).toEqual([{ label: 'Rata', amountCents: 1000, kind: 'tributo' }]);
  });

  it('refuses a total beyond what a position may hold', () => {
    const lines = [{ label: 'A', amount: '9.999.999,99', kind: 'tributo' as const }, { label: 'B', amount: '0,01', kind: 'tributo' as const }];
    expect(debtInput(debt({ lines }), 't', TODAY).problems).toEqual({ items: 'total' });
  });
});

describe('a payment asked on an application', () => {
  it('keeps the note only when there is one', () => {
    const draft = { description: 'Diritti di sopralluogo', lines: [{ label: 'Sopralluogo', amount: '25', kind: 'diritti' as const }], dueDate: addDays(TODAY, 30), note: '  ' };
    expect(requestInput(draft, TODAY)).toEqual({
      input: { description: 'Diritti di sopralluogo', items: [{ label: 'Sopralluogo', amountCents: 2500, kind: 'diritti' }], dueDate: '2027-04-09' },
      problems: {},
    });
    expect(requestInput({ ...draft, note: 'Pagare entro aprile' }, TODAY).input?.note).toBe('Pagare entro aprile');
    expect(requestInput({ ...draft, description: ' ', dueDate: '' }, TODAY).problems).toEqual({ description: 'required', dueDate: 'required' });
  });

  it('counts 30 days on the calendar across months and years', () => {
    expect(addDays('2027-01-31', 30)).toBe('2027-03-02');
    expect(addDays('2027-12-15', 30)).toBe('2028-01-14');
  });
});

describe('the reason of a cancellation or a refund', () => {
  it('must say something of 5 to 500 characters', () => {
    expect(reasonProblem('')).toBe('required');
    expect(reasonProblem('   ')).toBe('required');
    expect(reasonProblem('err ')).toBe('reasonShort');
    expect(reasonProblem('Errore di importo')).toBeNull();
    expect(reasonProblem('x'.repeat(500))).toBeNull();
    expect(reasonProblem('x'.repeat(501))).toBe('reasonLong');
  });
});

describe("the server's error paths", () => {
  it('name the same fields as the checks done here', () => {
    expect(problemKey('/items/1/amountCents')).toBe('items/1/amountCents');
    expect(problemKey('items.1.amountCents')).toBe('items/1/amountCents');
    expect(problemKey('items[1].label')).toBe('items/1/label');
    expect(problemKey('body.debtorName')).toBe('debtorName');
    expect(problemKey('')).toBeNull();
    expect(problemKey(undefined)).toBeNull();
  });

  it('put the focus on the first field in the order of the form', () => {
    const order = ['debtorFiscalCode', 'debtorName', 'description', 'items', 'dueDate'];
    expect(firstProblem({ dueDate: 'required', 'items/1/label': 'required', 'items/0/amountCents': 'amount' }, order)).toBe('items/0/amountCents');
    expect(firstProblem({ dueDate: 'required', debtorName: 'required' }, order)).toBe('debtorName');
    expect(firstProblem({}, order)).toBeNull();
  });
});
