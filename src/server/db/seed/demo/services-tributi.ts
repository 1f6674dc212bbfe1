/** Demo services: Tributi, finanze e contravvenzioni (IMU, TARI, canone unico, imposta di soggiorno, sanzioni). */
import type { ServiceInput } from '../../../../contracts/catalog.ts';
import {
  BOLLO,
  FREE,
  SPID_FORM,
  build,
  cost,
  eur,
  onlineAndDesk,
  pick,
  type ComuneProfile,
  type ComuneService,
} from './services-common.ts';
import { rimborsoTributiForm } from './forms/rimborso-tributi.ts';
import { rimborsoTributiWorkflow } from './workflows.ts';

const imu: ComuneService = (p) => ({
  slug: 'imu-calcolo-versamento',
  title: 'IMU - Imposta municipale propria: calcolo e versamento',
  category: 'taxes_finance',
  status: 'active',
  shortDescription:
    "Calcola l'IMU dovuta su fabbricati, aree edificabili e terreni, stampa il modello F24 e paga entro il 16 giugno e il 16 dicembre.",
  description: `L'IMU è dovuta da chi possiede fabbricati, aree edificabili e terreni agricoli nel ${p.ente}; non la paga chi vi abita come abitazione principale, salvo gli immobili di lusso (categorie catastali A/1, A/8 e A/9). L'imposta si versa in due rate, acconto entro il 16 giugno e saldo entro il 16 dicembre, con il modello F24.\n\nLe aliquote deliberate dal Consiglio comunale sono pubblicate nel prospetto del Portale del federalismo fiscale del Ministero dell'Economia e delle Finanze; il calcolatore online le applica in automatico.`,
  audienceDescription:
    'Proprietari e titolari di diritti reali (usufrutto, uso, abitazione, superficie) su immobili situati nel Comune, persone fisiche e imprese; locatari finanziari.',
  audiences: ['citizens', 'businesses', 'professionals'],
  lifeEvents: ['paying_taxes', 'housing', 'business_taxes'],
  howTo: [
    'Accedi al calcolatore IMU: con SPID o CIE trovi già i dati catastali dei tuoi immobili registrati dal Comune.',
    'Verifica rendite, quote e mesi di possesso e indica eventuali agevolazioni (comodato a parenti, canone concordato).',
    'Stampa o scarica il modello F24 precompilato con il codice catastale del Comune.',
    'Paga in banca, alla posta o con l\'home banking entro le scadenze.',
  ],
  requirements: [
    'Dati catastali degli immobili (visura catastale)',
    'Percentuale e periodo di possesso',
    'Per le agevolazioni: contratto di comodato registrato o contratto di locazione a canone concordato',
  ],
  output: 'Il calcolo dell\'imposta e il modello F24 compilato, con i codici tributo 3912, 3914, 3916, 3918 e 3925.',
  timeLimits: 'Il calcolo e il modello F24 sono disponibili immediatamente. Acconto entro il 16 giugno, saldo entro il 16 dicembre; si può pagare in un\'unica soluzione entro il 16 giugno.',
  maxDays: 0,
  access: onlineAndDesk(
    "Usa il calcolatore IMU online: con SPID, CIE o CNS i dati dei tuoi immobili sono già precompilati.",
    "L'Ufficio Tributi ti aiuta nel calcolo su appuntamento.",
  ),
  conditions:
    'Il calcolo online è un servizio di supporto: resta responsabilità del contribuente verificare i dati. Chi paga in ritardo può regolarizzare con il ravvedimento operoso.',
  costs: [cost(0, 'Il servizio di calcolo è gratuito; l\'imposta dipende da rendite e aliquote')],
  legalBasis: ['L. 160/2019, art. 1, cc. 738-783', 'D.Lgs. 472/1997, art. 13 (ravvedimento)', `Regolamento IMU e delibera aliquote del ${p.ente}`],
  keywords: ['IMU', 'imposta municipale', 'F24', 'seconda casa', 'aree edificabili', 'calcolo IMU', 'aliquote'],
  officeCode: p.office.tributi,
});

const dichiarazioneImu: ComuneService = (p) => ({
  slug: 'dichiarazione-imu',
  title: 'Dichiarazione IMU',
  category: 'taxes_finance',
  status: 'active',
  shortDescription:
    "Presenta la dichiarazione IMU entro il 30 giugno dell'anno successivo quando le variazioni non risultano dal catasto o spetta un'agevolazione.",
  description:
    "La dichiarazione IMU serve a comunicare al Comune le variazioni che non conosce già dai registri catastali e dagli atti notarili: ad esempio il valore delle aree edificabili, gli immobili concessi in comodato, gli immobili merce delle imprese o l'inagibilità di un fabbricato.\n\nSi usa il modello ministeriale e vale anche per gli anni successivi, finché non cambiano i dati dichiarati.",
  audienceDescription: 'Contribuenti IMU, imprese e professionisti che li assistono (CAF, commercialisti).',
  audiences: ['citizens', 'businesses', 'professionals'],
  lifeEvents: ['paying_taxes', 'business_taxes', 'housing'],
  howTo: [
    'Compila il modello ministeriale di dichiarazione IMU.',
    "Invialo online su Sportello, via PEC all'indirizzo del Comune o consegnalo all'Ufficio Tributi.",
    'Conserva la ricevuta di presentazione.',
  ],
  requirements: ['Modello di dichiarazione IMU approvato con DM 29 luglio 2022', 'Documenti che provano la variazione o l\'agevolazione'],
  output: 'La registrazione della dichiarazione nella banca dati tributaria del Comune.',
  timeLimits: "Entro il 30 giugno dell'anno successivo a quello in cui è iniziato il possesso o sono intervenute le variazioni. La dichiarazione non prevede un provvedimento del Comune.",
  maxDays: 0,
  access: onlineAndDesk(SPID_FORM, "Puoi consegnare la dichiarazione all'Ufficio Tributi o inviarla con raccomandata.", { bookable: false }),
  conditions: 'L\'omessa dichiarazione è punita con una sanzione dal 100 al 200 per cento del tributo non versato, con un minimo di 50 euro (L. 160/2019, art. 1, c. 775).',
  costs: FREE,
  legalBasis: ['L. 160/2019, art. 1, cc. 769-770 e 775', 'DM Economia e Finanze 29 luglio 2022'],
  keywords: ['dichiarazione IMU', 'IMU', 'variazione immobili', 'comodato', 'aree edificabili', 'immobili merce'],
  officeCode: p.office.tributi,
});

const rimborsoTributi: ComuneService = (p) => ({
  slug: 'rimborso-tributi-comunali',
  title: 'Rimborso di tributi comunali (IMU, TARI, TASI) versati e non dovuti',
  category: 'taxes_finance',
  status: 'active',
  shortDescription: 'Chiedi il rimborso o la compensazione di IMU, TARI o TASI pagate in più o non dovute, entro 5 anni dal versamento.',
  description: `Se hai pagato IMU, TARI o TASI in misura superiore al dovuto, o per errore a un Comune diverso, puoi chiedere il rimborso al ${p.ente} entro cinque anni dal pagamento. Il Comune verifica i versamenti e rimborsa la somma con gli interessi legali, o la compensa con i tributi futuri se lo chiedi.\n\nLa TASI è stata abolita dal 2020: si possono ancora chiedere i rimborsi per cui non sono trascorsi cinque anni dal versamento.`,
  audienceDescription: 'Contribuenti, persone fisiche e imprese, ed eredi del contribuente.',
  audiences: ['citizens', 'businesses'],
  lifeEvents: ['paying_taxes', 'business_taxes'],
  howTo: [
    "Compila la domanda indicando tributo, anni, importi versati e l'IBAN per l'accredito.",
    'Allega le ricevute dei versamenti.',
    'Invia la domanda online o consegnala all\'Ufficio Tributi.',
    'Ricevi il provvedimento di rimborso o di diniego motivato.',
  ],
  requirements: ['Copia dei versamenti (F24 o avvisi pagoPA)', 'IBAN del conto intestato al richiedente', 'Per gli eredi: dichiarazione di successione o atto notorio'],
  output: 'Il provvedimento di rimborso, con accredito sul conto indicato, o il diniego motivato.',
  timeLimits: 'La domanda va presentata entro 5 anni dal versamento; il Comune decide entro 180 giorni.',
  maxDays: 180,
  access: onlineAndDesk(
    "Accedi con SPID o CIE e compila la domanda online: tributo, anni, importi e IBAN, con le ricevute dei versamenti. Ricevi subito la ricevuta con il numero di protocollo.",
    "Puoi presentare la domanda all'Ufficio Tributi.",
    { bookable: false, authLevel: 'SpidL2' },
  ),
  conditions: 'Non si rimborsano importi inferiori a 12 euro per anno d\'imposta, salvo diversa soglia del regolamento comunale.',
  costs: FREE,
  legalBasis: ['L. 296/2006, art. 1, cc. 164-168', 'L. 160/2019, art. 1, c. 777', 'L. 147/2013, art. 1, cc. 639 ss. (TARI e TASI)'],
  keywords: ['rimborso IMU', 'rimborso TARI', 'rimborso TASI', 'versamento errato', 'compensazione', 'tributi pagati in più'],
  officeCode: p.office.tributi,
  form: rimborsoTributiForm(),
  workflow: rimborsoTributiWorkflow(),
});

const tari: ComuneService = (p) => ({
  slug: 'tari-dichiarazione',
  title: 'TARI - Tassa sui rifiuti: iscrizione, variazione e cessazione',
  category: 'taxes_finance',
  status: 'active',
  shortDescription: `Dichiara l'inizio, la variazione o la cessazione dell'occupazione di un immobile ai fini TARI entro ${pick(p, '90', '60')} giorni.`,
  description: `La TARI è la tassa che finanzia il servizio di raccolta e smaltimento dei rifiuti. La deve pagare chi occupa a qualsiasi titolo locali o aree scoperte che possono produrre rifiuti, abitazioni o attività economiche.\n\nLa dichiarazione si presenta entro ${pick(p, '90', '60')} giorni dall'inizio dell'occupazione, dalla variazione di superficie o del numero di occupanti, o dalla cessazione. Per le famiglie residenti il numero dei componenti è aggiornato in automatico dall'anagrafe.`,
  audienceDescription: 'Chi occupa o detiene abitazioni, negozi, uffici, laboratori e altri locali nel Comune: famiglie, imprese, professionisti, associazioni.',
  audiences: ['citizens', 'businesses', 'associations'],
  lifeEvents: ['change_of_residence', 'housing', 'paying_taxes', 'starting_business', 'closing_business'],
  howTo: [
    'Accedi al modulo TARI online e scegli se si tratta di iscrizione, variazione o cessazione.',
    "Indica l'indirizzo, i dati catastali, la superficie calpestabile e, per le attività, la categoria.",
    'Chiedi nella stessa dichiarazione le riduzioni che ti spettano.',
    'Invia: ricevi la ricevuta e, alla prima scadenza utile, gli avvisi di pagamento pagoPA.',
  ],
  requirements: [
    'Dati catastali e superficie calpestabile dei locali',
    'Contratto di affitto o atto di acquisto',
    'Per le utenze non domestiche: codice ATECO, partita IVA e planimetria dei locali',
    'Per la cessazione: data di rilascio dei locali e lettura finale o disdetta delle utenze',
  ],
  output: "L'iscrizione, la variazione o la cessazione nella banca dati TARI e i nuovi avvisi di pagamento.",
  timeLimits: `La dichiarazione va presentata entro ${pick(p, '90', '60')} giorni dall'evento. Il Comune conferma la registrazione entro 30 giorni, secondo la carta della qualità del servizio rifiuti.`,
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, "Puoi presentare la dichiarazione all'Ufficio Tributi o inviarla via PEC."),
  conditions: pick(
    p,
    'La TARI si paga in tre rate (16 maggio, 16 settembre e 16 novembre) o in un\'unica soluzione entro il 16 maggio. La dichiarazione tardiva comporta le sanzioni previste dal regolamento.',
    'La TARI si paga in due rate (31 maggio e 30 novembre) o in un\'unica soluzione entro il 31 maggio. La dichiarazione tardiva comporta le sanzioni previste dal regolamento.',
  ),
  costs: [cost(0, 'La dichiarazione è gratuita; la tariffa dipende da superficie, numero di occupanti e categoria dell\'attività')],
  legalBasis: [
    'L. 147/2013, art. 1, c. 639 e cc. 641-668 (TARI)',
    'L. 147/2013, art. 1, cc. 684-686 (dichiarazione)',
    'DPR 158/1999 (metodo normalizzato)',
    'Delibera ARERA 15/2022/R/rif (TQRIF)',
    `Regolamento TARI del ${p.ente}`,
  ],
  keywords: ['TARI', 'tassa rifiuti', 'tassa sui rifiuti', 'spazzatura', 'iscrizione TARI', 'cessazione TARI', 'utenza domestica'],
  officeCode: p.office.tributi,
});

const riduzioniTari: ComuneService = (p) => ({
  slug: 'riduzioni-agevolazioni-tari',
  title: 'Riduzioni e agevolazioni TARI',
  category: 'taxes_finance',
  status: 'active',
  shortDescription:
    'Chiedi le riduzioni TARI per compostaggio domestico, unico occupante, uso stagionale, disagio economico o avvio al riciclo dei rifiuti.',
  description: pick(
    p,
    "Il regolamento TARI del Comune di Castelrocca prevede riduzioni della parte variabile della tariffa: 20% per chi pratica il compostaggio domestico, 30% per le abitazioni con un unico occupante, 30% per l'uso stagionale e agevolazioni fino al 50% per i nuclei con ISEE fino a 9.000 euro. Le imprese che avviano al riciclo i propri rifiuti urbani hanno una riduzione proporzionale alle quantità.",
    "Il regolamento TARI del Comune di Valdoro prevede riduzioni della parte variabile della tariffa: 15% per chi pratica il compostaggio domestico, 25% per le abitazioni con un unico occupante, 30% per le case a disposizione usate solo in alcuni mesi e agevolazioni per i nuclei con ISEE fino a 8.000 euro. Le imprese che avviano al riciclo i propri rifiuti urbani hanno una riduzione proporzionale alle quantità.",
  ),
  audienceDescription: 'Utenze domestiche e non domestiche iscritte alla TARI che hanno i requisiti previsti dal regolamento comunale.',
  audiences: ['citizens', 'businesses'],
  lifeEvents: ['paying_taxes', 'economic_hardship'],
  howTo: [
    'Scegli la riduzione e compila la domanda online.',
    "Allega i documenti richiesti (ISEE, formulari di avvio al recupero, dichiarazione di compostaggio).",
    'L\'Ufficio Tributi verifica i requisiti e applica la riduzione sul primo avviso utile.',
  ],
  requirements: [
    'ISEE in corso di validità, per le agevolazioni sociali',
    "Iscrizione all'albo dei compostatori, per la riduzione per compostaggio",
    'Per le imprese: attestazione del soggetto che ha avviato i rifiuti al recupero',
  ],
  output: 'La riduzione applicata alla tariffa, dall\'anno della domanda o dalla data indicata dal regolamento.',
  timeLimits: pick(
    p,
    'Domande entro il 31 gennaio per l\'anno in corso (per il compostaggio in qualsiasi momento); esito entro 30 giorni.',
    'Domande entro il 28 febbraio per l\'anno in corso; esito entro 30 giorni.',
  ),
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, "Puoi presentare la domanda all'Ufficio Tributi."),
  conditions: 'Le riduzioni non sono cumulabili oltre il limite previsto dal regolamento e cessano quando vengono meno i requisiti, che il contribuente deve comunicare.',
  costs: FREE,
  legalBasis: ['L. 147/2013, art. 1, cc. 649, 658, 659 e 660', 'D.Lgs. 152/2006, art. 238, c. 10', `Regolamento TARI del ${p.ente}`],
  keywords: ['riduzioni TARI', 'agevolazioni TARI', 'TARI', 'compostaggio', 'sconto rifiuti', 'ISEE', 'bonus rifiuti'],
  officeCode: p.office.tributi,
});

const rateizzazione: ComuneService = (p) => ({
  slug: 'rateizzazione-avvisi-tributari',
  title: 'Rateizzazione di avvisi di accertamento e ingiunzioni',
  category: 'taxes_finance',
  status: 'active',
  shortDescription:
    'Se sei in temporanea difficoltà economica, chiedi di pagare a rate gli avvisi di accertamento di IMU e TARI e le ingiunzioni del Comune.',
  description:
    "Chi si trova in una situazione temporanea di obiettiva difficoltà può chiedere di dilazionare il pagamento di avvisi di accertamento esecutivi e ingiunzioni. Il numero delle rate mensili cresce con l'importo, fino a 72 rate per le somme superiori a 20.000 euro.",
  audienceDescription: 'Contribuenti, persone fisiche e imprese, che hanno ricevuto un avviso di accertamento o un\'ingiunzione dal Comune.',
  audiences: ['citizens', 'businesses'],
  lifeEvents: ['paying_taxes', 'economic_hardship', 'business_taxes'],
  howTo: [
    'Compila la domanda indicando l\'avviso e il numero di rate richiesto.',
    'Allega la documentazione sulla situazione di difficoltà.',
    'Ricevi il piano di rateizzazione con gli avvisi pagoPA delle singole rate.',
  ],
  requirements: [
    'Estremi dell\'avviso di accertamento o dell\'ingiunzione',
    'Per le persone fisiche: ISEE o dichiarazione sulla situazione economica',
    'Per le imprese: ultimo bilancio o indici di liquidità',
  ],
  output: 'Il provvedimento di rateizzazione con il piano delle rate, o il diniego motivato.',
  timeLimits: 'La domanda va presentata prima della scadenza del pagamento; il Comune decide entro 30 giorni.',
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, "Puoi presentare la domanda all'Ufficio Tributi."),
  conditions: 'Il mancato pagamento di due rate, anche non consecutive, fa decadere dal beneficio e rende dovuto il residuo in un\'unica soluzione.',
  costs: FREE,
  legalBasis: ['L. 160/2019, art. 1, cc. 796-802', `Regolamento generale delle entrate del ${p.ente}`],
  keywords: ['rateizzazione', 'pagamento a rate', 'dilazione', 'accertamento', 'ingiunzione', 'difficoltà economica'],
  officeCode: p.office.tributi,
});

const sanzioniCds: ComuneService = (p) => ({
  slug: 'pagamento-sanzioni-codice-strada',
  title: 'Pagamento delle sanzioni per violazioni al Codice della strada',
  category: 'taxes_finance',
  status: 'active',
  shortDescription:
    'Paga online con pagoPA le multe della Polizia locale: sconto del 30% se paghi entro 5 giorni dalla notifica.',
  description: `Le sanzioni accertate dalla Polizia locale del ${p.ente} si pagano con pagoPA, usando il codice avviso riportato sul verbale, online, con l'app IO o presso gli esercenti abilitati. Se paghi entro 5 giorni dalla contestazione o dalla notifica hai diritto alla riduzione del 30%; entro 60 giorni paghi l'importo minimo.\n\nNella tua area personale puoi vedere il verbale e le foto dell'infrazione.`,
  audienceDescription: 'Trasgressori e obbligati in solido (proprietari del veicolo, società di noleggio).',
  audiences: ['citizens', 'businesses'],
  lifeEvents: ['vehicle_ownership', 'paying_taxes'],
  howTo: [
    'Cerca il verbale con il numero e la targa, oppure accedi con SPID per vedere tutti i tuoi verbali.',
    "Controlla l'importo dovuto, che cambia in base alla data di notifica.",
    'Paga con pagoPA: la ricevuta è valida come quietanza.',
    'Se il verbale prevede la decurtazione dei punti, comunica i dati del conducente entro 60 giorni.',
  ],
  requirements: ['Numero del verbale e targa del veicolo, oppure il codice avviso pagoPA'],
  output: 'La ricevuta di pagamento pagoPA e la chiusura del verbale.',
  timeLimits: 'Pagamento ridotto del 30% entro 5 giorni dalla notifica; pagamento in misura minima entro 60 giorni. Il pagamento è registrato immediatamente.',
  maxDays: 0,
  access: onlineAndDesk(
    'Paga online con pagoPA o con l\'app IO, senza registrazione; con SPID vedi anche il verbale e le foto.',
    pick(p, 'Puoi pagare con carta al comando di Polizia locale, in Via Roma 48.', 'Puoi pagare con carta al comando di Polizia locale, in Via Marconi 15.'),
    { bookable: false },
  ),
  conditions: 'Trascorsi 60 giorni senza pagamento né ricorso, il verbale diventa titolo esecutivo per una somma pari alla metà del massimo edittale, oltre alle spese.',
  costs: [cost(0, 'L\'importo è quello indicato sul verbale; le spese di notifica sono incluse')],
  legalBasis: ['D.Lgs. 285/1992 (Codice della strada), artt. 200-203', 'D.Lgs. 82/2005, art. 5 (pagoPA)'],
  keywords: ['multe', 'contravvenzioni', 'sanzioni', 'verbale', 'Codice della strada', 'pagoPA', 'pagare una multa'],
  officeCode: p.office.polizia,
});

const ricorsoPrefetto: ComuneService = (p) => ({
  slug: 'ricorso-verbale-codice-strada',
  title: 'Ricorso contro un verbale del Codice della strada',
  category: 'justice_security',
  status: 'active',
  shortDescription:
    'Contesta un verbale della Polizia locale con ricorso al Prefetto entro 60 giorni o al Giudice di pace entro 30 giorni dalla notifica.',
  description: `Se ritieni che una sanzione della Polizia locale del ${p.ente} non sia corretta puoi presentare ricorso al Prefetto, gratuito, entro 60 giorni dalla notifica, oppure al Giudice di pace entro 30 giorni. Il ricorso al Prefetto si può inviare tramite la Polizia locale, che trasmette gli atti con le proprie controdeduzioni.\n\nSe il Prefetto respinge il ricorso, la sanzione è almeno il doppio del minimo.`,
  audienceDescription: 'Trasgressori e obbligati in solido che hanno ricevuto un verbale della Polizia locale.',
  audiences: ['citizens', 'businesses', 'professionals'],
  lifeEvents: ['vehicle_ownership'],
  howTo: [
    'Scrivi il ricorso al Prefetto spiegando i motivi e allegando le prove.',
    'Invialo online tramite la Polizia locale, via PEC o con raccomandata, entro 60 giorni dalla notifica.',
    'La Polizia locale trasmette gli atti alla Prefettura entro 60 giorni.',
    "Il Prefetto decide con un'ordinanza di archiviazione o di ingiunzione.",
  ],
  requirements: ['Copia del verbale', "Documento d'identità", 'Eventuali prove (foto, testimonianze, documenti)'],
  output: "L'ordinanza del Prefetto: archiviazione del verbale o ingiunzione di pagamento.",
  timeLimits:
    'Ricorso entro 60 giorni dalla notifica. La Polizia locale trasmette gli atti entro 60 giorni e il Prefetto decide entro i successivi 120: se non decide, il ricorso si intende accolto.',
  maxDays: 180,
  access: onlineAndDesk(SPID_FORM, 'Puoi consegnare il ricorso al comando di Polizia locale.', { bookable: false }),
  conditions: 'Chi presenta ricorso non può pagare in misura ridotta; il ricorso al Giudice di pace richiede il contributo unificato.',
  costs: [cost(0, 'Ricorso al Prefetto: gratuito'), cost(eur(43), 'Ricorso al Giudice di pace: contributo unificato per sanzioni fino a 1.100 euro')],
  legalBasis: ['D.Lgs. 285/1992, artt. 203-205', 'D.Lgs. 150/2011, art. 7', 'DPR 115/2002, art. 13'],
  keywords: ['ricorso multa', 'ricorso al Prefetto', 'Giudice di pace', 'contestare verbale', 'Codice della strada'],
  officeCode: p.office.polizia,
});

const impostaSoggiorno: ComuneService = (p) =>
  p.key !== 'castelrocca'
    ? null
    : {
        slug: 'imposta-di-soggiorno',
        title: 'Imposta di soggiorno: riscossione, versamento e dichiarazione dei gestori',
        category: 'taxes_finance',
        status: 'active',
        shortDescription:
          "Per i gestori di strutture ricettive e locazioni brevi: riscuoti l'imposta di soggiorno, versala ogni trimestre e presenta la dichiarazione annuale.",
        description:
          "A Castelrocca gli ospiti di alberghi, B&B, case vacanza e locazioni brevi pagano un'imposta di 1,50 euro a notte, per un massimo di 7 notti consecutive. I gestori la riscuotono come responsabili d'imposta, la versano al Comune entro 16 giorni dalla fine di ogni trimestre e comunicano ogni trimestre il numero degli ospiti.\n\nEntro il 30 giugno i gestori presentano la dichiarazione annuale all'Agenzia delle Entrate.",
        audienceDescription: 'Gestori di strutture ricettive, titolari di locazioni turistiche brevi e intermediari immobiliari che incassano i canoni.',
        audiences: ['businesses', 'professionals'],
        lifeEvents: ['business_taxes', 'notifying_authorities'],
        howTo: [
          'Registra la struttura sul portale dell\'imposta di soggiorno con SPID o CIE.',
          'Ogni trimestre comunica il numero di ospiti e di pernottamenti, anche esenti.',
          'Versa l\'imposta riscossa con l\'avviso pagoPA generato dal portale.',
          'Entro il 30 giugno presenta la dichiarazione annuale telematica all\'Agenzia delle Entrate.',
        ],
        requirements: ['Codice identificativo nazionale (CIN) della struttura', 'Registro degli ospiti', 'Dichiarazioni di esenzione firmate dagli ospiti'],
        output: 'La ricevuta dei versamenti e delle comunicazioni trimestrali.',
        timeLimits: 'Comunicazione e versamento entro il 16° giorno del mese successivo a ogni trimestre; dichiarazione annuale entro il 30 giugno. Gli adempimenti non prevedono un provvedimento del Comune.',
        maxDays: 0,
        access: onlineAndDesk(
          "Gestisci comunicazioni e versamenti online con SPID o CIE, anche tramite un intermediario delegato.",
          "L'Ufficio Tributi riceve i gestori su appuntamento.",
        ),
        conditions:
          'Sono esenti i minori di 14 anni, i residenti nel Comune, gli accompagnatori di pazienti ricoverati nelle strutture sanitarie della zona e gli autisti di pullman turistici. L\'omesso o ritardato versamento è punito con la sanzione dal 100 al 200 per cento dell\'importo dovuto.',
        costs: [cost(eur(1.5), 'Imposta per persona e per notte, fino a 7 notti consecutive (a carico dell\'ospite)')],
        legalBasis: [
          'D.Lgs. 23/2011, art. 4',
          'DL 34/2020, art. 180, c. 3 (conv. L. 77/2020)',
          'DL 50/2017, art. 4, c. 5-ter (locazioni brevi)',
          'Regolamento dell\'imposta di soggiorno del Comune di Castelrocca',
        ],
        keywords: ['imposta di soggiorno', 'tassa di soggiorno', 'strutture ricettive', 'affitti brevi', 'B&B', 'turisti'],
        officeCode: p.office.tributi,
      };

const insegne: ComuneService = (p) => ({
  slug: 'autorizzazione-insegne-pubblicita',
  title: 'Autorizzazione per insegne e mezzi pubblicitari (canone unico)',
  category: 'authorisations',
  status: 'active',
  shortDescription:
    'Chiedi l\'autorizzazione per insegne, cartelli e altri mezzi pubblicitari e dichiara l\'esposizione ai fini del canone unico patrimoniale.',
  description:
    "Per installare un'insegna d'esercizio, un cartello o un altro mezzo pubblicitario visibile dalla strada serve l'autorizzazione del Comune, che verifica il rispetto del Codice della strada, del regolamento comunale e degli eventuali vincoli paesaggistici. L'esposizione è soggetta al canone unico patrimoniale, che ha sostituito l'imposta sulla pubblicità.\n\nLe insegne d'esercizio fino a 5 metri quadrati complessivi sono esenti dal canone, ma richiedono comunque l'autorizzazione.",
  audienceDescription: 'Imprese, commercianti, professionisti e associazioni che espongono messaggi pubblicitari; installatori e agenzie su loro incarico.',
  audiences: ['businesses', 'professionals', 'associations'],
  lifeEvents: ['business_permits', 'starting_business'],
  howTo: [
    'Compila la domanda online con il bozzetto, le misure e la posizione del mezzo pubblicitario.',
    'Allega la documentazione fotografica e, se l\'impianto è luminoso o di grandi dimensioni, la dichiarazione di stabilità.',
    'Ricevi l\'autorizzazione e l\'avviso di pagamento del canone, se dovuto.',
  ],
  requirements: [
    'Bozzetto a colori con misure e testo del messaggio',
    'Fotografie del luogo di installazione e planimetria',
    'Consenso del proprietario dell\'edificio o del condominio',
    'Autorizzazione paesaggistica, se l\'immobile è vincolato',
    'Due marche da bollo da 16 euro (domanda e autorizzazione)',
  ],
  output: "L'autorizzazione all'installazione e il calcolo del canone unico.",
  timeLimits: 'Il Comune decide entro 60 giorni dalla domanda completa.',
  maxDays: 60,
  access: onlineAndDesk(SPID_FORM, pick(p, 'Puoi presentare la domanda allo Sportello SUAP.', 'Puoi presentare la domanda al comando di Polizia locale e SUAP.'), {
    bookable: false,
  }),
  conditions: 'Il canone si paga ogni anno entro il 31 marzo per le esposizioni permanenti; le esposizioni abusive sono rimosse e sanzionate.',
  costs: [
    cost(2 * BOLLO, 'Imposta di bollo su domanda e autorizzazione'),
    cost(pick(p, eur(40), eur(30)), 'Diritti di istruttoria'),
    cost(0, 'Canone unico: calcolato in base a superficie e durata; esenti le insegne d\'esercizio fino a 5 mq'),
  ],
  legalBasis: ['L. 160/2019, art. 1, cc. 816-836', 'D.Lgs. 285/1992, art. 23', 'DPR 495/1992, artt. 47-59', `Regolamento del canone unico patrimoniale del ${p.ente}`],
  keywords: ['insegna', 'cartello pubblicitario', 'pubblicità', 'canone unico', 'CUP', 'imposta pubblicità'],
  officeCode: p.office.suap,
});

export const tributiServices = (p: ComuneProfile): ServiceInput[] =>
  build(p, [imu, dichiarazioneImu, rimborsoTributi, tari, riduzioniTari, rateizzazione, sanzioniCds, ricorsoPrefetto, impostaSoggiorno, insegne]);
