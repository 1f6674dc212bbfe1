import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW, type WorkflowDefinition } from '../../../contracts/workflow.ts';
import { workflowView } from './applications.views.ts';

const PAID_FIRST: WorkflowDefinition = {
  ...DEFAULT_WORKFLOW, paymentBeforeSubmission: true, fees: [{ id: 'bollo', label: 'Bollo', kind: 'bollo', amountCents: 1600 }],
  checklist: [{ id: 'sopralluogo', label: 'Sopralluogo', required: true }],
};

describe("the citizen's diagram while a payment is awaited", () => {
  it('stands on the payment before the application is sent', () => {
    expect(workflowView({ status: 'payment_pending', visa_step_id: null, submitted_at: null }, PAID_FIRST).currentStepId).toBe('payment');
    expect(workflowView({ status: 'payment_pending', visa_step_id: null, submitted_at: null }, DEFAULT_WORKFLOW).currentStepId).toBe('submission');
  });

  it('stays on the work in progress when the office asked for a payment after submission', () => {
    const sent = new Date('2026-11-02T09:00:00Z');
    expect(workflowView({ status: 'payment_pending', visa_step_id: null, submitted_at: sent }, PAID_FIRST).currentStepId).toBe('checklist');
    expect(workflowView({ status: 'payment_pending', visa_step_id: null, submitted_at: sent }, DEFAULT_WORKFLOW).currentStepId).toBe('in_charge');
  });
});
