import { describe, expect, it } from 'vitest';
import type { OperatorWithGrants } from '../api/desk';
import { deskOfficesOf } from './deskAccess';

const operator = (roles: string[], grants: { role: string; officeId: string | null }[]) => ({ roles, grants }) as unknown as OperatorWithGrants;

describe('the offices a desk page lets an operator choose', () => {
  it('a manager chooses among all the body’s offices', () => {
    expect(deskOfficesOf(operator(['manager', 'desk'], [{ role: 'manager', officeId: null }, { role: 'desk', officeId: 'o1' }]))).toBeNull();
  });

  it('a desk operator works at the offices of their desk roles, once each', () => {
    expect(deskOfficesOf(operator(['desk'], [{ role: 'desk', officeId: 'o1' }]))).toEqual(['o1']);
    expect(deskOfficesOf(operator(['desk', 'operator'], [{ role: 'desk', officeId: 'o1' }, { role: 'operator', officeId: 'o3' }, { role: 'desk', officeId: 'o2' }, { role: 'desk', officeId: 'o1' }])))
      .toEqual(['o1', 'o2']);
    expect(deskOfficesOf(operator(['desk'], []))).toEqual([]);
  });
});
