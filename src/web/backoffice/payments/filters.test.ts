import { describe, expect, it } from 'vitest';
import { filtersFromParams, paramsFromFilters, searchText } from './filters';

describe('the filters of the payments list', () => {
  it('read the address in Italian words and write it back the same', () => {
    const params = new URLSearchParams('stato=paid&scopo=debt&q=TARI&dal=2027-01-01&al=2027-01-31');
    const filters = filtersFromParams(params);
    expect(filters).toEqual({ status: 'paid', purpose: 'debt', q: 'TARI', from: '2027-01-01', to: '2027-01-31' });
    expect(paramsFromFilters(filters).toString()).toBe(params.toString());
  });

  it('drop what cannot be right instead of sending it', () => {
    expect(filtersFromParams(new URLSearchParams('stato=pagato&scopo=x&dal=2027-02-30&al=ieri&q=%20%20'))).toEqual({
      status: undefined,
      purpose: undefined,
      q: undefined,
      from: undefined,
      to: undefined,
    });
    expect(paramsFromFilters({}).toString()).toBe('');
  });

  it('swap dates given the wrong way round', () => {
    expect(filtersFromParams(new URLSearchParams('dal=2027-02-01&al=2027-01-01'))).toMatchObject({ from: '2027-01-01', to: '2027-02-01' });
  });

  it('search a notice number typed as it is printed by its digits', () => {
    expect(searchText(' 3010 0000 0000 1234 56 ')).toBe('301000000000123456');
    expect(searchText('  Mario   Rossi ')).toBe('Mario Rossi');
    expect(searchText('   ')).toBeUndefined();
  });
});
