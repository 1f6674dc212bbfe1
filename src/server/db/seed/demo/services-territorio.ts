/** Demo services: Catasto e urbanistica (edilizia privata, accesso agli atti), Appalti pubblici and Ambiente. */
import type { ServiceInput } from '../../../../contracts/catalog.ts';
import {
  BOLLO,
  FREE,
  SPID_FORM,
  build,
  cost,
  deskOnly,
  eur,
  onlineAndDesk,
  onlineOnly,
  pick,
  type ComuneProfile,
  type ComuneService,
} from './services-common.ts';
import { accessoCivicoForm } from './forms/accesso-civico.ts';
import { autoletturaForm } from './forms/autolettura-acquedotto.ts';
import { idoneitaAlloggiativaForm } from './forms/idoneita-alloggiativa.ts';
import { pannoliniLavabiliForm } from './forms/pannolini-lavabili.ts';
import { sciaEdiliziaForm } from './forms/scia-edilizia.ts';
import { accessoCivicoWorkflow, idoneitaAlloggiativaWorkflow, sciaEdiliziaWorkflow } from './workflows.ts';

const SUE_ONLINE =
  "Il professionista incaricato presenta la pratica online sullo Sportello unico per l'edilizia (SUE), con SPID o CIE, firmando digitalmente i documenti; il sistema rilascia subito la ricevuta con il numero di protocollo.";
const sueDesk = (p: ComuneProfile) =>
  pick(
    p,
    "I tecnici dell'Area tecnica ricevono i professionisti su appuntamento il martedì e il giovedì.",
    "L'Ufficio tecnico riceve i professionisti su appuntamento il martedì, il giovedì pomeriggio e il venerdì.",
  );

// ---------------------------------------------------------------------------------------------------------------
// Edilizia privata
// ---------------------------------------------------------------------------------------------------------------

const cila: ComuneService = (p) => ({
  slug: 'cila-comunicazione-inizio-lavori-asseverata',
  title: 'CILA - Comunicazione di inizio lavori asseverata',
  category: 'land_registry_urban_planning',
  status: 'active',
  shortDescription:
    'Comunica l\'inizio di lavori di manutenzione straordinaria leggera, frazionamenti e modifiche interne con l\'asseverazione di un tecnico.',
  description:
    "La CILA serve per gli interventi che non riguardano le parti strutturali dell'edificio, come la manutenzione straordinaria, lo spostamento di pareti interne, il frazionamento o l'accorpamento di unità immobiliari senza modifica della volumetria. Un tecnico abilitato assevera che i lavori rispettano gli strumenti urbanistici e i regolamenti edilizi.\n\nI lavori possono iniziare dal giorno stesso della presentazione.",
  audienceDescription: 'Proprietari e aventi titolo sugli immobili, tramite un tecnico abilitato (architetto, ingegnere, geometra, perito edile).',
  audiences: ['citizens', 'professionals', 'businesses'],
  lifeEvents: ['housing'],
  howTo: [
    'Incarica un tecnico abilitato, che redige il progetto e l\'asseverazione.',
    'Il tecnico compila il modulo unificato CILA e lo presenta online al SUE.',
    'Paga i diritti di segreteria con pagoPA.',
    'Inizia i lavori; alla fine comunica la fine lavori e, se serve, presenta la variazione catastale.',
  ],
  requirements: [
    'Modulo unificato CILA con asseverazione del tecnico',
    'Elaborati grafici dello stato di fatto e di progetto',
    "Dati dell'impresa esecutrice e DURC",
    'Eventuali autorizzazioni paesaggistiche o nulla osta se l\'immobile è vincolato',
  ],
  output: 'La ricevuta di presentazione, che costituisce titolo per eseguire i lavori.',
  timeLimits: 'Nessun termine di attesa: i lavori possono iniziare dalla presentazione. Il Comune può effettuare controlli successivi.',
  maxDays: 0,
  access: onlineAndDesk(SUE_ONLINE, sueDesk(p)),
  conditions:
    "La mancata presentazione della CILA comporta una sanzione di 1.000 euro, ridotta a 333 euro se la comunicazione è presentata spontaneamente mentre i lavori sono in corso.",
  costs: [cost(pick(p, eur(60), eur(50)), 'Diritti di segreteria')],
  legalBasis: ['DPR 380/2001, art. 6-bis', 'D.Lgs. 222/2016, tabella A', 'Accordo Conferenza unificata 4 maggio 2017 (modulistica unificata)'],
  keywords: ['CILA', 'ristrutturazione', 'manutenzione straordinaria', 'lavori in casa', 'edilizia', 'pratica edilizia'],
  officeCode: p.office.edilizia,
});

const sciaEdilizia: ComuneService = (p) => ({
  slug: 'scia-edilizia',
  title: 'SCIA edilizia - Segnalazione certificata di inizio attività',
  category: 'land_registry_urban_planning',
  status: 'active',
  shortDescription: 'Segnala l\'inizio di interventi edilizi che toccano le strutture o i prospetti, come il restauro o alcune ristrutturazioni.',
  description:
    "La SCIA edilizia serve per la manutenzione straordinaria e il restauro che riguardano le parti strutturali dell'edificio o i prospetti, e per le ristrutturazioni edilizie che non richiedono il permesso di costruire. I lavori possono iniziare dalla presentazione della segnalazione completa.\n\nEntro 30 giorni il Comune verifica la documentazione e, se mancano i requisiti, ordina di non effettuare l'intervento.",
  audienceDescription: 'Proprietari e aventi titolo sugli immobili, tramite un tecnico abilitato.',
  audiences: ['citizens', 'professionals', 'businesses'],
  lifeEvents: ['housing'],
  howTo: [
    'Incarica un tecnico abilitato, che redige il progetto e l\'asseverazione.',
    'Il tecnico presenta online la SCIA con gli allegati e il deposito strutturale, se necessario.',
    'Paga i diritti di segreteria e, se dovuto, il contributo di costruzione.',
    'Inizia i lavori e, al termine, presenta la segnalazione certificata per l\'agibilità.',
  ],
  requirements: [
    'Modulo unificato SCIA con relazione tecnica asseverata',
    'Elaborati grafici e documentazione fotografica',
    'Denuncia dei lavori strutturali o autorizzazione sismica, se necessaria',
    'Dati dell\'impresa esecutrice e DURC',
  ],
  output: 'La ricevuta di presentazione, che costituisce titolo per eseguire i lavori, salvo provvedimento di divieto entro 30 giorni.',
  timeLimits: 'I lavori possono iniziare dalla presentazione; il Comune effettua i controlli entro 30 giorni.',
  maxDays: 30,
  access: onlineAndDesk(
    "Il tecnico incaricato accede con SPID o CIE e presenta la segnalazione online per il committente che gli ha conferito la procura, allegando relazione asseverata ed elaborati firmati digitalmente; riceve subito la ricevuta con il numero di protocollo.",
    sueDesk(p),
    { authLevel: 'SpidL2' },
  ),
  conditions: "Dopo 30 giorni il Comune può intervenire solo in autotutela, entro 12 mesi e nei casi previsti dall'art. 21-nonies della L. 241/1990.",
  costs: [cost(pick(p, eur(100), eur(80)), 'Diritti di segreteria'), cost(0, 'Contributo di costruzione, se dovuto, calcolato sulle tabelle comunali')],
  legalBasis: ['DPR 380/2001, artt. 22 e 23', 'L. 241/1990, art. 19, c. 6-bis', 'D.Lgs. 222/2016, tabella A'],
  keywords: ['SCIA', 'SCIA edilizia', 'ristrutturazione', 'restauro', 'pratica edilizia', 'lavori strutturali'],
  officeCode: p.office.edilizia,
  form: sciaEdiliziaForm(),
  workflow: sciaEdiliziaWorkflow(),
});

const permessoCostruire: ComuneService = (p) => ({
  slug: 'permesso-di-costruire',
  title: 'Permesso di costruire',
  category: 'land_registry_urban_planning',
  status: 'active',
  shortDescription: 'Richiedi il permesso di costruire per nuove costruzioni, ampliamenti e ristrutturazioni che modificano volumi o sagome.',
  description:
    "Il permesso di costruire è il titolo necessario per le nuove costruzioni, gli ampliamenti, la ristrutturazione urbanistica e le ristrutturazioni edilizie più rilevanti. L'Ufficio tecnico verifica la conformità del progetto al Piano di governo del territorio e ai regolamenti, acquisisce i pareri necessari e propone il provvedimento.\n\nIl rilascio è subordinato al pagamento del contributo di costruzione.",
  audienceDescription: 'Proprietari e aventi titolo sugli immobili o sulle aree, tramite un tecnico abilitato.',
  audiences: ['citizens', 'professionals', 'businesses'],
  lifeEvents: ['housing'],
  howTo: [
    'Il tecnico incaricato presenta online la domanda con il progetto e gli allegati.',
    "Entro 10 giorni ricevi il nome del responsabile del procedimento.",
    "Entro 60 giorni l'ufficio conclude l'istruttoria, anche chiedendo integrazioni, e formula la proposta.",
    'Entro i 30 giorni successivi il dirigente adotta il provvedimento.',
    'Paga il contributo di costruzione e ritira il permesso.',
  ],
  requirements: [
    'Domanda con modulo unificato e relazione tecnica asseverata',
    'Progetto completo (planimetrie, piante, prospetti, sezioni)',
    'Calcolo del contributo di costruzione',
    'Pareri e nulla osta necessari (paesaggistico, vigili del fuoco, ATS)',
    'Due marche da bollo da 16 euro (domanda e permesso)',
  ],
  output: 'Il permesso di costruire, valido per iniziare i lavori entro un anno e terminarli entro tre anni dall\'inizio.',
  timeLimits:
    "Istruttoria e proposta di provvedimento entro 60 giorni dalla domanda; provvedimento finale entro i 30 giorni successivi. In mancanza di provvedimento, salvo vincoli, si forma il silenzio-assenso.",
  maxDays: 90,
  access: onlineAndDesk(SUE_ONLINE, sueDesk(p)),
  conditions: 'I termini sono sospesi in caso di richiesta di integrazioni. Il silenzio-assenso non si forma sulle aree soggette a vincoli paesaggistici, culturali o ambientali.',
  costs: [
    cost(2 * BOLLO, 'Imposta di bollo su domanda e permesso'),
    cost(pick(p, eur(250), eur(200)), 'Diritti di segreteria'),
    cost(0, 'Contributo di costruzione (oneri di urbanizzazione e costo di costruzione) calcolato sulle tabelle comunali'),
  ],
  legalBasis: ['DPR 380/2001, artt. 10, 16 e 20', 'L.R. Lombardia 12/2005 (governo del territorio)', 'L. 241/1990'],
  keywords: ['permesso di costruire', 'concessione edilizia', 'nuova costruzione', 'ampliamento', 'PdC', 'oneri di urbanizzazione'],
  officeCode: p.office.edilizia,
});

const agibilita: ComuneService = (p) => ({
  slug: 'segnalazione-certificata-agibilita',
  title: "Segnalazione certificata per l'agibilità",
  category: 'land_registry_urban_planning',
  status: 'active',
  shortDescription:
    "Entro 15 giorni dalla fine dei lavori presenta la segnalazione che attesta sicurezza, igiene, salubrità ed efficienza energetica dell'edificio.",
  description:
    "La segnalazione certificata per l'agibilità attesta che l'edificio o l'unità immobiliare rispetta le condizioni di sicurezza, igiene, salubrità, risparmio energetico e accessibilità. Va presentata dopo le nuove costruzioni, le ricostruzioni e gli interventi che incidono su queste condizioni.\n\nL'utilizzo dei locali è consentito dalla data di presentazione della segnalazione completa.",
  audienceDescription: 'Il titolare del permesso di costruire o chi ha presentato la SCIA, tramite il direttore dei lavori o un tecnico abilitato.',
  audiences: ['citizens', 'professionals', 'businesses'],
  lifeEvents: ['housing'],
  howTo: [
    'Il tecnico raccoglie le certificazioni degli impianti, il collaudo statico e l\'accatastamento.',
    'Presenta online la segnalazione con l\'attestazione del direttore dei lavori, entro 15 giorni dalla fine lavori.',
    'Paga i diritti di segreteria: da quel momento i locali sono utilizzabili.',
  ],
  requirements: [
    'Attestazione del direttore dei lavori o di un tecnico abilitato',
    'Certificato di collaudo statico o dichiarazione di regolare esecuzione',
    'Dichiarazioni di conformità degli impianti',
    'Ricevuta di accatastamento e attestato di prestazione energetica',
    'Dichiarazione sul superamento delle barriere architettoniche',
  ],
  output: "La ricevuta di presentazione, che consente l'utilizzo dei locali.",
  timeLimits: "Da presentare entro 15 giorni dalla comunicazione di fine lavori; ha effetto dalla presentazione, fatti salvi i controlli del Comune.",
  maxDays: 0,
  access: onlineAndDesk(SUE_ONLINE, sueDesk(p)),
  conditions: 'La mancata presentazione comporta una sanzione da 77 a 464 euro.',
  costs: [cost(pick(p, eur(80), eur(60)), 'Diritti di segreteria')],
  legalBasis: ['DPR 380/2001, art. 24', 'D.Lgs. 222/2016'],
  keywords: ['agibilità', 'abitabilità', 'fine lavori', 'SCA', 'certificato di agibilità'],
  officeCode: p.office.edilizia,
});

const cdu: ComuneService = (p) => ({
  slug: 'certificato-destinazione-urbanistica',
  title: 'Certificato di destinazione urbanistica (CDU)',
  category: 'land_registry_urban_planning',
  status: 'active',
  shortDescription: 'Certificato con le prescrizioni urbanistiche di un terreno, necessario per compravendite, successioni e divisioni di terreni.',
  description:
    "Il certificato di destinazione urbanistica indica le prescrizioni del Piano di governo del territorio per uno o più terreni individuati dai dati catastali. È obbligatorio allegarlo agli atti di compravendita, donazione e divisione di terreni e alle dichiarazioni di successione che li comprendono.",
  audienceDescription: 'Proprietari, acquirenti, eredi e professionisti incaricati (notai, tecnici).',
  audiences: ['citizens', 'professionals'],
  lifeEvents: ['housing', 'death'],
  howTo: [
    'Presenta la domanda online indicando foglio e mappali e lo scopo del certificato.',
    'Allega l\'estratto di mappa catastale e paga i diritti e il bollo.',
    'Ricevi il certificato firmato digitalmente nella tua area personale.',
  ],
  requirements: ['Estratto di mappa catastale aggiornato con i mappali evidenziati', 'Due marche da bollo da 16 euro (domanda e certificato), salvo uso esente come la successione'],
  output: 'Il certificato di destinazione urbanistica, valido un anno se non cambiano gli strumenti urbanistici.',
  timeLimits: 'Rilascio entro 30 giorni dalla domanda.',
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, sueDesk(p), { bookable: false }),
  conditions: 'Se il certificato non è rilasciato entro 30 giorni, può essere sostituito da una dichiarazione dell\'alienante o di un condividente.',
  costs: [
    cost(2 * BOLLO, 'Imposta di bollo su domanda e certificato'),
    cost(pick(p, eur(50), eur(40)), 'Diritti di segreteria fino a 5 mappali'),
    cost(pick(p, eur(5), eur(5)), 'Diritti di segreteria per ogni mappale in più'),
  ],
  legalBasis: ['DPR 380/2001, art. 30, cc. 2-4'],
  keywords: ['CDU', 'destinazione urbanistica', 'certificato urbanistico', 'terreni', 'compravendita terreni', 'successione'],
  officeCode: p.office.edilizia,
});

const accessoAtti: ComuneService = (p) => ({
  slug: 'accesso-agli-atti',
  title: 'Accesso agli atti e ai documenti amministrativi',
  category: 'land_registry_urban_planning',
  status: 'active',
  shortDescription:
    'Chiedi di vedere o avere copia di pratiche edilizie e altri documenti del Comune, se hai un interesse diretto, concreto e attuale.',
  description: `Chi ha un interesse diretto, concreto e attuale può chiedere di prendere visione o avere copia dei documenti amministrativi del ${p.ente}: pratiche edilizie, licenze, verbali, progetti. La richiesta più frequente riguarda le pratiche edilizie, necessarie per compravendite e per verificare la conformità di un immobile.\n\nSe ci sono controinteressati, il Comune li avvisa e possono opporsi entro 10 giorni.`,
  audienceDescription: 'Cittadini, imprese, professionisti e associazioni con un interesse qualificato ai documenti richiesti; tecnici e notai con delega del proprietario.',
  audiences: ['citizens', 'professionals', 'businesses'],
  lifeEvents: ['housing'],
  howTo: [
    'Compila la richiesta online indicando i documenti, l\'immobile e il motivo.',
    'Allega l\'eventuale delega del proprietario.',
    'Ricevi la comunicazione di accoglimento con la data per la visione o le copie digitali.',
    'Paga i diritti di ricerca e di copia con pagoPA.',
  ],
  requirements: ["Documento d'identità", 'Indicazione dei documenti richiesti e del motivo', 'Delega del proprietario, se richiedi per conto di altri'],
  output: 'La visione dei documenti o la loro copia, anche digitale, oppure il provvedimento motivato di diniego o differimento.',
  timeLimits: 'Il Comune risponde entro 30 giorni; in mancanza di risposta la richiesta si intende respinta e puoi ricorrere al TAR o al Difensore civico.',
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, pick(p, 'La visione dei fascicoli si svolge all\'Area tecnica su appuntamento.', 'La visione dei fascicoli si svolge all\'Ufficio tecnico su appuntamento.')),
  conditions: "L'accesso è escluso per i documenti coperti da segreto o riservatezza nei casi previsti dalla legge.",
  costs: pick(
    p,
    [cost(eur(20), 'Diritti di ricerca e visura per pratica'), cost(eur(0.25), 'Copia cartacea per facciata A4'), cost(0, 'Copia digitale: gratuita')],
    [cost(eur(15), 'Diritti di ricerca e visura per pratica'), cost(eur(0.3), 'Copia cartacea per facciata A4'), cost(0, 'Copia digitale: gratuita')],
  ),
  legalBasis: ['L. 241/1990, artt. 22-25', 'DPR 184/2006'],
  keywords: ['accesso agli atti', 'pratiche edilizie', 'copia documenti', 'visura', 'conformità urbanistica', 'L. 241/1990'],
  officeCode: p.office.edilizia,
});

const accessoCivico: ComuneService = (p) => ({
  slug: 'accesso-civico',
  title: 'Accesso civico semplice e generalizzato (FOIA)',
  category: 'justice_security',
  status: 'active',
  shortDescription: 'Chiedi dati e documenti del Comune senza dover motivare la richiesta, o la pubblicazione di ciò che manca in Amministrazione trasparente.',
  description: `Con l'accesso civico generalizzato (FOIA) chiunque può chiedere dati e documenti detenuti dal ${p.ente}, senza dimostrare un interesse e senza motivare, salvo i limiti a tutela di interessi pubblici e privati. Con l'accesso civico semplice puoi chiedere la pubblicazione di documenti che il Comune doveva pubblicare in Amministrazione trasparente.\n\nIn caso di diniego puoi chiedere il riesame al Responsabile della prevenzione della corruzione e della trasparenza.`,
  audienceDescription: 'Chiunque: cittadini, giornalisti, associazioni, imprese, anche non residenti.',
  audiences: ['citizens', 'associations', 'businesses', 'professionals'],
  lifeEvents: [],
  howTo: [
    'Compila la richiesta online indicando i dati o i documenti che ti interessano.',
    "L'ufficio che li detiene valuta la richiesta e avvisa gli eventuali controinteressati.",
    'Ricevi i documenti o il provvedimento motivato entro 30 giorni.',
    'In caso di diniego o mancata risposta, chiedi il riesame al Responsabile della trasparenza.',
  ],
  requirements: ['Identificazione del richiedente', 'Indicazione sufficientemente precisa dei dati o documenti richiesti'],
  output: 'I dati o documenti richiesti, la loro pubblicazione o il provvedimento motivato di rifiuto.',
  timeLimits: 'Conclusione entro 30 giorni, sospesi fino a 10 giorni se ci sono controinteressati; riesame entro 20 giorni.',
  maxDays: 30,
  access: onlineAndDesk(
    'Accedi con SPID o CIE e scrivi quali dati o documenti ti servono e come vuoi riceverli: non devi motivare la richiesta. Ricevi subito la ricevuta con il numero di protocollo e la risposta nella tua area personale.',
    pick(p, "Puoi presentare la richiesta all'URP o inviarla via PEC.", 'Puoi presentare la richiesta in Segreteria o inviarla via PEC.'),
    { bookable: false, authLevel: 'SpidL2' },
  ),
  conditions: "Il rilascio è gratuito, salvo il rimborso del costo di riproduzione su supporti materiali.",
  costs: [cost(0, 'Gratuito; solo rimborso dei costi di riproduzione su carta o supporti')],
  legalBasis: ['D.Lgs. 33/2013, artt. 5 e 5-bis', 'Linee guida ANAC delibera 1309/2016', 'Circolare Funzione pubblica 2/2017'],
  keywords: ['accesso civico', 'FOIA', 'trasparenza', 'accesso generalizzato', 'Amministrazione trasparente', 'documenti pubblici'],
  officeCode: p.office.urp,
  form: accessoCivicoForm(p),
  workflow: accessoCivicoWorkflow(),
});

const idoneitaAlloggiativa: ComuneService = (p) => ({
  slug: 'certificato-idoneita-alloggiativa',
  title: 'Certificato di idoneità alloggiativa',
  category: 'land_registry_urban_planning',
  status: 'active',
  shortDescription:
    "Chiedi il certificato che attesta che l'alloggio è adatto a chi ci abita, per il ricongiungimento familiare e i permessi di soggiorno.",
  description: `Il certificato di idoneità alloggiativa attesta che un'abitazione del ${p.ente} rispetta i requisiti igienico-sanitari e le superfici minime per il numero di persone che vi abitano o vi abiteranno. Lo chiedono i cittadini stranieri per il ricongiungimento familiare, il permesso di soggiorno UE per soggiornanti di lungo periodo e il contratto di soggiorno per lavoro.\n\nIl tecnico comunale esamina la planimetria e, se serve, fa un sopralluogo per verificare superfici, altezze, aerazione e impianti.`,
  audienceDescription:
    "Cittadini stranieri che abitano nel Comune, o vi ospiteranno i familiari, e i proprietari o datori di lavoro che mettono a disposizione l'alloggio.",
  audiences: ['citizens'],
  lifeEvents: ['housing'],
  howTo: [
    "Accedi con SPID o CIE e compila la richiesta con i dati dell'alloggio e delle persone che vi abiteranno.",
    'Allega la planimetria catastale, il contratto o l\'atto che ti consente di abitare nell\'alloggio e il permesso di soggiorno.',
    'Paga il bollo e i diritti di istruttoria con pagoPA.',
    "Se serve, concorda con l'ufficio la data del sopralluogo.",
    'Ricevi il certificato nella tua area personale.',
  ],
  requirements: [
    "Planimetria catastale aggiornata dell'alloggio",
    'Contratto di locazione o comodato registrato, o atto di proprietà',
    "Passaporto e permesso di soggiorno del richiedente",
    "Per chi è ospite: dichiarazione di ospitalità del titolare dell'alloggio con il suo documento",
    'Dichiarazioni di conformità degli impianti, se disponibili',
  ],
  output: "Il certificato di idoneità alloggiativa, valido sei mesi dal rilascio se nel frattempo non cambiano l'alloggio o il numero degli occupanti.",
  timeLimits: "Il certificato è rilasciato entro 30 giorni dalla richiesta completa, compreso l'eventuale sopralluogo.",
  maxDays: 30,
  access: onlineAndDesk(
    "Accedi con SPID o CIE e compila la richiesta online con i dati dell'alloggio; allega planimetria e contratto. Ricevi subito la ricevuta con il numero di protocollo.",
    pick(p, "L'Area tecnica riceve su appuntamento il martedì e il giovedì mattina.", "L'Ufficio tecnico riceve su appuntamento il martedì e il venerdì."),
    { authLevel: 'SpidL2' },
  ),
  conditions:
    "I requisiti sono quelli del DM Sanità 5 luglio 1975: almeno 14 m² per ciascuno dei primi quattro abitanti e 10 m² per ciascuno dei successivi, camere da letto di almeno 9 m² per una persona e 14 m² per due, un soggiorno di almeno 14 m². Il certificato non sostituisce l'agibilità dell'edificio.",
  costs: [cost(2 * BOLLO, 'Imposta di bollo su richiesta e certificato'), cost(idoneitaRights(p), 'Diritti di istruttoria e sopralluogo')],
  legalBasis: [
    'D.Lgs. 286/1998, artt. 5-bis, 9 e 29, c. 3, lett. a)',
    'DPR 394/1999, art. 16, c. 4',
    'DM Sanità 5 luglio 1975 (requisiti igienico-sanitari dei locali di abitazione)',
  ],
  keywords: ['idoneità alloggiativa', 'idoneità abitativa', 'ricongiungimento familiare', 'permesso di soggiorno', 'carta di soggiorno', 'certificato alloggio', 'stranieri'],
  officeCode: p.office.edilizia,
  form: idoneitaAlloggiativaForm(p),
  workflow: idoneitaAlloggiativaWorkflow(idoneitaRights(p)),
});

/** The body's fees for the certificate: the card's costs and the payment before sending say the same. */
const idoneitaRights = (p: Parameters<ComuneService>[0]) => pick(p, eur(50), eur(40));

const appalti: ComuneService = (p) => ({
  slug: 'gare-elenco-operatori-economici',
  title: 'Gare d\'appalto e iscrizione all\'elenco degli operatori economici',
  category: 'public_procurement',
  status: 'active',
  shortDescription: 'Partecipa alle gare del Comune per lavori, servizi e forniture e iscriviti all\'elenco degli operatori per gli affidamenti sotto soglia.',
  description: `Il ${p.ente} svolge le procedure di gara in modalità telematica sulla piattaforma di approvvigionamento digitale certificata Sintel. Per gli affidamenti diretti e le procedure negoziate sotto le soglie europee invita gli operatori iscritti al proprio elenco, nel rispetto del principio di rotazione.\n\nBandi, avvisi ed esiti sono pubblicati nella sezione Amministrazione trasparente e nella Banca dati nazionale dei contratti pubblici dell'ANAC.`,
  audienceDescription: 'Imprese, professionisti, consorzi e raggruppamenti che vogliono lavorare con il Comune.',
  audiences: ['businesses', 'professionals'],
  lifeEvents: ['procurement_participation'],
  howTo: [
    'Registrati sulla piattaforma telematica e qualificati per il Comune.',
    "Chiedi l'iscrizione all'elenco degli operatori indicando categorie e classi di importo.",
    'Partecipa alle gare pubblicate presentando l\'offerta sulla piattaforma entro la scadenza.',
    'Consulta gli esiti e le comunicazioni nella tua area riservata.',
  ],
  requirements: [
    'Firma digitale del legale rappresentante',
    'Documento di gara unico europeo (DGUE)',
    'Attestazione SOA per i lavori oltre 150.000 euro',
    'Fascicolo virtuale dell\'operatore economico (FVOE) sulla piattaforma ANAC',
  ],
  output: "L'iscrizione all'elenco operatori e la partecipazione alle procedure di affidamento.",
  timeLimits: "L'iscrizione all'elenco è valutata entro 30 giorni; i termini delle gare sono indicati in ciascun bando.",
  maxDays: 30,
  access: onlineOnly(
    'Registrati e presenta le offerte online sulla piattaforma di e-procurement Sintel, con firma digitale.',
  ),
  conditions: "Non possono partecipare gli operatori che si trovano nelle cause di esclusione previste dagli artt. 94-98 del Codice dei contratti pubblici.",
  costs: [cost(0, 'Iscrizione gratuita; il contributo ANAC a carico dei partecipanti è dovuto per le gare di importo pari o superiore a 150.000 euro, secondo le delibere dell\'Autorità')],
  legalBasis: ['D.Lgs. 36/2023 (Codice dei contratti pubblici), artt. 25, 26, 50 e 94-98', 'D.Lgs. 33/2013, art. 37'],
  keywords: ['appalti', 'gare', 'bandi di gara', 'albo fornitori', 'elenco operatori', 'e-procurement', 'Sintel', 'contratti pubblici'],
  officeCode: p.office.lavoriPubblici,
});

// ---------------------------------------------------------------------------------------------------------------
// Ambiente
// ---------------------------------------------------------------------------------------------------------------

const ingombranti: ComuneService = (p) => ({
  slug: 'ritiro-rifiuti-ingombranti',
  title: 'Ritiro dei rifiuti ingombranti a domicilio',
  category: 'environment',
  status: 'active',
  shortDescription: pick(
    p,
    'Prenota il ritiro gratuito sotto casa di mobili, materassi ed elettrodomestici, fino a 5 pezzi per volta.',
    'Prenota il ritiro sotto casa di mobili, materassi ed elettrodomestici, fino a 3 pezzi per volta, con una tariffa fissa.',
  ),
  description: pick(
    p,
    "Mobili, materassi, elettrodomestici e altri rifiuti voluminosi non vanno lasciati accanto ai cassonetti: puoi portarli gratuitamente al centro di raccolta di Via dell'Artigianato oppure prenotarne il ritiro a domicilio. Il gestore del servizio, Valle dell'Orsa Ambiente, ritira gratuitamente fino a 5 pezzi per volta, al piano strada.",
    "Mobili, materassi, elettrodomestici e altri rifiuti voluminosi non vanno lasciati accanto ai cassonetti: puoi portarli gratuitamente al centro di raccolta di Via del Lavoro oppure prenotarne il ritiro a domicilio. Il ritiro, fino a 3 pezzi per volta al piano strada, costa 20 euro.",
  ),
  audienceDescription: `Utenze domestiche iscritte alla TARI nel ${p.ente}.`,
  audiences: ['citizens'],
  lifeEvents: ['change_of_residence', 'housing'],
  howTo: [
    'Prenota online indicando indirizzo, tipo e numero di pezzi.',
    'Ricevi la conferma con la data del ritiro.',
    'La sera prima lascia gli oggetti sul marciapiede davanti a casa, senza intralciare il passaggio.',
  ],
  requirements: ['Codice fiscale dell\'intestatario TARI', 'Elenco degli oggetti da ritirare'],
  output: 'Il ritiro degli ingombranti nella data concordata.',
  timeLimits: 'Ritiro entro 15 giorni lavorativi dalla prenotazione, come previsto dagli standard di qualità del servizio rifiuti.',
  maxDays: 15,
  access: onlineAndDesk(SPID_FORM, pick(p, "Puoi prenotare anche per telefono o all'Area tecnica.", "Puoi prenotare anche per telefono o all'Ufficio Ambiente."), { bookable: false }),
  conditions: "Non si ritirano macerie, pneumatici, rifiuti pericolosi né rifiuti prodotti da attività economiche. L'abbandono di rifiuti è punito con sanzioni amministrative e, nei casi gravi, penali.",
  costs: pick(p, [cost(0, 'Gratuito fino a 5 pezzi, per un massimo di 4 ritiri all\'anno')], [cost(eur(20), 'Tariffa per ritiro, fino a 3 pezzi')]),
  legalBasis: ['D.Lgs. 152/2006, artt. 198 e 255', 'Delibera ARERA 15/2022/R/rif (TQRIF)', `Regolamento comunale per la gestione dei rifiuti urbani del ${p.ente}`],
  keywords: ['ingombranti', 'ritiro rifiuti', 'mobili vecchi', 'materassi', 'RAEE', 'elettrodomestici', 'raccolta a domicilio'],
  officeCode: p.office.ambiente,
});

const abbattimentoAlberi: ComuneService = (p) => ({
  slug: 'autorizzazione-abbattimento-alberi',
  title: "Autorizzazione all'abbattimento di alberi su aree private",
  category: 'environment',
  status: 'active',
  shortDescription: 'Chiedi l\'autorizzazione per abbattere alberi di alto fusto in giardini e aree private, indicando le piante sostitutive.',
  description: pick(
    p,
    "Il regolamento del verde di Castelrocca tutela gli alberi con circonferenza del tronco superiore a 60 centimetri, misurata a 1,30 metri da terra: per abbatterli serve l'autorizzazione del Comune. In genere è richiesta la piantumazione di un nuovo albero.\n\nSe la pianta è pericolosa per persone o cose si può intervenire subito, comunicandolo entro 48 ore con la relazione di un agronomo.",
    "Il regolamento del verde di Valdoro tutela gli alberi con circonferenza del tronco superiore a 80 centimetri, misurata a 1,30 metri da terra: per abbatterli serve l'autorizzazione del Comune, con l'impegno a piantare un nuovo albero.\n\nSe la pianta è pericolosa per persone o cose si può intervenire subito, comunicandolo entro 48 ore con la relazione di un agronomo.",
  ),
  audienceDescription: 'Proprietari, condomini e conduttori di aree private con alberi, anche tramite un tecnico o una ditta di giardinaggio.',
  audiences: ['citizens', 'businesses', 'professionals'],
  lifeEvents: ['housing'],
  howTo: [
    'Compila la domanda online indicando le piante, i motivi e le fotografie.',
    'Allega, se richiesta, la relazione di un agronomo o forestale.',
    'Ricevi l\'autorizzazione con le eventuali prescrizioni sulla sostituzione.',
    'Esegui l\'abbattimento e comunica la messa a dimora delle nuove piante.',
  ],
  requirements: [
    'Planimetria con la posizione degli alberi e fotografie',
    'Relazione tecnica di un agronomo o forestale per gli alberi sani o di pregio',
    'Autorizzazione paesaggistica, se l\'area è vincolata',
    'Marca da bollo da 16 euro',
  ],
  output: "L'autorizzazione all'abbattimento con le prescrizioni per la sostituzione.",
  timeLimits: 'Il Comune decide entro 30 giorni dalla domanda completa.',
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, pick(p, "Puoi presentare la domanda all'Area tecnica.", "Puoi presentare la domanda all'Ufficio Ambiente."), { bookable: false }),
  conditions: "L'abbattimento senza autorizzazione è punito con la sanzione prevista dal regolamento del verde e l'obbligo di ripiantare. Durante il periodo di nidificazione gli interventi sono limitati.",
  costs: [cost(BOLLO, 'Marca da bollo sulla domanda')],
  legalBasis: ['L. 10/2013 (sviluppo degli spazi verdi urbani)', 'D.Lgs. 42/2004, art. 146', `Regolamento del verde pubblico e privato del ${p.ente}`],
  keywords: ['taglio alberi', 'abbattimento piante', 'verde privato', 'potatura', 'giardino', 'alberi'],
  officeCode: p.office.ambiente,
});

const compostaggio: ComuneService = (p) => ({
  slug: 'albo-compostatori-domestici',
  title: "Iscrizione all'albo dei compostatori domestici",
  category: 'environment',
  status: 'active',
  shortDescription: `Trasforma in compost gli scarti di cucina e del giardino: iscriviti all'albo e ottieni la riduzione della TARI del ${pick(p, '20', '15')}%.`,
  description: `Chi ha un giardino o un orto può trasformare in compost gli scarti organici di cucina e del verde, con una compostiera o in cumulo. Iscrivendosi all'albo dei compostatori si ottiene una riduzione del ${pick(p, '20', '15')}% della parte variabile della TARI e si può chiedere una compostiera in comodato d'uso gratuito.\n\nIl Comune effettua controlli a campione per verificare che il compostaggio sia praticato correttamente.`,
  audienceDescription: `Utenze domestiche iscritte alla TARI nel ${p.ente} con un'area verde di pertinenza.`,
  audiences: ['citizens'],
  lifeEvents: ['housing', 'paying_taxes'],
  howTo: [
    'Compila la domanda online indicando l\'area in cui farai il compostaggio.',
    'Se vuoi, chiedi la compostiera in comodato.',
    'Ricevi la conferma di iscrizione: la riduzione TARI si applica dal primo avviso utile.',
  ],
  requirements: ['Iscrizione alla TARI', 'Disponibilità di un giardino o un orto di almeno 20 metri quadrati'],
  output: "L'iscrizione all'albo dei compostatori e la riduzione della TARI.",
  timeLimits: 'Iscrizione entro 30 giorni dalla domanda.',
  maxDays: 30,
  access: onlineOnly(SPID_FORM),
  conditions: 'Chi si iscrive non conferisce l\'umido al servizio pubblico e accetta i controlli; se il compostaggio non è praticato la riduzione è revocata.',
  costs: FREE,
  legalBasis: ['L. 147/2013, art. 1, c. 658', 'D.Lgs. 152/2006, art. 183, c. 1, lett. e)', `Regolamento TARI del ${p.ente}`],
  keywords: ['compostaggio', 'compostiera', 'umido', 'riduzione TARI', 'rifiuti organici', 'orto'],
  officeCode: p.office.ambiente,
});

const scarichi: ComuneService = (p) => ({
  slug: 'autorizzazione-scarichi-acque-reflue-domestiche',
  title: 'Autorizzazione allo scarico di acque reflue domestiche fuori fognatura',
  category: 'environment',
  status: 'active',
  shortDescription: 'Per le case non allacciate alla fognatura: autorizzazione allo scarico dei reflui domestici nel suolo o in acque superficiali.',
  description:
    "Le abitazioni non servite dalla fognatura pubblica devono trattare le acque reflue domestiche con un impianto adeguato (fossa Imhoff, subirrigazione, fitodepurazione) e ottenere l'autorizzazione allo scarico. L'autorizzazione vale 4 anni e va rinnovata un anno prima della scadenza.\n\nGli scarichi domestici in fognatura pubblica sono sempre ammessi nel rispetto del regolamento del gestore del servizio idrico.",
  audienceDescription: 'Proprietari di edifici residenziali non allacciati alla fognatura pubblica, tramite un tecnico abilitato.',
  audiences: ['citizens', 'professionals'],
  lifeEvents: ['housing'],
  howTo: [
    'Incarica un tecnico che progetti l\'impianto di trattamento.',
    'Presenta la domanda online con la relazione tecnica e la relazione geologica, se richiesta.',
    'Il Comune acquisisce i pareri necessari e rilascia l\'autorizzazione.',
  ],
  requirements: [
    'Relazione tecnica e planimetria dell\'impianto di trattamento',
    'Relazione geologica per gli scarichi nel suolo',
    'Due marche da bollo da 16 euro (domanda e autorizzazione)',
  ],
  output: "L'autorizzazione allo scarico, valida 4 anni.",
  timeLimits: 'Il Comune decide entro 90 giorni dalla domanda completa.',
  maxDays: 90,
  access: onlineAndDesk(SPID_FORM, pick(p, "Puoi presentare la domanda all'Area tecnica.", "Puoi presentare la domanda all'Ufficio Ambiente.")),
  conditions: 'Lo scarico senza autorizzazione è punito con sanzione amministrativa; lo scarico in violazione delle prescrizioni comporta la sospensione o la revoca dell\'autorizzazione.',
  costs: [cost(2 * BOLLO, 'Imposta di bollo su domanda e autorizzazione'), cost(pick(p, eur(50), eur(50)), 'Diritti di istruttoria')],
  legalBasis: ['D.Lgs. 152/2006, artt. 100, 103 e 124', 'Normativa regionale in materia di scarichi e regolamento del gestore del servizio idrico'],
  keywords: ['scarichi', 'acque reflue', 'fossa Imhoff', 'fognatura', 'depurazione', 'subirrigazione'],
  officeCode: p.office.ambiente,
});

const orti: ComuneService = (p) =>
  p.key !== 'castelrocca'
    ? null
    : {
        slug: 'assegnazione-orti-comunali',
        title: 'Assegnazione degli orti comunali',
        category: 'environment',
        status: 'active',
        shortDescription: 'Partecipa al bando per coltivare uno dei 40 orti comunali di Via dei Mulini, con priorità a pensionati e famiglie con bambini.',
        description:
          "Il Comune di Castelrocca assegna per tre anni 40 appezzamenti di circa 50 metri quadrati nell'area orti di Via dei Mulini, con acqua, ricovero attrezzi e compostiera comune. Gli orti sono coltivati con metodi biologici; dieci lotti sono riservati a famiglie con bambini, scuole e associazioni.",
        audienceDescription: 'Residenti a Castelrocca maggiorenni che non possiedono terreni coltivabili nel Comune; scuole e associazioni per i lotti didattici.',
        audiences: ['citizens', 'associations'],
        lifeEvents: ['retirement'],
        howTo: [
          'Presenta la domanda online durante l\'apertura del bando.',
          'Consulta la graduatoria, formata secondo i criteri del regolamento.',
          'Firma la concessione e paga il canone annuale con pagoPA.',
        ],
        requirements: ["Documento d'identità", 'Dichiarazione di non possedere terreni coltivabili nel Comune'],
        output: "La concessione triennale di un orto.",
        timeLimits: 'Graduatoria entro 60 giorni dalla chiusura del bando.',
        maxDays: 60,
        access: onlineOnly(SPID_FORM),
        conditions: "L'orto va coltivato con continuità e senza prodotti chimici di sintesi; l'abbandono per più di due mesi comporta la revoca.",
        costs: [cost(eur(40), 'Canone annuale, acqua compresa')],
        legalBasis: ['Regolamento comunale per gli orti urbani del Comune di Castelrocca', 'L. 10/2013'],
        keywords: ['orti comunali', 'orto urbano', 'orti sociali', 'anziani', 'giardinaggio'],
        officeCode: p.office.ambiente,
      };

const pannoliniLavabili: ComuneService = (p) =>
  p.key !== 'valdoro'
    ? null
    : {
        slug: 'contributo-pannolini-lavabili',
        title: "Contributo per l'acquisto di pannolini lavabili",
        category: 'environment',
        status: 'active',
        shortDescription: 'Rimborso del 50% della spesa, fino a 150 euro per bambino, a chi compra pannolini lavabili per un figlio sotto i 3 anni.',
        description:
          "Prima di imparare a farne a meno, un bambino usa in media oltre 4.500 pannolini usa e getta: circa una tonnellata di rifiuti indifferenziati. Per ridurli, il Comune di Valdoro rimborsa la metà della spesa per i pannolini lavabili, fino a 150 euro per bambino.\n\nIl bando 2026 vale per gli acquisti fatti dal 1° gennaio al 31 dicembre 2026; le domande si presentano online fino alle 12.00 del 31 marzo 2027 e sono accolte in ordine di arrivo fino a esaurimento del fondo di 6.000 euro.",
        audienceDescription:
          "Genitori, tutori e affidatari residenti a Valdoro di bambini, anch'essi residenti, che alla data dell'acquisto hanno meno di 3 anni.",
        audiences: ['citizens'],
        lifeEvents: ['birth'],
        howTo: [
          'Compra i pannolini lavabili in negozio o online e fatti rilasciare fattura o scontrino con il tuo codice fiscale.',
          'Accedi con SPID o CIE e compila la domanda per il bambino: i suoi dati sono già precompilati.',
          "Allega la fattura o lo scontrino e indica l'IBAN per l'accredito.",
          'Ricevi il contributo sul conto entro 60 giorni.',
        ],
        requirements: [
          'Fattura o scontrino parlante intestato al richiedente, con la descrizione dei prodotti',
          'IBAN di un conto intestato o cointestato al richiedente',
        ],
        output: 'Il contributo, pari al 50% della spesa fino a 150 euro per bambino, accreditato sul conto indicato.',
        timeLimits:
          'Domande online dal 15 gennaio 2026 alle 12.00 del 31 marzo 2027, per gli acquisti del 2026; il contributo è pagato entro 60 giorni dalla domanda.',
        maxDays: 60,
        access: {
          ...onlineOnly(
            "Accedi con SPID o CIE e compila la domanda per tua figlia o tuo figlio: i suoi dati sono già precompilati; allega la fattura e indica l'IBAN.",
          ),
          authLevel: 'SpidL2',
        },
        conditions:
          'Un solo contributo per bambino per ogni bando. Il Comune controlla a campione le domande; chi dichiara il falso restituisce il contributo (DPR 445/2000, art. 75).',
        costs: FREE,
        legalBasis: [
          'D.Lgs. 152/2006, art. 180 (prevenzione della produzione di rifiuti)',
          'L. 241/1990, art. 12 (criteri per i contributi)',
          `Bando 2026 del ${p.ente} per l'acquisto di pannolini lavabili`,
        ],
        keywords: ['pannolini lavabili', 'pannolini', 'contributo pannolini', 'bonus pannolini', 'riduzione rifiuti', 'neonati'],
        officeCode: p.office.ambiente,
        form: pannoliniLavabiliForm(),
      };

const autolettura: ComuneService = (p) =>
  p.key !== 'valdoro'
    ? null
    : {
        slug: 'autolettura-contatore-acqua',
        title: "Autolettura del contatore dell'acqua",
        category: 'environment',
        status: 'active',
        shortDescription:
          "Comunica la lettura del contatore dell'acquedotto comunale: la bolletta successiva conterà i consumi reali e non una stima.",
        description:
          "Il Comune di Valdoro gestisce direttamente l'acquedotto e fattura il servizio idrico due volte l'anno. Il personale legge i contatori una volta l'anno; negli altri periodi la bolletta si basa su una stima, a meno che tu non comunichi la lettura.\n\nLe autoletture ricevute entro il 31 marzo e entro il 30 settembre sono usate per la bolletta successiva. Ti servono il codice utente e la matricola del contatore, scritti sulla bolletta.",
        audienceDescription: "Intestatari di un'utenza dell'acquedotto comunale di Valdoro, i loro familiari e gli amministratori di condominio.",
        audiences: ['citizens', 'businesses'],
        lifeEvents: ['housing'],
        howTo: [
          'Leggi il contatore: solo le cifre nere dei metri cubi, senza quelle rosse dei litri.',
          'Accedi con SPID o CIE e inserisci codice utente, matricola del contatore e lettura; se vuoi, allega una foto.',
          'Ricevi subito la ricevuta: la lettura sarà usata nella prossima bolletta.',
        ],
        requirements: ['Codice utente e matricola del contatore, scritti sulla bolletta', 'La lettura del contatore in metri cubi'],
        output: "La registrazione della lettura, usata per la bolletta successiva; se la lettura sembra anomala, l'ufficio ti contatta.",
        timeLimits:
          "La lettura è usata nella prima bolletta utile; se è anomala l'ufficio la verifica entro 30 giorni, anche con un sopralluogo.",
        maxDays: 30,
        access: onlineAndDesk(
          "Accedi con SPID o CIE e comunica la lettura in un minuto, anche con una foto del contatore.",
          "Puoi comunicare la lettura anche per telefono o all'Ufficio Tributi ed Economato.",
          { bookable: false, authLevel: 'SpidL2' },
        ),
        conditions:
          "Se la lettura rilevata dal personale del Comune è diversa da quella comunicata, vale quella rilevata e la bolletta è conguagliata.",
        costs: FREE,
        legalBasis: [
          'D.Lgs. 152/2006, parte III, sezione III (servizio idrico integrato)',
          'Delibera ARERA 218/2016/R/idr (TIMSII, misura del servizio idrico)',
          `Regolamento del servizio idrico del ${p.ente}`,
        ],
        keywords: ['autolettura', 'lettura contatore', 'contatore acqua', 'acquedotto', 'bolletta acqua', 'servizio idrico'],
        officeCode: p.office.tributi,
        form: autoletturaForm(),
      };

const anagrafeCanina: ComuneService = (p) => ({
  slug: 'iscrizione-anagrafe-canina',
  title: "Iscrizione del cane all'anagrafe degli animali d'affezione",
  category: 'health_welfare',
  status: 'active',
  shortDescription: "Registra il tuo cane all'anagrafe regionale con il microchip, comunica cessioni, smarrimenti, ritrovamenti e decessi.",
  description:
    "Tutti i cani devono essere identificati con il microchip e iscritti all'anagrafe regionale degli animali d'affezione. Il microchip è applicato da un veterinario; l'iscrizione si può fare presso il veterinario o in Comune.\n\nAllo stesso modo vanno comunicati il cambio di proprietario o di residenza, lo smarrimento, il ritrovamento e la morte dell'animale. L'iscrizione è consigliata anche per gatti e furetti.",
  audienceDescription: `Proprietari e detentori di cani residenti nel ${p.ente}.`,
  audiences: ['citizens'],
  lifeEvents: ['pets'],
  howTo: [
    'Fai applicare il microchip da un veterinario, entro i termini previsti dalla normativa regionale.',
    'Presenta in Comune il certificato di applicazione, o lascia che sia il veterinario a registrare il cane.',
    'Ricevi il certificato di iscrizione all\'anagrafe.',
    'Comunica ogni variazione nei termini previsti e lo smarrimento il prima possibile, anche alla Polizia locale.',
  ],
  requirements: ["Documento d'identità del proprietario", 'Certificato di applicazione del microchip', 'Per le cessioni: dati del nuovo proprietario'],
  output: "L'iscrizione all'anagrafe regionale e il relativo certificato.",
  timeLimits: 'Registrazione immediata allo sportello.',
  maxDays: 0,
  access: deskOnly(pick(p, 'Presentati al comando di Polizia locale negli orari di apertura.', "Presentati all'Ufficio Ambiente negli orari di apertura."), false),
  conditions: 'La mancata iscrizione e la mancata comunicazione delle variazioni sono punite con sanzioni amministrative.',
  costs: [cost(0, 'Iscrizione gratuita; l\'applicazione del microchip è a pagamento secondo le tariffe del veterinario')],
  legalBasis: ['L. 281/1991', 'L.R. Lombardia 33/2009 (testo unico delle leggi regionali in materia di sanità)'],
  keywords: ['anagrafe canina', 'microchip', 'cane', 'animali domestici', 'smarrimento cane', 'animali d\'affezione'],
  officeCode: pick(p, p.office.polizia, p.office.ambiente),
});

export const territorioServices = (p: ComuneProfile): ServiceInput[] =>
  build(p, [
    cila,
    sciaEdilizia,
    permessoCostruire,
    agibilita,
    cdu,
    accessoAtti,
    accessoCivico,
    idoneitaAlloggiativa,
    appalti,
    ingombranti,
    abbattimentoAlberi,
    compostaggio,
    scarichi,
    orti,
    pannoliniLavabili,
    autolettura,
    anagrafeCanina,
  ]);
