/**
 * Issues the documents of an outcome (the response) and those automations ask for (notices): fills the
 * service's template, takes the outgoing protocol number, renders the PDF with the body's letterhead, signs it
 * (PAdES) with the body's certificate, stores it and delivers it to the applicant's personal area. Runs as a job
 * in one transaction with the job's completion; the issue key makes a second run issue nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SignerRegistry } from '../../platform/signing.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { inScope } from '../../platform/tenancy.ts';
import { formatProtocolNumber, registerOutgoing } from '../protocol/protocol.service.ts';
import { fillTemplate, workflowOf, type DocumentJob, type WorkflowService } from '../workflow/workflow.service.ts';
import { newVerificationCode } from './documents.service.ts';
import { issueSignedDocument } from './response.pdf.ts';

export class DocumentIssuer {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly deps: { storage: FileStorage; signers: () => Promise<SignerRegistry>; publicUrl: string },
  ) {}

  async issue(trx: Kysely<DB>, job: DocumentJob): Promise<void> {
    await inScope(trx, { tenantId: job.tenantId }, async (t) => {
      const done = await t.selectFrom('application_documents').select('id')
        .where('application_id', '=', job.applicationId).where('issue_key', '=', job.issueKey).executeTakeFirst();
      if (done) return;
      const app = await t.selectFrom('applications as a')
        .innerJoin('tenants as tn', 'tn.id', 'a.tenant_id')
        .innerJoin('services as s', 's.id', 'a.service_id')
        .leftJoin('offices as o', 'o.id', 'a.office_id')
        .leftJoin('operators as r', 'r.id', 'a.responsible_operator_id')
        .selectAll('a')
        .select(['tn.name as tenant_name', 'tn.slug as tenant_slug', 'tn.fiscal_code as tenant_fiscal_code', 'tn.type as tenant_type', 'tn.aoo_code',
          's.title as service_title', 'o.name as office_name', 'o.email as office_email', 'o.pec as office_pec', 'o.phone as office_phone', 'o.address as office_address',
          'o.postal_code as office_postal_code', 'o.city as office_city', 'o.province as office_province', 'r.name as responsible_name'])
        .where('a.id', '=', job.applicationId).forUpdate('a').executeTakeFirst();
      if (!app) return;
      const def = workflowOf(await this.workflow.cardOf(t, app.service_id, app.service_version));
      const decision = app.status === 'approved' || app.status === 'rejected' ? app.status : null;
      const template = job.kind === 'response' ? (decision ? def.response[decision] : null) : job.template;
      if (!template) return;
      const filer = await t.selectFrom('citizens').select('fiscal_code').where('id', '=', app.citizen_id).executeTakeFirst();
      const signers = await this.deps.signers();
      const signer = await signers.forTenant({ slug: app.tenant_slug, name: app.tenant_name, fiscalCode: app.tenant_fiscal_code });
      const verificationCode = newVerificationCode();
      const base = this.workflow.templateValues({ ...app, office_email: app.office_email } as never);
      const incoming = app.protocol_number && app.protocol_year ? { number: formatProtocolNumber(app.protocol_number), year: app.protocol_year } : null;
      const values = { ...base, protocollo: incoming ? `${incoming.number}/${incoming.year}` : base.protocollo! };
      const title = fillTemplate(template.subject, values);
      const body = fillTemplate(template.body, values);
      const issued = await registerOutgoing(t, app.tenant_id, {
        subject: `${title} (pratica ${app.code})`, correspondent: `${app.subject_name} (${app.subject_fiscal_code})`, applicationId: app.id,
      }, async (protocol) => {
        const { pdf, sha256 } = await issueSignedDocument({
          kind: job.kind,
          tenant: { name: app.tenant_name, fiscalCode: app.tenant_fiscal_code, type: app.tenant_type, aooCode: app.aoo_code },
          office: app.office_name ? {
            name: app.office_name, address: app.office_address!, postalCode: app.office_postal_code!, city: app.office_city!, province: app.office_province!,
            email: app.office_email, pec: app.office_pec, phone: app.office_phone,
          } : null,
          protocol: { number: formatProtocolNumber(protocol.number), year: protocol.year, registeredAt: protocol.registeredAt },
          application: { code: app.code, serviceTitle: app.service_title, submittedAt: app.submitted_at!, incomingProtocol: incoming },
          subject: { name: app.subject_name, fiscalCode: app.subject_fiscal_code },
          filer: filer && filer.fiscal_code !== app.subject_fiscal_code ? { name: app.filer_name } : null,
          title, body,
          decision: job.kind === 'response' ? decision ?? undefined : undefined,
          motivation: job.kind === 'response' ? app.outcome_motivation : null,
          officer: app.responsible_name ? { name: app.responsible_name } : null,
          verificationCode, publicUrl: this.deps.publicUrl,
        }, signer);
        await this.deps.storage.put(pdf);
        return { sha256, size: pdf.length };
      });
      const summary = job.kind === 'response'
        ? `${decision === 'approved' ? 'Domanda accolta' : 'Domanda respinta'}${app.outcome_motivation ? `: ${app.outcome_motivation.slice(0, 300)}` : ''}`
        : title;
      const doc = await t.insertInto('application_documents').values({
        tenant_id: app.tenant_id, application_id: app.id, kind: job.kind, title, file_name: `${job.kind === 'response' ? 'provvedimento' : 'comunicazione'}-${app.code}-${formatProtocolNumber(issued.number)}.pdf`,
        sha256: issued.sha256, size: issued.size, verification_code: verificationCode, protocol_year: issued.year, protocol_number: issued.number,
        summary, issue_key: job.issueKey,
      }).returning('id').executeTakeFirstOrThrow();
      if (job.kind === 'response') await t.updateTable('applications').set({ response_document_id: doc.id }).where('id', '=', app.id).execute();
      await t.insertInto('application_events').values({
        tenant_id: app.tenant_id, application_id: app.id, type: 'document_issued', actor_kind: 'system', actor_label: app.office_name ?? app.tenant_name,
        note: `${title}: documento firmato digitalmente, protocollo in uscita n. ${formatProtocolNumber(issued.number)}/${issued.year}`,
        details: JSON.stringify({ documentId: doc.id, kind: job.kind }),
      }).execute();
      // the citizen is told (the outcome message goes with the response) and integrators get document.issued
      await this.workflow.messaging.publish(t, { applicationId: app.id, tenantId: app.tenant_id, event: 'document_issued', key: `${app.id}:document:${doc.id}`,
        details: { documentId: doc.id, kind: job.kind } });
    });
  }
}
