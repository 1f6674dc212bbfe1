/**
 * Problems with a workflow definition an administrator is publishing, for what its schema cannot say: ids that
 * repeat, offices that the body does not have, a recipient read from the answers whose field the form lacks,
 * placeholders nobody fills in, actions on events where they make no sense. Paths are inside the card
 * ("workflow/automations/2/do/0/template/body"); messages are Italian with an English gloss, like the form's.
 */
import { PERSONAL_PLACEHOLDERS } from '../../../contracts/messaging.ts';
import {
  MAX_APPROVALS,
  PLACEHOLDERS,
  placeholdersIn,
  type AutomationAction,
  type MessageTemplate,
  type WorkflowDefinition,
  type WorkflowEvent,
} from '../../../contracts/workflow.ts';

export interface WorkflowProblem {
  path: string;
  message: string;
}

export interface WorkflowCheckContext {
  /** codes of the body's offices (an approval "by another office" must name one of them) */
  officeCodes: string[];
  /** JSON pointers of the fields of the service's online form (formFieldPointers); absent when it has none */
  formPointers?: string[];
}

const MAX_DEADLINE_DAYS = 3650;
const MAX_DAYS_BEFORE = 365;
const KNOWN = new Set<string>(PLACEHOLDERS);
const placeholderList = PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ');

/** Events that only happen when the workflow has second-level approvals. */
const VISA_EVENTS: WorkflowEvent[] = ['outcome_proposed', 'visa_granted', 'visa_refused'];
/** Where the automatic checks of a SCIA-like procedure can run: on what was just sent. */
const CHECK_EVENTS: WorkflowEvent[] = ['submitted', 'registered'];

export function checkWorkflowDefinition(def: WorkflowDefinition, ctx: WorkflowCheckContext): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path: `workflow/${path}`, message });

  const template = (path: string, t: MessageTemplate) => {
    for (const part of ['subject', 'body'] as const) checkText(`${path}/${part}`, t[part]);
  };
  const checkText = (path: string, text: string) => {
    const unknown = [...new Set(placeholdersIn(text).filter((name) => !KNOWN.has(name)))];
    if (unknown.length) {
      add(path, `segnaposto sconosciut${unknown.length > 1 ? 'i' : 'o'} ${unknown.map((u) => `{{${u}}}`).join(', ')}: usa solo ${placeholderList} (unknown placeholder)`);
    }
    // what is left once the well-formed ones are taken out: a brace pair opened and not closed, or the reverse
    if (/\{\{|\}\}/.test(text.replace(/\{\{\s*[^{}]*?\s*\}\}/g, ''))) {
      add(path, 'segnaposto incompleto: scrivilo tra doppie graffe, ad esempio {{codice}} (unbalanced braces)');
    }
  };
  const unique = (section: string, ids: string[], what: string) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) add(`${section}/${i}/id`, `${what} "${id}" ripetuto: ogni identificativo deve essere diverso (duplicate id)`);
      seen.add(id);
    });
  };

  // checklist and approvals
  unique('checklist', def.checklist.map((c) => c.id), 'voce');
  unique('approvals', def.approvals.map((a) => a.id), 'visto');
  if (def.approvals.length > MAX_APPROVALS) {
    add('approvals', `al massimo ${MAX_APPROVALS} visti dopo la proposta di esito (at most ${MAX_APPROVALS} approvals)`);
  }
  const offices = new Set(ctx.officeCodes);
  def.approvals.forEach((a, i) => {
    if ('officeCode' in a.by && !offices.has(a.by.officeCode)) {
      add(`approvals/${i}/by`, `l'ufficio "${a.by.officeCode}" non esiste in questo ente: scegline uno dall'elenco degli uffici (unknown office)`);
    }
  });

  // permissions: a transition listed with nobody could never be done
  for (const [transition, performers] of Object.entries(def.permissions)) {
    if (performers && performers.length === 0) {
      add(`permissions/${transition}`, 'indica almeno chi può eseguire questo passaggio, altrimenti nessuno potrebbe farlo (at least one performer)');
    }
  }

  // fees of the payment before submission: they read answers, so their fields must exist
  const pointers = ctx.formPointers ? new Set(ctx.formPointers) : null;
  const fees = def.fees ?? [];
  unique('fees', fees.map((f) => f.id), 'voce di pagamento');
  if (def.paymentBeforeSubmission && fees.length === 0) {
    add('fees', 'indica almeno una voce da pagare prima dell\'invio (importo e descrizione), oppure togli il pagamento prima dell\'invio (no fees)');
  }
  if (!def.paymentBeforeSubmission && fees.length > 0) {
    add('paymentBeforeSubmission', 'le voci di pagamento si usano solo con il pagamento prima dell\'invio: attivalo o togli le voci (fees without payment)');
  }
  fees.forEach((fee, i) => {
    for (const [key, pointer] of [['perPointer', fee.perPointer], ['when/pointer', fee.when?.pointer]] as const) {
      if (pointer === undefined) continue;
      if (!pointers) add(`fees/${i}/${key}`, 'il servizio non ha un modulo online da cui leggere le risposte (no online form)');
      else if (!pointers.has(pointer)) add(`fees/${i}/${key}`, `il campo ${pointer} non esiste nel modulo online (unknown field)`);
    }
  });

  // automations
  unique('automations', def.automations.map((a) => a.id), 'automazione');
  let tacit = 0;
  def.automations.forEach((automation, i) => {
    const at = `automations/${i}`;
    if (automation.on === 'due_soon') {
      if (automation.daysBefore === undefined || automation.daysBefore < 1 || automation.daysBefore > MAX_DAYS_BEFORE) {
        add(`${at}/daysBefore`, `indica quanti giorni prima della scadenza, da 1 a ${MAX_DAYS_BEFORE} (daysBefore from 1 to ${MAX_DAYS_BEFORE})`);
      }
    } else if (automation.daysBefore !== undefined) {
      add(`${at}/daysBefore`, 'i giorni prima della scadenza valgono solo per l\'evento «scadenza vicina» (daysBefore only for due_soon)');
    }
    if (VISA_EVENTS.includes(automation.on) && def.approvals.length === 0) {
      add(`${at}/on`, 'il flusso non prevede visti: questo evento non si verifica mai; aggiungi un visto o scegli un altro evento (no approvals configured)');
    }
    automation.do.forEach((action, j) => checkAction(`${at}/do/${j}`, automation.on, action));
    if (automation.do.some((d) => d.type === 'tacit_approval')) tacit += 1;
  });
  if (tacit > 1) add('automations', 'il silenzio-assenso va indicato una sola volta (tacit approval only once)');

  function checkAction(at: string, on: WorkflowEvent, action: AutomationAction) {
    switch (action.type) {
      case 'notify': {
        template(`${at}/template`, action.template);
        // what leaves the platform (e-mail, SMS, IO; anything to addresses from the answers) carries no personal data
        if (action.to === 'answers' || action.channels.some((c) => c !== 'inbox')) {
          for (const part of ['subject', 'body'] as const) {
            const personal = [...new Set(placeholdersIn(action.template[part]).filter((name) => KNOWN.has(name) && PERSONAL_PLACEHOLDERS.includes(name)))];
            if (personal.length) {
              add(`${at}/template/${part}`, `${personal.map((p) => `{{${p}}}`).join(', ')} porterebbe dati personali fuori dall'area personale: ` +
                'usalo solo per avvisi nell\'area personale, o togli gli altri canali (personal data outside the personal area)');
            }
          }
        }
        if (action.to === 'answers') {
          if (!action.pointer) add(`${at}/pointer`, 'scegli il campo del modulo con gli indirizzi e-mail dei destinatari (pointer required)');
          else if (!pointers) add(`${at}/pointer`, 'il servizio non ha un modulo online da cui leggere gli indirizzi: scegli un altro destinatario (no online form)');
          else if (!pointers.has(action.pointer)) add(`${at}/pointer`, `il campo ${action.pointer} non esiste nel modulo online (unknown field)`);
          const others = action.channels.filter((c) => c !== 'email');
          if (others.length) add(`${at}/channels`, 'a chi è indicato nelle risposte si scrive solo per e-mail (only e-mail for addresses from the answers)');
        } else if (action.pointer !== undefined) {
          add(`${at}/pointer`, 'il campo del modulo serve solo per i destinatari presi dalle risposte (pointer only with to: answers)');
        }
        break;
      }
      case 'generate_document':
        template(`${at}/template`, action.template);
        break;
      case 'set_deadline':
        if (action.days < 1 || action.days > MAX_DEADLINE_DAYS) {
          add(`${at}/days`, `i giorni devono essere da 1 a ${MAX_DEADLINE_DAYS} (days from 1 to ${MAX_DEADLINE_DAYS})`);
        }
        break;
      case 'remind_operator':
        if (action.daysBefore < 1 || action.daysBefore > MAX_DAYS_BEFORE) {
          add(`${at}/daysBefore`, `il promemoria va da 1 a ${MAX_DAYS_BEFORE} giorni prima della scadenza (daysBefore from 1 to ${MAX_DAYS_BEFORE})`);
        }
        break;
      case 'tacit_approval':
        if (on !== 'overdue') add(`${at}/type`, 'il silenzio-assenso si forma solo alla scadenza del termine: usalo con l\'evento «termine scaduto» (tacit approval only on overdue)');
        checkText(`${at}/note`, action.note);
        break;
      case 'automatic_checks':
        if (!CHECK_EVENTS.includes(on)) add(`${at}/type`, 'i controlli automatici si fanno all\'invio o alla protocollazione della domanda (automatic checks only on submitted or registered)');
        break;
      case 'escalate':
        break;
    }
  }

  // the response documents
  template('response/approved', def.response.approved);
  template('response/rejected', def.response.rejected);
  return problems;
}

const get = (node: unknown, key: string) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined);

/**
 * The JSON pointers of every field of a form's schema: properties at any depth, including those that appear only
 * under a condition (if/then/else, allOf, oneOf, anyOf). These are what a notification "to the addresses in the
 * answers" may point to.
 */
export function formFieldPointers(schema: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const walk = (node: unknown, at: string, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 20) return;
    const properties = get(node, 'properties');
    if (properties && typeof properties === 'object') {
      for (const [key, child] of Object.entries(properties as Record<string, unknown>)) {
        const pointer = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        found.add(pointer);
        walk(child, pointer, depth + 1);
      }
    }
    const list = (key: string) => {
      const value = get(node, key);
      return Array.isArray(value) ? value : [];
    };
    for (const branch of [get(node, 'then'), get(node, 'else'), ...list('allOf'), ...list('oneOf'), ...list('anyOf')]) walk(branch, at, depth + 1);
  };
  walk(schema, '', 0);
  return [...found];
}
