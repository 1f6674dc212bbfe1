import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceCard } from '../src/contracts/catalog.ts';
import { computeFees } from '../src/contracts/payments.ts';
import { seedDemo } from '../src/server/db/seed/seed.ts';
import { findTestIdentity } from '../src/server/modules/identity/test-idp/identities.ts';
import { isValidNoticeNumber } from '../src/server/modules/payments/notice-number.ts';
import { workflowOf } from '../src/server/modules/workflow/workflow.service.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as } from './support/auth.ts';
import { citizenLogin } from './support/oidc-browser.ts';

/**
 * The demo's payments: every sent application of a service paid before sending has its paid position with the
 * amount its answers make; Giulia Ferrari finds her TARI (one instalment paid, one due); a second seed adds nothing.
 */
describe('demo payments seed', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp({ demo: true });
  }, 120_000);
  afterAll(async () => t?.close());

  const positions = () => inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('payment_positions').selectAll().orderBy('id').execute());

  it('pays, before they were sent, the history applications of services that ask it, with the amount of their answers', async () => {
    const rows = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('applications as a')
      .innerJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 'a.service_id').onRef('v.version', '=', 'a.service_version'))
      .select(['a.id', 'a.submitted_at', 'a.data', 'v.card']).where('a.submitted_at', 'is not', null).execute());
    const paidBefore = rows.filter((r) => workflowOf(r.card as unknown as ServiceCard).paymentBeforeSubmission);
    expect(paidBefore.length).toBeGreaterThan(0);
    const all = await positions();
    for (const a of paidBefore) {
      const mine = all.filter((p) => p.application_id === a.id);
      expect(mine).toHaveLength(1);
      const p = mine[0]!;
      expect(p.purpose).toBe('before_submission');
      expect(p.status).toBe('paid');
      expect(p.amount_cents).toBe(computeFees(workflowOf(a.card as unknown as ServiceCard).fees ?? [], a.data).totalCents);
      expect(p.paid_at!.getTime()).toBeLessThan(a.submitted_at!.getTime());
    }
    expect(all.every((p) => isValidNoticeNumber(p.notice_number))).toBe(true);
    expect(new Set(all.map((p) => `${p.tenant_id}:${p.notice_number}`)).size).toBe(all.length);
  });

  it("shows Giulia Ferrari her TARI: the second instalment to pay, the first paid", async () => {
    const giulia = (await citizenLogin(t.app, 'http://localhost:3000', 'giulia-ferrari')).browser.session();
    const due = await t.app.inject(as(giulia, { url: '/api/v1/me/payments?status=due' }));
    expect(due.statusCode, due.body).toBe(200);
    expect(due.json().items.map((p: { description: string }) => p.description)).toContain('TARI 2026 – seconda rata');
    const paid = await t.app.inject(as(giulia, { url: '/api/v1/me/payments?status=paid' }));
    const first = paid.json().items.find((p: { description: string }) => p.description === 'TARI 2026 – prima rata');
    expect(first).toMatchObject({ status: 'paid', amountCents: 11_823, debtor: { fiscalCode: findTestIdentity('giulia-ferrari')!.fiscalCode } });
    const receipt = await t.app.inject(as(giulia, { url: `/api/v1/payments/${first.id}/receipt.pdf` }));
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toContain('application/pdf');
  });

  it('adds nothing on a second seed', async () => {
    const before = await positions();
    await seedDemo(t.database.db, t.ctx.services);
    expect((await positions()).length).toBe(before.length);
  });
});
