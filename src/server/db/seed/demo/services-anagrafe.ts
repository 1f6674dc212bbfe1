/** Demo services: Anagrafe (category civil_registry): identity card, residence, certificates, AIRE. */
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
import { residenceForm } from './forms/cambio-residenza.ts';
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
    "Compila la dichiarazione online su Sportello con SPID o CIE (o su ANPR, o con il modulo ministeriale), indicando tutte le persone che si trasferiscono con te.",
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
    "Accedi con SPID o CIE e compila la dichiarazione online: il nuovo indirizzo, il titolo per abitare l'alloggio e chi si trasferisce con te. Ricevi subito la ricevuta con il numero di protocollo e segui la pratica nella tua area personale. Puoi usare anche il portale nazionale ANPR.",
    "Puoi presentare la dichiarazione all'Ufficio Anagrafe, su appuntamento, o inviarla via PEC o e-mail.",
    { authLevel: 'SpidL2' },
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
  form: residenceForm(p, 'iscrizione'),
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
    'Compila la dichiarazione online su Sportello con SPID o CIE: i dati della tua famiglia sono già precompilati.',
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
    "Accedi con SPID o CIE: trovi già compilati i tuoi dati e quelli della tua famiglia; indica il nuovo indirizzo e chi cambia abitazione. Ricevi subito la ricevuta con il numero di protocollo. Puoi usare anche il portale nazionale ANPR.",
    "Presenta la dichiarazione all'Ufficio Anagrafe o inviala via PEC o e-mail.",
    { bookable: false, authLevel: 'SpidL2' },
  ),
  conditions: 'Le dichiarazioni false comportano la decadenza dai benefici e la denuncia (DPR 445/2000, artt. 75 e 76).',
  costs: FREE,
  legalBasis: ['DPR 223/1989, art. 13, c. 1, lett. c)', 'DL 5/2012, art. 5 (conv. L. 35/2012)', 'DPR 445/2000, artt. 75 e 76'],
  keywords: ['cambio di indirizzo', 'cambio di residenza', 'residenza', 'trasloco', 'ANPR', 'variazione indirizzo'],
  officeCode: p.office.anagrafe,
  form: residenceForm(p, 'cambio-abitazione'),
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
  ]);
