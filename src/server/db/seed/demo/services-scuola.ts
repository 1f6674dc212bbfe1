/** Demo services: Educazione e formazione (nido, mensa, trasporto, centri estivi…) and Cultura e tempo libero. */
import type { ServiceInput } from '../../../../contracts/catalog.ts';
import {
  BOLLO,
  FREE,
  SPID_FORM,
  build,
  cost,
  eur,
  onlineAndDesk,
  onlineOnly,
  pick,
  type ComuneProfile,
  type ComuneService,
} from './services-common.ts';
import { nidoForm } from './forms/iscrizione-nido.ts';

const ISEE_MINORENNI = 'Attestazione ISEE per prestazioni rivolte a minorenni in corso di validità, se si chiede una tariffa ridotta';

const nido: ComuneService = (p) => ({
  slug: 'iscrizione-asilo-nido',
  title: "Iscrizione all'asilo nido comunale",
  category: 'education',
  status: 'active',
  shortDescription: pick(
    p,
    "Iscrivi tua figlia o tuo figlio (3-36 mesi) al nido per l'anno 2027/2028: domande online dal 1° novembre 2026 al 31 marzo 2027.",
    "Iscrivi tua figlia o tuo figlio (3-36 mesi) ai posti convenzionati dei nidi per il 2027/2028: domande online fino al 31 marzo 2027.",
  ),
  description: pick(
    p,
    "L'asilo nido comunale Il Girasole, in Via dei Tigli 4, accoglie 48 bambini dai 3 ai 36 mesi, dal lunedì al venerdì, dalle 7.30 alle 16.30 (tempo pieno) o fino alle 13.00 (part time); altri 10 posti sono convenzionati con il micronido Il Bruco, in Via San Rocco 20, alle stesse tariffe. Le domande per l'anno educativo 2027/2028 si presentano online dalle 8.00 del 1° novembre 2026 alle 12.00 del 31 marzo 2027; la graduatoria tiene conto dell'ISEE e della situazione lavorativa e familiare dei genitori.\n\nI posti liberi durante l'anno sono assegnati scorrendo la graduatoria. La retta mensile è calcolata in base all'ISEE.",
    "Il Comune di Valdoro ha in convenzione 16 posti presso il nido privato accreditato Girotondo, in Via dei Castagni 11, e 5 posti presso il nido famiglia Piccole Orme, in Via della Chiesa 10, per bambini dai 3 ai 36 mesi, a tariffe comunali. Le domande per l'anno educativo 2027/2028 si presentano online dalle 8.00 del 1° novembre 2026 alle 12.00 del 31 marzo 2027; la graduatoria tiene conto dell'ISEE e della situazione lavorativa e familiare dei genitori.\n\nLa retta mensile è calcolata in base all'ISEE e pagata al Comune.",
  ),
  audienceDescription: `Genitori o tutori di bambini dai 3 ai 36 mesi residenti nel ${p.ente}; i non residenti sono ammessi solo se restano posti liberi.`,
  audiences: ['citizens'],
  lifeEvents: ['birth', 'school_enrolment', 'job_seeking_unemployment'],
  howTo: [
    'Accedi con SPID o CIE e compila la domanda per il bambino: i dati della famiglia sono già precompilati.',
    'Scegli il nido e la frequenza (tempo pieno o part time), indica ISEE e condizioni che danno punteggio.',
    "Invia la domanda entro la scadenza e controlla nell'area personale la graduatoria provvisoria.",
    "Se il bambino è ammesso, accetta il posto entro 10 giorni e paga la quota di iscrizione con pagoPA.",
    "Partecipa al colloquio con le educatrici e concorda l'inserimento.",
  ],
  requirements: [
    ISEE_MINORENNI,
    "Situazione vaccinale in regola: per i nidi le vaccinazioni obbligatorie sono requisito di accesso",
    "Dichiarazione sull'attività lavorativa dei genitori (datore di lavoro, orario)",
    'Eventuale certificazione di disabilità o relazione dei servizi sociali, per la priorità',
  ],
  output: "L'ammissione al nido con la retta mensile applicata, o la collocazione in lista d'attesa.",
  timeLimits:
    "Domande online dalle 8.00 del 1° novembre 2026 alle 12.00 del 31 marzo 2027. Ogni domanda è esaminata entro 60 giorni; la graduatoria provvisoria è pubblicata entro il 30 aprile 2027 e diventa definitiva dopo 10 giorni per le osservazioni; l'anno educativo inizia a settembre 2027.",
  maxDays: 60,
  access: onlineAndDesk(
    "Accedi con SPID o CIE e compila la domanda per tua figlia o tuo figlio: i dati del bambino e i tuoi sono già precompilati. Le domande si possono inviare dalle 8.00 del 1° novembre 2026 alle 12.00 del 31 marzo 2027.",
    pick(p, "L'Ufficio Servizi scolastici ti aiuta a compilare la domanda su appuntamento.", "L'Ufficio Istruzione ti aiuta a compilare la domanda su appuntamento."),
    { authLevel: 'SpidL2' },
  ),
  conditions:
    "La retta va pagata ogni mese anche in caso di assenza; il ritiro va comunicato per iscritto con 30 giorni di preavviso. Le famiglie possono chiedere all'INPS il bonus asilo nido per il rimborso delle rette.",
  costs: pick(
    p,
    [
      cost(eur(50), "Quota di iscrizione, da pagare all'accettazione del posto"),
      cost(eur(150), 'Retta mensile minima, tempo pieno (ISEE fino a 6.000 euro)'),
      cost(eur(520), 'Retta mensile massima, tempo pieno (ISEE oltre 32.000 euro o senza ISEE)'),
      cost(eur(360), 'Retta mensile massima, part time'),
    ],
    [
      cost(eur(40), "Quota di iscrizione, da pagare all'accettazione del posto"),
      cost(eur(180), 'Retta mensile minima, tempo pieno (ISEE fino a 7.000 euro)'),
      cost(eur(480), 'Retta mensile massima, tempo pieno (ISEE oltre 30.000 euro o senza ISEE)'),
    ],
  ),
  legalBasis: [
    'L. 1044/1971',
    'D.Lgs. 65/2017 (sistema integrato di educazione e istruzione 0-6 anni)',
    'DL 73/2017, art. 3 (conv. L. 119/2017) - vaccinazioni',
    'DPCM 159/2013 (ISEE)',
    'L. 232/2016, art. 1, c. 355 (bonus asilo nido)',
  ],
  keywords: ['asilo nido', 'nido', 'iscrizione nido', 'infanzia', '0-3 anni', 'retta nido', 'servizi per l\'infanzia', 'graduatoria nido'],
  officeCode: p.office.scuola,
  form: nidoForm(p),
});

const mensa: ComuneService = (p) => ({
  slug: 'iscrizione-mensa-scolastica',
  title: 'Iscrizione al servizio di ristorazione scolastica (mensa)',
  category: 'education',
  status: 'active',
  shortDescription:
    "Iscrivi i tuoi figli alla mensa della scuola dell'infanzia, primaria o secondaria e ricarica online il borsellino elettronico dei pasti.",
  description: pick(
    p,
    "La mensa è attiva nelle scuole dell'infanzia e primarie di Castelrocca e nella scuola secondaria nei giorni di rientro pomeridiano. I pasti sono preparati nel centro cottura comunale secondo menu stagionali approvati dall'ATS.\n\nL'iscrizione vale per tutto il ciclo scolastico; i pasti si pagano in anticipo con il borsellino elettronico, ricaricabile con pagoPA.",
    "La mensa è attiva nella scuola dell'infanzia e nella scuola primaria di Valdoro. I pasti sono forniti da una ditta specializzata con menu approvati dall'ATS.\n\nL'iscrizione vale per tutto il ciclo scolastico; i pasti si pagano in anticipo con il borsellino elettronico, ricaricabile con pagoPA.",
  ),
  audienceDescription: `Genitori di alunni delle scuole dell'infanzia, primarie e secondarie di primo grado del ${p.ente}.`,
  audiences: ['citizens'],
  lifeEvents: ['school_enrolment'],
  howTo: [
    'Compila la domanda online entro il 30 giugno per il nuovo anno scolastico.',
    'Chiedi, se ti spetta, la tariffa ridotta in base all\'ISEE o la dieta speciale.',
    'Ricevi le credenziali del borsellino elettronico e ricaricalo con pagoPA.',
    'Ogni giorno la presenza a mensa è rilevata dalla scuola e il pasto è scalato dal credito.',
  ],
  requirements: [ISEE_MINORENNI, 'Codice fiscale del genitore che paga e dell\'alunno'],
  output: "L'iscrizione al servizio di mensa e l'attivazione del borsellino elettronico.",
  timeLimits: 'Iscrizioni entro il 30 giugno; le domande successive sono accolte entro 30 giorni, compatibilmente con i posti disponibili.',
  maxDays: 30,
  access: onlineOnly(SPID_FORM),
  conditions: 'In caso di credito negativo il Comune invia un sollecito; il mancato pagamento può comportare la riscossione coattiva. La rinuncia va comunicata per iscritto.',
  costs: pick(
    p,
    [cost(eur(2.5), 'Costo del pasto per ISEE fino a 6.000 euro'), cost(eur(5.2), 'Costo del pasto, tariffa intera')],
    [cost(eur(2.2), 'Costo del pasto per ISEE fino a 7.000 euro'), cost(eur(4.9), 'Costo del pasto, tariffa intera')],
  ),
  legalBasis: ['D.Lgs. 63/2017, art. 6', 'DM Interno 31 dicembre 1983 (servizi a domanda individuale)', 'DPCM 159/2013 (ISEE)'],
  keywords: ['mensa', 'mensa scolastica', 'refezione', 'pasti scuola', 'ristorazione scolastica', 'buoni pasto'],
  officeCode: p.office.scuola,
});

const trasporto: ComuneService = (p) => ({
  slug: 'iscrizione-trasporto-scolastico',
  title: 'Iscrizione al trasporto scolastico',
  category: 'education',
  status: 'active',
  shortDescription: 'Iscrivi i tuoi figli allo scuolabus comunale per le scuole dell\'infanzia, primaria e secondaria di primo grado.',
  description: pick(
    p,
    "Lo scuolabus comunale collega le frazioni di San Vito e Roncaglia con i plessi scolastici del capoluogo, con tre linee e fermate stabilite all'inizio dell'anno. A bordo è presente un accompagnatore per i bambini della scuola dell'infanzia e della primaria.",
    "Lo scuolabus comunale serve le frazioni e le case sparse di Valdoro, con una linea di andata al mattino e due corse di ritorno. A bordo è presente un accompagnatore per i bambini della scuola dell'infanzia.",
  ),
  audienceDescription: `Genitori di alunni residenti nel ${p.ente} iscritti alle scuole del territorio.`,
  audiences: ['citizens'],
  lifeEvents: ['school_enrolment', 'public_transport'],
  howTo: [
    'Compila la domanda online indicando la fermata di salita e di discesa.',
    'Se tuo figlio ha più di 6 anni e meno di 14, puoi autorizzarlo a scendere dallo scuolabus senza un adulto.',
    'Paga la quota annuale con l\'avviso pagoPA che ricevi a settembre.',
    'Ritira il tesserino da mostrare all\'autista.',
  ],
  requirements: [ISEE_MINORENNI, 'Nominativi degli adulti delegati al ritiro alla fermata', 'Eventuale autorizzazione all\'uscita autonoma firmata da entrambi i genitori'],
  output: "L'ammissione al servizio con l'indicazione della linea, della fermata e degli orari.",
  timeLimits: 'Iscrizioni entro il 30 giugno; esito e orari comunicati entro il 31 agosto e comunque entro 30 giorni dalla domanda.',
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, "Puoi presentare la domanda all'ufficio scuola, su appuntamento."),
  conditions: "Il genitore o un delegato maggiorenne deve essere presente alla fermata, salvo l'autorizzazione all'uscita autonoma. Comportamenti scorretti a bordo possono comportare la sospensione dal servizio.",
  costs: pick(
    p,
    [cost(eur(220), 'Quota annuale andata e ritorno'), cost(eur(150), 'Quota annuale solo andata o solo ritorno'), cost(eur(160), 'Quota annuale dal secondo figlio')],
    [cost(eur(180), 'Quota annuale andata e ritorno'), cost(eur(120), 'Quota annuale dal secondo figlio')],
  ),
  legalBasis: ['D.Lgs. 63/2017, art. 5', 'DL 148/2017, art. 19-bis (conv. L. 172/2017) - uscita autonoma dei minori di 14 anni', 'DM Trasporti 31 gennaio 1997 (scuolabus)'],
  keywords: ['scuolabus', 'trasporto scolastico', 'pulmino', 'trasporto alunni', 'uscita autonoma'],
  officeCode: p.office.scuola,
});

const centroEstivo: ComuneService = (p) => ({
  slug: 'iscrizione-centro-estivo',
  title: 'Iscrizione al centro ricreativo estivo (CRE)',
  category: 'education',
  status: pick(p, 'active', 'inactive'),
  ...(p.key === 'valdoro'
    ? {
        statusReason:
          "Le iscrizioni ai centri estivi 2025 si sono chiuse il 31 maggio 2025. Le iscrizioni per l'estate 2026 apriranno ad aprile: le date saranno pubblicate su questa pagina.",
      }
    : {}),
  shortDescription: 'Iscrivi bambine e bambini dai 3 ai 14 anni al centro estivo comunale, a settimane, da metà giugno a fine agosto.',
  description: pick(
    p,
    "Il centro ricreativo estivo di Castelrocca propone giochi, laboratori, gite e attività sportive per bambini dai 3 ai 14 anni, dalle 8.00 alle 16.30, presso la scuola primaria Don Milani. Ci si iscrive a settimane, da metà giugno a fine agosto, con il pranzo incluso.",
    "Il centro ricreativo estivo di Valdoro si svolge presso l'oratorio e la palestra comunale, in collaborazione con le associazioni del paese, per bambini dai 3 ai 14 anni, dalle 8.30 alle 16.00, da fine giugno a fine luglio.",
  ),
  audienceDescription: `Famiglie con bambini dai 3 ai 14 anni residenti nel ${p.ente} o che frequentano le scuole del Comune.`,
  audiences: ['citizens'],
  lifeEvents: ['school_enrolment'],
  howTo: [
    'Compila la domanda online scegliendo le settimane di frequenza.',
    'Segnala allergie, diete e necessità di assistenza.',
    'Paga le settimane con pagoPA entro la data indicata per confermare il posto.',
  ],
  requirements: [ISEE_MINORENNI, 'Eventuale certificazione per l\'assistenza educativa ai bambini con disabilità'],
  output: "La conferma dell'iscrizione per le settimane scelte.",
  timeLimits: 'Iscrizioni di norma dal 15 aprile al 31 maggio; conferma entro 15 giorni dalla chiusura delle iscrizioni.',
  maxDays: 15,
  access: onlineOnly(SPID_FORM),
  conditions: 'Le settimane pagate non sono rimborsabili, salvo malattia certificata di almeno 3 giorni.',
  costs: pick(
    p,
    [cost(eur(75), 'Quota settimanale, pranzo incluso, ISEE fino a 15.000 euro'), cost(eur(120), 'Quota settimanale, pranzo incluso, tariffa intera')],
    [cost(eur(60), 'Quota settimanale ridotta'), cost(eur(95), 'Quota settimanale, tariffa intera')],
  ),
  legalBasis: ['L. 285/1997', `Regolamento dei servizi educativi del ${p.ente}`],
  keywords: ['centro estivo', 'CRE', 'grest', 'campus estivo', 'vacanze estive', 'bambini estate'],
  officeCode: p.office.scuola,
});

const riduzioniScuola: ComuneService = (p) => ({
  slug: 'riduzione-tariffe-scolastiche-isee',
  title: 'Riduzione delle tariffe dei servizi scolastici in base all\'ISEE',
  category: 'education',
  status: 'active',
  shortDescription: "Chiedi la tariffa agevolata per mensa, trasporto scolastico e centro estivo presentando l'ISEE per i minorenni.",
  description: `Il ${p.ente} applica tariffe ridotte per mensa, trasporto scolastico e centri estivi alle famiglie con ISEE sotto le soglie stabilite ogni anno dalla Giunta. La riduzione vale per l'anno scolastico ed è calcolata in automatico se l'ISEE è disponibile nella banca dati dell'INPS.\n\nPer le famiglie in grave difficoltà i servizi sociali possono proporre l'esenzione totale.`,
  audienceDescription: 'Famiglie residenti con figli iscritti ai servizi scolastici comunali.',
  audiences: ['citizens'],
  lifeEvents: ['school_enrolment', 'economic_hardship'],
  howTo: [
    "Richiedi l'ISEE per prestazioni rivolte a minorenni a un CAF o online sul portale INPS.",
    "Presenta la domanda di riduzione online: il Comune acquisisce l'ISEE dalla banca dati INPS.",
    "Ricevi l'esito con la tariffa applicata.",
  ],
  requirements: [ISEE_MINORENNI.replace(', se si chiede una tariffa ridotta', '')],
  output: 'La tariffa agevolata applicata ai servizi scolastici per l\'anno in corso.',
  timeLimits: 'Domande entro il 30 settembre per avere la riduzione dall\'inizio dell\'anno scolastico; esito entro 30 giorni.',
  maxDays: 30,
  access: onlineOnly(SPID_FORM),
  conditions: 'Le domande presentate dopo il 30 settembre valgono dal mese successivo. Il Comune effettua controlli sulle dichiarazioni (DPR 445/2000, art. 71).',
  costs: FREE,
  legalBasis: ['DPCM 159/2013 (ISEE)', 'DPR 445/2000, art. 71', `Delibera tariffaria annuale del ${p.ente}`],
  keywords: ['ISEE', 'riduzione mensa', 'agevolazioni scolastiche', 'tariffa ridotta', 'esenzione mensa'],
  officeCode: p.office.scuola,
});

const cedole: ComuneService = (p) => ({
  slug: 'cedole-librarie-scuola-primaria',
  title: 'Cedole librarie per i libri di testo della scuola primaria',
  category: 'education',
  status: 'active',
  shortDescription: 'I libri della scuola primaria sono gratuiti: con la cedola libraria digitale li ritiri nella libreria o cartoleria che preferisci.',
  description: `Il ${p.ente} paga i libri di testo degli alunni residenti che frequentano la scuola primaria, in qualsiasi Comune si trovi la scuola. La famiglia sceglie il fornitore tra quelli aderenti e ritira i libri presentando la cedola digitale, senza pagare nulla.`,
  audienceDescription: `Genitori di alunni residenti nel ${p.ente} che frequentano una scuola primaria statale o paritaria.`,
  audiences: ['citizens', 'businesses'],
  lifeEvents: ['school_enrolment'],
  howTo: [
    'Entra nell\'area personale e trova la cedola digitale di tuo figlio per l\'anno scolastico.',
    'Scegli la libreria o cartoleria aderente e prenota i libri.',
    'Ritira i libri: il fornitore riceve il pagamento direttamente dal Comune.',
  ],
  requirements: ['Codice fiscale dell\'alunno', 'Iscrizione alla scuola primaria'],
  output: 'I libri di testo della scuola primaria, gratuiti per la famiglia.',
  timeLimits: 'Le cedole sono disponibili dal 1° luglio; i fornitori sono pagati entro 30 giorni dalla fattura.',
  maxDays: 30,
  access: onlineOnly('Trova la cedola digitale nella tua area personale, accedendo con SPID o CIE.'),
  conditions: 'Le librerie e cartolerie che vogliono aderire si registrano sul portale del Comune.',
  costs: FREE,
  legalBasis: ['D.Lgs. 297/1994, art. 156', 'L. 448/1998, art. 27'],
  keywords: ['cedole librarie', 'libri di testo', 'libri gratis', 'scuola primaria', 'scuola elementare'],
  officeCode: p.office.scuola,
});

const borseStudio: ComuneService = (p) => ({
  slug: 'borse-di-studio-comunali',
  title: 'Borse di studio comunali per studenti meritevoli',
  category: 'education',
  status: pick(p, 'inactive', 'active'),
  ...(p.key === 'castelrocca'
    ? {
        statusReason:
          'Il bando 2025 si è chiuso il 30 settembre 2025 e la graduatoria è pubblicata all\'albo pretorio. Il bando 2026 sarà pubblicato a luglio 2026.',
      }
    : {}),
  shortDescription: 'Borse di studio per studenti residenti che hanno concluso con merito la scuola secondaria o un anno di università.',
  description: pick(
    p,
    "Il Comune di Castelrocca assegna ogni anno 20 borse di studio: 10 da 300 euro per chi ha superato l'esame di terza media con almeno 9/10 e 10 da 500 euro per chi ha ottenuto il diploma con almeno 90/100. A parità di voto conta l'ISEE.",
    "Il Comune di Valdoro assegna ogni anno borse di studio da 250 euro agli studenti delle superiori con media di almeno 8/10 e da 500 euro ai diplomati con almeno 90/100 e ai laureati con almeno 105/110, nei limiti del fondo stanziato.",
  ),
  audienceDescription: `Studenti residenti nel ${p.ente} o, se minorenni, i loro genitori.`,
  audiences: ['citizens'],
  lifeEvents: ['school_enrolment'],
  howTo: [
    'Leggi il bando e verifica i requisiti di merito e di reddito.',
    'Compila la domanda online allegando la pagella o il diploma.',
    'Controlla la graduatoria nell\'area personale: la borsa è accreditata sul conto indicato.',
  ],
  requirements: ['Pagella, attestato di diploma o certificato degli esami universitari', 'ISEE in corso di validità', 'IBAN intestato allo studente o al genitore'],
  output: 'La borsa di studio accreditata sul conto indicato.',
  timeLimits: 'Domande entro la scadenza del bando; graduatoria entro 60 giorni dalla chiusura.',
  maxDays: 60,
  access: onlineOnly(SPID_FORM),
  conditions: 'Le borse sono assegnate fino a esaurimento del fondo stanziato nel bilancio comunale e non sono cumulabili con altre borse comunali per lo stesso anno.',
  costs: FREE,
  legalBasis: ['L. 241/1990, art. 12', `Regolamento per la concessione di borse di studio del ${p.ente}`],
  keywords: ['borsa di studio', 'merito scolastico', 'premio studio', 'studenti', 'diploma', 'laurea'],
  officeCode: p.office.scuola,
});

const dietaSpeciale: ComuneService = (p) => ({
  slug: 'dieta-speciale-mensa',
  title: 'Richiesta di dieta speciale per la mensa scolastica',
  category: 'education',
  status: 'active',
  shortDescription: 'Chiedi un menu speciale a mensa per allergie, intolleranze, celiachia o altre patologie, oppure per motivi etici o religiosi.',
  description:
    "Per gli alunni con allergie, intolleranze, celiachia o altre patologie il servizio di ristorazione prepara diete speciali sulla base del certificato medico. Su richiesta dei genitori sono disponibili anche menu senza carne, senza maiale o vegetariani per motivi etici o religiosi.",
  audienceDescription: 'Genitori di alunni iscritti alla mensa scolastica.',
  audiences: ['citizens'],
  lifeEvents: ['school_enrolment', 'disability'],
  howTo: [
    'Compila la domanda online e allega il certificato del pediatra o del medico specialista.',
    'La dietista del servizio predispone il menu personalizzato.',
    'Il menu è comunicato alla famiglia e alla cucina prima dell\'inizio del servizio.',
  ],
  requirements: ['Certificato medico con la diagnosi e gli alimenti da escludere (per le diete sanitarie)', 'Per i menu etici o religiosi: la sola richiesta del genitore'],
  output: 'Il menu personalizzato, valido per l\'anno scolastico.',
  timeLimits: 'La dieta è attivata entro 15 giorni dalla domanda completa.',
  maxDays: 15,
  access: onlineOnly(SPID_FORM),
  conditions: 'Le diete sanitarie vanno rinnovate ogni anno scolastico, salvo le patologie croniche come la celiachia.',
  costs: FREE,
  legalBasis: [
    'Linee di indirizzo nazionale per la ristorazione scolastica (Conferenza unificata, 29 aprile 2010)',
    'Regolamento (UE) 1169/2011 (informazioni sugli allergeni)',
    'L. 123/2005 (celiachia)',
  ],
  keywords: ['dieta speciale', 'allergie', 'celiachia', 'intolleranze', 'menu vegetariano', 'mensa'],
  officeCode: p.office.scuola,
});

// ---------------------------------------------------------------------------------------------------------------
// Cultura e tempo libero
// ---------------------------------------------------------------------------------------------------------------

const biblioteca: ComuneService = (p) => ({
  slug: 'iscrizione-biblioteca',
  title: 'Iscrizione alla biblioteca civica e prestito',
  category: 'culture_leisure',
  status: 'active',
  shortDescription: 'Iscriviti gratuitamente alla biblioteca civica per prendere in prestito libri, film ed ebook in tutta la rete provinciale.',
  description: pick(
    p,
    "La Biblioteca civica di Castelrocca, in Piazza del Municipio 4, fa parte della rete bibliotecaria provinciale: con la tessera puoi prendere in prestito libri, riviste, DVD e audiolibri, chiedere i documenti delle altre biblioteche e leggere ebook e quotidiani online.",
    "La Biblioteca comunale di Valdoro, in Via Dante Alighieri 7, fa parte della rete bibliotecaria provinciale: con la tessera puoi prendere in prestito libri e DVD, chiedere i documenti delle altre biblioteche e leggere ebook e quotidiani online.",
  ),
  audienceDescription: 'Chiunque, anche non residente. I minori di 14 anni si iscrivono con il consenso di un genitore.',
  audiences: ['citizens'],
  lifeEvents: ['culture_access'],
  howTo: [
    'Compila la preiscrizione online o presentati in biblioteca.',
    'Ritira la tessera mostrando un documento d\'identità.',
    'Cerca i documenti nel catalogo online e prenotali.',
  ],
  requirements: ["Documento d'identità", 'Per i minori di 14 anni: firma di un genitore'],
  output: 'La tessera della rete bibliotecaria, valida in tutte le biblioteche aderenti.',
  timeLimits: 'Iscrizione immediata in biblioteca.',
  maxDays: 0,
  access: onlineAndDesk(
    'Compila la preiscrizione online con SPID o CIE; la tessera digitale è subito attiva per gli ebook.',
    pick(p, 'Ritira la tessera in biblioteca, dal martedì al sabato.', 'Ritira la tessera in biblioteca, il lunedì, mercoledì e sabato.'),
    { bookable: false },
  ),
  conditions: 'Il prestito dura 30 giorni, rinnovabile una volta se il documento non è prenotato da altri. I ritardi ripetuti sospendono il prestito.',
  costs: FREE,
  legalBasis: ['D.Lgs. 42/2004, art. 101', `Regolamento della biblioteca del ${p.ente}`],
  keywords: ['biblioteca', 'prestito libri', 'tessera biblioteca', 'ebook', 'lettura'],
  officeCode: p.office.cultura,
});

const impiantiSportivi: ComuneService = (p) => ({
  slug: 'utilizzo-palestre-impianti-sportivi',
  title: 'Utilizzo di palestre e impianti sportivi comunali',
  category: 'culture_leisure',
  status: 'active',
  shortDescription: 'Chiedi l\'uso delle palestre scolastiche e degli impianti sportivi comunali per la stagione sportiva o per singoli eventi.',
  description: pick(
    p,
    "Il Comune di Castelrocca concede in uso le palestre delle scuole in orario extrascolastico, il palazzetto dello sport e il campo di atletica. Le domande per la stagione sportiva si presentano entro il 30 giugno; gli spazi liberi si possono chiedere durante l'anno per eventi singoli.",
    "Il Comune di Valdoro concede in uso la palestra comunale e il campo sportivo di Via dello Sport, in orario extrascolastico. Le domande per la stagione sportiva si presentano entro il 15 luglio.",
  ),
  audienceDescription: 'Associazioni e società sportive dilettantistiche, enti del Terzo settore, scuole e gruppi di cittadini.',
  audiences: ['associations', 'citizens'],
  lifeEvents: ['culture_access'],
  howTo: [
    'Compila la domanda online indicando impianto, giorni, orari e attività.',
    "L'ufficio predispone il calendario d'uso coordinandosi con le scuole.",
    'Ricevi la concessione e paga le tariffe con pagoPA.',
  ],
  requirements: ["Atto costitutivo e statuto dell'associazione", 'Nominativo del responsabile dell\'attività', 'Polizza di responsabilità civile'],
  output: 'La concessione d\'uso dell\'impianto per gli orari assegnati.',
  timeLimits: 'Per la stagione sportiva, assegnazione entro il 31 agosto; per eventi singoli, risposta entro 30 giorni.',
  maxDays: 30,
  access: onlineAndDesk(SPID_FORM, 'Puoi presentare la domanda all\'ufficio Sport.', { bookable: false }),
  conditions: 'Il concessionario risponde dei danni e deve lasciare l\'impianto in ordine; le tariffe sono ridotte del 50% per le attività rivolte ai minori e alle persone con disabilità.',
  costs: pick(
    p,
    [cost(eur(15), 'Palestra scolastica, tariffa oraria'), cost(eur(35), 'Palazzetto dello sport, tariffa oraria')],
    [cost(eur(12), 'Palestra comunale, tariffa oraria'), cost(eur(25), 'Campo sportivo, tariffa oraria')],
  ),
  legalBasis: ['L. 289/2002, art. 90, cc. 24-25', 'D.Lgs. 38/2021', `Regolamento per l'uso degli impianti sportivi del ${p.ente}`],
  keywords: ['palestra', 'impianti sportivi', 'campo sportivo', 'associazioni sportive', 'palazzetto', 'sport'],
  officeCode: p.office.cultura,
});

const patrocinio: ComuneService = (p) => ({
  slug: 'patrocinio-comunale',
  title: 'Richiesta di patrocinio comunale per eventi e iniziative',
  category: 'culture_leisure',
  status: 'active',
  shortDescription: 'Chiedi il patrocinio del Comune per un evento culturale, sportivo o sociale e l\'uso gratuito del logo comunale.',
  description: `Il patrocinio è il riconoscimento del ${p.ente} a iniziative di interesse pubblico promosse da associazioni, scuole ed enti senza scopo di lucro. Permette di usare lo stemma del Comune sul materiale promozionale e può dare diritto a riduzioni del canone di occupazione del suolo pubblico.`,
  audienceDescription: 'Associazioni, enti del Terzo settore, scuole, parrocchie e comitati che organizzano iniziative senza scopo di lucro.',
  audiences: ['associations'],
  lifeEvents: ['culture_access'],
  howTo: [
    'Presenta la domanda online almeno 30 giorni prima dell\'evento, con il programma.',
    'La Giunta valuta l\'interesse pubblico dell\'iniziativa.',
    'Ricevi la concessione del patrocinio e il file dello stemma.',
  ],
  requirements: ['Programma dell\'iniziativa', 'Bozza del materiale promozionale', 'Statuto dell\'associazione (se non già depositato)'],
  output: 'La concessione del patrocinio, con l\'autorizzazione all\'uso dello stemma comunale.',
  timeLimits: 'Domanda almeno 30 giorni prima dell\'evento; risposta entro 30 giorni.',
  maxDays: 30,
  access: onlineOnly(SPID_FORM),
  conditions: 'Il patrocinio non comporta contributi economici né l\'assunzione di responsabilità da parte del Comune per l\'organizzazione dell\'evento.',
  costs: FREE,
  legalBasis: ['L. 241/1990, art. 12', `Regolamento per la concessione di patrocini e contributi del ${p.ente}`],
  keywords: ['patrocinio', 'logo comunale', 'stemma', 'eventi', 'associazioni', 'manifestazioni'],
  officeCode: p.office.cultura,
});

const contributiAssociazioni: ComuneService = (p) =>
  p.key !== 'valdoro'
    ? null
    : {
        slug: 'contributi-associazioni',
        title: 'Contributi alle associazioni per attività culturali, sportive e sociali',
        category: 'culture_leisure',
        status: 'inactive',
        statusReason:
          'Il bando per i contributi 2025 si è chiuso il 28 febbraio 2025 e i contributi sono stati assegnati. Il bando 2026 sarà pubblicato a gennaio 2026.',
        shortDescription: 'Contributi economici alle associazioni di Valdoro per le attività culturali, sportive, sociali e di volontariato dell\'anno.',
        description:
          "Ogni anno il Comune di Valdoro sostiene con un bando le associazioni che svolgono attività culturali, sportive, sociali e di volontariato a favore della comunità. I contributi coprono fino al 50% delle spese ammissibili e sono liquidati dopo la rendicontazione.",
        audienceDescription: 'Associazioni ed enti del Terzo settore con sede o attività a Valdoro, iscritti all\'albo comunale delle associazioni.',
        audiences: ['associations'],
        lifeEvents: ['culture_access'],
        howTo: [
          'Compila la domanda online entro la scadenza del bando, con il programma e il preventivo.',
          'La commissione valuta i progetti secondo i criteri del bando.',
          'A fine attività presenta il rendiconto delle spese per ricevere il contributo.',
        ],
        requirements: ['Iscrizione all\'albo comunale delle associazioni o al RUNTS', 'Programma e preventivo delle attività', 'Rendiconto dell\'anno precedente'],
        output: 'Il contributo economico, liquidato dopo la rendicontazione.',
        timeLimits: 'Graduatoria entro 60 giorni dalla chiusura del bando; liquidazione entro 30 giorni dal rendiconto.',
        maxDays: 60,
        access: onlineOnly(SPID_FORM),
        conditions: 'I contributi non possono superare il disavanzo dell\'iniziativa e sono pubblicati in Amministrazione trasparente (D.Lgs. 33/2013, art. 26).',
        costs: [cost(BOLLO, 'Marca da bollo sulla domanda, salvo le organizzazioni di volontariato e gli enti esenti')],
        legalBasis: ['L. 241/1990, art. 12', 'D.Lgs. 117/2017 (Codice del Terzo settore)', 'D.Lgs. 33/2013, artt. 26-27'],
        keywords: ['contributi associazioni', 'bando associazioni', 'Terzo settore', 'volontariato', 'finanziamenti'],
        officeCode: p.office.cultura,
      };

export const scuolaServices = (p: ComuneProfile): ServiceInput[] =>
  build(p, [nido, mensa, trasporto, centroEstivo, riduzioniScuola, cedole, borseStudio, dietaSpeciale, biblioteca, impiantiSportivi, patrocinio, contributiAssociazioni]);

