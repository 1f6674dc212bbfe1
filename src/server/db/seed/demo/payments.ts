/**
 * The demo's payments: what the back office's "Pagamenti" and the citizens' "I miei pagamenti" show on a fresh
 * install.
 *  - Every application of the demo history whose service asks a payment before sending (the certificate of
 *    housing suitability) has its paid position, paid a few minutes before the application was sent, with the
 *    simulated provider's receipt; those paid before yesterday are reconciled with that day's reporting flow.
 *  - Giulia Ferrari owes Castelrocca the TARI 2026 in two instalments: the first paid at a bank in the summer, the
 *    second due in twelve days (so "Per te" reminds her of it).
 * Written through the payments repository (notice numbers from the body's sequence, events like the real flow's);
 * idempotent: a position already there is not written again.
 */
import type { Kysely } from 'kysely';
import type { ServiceCard } from '../../../../contracts/catalog.ts';
import { computeFees, type PaymentItem } from '../../../../contracts/payments.ts';
import { findTestIdentity } from '../../../modules/identity/test-idp/identities.ts';
import { noticeNumberOf } from '../../../modules/payments/notice-number.ts';
import { PaymentsRepository } from '../../../modules/payments/payments.repository.ts';
import { workflowOf } from '../../../modules/workflow/workflow.service.ts';
import { clock } from '../../../platform/clock.ts';
import { addDays, romeDate } from '../../../platform/legal-clock.ts';
import { inScope } from '../../../platform/tenancy.ts';
import type { DB } from '../../schema.ts';
import { CASTELROCCA_SLUG } from './tenants.ts';

const PROVIDER = { actorKind: 'provider' as const, actorLabel: 'pagoPA' };
const MINUTE = 60_000;

/** The receipt the simulated provider would have given (the demo's own, recognisable ids). */
const receiptOf = (noticeNumber: string, paidAt: Date, channel: string) => ({
  receiptId: `DEMO${noticeNumber.slice(-12)}${paidAt.getTime().toString(36).toUpperCase()}`.slice(0, 35),
  psp: 'Banca Simulata', channel, paidAt: paidAt.toISOString(),
});

interface PaidPosition {
  tenantId: string;
  purpose: 'before_submission' | 'debt';
  applicationId: string | null;
  serviceId: string | null;
  citizenId: string | null;
  debtor: { fiscalCode: string; name: string };
  description: string;
  items: PaymentItem[];
  createdAt: Date;
  dueDate: string;
  /** null: still to pay */
  paid: { at: Date; channel: string; reconciledOn: string | null } | null;
}

async function writePosition(repo: PaymentsRepository, p: PaidPosition): Promise<void> {
  const tenant = await repo.tenant(p.tenantId);
  if (!tenant) return;
  const { noticeNumber, iuv } = noticeNumberOf(tenant.pagopa_segregation_code, await repo.nextIuvBase(p.tenantId));
  const amountCents = p.items.reduce((sum, i) => sum + i.amountCents, 0);
  const id = await repo.insertPosition({
    tenantId: p.tenantId, purpose: p.purpose, applicationId: p.applicationId, serviceId: p.serviceId, debtorFiscalCode: p.debtor.fiscalCode,
    debtorName: p.debtor.name, citizenId: p.citizenId, description: p.description, items: p.items, amountCents, iuv, noticeNumber,
    dueDate: p.dueDate, requestedBy: null, requestedByName: null, now: p.createdAt,
  });
  await repo.addEvent({ tenantId: p.tenantId, paymentId: id, type: 'created', toStatus: 'created', actorKind: 'system', actorLabel: 'Sistema', at: p.createdAt });
  if (!p.paid) return;
  const receipt = receiptOf(noticeNumber, p.paid.at, p.paid.channel);
  await repo.update(id, { status: 'paid', paid_at: p.paid.at, paid_amount_cents: amountCents, receipt }, p.paid.at);
  await repo.addEvent({
    tenantId: p.tenantId, paymentId: id, type: 'paid', fromStatus: 'created', toStatus: 'paid', ...PROVIDER,
    providerEventId: `demo-${noticeNumber}`, details: { receiptId: receipt.receiptId, psp: receipt.psp }, at: p.paid.at,
  });
  if (p.paid.reconciledOn) {
    const flow = `${p.paid.reconciledOn}SIMUL-${tenant.fiscal_code}-0001`;
    const at = new Date(`${p.paid.reconciledOn}T09:00:00+01:00`);
    await repo.update(id, { reconciled_at: at, reconciliation_flow: flow }, at);
    await repo.addEvent({ tenantId: p.tenantId, paymentId: id, type: 'reconciled', actorKind: 'system', actorLabel: 'Sistema', note: flow, at });
  }
}

export async function seedDemoPayments(db: Kysely<DB>, ids: Map<string, string>): Promise<{ positions: number }> {
  const now = clock.now();
  const today = romeDate(now);
  let positions = 0;

  // the history's applications of services paid before sending
  const tenants = [...ids.values()];
  for (const tenantId of tenants) {
    positions += await inScope(db, { tenantId }, async (trx) => {
      const repo = new PaymentsRepository(trx);
      // the versions of the body's services that ask a payment before sending
      const versions = (await trx.selectFrom('service_versions as v').innerJoin('services as s', 's.id', 'v.service_id')
        .select(['v.service_id', 'v.version', 'v.card']).where('s.tenant_id', '=', tenantId).execute())
        .filter((v) => workflowOf(v.card as unknown as ServiceCard).paymentBeforeSubmission);
      if (!versions.length) return 0;
      const rows = await trx.selectFrom('applications as a')
        .leftJoin('payment_positions as p', (j) => j.onRef('p.application_id', '=', 'a.id').on('p.purpose', '=', 'before_submission'))
        .select(['a.id', 'a.service_id', 'a.service_version', 'a.citizen_id', 'a.subject_fiscal_code', 'a.subject_name', 'a.submitted_at', 'a.data', 'a.code', 'p.id as payment_id'])
        .where('a.tenant_id', '=', tenantId).where('a.submitted_at', 'is not', null)
        .where('a.service_id', 'in', [...new Set(versions.map((v) => v.service_id))]).execute();
      let written = 0;
      for (const a of rows) {
        const version = versions.find((v) => v.service_id === a.service_id && v.version === a.service_version);
        if (a.payment_id || !a.submitted_at || !version) continue;
        const card = version.card as unknown as ServiceCard;
        const { items } = computeFees(workflowOf(card).fees ?? [], a.data);
        if (!items.length) continue;
        const paidAt = new Date(a.submitted_at.getTime() - 3 * MINUTE);
        const paidOn = romeDate(paidAt);
        await writePosition(repo, {
          tenantId, purpose: 'before_submission', applicationId: a.id, serviceId: a.service_id, citizenId: a.citizen_id,
          debtor: { fiscalCode: a.subject_fiscal_code, name: a.subject_name }, description: `${card.title} (${a.code})`.slice(0, 140), items,
          createdAt: new Date(paidAt.getTime() - 4 * MINUTE), dueDate: addDays(paidOn, 30),
          paid: { at: paidAt, channel: 'carta di pagamento', reconciledOn: paidOn < addDays(today, -1) ? addDays(paidOn, 1) : null },
        });
        written++;
      }
      return written;
    });
  }

  // Giulia Ferrari's TARI 2026 at Castelrocca
  const castelrocca = ids.get(CASTELROCCA_SLUG);
  const giulia = findTestIdentity('giulia-ferrari');
  if (castelrocca && giulia) {
    positions += await inScope(db, { tenantId: castelrocca }, async (trx) => {
      const repo = new PaymentsRepository(trx);
      const existing = await trx.selectFrom('payment_positions').select('description')
        .where('tenant_id', '=', castelrocca).where('debtor_fiscal_code', '=', giulia.fiscalCode).where('purpose', '=', 'debt').execute();
      const has = (d: string) => existing.some((e) => e.description === d);
      const debtor = { fiscalCode: giulia.fiscalCode, name: `${giulia.givenName} ${giulia.familyName}` };
      const tari = (rata: string): PaymentItem[] => [
        { label: `TARI 2026, ${rata}: quota fissa e variabile`, amountCents: 11_260, kind: 'tributo' },
        { label: 'Tributo provinciale per la tutela ambientale (TEFA, 5%)', amountCents: 563, kind: 'tributo' },
      ];
      let written = 0;
      const first = 'TARI 2026 – prima rata';
      if (!has(first)) {
        const due = addDays(today, -70);
        const paidAt = new Date(`${addDays(due, -4)}T10:17:00+02:00`);
        await writePosition(repo, {
          tenantId: castelrocca, purpose: 'debt', applicationId: null, serviceId: null, citizenId: null, debtor, description: first, items: tari('prima rata'),
          createdAt: new Date(`${addDays(due, -45)}T08:00:00+02:00`), dueDate: due,
          paid: { at: paidAt, channel: 'sportello bancario', reconciledOn: addDays(romeDate(paidAt), 1) },
        });
        written++;
      }
      const second = 'TARI 2026 – seconda rata';
      if (!has(second)) {
        await writePosition(repo, {
          tenantId: castelrocca, purpose: 'debt', applicationId: null, serviceId: null, citizenId: null, debtor, description: second, items: tari('seconda rata'),
          createdAt: new Date(`${addDays(today, -33)}T08:00:00+01:00`), dueDate: addDays(today, 12), paid: null,
        });
        written++;
      }
      return written;
    });
  }
  return { positions };
}
