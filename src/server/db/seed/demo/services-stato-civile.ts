/** Demo services: Stato civile (category civil_registry): births, marriages, civil unions, deaths, cemeteries. */
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
  pick,
  type ComuneProfile,
  type ComuneService,
} from './services-common.ts';

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

export const statoCivileServices = (p: ComuneProfile): ServiceInput[] =>
  build(p, [
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
  ]);
