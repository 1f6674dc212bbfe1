import { describe, expect, it } from 'vitest';
import { PERMISSIONS, STAFF_ROLES } from '../../../server/platform/access';
import { canRequestPayment, managesPayments, readsPayments } from './access';

describe('who sees the payments in the back office', () => {
  it('is exactly the roles the server gives payment.read and payment.manage', () => {
    for (const role of STAFF_ROLES) {
      expect(readsPayments({ roles: [role] }), role).toBe((PERMISSIONS['payment.read'].roles as readonly string[]).includes(role));
      expect(managesPayments({ roles: [role] }), role).toBe((PERMISSIONS['payment.manage'].roles as readonly string[]).includes(role));
    }
    expect(readsPayments({ roles: ['desk', 'operator'] })).toBe(true);
  });
});

describe('"Richiedi pagamento" on an application', () => {
  it('is offered while registered or in progress to whoever may handle it', () => {
    expect(canRequestPayment({ status: 'registered', actions: ['take_charge', 'assign'] })).toBe(true);
    expect(canRequestPayment({ status: 'in_progress', actions: ['request_integration', 'approve', 'reject', 'assign'] })).toBe(true);
    expect(canRequestPayment({ status: 'in_progress', actions: ['endorse', 'send_back', 'assign'] })).toBe(false);
    expect(canRequestPayment({ status: 'payment_pending', actions: [] })).toBe(false);
    expect(canRequestPayment({ status: 'awaiting_citizen', actions: ['assign'] })).toBe(false);
    expect(canRequestPayment({ status: 'in_progress', actions: [] })).toBe(false);
  });
});
