/**
 * The workflows of the demo services that do not follow the default one, attached to their cards with
 * `workflow: …` as the online forms are. They show four different shapes of the same data:
 *  - idoneità alloggiativa: paid with pagoPA before sending (stamp duty and the body's fees); the technician's checklist; an approval tells the citizen by SMS and e-mail where to
 *    collect the certificate; on a refusal the response document is the refusal notice;
 *  - rimborso tributi: two visas after the tax officer's proposal, the head of tributi's (a manager) and the
 *    financial office's accounting visa; only the responsible officer decides;
 *  - SCIA edilizia: automatic checks on submission, then silenzio-assenso when the control term passes;
 *  - accesso civico: the counter-interested parties named in the request are told by e-mail, and the officer is
 *    reminded five days before the 30-day term.
 * Every other demo service uses DEFAULT_WORKFLOW (no `workflow` on its card).
 */
import { DEFAULT_AUTOMATIONS, DEFAULT_WORKFLOW, type Automation, type WorkflowDefinition } from '../../../../contracts/workflow.ts';

/** The office that gives the accounting visa, in both demo comuni (tenants.ts). */
export const FINANCIAL_OFFICE = 'ragioneria';
/** The field of the accesso civico form with the counter-interested parties' addresses (forms/accesso-civico.ts). */
export const COUNTER_INTERESTED_POINTER = '/richiesta/emailControinteressati';

const byId = (id: string): Automation => {
  const found = DEFAULT_AUTOMATIONS.find((a) => a.id === id);
  if (!found) throw new Error(`automazione predefinita sconosciuta: ${id}`);
  return structuredClone(found);
};
const base = (): WorkflowDefinition => structuredClone(DEFAULT_WORKFLOW);

export function idoneitaAlloggiativaWorkflow(rightsCents: number): WorkflowDefinition {
  const defaults = base();
  return {
    ...defaults,
    // the stamp duty on the request and on the certificate, and the body's fees, paid with pagoPA before sending
    paymentBeforeSubmission: true,
    fees: [
      { id: 'bollo', label: 'Imposta di bollo sulla richiesta e sul certificato (2 × 16,00 €)', kind: 'bollo', amountCents: 2 * 1600 },
      { id: 'diritti', label: 'Diritti di istruttoria e sopralluogo', kind: 'diritti', amountCents: rightsCents },
    ],
    // a refusal's response document is the refusal notice (signed and protocolled like every response)
    response: {
      ...defaults.response,
      rejected: {
        subject: 'Comunicazione di diniego del certificato di idoneità alloggiativa ({{codice}})',
        body: "Con riferimento alla domanda presentata da {{richiedente}}, protocollata con il numero {{protocollo}}, l'ufficio {{ufficio}} comunica che, a seguito dell'istruttoria e del sopralluogo, il certificato di idoneità alloggiativa non può essere rilasciato per i motivi indicati di seguito. Potrai presentare una nuova domanda quando l'alloggio rispetterà i requisiti.",
      },
    },
    checklist: [
      { id: 'sopralluogo', label: 'Sopralluogo effettuato', required: true },
      { id: 'planimetria', label: 'Planimetria conforme allo stato dei luoghi', required: true },
      { id: 'requisiti-igienico-sanitari', label: 'Requisiti igienico-sanitari verificati (DM Sanità 5 luglio 1975)', required: true },
    ],
    automations: [
      byId('promemoria-scadenza'),
      byId('escalation-ritardo'),
      {
        id: 'certificato-pronto',
        on: 'approved',
        do: [
          {
            type: 'notify',
            to: 'citizen',
            channels: ['sms', 'email'],
            template: {
              subject: 'Il certificato di idoneità alloggiativa è pronto ({{codice}})',
              body: "Il certificato è pronto: puoi ritirarlo presso {{ufficio}} negli orari di apertura, portando un documento d'identità e la marca da bollo. Lo trovi anche nella tua area personale (pratica {{codice}}).",
            },
          },
        ],
      },
      {
        id: 'diniego',
        on: 'rejected',
        do: [
          {
            type: 'notify',
            to: 'citizen',
            channels: ['inbox', 'email'],
            template: {
              subject: 'Esito della domanda di idoneità alloggiativa ({{codice}})',
              body: "La domanda «{{servizio}}» non è stata accolta. Trovi la comunicazione di diniego, con i motivi, nella tua area personale.",
            },
          },
        ],
      },
    ],
  };
}

export function rimborsoTributiWorkflow(): WorkflowDefinition {
  return {
    ...base(),
    approvals: [
      { id: 'visto-responsabile-tributi', label: 'Visto del responsabile dei tributi', by: { role: 'manager' } },
      { id: 'visto-regolarita-contabile', label: 'Visto di regolarità contabile', by: { officeCode: FINANCIAL_OFFICE } },
    ],
    // the tax officer in charge proposes the outcome; the visas follow
    permissions: { approve: ['responsible'], reject: ['responsible'] },
  };
}

export function sciaEdiliziaWorkflow(): WorkflowDefinition {
  return {
    ...base(),
    automations: [
      { id: 'controlli-automatici', on: 'submitted', do: [{ type: 'automatic_checks' }] },
      byId('promemoria-scadenza'),
      // when the control term passes without a prohibition, the title stands by law: no escalation
      { id: 'silenzio-assenso', on: 'overdue', do: [{ type: 'tacit_approval', note: 'Titolo formato per silenzio-assenso (art. 19 L. 241/1990)' }] },
    ],
  };
}

export function accessoCivicoWorkflow(): WorkflowDefinition {
  return {
    ...base(),
    automations: [
      {
        id: 'avviso-controinteressati',
        on: 'taken_in_charge',
        do: [
          {
            type: 'notify',
            to: 'answers',
            pointer: COUNTER_INTERESTED_POINTER,
            channels: ['email'],
            template: {
              subject: 'Richiesta di accesso civico {{codice}}: comunicazione ai controinteressati',
              body: "Il {{ente}} ha ricevuto una richiesta di accesso civico generalizzato (protocollo {{protocollo}}) che riguarda dati o documenti i quali potrebbero toccare suoi interessi: protezione dei dati personali, libertà e segretezza della corrispondenza, interessi economici e commerciali.\n\nAi sensi dell'art. 5, comma 5, del D.Lgs. 33/2013 può presentare una motivata opposizione entro 10 giorni dal ricevimento di questa comunicazione, scrivendo all'ufficio {{ufficio}}. Trascorso questo termine, il Comune decide sulla richiesta.",
            },
          },
        ],
      },
      { id: 'promemoria-scadenza', on: 'due_soon', daysBefore: 5, do: [{ type: 'remind_operator', daysBefore: 5 }] },
      byId('escalation-ritardo'),
    ],
  };
}
