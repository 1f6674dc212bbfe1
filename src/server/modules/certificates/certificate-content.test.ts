import { describe, expect, it } from 'vitest';
import { certificateContent, civilStatusWords, peopleShown, relationWords, sixMonthsFrom, type RegisterPerson } from './certificate-content.ts';

const person = (over: Partial<RegisterPerson>): RegisterPerson => ({
  fiscal_code: 'FRRGLI84E54A794X', given_name: 'Giulia', family_name: 'Ferrari', sex: 'F', birth_date: '1984-05-14', birth_place: 'Bergamo (BG)',
  citizenship: 'italiana', address: 'Via Giuseppe Garibaldi 28, 24029 Castelrocca (BG)', family_relation: 'intestatario', civil_status: 'coniugato',
  residence_since: '2012-03-01', ...over,
});
const giulia = person({});
const marco = person({ fiscal_code: 'CLMMRC81S02F205Y', given_name: 'Marco', family_name: 'Colombo', sex: 'M', birth_date: '1981-11-02', family_relation: 'coniuge' });
const tommaso = person({ fiscal_code: 'CLMTMS18B20A794W', given_name: 'Tommaso', family_name: 'Colombo', sex: 'M', birth_date: '2018-02-20', family_relation: 'figlio', civil_status: null });
const sofia = person({ fiscal_code: 'CLMSFO15P43A794Z', given_name: 'Sofia', family_name: 'Colombo', sex: 'F', birth_date: '2015-09-03', family_relation: 'figlio', civil_status: null });
const body = { name: 'Comune di Castelrocca', fiscalCode: '00432170165', office: 'Servizi demografici' };

describe('what a certificate shows', () => {
  it('is valid six months from the day of issue, on the same day or the last of a shorter month', () => {
    expect(sixMonthsFrom('2026-03-15')).toBe('2026-09-15');
    expect(sixMonthsFrom('2026-08-31')).toBe('2027-02-28');
    expect(sixMonthsFrom('2027-08-31')).toBe('2028-02-29');
    expect(sixMonthsFrom('2026-12-31')).toBe('2027-06-30');
    expect(sixMonthsFrom('2026-07-01')).toBe('2027-01-01');
  });

  it('says civil status and family relations in the words that agree with the person', () => {
    expect(civilStatusWords('coniugato', 'F')).toBe('coniugata');
    expect(civilStatusWords('celibe_nubile', 'M')).toBe('celibe');
    expect(civilStatusWords('celibe_nubile', 'F')).toBe('nubile');
    expect(civilStatusWords('vedovo', 'F')).toBe('vedova');
    expect(civilStatusWords('unito_civilmente', null)).toBe('unito/a civilmente');
    expect(civilStatusWords(null, 'M')).toBeNull();
    expect(relationWords('intestatario', 'F')).toBe('intestataria della scheda');
    expect(relationWords('figlio', 'F')).toBe('figlia');
    expect(relationWords('genitore', 'M')).toBe('padre');
    expect(relationWords('altro', 'M')).toBe('altro componente');
  });

  it('prints for residence only the person and the address', () => {
    const c = certificateContent({ kind: 'residence', body, issuedOn: '2026-05-04', person: giulia, family: [giulia, marco] });
    expect(c).toEqual({
      kind: 'residence', title: 'Certificato di residenza', body, issuedOn: '2026-05-04', validUntil: '2026-11-04',
      person: { givenName: 'Giulia', familyName: 'Ferrari', fiscalCode: 'FRRGLI84E54A794X', sex: 'F', birthDate: '1984-05-14', birthPlace: 'Bergamo (BG)' },
      residence: { address: 'Via Giuseppe Garibaldi 28, 24029 Castelrocca (BG)' },
    });
    expect(peopleShown(c).map((p) => p.fiscalCode)).toEqual(['FRRGLI84E54A794X']);
  });

  it('adds citizenship, civil status and the residence date on the registry certificate', () => {
    const c = certificateContent({ kind: 'registry', body, issuedOn: '2026-05-04', person: giulia, family: [] });
    expect(c.person).toMatchObject({ citizenship: 'italiana', civilStatus: 'coniugata' });
    expect(c.residence).toEqual({ address: giulia.address, since: '2012-03-01' });
    expect(c.family).toBeUndefined();
  });

  it('lists the whole family sheet, the head first, then by age, whoever it is asked for', () => {
    const c = certificateContent({ kind: 'family', body, issuedOn: '2026-05-04', person: sofia, family: [tommaso, sofia, marco, giulia] });
    expect(c.person.fiscalCode).toBe(sofia.fiscal_code);
    expect(c.family!.map((m) => `${m.givenName} · ${m.relation}`)).toEqual([
      'Giulia · intestataria della scheda', 'Marco · coniuge', 'Sofia · figlia', 'Tommaso · figlio',
    ]);
    expect(peopleShown(c)).toHaveLength(4);
    // a sheet read without the person on it still shows them
    const alone = certificateContent({ kind: 'family', body, issuedOn: '2026-05-04', person: giulia, family: [] });
    expect(alone.family!.map((m) => m.fiscalCode)).toEqual([giulia.fiscal_code]);
  });
});
