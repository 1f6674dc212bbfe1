/** Demo services: Anagrafe, Stato civile ed Elettorale (category civil_registry, with the electoral registers). */
import type { ServiceInput } from '../../../../contracts/catalog.ts';
import {
  BOLLO,
  FREE,
  SPID_FORM,
  URL,
  build,
  cost,
  deskOnly,
  eur,
  onlineAndDesk,
  pick,
  type ComuneProfile,
  type ComuneService,
} from './services-common.ts';

// ---------------------------------------------------------------------------------------------------------------
// Anagrafe
// ---------------------------------------------------------------------------------------------------------------

const cartaIdentita: ComuneService = (p) => ({
  slug: 'carta-identita-elettronica',
  title: "Carta d'identità elettronica (CIE)",
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "Richiedi o rinnova la carta d'identità elettronica: prenota l'appuntamento in Anagrafe e ricevi la CIE a casa entro 6 giorni lavorativi.",
  description:
    "La carta d'identità elettronica (CIE) è il documento personale di riconoscimento rilasciato dal Ministero dell'Interno e prodotto dall'Istituto Poligrafico e Zecca dello Stato. Vale come documento di viaggio nei Paesi che la accettano e, con il PIN, permette di accedere ai servizi online della pubblica amministrazione.\n\nIl rinnovo si può chiedere nei 180 giorni che precedono la scadenza oppure in caso di furto, smarrimento o deterioramento. Chi ha ancora la carta d'identità cartacea deve sostituirla: dal 3 agosto 2026 non è più valida (Regolamento UE 2019/1157).",
  audienceDescription: `Cittadini italiani e stranieri residenti nel ${p.ente}. Chi non è residente può presentare la richiesta in qualsiasi Comune, che chiede il nulla osta al Comune di residenza.`,
  audiences: ['citizens'],
  lifeEvents: ['travel_abroad', 'change_of_residence'],
  howTo: [
    `Prenota l'appuntamento su Sportello o sull'Agenda CIE del Ministero dell'Interno, scegliendo l'Anagrafe del ${p.ente}.`,
    'Presentati allo sportello con il documento scaduto (o la denuncia di furto o smarrimento), la tessera sanitaria e una fototessera recente.',
    "L'operatore verifica i dati, acquisisce le impronte digitali e ti chiede se vuoi esprimere il consenso alla donazione di organi e tessuti.",
    'Paga il corrispettivo con pagoPA o con carta allo sportello e conserva la ricevuta: contiene la prima metà dei codici PIN e PUK.',
    pick(
      p,
      "Ricevi la carta con raccomandata all'indirizzo indicato oppure ritirala in Anagrafe.",
      "Ricevi la carta con raccomandata all'indirizzo indicato oppure ritirala in Comune il sabato mattina.",
    ),
  ],
  requirements: [
    "Documento d'identità scaduto o in scadenza; in caso di furto o smarrimento, la denuncia presentata alle Forze dell'ordine",
    'Tessera sanitaria o altro documento con il codice fiscale',
    'Una fototessera recente a colori, su sfondo chiaro, conforme agli standard ICAO (si può caricare online al momento della prenotazione)',
    "Per i minori: presenza del minore e, per la carta valida per l'espatrio, di entrambi i genitori o l'assenso scritto del genitore assente con copia del suo documento",
    'Per i cittadini stranieri: passaporto o documento equipollente e permesso di soggiorno in corso di validità',
  ],
  output:
    "La carta d'identità elettronica, valida 3 anni per i minori di 3 anni, 5 anni dai 3 ai 18 anni e 10 anni per i maggiorenni, con scadenza nel giorno del compleanno.",
  timeLimits:
    "La carta è prodotta dall'Istituto Poligrafico e Zecca dello Stato e consegnata entro 6 giorni lavorativi dalla richiesta. Il rinnovo si può chiedere nei 180 giorni che precedono la scadenza.",
  maxDays: 6,
  access: deskOnly(
    pick(
      p,
      "Prenota un appuntamento ai Servizi demografici: la richiesta va presentata di persona per le impronte digitali. Appuntamenti anche il giovedì pomeriggio.",
      "Prenota un appuntamento all'Anagrafe: la richiesta va presentata di persona per le impronte digitali. Appuntamenti anche il sabato mattina.",
    ),
  ),
  conditions:
    "La carta valida per l'espatrio non è rilasciata a chi si trova in una delle condizioni che impediscono il rilascio del passaporto (L. 1185/1967, art. 3). I dati personali sono trattati dal Ministero dell'Interno e dal Comune per il solo rilascio del documento.",
  costs: [
    cost(eur(22.21), 'Primo rilascio o rinnovo alla scadenza: 16,79 euro di corrispettivo allo Stato e 5,42 euro di diritti comunali'),
    cost(eur(27.63), 'Duplicato per furto, smarrimento o deterioramento: 16,79 euro allo Stato e 10,84 euro di diritti comunali'),
  ],
  legalBasis: [
    'R.D. 773/1931 (TULPS), art. 3',
    'DL 78/2010, art. 10, c. 3 (conv. L. 122/2010)',
    'DM Interno 23 dicembre 2015 (modalità tecniche di emissione della CIE)',
    'DM Economia e Finanze 25 maggio 2016 (importo del corrispettivo)',
    'Regolamento (UE) 2019/1157',
  ],
  keywords: ['CIE', "carta d'identità", 'carta di identità', "documento d'identità", 'documento di riconoscimento', 'rinnovo', 'espatrio'],
  officeCode: p.office.anagrafe,
});

const iscrizioneAnagrafica: ComuneService = (p) => ({
  slug: 'iscrizione-anagrafica-trasferimento-residenza',
  title: 'Iscrizione anagrafica per trasferimento di residenza',
  category: 'civil_registry',
  status: 'active',
  shortDescription: `Cambio di residenza: dichiara il trasferimento nel ${p.ente} da un altro Comune o dall'estero, online o allo sportello.`,
  description: `Chi va ad abitare stabilmente nel ${p.ente} deve dichiarare il trasferimento di residenza entro 20 giorni. La dichiarazione riguarda tutte le persone della famiglia che si trasferiscono insieme e si può presentare online, con l'Anagrafe nazionale (ANPR), o all'Ufficio Anagrafe.\n\nLa registrazione avviene entro 2 giorni lavorativi; nei 45 giorni successivi la Polizia locale accerta che tu abiti davvero all'indirizzo dichiarato.`,
  audienceDescription:
    "Cittadini italiani, dell'Unione europea e di Paesi terzi che si trasferiscono da un altro Comune italiano o rientrano dall'estero (compresi gli iscritti all'AIRE).",
  audiences: ['citizens'],
  lifeEvents: ['change_of_residence', 'housing'],
  howTo: [
    "Compila la dichiarazione online su ANPR oppure il modulo ministeriale, indicando tutte le persone che si trasferiscono con te.",
    'Allega i documenti richiesti e il titolo che ti consente di abitare nell\'alloggio (proprietà, affitto, comodato o dichiarazione del proprietario).',
    `Se non usi ANPR, invia il modulo firmato via PEC a ${p.pec}, con e-mail o presentalo allo sportello.`,
    "Entro 2 giorni lavorativi ricevi la comunicazione di avvenuta registrazione; la Polizia locale passerà per l'accertamento.",
    'Se entro 45 giorni non ricevi comunicazioni, la residenza è confermata (silenzio-assenso).',
  ],
  requirements: [
    "Documento d'identità di chi presenta la dichiarazione e delle persone maggiorenni che si trasferiscono",
    'Codice fiscale di tutte le persone',
    "Titolo di occupazione dell'alloggio: contratto di proprietà, di affitto registrato, di comodato, o dichiarazione del proprietario",
    'Per i cittadini di Paesi terzi: passaporto e permesso di soggiorno valido o ricevuta della domanda di rinnovo',
    'Per i cittadini UE: documentazione su lavoro, studio o risorse economiche e assicurazione sanitaria (D.Lgs. 30/2007)',
    'Numero di patente e targhe dei veicoli intestati, per aggiornare la Motorizzazione',
  ],
  output:
    "L'iscrizione nell'anagrafe della popolazione residente del Comune, con effetto dalla data della dichiarazione. Da quel giorno puoi chiedere certificati e la carta d'identità con il nuovo indirizzo.",
  timeLimits:
    'Registrazione entro 2 giorni lavorativi dalla dichiarazione; accertamenti e conclusione del procedimento entro 45 giorni, dopo i quali vale il silenzio-assenso (DL 5/2012, art. 5).',
  maxDays: 45,
  access: onlineAndDesk(
    "Presenta la dichiarazione online su ANPR con SPID o CIE: il Comune la riceve subito e ti risponde nella tua area personale.",
    "Puoi presentare la dichiarazione all'Ufficio Anagrafe, su appuntamento, o inviarla via PEC o e-mail.",
    { onlineUrl: URL.anpr },
  ),
  conditions:
    "Chi dichiara il falso decade dai benefici ottenuti ed è denunciato (DPR 445/2000, artt. 75 e 76). Non si può chiedere la residenza in un alloggio occupato abusivamente (DL 47/2014, art. 5).",
  costs: FREE,
  legalBasis: [
    'DPR 223/1989 (Regolamento anagrafico), artt. 13 e 18',
    'DL 5/2012, art. 5 (conv. L. 35/2012) - residenza in tempo reale',
    'DL 47/2014, art. 5 (conv. L. 80/2014)',
    'D.Lgs. 30/2007 (cittadini UE)',
    'DPR 445/2000, artt. 46, 47, 75 e 76',
  ],
  keywords: ['residenza', 'cambio di residenza', 'trasferimento', 'immigrazione', 'ANPR', 'nuovo indirizzo', 'rientro dall\'estero'],
  officeCode: p.office.anagrafe,
});

const cambioAbitazione: ComuneService = (p) => ({
  slug: 'cambio-abitazione-stesso-comune',
  title: 'Cambio di abitazione nello stesso Comune',
  category: 'civil_registry',
  status: 'active',
  shortDescription: `Cambio di residenza all'interno del ${p.ente}: comunica il nuovo indirizzo online o allo sportello, senza costi.`,
  description:
    "Se ti trasferisci in un'altra abitazione dello stesso Comune devi dichiarare il nuovo indirizzo entro 20 giorni. La procedura è la stessa della residenza: registrazione immediata e accertamento della Polizia locale.\n\nIl Comune comunica il nuovo indirizzo alla Motorizzazione, che ti invia il tagliando per la patente e la carta di circolazione.",
  audienceDescription: `Residenti nel ${p.ente} che cambiano abitazione all'interno del territorio comunale.`,
  audiences: ['citizens'],
  lifeEvents: ['change_of_residence', 'housing'],
  howTo: [
    'Compila la dichiarazione online su ANPR o il modulo di cambio di abitazione.',
    'Indica tutte le persone che si spostano con te e allega il titolo che ti consente di abitare nel nuovo alloggio.',
    "Invia la dichiarazione o presentala all'Ufficio Anagrafe.",
    'Attendi la visita della Polizia locale: se entro 45 giorni non ricevi comunicazioni, il cambio è confermato.',
  ],
  requirements: [
    "Documento d'identità del dichiarante",
    'Dati di tutte le persone che cambiano abitazione',
    "Titolo di occupazione del nuovo alloggio (proprietà, affitto, comodato o dichiarazione del proprietario)",
    'Numero di patente e targhe dei veicoli intestati',
  ],
  output: 'La variazione di indirizzo in anagrafe, con effetto dalla data della dichiarazione.',
  timeLimits: 'Registrazione entro 2 giorni lavorativi; conclusione entro 45 giorni con silenzio-assenso (DL 5/2012, art. 5).',
  maxDays: 45,
  access: onlineAndDesk(
    'Presenta la dichiarazione online su ANPR con SPID o CIE.',
    "Presenta la dichiarazione all'Ufficio Anagrafe o inviala via PEC o e-mail.",
    { onlineUrl: URL.anpr, bookable: false },
  ),
  conditions: 'Le dichiarazioni false comportano la decadenza dai benefici e la denuncia (DPR 445/2000, artt. 75 e 76).',
  costs: FREE,
  legalBasis: ['DPR 223/1989, art. 13, c. 1, lett. c)', 'DL 5/2012, art. 5 (conv. L. 35/2012)', 'DPR 445/2000, artt. 75 e 76'],
  keywords: ['cambio di indirizzo', 'cambio di residenza', 'residenza', 'trasloco', 'ANPR', 'variazione indirizzo'],
  officeCode: p.office.anagrafe,
});

const certificatoParams = (p: ComuneProfile, kind: 'residenza' | 'famiglia') => ({
  name: kind === 'residenza' ? 'Certificato di residenza' : 'Certificato di stato di famiglia',
  attests:
    kind === 'residenza'
      ? "l'indirizzo di residenza di una persona iscritta nell'anagrafe del Comune"
      : 'la composizione della famiglia anagrafica: le persone che vivono insieme allo stesso indirizzo',
  office: p.office.anagrafe,
});

const certificato = (kind: 'residenza' | 'famiglia'): ComuneService => (p) => {
  const c = certificatoParams(p, kind);
  return {
    slug: kind === 'residenza' ? 'certificato-di-residenza' : 'certificato-stato-di-famiglia',
    title: c.name,
    category: 'civil_registry',
    status: 'active',
    shortDescription: `Scarica gratis online il ${c.name.toLowerCase()} da ANPR o richiedilo allo sportello dell'Anagrafe.`,
    description: `Il ${c.name.toLowerCase()} attesta ${c.attests}. Online, dal portale dell'Anagrafe nazionale (ANPR), lo puoi scaricare gratuitamente per te e per i componenti della tua famiglia.\n\nI certificati non possono essere chiesti dalle pubbliche amministrazioni né dai gestori di pubblici servizi: con loro basta un'autocertificazione.`,
    audienceDescription:
      'Chiunque, per sé o per altre persone residenti; online solo per sé e per i componenti della propria famiglia anagrafica.',
    audiences: ['citizens', 'professionals'],
    lifeEvents: kind === 'residenza' ? ['change_of_residence'] : ['birth', 'marriage'],
    howTo: [
      'Accedi ad ANPR con SPID, CIE o CNS e scegli il certificato, oppure presentati allo sportello.',
      "Indica l'uso del certificato: l'uso determina se è dovuta l'imposta di bollo.",
      'Scarica il PDF con il sigillo elettronico, oppure ritira il certificato allo sportello.',
    ],
    requirements: [
      "Online: identità digitale SPID, CIE o CNS",
      "Allo sportello: documento d'identità e dati della persona a cui si riferisce il certificato",
      "Per l'esenzione dal bollo: indicazione della norma che la prevede (ad es. uso pensione, adozione, procedimenti giudiziari)",
    ],
    output: `Il ${c.name.toLowerCase()}, valido 6 mesi dalla data di rilascio.`,
    timeLimits: 'Rilascio immediato, online e allo sportello.',
    maxDays: 0,
    access: onlineAndDesk(
      'Scarica il certificato da ANPR con SPID, CIE o CNS: è gratuito e valido come quello rilasciato allo sportello.',
      "Richiedi il certificato all'Ufficio Anagrafe negli orari di apertura, senza appuntamento.",
      { onlineUrl: URL.anpr, bookable: false },
    ),
    conditions:
      'Il certificato non può essere prodotto agli organi della pubblica amministrazione o ai privati gestori di pubblici servizi (DPR 445/2000, art. 40, come modificato dalla L. 183/2011).',
    costs: [
      cost(0, 'Online da ANPR: gratuito'),
      cost(BOLLO + 52, "Allo sportello: marca da bollo da 16 euro e 0,52 euro di diritti di segreteria"),
      cost(26, "Allo sportello, per gli usi esenti dal bollo: 0,26 euro di diritti di segreteria"),
    ],
    legalBasis: [
      'DPR 223/1989, art. 33',
      'DPR 445/2000, art. 40',
      'DPR 642/1972 (imposta di bollo) e tabella allegato B',
      'L. 604/1962, tabella D (diritti di segreteria)',
    ],
    keywords:
      kind === 'residenza'
        ? ['residenza', 'certificato anagrafico', 'ANPR', 'certificato online']
        : ['stato di famiglia', 'famiglia anagrafica', 'certificato anagrafico', 'ANPR', 'certificato online'],
    officeCode: c.office,
  };
};

const espatrioAire: ComuneService = (p) => ({
  slug: 'trasferimento-residenza-estero-aire',
  title: "Trasferimento della residenza all'estero (iscrizione AIRE)",
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "Se ti trasferisci all'estero per più di 12 mesi, dichiaralo al Consolato: il Comune ti iscrive all'AIRE e ti cancella dall'anagrafe.",
  description: `I cittadini italiani che si trasferiscono all'estero per più di 12 mesi devono iscriversi all'Anagrafe degli italiani residenti all'estero (AIRE) entro 90 giorni dall'arrivo. La dichiarazione si presenta al Consolato competente, anche online con il portale Fast It del Ministero degli Esteri; il ${p.ente} riceve la pratica e aggiorna l'anagrafe.\n\nCon l'iscrizione all'AIRE puoi votare per corrispondenza e ottenere documenti e certificati dall'estero.`,
  audienceDescription: `Cittadini italiani residenti nel ${p.ente} che si trasferiscono stabilmente all'estero.`,
  audiences: ['citizens'],
  lifeEvents: ['moving_abroad'],
  howTo: [
    'Entro 90 giorni dal trasferimento presenta la dichiarazione al Consolato italiano competente, anche online con Fast It.',
    'Il Consolato trasmette la pratica al Comune, che iscrive te e i tuoi familiari all\'AIRE.',
    'Ricevi la conferma dal Consolato; da quel momento le comunicazioni elettorali arrivano al nuovo indirizzo.',
  ],
  requirements: [
    'Documento di identità o passaporto',
    "Documentazione che prova la residenza nel Paese estero (ad esempio contratto d'affitto, bollette, permesso di residenza)",
  ],
  output: "L'iscrizione all'AIRE del Comune e la cancellazione dall'anagrafe dei residenti.",
  timeLimits:
    "La dichiarazione va presentata al Consolato entro 90 giorni dall'arrivo all'estero; il Comune registra l'iscrizione, di norma in pochi giorni, dopo aver ricevuto la pratica consolare.",
  maxDays: 30,
  access: deskOnly(`Per informazioni puoi rivolgerti all'Ufficio Anagrafe del ${p.ente}; la dichiarazione si presenta al Consolato.`, false),
  conditions:
    "L'iscrizione all'AIRE è un obbligo: chi non si iscrive può incorrere in sanzioni amministrative (L. 470/1988, come modificata dalla L. 213/2023).",
  costs: FREE,
  legalBasis: ['L. 470/1988', 'DPR 323/1989', 'DPR 223/1989, art. 11'],
  keywords: ['AIRE', 'espatrio', 'trasferimento all\'estero', 'italiani all\'estero', 'emigrazione', 'Fast It'],
  officeCode: p.office.anagrafe,
});

const autentiche: ComuneService = (p) => ({
  slug: 'autentica-firma-copie-foto',
  title: 'Autenticazione di firme, copie e fotografie',
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "Autentica di firma su dichiarazioni e atti, copie conformi all'originale e legalizzazione di fotografie, allo sportello dell'Anagrafe.",
  description:
    "L'ufficiale d'anagrafe autentica la firma apposta in sua presenza su dichiarazioni sostitutive da presentare a privati, su istanze e sugli atti di vendita di beni mobili registrati (auto e moto). Attesta anche la conformità all'originale delle copie di documenti e legalizza le fotografie per i documenti di riconoscimento.\n\nPer le pubbliche amministrazioni l'autentica non serve: basta l'autocertificazione con la copia di un documento.",
  audienceDescription: 'Chiunque abbia un documento di riconoscimento valido, anche se non residente nel Comune.',
  audiences: ['citizens', 'businesses'],
  lifeEvents: ['vehicle_ownership', 'death'],
  howTo: [
    'Presentati allo sportello con il documento da firmare (non firmato) o con originale e copia.',
    "Firma davanti all'operatore, che verifica la tua identità.",
    "Paga il bollo e i diritti, se dovuti, e ritira l'atto autenticato.",
  ],
  requirements: [
    "Documento d'identità valido",
    "Il documento da sottoscrivere, non ancora firmato, oppure l'originale e la copia da autenticare",
    'Per il passaggio di proprietà di un veicolo: il certificato di proprietà o il documento unico del veicolo',
    'Marca da bollo da 16 euro, salvo i casi di esenzione',
  ],
  output: "L'atto o la copia con l'autentica dell'ufficiale d'anagrafe.",
  timeLimits: 'Rilascio immediato allo sportello.',
  maxDays: 0,
  access: deskOnly("Presentati all'Ufficio Anagrafe; per gli atti di vendita di veicoli è consigliato l'appuntamento."),
  conditions: "L'autentica richiede la presenza della persona che firma. Per le persone impossibilitate a recarsi in Comune è possibile l'autentica a domicilio su richiesta.",
  costs: [
    cost(BOLLO + 52, 'Autentica soggetta a bollo: marca da bollo da 16 euro e 0,52 euro di diritti di segreteria'),
    cost(26, 'Autentica esente da bollo: 0,26 euro di diritti di segreteria'),
    cost(pick(p, eur(5), eur(4)), 'Autentica a domicilio: diritti aggiuntivi'),
  ],
  legalBasis: ['DPR 445/2000, artt. 18, 21 e 34', 'DL 223/2006, art. 7 (conv. L. 248/2006)', 'DPR 642/1972'],
  keywords: ['autentica', 'autenticazione firma', 'copia conforme', 'legalizzazione foto', 'passaggio di proprietà', 'vendita auto'],
  officeCode: p.office.anagrafe,
});

const convivenza: ComuneService = (p) => ({
  slug: 'registrazione-convivenza-di-fatto',
  title: 'Registrazione di una convivenza di fatto',
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "Dichiara all'Anagrafe la convivenza di fatto tra due persone legate da un legame affettivo stabile, per ottenere i diritti previsti dalla L. 76/2016.",
  description:
    "La convivenza di fatto riguarda due persone maggiorenni, unite stabilmente da legami affettivi di coppia e di reciproca assistenza, che vivono insieme e non sono sposate o unite civilmente. La dichiarazione in Anagrafe dà accesso ai diritti previsti dalla legge, ad esempio in caso di malattia o ricovero, e permette di sottoscrivere un contratto di convivenza.\n\nI conviventi devono far parte della stessa famiglia anagrafica, cioè risiedere allo stesso indirizzo.",
  audienceDescription: `Coppie, anche dello stesso sesso, residenti insieme nel ${p.ente}.`,
  audiences: ['citizens'],
  lifeEvents: ['marriage'],
  howTo: [
    'Compila la dichiarazione di convivenza di fatto firmata da entrambi.',
    "Inviala via PEC o e-mail con la copia dei documenti, oppure presentala all'Ufficio Anagrafe.",
    "L'Anagrafe registra la convivenza e verifica la coabitazione.",
  ],
  requirements: [
    "Dichiarazione firmata da entrambi i conviventi",
    "Copia del documento d'identità di entrambi",
    'Eventuale contratto di convivenza redatto da un notaio o da un avvocato, da trasmettere entro 10 giorni',
  ],
  output: "La registrazione della convivenza di fatto in anagrafe e, su richiesta, il relativo certificato.",
  timeLimits: 'Registrazione entro 2 giorni lavorativi; accertamenti entro 45 giorni.',
  maxDays: 45,
  access: onlineAndDesk(SPID_FORM, "Presenta la dichiarazione all'Ufficio Anagrafe, su appuntamento."),
  conditions: 'Non possono registrare la convivenza persone legate da parentela, affinità, adozione, matrimonio o unione civile tra loro o con altre persone.',
  costs: FREE,
  legalBasis: ['L. 76/2016, art. 1, cc. 36-65', 'DPR 223/1989, artt. 4 e 13'],
  keywords: ['convivenza', 'conviventi', 'coppia di fatto', 'contratto di convivenza', 'legge Cirinnà'],
  officeCode: p.office.anagrafe,
});

// ---------------------------------------------------------------------------------------------------------------
// Stato civile
// ---------------------------------------------------------------------------------------------------------------

const nascita: ComuneService = (p) => ({
  slug: 'dichiarazione-di-nascita',
  title: 'Dichiarazione di nascita',
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "Dichiara la nascita di tua figlia o tuo figlio in ospedale entro 3 giorni oppure in Comune entro 10 giorni: l'atto di nascita è immediato.",
  description:
    "La nascita si dichiara entro 3 giorni alla direzione sanitaria dell'ospedale o entro 10 giorni all'Ufficio di Stato civile del Comune in cui è avvenuta o del Comune di residenza dei genitori. L'ufficiale di stato civile forma l'atto di nascita, attribuisce il codice fiscale e iscrive il bambino in anagrafe.\n\nSe i genitori non sono sposati, entrambi devono riconoscere il figlio, anche in momenti diversi.",
  audienceDescription: `Genitori residenti nel ${p.ente} o il cui figlio è nato nel territorio comunale; in loro assenza, il medico o l'ostetrica che hanno assistito al parto.`,
  audiences: ['citizens'],
  lifeEvents: ['birth'],
  howTo: [
    "Prenota l'appuntamento allo Stato civile entro 10 giorni dalla nascita.",
    "Presentati con l'attestazione di nascita rilasciata dal punto nascita e i documenti dei genitori.",
    "Indica il nome e il cognome: il figlio assume il cognome di entrambi i genitori nell'ordine da loro concordato, salvo l'accordo di attribuire il cognome di uno solo.",
    "Firma l'atto di nascita: il bambino è iscritto subito in anagrafe e riceve il codice fiscale.",
  ],
  requirements: [
    "Attestazione di nascita rilasciata dall'ostetrica o dal medico",
    "Documento d'identità dei genitori",
    'Per i genitori non sposati: presenza di entrambi per il riconoscimento',
  ],
  output: "L'atto di nascita, l'iscrizione anagrafica del neonato e il codice fiscale.",
  timeLimits: "Dichiarazione entro 10 giorni dalla nascita in Comune; l'atto è formato immediatamente.",
  maxDays: 0,
  access: deskOnly("Prenota un appuntamento all'Ufficio di Stato civile."),
  conditions: 'La dichiarazione tardiva (oltre i 10 giorni) richiede l\'indicazione dei motivi del ritardo, che l\'ufficiale segnala al Procuratore della Repubblica.',
  costs: FREE,
  legalBasis: ['DPR 396/2000, artt. 29-30', 'Codice civile, art. 250', 'Corte costituzionale, sentenza 131/2022 (cognome dei figli)'],
  keywords: ['nascita', 'neonato', 'atto di nascita', 'riconoscimento figlio', 'nuovo nato', 'cognome'],
  officeCode: p.office.statoCivile,
});

const pubblicazioni: ComuneService = (p) => ({
  slug: 'pubblicazioni-di-matrimonio',
  title: 'Pubblicazioni di matrimonio',
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "Chiedi le pubblicazioni di matrimonio, obbligatorie prima delle nozze civili o religiose con effetti civili: restano affisse online 8 giorni.",
  description:
    "Prima del matrimonio, civile o concordatario, l'ufficiale di stato civile verifica che non ci siano impedimenti e pubblica l'intenzione di sposarsi all'albo pretorio online per 8 giorni consecutivi. Le pubblicazioni si chiedono al Comune di residenza di uno dei due futuri sposi.\n\nIl matrimonio si può celebrare dal quarto giorno dopo la fine della pubblicazione ed entro 180 giorni.",
  audienceDescription: `Coppie in cui almeno uno dei futuri sposi risiede nel ${p.ente}.`,
  audiences: ['citizens'],
  lifeEvents: ['marriage'],
  howTo: [
    'Invia online la richiesta con i dati di entrambi e la data prevista per le nozze.',
    "L'ufficio acquisisce d'ufficio i documenti e ti propone una data per la firma del verbale.",
    'Firmate insieme il verbale di pubblicazione allo Stato civile.',
    "Dopo gli 8 giorni di affissione e i 3 giorni successivi ricevete il certificato di eseguite pubblicazioni, se vi sposate in un altro Comune o in chiesa.",
  ],
  requirements: [
    "Documento d'identità di entrambi",
    'Per il matrimonio religioso: richiesta del parroco o del ministro di culto',
    "Per i cittadini stranieri: nulla osta al matrimonio rilasciato dall'autorità del proprio Paese (Codice civile, art. 116)",
    'Marca da bollo da 16 euro (due marche se gli sposi risiedono in Comuni diversi)',
  ],
  output: "La pubblicazione all'albo pretorio e, se necessario, il certificato di eseguite pubblicazioni.",
  timeLimits: "Firma del verbale di norma entro 10 giorni dalla richiesta; pubblicazione per 8 giorni consecutivi; il matrimonio va celebrato entro 180 giorni.",
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, "Il verbale si firma di persona all'Ufficio di Stato civile, su appuntamento."),
  conditions: 'Per sposarsi occorre avere 18 anni (16 con autorizzazione del Tribunale per i minorenni) e non essere già vincolati da matrimonio o unione civile.',
  costs: [
    cost(BOLLO, 'Marca da bollo per la richiesta, se entrambi gli sposi risiedono nel Comune'),
    cost(2 * BOLLO, 'Marche da bollo se gli sposi risiedono in Comuni diversi'),
  ],
  legalBasis: ['Codice civile, artt. 84-101', 'DPR 396/2000, artt. 50-58', 'L. 69/2009, art. 32 (albo pretorio online)'],
  keywords: ['matrimonio', 'pubblicazioni', 'sposarsi', 'nozze', 'promessa di matrimonio', 'matrimonio religioso'],
  officeCode: p.office.statoCivile,
});

const matrimonioCivile: ComuneService = (p) => ({
  slug: 'celebrazione-matrimonio-civile',
  title: 'Celebrazione del matrimonio civile',
  category: 'civil_registry',
  status: 'active',
  shortDescription: pick(
    p,
    'Prenota la celebrazione del matrimonio civile nella Sala consiliare o a Villa Serena, dal lunedì al sabato.',
    'Prenota la celebrazione del matrimonio civile nella Sala del Consiglio o nel Parco del Mulino, anche il sabato.',
  ),
  description: pick(
    p,
    "Il matrimonio civile è celebrato dal Sindaco o da un suo delegato nella Sala consiliare del Municipio o nella sala affrescata di Villa Serena. Servono due testimoni maggiorenni; gli sposi possono essere assistiti da un interprete se non parlano italiano.\n\nLa data si prenota dopo aver chiesto le pubblicazioni.",
    "Il matrimonio civile è celebrato dal Sindaco o da un suo delegato nella Sala del Consiglio o, da maggio a settembre, all'aperto nel Parco del Mulino. Servono due testimoni maggiorenni.\n\nLa data si prenota dopo aver chiesto le pubblicazioni.",
  ),
  audienceDescription: 'Coppie che hanno concluso le pubblicazioni, residenti o non residenti nel Comune.',
  audiences: ['citizens'],
  lifeEvents: ['marriage'],
  howTo: [
    'Verifica le date disponibili e prenota la sala online.',
    'Paga la tariffa con pagoPA almeno 15 giorni prima della celebrazione.',
    'Comunica i dati dei testimoni e, se serve, dell\'interprete.',
    'Il giorno delle nozze presentatevi con i documenti e i testimoni 15 minuti prima.',
  ],
  requirements: [
    'Pubblicazioni eseguite o delega da parte del Comune di residenza',
    "Documento d'identità degli sposi e dei due testimoni",
    'Per gli sposi non residenti: richiesta di delega del Comune che ha eseguito le pubblicazioni',
  ],
  output: "La celebrazione del matrimonio e la trascrizione dell'atto nei registri di stato civile.",
  timeLimits: 'Prenotazione almeno 30 giorni prima della data desiderata, nei 180 giorni di validità delle pubblicazioni.',
  maxDays: 30,
  access: onlineAndDesk('Prenota la sala e paga la tariffa online con SPID o CIE.', "Puoi prenotare anche all'Ufficio di Stato civile."),
  conditions: 'La tariffa non è rimborsabile se la rinuncia avviene meno di 15 giorni prima della celebrazione.',
  costs: pick(
    p,
    [
      cost(0, 'Residenti, Sala consiliare in orario di servizio (lunedì-venerdì)'),
      cost(eur(150), 'Residenti, sabato o Villa Serena'),
      cost(eur(400), 'Non residenti, qualunque sala e giorno'),
    ],
    [
      cost(0, 'Residenti, Sala del Consiglio in orario di servizio'),
      cost(eur(120), 'Residenti, sabato o Parco del Mulino'),
      cost(eur(300), 'Non residenti'),
    ],
  ),
  legalBasis: ['Codice civile, artt. 106-110', 'DPR 396/2000, art. 3 (uffici separati di stato civile)'],
  keywords: ['matrimonio civile', 'sposarsi in Comune', 'nozze', 'sala matrimoni', 'rito civile'],
  officeCode: p.office.statoCivile,
});

const unioneCivile: ComuneService = (p) => ({
  slug: 'costituzione-unione-civile',
  title: 'Costituzione di unione civile',
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "Richiedi la costituzione dell'unione civile tra persone dello stesso sesso: verifica dei requisiti entro 30 giorni, poi la cerimonia in Comune.",
  description:
    "Due persone maggiorenni dello stesso sesso possono costituire un'unione civile con una dichiarazione davanti all'ufficiale di stato civile e a due testimoni. La richiesta si presenta in qualsiasi Comune; l'ufficiale verifica i requisiti entro 30 giorni.\n\nCon l'unione civile le parti possono scegliere un cognome comune e acquistano diritti e doveri analoghi a quelli del matrimonio.",
  audienceDescription: 'Coppie di persone maggiorenni dello stesso sesso, residenti o non residenti nel Comune.',
  audiences: ['citizens'],
  lifeEvents: ['marriage'],
  howTo: [
    'Presenta la richiesta di costituzione, firmata da entrambe le parti.',
    "L'ufficio verifica l'assenza di impedimenti entro 30 giorni.",
    'Concordate con l\'ufficio la data della costituzione.',
    "Il giorno fissato rendete la dichiarazione davanti all'ufficiale e a due testimoni.",
  ],
  requirements: [
    "Documento d'identità delle parti e dei testimoni",
    "Per i cittadini stranieri: nulla osta dell'autorità del proprio Paese",
    'Marca da bollo da 16 euro sulla richiesta',
  ],
  output: "L'atto di costituzione dell'unione civile, registrato nell'archivio di stato civile.",
  timeLimits: "Verifica dei requisiti entro 30 giorni dalla richiesta; la costituzione avviene nella data concordata con l'ufficio.",
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, "Puoi presentare la richiesta all'Ufficio di Stato civile, su appuntamento."),
  conditions: 'Sono impedimenti: un matrimonio o unione civile in corso, la minore età, la parentela e l\'interdizione per infermità di mente.',
  costs: [cost(BOLLO, 'Marca da bollo sulla richiesta'), cost(0, 'Costituzione in sala comunale in orario di servizio: gratuita')],
  legalBasis: ['L. 76/2016, art. 1, cc. 1-35', 'DPCM 144/2016', 'D.Lgs. 5/2017'],
  keywords: ['unione civile', 'coppie dello stesso sesso', 'legge Cirinnà', 'unioni civili'],
  officeCode: p.office.statoCivile,
});

const separazioneDivorzio: ComuneService = (p) => ({
  slug: 'separazione-divorzio-in-comune',
  title: "Separazione e divorzio davanti all'ufficiale di stato civile",
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "Separazione consensuale, divorzio o modifica delle condizioni in Comune, senza avvocato, se non ci sono figli minori o trasferimenti di beni.",
  description:
    "I coniugi che sono d'accordo possono separarsi, divorziare o modificare le condizioni già stabilite con un accordo davanti al Sindaco, come ufficiale di stato civile, senza passare dal Tribunale. L'assistenza di un avvocato è facoltativa.\n\nDopo la prima dichiarazione, i coniugi tornano a confermare l'accordo non prima di 30 giorni.",
  audienceDescription: `Coniugi residenti nel ${p.ente} o che si sono sposati o hanno trascritto il matrimonio nel Comune.`,
  audiences: ['citizens'],
  lifeEvents: ['marriage'],
  howTo: [
    'Invia la richiesta con i dati dei coniugi e il tipo di accordo.',
    "L'ufficio verifica i requisiti e fissa l'appuntamento per la dichiarazione congiunta.",
    'Rendete insieme la dichiarazione davanti all\'ufficiale di stato civile.',
    "Tornate a confermarla non prima di 30 giorni: l'accordo produce effetti dalla data della prima dichiarazione.",
  ],
  requirements: [
    "Documento d'identità di entrambi i coniugi",
    'Per il divorzio: estremi della sentenza o dell\'accordo di separazione',
    "Eventuale indicazione dell'assegno periodico concordato",
  ],
  output: "L'accordo di separazione o di divorzio, annotato sull'atto di matrimonio.",
  timeLimits: 'Prima dichiarazione di norma entro 15 giorni dalla richiesta; conferma non prima di 30 giorni dalla prima dichiarazione.',
  maxDays: 60,
  access: onlineAndDesk(SPID_FORM, "Le dichiarazioni si rendono di persona all'Ufficio di Stato civile."),
  conditions:
    "La procedura non è ammessa se ci sono figli minori, figli maggiorenni incapaci, portatori di handicap grave o non economicamente autosufficienti, o se l'accordo prevede trasferimenti di beni.",
  costs: [cost(BOLLO, 'Diritto fisso dovuto al momento della prima dichiarazione (DL 132/2014, art. 12, c. 6)')],
  legalBasis: ['DL 132/2014, art. 12 (conv. L. 162/2014)', 'L. 898/1970'],
  keywords: ['separazione', 'divorzio', 'separazione consensuale', 'divorzio breve', 'accordo in Comune'],
  officeCode: p.office.statoCivile,
});

const denunciaMorte: ComuneService = (p) => ({
  slug: 'denuncia-di-morte',
  title: 'Denuncia di morte e permesso di seppellimento',
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "Denuncia del decesso entro 24 ore, di norma tramite l'impresa funebre, e rilascio dell'autorizzazione al trasporto e alla sepoltura.",
  description:
    "Il decesso va dichiarato entro 24 ore all'Ufficio di Stato civile del Comune in cui è avvenuto, da un familiare, da una persona delegata o dall'impresa funebre incaricata. Se la morte avviene in ospedale o in una struttura, la comunicazione è inviata dalla direzione sanitaria.\n\nL'ufficiale di stato civile forma l'atto di morte e rilascia l'autorizzazione al seppellimento; l'anagrafe è aggiornata in automatico.",
  audienceDescription: 'Familiari, conviventi o persone delegate; imprese funebri che agiscono su incarico della famiglia.',
  audiences: ['citizens', 'businesses'],
  lifeEvents: ['death'],
  howTo: [
    "Incarica un'impresa funebre, che di norma presenta la denuncia per conto della famiglia.",
    "Consegna all'ufficio la scheda ISTAT e il certificato del medico necroscopo.",
    "Ottieni l'atto di morte e l'autorizzazione al trasporto e al seppellimento.",
  ],
  requirements: [
    'Avviso di morte del medico curante o della struttura e scheda ISTAT di morte',
    'Certificato del medico necroscopo',
    "Documento d'identità del dichiarante e, per l'impresa funebre, l'incarico della famiglia",
  ],
  output: "L'atto di morte, l'autorizzazione al seppellimento e al trasporto della salma.",
  timeLimits: "Denuncia entro 24 ore dal decesso; l'atto e l'autorizzazione sono rilasciati immediatamente.",
  maxDays: 0,
  access: deskOnly(
    pick(
      p,
      "Presentati all'Ufficio di Stato civile negli orari di apertura, anche il sabato mattina, senza appuntamento.",
      "Presentati all'Ufficio di Stato civile negli orari di apertura, anche il sabato mattina; nei festivi è reperibile un ufficiale di stato civile.",
    ),
    false,
  ),
  conditions: "L'autorizzazione al seppellimento non può essere rilasciata prima di 24 ore dal decesso, salvo i casi previsti dal regolamento di polizia mortuaria.",
  costs: FREE,
  legalBasis: ['DPR 396/2000, artt. 71-74', 'DPR 285/1990 (Regolamento di polizia mortuaria)'],
  keywords: ['decesso', 'morte', 'lutto', 'funerale', 'atto di morte', 'sepoltura', 'impresa funebre'],
  officeCode: p.office.statoCivile,
});

const cremazione: ComuneService = (p) => ({
  slug: 'autorizzazione-cremazione-affido-ceneri',
  title: 'Autorizzazione alla cremazione, affidamento e dispersione delle ceneri',
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "Chiedi l'autorizzazione alla cremazione di un familiare e, se lo desideri, l'affidamento dell'urna o la dispersione delle ceneri.",
  description:
    "La cremazione è autorizzata dall'ufficiale di stato civile del Comune del decesso, sulla base della volontà espressa dalla persona defunta o, in mancanza, dal coniuge o dai parenti più prossimi. Con la stessa domanda si può chiedere di affidare l'urna a un familiare o di disperdere le ceneri nei luoghi consentiti.\n\nLa domanda è di norma presentata dall'impresa funebre insieme alla denuncia di morte.",
  audienceDescription: "Coniuge, unito civilmente o parenti più prossimi della persona defunta; imprese funebri su loro incarico.",
  audiences: ['citizens', 'businesses'],
  lifeEvents: ['death'],
  howTo: [
    'Presenta la domanda con la prova della volontà del defunto (testamento, iscrizione a una società di cremazione o dichiarazione dei familiari).',
    'Allega il certificato del medico necroscopo che esclude il sospetto di morte dovuta a reato.',
    "Ritira l'autorizzazione alla cremazione e, se richiesta, quella all'affidamento o alla dispersione.",
  ],
  requirements: [
    'Volontà del defunto o dichiarazione dei familiari aventi diritto',
    'Certificato del medico necroscopo',
    "Per l'affidamento: indicazione del luogo di conservazione dell'urna",
    'Due marche da bollo da 16 euro (domanda e autorizzazione)',
  ],
  output: "L'autorizzazione alla cremazione e, se richiesta, all'affidamento o alla dispersione delle ceneri.",
  timeLimits: "Rilascio di norma entro il giorno lavorativo successivo alla domanda completa.",
  maxDays: 2,
  access: deskOnly("Presenta la domanda all'Ufficio di Stato civile, di norma tramite l'impresa funebre.", false),
  conditions: pick(
    p,
    'La dispersione è consentita in natura, nelle aree private con il consenso del proprietario e nel giardino delle rimembranze del cimitero comunale.',
    'La dispersione è consentita in natura e nelle aree private con il consenso del proprietario; il cimitero di Valdoro non ha un giardino delle rimembranze.',
  ),
  costs: [cost(2 * BOLLO, 'Imposta di bollo sulla domanda e sull\'autorizzazione')],
  legalBasis: ['L. 130/2001', 'DPR 285/1990, artt. 79-81', 'DPR 396/2000, art. 74'],
  keywords: ['cremazione', 'ceneri', 'urna', 'dispersione ceneri', 'affido ceneri', 'funerale'],
  officeCode: p.office.statoCivile,
});

const concessioniCimiteriali: ComuneService = (p) => ({
  slug: 'concessione-loculi-cimiteriali',
  title: 'Concessione di loculi, ossari e tombe di famiglia',
  category: 'civil_registry',
  status: 'active',
  shortDescription: `Richiedi la concessione di un loculo, un ossario o un cinerario nel cimitero del ${p.ente}, anche in vita per sé e per il coniuge.`,
  description: pick(
    p,
    "Il Comune concede l'uso di loculi, ossari e cinerari nel cimitero di Castelrocca e in quello della frazione di San Vito, per la durata stabilita dal regolamento di polizia mortuaria. La concessione si può chiedere al momento del decesso o, per i maggiori di 70 anni, anche in vita per sé e per il coniuge.",
    "Il Comune concede l'uso di loculi, ossari e cinerari nel cimitero comunale di Valdoro per la durata stabilita dal regolamento. Le tombe di famiglia sono assegnate con bando, quando ci sono aree disponibili.",
  ),
  audienceDescription: 'Familiari di persone decedute residenti nel Comune o che vi hanno avuto la residenza; residenti che chiedono la concessione in vita.',
  audiences: ['citizens'],
  lifeEvents: ['death'],
  howTo: [
    'Verifica la disponibilità con l\'ufficio e scegli il tipo di sepoltura.',
    'Presenta la domanda di concessione online o allo sportello.',
    'Paga la tariffa con l\'avviso pagoPA che ricevi.',
    'Firma il contratto di concessione.',
  ],
  requirements: [
    "Documento d'identità del richiedente",
    'Dati della persona defunta o dei beneficiari della concessione',
    'Marca da bollo da 16 euro sul contratto',
  ],
  output: 'Il contratto di concessione cimiteriale per la durata prevista.',
  timeLimits: 'Concessione entro 30 giorni dalla domanda; al momento del decesso l\'assegnazione è immediata.',
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, "Puoi presentare la domanda all'Ufficio di Stato civile."),
  conditions: 'Le concessioni sono a tempo determinato e non possono essere cedute; alla scadenza possono essere rinnovate una sola volta secondo il regolamento.',
  costs: pick(
    p,
    [
      cost(eur(2200), 'Loculo, concessione trentennale'),
      cost(eur(450), 'Ossario o cinerario, concessione trentennale'),
      cost(BOLLO, 'Marca da bollo sul contratto'),
    ],
    [
      cost(eur(1800), 'Loculo, concessione trentennale'),
      cost(eur(380), 'Ossario o cinerario, concessione trentennale'),
      cost(BOLLO, 'Marca da bollo sul contratto'),
    ],
  ),
  legalBasis: ['DPR 285/1990, artt. 90-95', `Regolamento comunale di polizia mortuaria del ${p.ente}`],
  keywords: ['cimitero', 'loculo', 'ossario', 'cinerario', 'tomba', 'servizi cimiteriali', 'sepoltura'],
  officeCode: p.office.statoCivile,
});

const certificatiStatoCivile: ComuneService = (p) => ({
  slug: 'certificati-estratti-stato-civile',
  title: 'Certificati ed estratti di nascita, matrimonio e morte',
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    'Richiedi certificati, estratti e copie integrali degli atti di nascita, matrimonio, unione civile e morte registrati nel Comune.',
  description:
    "L'Ufficio di Stato civile rilascia certificati ed estratti degli atti formati o trascritti nel Comune: nascita, matrimonio, unione civile e morte. Sono esenti da bollo e da diritti.\n\nLa copia integrale dell'atto è rilasciata solo alla persona a cui si riferisce o a chi dimostra un interesse giuridicamente tutelato.",
  audienceDescription: "Chiunque, per i certificati e gli estratti; l'interessato o chi ha un interesse legittimo, per le copie integrali.",
  audiences: ['citizens', 'professionals'],
  lifeEvents: ['birth', 'marriage', 'death'],
  howTo: [
    "Invia la richiesta online indicando l'atto, la persona e l'anno dell'evento, oppure presentati allo sportello.",
    "Per la copia integrale spiega il motivo della richiesta.",
    "Ricevi il documento nella tua area personale o ritiralo allo sportello.",
  ],
  requirements: ["Dati della persona e dell'evento", "Per la copia integrale: motivo della richiesta e documento d'identità"],
  output: "Il certificato, l'estratto (anche plurilingue per l'estero) o la copia integrale dell'atto.",
  timeLimits: 'Allo sportello il rilascio è immediato; le richieste online sono evase di norma entro 3 giorni lavorativi.',
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, "Richiedi il documento all'Ufficio di Stato civile, senza appuntamento.", { bookable: false }),
  conditions: 'Gli estratti plurilingue sono validi negli Stati che aderiscono alla Convenzione di Vienna del 1976 e al Regolamento (UE) 2016/1191.',
  costs: [cost(0, 'Esenti da imposta di bollo e da diritti di segreteria')],
  legalBasis: ['DPR 396/2000, artt. 106-108', 'L. 405/1990, art. 7, c. 5', 'Regolamento (UE) 2016/1191'],
  keywords: ['certificato di nascita', 'estratto di matrimonio', 'certificato di morte', 'copia integrale', 'atto di nascita', 'plurilingue'],
  officeCode: p.office.statoCivile,
});

const dat: ComuneService = (p) => ({
  slug: 'disposizioni-anticipate-trattamento',
  title: 'Disposizioni anticipate di trattamento (DAT, testamento biologico)',
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "Consegna all'Ufficio di Stato civile le tue disposizioni anticipate di trattamento: sono registrate nella banca dati nazionale delle DAT.",
  description:
    "Con le disposizioni anticipate di trattamento (DAT) una persona maggiorenne e capace esprime le proprie volontà sui trattamenti sanitari, in previsione di una futura incapacità di decidere, e può indicare un fiduciario. Le DAT si consegnano personalmente all'Ufficio di Stato civile del Comune di residenza, che le registra e le trasmette alla banca dati nazionale.\n\nLe DAT possono essere modificate o revocate in qualsiasi momento.",
  audienceDescription: `Persone maggiorenni e capaci di intendere e di volere residenti nel ${p.ente}.`,
  audiences: ['citizens'],
  lifeEvents: ['retirement', 'disability'],
  howTo: [
    "Scrivi le tue disposizioni e firmale; se vuoi, indica un fiduciario, che firma per accettazione.",
    "Prenota l'appuntamento e consegna personalmente le DAT all'Ufficio di Stato civile.",
    "Ricevi la ricevuta di consegna; l'ufficio trasmette le DAT alla banca dati nazionale.",
  ],
  requirements: [
    "Le disposizioni scritte e firmate, in busta chiusa o aperta",
    "Documento d'identità del disponente e, se indicato, del fiduciario",
    "Consenso al trattamento dei dati e alla trasmissione alla banca dati nazionale",
  ],
  output: "La ricevuta di deposito e la registrazione delle DAT nella banca dati nazionale.",
  timeLimits: 'Consegna e registrazione immediate.',
  maxDays: 0,
  access: deskOnly("Prenota un appuntamento all'Ufficio di Stato civile: le DAT vanno consegnate di persona."),
  conditions: "L'ufficio non entra nel merito del contenuto delle DAT e non fornisce consulenza: per la redazione puoi rivolgerti al tuo medico.",
  costs: [cost(0, 'Esente da imposte, bolli e diritti (L. 219/2017, art. 4, c. 6)')],
  legalBasis: ['L. 219/2017, art. 4', 'DM Salute 168/2019 (banca dati nazionale DAT)'],
  keywords: ['DAT', 'testamento biologico', 'biotestamento', 'fine vita', 'disposizioni anticipate'],
  officeCode: p.office.statoCivile,
});

// ---------------------------------------------------------------------------------------------------------------
// Elettorale
// ---------------------------------------------------------------------------------------------------------------

const albo = (kind: 'scrutatori' | 'presidenti'): ComuneService => (p) => {
  const scrutatori = kind === 'scrutatori';
  return {
    slug: scrutatori ? 'iscrizione-albo-scrutatori' : 'iscrizione-albo-presidenti-seggio',
    title: scrutatori ? "Iscrizione all'Albo degli scrutatori di seggio" : "Iscrizione all'Albo dei presidenti di seggio",
    category: 'civil_registry',
    status: 'active',
    shortDescription: scrutatori
      ? "Chiedi entro il 30 novembre l'iscrizione all'Albo degli scrutatori, per lavorare ai seggi durante elezioni e referendum."
      : "Chiedi entro il 31 ottobre l'iscrizione all'Albo dei presidenti di seggio, tenuto dalla Corte d'appello.",
    description: scrutatori
      ? "Gli scrutatori sono nominati dalla Commissione elettorale comunale tra gli iscritti all'Albo e ricevono un compenso per ogni consultazione. L'iscrizione resta valida finché non chiedi la cancellazione.\n\nLa domanda si presenta dal 1° ottobre al 30 novembre di ogni anno."
      : "Il presidente di seggio dirige le operazioni di voto e di scrutinio. L'Albo è tenuto dalla Corte d'appello, che lo aggiorna sulla base delle domande raccolte dai Comuni.\n\nLa domanda si presenta entro il 31 ottobre di ogni anno.",
    audienceDescription: scrutatori
      ? `Elettori iscritti nelle liste elettorali del ${p.ente}, con almeno la licenza di scuola secondaria di primo grado.`
      : `Elettori iscritti nelle liste elettorali del ${p.ente}, fino a 70 anni, con il diploma di scuola secondaria di secondo grado.`,
    audiences: ['citizens'],
    lifeEvents: ['elections'],
    howTo: [
      'Compila la domanda online indicando titolo di studio e professione.',
      "L'ufficio elettorale verifica i requisiti.",
      scrutatori
        ? "A gennaio la Commissione elettorale aggiorna l'Albo e ti comunica l'esito."
        : "La Corte d'appello aggiorna l'Albo e il Comune ti comunica l'esito.",
    ],
    requirements: ['Iscrizione nelle liste elettorali del Comune', 'Titolo di studio richiesto', "Documento d'identità"],
    output: scrutatori ? "L'iscrizione all'Albo degli scrutatori." : "L'iscrizione all'Albo dei presidenti di seggio.",
    timeLimits: scrutatori
      ? 'Domanda dal 1° ottobre al 30 novembre; aggiornamento dell\'Albo nel mese di gennaio.'
      : "Domanda entro il 31 ottobre; la Corte d'appello aggiorna l'Albo entro la fine dell'anno.",
    maxDays: scrutatori ? 60 : 90,
    access: onlineAndDesk(SPID_FORM, "Puoi presentare la domanda all'Ufficio elettorale.", { bookable: false }),
    conditions:
      'Non possono svolgere le funzioni i dipendenti dei Ministeri dell\'Interno, delle Poste e dei Trasporti, gli appartenenti alle Forze armate in servizio, i medici condotti e i candidati alle elezioni.',
    costs: FREE,
    legalBasis: scrutatori ? ['L. 95/1989, art. 1', 'DPR 570/1960, art. 23'] : ['L. 53/1990, art. 1', 'DPR 361/1957, art. 38'],
    keywords: scrutatori
      ? ['scrutatore', 'seggio elettorale', 'elezioni', 'albo scrutatori', 'referendum']
      : ['presidente di seggio', 'seggio elettorale', 'elezioni', 'albo presidenti'],
    officeCode: p.office.elettorale,
  };
};

const tesseraElettorale: ComuneService = (p) => ({
  slug: 'tessera-elettorale',
  title: 'Tessera elettorale: rilascio, rinnovo e duplicato',
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    'Ritira la tessera elettorale, rinnovala quando gli spazi per i timbri sono esauriti o chiedi un duplicato se l\'hai persa.',
  description:
    "La tessera elettorale permette di votare ed è consegnata a domicilio ai nuovi elettori. Quando i 18 spazi per il timbro del seggio sono esauriti, o in caso di smarrimento o deterioramento, si chiede una nuova tessera all'Ufficio elettorale.\n\nNei giorni delle votazioni l'ufficio resta aperto con orario prolungato.",
  audienceDescription: `Elettori iscritti nelle liste elettorali del ${p.ente}.`,
  audiences: ['citizens'],
  lifeEvents: ['elections'],
  howTo: [
    "Presentati all'Ufficio elettorale con un documento d'identità e la vecchia tessera, se l'hai.",
    'In caso di smarrimento firma la dichiarazione sostitutiva.',
    'Ritira subito la nuova tessera.',
  ],
  requirements: ["Documento d'identità", 'Vecchia tessera, se esaurita o deteriorata'],
  output: 'La tessera elettorale personale.',
  timeLimits: 'Rilascio immediato allo sportello.',
  maxDays: 0,
  access: deskOnly("Presentati all'Ufficio elettorale negli orari di apertura, senza appuntamento. Nei giorni di votazione l'ufficio resta aperto per tutta la durata delle operazioni di voto.", false),
  conditions: 'La tessera può essere ritirata da un familiare convivente con delega.',
  costs: FREE,
  legalBasis: ['DPR 299/2000', 'DPR 223/1967'],
  keywords: ['tessera elettorale', 'duplicato tessera', 'voto', 'elezioni', 'certificato elettorale'],
  officeCode: p.office.elettorale,
});

const votoDomiciliare: ComuneService = (p) => ({
  slug: 'voto-domiciliare',
  title: 'Voto a domicilio per elettori gravemente malati',
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "Chi non può lasciare la propria abitazione per gravi motivi di salute può chiedere di votare a casa, tra il 40° e il 20° giorno prima del voto.",
  description:
    "Gli elettori affetti da gravissime infermità, che non possono allontanarsi dall'abitazione neppure con il trasporto pubblico organizzato dal Comune, o che dipendono in modo continuativo da apparecchiature elettromedicali, possono votare a domicilio. Il voto è raccolto da un seggio speciale.\n\nLa domanda va presentata tra il 40° e il 20° giorno prima delle votazioni.",
  audienceDescription: `Elettori iscritti nelle liste del ${p.ente} che si trovano nelle condizioni di salute previste dalla legge.`,
  audiences: ['citizens'],
  lifeEvents: ['elections', 'disability'],
  howTo: [
    "Fatti rilasciare dall'ATS il certificato che attesta le condizioni di infermità.",
    'Invia la domanda al Sindaco online, via e-mail o tramite un familiare, con il certificato e la copia della tessera elettorale.',
    'Il Comune ti comunica il giorno e la fascia oraria in cui passerà il seggio speciale.',
  ],
  requirements: [
    "Certificato del funzionario medico dell'ATS, rilasciato non prima del 45° giorno antecedente il voto",
    'Copia della tessera elettorale',
    "Indirizzo completo dell'abitazione e un recapito telefonico",
  ],
  output: 'L\'ammissione al voto domiciliare per la consultazione indicata.',
  timeLimits: 'La domanda va presentata tra il 40° e il 20° giorno che precede la data delle votazioni.',
  maxDays: 20,
  access: onlineAndDesk(SPID_FORM, "La domanda può essere consegnata all'Ufficio elettorale anche da un familiare.", { bookable: false }),
  conditions: 'Il voto domiciliare vale per la sola consultazione per cui è chiesto.',
  costs: FREE,
  legalBasis: ['DL 1/2006, art. 1 (conv. L. 22/2006, come modificato dalla L. 46/2009)'],
  keywords: ['voto a domicilio', 'voto domiciliare', 'elettori malati', 'elezioni', 'seggio speciale'],
  officeCode: p.office.elettorale,
});

const listeAggiunteUe: ComuneService = (p) => ({
  slug: 'iscrizione-liste-elettorali-cittadini-ue',
  title: "Iscrizione nelle liste elettorali aggiunte per cittadini dell'Unione europea",
  category: 'civil_registry',
  status: 'active',
  shortDescription:
    "I cittadini UE residenti possono votare alle elezioni comunali ed europee in Italia: chiedi l'iscrizione nelle liste elettorali aggiunte.",
  description:
    "I cittadini degli altri Stati dell'Unione europea residenti nel Comune possono votare, ed essere eletti come consiglieri, alle elezioni comunali; possono inoltre votare in Italia i rappresentanti italiani al Parlamento europeo. Per farlo devono chiedere l'iscrizione in apposite liste elettorali aggiunte.\n\nL'iscrizione resta valida finché non viene revocata o si perde la residenza.",
  audienceDescription: `Cittadini di un altro Stato dell'Unione europea, maggiorenni e residenti nel ${p.ente}.`,
  audiences: ['citizens'],
  lifeEvents: ['elections', 'change_of_residence'],
  howTo: [
    'Compila la domanda indicando la lista a cui chiedi di essere iscritto (comunali, europee o entrambe).',
    'Allega la copia del documento d\'identità.',
    "L'Ufficio elettorale ti comunica l'esito e ti consegna la tessera elettorale.",
  ],
  requirements: ["Documento d'identità valido", 'Residenza nel Comune', "Per le europee: dichiarazione di non votare nello Stato d'origine"],
  output: "L'iscrizione nella lista elettorale aggiunta e la tessera elettorale.",
  timeLimits:
    "Per le elezioni comunali la domanda va presentata entro il 40° giorno prima del voto; per le europee entro il 90° giorno. L'esito è comunicato entro 30 giorni.",
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, "Puoi presentare la domanda all'Ufficio elettorale.", { bookable: false }),
  conditions: 'Non sono ammessi i cittadini UE privati del diritto di voto nello Stato di origine.',
  costs: FREE,
  legalBasis: ['D.Lgs. 197/1996 (elezioni comunali)', 'DL 408/1994 (conv. L. 483/1994) (elezioni europee)'],
  keywords: ['cittadini UE', 'liste aggiunte', 'voto stranieri', 'elezioni comunali', 'elezioni europee'],
  officeCode: p.office.elettorale,
});

const giudiciPopolari: ComuneService = (p) => ({
  slug: 'iscrizione-albo-giudici-popolari',
  title: "Iscrizione all'Albo dei giudici popolari",
  category: 'justice_security',
  status: 'active',
  shortDescription:
    "Chiedi entro il 31 luglio degli anni dispari l'iscrizione all'Albo dei giudici popolari di Corte d'assise e Corte d'assise d'appello.",
  description:
    "I giudici popolari affiancano i magistrati nei processi della Corte d'assise e della Corte d'assise d'appello. Gli albi sono aggiornati ogni due anni da una commissione comunale, sulla base delle domande presentate dai cittadini entro il 31 luglio degli anni dispari.",
  audienceDescription:
    `Cittadini italiani residenti nel ${p.ente}, tra i 30 e i 65 anni, con la licenza di scuola secondaria di primo grado (Corte d'assise) o il diploma di secondo grado (Corte d'assise d'appello).`,
  audiences: ['citizens'],
  lifeEvents: [],
  howTo: [
    'Compila la domanda online entro il 31 luglio degli anni dispari.',
    'La commissione comunale verifica i requisiti e trasmette gli elenchi al Tribunale.',
    "Ricevi la comunicazione dell'iscrizione; l'eventuale chiamata arriva per estrazione.",
  ],
  requirements: ["Documento d'identità", 'Titolo di studio richiesto', 'Godimento dei diritti civili e politici e buona condotta morale'],
  output: "L'iscrizione all'Albo dei giudici popolari.",
  timeLimits: "Domanda entro il 31 luglio degli anni dispari; l'aggiornamento degli elenchi si conclude entro 90 giorni.",
  maxDays: 90,
  access: onlineAndDesk(SPID_FORM, "Puoi presentare la domanda all'Ufficio elettorale.", { bookable: false }),
  conditions: 'Non possono essere giudici popolari i magistrati, gli appartenenti alle Forze armate e di polizia in servizio e i ministri di culto.',
  costs: FREE,
  legalBasis: ['L. 287/1951, artt. 9, 10, 12 e 21'],
  keywords: ['giudici popolari', "Corte d'assise", 'albo giudici', 'giustizia'],
  officeCode: p.office.elettorale,
});

export const anagrafeServices = (p: ComuneProfile): ServiceInput[] =>
  build(p, [
    cartaIdentita,
    iscrizioneAnagrafica,
    cambioAbitazione,
    certificato('residenza'),
    certificato('famiglia'),
    espatrioAire,
    autentiche,
    convivenza,
    nascita,
    pubblicazioni,
    matrimonioCivile,
    unioneCivile,
    separazioneDivorzio,
    denunciaMorte,
    cremazione,
    concessioniCimiteriali,
    certificatiStatoCivile,
    dat,
    albo('scrutatori'),
    albo('presidenti'),
    tesseraElettorale,
    votoDomiciliare,
    listeAggiunteUe,
    giudiciPopolari,
  ]);
