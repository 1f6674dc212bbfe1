/**
 * The people and the words of the demo's social services (demo/social.ts): invented Italian and foreign residents
 * of the district with fiscal codes computed by the official algorithm, and the short texts social workers write
 * (needs, diary, reserved parts) — never a real name, never a name in the texts.
 */
import { fiscalCode } from '../../../../contracts/fiscal-code.ts';
import type { Need, TargetArea } from '../../../../contracts/social.ts';
import type { Rng } from '../../../platform/random.ts';

const MALE = ['Luca', 'Marco', 'Giovanni', 'Francesco', 'Matteo', 'Alessandro', 'Davide', 'Simone', 'Stefano', 'Paolo', 'Roberto', 'Fabio',
  'Giuseppe', 'Angelo', 'Pietro', 'Mario', 'Luigi', 'Battista', 'Carlo', 'Sergio', 'Franco', 'Emanuele', 'Riccardo', 'Tommaso', 'Leonardo',
  'Gabriele', 'Edoardo', 'Lorenzo', 'Diego', 'Nicola', 'Enrico', 'Claudio', 'Walter', 'Ivan', 'Mattia', 'Samuele', 'Cristian'];
const FEMALE = ['Maria', 'Anna', 'Giulia', 'Francesca', 'Chiara', 'Sara', 'Elena', 'Laura', 'Valentina', 'Federica', 'Silvia', 'Paola',
  'Giuseppina', 'Angela', 'Rosa', 'Teresa', 'Lucia', 'Carla', 'Franca', 'Luisa', 'Emma', 'Sofia', 'Aurora', 'Alice', 'Martina', 'Greta',
  'Beatrice', 'Noemi', 'Irene', 'Monica', 'Barbara', 'Daniela', 'Roberta', 'Elisa', 'Marta', 'Ilaria', 'Caterina', 'Agnese'];
const SURNAMES = ['Rossi', 'Bonaldi', 'Pedrini', 'Zanotti', 'Rottoli', 'Bertocchi', 'Marchesi', 'Sonzogni', 'Belotti', 'Mologni', 'Pesenti',
  'Cortinovis', 'Gamba', 'Testa', 'Foresti', 'Bonomi', 'Agazzi', 'Previtali', 'Arnoldi', 'Ghisalberti', 'Ravelli', 'Manzoni', 'Salvi',
  'Suardi', 'Tironi', 'Bettoni', 'Gervasoni', 'Epis', 'Moioli', 'Nava', 'Calvi', 'Cornali', 'Frosio', 'Lanfranchi', 'Maffeis', 'Scotti',
  'Fumagalli', 'Colombo', 'Esposito', 'Russo', 'Romano', 'Greco', 'Bruno', 'Lombardi', 'Ferri', 'Rinaldi', 'Caruso', 'De Luca', 'Marino'];

/** Places of birth in Italy (cadastral codes), weighted: most people of the valley were born in Bergamo's hospital. */
const ITALIAN_BIRTHPLACES: [string, number][] = [['A794', 70], ['F205', 6], ['B157', 4], ['E507', 3], ['F839', 5], ['G273', 4], ['D643', 2],
  ['C351', 2], ['A662', 2], ['H501', 1], ['L219', 1]];

interface Origin { birthPlace: string; citizenship: string; male: string[]; female: string[]; surnames: string[]; weight: number }
/** Foreign residents: the state's code in fiscal codes (Z…) and the ISTAT code of the citizenship. */
const ORIGINS: Origin[] = [
  { birthPlace: 'Z129', citizenship: '235', weight: 22, male: ['Andrei', 'Mihai', 'Florin', 'Gabriel'], female: ['Ioana', 'Elena', 'Mihaela', 'Alina'], surnames: ['Popescu', 'Dumitru', 'Munteanu', 'Stoica'] },
  { birthPlace: 'Z330', citizenship: '436', weight: 20, male: ['Youssef', 'Rachid', 'Karim', 'Omar'], female: ['Khadija', 'Naima', 'Salma', 'Zineb'], surnames: ['El Amrani', 'Bouazza', 'Tahiri', 'Ouali'] },
  { birthPlace: 'Z100', citizenship: '201', weight: 14, male: ['Ilir', 'Erion', 'Altin', 'Besnik'], female: ['Elona', 'Anisa', 'Jonida', 'Ermira'], surnames: ['Shehu', 'Gjoka', 'Dervishi', 'Basha'] },
  { birthPlace: 'Z343', citizenship: '457', weight: 10, male: ['Ibrahima', 'Cheikh', 'Moussa', 'Modou'], female: ['Fatou', 'Aminata', 'Awa', 'Coumba'], surnames: ['Diop', 'Sarr', 'Gueye', 'Mbaye'] },
  { birthPlace: 'Z138', citizenship: '243', weight: 10, male: ['Andriy', 'Taras', 'Dmytro', 'Serhiy'], female: ['Oksana', 'Iryna', 'Halyna', 'Svitlana'], surnames: ['Melnyk', 'Boyko', 'Lysenko', 'Kravchenko'] },
  { birthPlace: 'Z236', citizenship: '344', weight: 8, male: ['Imran', 'Bilal', 'Usman', 'Tariq'], female: ['Ayesha', 'Sana', 'Rabia', 'Saima'], surnames: ['Khan', 'Iqbal', 'Akhtar', 'Raza'] },
  { birthPlace: 'Z336', citizenship: '412', weight: 8, male: ['Mahmoud', 'Tarek', 'Sameh', 'Mostafa'], female: ['Heba', 'Rania', 'Dina', 'Mona'], surnames: ['Farouk', 'Saleh', 'Ibrahim', 'Abdelrahman'] },
  { birthPlace: 'Z611', citizenship: '615', weight: 8, male: ['Jorge', 'Luis', 'Miguel', 'Juan'], female: ['Rosa', 'Milagros', 'Gladys', 'Maribel'], surnames: ['Quispe', 'Huamán', 'Mendoza', 'Chávez'] },
];

/** ISTAT citizenship code of a foreign state's cadastral code (the registry's people linked to the district). */
export const CITIZENSHIP_OF_STATE = new Map(ORIGINS.map((o) => [o.birthPlace, o.citizenship]));

export function weighted<T>(rng: Rng, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

const STREETS = ['Via Roma', 'Via Garibaldi', 'Via Mazzini', 'Via Dante', 'Via San Rocco', 'Via Papa Giovanni XXIII', 'Via Fontana', 'Via dei Mulini',
  'Via Cavour', 'Via Marconi', 'Via Manzoni', 'Via Vittorio Veneto', 'Via Locatelli', 'Via Colleoni', 'Via della Chiesa', 'Via Tasso', 'Piazza Vittoria'];

export interface SyntheticPerson {
  fiscalCode: string | null;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  sex: 'M' | 'F';
  birthPlaceCode: string | null;
  citizenshipCode: string | null;
  address: string | null;
  phone: string | null;
  /** surname a household shares, to name the household's members */
  foreign: Origin | null;
}

/**
 * An invented person of the given age on `today` (years), living in `town`. `taken` holds the fiscal codes already
 * used (the district's and the registers'): a person whose code is taken gets another given name.
 */
export function syntheticPerson(rng: Rng, age: number, today: string, town: string, taken: Set<string>, opts: { foreignShare?: number; sex?: 'M' | 'F' } = {}): SyntheticPerson {
  const sex = opts.sex ?? (rng.chance(0.5) ? 'M' : 'F');
  const origin = rng.chance(opts.foreignShare ?? 0.14) ? weighted(rng, ORIGINS.map((o) => [o, o.weight] as [Origin, number])) : null;
  const year = Number(today.slice(0, 4)) - age - (rng.chance(0.5) ? 1 : 0);
  const birthDate = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  // children of foreign families born here after the family arrived
  const birthPlaceCode = origin ? (age < 12 && rng.chance(0.7) ? 'A794' : origin.birthPlace) : weighted(rng, ITALIAN_BIRTHPLACES);
  const familyName = origin ? rng.pick(origin.surnames) : rng.pick(SURNAMES);
  for (;;) {
    const givenName = origin ? rng.pick(sex === 'M' ? origin.male : origin.female) : rng.pick(sex === 'M' ? MALE : FEMALE);
    const code = fiscalCode({ givenName, familyName, sex, birthDate, birthPlaceCode });
    if (taken.has(code)) continue;
    taken.add(code);
    return {
      fiscalCode: code, givenName, familyName, birthDate, sex, birthPlaceCode, citizenshipCode: origin ? origin.citizenship : '100',
      address: `${rng.pick(STREETS)} ${rng.int(1, 60)}, ${town}`,
      phone: rng.chance(0.8) ? `+39 3${rng.int(20, 49)} ${rng.digits(3)} ${rng.digits(4)}` : null,
      foreign: origin,
    };
  }
}

/** A household member's given name (household lists are not special data, but are still invented). */
export const memberName = (rng: Rng, sex: 'M' | 'F', origin: Origin | null) =>
  origin ? rng.pick(sex === 'M' ? origin.male : origin.female) : rng.pick(sex === 'M' ? MALE : FEMALE);
export const familySurname = (rng: Rng, origin: Origin | null) => (origin ? rng.pick(origin.surnames) : rng.pick(SURNAMES));

// ---- words ------------------------------------------------------------------------------------------------------

/** What the person or the reporter said, by need (sealed in the contact). */
export const NEED_TEXTS: Record<Need, string[]> = {
  economic: ['Riferisce di non riuscire a pagare le utenze degli ultimi tre mesi dopo la perdita del lavoro.', 'Chiede un aiuto per le spese di casa: il reddito familiare non basta a fine mese.',
    'Ha ricevuto un sollecito per le bollette arretrate e chiede come ottenere un contributo.'],
  housing: ['Ha ricevuto lo sfratto per morosità, con esecuzione prevista tra due mesi.', "L'alloggio in affitto è inadeguato e umido; chiede informazioni sui servizi abitativi pubblici.",
    'Vive temporaneamente da conoscenti dopo la separazione e cerca una sistemazione.'],
  work: ['Disoccupato da oltre un anno, chiede un orientamento e un percorso di inserimento lavorativo.', 'Ha perso il lavoro a termine e chiede come iscriversi ai percorsi di inclusione.'],
  care: ["Il familiare non riesce più a seguire da solo l'assistenza quotidiana a domicilio.", 'Chiede un aiuto per igiene personale e pasti dopo la dimissione ospedaliera.',
    'La figlia lavora fuori provincia e segnala che il genitore vive solo e fatica nelle attività quotidiane.'],
  family: ['Conflitto familiare acceso dopo la separazione dei genitori; chiede sostegno alla genitorialità.', 'La madre chiede un aiuto nella gestione dei figli dopo un periodo difficile.'],
  minors_protection: ['La scuola segnala assenze ripetute e trascuratezza nella cura del minore.', "Segnalazione dell'autorità giudiziaria per una valutazione delle capacità genitoriali.",
    'Il pediatra segnala segni di disagio del minore e chiede una presa in carico.'],
  disability: ['Chiede informazioni sui sostegni per il figlio con disabilità che ha terminato la scuola.', 'Dopo il riconoscimento della disabilità chiede un progetto di vita e il trasporto al centro diurno.'],
  health: ['Dopo un lungo ricovero ha bisogno di supporto al rientro a casa.', 'Riferisce una patologia cronica che limita gli spostamenti e le commissioni.'],
  addiction: ['Un familiare riferisce un problema di dipendenza da alcol e chiede come avviare un percorso.', 'Chiede aiuto per debiti legati al gioco d\'azzardo.'],
  violence: ['Riferisce maltrattamenti in famiglia e chiede protezione per sé e per i figli.', 'Segnalazione delle forze dell\'ordine dopo un intervento per lite violenta in casa.'],
  migration: ['Chiede informazioni sul rinnovo del permesso di soggiorno e sui corsi di lingua italiana.', 'Famiglia arrivata da poco, chiede orientamento ai servizi del territorio.'],
  loneliness: ['Vive solo, non ha parenti vicini e riferisce di uscire raramente di casa.', 'I vicini segnalano che la persona anziana non si vede da giorni e sembra in difficoltà.'],
  information: ["Chiede informazioni sull'ISEE e sui contributi dell'Ambito.", 'Chiede come presentare domanda per i servizi domiciliari.', "Chiede informazioni sull'assegno di inclusione."],
  other: ['Chiede un colloquio con l\'assistente sociale per una situazione personale.'],
};

const DIARY_TEXTS: Record<TargetArea, Record<'interview' | 'home_visit' | 'report' | 'assessment' | 'meeting' | 'note', string[]>> = {
  famiglie_minori: {
    interview: ['Colloquio con la madre: riferisce miglioramenti nella frequenza scolastica, restano difficoltà nelle regole a casa.',
      'Colloquio con entrambi i genitori sul progetto educativo; concordati gli obiettivi dei prossimi tre mesi.', 'Colloquio con il minore in presenza dell\'educatrice: clima sereno, racconta della scuola.'],
    home_visit: ['Visita domiciliare: abitazione in ordine, il minore ha uno spazio per i compiti.', 'Visita domiciliare concordata: presenti madre e figli, situazione abitativa adeguata.'],
    report: ['Relazione di aggiornamento inviata al Tribunale per i minorenni.', 'Relazione alla scuola sul progetto educativo in corso.'],
    assessment: ['Valutazione delle competenze genitoriali con la psicologa del consultorio: esito discreto, da sostenere.'],
    meeting: ["Riunione d'équipe con scuola e consultorio: confermato l'intervento educativo domiciliare.", "Équipe tutela minori: verifica del progetto e rinnovo dell'affido."],
    note: ['Telefonata con la scuola: le assenze sono diminuite nell\'ultimo mese.', 'Annotazione: la famiglia ha consegnato la DSU per l\'ISEE.'],
  },
  disabilita_non_autosufficienza: {
    interview: ['Colloquio con la persona e il familiare di riferimento sui bisogni di assistenza quotidiana.', 'Colloquio sul progetto di vita: interesse per le attività del centro diurno.'],
    home_visit: ['Visita domiciliare: necessario un ausilio per il bagno, segnalato al servizio protesi.', 'Visita domiciliare con l\'operatrice SAD per definire gli orari degli accessi.'],
    report: ['Relazione sociale per la valutazione multidimensionale.', 'Relazione per il rinnovo del trasporto sociale.'],
    assessment: ['Valutazione multidimensionale con l\'ASST (scheda di valutazione): bisogno assistenziale medio-alto.'],
    meeting: ['Incontro con il centro diurno per l\'inserimento: concordato l\'avvio.', 'UVM congiunta con l\'infermiere di famiglia.'],
    note: ['Il familiare comunica l\'esito della visita di invalidità.', 'Aggiornati gli orari del servizio domiciliare su richiesta della famiglia.'],
  },
  adulti_poverta: {
    interview: ['Colloquio di orientamento: disponibile a un tirocinio, concordato il patto di inclusione.', 'Colloquio sulla situazione debitoria; proposto un piano di rientro con i fornitori.'],
    home_visit: ['Visita domiciliare: abitazione spoglia ma in ordine, utenze regolarizzate.'],
    report: ['Relazione per la commissione contributi economici dell\'Ambito.', 'Relazione al Centro per l\'impiego per l\'avvio del tirocinio.'],
    assessment: ['Valutazione del bisogno (analisi preliminare): bisogno complesso, necessaria équipe multidisciplinare.'],
    meeting: ['Incontro con il Centro per l\'impiego e il tutor del tirocinio: andamento positivo.'],
    note: ['Consegnate le ricevute di pagamento dell\'affitto.', 'La persona comunica di aver trovato un lavoro part-time.'],
  },
  anziani: {
    interview: ['Colloquio con la figlia sull\'organizzazione dell\'assistenza; valutata la badante a ore.', 'Colloquio con la persona: desidera restare a casa propria con un aiuto.'],
    home_visit: ['Visita domiciliare: vive sola al primo piano senza ascensore, difficoltà nelle scale.', 'Visita domiciliare: pasti a domicilio graditi, migliorata l\'alimentazione.'],
    report: ['Relazione per l\'integrazione della retta della RSA.', 'Relazione per l\'assegno di cura.'],
    assessment: ['Valutazione multidimensionale domiciliare: non autosufficienza parziale.'],
    meeting: ['Incontro con il medico di base e l\'infermiere di famiglia sul piano di assistenza.'],
    note: ['Attivato il telesoccorso.', 'La famiglia comunica il ricovero temporaneo in ospedale.'],
  },
};
export const diaryText = (rng: Rng, area: TargetArea, kind: keyof (typeof DIARY_TEXTS)['anziani']) => rng.pick(DIARY_TEXTS[area][kind]);

export const COURT_TEXTS = ['Decreto del Tribunale per i minorenni: affidamento del minore al servizio sociale con collocamento presso la madre; incontri protetti con il padre.',
  'Provvedimento del Tribunale per i minorenni: affidamento familiare eterofamiliare per dodici mesi, con relazione semestrale.',
  'Il Giudice tutelare ha nominato un amministratore di sostegno per la gestione economica.',
  'Procedimento in corso presso la Procura per i minorenni: valutazione delle capacità genitoriali richiesta al servizio.'];
export const HEALTH_TEXTS = ['Disabilità intellettiva lieve certificata (L. 104/1992, art. 3 c. 1); in carico alla neuropsichiatria infantile.',
  'Esiti di ictus con emiparesi destra; invalidità civile al 100% con indennità di accompagnamento.',
  'Demenza di grado moderato in carico al centro per i disturbi cognitivi; terapia in corso.',
  'Disturbo da uso di alcol in carico al SerD; percorso di disassuefazione avviato.',
  'Disturbo dello spettro autistico, sostegno scolastico e terapia logopedica in corso.'];

export const CLOSE_NOTES: Record<string, string> = {
  goals_reached: 'Obiettivi del progetto individuale raggiunti; la persona sa a chi rivolgersi in caso di bisogno.',
  moved_away: 'Trasferimento di residenza in altro comune: trasmessa la documentazione al servizio competente.',
  transferred: 'Presa in carico passata ai servizi specialistici.',
  refused: 'La persona ha rinunciato al progetto proposto.',
  unreachable: 'Più tentativi di contatto senza risposta.',
  deceased: 'Chiusura per decesso.',
  came_of_age: 'Il ragazzo ha compiuto diciotto anni: concluso il progetto per i minori.',
  other: 'Chiusura concordata in équipe.',
};
