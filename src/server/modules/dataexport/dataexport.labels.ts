/**
 * The Italian words of the export: section names and descriptions, statuses, kinds, what is left out and why. The
 * portal's pages have their own (web/i18n); these are the ones the downloaded file and its PDF print, written the
 * same way ("Accolta", "Da pagare", "Prenotato").
 */
import type { SectionKey } from './dataexport.schemas.ts';

/** Stable keys in the order the PDF prints them, with their Italian names. */
export const SECTION_LABELS: Record<SectionKey, string> = {
  about: 'Come leggere questo documento',
  profile: 'Profilo e identità digitale',
  contacts: 'Recapiti',
  preferences: 'Preferenze e consensi',
  registry: 'Dati anagrafici tenuti dai Comuni',
  companies: 'Imprese che rappresenti',
  delegations: 'Deleghe',
  applications: 'Pratiche',
  payments: 'Pagamenti e ricevute',
  appointments: 'Appuntamenti e numeri di coda',
  deskContacts: 'Contatti con gli sportelli',
  certificates: 'Certificati',
  notifications: 'Messaggi e avvisi ricevuti',
  recommendations: 'Consigli «Per te»',
  favourites: 'Servizi preferiti',
  dataReports: 'Segnalazioni di dati errati',
  socialServices: 'Servizi sociali',
  accessLog: 'Chi ha consultato i tuoi dati',
  signIns: 'Accessi e sicurezza',
  notIncluded: 'Che cosa non è incluso e perché',
};
export const SECTION_ORDER = Object.keys(SECTION_LABELS) as SectionKey[];

export const SECTION_DESCRIPTIONS: Record<SectionKey, string> = {
  about: 'Questo documento raccoglie tutti i dati personali che gli enti su Sportello conservano su di te, come erano al momento in cui lo hai ' +
    'scaricato (art. 15 del Regolamento UE 2016/679, GDPR). Ogni sezione dice da dove vengono i suoi dati. I file (allegati, documenti, ricevute) ' +
    'non sono dentro il documento: per ciascuno trovi il nome, la dimensione e l\'impronta SHA-256, che permette di riconoscerlo; li scarichi dalla ' +
    'pratica o dalla pagina che li mostra. L\'ultima sezione dice che cosa non è incluso e perché.',
  profile: "I dati che l'identità digitale (SPID o CIE) ha comunicato a Sportello all'accesso. Fonte: il gestore dell'identità digitale.",
  contacts: "E-mail, cellulare e PEC con la loro fonte: l'identità digitale all'accesso, oppure tu (nelle preferenze o in «I miei dati»).",
  preferences: 'La lingua e i canali che hai scelto per ogni tipo di messaggio, i tipi di consigli «Per te» attivi, le informative sul ' +
    'trattamento dei dati che risultano ricevute. Fonte: le tue scelte.',
  registry: "Quello che l'anagrafe di ogni Comune su Sportello registra di te: la tua scheda, la scheda di famiglia e la carta d'identità " +
    '(il numero è coperto in parte, come nella pagina «I miei dati»). Fonte: l\'anagrafe del Comune.',
  companies: 'Le imprese di cui risulti rappresentante legale. Fonte: il registro delle imprese caricato su Sportello.',
  delegations: 'Le deleghe che hai registrato per agire per altri e quelle con cui altri agiscono per te, con i dati del documento firmato. ' +
    'Fonte: chi ha registrato la delega.',
  applications: "Le pratiche che hai presentato (anche per un figlio minore o un'impresa) e quelle presentate per te da altre persone: stato, " +
    'protocollo, termini, risposte, allegati, cronologia, messaggi con l\'ufficio, documenti emessi e valutazione. Nella cronologia e nei ' +
    'messaggi l\'ufficio compare con il suo nome. Fonte: tu, e l\'ente che tratta la pratica.',
  payments: 'I pagamenti pagoPA a tuo nome o avviati da te, con gli importi, le ricevute del prestatore di servizi di pagamento e la loro ' +
    'cronologia. Fonte: l\'ente creditore e pagoPA.',
  appointments: 'Gli appuntamenti agli sportelli prenotati da te o per te, con il numero di coda dato al tuo arrivo. Fonte: tu, e lo sportello.',
  deskContacts: 'I contatti che gli sportelli hanno registrato nel loro registro quando ti sei rivolto a loro. Fonte: lo sportello.',
  certificates: 'I certificati anagrafici che hai scaricato, con quello che riportano. Fonte: l\'anagrafe del Comune.',
  notifications: "I messaggi che Sportello ti ha mandato per conto degli enti: nell'area personale e per e-mail, PEC, SMS o app IO, con lo " +
    'stato della consegna.',
  recommendations: 'I consigli che Sportello ha preparato per te dai dati degli enti (per esempio una carta d\'identità in scadenza), anche ' +
    'quelli che hai nascosto.',
  favourites: 'I servizi che hai segnato con la stella.',
  dataReports: "Le segnalazioni di un dato errato che hai inviato all'anagrafe, con la risposta dell'ufficio.",
  socialServices: "Quello che i servizi sociali dell'ambito tengono su di te: i primi contatti e le cartelle sociali con i professionisti, il nucleo " +
    'familiare, l\'ISEE, i dati relativi alla salute, la valutazione SINA, gli interventi con importi e quote e la storia della cartella. ' +
    'Fonte: il servizio sociale. Alcune parti non sono incluse: vedi l\'ultima sezione.',
  accessLog: 'Ogni consultazione dei tuoi dati (e di quelli dei figli minori e delle imprese per cui agisci per legge) da parte degli uffici, dei ' +
    'sistemi degli integratori e della piattaforma, come nella pagina «Chi ha consultato i miei dati». Le tue letture dei tuoi dati, compreso ' +
    'questo download, non sono accessi di altri e non compaiono qui.',
  signIns: 'I tuoi accessi all\'area personale e le operazioni di sicurezza fatte con il tuo account (scelta di per chi operi, deleghe, ' +
    'download di tutti i tuoi dati), dal registro di audit.',
  notIncluded: 'Quello che gli enti conservano e che questo documento non riporta, con il motivo e con il modo per ottenerlo.',
};

export const ABOUT_PURPOSES =
  "Gli enti trattano questi dati per darti i servizi che chiedi (pratiche, pagamenti, appuntamenti, certificati), per tenere l'anagrafe e " +
  'i servizi sociali come la legge chiede loro, per mandarti i messaggi dovuti e per mostrarti che cosa fanno con i tuoi dati. Le basi ' +
  'giuridiche sono l\'esecuzione di compiti di interesse pubblico e gli obblighi di legge (art. 6, par. 1, lett. c ed e, GDPR); per i dati ' +
  'relativi alla salute nei servizi sociali, l\'art. 9, par. 2, lett. h, GDPR e la L. 328/2000. I dati sono conservati per il tempo che la ' +
  'legge prevede per ogni procedimento e per gli archivi degli enti.';

export const ABOUT_RIGHTS =
  'Puoi chiedere all\'ente titolare di correggere i dati errati (in «I miei dati» lo fai direttamente per i recapiti e segnali gli errori ' +
  'dell\'anagrafe), di cancellarli o limitarne l\'uso nei casi previsti, e opporti al trattamento (artt. 16-21 GDPR). Per ogni ente puoi ' +
  'scrivere al suo responsabile della protezione dei dati. Se ritieni che i tuoi dati siano trattati in modo non conforme, puoi fare reclamo ' +
  'al Garante per la protezione dei dati personali (www.garanteprivacy.it).';

/**
 * What the export leaves out, always the same list whoever asks: a line that appeared only for some people would
 * itself tell them (or whoever reads the file) that something exists — a case withheld by a court, for instance.
 */
export const NOT_INCLUDED: { key: string; what: string; why: string; how: string }[] = [
  {
    key: 'files',
    what: 'Il contenuto dei file: allegati alle pratiche e ai messaggi, documenti emessi, ricevute, certificati, documenti delle deleghe.',
    why: 'Un documento che contiene tutti i file sarebbe pesante e difficile da usare; per ogni file trovi nome, tipo, dimensione e impronta SHA-256.',
    how: 'Scarica i file dalla pratica, da «I miei pagamenti», da «I miei certificati» o da «Per chi operi».',
  },
  {
    key: 'social.withheld_cases',
    what: 'Le cartelle sociali che la legge riserva, per esempio quelle legate a un procedimento a tutela di un minore, e ciò che le riguarda.',
    why: 'Il diritto di accesso può essere limitato quando conoscere i dati metterebbe a rischio la tutela di una persona o lo svolgimento ' +
      'di un procedimento giudiziario (art. 23, par. 1, lett. f e i, GDPR; art. 2-duodecies del Codice in materia di protezione dei dati ' +
      'personali, d.lgs. 196/2003; legge 184/1983). È la stessa regola di «Chi ha consultato i miei dati», dove gli accessi a queste cartelle compaiono ' +
      'solo quando la riservatezza finisce. Questa voce è presente in ogni documento, che esista o no una cartella riservata.',
    how: 'Quando la riservatezza finisce, i dati compaiono qui e nella pagina degli accessi. Puoi sempre chiedere al servizio sociale dell\'ambito.',
  },
  {
    key: 'social.court_measures',
    what: "I provvedimenti dell'autorità giudiziaria annotati nelle cartelle sociali, le relazioni riservate al tribunale nel diario e la scheda " +
      'SINBA sui minori (che riporta segnalazioni e provvedimenti giudiziari).',
    why: 'Per i dati trattati per ragioni di giustizia i diritti si esercitano con le regole del procedimento giudiziario (art. 2-duodecies del ' +
      'd.lgs. 196/2003; art. 23, par. 1, lett. f, GDPR).',
    how: "Chiedi copia dei provvedimenti alla cancelleria dell'autorità giudiziaria che li ha emessi, o rivolgiti al servizio sociale.",
  },
  {
    key: 'social.diary_text',
    what: 'Il testo delle annotazioni del diario professionale delle cartelle sociali (ne trovi data, tipo e autore).',
    why: 'Le annotazioni raccontano colloqui e visite e parlano spesso di altre persone (familiari, conviventi, vicini): il diritto di avere ' +
      'copia dei tuoi dati non può ledere i diritti degli altri (art. 15, par. 4, GDPR), e solo il servizio può togliere i loro dati prima ' +
      'di consegnarti il testo. Per lo stesso motivo non sono inclusi il nome di chi ha segnalato la tua situazione al servizio e le sue parole ' +
      '(trovi chi era: un familiare, un vicino, la scuola…).',
    how: "Chiedi copia del diario al servizio sociale dell'ambito: deve risponderti entro un mese (art. 12, par. 3, GDPR).",
  },
  {
    key: 'applications.filed_by_others',
    what: 'Risposte, allegati e messaggi delle pratiche presentate per te da un\'altra persona (per esempio un professionista con la tua delega).',
    why: 'Sono scritti da chi ha presentato la pratica e contengono anche i suoi dati; trovi comunque la pratica, il suo stato, il protocollo, ' +
      'la cronologia e i documenti emessi.',
    how: 'Chiedili a chi ha presentato la pratica, o all\'ufficio che la tratta.',
  },
  {
    key: 'others',
    what: 'I dati dei figli minori e delle imprese per cui agisci, oltre alle pratiche e ai pagamenti che hai fatto tu per loro e agli accessi ai loro dati.',
    why: 'Questo documento è sui tuoi dati. I dati dei familiari che compaiono (scheda di famiglia, nucleo familiare) sono quelli che gli ' +
      'enti registrano insieme ai tuoi.',
    how: 'Li trovi nell\'area personale scegliendo per chi operi.',
  },
  {
    key: 'internal',
    what: 'Le note interne degli uffici sulle pratiche, il nome degli operatori dove l\'ente ha deciso di non mostrarlo, i dati tecnici ' +
      '(sessioni, chiavi, tentativi di consegna).',
    why: 'Le note interne sono atti preparatori dell\'ufficio, non dati su di te (la motivazione e gli esiti sono inclusi); il nome degli ' +
      'operatori è mostrato solo dove l\'ente lo ha deciso; i dati tecnici non dicono nulla di te.',
    how: 'Per gli atti del procedimento puoi chiedere l\'accesso agli atti all\'ufficio (L. 241/1990, artt. 22 e seguenti).',
  },
  {
    key: 'id_card_number',
    what: "Il numero completo della carta d'identità registrato in anagrafe (ne trovi le prime e le ultime due cifre).",
    why: 'Il documento scaricato può finire in mani altrui: il numero intero basterebbe a usare la tua identità.',
    how: "Il numero è stampato sulla tua carta; l'anagrafe te lo conferma allo sportello.",
  },
];

export const APPLICATION_STATUS_LABELS: Record<string, string> = {
  draft: 'Bozza', payment_pending: 'In attesa di pagamento', submitted: 'Inviata', registered: 'Protocollata', in_progress: 'In lavorazione',
  awaiting_citizen: 'In attesa di integrazioni', approved: 'Accolta', rejected: 'Respinta', withdrawn: 'Ritirata',
};

export const APPLICATION_EVENT_LABELS: Record<string, string> = {
  created: 'Bozza creata', submitted: 'Domanda inviata', registered: 'Domanda protocollata', receipt_issued: 'Ricevuta emessa',
  taken_in_charge: 'Presa in carico', assigned: 'Assegnata a un ufficio', integration_requested: 'Richiesta di integrazione',
  integration_answered: 'Integrazione inviata', outcome_proposed: 'Esito proposto', visa_granted: 'Visto apposto', visa_refused: 'Visto negato',
  approved: 'Domanda accolta', rejected: 'Domanda respinta', withdrawn: 'Domanda ritirata', document_issued: 'Documento emesso',
  payment_requested: 'Pagamento richiesto', payment_received: 'Pagamento ricevuto', payment_cancelled: 'Pagamento annullato',
  tacit_approval: 'Silenzio-assenso', checklist: 'Requisito verificato',
};

export const SUBJECT_KIND_LABELS: Record<string, string> = {
  self: 'Per te', minor: 'Per un figlio minore', delegation: 'Con delega', company: "Per un'impresa",
};

export const DOCUMENT_KIND_LABELS: Record<string, string> = { receipt: 'Ricevuta', response: 'Provvedimento', notice: 'Comunicazione' };

export const PAYMENT_STATUS_LABELS: Record<string, string> = {
  created: 'Da pagare', pending: 'Pagamento in corso', paid: 'Pagato', failed: 'Pagamento non riuscito', cancelled: 'Annullato', expired: 'Scaduto',
  refunded: 'Rimborsato',
};
export const PAYMENT_PURPOSE_LABELS: Record<string, string> = {
  before_submission: "Prima dell'invio della domanda", requested: "Chiesto dall'ufficio sulla pratica", debt: 'Posizione debitoria (tributo, tariffa…)',
};

export const APPOINTMENT_STATUS_LABELS: Record<string, string> = {
  booked: 'Prenotato', checked_in: 'Presentato', served: 'Servito', no_show: 'Non presentato', cancelled: 'Annullato',
};
export const DESK_OUTCOME_LABELS: Record<string, string> = {
  informed: 'Informazioni date', status_given: 'Stato della pratica comunicato', application_started: 'Pratica avviata', booked: 'Appuntamento preso',
  ticket_issued: 'Numero di coda dato', referred: 'Indirizzato a un altro ufficio', other: 'Altro',
};

export const CHANNEL_LABELS: Record<string, string> = {
  inbox: 'Area personale', email: 'E-mail', pec: 'PEC', sms: 'SMS', io: 'App IO',
};
export const DELIVERY_STATUS_LABELS: Record<string, string> = { queued: 'In coda', sent: 'Inviato', delivered: 'Consegnato', failed: 'Non consegnato' };
export const MESSAGE_KIND_LABELS: Record<string, string> = {
  receipt: 'Ricevuta della domanda', taken_in_charge: 'Presa in carico', integration_request: 'Richiesta di integrazione', outcome: 'Esito',
  thread_message: "Nuovo messaggio dall'ufficio", service_update: 'Aggiornamento del servizio', appointment_confirmed: 'Appuntamento confermato',
  appointment_reminder: "Promemoria dell'appuntamento", payment_notice: 'Avviso di pagamento', data_report: 'Risposta a una segnalazione sui dati',
};

export const RECOMMENDATION_KIND_LABELS: Record<string, string> = {
  life_event: 'Eventi della vita', deadline: 'Scadenze', payment: 'Pagamenti', favourite: 'Servizi preferiti',
};

export const CERTIFICATE_KIND_LABELS: Record<string, string> = {
  residence: 'Certificato di residenza', family: 'Certificato di stato di famiglia', registry: 'Certificato anagrafico',
};

export const DATA_REPORT_STATUS_LABELS: Record<string, string> = {
  open: 'Inviata', in_progress: "Presa in carico dall'ufficio", resolved: 'Dato corretto', rejected: 'Dato confermato',
};

export const DELEGATION_STATUS_LABELS: Record<string, string> = { active: 'Valida', expired: 'Scaduta', revoked: 'Revocata' };

export const CONTACT_FIELD_LABELS: Record<string, string> = { email: 'E-mail', phone: 'Cellulare', pec: 'PEC (domicilio digitale)' };

export const REGISTRY_FIELD_LABELS: Record<string, string> = {
  given_name: 'Nome', family_name: 'Cognome', sex: 'Sesso', birth_date: 'Data di nascita', birth_place: 'Luogo di nascita',
  citizenship: 'Cittadinanza', civil_status: 'Stato civile', address: 'Indirizzo di residenza', residence_since: 'Residente dal',
};

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'login.succeeded': "Accesso all'area personale",
  'session.step_up': 'Accesso a un livello di sicurezza più alto',
  logout: 'Uscita',
  'subject.chosen': 'Scelta di per chi operi',
  'delegation.created': 'Delega registrata',
  'delegation.revoked': 'Delega revocata',
  'personal_data.exported': 'Download di tutti i tuoi dati',
};

export const SOCIAL_EVENT_LABELS: Record<string, string> = {
  created: 'Cartella aperta', opened: 'Cartella aperta', take_charge: 'Presa in carico', close: 'Cartella chiusa', reopen: 'Cartella riaperta',
  updated: 'Cartella aggiornata', diary: 'Annotazione nel diario', intervention_added: 'Intervento aggiunto', intervention_changed: 'Intervento modificato',
  sina: 'Valutazione SINA', sinba: 'Scheda SINBA aggiornata',
};

/** "payment_requested" → "payment requested": what an unknown code says when no label has been written for it yet. */
export const labelOf = (labels: Record<string, string>, code: string | null | undefined): string =>
  code ? labels[code] ?? code.replace(/[_.]/g, ' ') : '';
