/**
 * Issues the receipt PDF of each registered application: the data sent, the attachments with their SHA-256, the
 * authentication, the submission time, the protocol number and a QR code to the public verification page.
 * Works from state (registered without a receipt), so a crash between registration and receipt only delays it.
 */
import type { Kysely } from 'kysely';
import type { ServiceCard } from '../../../contracts/catalog.ts';
import type { DB } from '../../db/schema.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import { newVerificationCode, type DocumentsService } from '../documents/documents.service.ts';
import { renderReceipt } from '../documents/receipt.pdf.ts';
import { answerSections } from '../forms/answers.ts';
import { formatProtocolNumber } from '../protocol/protocol.service.ts';
import { workflowOf, type WorkflowService } from '../workflow/workflow.service.ts';

const BATCH = 50;

export class ReceiptIssuer {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: { catalog: CatalogService; storage: FileStorage; documents: DocumentsService; workflow: WorkflowService },
  ) {}

  /** Issues up to one batch of pending receipts; returns how many. */
  async issuePending(): Promise<number> {
    const pending = await inScope(this.db, { platform: true }, (trx) =>
      trx.selectFrom('applications').select('id').where('protocol_number', 'is not', null).where('receipt_document_id', 'is', null)
        .orderBy('registered_at').limit(BATCH).execute());
    for (const { id } of pending) {
      await this.issue(id);
      // rendering a PDF takes tens of milliseconds of CPU: let waiting requests in between receipts
      await new Promise((resolve) => setImmediate(resolve));
    }
    return pending.length;
  }

  private async issue(id: string) {
    const found = await inScope(this.db, { platform: true }, async (trx) => {
      const row = await trx.selectFrom('applications as a').innerJoin('tenants as t', 't.id', 'a.tenant_id')
        .selectAll('a').select(['t.name as tenant_name', 't.fiscal_code as tenant_fiscal_code', 't.aoo_code'])
        .where('a.id', '=', id).executeTakeFirst();
      const attachments = await trx.selectFrom('application_attachments').selectAll().where('application_id', '=', id)
        .where('submitted', '=', true).orderBy('uploaded_at').orderBy('id').execute();
      const filer = row ? await trx.selectFrom('citizens').select('fiscal_code').where('id', '=', row.citizen_id).executeTakeFirst() : undefined;
      return row ? { row, attachments, filer } : null;
    });
    if (!found || found.row.receipt_document_id) return;
    const { row, attachments, filer } = found;
    const service = await this.deps.catalog.get(row.service_id, row.service_version);
    const form = (service.card as ServiceCard).form;
    const titles = new Map((form?.attachments ?? []).map((a) => [a.id, a.title]));
    const verificationCode = newVerificationCode();
    const protocolNumber = formatProtocolNumber(row.protocol_number!);
    const pdf = await renderReceipt({
      tenant: { name: row.tenant_name, fiscalCode: row.tenant_fiscal_code, aooCode: row.aoo_code },
      service: { title: service.card.title, version: row.service_version },
      application: {
        code: row.code, submittedAt: row.submitted_at!, filerName: row.filer_name, filerFiscalCode: filer?.fiscal_code,
        subjectName: row.subject_name, subjectFiscalCode: row.subject_fiscal_code, subjectKind: row.subject_kind,
      },
      // recorded at submission; a receipt never states an authentication that did not happen
      auth: { method: row.auth_method!, level: row.auth_level! },
      protocol: { number: protocolNumber, year: row.protocol_year!, registeredAt: row.registered_at! },
      sections: form ? answerSections(form, row.data) : [],
      attachments: attachments.map((a) => ({ requirementTitle: titles.get(a.requirement_id) ?? a.requirement_id, fileName: a.file_name, size: a.size, sha256: a.sha256 })),
      verificationCode,
      verificationUrl: this.deps.documents.urlFor(verificationCode),
    });
    const sha256 = await this.deps.storage.put(pdf);
    await inScope(this.db, { platform: true }, async (trx) => {
      // another worker may have issued it meanwhile: the row lock decides, the loser's file is simply unused
      const current = await trx.selectFrom('applications').select('receipt_document_id').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      if (current.receipt_document_id) return;
      const doc = await trx.insertInto('application_documents').values({
        tenant_id: row.tenant_id, application_id: id, kind: 'receipt', title: 'Ricevuta di presentazione',
        file_name: `ricevuta-${row.code}.pdf`, sha256, size: pdf.length, verification_code: verificationCode,
      }).returning('id').executeTakeFirstOrThrow();
      await trx.updateTable('applications').set({ receipt_document_id: doc.id }).where('id', '=', id).execute();
      await trx.insertInto('application_events').values({
        tenant_id: row.tenant_id, application_id: id, type: 'receipt_issued', actor_kind: 'system', actor_label: 'Sportello',
        note: `Ricevuta con protocollo n. ${protocolNumber}/${row.protocol_year}`, details: JSON.stringify({ documentId: doc.id }),
      }).execute();
      // registered, with its receipt: the service's automations on registration, the citizen's message and the
      // integrators' status change, once per application (the receipt is issued once)
      await this.deps.workflow.emit(trx, { id, tenant_id: row.tenant_id }, workflowOf(service.card as ServiceCard), 'registered', `${id}:registered`);
    });
  }
}
