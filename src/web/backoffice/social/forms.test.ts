import { describe, expect, it } from 'vitest';
import type { CaseDetail, Intervention } from '../../../contracts/social';
import {
  contactInput,
  contactProblems,
  emptyContact,
  emptyIntervention,
  fieldKey,
  householdDraftOf,
  householdPatch,
  householdProblems,
  interventionDraftOf,
  interventionInput,
  interventionPatch,
  interventionProblems,
  sinaDraftOf,
  sinaFromDraft,
  sinaProblems,
  sinbaDraftOf,
  sinbaFromDraft,
  sinbaProblems,
  typesForArea,
} from './forms';

const TODAY = '2026-03-10';

describe('a first contact', () => {
  const filled = () => ({
    ...emptyContact(TODAY),
    comuneId: 'c1',
    channel: 'in_person' as const,
    requesterKind: 'self' as const,
    targetArea: 'anziani' as const,
    sector: 'anziani' as const,
    need: 'care' as const,
    answer: 'case_opened' as const,
    privacyNoticeGiven: true,
    person: { ...emptyContact(TODAY).person, givenName: ' Maria ', familyName: 'Rota', fiscalCode: 'rtomra40a41h501x' },
  });

  it('asks for the privacy notice to be confirmed explicitly', () => {
    expect(contactProblems({ ...filled(), privacyNoticeGiven: false }, TODAY).privacyNoticeGiven).toMatch(/informativa/);
    expect(contactProblems(filled(), TODAY)).toEqual({});
  });

  it('needs the service a referral goes to, and a person to open a case', () => {
    expect(contactProblems({ ...filled(), answer: 'referral' }, TODAY).referralTo).toBeTruthy();
    expect(contactProblems({ ...filled(), personMode: 'none' }, TODAY).personId).toBeTruthy();
    expect(contactProblems({ ...filled(), personMode: 'known', personId: null }, TODAY).personId).toBeTruthy();
    expect(contactProblems({ ...filled(), contactOn: '2026-03-11' }, TODAY).contactOn).toMatch(/futuro/);
  });

  it('checks the person typed, keyed like the server names the fields', () => {
    const p = contactProblems({ ...filled(), person: { ...filled().person, fiscalCode: 'ABC', familyName: ' ' } }, TODAY);
    expect(Object.keys(p).sort()).toEqual(['person/familyName', 'person/fiscalCode']);
  });

  it('sends the typed person in the comune of the contact, trimmed and upper-cased', () => {
    const input = contactInput({ ...filled(), nextReviewOn: '2026-06-01', referralTo: 'leftover' });
    expect(input.person).toMatchObject({ givenName: 'Maria', fiscalCode: 'RTOMRA40A41H501X', comuneId: 'c1', birthDate: null, sex: null });
    expect(input.personId).toBeUndefined();
    expect(input.referralTo).toBeNull();
    expect(input.case).toEqual({ nextReviewOn: '2026-06-01' });
  });

  it('sends only the id of a known person, and no case part without a case', () => {
    const input = contactInput({ ...filled(), personMode: 'known', personId: 'p9', answer: 'information', nextReviewOn: '2026-06-01' });
    expect(input.personId).toBe('p9');
    expect(input.person).toBeUndefined();
    expect(input.case).toBeUndefined();
  });
});

describe('an intervention of the plan', () => {
  const draft = () => ({ ...emptyIntervention(TODAY), code: 'B1.03', amount: '1.234,50', shareBody: '0,10', shareUser: '0,20', periodMonths: '12', hoursMonthly: '12,5' });

  it('turns euro typed the Italian way into cents without floating point', () => {
    const input = interventionInput(draft());
    expect(input.amountCents).toBe(123450);
    expect((input.shareBodyCents ?? 0) + (input.shareUserCents ?? 0)).toBe(30);
    expect(input.monthlyAmountCents).toBeNull();
    expect(input.periodMonths).toBe(12);
    expect(input.hoursMonthly).toBe(12.5);
    // the Casellario's codes come from the benefit's table
    expect(input.meansTest).toBe('1');
    expect(input.periodicity).toBe('1');
  });

  it('offers only the benefits of the case\'s target area', () => {
    expect(typesForArea('famiglie_minori').map((t) => t.code)).toContain('D2.01');
    expect(typesForArea('famiglie_minori').map((t) => t.code)).not.toContain('B1.03');
    expect(interventionProblems(draft(), 'famiglie_minori').code).toBeTruthy();
    expect(interventionProblems(draft(), 'anziani')).toEqual({});
  });

  it('refuses amounts that are not euro, and dates out of order', () => {
    const p = interventionProblems({ ...draft(), amount: '12,505', shareUser: 'dieci', startOn: '2026-05-01', endOn: '2026-04-01' }, 'anziani');
    expect(Object.keys(p).sort()).toEqual(['amountCents', 'endOn', 'shareUserCents']);
  });

  it('asks for the dates a status implies', () => {
    const p = interventionProblems({ ...draft(), status: 'ended' }, 'anziani');
    expect(Object.keys(p).sort()).toEqual(['authorisedOn', 'endOn', 'startOn']);
    expect(interventionProblems({ ...draft(), status: 'authorised', requestedOn: '2026-02-01', authorisedOn: '2026-01-10' }, 'anziani').authorisedOn).toMatch(/precedere/);
  });

  it('patches only what changed', () => {
    const original: Intervention = {
      id: 'i1', code: 'B1.03', name: 'Assegno', status: 'authorised', requestedOn: '2026-01-10', authorisedOn: '2026-01-20', startOn: '2026-02-01', endOn: null,
      requestProtocol: 'P-1', meansTest: '1', periodicity: '1', amountCents: 30000, monthlyAmountCents: null, periodMonths: 6, shareBodyCents: 30000,
      shareUserCents: 0, shareHealthCents: null, hoursMonthly: null, note: null, exportedAt: null, changedSinceExport: false,
    };
    const d = interventionDraftOf(original);
    expect(d.amount).toBe('300,00');
    expect(interventionPatch(original, d)).toEqual({});
    expect(interventionPatch(original, { ...d, status: 'delivered', amount: '310', endOn: '2026-07-31' })).toEqual({ status: 'delivered', amountCents: 31000, endOn: '2026-07-31' });
    expect(interventionPatch(original, { ...d, requestProtocol: '' })).toEqual({ requestProtocol: null });
  });
});

describe('household, ISEE and review', () => {
  const original: Pick<CaseDetail, 'household' | 'isee' | 'nextReviewOn'> = {
    household: [{ relation: 'Figlia', name: 'Anna Rota', birthYear: 1970 }],
    isee: { dsuProtocol: 'INPS-ISEE-2026-1', dsuYear: 2026, dsuDate: '2026-01-15', valueCents: 850000, validUntil: '2026-12-31' },
    nextReviewOn: '2026-06-01',
  };

  it('sends nothing when nothing changed, and only the part that changed', () => {
    const d = householdDraftOf(original);
    expect(d.isee.value).toBe('8500,00');
    expect(householdPatch(original, d)).toEqual({});
    expect(householdPatch(original, { ...d, nextReviewOn: '' })).toEqual({ nextReviewOn: null });
    expect(householdPatch(original, { ...d, isee: { ...d.isee, value: '9.000,00' } })).toEqual({ isee: { ...original.isee, valueCents: 900000 } });
    const more = { ...d, members: [...d.members, { relation: 'Nipote', name: 'Luca', birthYear: '' }] };
    expect(householdPatch(original, more)).toEqual({ household: [...original.household, { relation: 'Nipote', name: 'Luca', birthYear: null }] });
  });

  it('removes the ISEE when all its fields are cleared, and wants all of them otherwise', () => {
    const d = householdDraftOf(original);
    const cleared = { ...d, isee: { dsuProtocol: '', dsuYear: '', dsuDate: '', value: '', validUntil: '' } };
    expect(householdPatch(original, cleared)).toEqual({ isee: null });
    expect(householdProblems(cleared, 2026)).toEqual({});
    const partial = { ...cleared, isee: { ...cleared.isee, value: '100' } };
    expect(Object.keys(householdProblems(partial, 2026)).sort()).toEqual(['isee/dsuDate', 'isee/dsuProtocol', 'isee/dsuYear', 'isee/validUntil']);
    expect(householdProblems({ ...d, members: [{ relation: '', name: 'X', birthYear: '2090' }] }, 2026)).toEqual({
      'household/0/relation': 'Campo obbligatorio.',
      'household/0/birthYear': 'Un anno tra 1900 e 2026.',
    });
  });
});

describe('the SINA assessment', () => {
  it('requires the coded fields the XSD requires, at least one need and one certification', () => {
    const p = sinaProblems(sinaDraftOf(null, TODAY));
    expect(Object.keys(p).sort()).toEqual(['behavioural', 'dailyLiving', 'healthCare', 'income', 'invalidity', 'mobility', 'neededInterventions', 'source', 'support', 'tool'].sort());
    expect(p.cognitive).toBeUndefined();
  });

  it('leaves the optional codes out when not given', () => {
    const d = { ...sinaDraftOf(null, TODAY), mobility: '2', dailyLiving: '2', behavioural: '1', healthCare: '2', income: '2', support: '1', source: '1', tool: '1', neededInterventions: ['B1.01'], invalidity: ['2'] };
    expect(sinaProblems(d)).toEqual({});
    const sina = sinaFromDraft(d);
    expect(sina).not.toHaveProperty('cognitive');
    expect(sina).not.toHaveProperty('invaliditySource');
    expect(sinaFromDraft({ ...d, cognitive: '3' }).cognitive).toBe('3');
  });
});

describe('the SINBA record', () => {
  const complete = () => ({
    ...sinbaDraftOf(null), unaccompaniedForeignMinor: '2', condition: '1', livingPlace: '1', school: '5', work: '1', disability: '2', reportSource: '13',
    firstReportMonth: '03/2025', minorAssessment: '2', familyAssessment: '2', reportedToCourt: '2', courtMeasure: '2', household: ['1'], interventions: ['D1.01'],
  });

  it('requires the court measure\'s type and authority only with a measure, the disability type only with a disability', () => {
    expect(sinbaProblems(complete())).toEqual({});
    expect(Object.keys(sinbaProblems({ ...complete(), courtMeasure: '1' })).sort()).toEqual(['courtAuthority', 'courtMeasureType']);
    expect(Object.keys(sinbaProblems({ ...complete(), disability: '1' }))).toEqual(['disabilityType']);
    expect(sinbaProblems({ ...complete(), firstReportMonth: '2025-03' }).firstReportMonth).toMatch(/MM\/AAAA/);
    expect(Object.keys(sinbaProblems(sinbaDraftOf(null)))).toHaveLength(14);
  });

  it('drops conditional codes whose condition no longer holds', () => {
    const r = sinbaFromDraft({ ...complete(), courtMeasureType: '4', courtAuthority: '2', disabilityType: '1' });
    expect(r).not.toHaveProperty('courtMeasureType');
    expect(r).not.toHaveProperty('disabilityType');
    expect(sinbaFromDraft({ ...complete(), courtMeasure: '1', courtMeasureType: '4', courtAuthority: '2' })).toMatchObject({ courtMeasureType: '4', courtAuthority: '2' });
  });
});

it('reads the server\'s error paths as the forms\' keys', () => {
  expect(fieldKey('/person/fiscalCode')).toBe('person/fiscalCode');
  expect(fieldKey('body.isee.valueCents')).toBe('isee/valueCents');
  expect(fieldKey('household[0].name')).toBe('household/0/name');
});
