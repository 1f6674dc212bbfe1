/**
 * The words of each message: the product's defaults per kind and language, a body's own versions per channel
 * (message_templates), filling placeholders, and the checks a template must pass (channel lengths, no personal
 * data in what leaves the platform). Texts for external channels say where to read more, never the content:
 * a thread message's text, a motivation or a name stay in the personal area.
 */
import {
  CHANNEL_LIMITS, EXTERNAL_CHANNELS, MESSAGE_PLACEHOLDERS, PERSONAL_PLACEHOLDERS,
  type MessageChannel, type MessageKind, type MessageLanguage, type MessageTemplateText,
} from '../../../contracts/messaging.ts';

interface DefaultText {
  subject: string;
  body: string;
  /** the SMS version: short, no subject */
  sms: string;
}

/** Kinds whose words an administrator edits here; a service's own notices are written in its workflow. */
export const EDITABLE_KINDS: MessageKind[] = ['receipt', 'taken_in_charge', 'integration_request', 'outcome', 'thread_message', 'appointment_confirmed', 'appointment_reminder', 'payment_notice'];

export const DEFAULT_TEXTS: Record<MessageKind, Record<MessageLanguage, DefaultText>> = {
  receipt: {
    it: {
      subject: 'Domanda {{codice}} ricevuta e protocollata',
      body: '{{ente}} ha ricevuto la tua domanda «{{servizio}}» (pratica {{codice}}) e l\'ha protocollata con il numero {{protocollo}}. La ricevuta è nella tua area personale: {{link}}',
      sms: '{{ente}}: domanda {{codice}} ricevuta, protocollo {{protocollo}}. La ricevuta è nella tua area personale.',
    },
    en: {
      subject: 'Application {{codice}} received and registered',
      body: '{{ente}} received your application "{{servizio}}" (case {{codice}}) and registered it with number {{protocollo}}. The receipt is in your personal area: {{link}}',
      sms: '{{ente}}: application {{codice}} received, registration no. {{protocollo}}. Receipt in your personal area.',
    },
  },
  taken_in_charge: {
    it: {
      subject: 'La pratica {{codice}} è stata presa in carico',
      body: 'L\'ufficio {{ufficio}} di {{ente}} ha preso in carico la tua domanda «{{servizio}}» (pratica {{codice}}). Il termine per concluderla è il {{scadenza}}. Segui la pratica: {{link}}',
      sms: '{{ente}}: la pratica {{codice}} è stata presa in carico. Termine: {{scadenza}}.',
    },
    en: {
      subject: 'Case {{codice}} has been taken in charge',
      body: 'The office {{ufficio}} of {{ente}} has taken charge of your application "{{servizio}}" (case {{codice}}). It must be concluded by {{scadenza}}. Follow it here: {{link}}',
      sms: '{{ente}}: case {{codice}} taken in charge. Due by {{scadenza}}.',
    },
  },
  integration_request: {
    it: {
      subject: 'Servono integrazioni per la pratica {{codice}}',
      body: 'L\'ufficio {{ufficio}} chiede informazioni o documenti in più per la tua domanda «{{servizio}}» (pratica {{codice}}). Il termine del procedimento è sospeso finché non rispondi. Leggi la richiesta e rispondi dalla tua area personale: {{link}}',
      sms: '{{ente}}: servono integrazioni per la pratica {{codice}}. Leggi la richiesta nella tua area personale.',
    },
    en: {
      subject: 'More information needed for case {{codice}}',
      body: 'The office {{ufficio}} asks for more information or documents for your application "{{servizio}}" (case {{codice}}). The time limit is suspended until you answer. Read the request and answer from your personal area: {{link}}',
      sms: '{{ente}}: more information needed for case {{codice}}. See your personal area.',
    },
  },
  outcome: {
    it: {
      subject: 'La pratica {{codice}} è conclusa',
      body: 'La tua domanda «{{servizio}}» (pratica {{codice}}) è stata {{esito}}. Il provvedimento firmato è nella tua area personale: {{link}}',
      sms: '{{ente}}: la pratica {{codice}} è conclusa. Il provvedimento è nella tua area personale.',
    },
    en: {
      subject: 'Case {{codice}} is concluded',
      body: 'Your application "{{servizio}}" (case {{codice}}) has been {{esito}}. The signed decision is in your personal area: {{link}}',
      sms: '{{ente}}: case {{codice}} is concluded. The decision is in your personal area.',
    },
  },
  thread_message: {
    it: {
      subject: 'Nuovo messaggio sulla pratica {{codice}}',
      body: 'L\'ufficio {{ufficio}} ti ha scritto sulla pratica {{codice}} («{{servizio}}»). Per leggere il messaggio e rispondere accedi alla tua area personale: {{link}}',
      sms: '{{ente}}: hai un nuovo messaggio sulla pratica {{codice}}. Leggilo nella tua area personale.',
    },
    en: {
      subject: 'New message on case {{codice}}',
      body: 'The office {{ufficio}} wrote to you about case {{codice}} ("{{servizio}}"). To read the message and answer, sign in to your personal area: {{link}}',
      sms: '{{ente}}: you have a new message on case {{codice}}. Read it in your personal area.',
    },
  },
  service_update: {
    it: { subject: 'Aggiornamento sulla pratica {{codice}}', body: 'C\'è un aggiornamento sulla tua pratica {{codice}} («{{servizio}}»): {{link}}', sms: '{{ente}}: aggiornamento sulla pratica {{codice}}.' },
    en: { subject: 'Update on case {{codice}}', body: 'There is an update on your case {{codice}} ("{{servizio}}"): {{link}}', sms: '{{ente}}: update on case {{codice}}.' },
  },
  appointment_confirmed: {
    it: {
      subject: 'Appuntamento confermato: {{data}} alle {{ora}}',
      body: 'Il tuo appuntamento presso {{ufficio}} ({{ente}}) per «{{servizio}}» è confermato per il {{data}} alle {{ora}}. Puoi spostarlo o annullarlo dalla tua area personale: {{link}}',
      sms: '{{ente}}: appuntamento confermato il {{data}} alle {{ora}} presso {{ufficio}}.',
    },
    en: {
      subject: 'Appointment confirmed: {{data}} at {{ora}}',
      body: 'Your appointment at {{ufficio}} ({{ente}}) for "{{servizio}}" is confirmed for {{data}} at {{ora}}. You can move or cancel it from your personal area: {{link}}',
      sms: '{{ente}}: appointment confirmed on {{data}} at {{ora}}, {{ufficio}}.',
    },
  },
  appointment_reminder: {
    it: {
      subject: 'Promemoria: appuntamento il {{data}} alle {{ora}}',
      body: 'Ti ricordiamo l\'appuntamento presso {{ufficio}} ({{ente}}) per «{{servizio}}» il {{data}} alle {{ora}}. Se non puoi venire, annullalo dalla tua area personale: {{link}}',
      sms: '{{ente}}: promemoria appuntamento {{data}} ore {{ora}}, {{ufficio}}.',
    },
    en: {
      subject: 'Reminder: appointment on {{data}} at {{ora}}',
      body: 'This is a reminder of your appointment at {{ufficio}} ({{ente}}) for "{{servizio}}" on {{data}} at {{ora}}. If you cannot come, cancel it from your personal area: {{link}}',
      sms: '{{ente}}: reminder, appointment {{data}} at {{ora}}, {{ufficio}}.',
    },
  },
  payment_notice: {
    it: {
      subject: 'Avviso di pagamento {{avviso}}',
      body: '{{ente}} ti chiede il pagamento di {{importo}} per «{{servizio}}» (avviso pagoPA {{avviso}}, scadenza {{scadenza}}). Paga online o scarica l\'avviso dalla tua area personale: {{link}}',
      sms: '{{ente}}: pagamento di {{importo}} da fare entro il {{scadenza}} (avviso {{avviso}}).',
    },
    en: {
      subject: 'Payment notice {{avviso}}',
      body: '{{ente}} asks you to pay {{importo}} for "{{servizio}}" (pagoPA notice {{avviso}}, due {{scadenza}}). Pay online or download the notice from your personal area: {{link}}',
      sms: '{{ente}}: payment of {{importo}} due by {{scadenza}} (notice {{avviso}}).',
    },
  },
};

/** The product's default for a kind, channel and language. */
export function defaultTemplate(kind: MessageKind, channel: MessageChannel, language: MessageLanguage): MessageTemplateText {
  const text = DEFAULT_TEXTS[kind][language];
  return channel === 'sms' ? { body: text.sms } : { subject: text.subject, body: text.body };
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Fills {{placeholders}} with the values; an unknown one is left as written (the checks refuse it beforehand). */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** Values used for the preview and for checking lengths: realistic, and as long as real ones tend to be. */
export const SAMPLE_VALUES: Record<string, string> = {
  codice: 'CA-2026-7KQ4M2', servizio: 'Iscrizione al nido d\'infanzia', ente: 'Comune di Castelrocca', ufficio: 'Servizi educativi',
  protocollo: '0001234/2026', scadenza: '15 gennaio 2027', esito: 'accolta', link: 'https://sportello.example.it/area-personale/pratiche/CA-2026-7KQ4M2',
  data: '12 dicembre 2026', ora: '10:30', importo: '€ 32,00', avviso: '301000000000012345',
};

/** A message ready for its channel: limits kept (IO's minimum length reached with a plain footer). */
export function render(template: MessageTemplateText, channel: MessageChannel, values: Record<string, string>, language: MessageLanguage): { subject: string | null; body: string } {
  const limits = CHANNEL_LIMITS[channel];
  let subject = template.subject !== undefined && channel !== 'sms' ? fill(template.subject, values).trim() : null;
  let body = fill(template.body, values).trim();
  if (subject && limits.subject) {
    if (subject.length > limits.subject[1]) subject = `${subject.slice(0, limits.subject[1] - 1)}…`;
    if (subject.length < limits.subject[0]) subject = `${subject} · ${values.ente ?? 'Sportello'}`;
    if (subject.length < limits.subject[0]) subject = `${subject} · Sportello`;
  }
  if (body.length < limits.body[0]) {
    // long enough on its own to reach IO's 80-character minimum, whatever the body
    const footer = language === 'en'
      ? `${values.ente ?? 'Your administration'} sent you this message through Sportello. The details are in your personal area.`
      : `${values.ente ?? 'La tua amministrazione'} ti ha inviato questo messaggio tramite Sportello. I dettagli sono nella tua area personale.`;
    body = `${body}\n\n---\n${footer}`;
  }
  if (body.length > limits.body[1]) body = `${body.slice(0, limits.body[1] - 1)}…`;
  return { subject, body };
}

/** What is wrong with a template for a channel, as messages a person can act on (empty: it is fine). */
export function checkTemplate(channel: MessageChannel, template: MessageTemplateText): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const limits = CHANNEL_LIMITS[channel];
  for (const field of ['subject', 'body'] as const) {
    const text = template[field];
    if (text === undefined || text === null) continue;
    for (const m of text.matchAll(PLACEHOLDER)) {
      const name = m[1]!;
      if (PERSONAL_PLACEHOLDERS.includes(name) && EXTERNAL_CHANNELS.includes(channel)) {
        problems.push({ path: field, message: `{{${name}}} porterebbe dati personali fuori dall'area personale: non si può usare in questo canale` });
      } else if (!(MESSAGE_PLACEHOLDERS as readonly string[]).includes(name)) {
        problems.push({ path: field, message: `{{${name}}} non è un segnaposto: usa ${MESSAGE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}` });
      }
    }
  }
  if (channel === 'sms') {
    if (template.subject) problems.push({ path: 'subject', message: 'un SMS non ha oggetto' });
  } else if (!template.subject?.trim()) {
    problems.push({ path: 'subject', message: 'scrivi l\'oggetto del messaggio' });
  }
  if (!template.body.trim()) problems.push({ path: 'body', message: 'scrivi il testo del messaggio' });
  if (problems.length) return problems;
  // lengths as sent, with realistic values
  const subject = template.subject ? fill(template.subject, SAMPLE_VALUES) : '';
  const body = fill(template.body, SAMPLE_VALUES);
  if (limits.subject && channel !== 'sms') {
    if (subject.length < limits.subject[0]) problems.push({ path: 'subject', message: `l'oggetto deve avere almeno ${limits.subject[0]} caratteri in questo canale` });
    if (subject.length > limits.subject[1]) problems.push({ path: 'subject', message: `l'oggetto supera i ${limits.subject[1]} caratteri ammessi in questo canale (${subject.length} con valori d'esempio)` });
  }
  if (body.length > limits.body[1]) problems.push({ path: 'body', message: `il testo supera i ${limits.body[1]} caratteri ammessi in questo canale (${body.length} con valori d'esempio)` });
  return problems;
}
