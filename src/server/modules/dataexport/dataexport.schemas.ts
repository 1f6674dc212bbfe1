/**
 * TypeBox contract of "Scarica tutti i miei dati" (GET /api/v1/me/export): everything Sportello holds about the
 * signed-in person, one section per kind of data. Each section has a stable key (the property name under
 * `sections`, never translated) and an Italian `label` and `description`; dates are ISO 8601 (instants with the
 * time zone, calendar days as YYYY-MM-DD). The PDF is drawn from the same object (dataexport.pdf.ts).
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Problem } from '../../platform/schemas.ts';

const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
const Id = (description?: string) => Type.String({ maxLength: 64, ...(description ? { description } : {}) });
const DateTime = (description: string) => Type.String({ format: 'date-time', maxLength: 40, description });
const Day = (description: string) => Type.String({ format: 'date', maxLength: 10, description });
const Count = (description: string) => Type.Integer({ minimum: 0, format: 'int64', description });
const Cents = (description: string) => Type.Integer({ format: 'int64', description });
const Nullable = <T extends TSchema>(schema: T, description?: string) => Type.Union([schema, Type.Null()], description ? { description } : {});
const List = <T extends TSchema>(item: T, description?: string) => Type.Array(item, { maxItems: 1_000_000, ...(description ? { description } : {}) });
const Obj = <P extends Record<string, TSchema>>(properties: P, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

/** Every section opens with its Italian name and what it holds (and where it comes from). */
const head = {
  label: Text(200, 'il nome della sezione, in italiano'),
  description: Text(2000, 'che cosa contiene la sezione e da dove vengono i dati'),
};
const Section = <P extends Record<string, TSchema>>(properties: P, description: string) => Obj({ ...head, ...properties }, description);

const BodyRef = Obj({ id: Id("l'ente"), name: Text(300, "il nome dell'ente") });
const FileMeta = Obj({
  fileName: Text(300, 'il nome del file'),
  contentType: Text(200, 'il tipo del file'),
  size: Count('la dimensione, in byte'),
  sha256: Text(64, "l'impronta SHA-256 del contenuto (il file non è nell'esportazione)"),
});
const LabelValue = Obj({ label: Text(500), value: Text(20_000) });

// ---- the person ------------------------------------------------------------------------------------------------

const Profile = Section({
  fiscalCode: Text(16, 'codice fiscale'),
  givenName: Text(200, 'nome'),
  familyName: Text(200, 'cognome'),
  birthDate: Nullable(Day('data di nascita')),
  birthPlace: Nullable(Text(300, 'luogo di nascita')),
  address: Nullable(Text(500, "l'indirizzo che l'identità digitale ha comunicato")),
  language: Text(5, 'la lingua dei messaggi: it o en'),
  accountCreatedAt: DateTime('il primo accesso a Sportello'),
  lastSignInAt: Nullable(DateTime("l'ultimo accesso")),
}, "Il profilo: i dati che l'identità digitale (SPID o CIE) ha comunicato al primo accesso e a quelli successivi.");

const Contacts = Section({
  items: List(Obj({
    field: Text(10, 'email, phone (cellulare) o pec (domicilio digitale)'),
    fieldLabel: Text(60),
    value: Nullable(Text(254)),
    source: Text(200, 'da dove viene'),
    updatedAt: Nullable(DateTime("l'ultima modifica")),
  })),
}, 'I recapiti, con la loro fonte.');

const Preferences = Section({
  language: Text(5, 'it o en'),
  messages: List(Obj({
    kind: Text(40, 'il tipo di messaggio'),
    kindLabel: Text(200),
    channels: List(Text(10), 'i canali scelti oltre all\'area personale: email, pec, sms, io'),
    legal: Type.Boolean({ description: 'arriva per legge anche alla PEC o all\'e-mail, qualunque sia la scelta' }),
  })),
  advice: List(Obj({ kind: Text(40), kindLabel: Text(200), on: Type.Boolean({ description: 'ricevi questo tipo di consigli' }) })),
  privacyNotices: List(Obj({
    body: BodyRef,
    on: Day("il giorno in cui l'informativa è stata data"),
    context: Text(300),
  }), "le informative sul trattamento dei dati che risultano date (servizi sociali)"),
}, 'Le scelte e i consensi: lingua, canali dei messaggi, consigli «Per te», informative ricevute.');

const Registry = Section({
  items: List(Obj({
    body: BodyRef,
    source: Text(300),
    updatedAt: Nullable(DateTime("l'ultimo aggiornamento della scheda")),
    fields: List(Obj({ field: Text(40), label: Text(100), value: Nullable(Text(500)) })),
    family: Obj({
      number: Text(60, 'il numero della scheda di famiglia'),
      members: List(Obj({
        name: Text(300), relation: Text(40), relationLabel: Text(60), birthDate: Day('data di nascita'),
        you: Type.Boolean(), minor: Type.Boolean(), inYourCare: Type.Boolean({ description: 'figlio minore di cui sei genitore' }),
      })),
    }),
    idCard: Nullable(Obj({
      number: Text(40, 'il numero, coperto tranne le prime e le ultime due cifre'),
      expiresOn: Nullable(Day('scadenza')),
    }), "la carta d'identità registrata in anagrafe"),
  })),
}, "La scheda anagrafica di ogni Comune che ti ha tra i residenti, con la scheda di famiglia e la carta d'identità.");

const Companies = Section({
  items: List(Obj({ fiscalCode: Text(16), name: Text(300), legalForm: Text(100), role: Text(100) })),
}, 'Le imprese di cui sei rappresentante legale secondo il registro delle imprese.');

const Delegations = Section({
  items: List(Obj({
    id: Id(),
    direction: Text(10, "received: agisci tu per l'altra persona; given: l'altra persona agisce per te"),
    directionLabel: Text(100),
    otherPerson: Text(300, "l'altra persona"),
    otherFiscalCode: Nullable(Text(16)),
    purpose: Text(1000),
    validUntil: Day('valida fino al'),
    status: Text(10, 'active, expired o revoked'),
    statusLabel: Text(60),
    createdAt: DateTime('registrata il'),
    revokedAt: Nullable(DateTime('revocata il')),
    revokedBy: Nullable(Text(10, 'delegate o delegator')),
    revokeReason: Nullable(Text(1000)),
    document: FileMeta,
  })),
}, 'Le deleghe ricevute e quelle date, con i dati del documento firmato (non il file).');

// ---- applications ----------------------------------------------------------------------------------------------

const Application = Obj({
  id: Id(),
  code: Text(60, 'il codice della pratica'),
  service: Obj({ id: Id(), title: Text(300), version: Count('la versione della scheda con cui è stata presentata') }),
  body: BodyRef,
  office: Nullable(Text(300)),
  filedByYou: Type.Boolean({ description: "false: l'ha presentata per te un'altra persona (per esempio un professionista con la tua delega)" }),
  filedBy: Text(300, "chi l'ha presentata"),
  subject: Obj({ kind: Text(20, 'self, minor, delegation o company'), kindLabel: Text(100), name: Text(300), fiscalCode: Text(16) }),
  status: Text(30),
  statusLabel: Text(100),
  createdAt: DateTime('creata il'),
  submittedAt: Nullable(DateTime('inviata il')),
  protocol: Nullable(Obj({ number: Text(20), year: Count('anno'), label: Text(40, 'n. 0000012/2026'), registeredAt: DateTime('protocollata il') })),
  dueDate: Nullable(Day('termine per la conclusione')),
  takenInChargeAt: Nullable(DateTime('presa in carico il')),
  closedAt: Nullable(DateTime('conclusa il')),
  outcomeMotivation: Nullable(Text(20_000, "la motivazione dell'esito")),
  contentIncluded: Type.Boolean({ description: "false per le pratiche presentate da altri: risposte, allegati e messaggi restano a chi l'ha presentata (vedi notIncluded)" }),
  answers: List(Obj({ title: Text(300), rows: List(LabelValue) }), 'le risposte del modulo, come il modulo le mostrava'),
  rawAnswers: Nullable(Type.Record(Type.String({ maxLength: 200 }), Type.Unknown()), 'le stesse risposte come sono conservate'),
  attachments: List(Obj({ requirement: Text(300, 'il documento richiesto'), ...FileMeta.properties, uploadedAt: DateTime('caricato il'), sent: Type.Boolean() })),
  history: List(Obj({
    at: DateTime('quando'), event: Text(60), fromStatus: Nullable(Text(30)), toStatus: Nullable(Text(30)), toStatusLabel: Nullable(Text(100)),
    by: Text(300, "«Tu», o l'ufficio"), note: Nullable(Text(20_000)),
  })),
  messages: List(Obj({
    at: DateTime('scritto il'), from: Text(10, 'citizen o office'), author: Text(300, "«Tu», o l'ufficio"), body: Text(20_000),
    readAt: Nullable(DateTime("letto dall'altra parte il")), files: List(FileMeta),
  }), "i messaggi con l'ufficio sulla pratica"),
  documents: List(Obj({
    kind: Text(20, 'receipt (ricevuta), response (provvedimento), notice (comunicazione)'), kindLabel: Text(100), title: Text(300),
    fileName: Text(300), size: Count('byte'), sha256: Text(64), verificationCode: Text(40), issuedAt: DateTime('emesso il'),
    revokedAt: Nullable(DateTime('revocato il')), protocol: Nullable(Text(40)),
  }), "i documenti emessi dall'ente sulla pratica (i file si scaricano dalla pratica)"),
  rating: Nullable(Obj({ score: Count('da 1 a 5'), reason: Nullable(Text(200)), comment: Nullable(Text(2000)), at: DateTime('data') })),
});

const Applications = Section({ items: List(Application) },
  'Le pratiche: quelle che hai presentato (anche per un figlio o un\'impresa) e quelle presentate per te da altri.');

// ---- payments, desk, certificates ------------------------------------------------------------------------------

const Payments = Section({
  items: List(Obj({
    id: Id(), body: BodyRef, description: Text(500), purpose: Text(30), purposeLabel: Text(100),
    application: Nullable(Obj({ id: Id(), code: Text(60) })),
    debtor: Obj({ name: Text(300), fiscalCode: Text(16) }),
    amountCents: Cents('importo in centesimi'), amount: Text(40, 'importo in euro'),
    items: List(Obj({ label: Text(300), kind: Text(30), amountCents: Cents('centesimi') })),
    noticeNumber: Text(18, 'codice avviso pagoPA'), iuv: Text(40),
    dueDate: Day('scadenza'), status: Text(20), statusLabel: Text(100), statusReason: Nullable(Text(1000)),
    createdAt: DateTime('creato il'), paidAt: Nullable(DateTime('pagato il')), paidAmountCents: Nullable(Cents('pagato, in centesimi')),
    receipt: Nullable(Obj({ receiptId: Text(100), psp: Text(200), channel: Text(100), paidAt: Text(40), refundId: Nullable(Text(100)) })),
    history: List(Obj({ at: DateTime('quando'), event: Text(60), fromStatus: Nullable(Text(20)), toStatus: Nullable(Text(20)), note: Nullable(Text(2000)) })),
  })),
}, 'I pagamenti pagoPA a tuo nome o fatti da te, con le ricevute.');

const Ticket = Obj({
  label: Text(20, 'il numero'), day: Day('giorno'), status: Text(20), issuedAt: DateTime('emesso il'),
  calledAt: Nullable(DateTime('chiamato il')), finishedAt: Nullable(DateTime('concluso il')),
});

const Appointments = Section({
  items: List(Obj({
    id: Id(), code: Text(40, 'il codice della prenotazione'), body: BodyRef, office: Text(300), service: Text(300),
    startsAt: DateTime('inizio'), endsAt: DateTime('fine'), status: Text(20), statusLabel: Text(100),
    channel: Text(20, 'online, phone o desk'), reason: Text(2000), email: Nullable(Text(254)), phone: Nullable(Text(40)),
    bookedAt: DateTime('prenotato il'), cancelledAt: Nullable(DateTime('annullato il')), cancelledBy: Nullable(Text(20)),
    checkedInAt: Nullable(DateTime('arrivo registrato il')), reminderSentAt: Nullable(DateTime('promemoria inviato il')),
    ticket: Nullable(Ticket, 'il numero di coda dato all\'arrivo'),
  })),
}, 'Gli appuntamenti agli sportelli, con il numero di coda dato all\'arrivo.');

const DeskContacts = Section({
  items: List(Obj({
    at: DateTime('quando'), body: BodyRef, office: Text(300), channel: Text(20), reason: Text(2000), outcome: Text(40), outcomeLabel: Text(100),
    note: Nullable(Text(4000)), service: Nullable(Text(300)), application: Nullable(Text(60, 'il codice della pratica')), ticket: Nullable(Text(20, 'il numero di coda')),
  })),
}, 'I contatti che gli sportelli hanno registrato con te (di persona, al telefono, per e-mail).');

const Certificates = Section({
  items: List(Obj({
    id: Id(), kind: Text(20), title: Text(200), body: BodyRef, about: Text(300, 'di chi è il certificato'),
    issuedAt: DateTime('emesso il'), validUntil: Nullable(Day('valido fino al')), verificationCode: Text(40),
    file: Obj({ fileName: Text(300), size: Count('byte'), sha256: Text(64) }),
    revokedAt: Nullable(DateTime('revocato il')), revokedReason: Nullable(Text(1000)),
    content: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { description: 'quello che il certificato riporta, com\'è stato emesso' }),
  })),
}, 'I certificati anagrafici che hai scaricato, per te o per i figli minori.');

// ---- messages, advice, favourites, reports ----------------------------------------------------------------------

const Notifications = Section({
  items: List(Obj({
    at: DateTime('creato il'), body: BodyRef, kind: Nullable(Text(40)), kindLabel: Nullable(Text(200)), channel: Text(10), channelLabel: Text(60),
    address: Nullable(Text(254, "l'indirizzo a cui è stato inviato")), subject: Text(500), text: Text(20_000),
    status: Text(20), statusLabel: Text(100), legal: Type.Boolean({ description: 'comunicazione dovuta per legge' }),
    sentAt: Nullable(DateTime('inviato il')), deliveredAt: Nullable(DateTime('consegnato il')), readAt: Nullable(DateTime('letto il')),
    application: Nullable(Text(60, 'il codice della pratica')),
  })),
}, 'I messaggi e gli avvisi che Sportello ti ha mandato: nell\'area personale, per e-mail, PEC, SMS o app IO.');

const Recommendations = Section({
  items: List(Obj({
    kind: Text(20), kindLabel: Text(100), title: Text(500), message: Text(4000), reason: Text(2000), link: Text(500), about: Text(300, 'per chi'),
    body: Nullable(BodyRef), createdAt: DateTime('creato il'), expiresAt: Nullable(DateTime('non valido dal')), readAt: Nullable(DateTime('letto il')),
    dismissedAt: Nullable(DateTime('nascosto da te il')),
  })),
}, 'I consigli «Per te» che Sportello ha preparato per te dai dati degli enti.');

const Favourites = Section({
  items: List(Obj({ service: Obj({ id: Id(), title: Text(300) }), body: BodyRef, addedAt: DateTime('aggiunto il') })),
}, 'I servizi che hai segnato con la stella.');

const DataReports = Section({
  items: List(Obj({
    id: Id(), body: BodyRef, office: Nullable(Text(300)), item: Text(40), itemLabel: Text(100), shownValue: Text(4000, 'il valore che la pagina mostrava'),
    correction: Text(4000, 'che cosa hai scritto che è giusto'), status: Text(20), statusLabel: Text(100), answer: Nullable(Text(4000, "la risposta dell'ufficio")),
    createdAt: DateTime('inviata il'), handledAt: Nullable(DateTime("l'ultima azione dell'ufficio")),
  })),
}, 'Le segnalazioni di un dato errato che hai inviato, con la risposta dell\'ufficio.');

// ---- social services -------------------------------------------------------------------------------------------

const SocialCase = Obj({
  reference: Text(40, 'il numero della cartella'), comune: Text(300),
  sector: Text(300), targetArea: Text(300), status: Text(100), closeReason: Nullable(Text(200)), closeNote: Nullable(Text(2000)),
  firstContactOn: Day('primo contatto'), openedOn: Day('aperta il'), inChargeOn: Nullable(Day('presa in carico il')), closedOn: Nullable(Day('chiusa il')),
  nextReviewOn: Nullable(Day('prossima verifica')),
  professionals: List(Obj({ role: Text(100), name: Text(300, "il nome, dove l'ente ha deciso di mostrarlo; altrimenti «Un operatore»"), since: Day('dal') })),
  household: List(Obj({ relation: Text(100), name: Text(300), birthYear: Nullable(Type.Integer({ format: 'int32' })) })),
  isee: Nullable(Obj({ dsuProtocol: Text(100), dsuYear: Type.Integer({ format: 'int32' }), dsuDate: Day('data della DSU'), valueCents: Cents('valore ISEE in centesimi'), validUntil: Day('valido fino al') })),
  health: Nullable(Text(20_000, 'i dati relativi alla salute annotati nella cartella (categoria particolare, art. 9 GDPR)')),
  sina: Nullable(List(LabelValue), 'la valutazione della non autosufficienza (SINA) trasmessa al Casellario dell\'Assistenza'),
  interventions: List(Obj({
    code: Text(20), type: Text(300), status: Text(100), requestedOn: Day('richiesto il'), authorisedOn: Nullable(Day('autorizzato il')),
    startOn: Nullable(Day('dal')), endOn: Nullable(Day('al')), requestProtocol: Nullable(Text(60)), meansTest: Text(200), periodicity: Text(100),
    amountCents: Nullable(Cents('importo')), monthlyAmountCents: Nullable(Cents('importo mensile')), periodMonths: Nullable(Type.Integer({ format: 'int32' })),
    shareBodyCents: Nullable(Cents("quota dell'ente")), shareUserCents: Nullable(Cents('quota a tuo carico')), shareHealthCents: Nullable(Cents('quota sanitaria')),
    hoursMonthly: Nullable(Type.Number({ format: 'double', description: 'ore al mese' })), note: Nullable(Text(2000)), sentToInpsAt: Nullable(DateTime("trasmesso al Casellario dell'Assistenza il")),
  })),
  diary: List(Obj({ on: Day('giorno'), kind: Text(100), author: Text(300) }), 'le annotazioni del diario professionale: data, tipo e autore (il testo non è incluso: vedi notIncluded)'),
  history: List(Obj({ at: DateTime('quando'), event: Text(60), fromStatus: Nullable(Text(100)), toStatus: Nullable(Text(100)), by: Text(300), note: Nullable(Text(2000)) })),
});

const SocialServices = Section({
  items: List(Obj({
    district: BodyRef,
    comune: Text(300),
    person: Obj({ givenName: Text(200), familyName: Text(200), birthDate: Nullable(Day('data di nascita')), address: Nullable(Text(500)), phone: Nullable(Text(40)) }),
    contacts: List(Obj({
      on: Day('giorno'), comune: Text(300), channel: Text(100), requester: Text(100, 'chi si è rivolto al servizio'), need: Text(200),
      needInYourWords: Nullable(Text(4000, 'il bisogno come lo hai descritto tu (solo quando ti sei rivolto tu al servizio)')),
      answer: Text(200), referralTo: Nullable(Text(300)), privacyNoticeGiven: Type.Boolean(), caseReference: Nullable(Text(40)),
    })),
    cases: List(SocialCase),
  })),
}, "Quello che i servizi sociali dell'ambito tengono su di te: primi contatti e cartelle sociali.");

// ---- who read the data, security, what is left out ---------------------------------------------------------------

const AccessLog = Section({
  total: Count('quanti accessi'),
  items: List(Obj({
    at: DateTime('quando'), body: BodyRef, office: Nullable(Text(300)), who: Text(300), operation: Text(300), data: Text(500, 'quali dati'),
    whose: Text(300, 'di chi sono i dati: «Tu» o il nome'), purpose: Text(1000), legalBasis: Text(1000),
    deferred: Nullable(Obj({ until: DateTime('fino a'), reason: Text(1000) }), 'la notizia di questo accesso è stata differita per legge'),
  })),
}, 'Chi ha consultato i tuoi dati (e quelli dei figli minori e delle imprese per cui agisci per legge): come nella pagina «Chi ha consultato i miei dati».');

const SignIns = Section({
  items: List(Obj({ at: DateTime('quando'), action: Text(60), actionLabel: Text(200), details: Text(500) })),
}, 'Gli accessi alla tua area personale e le operazioni di sicurezza registrate nel registro di audit.');

const NotIncluded = Section({
  items: List(Obj({ key: Text(60, 'stabile'), what: Text(500), why: Text(4000), how: Text(2000, 'come ottenerlo') })),
}, 'Che cosa non è in questo file e perché.');

const About = Section({
  purposes: Text(4000),
  rights: Text(4000),
  bodies: List(BodyRef, 'gli enti titolari dei dati che compaiono in questo file'),
}, 'Come leggere questo file, per quali finalità gli enti trattano i dati, i tuoi diritti.');

export const DataExportSchema = Type.Object({
  format: Type.Literal('sportello.dati-personali', { description: 'che cosa è questo file' }),
  version: Type.Literal(1, { format: 'int32', description: 'la versione di questo formato' }),
  title: Text(100),
  generatedAt: DateTime('quando è stato preparato'),
  person: Obj({ fiscalCode: Text(16), name: Text(300) }),
  sections: Obj({
    about: About,
    profile: Profile,
    contacts: Contacts,
    preferences: Preferences,
    registry: Registry,
    companies: Companies,
    delegations: Delegations,
    applications: Applications,
    payments: Payments,
    appointments: Appointments,
    deskContacts: DeskContacts,
    certificates: Certificates,
    notifications: Notifications,
    recommendations: Recommendations,
    favourites: Favourites,
    dataReports: DataReports,
    socialServices: SocialServices,
    accessLog: AccessLog,
    signIns: SignIns,
    notIncluded: NotIncluded,
  }, 'una proprietà per sezione, sempre presente (vuota se non ci sono dati)'),
}, { $id: 'PersonalDataExport', additionalProperties: false });

export type DataExport = Static<typeof DataExportSchema>;
export type Sections = DataExport['sections'];
export type SectionKey = keyof Sections;
export type ApplicationItem = Sections['applications']['items'][number];
export type SocialItem = Sections['socialServices']['items'][number];

/** A 401 that may also say where to sign in again at a higher SPID/CIE level (platform/access.ts requireLevel). */
export const StepUpProblem = Type.Object({
  ...Problem.properties,
  loginUrl: Type.Optional(Text(2000, "dove accedere di nuovo al livello richiesto (solo per type step-up-required)")),
}, { description: 'RFC 7807 problem details' });

export const EXPORT_FORMATS = ['json', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportQuery = Type.Object({
  format: Type.Optional(Type.Unsafe<ExportFormat>(Type.String({
    enum: [...EXPORT_FORMATS], maxLength: 4, description: 'json o pdf; senza, decide l\'intestazione Accept (application/json o application/pdf), e se non dice nulla JSON',
  }))),
}, { additionalProperties: false });
export type ExportQuery = Static<typeof ExportQuery>;
