/**
 * What the demo history is made of: who files (demo residents), what they answer on each online form, and the
 * words the offices write (motivations, requests for more, internal notes). Pure data and pure functions of a
 * seeded pseudo-random generator, so that every seed tells the same story; history.ts turns it into rows.
 *
 * The applicants are residents of the demo registries who are not test identities, plus three identities the
 * test suite never files with (Alessandro Ricci and Giuseppe Bonetti in Castelrocca, Maria Teresa Rota in
 * Valdoro): they can log in and find their history, while the tests that count a citizen's applications (Giulia
 * Ferrari, Marco Colombo, Luca Moretti, …) still start from an empty list.
 */
import { partitaIva } from '../../../../contracts/fiscal-code.ts';
import { TEST_IDENTITIES } from '../../../modules/identity/test-idp/identities.ts';
import { addDays } from '../../../platform/legal-clock.ts';
import { italianIban } from './forms/samples.ts';
import { DEMO_COMPANIES, DEMO_REGISTRY } from './people.ts';
import { CASTELROCCA, VALDORO, type ComuneProfile } from './services-common.ts';
import { DEMO_TENANTS } from './tenants.ts';
import { Rng } from '../../../platform/random.ts';

// ---- people ---------------------------------------------------------------------------------------------------

/** Test identities whose lists no test asserts: they may have a history and see it when they log in. */
export const HISTORY_IDENTITIES = ['alessandro-ricci', 'giuseppe-bonetti', 'maria-teresa-rota'] as const;

export interface HistoryPerson {
  fiscalCode: string;
  givenName: string;
  familyName: string;
  sex: 'M' | 'F';
  birthDate: string;
  birthPlace: string;
  citizenship: string;
  /** the registry's address, "Via Roma 1, 24029 Castelrocca (BG)" */
  address: string;
  familyId: string;
  relation: string;
  tenantSlug: string;
  /** what SPID/CIE would give: the identity's own contacts, or invented ones under example.org */
  email: string;
  phone: string;
  identityId?: string;
}

const ascii = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '.');

/** A mobile number derived from the fiscal code: the same person always has the same one. */
function phoneOf(fiscalCode: string): string {
  let h = 7;
  for (const c of fiscalCode) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const digits = String(h % 10_000_000).padStart(7, '0');
  return `+39 3${String(20 + (h % 70)).padStart(2, '0')} ${digits}`;
}

/** Adults of a demo registry who may file in the history (see the file's comment), with their contacts. */
export function historyPeople(tenantSlug: string, today: string): HistoryPerson[] {
  const registry = DEMO_REGISTRY.find((r) => r.tenantSlug === tenantSlug);
  if (!registry) throw new Error(`nessuna anagrafe dimostrativa per ${tenantSlug}`);
  const identities = new Map(TEST_IDENTITIES.map((i) => [i.fiscalCode, i]));
  const adultOn = addDays(today, -18 * 366);
  return registry.people.flatMap((p) => {
    const identity = identities.get(p.fiscalCode);
    if (identity && !(HISTORY_IDENTITIES as readonly string[]).includes(identity.id)) return [];
    // adults, and not the very old: nobody files online at 95 in this demo
    if (p.birthDate > adultOn || p.birthDate < '1935-01-01') return [];
    return [{
      fiscalCode: p.fiscalCode, givenName: p.givenName, familyName: p.familyName, sex: p.sex, birthDate: p.birthDate,
      birthPlace: p.birthPlace, citizenship: p.citizenship, address: p.address, familyId: p.familyId, relation: p.familyRelation, tenantSlug,
      email: identity?.email ?? `${ascii(p.givenName)}.${ascii(p.familyName)}@example.org`.replace(/\.\.+/g, '.'),
      phone: identity?.phone ?? phoneOf(p.fiscalCode),
      ...(identity ? { identityId: identity.id } : {}),
    }];
  });
}

/** The family sheet of a person as the prefill source `subject.family` gives it. */
export function familyOf(person: Pick<HistoryPerson, 'tenantSlug' | 'familyId'>) {
  const registry = DEMO_REGISTRY.find((r) => r.tenantSlug === person.tenantSlug)!;
  return registry.people.filter((p) => p.familyId === person.familyId)
    .map((p) => ({ givenName: p.givenName, familyName: p.familyName, fiscalCode: p.fiscalCode, birthDate: p.birthDate, relation: p.familyRelation }));
}

/** "Via Giuseppe Mazzini 14, 24029 Castelrocca (BG)" → street and number. */
export function streetOf(address: string): { via: string; civico: string } {
  const m = /^(.*?) (\d+[A-Za-z]?(?:\/[A-Za-z0-9]+)?), /.exec(address);
  if (!m) throw new Error(`indirizzo senza numero civico: ${address}`);
  return { via: m[1]!, civico: m[2]! };
}

const profileOf = (tenantSlug: string): ComuneProfile => (tenantSlug === CASTELROCCA.tenantSlug ? CASTELROCCA : VALDORO);
const postalCodeOf = (tenantSlug: string) => DEMO_TENANTS.find((t) => t.slug === tenantSlug)!.offices[0]!.postalCode;

/** The technicians who file SCIA for their clients, by comune (registry residents; invented registrations). */
export const TECHNICIANS: Record<string, { givenName: string; familyName: string; albo: string; number: string; pec: string; studio: string }[]> = {
  [CASTELROCCA.tenantSlug]: [
    { givenName: 'Stefano', familyName: 'Zanchi', albo: 'ingegneri', number: '3127', pec: 'stefano.zanchi@pec.example.org', studio: 'Via Fiume 19, 24029 Castelrocca (BG)' },
    { givenName: 'Roberto', familyName: 'Brambilla', albo: 'geometri', number: '2209', pec: 'roberto.brambilla@pec.example.org', studio: 'Via Giuseppe Mazzini 14, 24029 Castelrocca (BG)' },
  ],
  [VALDORO.tenantSlug]: [
    { givenName: 'Alberto', familyName: 'Tironi', albo: 'geometri', number: '4418', pec: 'alberto.tironi@pec.example.org', studio: 'Via dei Campi 21, 24017 Valdoro (BG)' },
    { givenName: 'Stefano', familyName: 'Zanchi', albo: 'ingegneri', number: '3127', pec: 'stefano.zanchi@pec.example.org', studio: 'Via Fiume 19, 24029 Castelrocca (BG)' },
  ],
};

/** People who moved into the comune (their "iscrizione anagrafica" is in the history), by fiscal code lookup. */
export const NEWCOMERS: Record<string, { givenName: string; familyName: string; from: { da: 'altro-comune' | 'estero'; comune?: string; provincia?: string; stato?: string } }[]> = {
  [CASTELROCCA.tenantSlug]: [
    { givenName: 'Federica', familyName: 'Gamba', from: { da: 'altro-comune', comune: 'Milano', provincia: 'MI' } },
    { givenName: 'Michele', familyName: 'Arrigoni', from: { da: 'altro-comune', comune: 'Bergamo', provincia: 'BG' } },
    { givenName: 'Ionut', familyName: 'Popescu', from: { da: 'altro-comune', comune: 'Seriate', provincia: 'BG' } },
    { givenName: 'Nicola', familyName: 'Testa', from: { da: 'altro-comune', comune: 'Bergamo', provincia: 'BG' } },
    { givenName: 'Matteo', familyName: 'Brambilla', from: { da: 'altro-comune', comune: 'Milano', provincia: 'MI' } },
  ],
  [VALDORO.tenantSlug]: [
    { givenName: 'Simone', familyName: 'Mazza', from: { da: 'altro-comune', comune: 'Torino', provincia: 'TO' } },
    { givenName: 'Mamadou', familyName: 'Ndiaye', from: { da: 'altro-comune', comune: 'Brescia', provincia: 'BS' } },
    { givenName: 'Olena', familyName: 'Kovalenko', from: { da: 'estero', stato: 'Ucraina' } },
    { givenName: 'Marta', familyName: 'Previtali', from: { da: 'altro-comune', comune: 'Bergamo', provincia: 'BG' } },
    { givenName: 'Pietro', familyName: 'Magri', from: { da: 'altro-comune', comune: 'Pavia', provincia: 'PV' } },
  ],
};

const EU_CITIZENSHIPS = ['italiana', 'romena', 'francese', 'tedesca', 'spagnola', 'polacca'];
export const isNonEu = (p: HistoryPerson) => !EU_CITIZENSHIPS.includes(p.citizenship);

/** Building firms that carry out the works of the SCIA (one demo company and two invented ones). */
const FIRMS = [
  { name: DEMO_COMPANIES[0]!.name, partitaIva: DEMO_COMPANIES[0]!.fiscalCode },
  { name: 'Edilvalle di Bonfanti Luigi & C. S.n.c.', partitaIva: partitaIva('0377215016') },
  { name: 'Costruzioni Orsa S.r.l.', partitaIva: partitaIva('0402187016') },
];

// ---- answers --------------------------------------------------------------------------------------------------

/** Which way an application ends (or is going): the answers of a refused one carry what made it refusable. */
export type Outcome = 'approved' | 'rejected' | 'open';

export interface AnswerContext {
  rng: Rng;
  tenantSlug: string;
  /** the day of submission (Rome) */
  on: string;
  filer: HistoryPerson;
  /** the owner a technician files for (SCIA) */
  client?: HistoryPerson;
  outcome: Outcome;
}

export interface Drafted {
  /** answers before the body's prefilled values are laid over them */
  answers: Record<string, unknown>;
  /** optional documents attached besides those the answers make necessary */
  extraAttachments: string[];
}

const DECLARED = { veridicita: true, privacy: true };
const floor2 = (n: number) => Math.round(n * 100) / 100;

function contractRegistration(rng: Rng, on: string) {
  const date = addDays(on, -rng.int(6, 60));
  return { ufficio: rng.pick(['Bergamo', 'Treviglio', 'Zogno']), data: date, numero: `TNM${date.slice(2, 4)}T${rng.digits(6)}000${rng.letters(2)}` };
}

function occupancy(rng: Rng, on: string, owner: boolean) {
  if (owner) return { titolo: 'proprieta', catasto: { foglio: String(rng.int(1, 24)), particella: String(rng.int(40, 980)), subalterno: String(rng.int(1, 18)) } };
  return rng.chance(0.85) ? { titolo: 'locazione', registrazione: contractRegistration(rng, on) } : { titolo: 'comodato', registrazione: contractRegistration(rng, on) };
}

function vehicles(rng: Rng) {
  if (rng.chance(0.35)) return { targhe: [] };
  const plate = () => `${rng.letters(2, 'ABCDEFGHJKLMNPRSTVWXYZ')}${rng.digits(3)}${rng.letters(2, 'ABCDEFGHJKLMNPRSTVWXYZ')}`;
  return { patente: `U1${rng.letters(1)}${rng.digits(6)}${rng.letters(1)}`, targhe: rng.chance(0.3) ? [plate(), plate()] : [plate()] };
}

const STREETS: Record<string, string[]> = {
  [CASTELROCCA.tenantSlug]: ['Via dei Tigli', 'Via Camillo Benso di Cavour', 'Via Roma', 'Via San Rocco', 'Via Monte Grappa', 'Via Giuseppe Garibaldi'],
  [VALDORO.tenantSlug]: ['Via Europa', 'Via Alessandro Volta', 'Via Giuseppe Verdi', 'Via della Chiesa', 'Via Guglielmo Marconi', 'Via Dante Alighieri'],
};

/** The home the application is about: where the person lives now, or (for a move that was refused) elsewhere. */
function home(ctx: AnswerContext, refusedMove: boolean) {
  if (!refusedMove) return { ...streetOf(ctx.filer.address), cap: postalCodeOf(ctx.tenantSlug) };
  return { via: ctx.rng.pick(STREETS[ctx.tenantSlug]!), civico: String(ctx.rng.int(2, 80)), cap: postalCodeOf(ctx.tenantSlug) };
}

const RELATION_OF_MOVER: Record<string, string> = {
  coniuge: 'coniuge', unito_civilmente: 'unito-civilmente', convivente: 'convivente', figlio: 'figlio', genitore: 'genitore', altro: 'altro-parente', intestatario: 'nessun-legame',
};

function cambioAbitazione(ctx: AnswerContext): Drafted {
  const { rng } = ctx;
  const owner = ctx.filer.birthDate < '1965-01-01' && rng.chance(0.6);
  const family = familyOf(ctx.filer);
  const place = home(ctx, ctx.outcome === 'rejected');
  const some = family.length > 2 && rng.chance(0.2);
  return {
    answers: {
      nuovaAbitazione: { via: place.via, civico: place.civico, ...(rng.chance(0.5) ? { piano: String(rng.int(0, 4)) } : {}), cap: place.cap, altriOccupanti: 'no' },
      titoloOccupazione: occupancy(rng, ctx.on, owner),
      nucleo: some
        ? { chiSiTrasferisce: 'alcuni', codiciFiscali: family.filter((m) => m.relation !== 'figlio' || m.birthDate < '2008-01-01').map((m) => m.fiscalCode), altrePersone: [] }
        : { chiSiTrasferisce: 'tutti', altrePersone: [] },
      veicoli: vehicles(rng),
      dichiarazioni: DECLARED,
    },
    extraAttachments: family.filter((m) => m.fiscalCode !== ctx.filer.fiscalCode && m.birthDate < addDays(ctx.on, -18 * 366)).length ? ['documenti-familiari'] : [],
  };
}

function iscrizione(ctx: AnswerContext): Drafted {
  const { rng, filer } = ctx;
  const newcomer = NEWCOMERS[ctx.tenantSlug]!.find((n) => n.givenName === filer.givenName && n.familyName === filer.familyName);
  const from = newcomer?.from ?? { da: 'altro-comune' as const, comune: 'Bergamo', provincia: 'BG' };
  const cittadinanza = filer.citizenship === 'italiana' ? 'italiana' : isNonEu(filer) ? 'extra-ue' : 'ue';
  const family = familyOf(filer).filter((m) => m.fiscalCode !== filer.fiscalCode);
  // a newcomer's household moves in together (the intestatario's family), a person joining one moves alone
  const movers = filer.relation === 'intestatario' ? family : [];
  const place = home(ctx, ctx.outcome === 'rejected');
  return {
    answers: {
      provenienza: { da: from.da, cittadinanza, ...(from.da === 'altro-comune' ? { comune: from.comune, provincia: from.provincia } : { stato: from.stato }) },
      nuovaAbitazione: { via: place.via, civico: place.civico, cap: place.cap, ...(filer.relation === 'intestatario' ? { altriOccupanti: 'no' } : {
        altriOccupanti: 'si', intestatarioScheda: intestatarioOf(filer), legame: 'parentela',
      }) },
      titoloOccupazione: filer.relation === 'intestatario' ? occupancy(rng, ctx.on, false)
        : { titolo: 'altro', descrizione: `Abito con ${intestatarioOf(filer)}, titolare del contratto dell'alloggio, che allega la dichiarazione di assenso.` },
      nucleo: { persone: movers.map((m) => ({ givenName: m.givenName, familyName: m.familyName, fiscalCode: m.fiscalCode, birthDate: m.birthDate, relation: RELATION_OF_MOVER[m.relation] ?? 'altro-parente' })) },
      veicoli: vehicles(rng),
      dichiarazioni: DECLARED,
    },
    extraAttachments: movers.some((m) => m.birthDate < addDays(ctx.on, -18 * 366)) ? ['documenti-familiari'] : [],
  };
}

function intestatarioOf(p: HistoryPerson): string {
  const head = familyOf(p).find((m) => m.relation === 'intestatario');
  return head ? `${head.givenName} ${head.familyName}` : `${p.givenName} ${p.familyName}`;
}

function rimborso(ctx: AnswerContext): Drafted {
  const { rng, filer } = ctx;
  const year = Number(ctx.on.slice(0, 4));
  const imu = filer.birthDate < '1975-01-01' && rng.chance(0.55);
  const lastYear = Math.min(2025, year - 1);
  const street = streetOf(filer.address);
  let annualita: { anno: number; versato: number; dovuto: number }[];
  let motivo: string;
  let spiegazione: string;
  if (imu) {
    const anno = rng.int(Math.max(2021, lastYear - 3), lastYear);
    const dovuto = floor2(rng.between(380, 1450));
    const over = floor2(rng.between(60, 420));
    motivo = rng.pick(['importo-eccedente', 'non-dovuto', 'doppio-versamento']);
    annualita = [{ anno, versato: floor2(motivo === 'doppio-versamento' ? dovuto * 2 : motivo === 'non-dovuto' ? over + 200 : dovuto + over), dovuto: motivo === 'non-dovuto' ? 0 : dovuto }];
    spiegazione = motivo === 'importo-eccedente'
      ? `Per l'IMU ${anno} ho applicato l'aliquota ordinaria invece di quella ridotta per l'abitazione concessa in comodato al figlio (contratto registrato): ho versato più del dovuto.`
      : motivo === 'non-dovuto'
        ? `L'immobile di ${street.via} ${street.civico} è stato venduto a inizio ${anno} (atto del notaio Ferri): ho versato per errore l'IMU dell'intero anno.`
        : `Ho pagato il saldo IMU ${anno} con F24 in banca e il giorno dopo, per un errore dell'home banking, di nuovo online.`;
  } else {
    const anno = rng.int(Math.max(2022, lastYear - 2), lastYear);
    const dovuto = floor2(rng.between(140, 420));
    motivo = rng.pick(['doppio-versamento', 'riduzione-non-applicata', 'doppio-versamento']);
    annualita = [{ anno, versato: motivo === 'doppio-versamento' ? floor2(dovuto * 2) : dovuto, dovuto: motivo === 'doppio-versamento' ? dovuto : floor2(dovuto * 0.7) }];
    spiegazione = motivo === 'doppio-versamento'
      ? `La seconda rata TARI ${anno} risulta pagata due volte: con l'avviso pagoPA e, per errore, con il modello F24 (codice tributo 3944).`
      : `Nel ${anno} vivevo da solo/a in casa ma l'avviso TARI non applicava la riduzione del 30% per l'unico occupante prevista dal regolamento.`;
  }
  const importo = floor2(annualita.reduce((s, a) => s + a.versato - a.dovuto, 0));
  const credit = rng.chance(0.8);
  return {
    answers: {
      richiedente: { qualita: 'contribuente' },
      tributo: {
        tributo: imu ? 'IMU' : 'TARI', annualita, importoRichiesto: Math.max(12, importo),
        immobile: imu ? `${street.via} ${street.civico}, foglio ${rng.int(1, 20)} particella ${rng.int(50, 900)} sub ${rng.int(1, 12)}` : `${street.via} ${street.civico}, utenza domestica`,
        motivo, spiegazione,
      },
      modalita: credit
        ? { modalita: 'accredito', iban: italianIban(rng.pick(['03069', '05034', '08940', '02008']), rng.digits(5), rng.digits(10)), intestatario: `${filer.givenName} ${filer.familyName}` }
        : { modalita: 'compensazione' },
      dichiarazioni: DECLARED,
    },
    extraAttachments: rng.chance(0.4) ? ['documentazione'] : [],
  };
}

/** What people ask the comune under FOIA, by the office (role) that holds it. */
const FOIA_REQUESTS: { text: string; periodo?: string; role: keyof ComuneProfile['office']; third?: string }[] = [
  { text: 'Le determine di affidamento dei lavori di manutenzione delle strade comunali, con i preventivi delle imprese invitate.', periodo: 'Anni 2025 e 2026', role: 'lavoriPubblici', third: 'amministrazione@asfalti-lombardi.example' },
  { text: "I verbali dei sopralluoghi e le analisi dell'acqua della fontana pubblica di piazza, con le relazioni dell'ATS.", periodo: 'Anno 2025', role: 'ambiente' },
  { text: 'Il numero di sanzioni per divieto di sosta elevate in centro storico, per mese, e le entrate che ne derivano.', periodo: 'Anno 2025', role: 'polizia' },
  { text: 'Il progetto esecutivo e il quadro economico della riqualificazione del campo sportivo comunale.', role: 'lavoriPubblici' },
  { text: 'Le graduatorie anonimizzate del servizio di mensa scolastica e i criteri usati per le riduzioni della retta.', periodo: 'Anno scolastico 2025/2026', role: 'scuola' },
  { text: 'La convenzione con la cooperativa che gestisce il servizio di assistenza domiciliare e i report sulle ore erogate.', periodo: 'Anni 2024 e 2025', role: 'sociali', third: 'segreteria@valleorsaservizi.example' },
  { text: 'Gli atti del procedimento di variante al PGT per l\'area ex cava, con le osservazioni presentate dai cittadini.', role: 'edilizia', third: 'info@cava-nord.example' },
  { text: 'I dati sulla raccolta differenziata (tonnellate per frazione e per mese) e il contratto con il gestore.', periodo: 'Anni 2024 e 2025', role: 'ambiente' },
  { text: 'Le autorizzazioni per i dehors rilasciate ai pubblici esercizi di piazza del Municipio e i canoni pagati.', periodo: 'Anno 2026', role: 'suap', third: 'bar.centrale@example.org' },
  { text: 'Il registro degli accessi agli atti e le risposte date dal Comune alle richieste di accesso civico.', periodo: 'Anno 2025', role: 'urp' },
  { text: "Il numero di residenti per fascia d'età e per frazione, in formato aperto.", periodo: 'Al 31 dicembre 2025', role: 'anagrafe' },
  { text: 'Le spese per consulenze e incarichi esterni, con gli atti di conferimento e i compensi.', periodo: 'Anni 2024 e 2025', role: 'urp' },
];

function accessoCivico(ctx: AnswerContext): Drafted {
  const { rng } = ctx;
  const p = profileOf(ctx.tenantSlug);
  const request = rng.pick(FOIA_REQUESTS);
  const forGroup = rng.chance(0.15);
  return {
    answers: {
      richiedente: { perConto: forGroup ? 'ente' : 'proprio', ...(forGroup ? { ente: rng.pick(["Legambiente - Circolo Valle dell'Orsa", 'Comitato genitori della scuola primaria', "L'Eco della Valle (testata locale)"]) } : {}) },
      richiesta: {
        tipo: 'generalizzato', oggetto: request.text, ...(request.periodo ? { periodo: request.periodo } : {}),
        ufficio: rng.chance(0.75) ? p.office[request.role] : 'non-so', emailControinteressati: request.third ? [request.third] : [],
      },
      consegna: { formato: rng.chance(0.8) ? 'area-personale' : 'email', formatoAperto: rng.chance(0.4) },
      dichiarazioni: { controinteressati: true, privacy: true },
    },
    extraAttachments: forGroup ? ['documento-identita'] : [],
  };
}

const RELATIVES = [
  { nome: 'Fatima', cognome: 'Hoxha', rapporto: 'genitore', years: 64 },
  { nome: 'Drita', cognome: 'Leka', rapporto: 'genitore', years: 68 },
  { nome: 'Aminata', cognome: 'Diallo', rapporto: 'coniuge', years: 36 },
  { nome: 'Ousmane', cognome: 'Ndiaye', rapporto: 'figlio-minore', years: 12 },
  { nome: 'Ihor', cognome: 'Kovalenko', rapporto: 'figlio-maggiorenne', years: 24 },
  { nome: 'Khadija', cognome: 'Benali', rapporto: 'genitore', years: 66 },
];

function idoneita(ctx: AnswerContext): Drafted {
  const { rng, filer } = ctx;
  const family = familyOf(filer);
  const street = streetOf(filer.address);
  const reunite = rng.chance(0.6);
  const own = RELATIVES.filter((r) => r.cognome === filer.familyName);
  const relatives = reunite ? [own.length ? rng.pick(own) : rng.pick(RELATIVES)] : [];
  const nationality = filer.citizenship;
  const living = family.length;
  // a refusal here is for an undersized home: the answers say so (few square metres for the people expected)
  const superficie = ctx.outcome === 'rejected' ? floor2(rng.between(34, 44)) : floor2(rng.between(62, 96));
  const expected = living + relatives.length + (ctx.outcome === 'rejected' ? 2 : 0);
  return {
    answers: {
      richiedente: { qualita: rng.chance(0.8) ? 'conduttore' : 'proprietario' },
      motivo: reunite
        ? { scopo: 'ricongiungimento-familiare', familiari: relatives.map((r) => ({ nome: r.nome, cognome: r.cognome, dataNascita: `${Number(ctx.on.slice(0, 4)) - r.years}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, cittadinanza: nationality, rapporto: r.rapporto })) }
        : { scopo: rng.pick(['permesso-ue-lungo-periodo', 'rinnovo-permesso', 'contratto-soggiorno']) },
      alloggio: {
        via: street.via, civico: street.civico, piano: String(rng.int(0, 3)), cap: postalCodeOf(ctx.tenantSlug),
        foglio: String(rng.int(1, 20)), particella: String(rng.int(40, 900)), subalterno: String(rng.int(1, 14)),
        categoria: rng.pick(['A/3', 'A/3', 'A/2', 'A/4']), superficie, camere: superficie > 70 ? 3 : 2, altriVani: 1, bagni: superficie > 80 ? 2 : 1,
        cucina: rng.chance(0.6) ? 'cucina' : 'angolo-cottura', riscaldamento: true, occupantiAttuali: living, occupantiPrevisti: Math.max(living, expected),
      },
      dichiarazioni: DECLARED,
    },
    extraAttachments: rng.chance(0.3) ? ['conformita-impianti'] : [],
  };
}

const WORKS = [
  { tipo: 'manutenzione-straordinaria-strutturale', text: 'Rifacimento del tetto con sostituzione della grossa orditura in legno, posa di isolamento termico e nuovo manto in coppi.', strutturale: true, days: 75 },
  { tipo: 'manutenzione-straordinaria-strutturale', text: 'Apertura di una nuova porta-finestra sul prospetto sud con cerchiatura in acciaio e realizzazione di un balcone.', strutturale: true, days: 60 },
  { tipo: 'ristrutturazione', text: "Ristrutturazione dell'appartamento con diversa distribuzione degli spazi interni, rifacimento degli impianti e cappotto termico sulle facciate.", strutturale: false, days: 150 },
  { tipo: 'restauro-risanamento', text: 'Consolidamento dei solai in legno e risanamento delle murature del fienile annesso, senza cambio di destinazione.', strutturale: true, days: 120 },
  { tipo: 'ristrutturazione', text: 'Frazionamento di un alloggio in due unità abitative con realizzazione di un nuovo bagno e adeguamento degli impianti.', strutturale: false, days: 90 },
];

function scia(ctx: AnswerContext): Drafted {
  const { rng } = ctx;
  const client = ctx.client!;
  const technician = TECHNICIANS[ctx.tenantSlug]!.find((t) => t.givenName === ctx.filer.givenName && t.familyName === ctx.filer.familyName)!;
  const work = rng.pick(WORKS);
  const firm = rng.pick(FIRMS);
  const street = streetOf(client.address);
  return {
    answers: {
      tecnico: { pec: technician.pec, albo: technician.albo, provinciaAlbo: 'BG', numeroIscrizione: technician.number, studio: technician.studio },
      committente: { titolo: client.relation === 'intestatario' ? 'proprietario' : 'comproprietario', ...(rng.chance(0.5) ? { recapito: client.email } : {}) },
      immobile: {
        via: street.via, civico: street.civico, foglio: String(rng.int(1, 20)), particella: String(rng.int(40, 900)), subalterno: String(rng.int(1, 12)),
        destinazione: 'residenziale', vincoloPaesaggistico: false, beneCulturale: false,
      },
      intervento: {
        tipo: work.tipo, descrizione: work.text, dataInizio: addDays(ctx.on, rng.int(3, 25)), durataGiorni: work.days, strutturale: work.strutturale,
        esecuzione: 'impresa', impresa: firm.name, partitaIvaImpresa: firm.partitaIva,
      },
      dichiarazioni: { asseverazione: true, procura: true, ...DECLARED },
    },
    extraAttachments: rng.chance(0.5) ? ['documentazione-fotografica'] : [],
  };
}

/** The utility of a household: its user code, meter and a reading that grows with the people in it. */
function utilityOf(person: HistoryPerson) {
  let h = 11;
  for (const c of person.familyId) h = (h * 37 + c.charCodeAt(0)) >>> 0;
  return { codiceUtente: String(10_000 + (h % 89_000)).padStart(8, '0'), matricola: `MD${String(17 + (h % 6))}${String(h % 1_000_000).padStart(6, '0')}`, base: 600 + (h % 900) };
}

function autolettura(ctx: AnswerContext): Drafted {
  const { rng, filer } = ctx;
  const utility = utilityOf(filer);
  const street = streetOf(filer.address);
  const people = familyOf(filer).length;
  const days = Math.round((Date.parse(`${ctx.on}T00:00:00Z`) - Date.parse('2025-01-01T00:00:00Z')) / 86_400_000);
  // about 150 litres a day per person; a refused reading is one that goes backwards
  const reading = utility.base + Math.round(days * people * 0.15) + (ctx.outcome === 'rejected' ? -rng.int(80, 200) : 0);
  return {
    answers: {
      richiedente: { qualita: filer.relation === 'intestatario' ? 'intestatario' : 'familiare' },
      utenza: { codiceUtente: utility.codiceUtente, via: street.via, civico: street.civico, matricola: utility.matricola },
      lettura: { dataLettura: rng.chance(0.7) ? ctx.on : addDays(ctx.on, -1), metriCubi: Math.max(0, reading), ...(rng.chance(0.15) ? { note: 'Contatore in cantina, letto con la torcia: le cifre rosse non le ho scritte.' } : {}) },
      dichiarazioni: DECLARED,
    },
    extraAttachments: [],
  };
}

export const HISTORY_SERVICES = {
  cambio: 'cambio-abitazione-stesso-comune',
  iscrizione: 'iscrizione-anagrafica-trasferimento-residenza',
  rimborso: 'rimborso-tributi-comunali',
  accesso: 'accesso-civico',
  idoneita: 'certificato-idoneita-alloggiativa',
  scia: 'scia-edilizia',
  autolettura: 'autolettura-contatore-acqua',
} as const;
export type HistoryService = keyof typeof HISTORY_SERVICES;

export const DRAFTERS: Record<HistoryService, (ctx: AnswerContext) => Drafted> = {
  cambio: cambioAbitazione, iscrizione, rimborso, accesso: accessoCivico, idoneita, scia, autolettura,
};

// ---- the offices' words --------------------------------------------------------------------------------------

export interface ServiceTexts {
  approved: string[];
  rejected: string[];
  /** what the office asks for, the documents named, and how the citizen answers */
  integration: { ask: string; documents: string[]; requirement: string | null; answer: string }[];
  notes: string[];
}

export const TEXTS: Record<HistoryService, ServiceTexts> = {
  cambio: {
    approved: [
      "Accertamento della Polizia locale con esito positivo: la dimora abituale all'indirizzo dichiarato è confermata. Il cambio di abitazione è registrato in anagrafe.",
      'Esito positivo del sopralluogo della Polizia locale. Variazione di indirizzo registrata; la Motorizzazione è stata informata per patente e carte di circolazione.',
      "Verifica conclusa: dimora abituale confermata all'indirizzo dichiarato. Aggiornati il registro della popolazione e le liste elettorali.",
    ],
    rejected: [
      "Nei due sopralluoghi della Polizia locale le persone non sono state trovate all'indirizzo dichiarato e i vicini non le conoscono: la dimora abituale non è accertata (DPR 223/1989, art. 19). L'indirizzo precedente resta valido.",
      "L'alloggio dichiarato risulta accatastato come magazzino (categoria C/2) e non è abitabile: la variazione non può essere registrata.",
    ],
    integration: [
      { ask: "Il contratto di locazione allegato non riporta gli estremi di registrazione: allega la ricevuta di registrazione dell'Agenzia delle Entrate.", documents: ['Ricevuta di registrazione del contratto'], requirement: 'contratto-locazione', answer: 'Allegata la ricevuta di registrazione (modello RLI) ricevuta dal proprietario.' },
      { ask: "Manca il documento d'identità di uno dei familiari maggiorenni che si trasferiscono: allegalo, fronte e retro.", documents: ["Documento d'identità del familiare"], requirement: 'documenti-familiari', answer: "Ecco il documento d'identità mancante." },
    ],
    notes: ['Chiesto alla Polizia locale il sopralluogo per la verifica della dimora abituale.', 'Primo sopralluogo senza esito (nessuno in casa): la Polizia locale ripasserà in orario serale.', "Verificato con l'ufficio tributi: l'utenza TARI è già intestata al nuovo indirizzo."],
  },
  iscrizione: {
    approved: [
      "Iscrizione anagrafica confermata: l'accertamento della Polizia locale ha verificato la dimora abituale. Il Comune di provenienza ha cancellato la residenza precedente.",
      'Esito positivo degli accertamenti: iscrizione confermata con decorrenza dalla data della dichiarazione. La carta d\'identità si può rinnovare allo sportello.',
    ],
    rejected: [
      "Nei sopralluoghi della Polizia locale la persona non è stata trovata all'indirizzo dichiarato: la dimora abituale non è accertata e l'iscrizione non può essere confermata (DPR 223/1989, art. 19). Resta la residenza precedente.",
      'Il titolo di occupazione dichiarato non è stato dimostrato: il proprietario ha negato l\'assenso all\'iscrizione nell\'alloggio (DL 47/2014, art. 5).',
    ],
    integration: [
      { ask: "Per confermare l'iscrizione serve la dichiarazione di assenso del titolare del contratto, con il suo documento d'identità.", documents: ['Dichiarazione di assenso del titolare'], requirement: 'documenti-familiari', answer: 'Allego la dichiarazione firmata dal titolare del contratto e il suo documento.' },
      { ask: 'Il permesso di soggiorno allegato è scaduto: allega la ricevuta della domanda di rinnovo.', documents: ['Ricevuta della domanda di rinnovo del permesso di soggiorno'], requirement: 'permesso-soggiorno', answer: 'Ecco la ricevuta di Poste Italiane della domanda di rinnovo.' },
    ],
    notes: ['Inviata al Comune di provenienza la comunicazione per la cancellazione.', 'Richiesto il sopralluogo della Polizia locale.', 'Il Comune di provenienza ha confermato la cancellazione.'],
  },
  rimborso: {
    approved: [
      "Versamento in eccesso verificato sui flussi F24 e pagoPA: rimborso disposto per l'importo chiesto, oltre agli interessi al tasso legale (L. 296/2006, art. 1, c. 165).",
      'Verificati i versamenti e il dovuto: il rimborso è riconosciuto. La somma sarà compensata con i prossimi versamenti dello stesso tributo, come chiesto.',
      "Il doppio versamento risulta dai flussi di pagamento: rimborso disposto con mandato di pagamento sull'IBAN indicato.",
    ],
    rejected: [
      "Il secondo versamento risulta imputato alla rata successiva, che era dovuta: non c'è una somma versata in più da rimborsare.",
      "La riduzione chiesta spetta solo su domanda presentata entro il 31 gennaio dell'anno d'imposta (regolamento TARI, art. 18): per l'anno indicato non era stata chiesta.",
    ],
    integration: [
      { ask: 'Allega la quietanza del secondo versamento: dai flussi risulta solo il primo.', documents: ['Quietanza F24 del secondo versamento'], requirement: 'ricevute-versamento', answer: 'Allegata la quietanza della banca del secondo pagamento.' },
      { ask: "Allega l'atto di vendita dell'immobile, per verificare da quale data l'IMU non era più dovuta.", documents: ["Atto di compravendita"], requirement: 'documentazione', answer: "Ecco la copia dell'atto del notaio." },
    ],
    notes: ['Estratti i versamenti dal cassetto fiscale: il doppio pagamento c\'è.', 'Calcolati gli interessi legali al giorno del pagamento.', 'Verificata la posizione: nessun avviso di accertamento aperto.'],
  },
  accesso: {
    approved: [
      'Accesso consentito: i documenti richiesti sono stati trasmessi nel formato indicato (D.Lgs. 33/2013, art. 5).',
      'Accesso consentito in parte: i documenti sono trasmessi con i dati personali di terzi oscurati (art. 5-bis, c. 2, lett. a).',
      "Accesso consentito: i dati sono trasmessi in formato aperto (CSV); i controinteressati avvisati non hanno presentato opposizione.",
    ],
    rejected: [
      "Accesso negato: i documenti richiesti non sono detenuti dal Comune, che non è tenuto a elaborare dati che non possiede (Linee guida ANAC, delibera 1309/2016, par. 4.2). La richiesta può essere rivolta all'ATS.",
      "Accesso negato: la richiesta riguarda atti di un'indagine in corso della Polizia locale, coperti da segreto (art. 5-bis, c. 3).",
    ],
    integration: [
      { ask: 'La richiesta è generica: indica almeno il periodo o il tipo di atti, così possiamo individuarli.', documents: [], requirement: null, answer: 'Mi interessano gli atti degli ultimi due anni, in particolare le determine di spesa.' },
    ],
    notes: ["Chiesti i documenti all'ufficio che li detiene.", 'Avvisati i controinteressati: 10 giorni per un\'eventuale opposizione.', 'Oscurati i dati personali dei privati citati negli atti.'],
  },
  idoneita: {
    approved: [
      "Sopralluogo con esito positivo: l'alloggio rispetta i requisiti igienico-sanitari e di superficie (DM Sanità 5 luglio 1975) per il numero di persone indicato. Il certificato è pronto per il ritiro.",
      'Verifiche concluse: superficie, vani e impianti sono adeguati per gli occupanti previsti. Certificato di idoneità alloggiativa rilasciato.',
    ],
    rejected: [
      "La superficie utile dell'alloggio non è sufficiente per il numero di persone che vi abiterebbero (DM Sanità 5 luglio 1975, art. 2): il certificato non può essere rilasciato.",
      "Al sopralluogo la cucina risulta priva di aerazione diretta e il bagno di finestra o di aspirazione: i requisiti igienico-sanitari non sono rispettati.",
    ],
    integration: [
      { ask: "La planimetria allegata non corrisponde allo stato dei luoghi: allega la planimetria catastale aggiornata.", documents: ['Planimetria catastale aggiornata'], requirement: 'planimetria', answer: "Allegata la planimetria aggiornata richiesta all'Agenzia delle Entrate." },
    ],
    notes: ['Sopralluogo fissato con il richiedente.', 'Al sopralluogo presente anche il proprietario, che conferma il contratto.', 'Misurate le superfici dei locali: corrispondono alla planimetria.'],
  },
  scia: {
    approved: [
      "Controllo concluso: documentazione completa e intervento conforme al PGT e al regolamento edilizio. Nessun provvedimento inibitorio (DPR 380/2001, art. 23).",
      'Verifica della SCIA conclusa con esito positivo: i lavori possono proseguire come segnalato. Ricordiamo la comunicazione di fine lavori.',
    ],
    rejected: [
      "Ordine motivato di non effettuare l'intervento (L. 241/1990, art. 19, c. 3): l'immobile ricade in zona A del PGT e l'intervento richiede il permesso di costruire.",
      'Divieto di prosecuzione: manca la denuncia dei lavori strutturali, obbligatoria per questo intervento, e non è stata presentata entro il termine assegnato.',
    ],
    integration: [
      { ask: 'Richiesta di conformazione (L. 241/1990, art. 19, c. 3): le tavole non riportano la sovrapposizione tra stato di fatto e progetto. Allega le tavole complete.', documents: ['Tavola di sovrapposizione'], requirement: 'elaborati-grafici', answer: 'Allegata la tavola comparativa (gialli e rossi) firmata digitalmente.' },
    ],
    notes: ['Verificata la conformità urbanistica sul PGT vigente.', "Controllata la regolarità contributiva dell'impresa (DURC valido).", 'Sopralluogo di cantiere a campione: nessuna difformità.'],
  },
  autolettura: {
    approved: ['Lettura acquisita: sarà usata per la prossima bolletta al posto dei consumi stimati.', 'Lettura registrata e coerente con i consumi degli anni scorsi.'],
    rejected: ['La lettura è più bassa della precedente acquisita dal letturista: non può essere registrata. Un tecnico verrà a leggere il contatore.'],
    integration: [
      { ask: 'La lettura sembra anomala rispetto ai consumi precedenti: ricontrolla le cifre nere del contatore e la matricola, poi rispondi.', documents: [], requirement: null, answer: 'Ho ricontrollato: la lettura è corretta, a luglio c\'è stata una perdita in giardino, ora riparata.' },
    ],
    notes: ['Confrontata con lo storico dei consumi.', 'Sentito il cittadino al telefono.'],
  },
};

/** Internal notes that fit any application. */
export const GENERIC_NOTES = ['Sentito il richiedente al telefono: conferma i dati della domanda.', 'Pratica controllata, in attesa delle verifiche.'];

export const WITHDRAW_NOTES = [
  'Ho sbagliato a compilare: ripresento la domanda corretta.',
  'Non serve più: ho risolto allo sportello.',
  null,
];

export const RATING_COMMENTS = {
  high: ['Veloce e chiaro.', 'Finalmente senza code allo sportello.', 'Tutto online, comodo.', 'Mi hanno anche chiamato per un chiarimento, gentilissimi.'],
  low: ['Non era chiaro quali documenti servissero.', 'Il modulo è lungo.', 'Ho dovuto caricare due volte lo stesso documento.', 'Tempi lunghi.'],
};

/** The placeholder documents' titles and the file names people give them, by attachment requirement. */
export const FILE_NAMES: Record<string, string[]> = {
  'documento-identita': ['carta-identita-fronte-retro.pdf', 'CIE.pdf', 'documento.pdf'],
  'documenti-familiari': ['documenti-familiari.pdf', 'carta-identita-coniuge.pdf'],
  'contratto-locazione': ['contratto-affitto-registrato.pdf', 'contratto-locazione.pdf'],
  'contratto-comodato': ['comodato-uso.pdf'],
  'assenso-proprietario': ['assenso-proprietario.pdf'],
  'permesso-soggiorno': ['permesso-di-soggiorno.pdf', 'passaporto-e-permesso.pdf'],
  'requisiti-cittadino-ue': ['contratto-di-lavoro.pdf'],
  'patente-libretti': ['patente-e-libretto.pdf'],
  'ricevute-versamento': ['F24-quietanza.pdf', 'ricevute-pagoPA.pdf', 'versamenti.pdf'],
  documentazione: ['atto-di-vendita.pdf', 'avviso-TARI.pdf', 'visura-catastale.pdf'],
  'qualita-erede': ['dichiarazione-successione.pdf'],
  planimetria: ['planimetria-catastale.pdf'],
  'titolo-alloggio': ['contratto-locazione.pdf', 'atto-proprieta.pdf'],
  'assenso-ospitante': ['dichiarazione-ospitalita.pdf'],
  'conformita-impianti': ['dichiarazioni-conformita-impianti.pdf'],
  'relazione-tecnica': ['relazione-tecnica-asseverata.pdf', 'relazione-asseverata-firmata.pdf'],
  'elaborati-grafici': ['tavole-progetto.pdf', 'elaborati-grafici.pdf'],
  procura: ['procura-speciale.pdf'],
  'documentazione-fotografica': ['foto-stato-di-fatto.pdf'],
  'denuncia-strutturale': ['denuncia-lavori-strutturali.pdf'],
};
