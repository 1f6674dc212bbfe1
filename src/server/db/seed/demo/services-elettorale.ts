/** Demo services: Elettorale (category civil_registry): electoral card, poll-worker registers, home voting, jurors. */
import type { ServiceInput } from '../../../../contracts/catalog.ts';
import {
  FREE,
  SPID_FORM,
  build,
  deskOnly,
  onlineAndDesk,
  type ComuneProfile,
  type ComuneService,
} from './services-common.ts';

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

export const elettoraleServices = (p: ComuneProfile): ServiceInput[] =>
  build(p, [
    albo('scrutatori'),
    albo('presidenti'),
    tesseraElettorale,
    votoDomiciliare,
    listeAggiunteUe,
    giudiciPopolari,
  ]);
