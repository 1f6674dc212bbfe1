/**
 * The demo workflows: each passes the schema and the checks publication makes, against the offices of the body
 * that offers the service and the fields of its form; they are on the four services of the issue, in both comuni;
 * every other service keeps the default one.
 */
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { workflowSteps } from '../../../../contracts/workflow.ts';
import { checkWorkflowDefinition, formFieldPointers } from '../../../modules/workflow/workflow-validation.ts';
import { WorkflowDefinitionSchema } from '../../../modules/workflow/workflow.schemas.ts';
import { DEMO_SERVICES } from './services.ts';
import { CASTELROCCA_SLUG, DEMO_TENANTS, VALDORO_SLUG } from './tenants.ts';
import { COUNTER_INTERESTED_POINTER, FINANCIAL_OFFICE } from './workflows.ts';

const all = DEMO_SERVICES.flatMap((t) => t.services.map((service) => ({ tenantSlug: t.tenantSlug, service })));
const withWorkflow = all.filter((x) => x.service.workflow);
const find = (tenantSlug: string, slug: string) => {
  const found = all.find((x) => x.tenantSlug === tenantSlug && x.service.slug === slug);
  if (!found?.service.workflow) throw new Error(`nessun flusso per ${tenantSlug}/${slug}`);
  return { ...found.service, workflow: found.service.workflow };
};

describe('demo workflows', () => {
  it('are on the four services of the issue, in both comuni, and nowhere else', () => {
    const slugs = ['accesso-civico', 'certificato-idoneita-alloggiativa', 'rimborso-tributi-comunali', 'scia-edilizia'];
    expect(withWorkflow.map((x) => `${x.tenantSlug}/${x.service.slug}`).sort()).toEqual(
      [CASTELROCCA_SLUG, VALDORO_SLUG].flatMap((t) => slugs.map((s) => `${t}/${s}`)).sort(),
    );
  });

  it.each(withWorkflow.map((x) => [`${x.tenantSlug}/${x.service.slug}`, x] as const))('%s passes the schema and the checks of publication', (_, x) => {
    const tenant = DEMO_TENANTS.find((t) => t.slug === x.tenantSlug)!;
    expect([...Value.Errors(WorkflowDefinitionSchema, x.service.workflow)].map((e) => JSON.stringify(e)).slice(0, 3)).toEqual([]);
    const problems = checkWorkflowDefinition(x.service.workflow!, {
      officeCodes: tenant.offices.map((o) => o.code),
      formPointers: x.service.form ? formFieldPointers(x.service.form.schema) : undefined,
    });
    expect(problems).toEqual([]);
  });

  it('idoneità alloggiativa: paid before sending, a checklist of the inspection, SMS and e-mail when ready, a refusal notice when not', () => {
    const s = find(CASTELROCCA_SLUG, 'certificato-idoneita-alloggiativa');
    // stamp duty on request and certificate plus the body's fees, the same amounts the card's costs list
    expect(s.workflow.paymentBeforeSubmission).toBe(true);
    expect(s.workflow.fees!.map((f) => f.amountCents)).toEqual([3200, 5000]);
    expect(s.costs.map((c) => c.amountCents)).toEqual([3200, 5000]);
    expect(find(VALDORO_SLUG, 'certificato-idoneita-alloggiativa').workflow.fees!.map((f) => f.amountCents)).toEqual([3200, 4000]);
    expect(s.workflow.checklist.map((c) => c.label)).toEqual([
      'Sopralluogo effettuato',
      'Planimetria conforme allo stato dei luoghi',
      'Requisiti igienico-sanitari verificati (DM Sanità 5 luglio 1975)',
    ]);
    const approved = s.workflow.automations.find((a) => a.on === 'approved')!.do[0]!;
    expect(approved).toMatchObject({ type: 'notify', to: 'citizen', channels: ['sms', 'email'] });
    expect(approved.type === 'notify' && approved.template.body).toMatch(/^Il certificato è pronto: puoi ritirarlo presso \{\{ufficio\}\}/);
    const rejected = s.workflow.automations.find((a) => a.on === 'rejected')!.do;
    // the response to a refusal is the refusal notice itself; the citizen is told where to find it
    expect(rejected.map((d) => d.type)).toEqual(['notify']);
    expect(rejected[0]).toMatchObject({ to: 'citizen', channels: ['inbox', 'email'] });
    expect(s.workflow.response.rejected.subject).toMatch(/^Comunicazione di diniego/);
    expect(workflowSteps(s.workflow).map((st) => st.id)).toEqual(['payment', 'submission', 'protocol', 'in_charge', 'checklist', 'outcome']);
  });

  it('rimborso tributi: the head of tributi and the financial office give their visas, the responsible officer decides', () => {
    for (const tenantSlug of [CASTELROCCA_SLUG, VALDORO_SLUG]) {
      const s = find(tenantSlug, 'rimborso-tributi-comunali');
      expect(s.workflow.approvals).toEqual([
        { id: 'visto-responsabile-tributi', label: 'Visto del responsabile dei tributi', by: { role: 'manager' } },
        { id: 'visto-regolarita-contabile', label: 'Visto di regolarità contabile', by: { officeCode: FINANCIAL_OFFICE } },
      ]);
      expect(s.workflow.permissions).toEqual({ approve: ['responsible'], reject: ['responsible'] });
      expect(s.officeCode).not.toBe(FINANCIAL_OFFICE);
    }
  });

  it('SCIA: automatic checks on submission, silenzio-assenso when the 30-day term passes, no escalation', () => {
    const s = find(VALDORO_SLUG, 'scia-edilizia');
    expect(s.maxDays).toBe(30);
    expect(s.workflow.automations.find((a) => a.on === 'submitted')!.do).toEqual([{ type: 'automatic_checks' }]);
    expect(s.workflow.automations.filter((a) => a.on === 'overdue').flatMap((a) => a.do)).toEqual([
      { type: 'tacit_approval', note: 'Titolo formato per silenzio-assenso (art. 19 L. 241/1990)' },
    ]);
    expect(workflowSteps(s.workflow).map((st) => st.label)).toEqual([
      'Invio della domanda', 'Protocollo', 'Controlli automatici', 'Presa in carico', 'Esito (o silenzio-assenso alla scadenza)',
    ]);
  });

  it('accesso civico: 30 days, the counter-interested parties told by e-mail, a reminder 5 days before', () => {
    const s = find(CASTELROCCA_SLUG, 'accesso-civico');
    expect(s.maxDays).toBe(30);
    const notice = s.workflow.automations.find((a) => a.on === 'taken_in_charge')!.do[0]!;
    expect(notice).toMatchObject({ type: 'notify', to: 'answers', pointer: COUNTER_INTERESTED_POINTER, channels: ['email'] });
    expect(notice.type === 'notify' && notice.template.body).toMatch(/art\. 5, comma 5, del D\.Lgs\. 33\/2013.*entro 10 giorni/s);
    expect(formFieldPointers(s.form!.schema)).toContain(COUNTER_INTERESTED_POINTER);
    expect(s.workflow.automations.find((a) => a.on === 'due_soon')).toMatchObject({ daysBefore: 5, do: [{ type: 'remind_operator', daysBefore: 5 }] });
  });
});
