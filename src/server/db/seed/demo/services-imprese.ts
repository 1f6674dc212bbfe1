/**
 * Demo services: Imprese e commercio, Autorizzazioni, Turismo, Agricoltura (SUAP) and Mobilità e trasporti
 * (Polizia locale).
 */
import type { ServiceInput } from '../../../../contracts/catalog.ts';
import {
  BOLLO,
  FREE,
  SPID_FORM,
  URL,
  build,
  cost,
  eur,
  onlineAndDesk,
  onlineOnly,
  pick,
  type ComuneProfile,
  type ComuneService,
} from './services-common.ts';

const SUAP_ONLINE =
  "La pratica si presenta online al SUAP tramite il portale impresainungiorno.gov.it, con firma digitale del titolare o di un intermediario delegato; la ricevuta è rilasciata automaticamente.";
const suapDesk = (p: ComuneProfile) =>
  pick(
    p,
    'Lo Sportello SUAP riceve imprese e intermediari su appuntamento il lunedì, mercoledì e venerdì mattina.',
    'Lo sportello SUAP presso la Polizia locale riceve imprese e intermediari su appuntamento.',
  );
const suapCosts = (p: ComuneProfile, what: string) => [cost(pick(p, eur(50), eur(40)), `Diritti di istruttoria SUAP per ${what}`)];

// ---------------------------------------------------------------------------------------------------------------
// SUAP: commercio, pubblici esercizi, manifestazioni, turismo, agricoltura
// ---------------------------------------------------------------------------------------------------------------

const vicinato: ComuneService = (p) => ({
  slug: 'scia-esercizio-di-vicinato',
  title: 'SCIA per aprire un negozio (esercizio di vicinato)',
  category: 'business_commerce',
  status: 'active',
  shortDescription: `Avvia un negozio di vendita al dettaglio fino a ${pick(p, '250', '150')} mq con una SCIA al SUAP: puoi aprire dal giorno della presentazione.`,
  description: `Per aprire, trasferire o ampliare un esercizio di vicinato, cioè un negozio con superficie di vendita fino a ${pick(p, '250 metri quadrati (Comuni con più di 10.000 abitanti)', '150 metri quadrati (Comuni con meno di 10.000 abitanti)')}, basta presentare una segnalazione certificata di inizio attività (SCIA) al SUAP. L'attività può iniziare dalla data di presentazione.\n\nPer la vendita di alimenti serve anche la notifica sanitaria, che si presenta insieme alla SCIA.`,
  audienceDescription: 'Imprese individuali e società che avviano o modificano un\'attività di commercio al dettaglio in sede fissa, anche tramite intermediari (associazioni di categoria, commercialisti).',
  audiences: ['businesses', 'professionals'],
  lifeEvents: ['starting_business', 'opening_branch', 'selling_business'],
  howTo: [
    'Verifica che i locali abbiano la destinazione d\'uso commerciale e siano agibili.',
    'Compila la SCIA sul portale impresainungiorno.gov.it, con la notifica sanitaria se vendi alimenti.',
    'Firma digitalmente e invia: ricevi subito la ricevuta, che ti consente di aprire.',
    'Il SUAP trasmette la pratica agli enti interessati (ATS, Camera di commercio) e svolge i controlli.',
  ],
  requirements: [
    'Requisiti morali del titolare (D.Lgs. 59/2010, art. 71)',
    'Per il settore alimentare: requisito professionale (corso abilitante, titolo di studio o esperienza)',
    'Planimetria dei locali con la superficie di vendita',
    'Disponibilità dei locali (contratto di affitto o proprietà)',
  ],
  output: 'La ricevuta della SCIA, che abilita all\'esercizio dell\'attività.',
  timeLimits: "Avvio immediato dalla presentazione; entro 60 giorni il SUAP può vietare la prosecuzione se mancano i requisiti.",
  maxDays: 60,
  access: onlineAndDesk(SUAP_ONLINE, suapDesk(p), { onlineUrl: URL.impresaInUnGiorno }),
  conditions: 'Le dichiarazioni false comportano il divieto di prosecuzione dell\'attività e le sanzioni penali previste dall\'art. 19, c. 6, della L. 241/1990.',
  costs: suapCosts(p, 'la SCIA'),
  legalBasis: ['D.Lgs. 114/1998, artt. 4 e 7', 'D.Lgs. 59/2010, artt. 65 e 71', 'DPR 160/2010 (SUAP)', 'D.Lgs. 222/2016, tabella A', 'L. 241/1990, art. 19'],
  keywords: ['SCIA', 'aprire un negozio', 'commercio al dettaglio', 'esercizio di vicinato', 'SUAP', 'avvio attività'],
  officeCode: p.office.suap,
});

const pubblicoEsercizio: ComuneService = (p) => ({
  slug: 'avvio-pubblico-esercizio-bar-ristorante',
  title: 'Apertura di un pubblico esercizio (bar, ristorante)',
  category: 'business_commerce',
  status: 'active',
  shortDescription: 'Apri un bar, un ristorante o un altro locale di somministrazione di alimenti e bevande con SCIA al SUAP.',
  description: pick(
    p,
    "Per aprire un bar, un ristorante, una pizzeria o un altro locale di somministrazione al pubblico si presenta una SCIA al SUAP, insieme alla notifica sanitaria. Nel centro storico di Castelrocca, individuato come zona tutelata, l'apertura richiede invece l'autorizzazione comunale.",
    "Per aprire un bar, un ristorante, una pizzeria o un altro locale di somministrazione al pubblico si presenta una SCIA al SUAP, insieme alla notifica sanitaria. Nel Comune di Valdoro non sono state individuate zone tutelate.",
  ),
  audienceDescription: 'Imprese e persone che avviano, trasferiscono o rilevano un\'attività di somministrazione di alimenti e bevande.',
  audiences: ['businesses', 'professionals'],
  lifeEvents: ['starting_business', 'selling_business', 'business_permits'],
  howTo: [
    'Verifica i requisiti dei locali: destinazione d\'uso, agibilità, requisiti igienico-sanitari e di accessibilità.',
    'Presenta la SCIA e la notifica sanitaria sul portale impresainungiorno.gov.it.',
    'Se installi impianti di diffusione sonora, allega la documentazione di impatto acustico.',
    'Avvia l\'attività dalla presentazione; il SUAP e l\'ATS svolgono i controlli.',
  ],
  requirements: [
    'Requisiti morali e professionali del titolare o del preposto (D.Lgs. 59/2010, art. 71)',
    'Planimetria dei locali e relazione tecnica',
    'Notifica sanitaria (Regolamento CE 852/2004)',
    'Documentazione di impatto acustico, se prevista',
  ],
  output: "La ricevuta della SCIA o, nelle zone tutelate, l'autorizzazione all'apertura.",
  timeLimits: 'Con la SCIA l\'avvio è immediato e i controlli si concludono entro 60 giorni; l\'autorizzazione nelle zone tutelate è rilasciata entro 60 giorni.',
  maxDays: 60,
  access: onlineAndDesk(SUAP_ONLINE, suapDesk(p), { onlineUrl: URL.impresaInUnGiorno }),
  conditions: 'Gli orari di apertura sono liberi, nel rispetto delle ordinanze sindacali sui rumori e sulla vendita di alcolici.',
  costs: suapCosts(p, 'la SCIA o l\'autorizzazione'),
  legalBasis: ['L. 287/1991', 'D.Lgs. 59/2010, artt. 64 e 71', 'L.R. Lombardia 6/2010 (testo unico del commercio)', 'Regolamento (CE) 852/2004', 'D.Lgs. 222/2016, tabella A'],
  keywords: ['bar', 'ristorante', 'pizzeria', 'somministrazione', 'pubblico esercizio', 'SUAP', 'SCIA'],
  officeCode: p.office.suap,
});

const suoloPubblico: ComuneService = (p) => ({
  slug: 'occupazione-temporanea-suolo-pubblico',
  title: 'Occupazione temporanea di suolo pubblico',
  category: 'authorisations',
  status: 'active',
  shortDescription: 'Chiedi la concessione per occupare strade, marciapiedi e piazze con ponteggi, traslochi, gazebo o banchetti.',
  description: `Per occupare temporaneamente una parte di strada, marciapiede o piazza del ${p.ente}, ad esempio per un ponteggio, un cassone per un trasloco, un gazebo o un banchetto informativo, serve la concessione del Comune. Se l'occupazione modifica la circolazione, la Polizia locale emette anche un'ordinanza.\n\nL'occupazione è soggetta al canone unico patrimoniale, calcolato in base a superficie, durata e zona.`,
  audienceDescription: 'Cittadini, imprese edili, ditte di traslochi, associazioni e partiti politici.',
  audiences: ['citizens', 'businesses', 'associations'],
  lifeEvents: ['housing', 'business_permits', 'change_of_residence'],
  howTo: [
    'Presenta la domanda online almeno 10 giorni prima dell\'occupazione (5 per i traslochi).',
    'Indica luogo, superficie, date e orari, con una planimetria.',
    'Paga il canone con l\'avviso pagoPA che ricevi.',
    'Ritira la concessione ed esponila sul posto; posiziona la segnaletica almeno 48 ore prima.',
  ],
  requirements: ['Planimetria con l\'area da occupare', 'Per i cantieri: titolo edilizio e nominativo dell\'impresa', 'Due marche da bollo da 16 euro (domanda e concessione), salvo esenzioni'],
  output: 'La concessione di occupazione e, se necessaria, l\'ordinanza di modifica della viabilità.',
  timeLimits: 'Rilascio entro 30 giorni dalla domanda; per traslochi e occupazioni brevi di norma entro 5 giorni lavorativi.',
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, pick(p, 'Puoi presentare la domanda allo Sportello SUAP.', 'Puoi presentare la domanda al comando di Polizia locale.'), { bookable: false }),
  conditions: "L'area va lasciata pulita e libera alla scadenza; l'occupazione senza concessione è punita con sanzioni e con un'indennità pari al canone maggiorato.",
  costs: [
    cost(2 * BOLLO, 'Imposta di bollo su domanda e concessione (esenti le associazioni di volontariato e le ONLUS)'),
    cost(pick(p, eur(1.2), eur(0.9)), 'Canone unico per metro quadrato al giorno, zona centrale (tariffa base)'),
  ],
  legalBasis: ['L. 160/2019, art. 1, cc. 816-847', 'D.Lgs. 285/1992, artt. 20 e 21', `Regolamento del canone unico patrimoniale del ${p.ente}`],
  keywords: ['suolo pubblico', 'occupazione suolo', 'ponteggio', 'trasloco', 'gazebo', 'canone unico', 'COSAP'],
  officeCode: pick(p, p.office.suap, p.office.polizia),
});

const dehors: ComuneService = (p) =>
  p.key !== 'castelrocca'
    ? null
    : {
        slug: 'concessione-dehors',
        title: 'Concessione di suolo pubblico per dehors',
        category: 'authorisations',
        status: 'active',
        shortDescription: 'Bar e ristoranti possono chiedere di allestire tavoli, sedie, pedane e ombrelloni all\'aperto su suolo pubblico, stagionali o annuali.',
        description:
          "I pubblici esercizi di Castelrocca possono allestire un dehors su suolo pubblico con tavoli, sedie, ombrelloni, fioriere e pedane, nel rispetto del regolamento comunale e del piano dell'arredo urbano del centro storico. La concessione può essere stagionale (da aprile a ottobre) o annuale.\n\nNel centro storico i dehors con strutture coperte richiedono anche l'autorizzazione paesaggistica.",
        audienceDescription: 'Titolari di bar, ristoranti, gelaterie e altri pubblici esercizi con sede a Castelrocca.',
        audiences: ['businesses', 'professionals'],
        lifeEvents: ['business_permits'],
        howTo: [
          'Prepara il progetto del dehors con un tecnico, seguendo il piano dell\'arredo urbano.',
          'Presenta la domanda online con il progetto e le fotografie.',
          'Il SUAP acquisisce i pareri di Polizia locale e Area tecnica.',
          'Paga il canone e installa il dehors dopo il rilascio della concessione.',
        ],
        requirements: [
          'Progetto con planimetria, prospetti e descrizione degli arredi',
          'Autorizzazione paesaggistica per le strutture coperte nel centro storico',
          'Assenso del condominio o dei negozi confinanti, se l\'occupazione è davanti alle loro vetrine',
          'Due marche da bollo da 16 euro',
        ],
        output: 'La concessione di suolo pubblico per il dehors, stagionale o annuale.',
        timeLimits: 'Il SUAP decide entro 60 giorni dalla domanda completa; per il rinnovo con arredi invariati entro 30 giorni.',
        maxDays: 60,
        access: onlineAndDesk(SUAP_ONLINE, suapDesk(p), { onlineUrl: URL.impresaInUnGiorno }),
        conditions: 'Il dehors va rimosso alla scadenza e ogni volta che lo richiedano lavori o manifestazioni pubbliche; il mancato pagamento del canone comporta la decadenza.',
        costs: [cost(2 * BOLLO, 'Imposta di bollo su domanda e concessione'), cost(eur(50), 'Diritti di istruttoria SUAP'), cost(0, 'Canone unico calcolato su superficie, durata e zona')],
        legalBasis: ['L. 160/2019, art. 1, cc. 816-847', 'D.Lgs. 42/2004, art. 146', 'Regolamento comunale per i dehors del Comune di Castelrocca'],
        keywords: ['dehors', 'tavolini all\'aperto', 'plateatico', 'suolo pubblico', 'bar', 'ristorante'],
        officeCode: p.office.suap,
      };

const manifestazioni: ComuneService = (p) => ({
  slug: 'manifestazioni-pubblico-spettacolo',
  title: 'Licenza o SCIA per spettacoli e manifestazioni temporanee',
  category: 'authorisations',
  status: 'active',
  shortDescription: 'Organizzi un concerto, una festa o uno spettacolo aperto al pubblico? Chiedi la licenza o presenta la SCIA al SUAP.',
  description:
    "Concerti, feste, sagre con intrattenimento, spettacoli e altre manifestazioni aperte al pubblico richiedono la licenza di pubblico spettacolo. Per gli eventi fino a 200 partecipanti che terminano entro la mezzanotte del giorno di inizio la licenza è sostituita da una SCIA.\n\nSe si installano palchi, tribune o altre strutture, o se sono previsti più di 200 partecipanti, il luogo è verificato dalla Commissione di vigilanza sui locali di pubblico spettacolo.",
  audienceDescription: 'Associazioni, comitati, parrocchie, imprese e privati che organizzano manifestazioni aperte al pubblico.',
  audiences: ['associations', 'businesses'],
  lifeEvents: ['business_permits'],
  howTo: [
    'Presenta la domanda o la SCIA online almeno 30 giorni prima dell\'evento (60 se serve la Commissione di vigilanza).',
    'Allega il programma, la planimetria dell\'area e il piano di sicurezza.',
    'Chiedi nella stessa pratica l\'occupazione di suolo pubblico e la deroga ai limiti di rumore.',
    'Ricevi la licenza o la ricevuta della SCIA, da tenere sul posto durante l\'evento.',
  ],
  requirements: [
    'Programma e orari della manifestazione',
    'Planimetria con vie di esodo, presidi antincendio e servizi igienici',
    'Certificazioni di idoneità di palchi e impianti, a firma di un tecnico',
    'Piano di sicurezza ed emergenza per gli eventi con grande affluenza',
    'Marca da bollo da 16 euro per la licenza',
  ],
  output: 'La licenza di pubblico spettacolo o la ricevuta della SCIA.',
  timeLimits: 'Risposta entro 30 giorni dalla domanda; i tempi della Commissione di vigilanza si aggiungono quando è necessaria.',
  maxDays: 30,
  access: onlineAndDesk(SUAP_ONLINE, suapDesk(p), { onlineUrl: URL.impresaInUnGiorno, bookable: false }),
  conditions: "L'organizzatore è responsabile della sicurezza dell'evento e del rispetto delle prescrizioni; la licenza può essere sospesa per motivi di ordine pubblico.",
  costs: [cost(BOLLO, 'Marca da bollo per la licenza'), ...suapCosts(p, 'manifestazione')],
  legalBasis: ['R.D. 773/1931 (TULPS), artt. 68, 69 e 80', 'R.D. 635/1940, art. 141', 'DM Interno 19 agosto 1996', 'DPR 311/2001'],
  keywords: ['pubblico spettacolo', 'manifestazione', 'concerto', 'festa', 'sagra', 'evento', 'licenza TULPS'],
  officeCode: p.office.suap,
});

const somministrazioneTemporanea: ComuneService = (p) => ({
  slug: 'somministrazione-temporanea-alimenti',
  title: 'Somministrazione temporanea di alimenti e bevande in sagre e feste',
  category: 'authorisations',
  status: 'active',
  shortDescription: 'SCIA per vendere cibo e bevande durante sagre, fiere, feste e altre manifestazioni temporanee.',
  description:
    "Chi somministra alimenti e bevande durante sagre, fiere, feste popolari e altri eventi temporanei presenta una SCIA al SUAP, senza asseverazioni e senza i requisiti professionali richiesti per i pubblici esercizi. Insieme alla SCIA si presenta la notifica sanitaria.\n\nLa SCIA vale per la durata della manifestazione.",
  audienceDescription: 'Associazioni, comitati, parrocchie, pro loco e imprese che partecipano a manifestazioni temporanee.',
  audiences: ['associations', 'businesses'],
  lifeEvents: ['business_permits'],
  howTo: [
    'Compila la SCIA online almeno 10 giorni prima dell\'evento.',
    'Allega la notifica sanitaria e la descrizione delle attrezzature di cucina.',
    'Tieni la ricevuta nel punto di somministrazione durante la manifestazione.',
  ],
  requirements: [
    'Requisiti morali del responsabile (D.Lgs. 59/2010, art. 71, cc. 1-5)',
    'Notifica sanitaria (Regolamento CE 852/2004)',
    'Descrizione dell\'area, delle attrezzature e dei prodotti somministrati',
  ],
  output: 'La ricevuta della SCIA, valida per la durata della manifestazione.',
  timeLimits: 'Efficace dalla presentazione; i controlli possono essere svolti fino al termine della manifestazione e comunque entro 60 giorni.',
  maxDays: 60,
  access: onlineAndDesk(SUAP_ONLINE, suapDesk(p), { onlineUrl: URL.impresaInUnGiorno, bookable: false }),
  conditions: "La vendita di bevande alcoliche è soggetta alle limitazioni di legge e alle ordinanze sindacali.",
  costs: pick(p, [cost(eur(25), 'Diritti di istruttoria SUAP (gratuita per le associazioni di volontariato)')], [cost(0, 'Nessun diritto di istruttoria')]),
  legalBasis: ['DL 5/2012, art. 41 (conv. L. 35/2012)', 'Regolamento (CE) 852/2004', 'L.R. Lombardia 6/2010'],
  keywords: ['somministrazione temporanea', 'sagra', 'festa', 'stand gastronomico', 'SCIA temporanea', 'pro loco'],
  officeCode: p.office.suap,
});

const commercioItinerante: ComuneService = (p) => ({
  slug: 'commercio-aree-pubbliche-itinerante',
  title: 'Commercio su aree pubbliche in forma itinerante',
  category: 'business_commerce',
  status: 'active',
  shortDescription: 'Avvia un\'attività di vendita ambulante itinerante, senza posteggio fisso, con una SCIA al SUAP del Comune di residenza.',
  description:
    "Il commercio ambulante in forma itinerante si svolge spostandosi su tutto il territorio nazionale, senza un posteggio fisso, con soste limitate nello stesso punto. Per avviarlo si presenta una SCIA al SUAP del Comune in cui l'impresa ha la sede o il titolare la residenza.\n\nPer vendere nei mercati con un posteggio assegnato serve invece partecipare ai bandi per i posteggi.",
  audienceDescription: `Imprese individuali e società con sede o residenza del titolare nel ${p.ente}.`,
  audiences: ['businesses'],
  lifeEvents: ['starting_business'],
  howTo: [
    'Presenta la SCIA sul portale impresainungiorno.gov.it.',
    'Per gli alimenti allega la notifica sanitaria del mezzo o del banco.',
    'Iscriviti al Registro delle imprese della Camera di commercio.',
    'Ottieni la carta di esercizio prevista dalla normativa regionale e inizia l\'attività.',
  ],
  requirements: ['Requisiti morali e, per gli alimenti, professionali (D.Lgs. 59/2010, art. 71)', 'Per i cittadini di Paesi terzi: permesso di soggiorno che consente il lavoro autonomo', 'DURC in corso di validità'],
  output: 'La ricevuta della SCIA, che abilita al commercio itinerante su tutto il territorio nazionale.',
  timeLimits: "L'attività può iniziare dalla presentazione; il SUAP completa i controlli entro 60 giorni.",
  maxDays: 60,
  access: onlineAndDesk(SUAP_ONLINE, suapDesk(p), { onlineUrl: URL.impresaInUnGiorno }),
  conditions: "Il commercio itinerante è vietato nelle aree indicate dal regolamento comunale (nel centro storico e vicino ai mercati nei giorni di svolgimento).",
  costs: suapCosts(p, 'la SCIA'),
  legalBasis: ['D.Lgs. 114/1998, artt. 27-28', 'D.Lgs. 222/2016, tabella A', 'L. 145/2018, art. 1, c. 686', 'L.R. Lombardia 6/2010'],
  keywords: ['ambulante', 'commercio itinerante', 'venditore ambulante', 'aree pubbliche', 'mercato', 'SUAP'],
  officeCode: p.office.suap,
});

const strutturaRicettiva: ComuneService = (p) => ({
  slug: 'avvio-struttura-ricettiva-extralberghiera',
  title: 'Avvio di una struttura ricettiva extralberghiera (B&B, casa vacanze)',
  category: 'tourism',
  status: 'active',
  shortDescription: 'Apri un bed & breakfast, un affittacamere o una casa per vacanze con SCIA al SUAP e ottieni il codice identificativo nazionale (CIN).',
  description:
    "Per avviare un bed & breakfast, un affittacamere, una casa o un appartamento per vacanze si presenta una SCIA al SUAP, che la trasmette alla Provincia e alla Regione per la classificazione e le statistiche. Ogni struttura deve ottenere il codice identificativo nazionale (CIN) e indicarlo negli annunci.\n\nGli ospiti vanno comunicati alla Questura entro 24 ore dall'arrivo con il servizio Alloggiati Web.",
  audienceDescription: 'Privati e imprese che vogliono ospitare turisti a pagamento in immobili situati nel Comune.',
  audiences: ['citizens', 'businesses', 'professionals'],
  lifeEvents: ['starting_business', 'starting_professional_activity', 'housing'],
  howTo: [
    'Verifica che l\'immobile rispetti i requisiti igienico-sanitari, edilizi e di sicurezza previsti.',
    'Presenta la SCIA sul portale impresainungiorno.gov.it, indicando tipologia, camere e posti letto.',
    'Chiedi il CIN sulla Banca dati nazionale delle strutture ricettive.',
    'Attiva le credenziali Alloggiati Web e, se previsto, l\'account per l\'imposta di soggiorno.',
  ],
  requirements: [
    'Planimetria dell\'immobile con l\'indicazione di camere e posti letto',
    'Agibilità dei locali e conformità degli impianti',
    'Dispositivi di rilevazione di gas e monossido di carbonio ed estintori, come richiesto per il CIN',
    'Requisiti morali del titolare',
  ],
  output: 'La ricevuta della SCIA, la classificazione della struttura e il CIN.',
  timeLimits: "L'attività può iniziare dalla presentazione della SCIA; il SUAP completa i controlli entro 60 giorni.",
  maxDays: 60,
  access: onlineAndDesk(SUAP_ONLINE, suapDesk(p), { onlineUrl: URL.impresaInUnGiorno }),
  conditions: "La mancata esposizione del CIN e la mancata comunicazione degli ospiti sono punite con sanzioni; le locazioni brevi senza servizi non richiedono la SCIA ma richiedono comunque il CIN.",
  costs: suapCosts(p, 'la SCIA'),
  legalBasis: ['L.R. Lombardia 27/2015 (politiche regionali in materia di turismo)', 'DL 145/2023, art. 13-ter (conv. L. 191/2023) - CIN', 'R.D. 773/1931 (TULPS), art. 109', 'D.Lgs. 222/2016, tabella A'],
  keywords: ['B&B', 'bed and breakfast', 'casa vacanze', 'affittacamere', 'CIN', 'turismo', 'struttura ricettiva', 'affitti brevi'],
  officeCode: p.office.suap,
});

const venditaDirettaAgricola: ComuneService = (p) =>
  p.key !== 'valdoro'
    ? null
    : {
        slug: 'vendita-diretta-prodotti-agricoli',
        title: 'Comunicazione di vendita diretta dei prodotti agricoli',
        category: 'agriculture_fishing',
        status: 'active',
        shortDescription: "Gli imprenditori agricoli comunicano al Comune la vendita diretta dei propri prodotti in forma itinerante o in locali aperti al pubblico.",
        description:
          "Gli imprenditori agricoli possono vendere direttamente al consumatore i prodotti delle proprie aziende. La vendita in azienda e nei mercati agricoli non richiede comunicazioni al Comune; la vendita in forma itinerante o in locali aperti al pubblico si avvia con una comunicazione al Comune in cui ha sede l'azienda.\n\nNei locali si possono anche consumare sul posto i prodotti, senza servizio assistito.",
        audienceDescription: 'Imprenditori agricoli, singoli o associati, iscritti al Registro delle imprese, con azienda a Valdoro.',
        audiences: ['businesses'],
        lifeEvents: ['starting_business', 'notifying_authorities'],
        howTo: [
          'Compila la comunicazione online indicando i prodotti e le modalità di vendita.',
          'Allega la notifica sanitaria se vendi prodotti trasformati o di origine animale.',
          'Invia la comunicazione: la vendita può iniziare dalla data di invio.',
        ],
        requirements: [
          'Iscrizione al Registro delle imprese come impresa agricola',
          'Requisiti morali del titolare (D.Lgs. 228/2001, art. 4, c. 6)',
          'Notifica sanitaria, se dovuta',
        ],
        output: 'La ricevuta della comunicazione, che consente la vendita diretta.',
        timeLimits: 'La vendita può iniziare dalla data di invio della comunicazione; il Comune svolge i controlli entro 30 giorni.',
        maxDays: 30,
        access: onlineAndDesk(SUAP_ONLINE, suapDesk(p), { onlineUrl: URL.impresaInUnGiorno, bookable: false }),
        conditions: "Se i ricavi dalla vendita di prodotti non provenienti dall'azienda superano i limiti di legge, si applicano le norme sul commercio.",
        costs: FREE,
        legalBasis: ['D.Lgs. 228/2001, art. 4', 'Regolamento (CE) 852/2004'],
        keywords: ['vendita diretta', 'prodotti agricoli', 'agricoltori', 'chilometro zero', 'mercato contadino', 'azienda agricola'],
        officeCode: p.office.suap,
      };

// ---------------------------------------------------------------------------------------------------------------
// Mobilità e Polizia locale
// ---------------------------------------------------------------------------------------------------------------

const contrassegno: ComuneService = (p) => ({
  slug: 'contrassegno-parcheggio-disabili',
  title: 'Contrassegno di parcheggio per persone con disabilità (CUDE)',
  category: 'mobility_transport',
  status: 'active',
  shortDescription: 'Richiedi o rinnova il contrassegno europeo per parcheggiare negli stalli riservati e accedere alle ZTL, se hai difficoltà a camminare.',
  description:
    "Il contrassegno unificato disabili europeo (CUDE) consente di parcheggiare negli stalli riservati, di sostare senza limiti di tempo nelle aree a pagamento secondo le regole locali e di circolare nelle zone a traffico limitato. È personale e vale in tutta l'Unione europea, su qualsiasi veicolo che trasporta la persona titolare.\n\nIl contrassegno permanente vale 5 anni; quello temporaneo dura quanto indicato nel certificato medico.",
  audienceDescription: `Persone residenti nel ${p.ente} con capacità di deambulazione impedita o sensibilmente ridotta e persone non vedenti.`,
  audiences: ['citizens'],
  lifeEvents: ['disability', 'vehicle_ownership'],
  howTo: [
    "Ottieni il certificato dell'ufficio medico-legale dell'ATS, oppure usa il verbale di invalidità che riconosce la ridotta capacità di deambulazione.",
    'Presenta la domanda online con il certificato e una fototessera.',
    'Ritira il contrassegno al comando di Polizia locale.',
    'Per il rinnovo del permanente basta il certificato del medico curante che conferma la persistenza delle condizioni.',
  ],
  requirements: [
    "Certificato dell'ufficio medico-legale dell'ATS o verbale della commissione di invalidità con la ridotta capacità di deambulazione",
    'Una fototessera recente',
    'Per il rinnovo: certificato del medico curante e il vecchio contrassegno',
  ],
  output: 'Il contrassegno CUDE, permanente (5 anni) o temporaneo.',
  timeLimits: 'Rilascio entro 30 giorni dalla domanda completa; di norma entro 7 giorni.',
  maxDays: 30,
  // The application carries health data (the medical certificate): Castelrocca asks for SPID/CIE level 3.
  access: onlineAndDesk(SPID_FORM, 'Puoi presentare la domanda al comando di Polizia locale; il ritiro è sempre in presenza o tramite delegato.', {
    bookable: false,
    ...(p.key === 'castelrocca' ? { authLevel: 'SpidL3' as const } : {}),
  }),
  conditions: "Il contrassegno va esposto in originale e solo quando il veicolo è al servizio della persona titolare; l'uso improprio è sanzionato e comporta il ritiro.",
  costs: [cost(0, 'Gratuito, esente da bollo')],
  legalBasis: ['D.Lgs. 285/1992, art. 188', 'DPR 495/1992, art. 381', 'DPR 151/2012', 'DL 5/2012, art. 4 (conv. L. 35/2012)'],
  keywords: ['contrassegno disabili', 'CUDE', 'parcheggio disabili', 'pass disabili', 'invalidi', 'stallo riservato'],
  officeCode: p.office.polizia,
});

const ztl: ComuneService = (p) =>
  p.key !== 'castelrocca'
    ? null
    : {
        slug: 'permesso-ztl',
        title: 'Permesso di accesso alla zona a traffico limitato (ZTL)',
        category: 'mobility_transport',
        status: 'active',
        shortDescription: 'Residenti, titolari di garage e attività del centro storico possono chiedere il permesso per transitare e sostare nella ZTL.',
        description:
          "La ZTL del centro storico di Castelrocca è attiva tutti i giorni dalle 8.00 alle 20.00 ed è controllata da varchi elettronici. Possono ottenere il permesso i residenti, i titolari di un posto auto o garage all'interno della zona, le attività con sede nella ZTL per i veicoli aziendali e i medici in visita domiciliare.\n\nIl permesso è digitale: la targa è inserita nella lista bianca dei varchi, senza contrassegno da esporre.",
        audienceDescription: 'Residenti e domiciliati nella ZTL, titolari di posti auto o garage, imprese e professionisti con sede nella ZTL, medici e assistenti domiciliari.',
        audiences: ['citizens', 'businesses', 'professionals'],
        lifeEvents: ['vehicle_ownership', 'change_of_residence'],
        howTo: [
          'Compila la domanda online indicando la categoria e fino a due targhe.',
          'Allega la carta di circolazione e, per i garage, l\'atto di proprietà o di affitto.',
          'Paga il permesso con pagoPA: la targa è abilitata entro 2 giorni lavorativi dal pagamento.',
          'Per accessi occasionali comunica la targa entro 48 ore dal transito.',
        ],
        requirements: [
          'Carta di circolazione dei veicoli',
          'Per i garage: atto di proprietà o contratto di affitto del posto auto',
          'Per le imprese: visura camerale e disponibilità del veicolo aziendale',
        ],
        output: 'Il permesso digitale di accesso alla ZTL per le targhe indicate, valido fino a due anni.',
        timeLimits: 'Rilascio entro 30 giorni dalla domanda completa; di norma entro 5 giorni lavorativi.',
        maxDays: 30,
        access: onlineOnly(SPID_FORM),
        conditions: 'Il permesso vale solo per le targhe registrate; il transito senza permesso è sanzionato a ogni passaggio ai varchi.',
        costs: [cost(eur(25), 'Permesso residenti, per veicolo, validità due anni'), cost(eur(80), 'Permesso imprese, per veicolo, validità un anno'), cost(0, 'Veicoli al servizio di persone con contrassegno CUDE: gratuito')],
        legalBasis: ['D.Lgs. 285/1992, art. 7, c. 9', 'DPR 250/1999 (varchi elettronici)', 'Ordinanza sindacale sulla ZTL del centro storico di Castelrocca'],
        keywords: ['ZTL', 'zona a traffico limitato', 'permesso ZTL', 'centro storico', 'varchi', 'accesso auto'],
        officeCode: p.office.polizia,
      };

const passoCarrabile: ComuneService = (p) => ({
  slug: 'autorizzazione-passo-carrabile',
  title: 'Autorizzazione per passo carrabile',
  category: 'mobility_transport',
  status: 'active',
  shortDescription: 'Chiedi l\'autorizzazione e il cartello di passo carrabile per l\'accesso dei veicoli a un garage o a un cortile dalla strada comunale.',
  description:
    "Il passo carrabile è l'accesso dei veicoli da una strada pubblica a un'area privata, come un cortile o un garage. Con l'autorizzazione si ottiene il cartello segnaletico numerato, che vieta la sosta davanti all'accesso.\n\nIl passo carrabile è soggetto al canone unico patrimoniale, salvo i casi di esenzione previsti dal regolamento.",
  audienceDescription: 'Proprietari, condomini e titolari di attività con un accesso carrabile su strada comunale.',
  audiences: ['citizens', 'businesses'],
  lifeEvents: ['vehicle_ownership', 'housing'],
  howTo: [
    'Presenta la domanda online con planimetria e fotografie dell\'accesso.',
    "La Polizia locale e l'ufficio tecnico verificano la sicurezza dell'accesso.",
    'Paga il cartello e il canone con pagoPA.',
    'Ritira il cartello e installalo a lato dell\'accesso.',
  ],
  requirements: [
    'Planimetria con l\'indicazione dell\'accesso e della sua larghezza',
    'Fotografie dell\'accesso e della strada',
    'Per i condomini: delibera dell\'assemblea',
    'Due marche da bollo da 16 euro (domanda e autorizzazione)',
  ],
  output: 'L\'autorizzazione e il cartello di passo carrabile numerato.',
  timeLimits: 'Il Comune decide entro 60 giorni dalla domanda completa.',
  maxDays: 60,
  access: onlineAndDesk(SPID_FORM, 'Puoi presentare la domanda al comando di Polizia locale.', { bookable: false }),
  conditions: "L'accesso deve rispettare le distanze dalle intersezioni previste dal regolamento del Codice della strada; il cartello non autorizzato è rimosso e sanzionato.",
  costs: [
    cost(2 * BOLLO, 'Imposta di bollo su domanda e autorizzazione'),
    cost(pick(p, eur(30), eur(25)), 'Cartello segnaletico'),
    cost(0, 'Canone unico annuale, calcolato sulla larghezza dell\'accesso'),
  ],
  legalBasis: ['D.Lgs. 285/1992, art. 22', 'DPR 495/1992, artt. 44-46 e 120', 'L. 160/2019, art. 1, cc. 816-847'],
  keywords: ['passo carrabile', 'passo carraio', 'cartello', 'accesso garage', 'divieto di sosta', 'canone unico'],
  officeCode: p.office.polizia,
});

const ospitalita: ComuneService = (p) => ({
  slug: 'dichiarazione-ospitalita-stranieri',
  title: 'Dichiarazione di ospitalità o cessione di alloggio a cittadini stranieri',
  category: 'justice_security',
  status: 'active',
  shortDescription: 'Chi ospita, affitta o cede un alloggio a un cittadino non UE deve comunicarlo entro 48 ore alla Polizia locale.',
  description: `Chi ospita a qualsiasi titolo un cittadino straniero non appartenente all'Unione europea, o gli cede la proprietà o il godimento di un immobile, deve darne comunicazione scritta entro 48 ore all'autorità locale di pubblica sicurezza. Nel ${p.ente}, che non ha un commissariato di Polizia di Stato, la comunicazione si presenta alla Polizia locale.\n\nLe strutture ricettive comunicano invece gli ospiti con il servizio Alloggiati Web.`,
  audienceDescription: 'Privati, datori di lavoro e proprietari che ospitano o affittano un alloggio a cittadini di Paesi non appartenenti all\'Unione europea.',
  audiences: ['citizens', 'businesses'],
  lifeEvents: ['housing', 'notifying_authorities'],
  howTo: [
    'Compila il modulo di dichiarazione con i dati dell\'ospite e dell\'alloggio.',
    'Invialo online o consegnalo alla Polizia locale entro 48 ore dall\'arrivo dell\'ospite.',
    'Conserva la ricevuta.',
  ],
  requirements: ["Documento d'identità del dichiarante", 'Copia del passaporto o del permesso di soggiorno dell\'ospite', 'Dati dell\'alloggio e titolo dell\'ospitalità (ospitalità, affitto, cessione)'],
  output: 'La ricevuta della comunicazione.',
  timeLimits: 'Comunicazione entro 48 ore; la ricevuta è rilasciata immediatamente.',
  maxDays: 0,
  access: onlineAndDesk(SPID_FORM, 'Puoi consegnare la dichiarazione al comando di Polizia locale negli orari di apertura.', { bookable: false }),
  conditions: 'La mancata comunicazione è punita con una sanzione amministrativa da 160 a 1.100 euro.',
  costs: FREE,
  legalBasis: ['D.Lgs. 286/1998, art. 7', 'DL 59/1978, art. 12 (conv. L. 191/1978)'],
  keywords: ['ospitalità', 'dichiarazione di ospitalità', 'stranieri', 'cessione fabbricato', 'comunicazione alloggio', 'extracomunitari'],
  officeCode: p.office.polizia,
});

export const impreseServices = (p: ComuneProfile): ServiceInput[] =>
  build(p, [
    vicinato,
    pubblicoEsercizio,
    suoloPubblico,
    dehors,
    manifestazioni,
    somministrazioneTemporanea,
    commercioItinerante,
    strutturaRicettiva,
    venditaDirettaAgricola,
    contrassegno,
    ztl,
    passoCarrabile,
    ospitalita,
  ]);

