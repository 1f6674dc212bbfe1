/**
 * Controlled vocabularies used by the catalogue (see the sources cited below).
 * Each entry has a stable code (used in the API and database), Italian and English labels, and the URI of the
 * concept in the published controlled vocabulary (used in the CPSV-AP export).
 */
export interface VocabularyEntry {
  code: string;
  it: string;
  en: string;
  uri: string;
}

const LIFE_EVENT_BASE =
  'https://w3id.org/italia/controlled-vocabulary/classifications-for-public-services/life-business-event/life-event';
const BUSINESS_EVENT_BASE =
  'https://w3id.org/italia/controlled-vocabulary/classifications-for-public-services/life-business-event/business-event';
const SUBJECT_MATTER_BASE =
  'https://w3id.org/italia/controlled-vocabulary/classifications-for-public-services/public-services-subject-matters';
/** Sportello's own concepts, for needs the national vocabularies do not cover (never presented as official). */
const LOCAL_LIFE_EVENT_BASE = 'https://sportello.example/vocab/life-event';

/**
 * Life events of persons and businesses.
 *
 * Sources (AgID / OntoPiA, CC-BY 4.0, published in github.com/italia/daf-ontologie-vocabolari-controllati, now
 * github.com/italia/dati-semantic-assets, folder VocabolariControllati/classifications-for-public-services/):
 * - "Eventi della vita" (agid:D.8, skos:ConceptScheme
 *   https://w3id.org/italia/controlled-vocabulary/classifications-for-public-services/life-business-event/life-event),
 *   concepts /1 … /19. The URI ends with the official notation; the `code` is ours (snake_case, stable).
 * - "Eventi della vita delle imprese" (…/life-business-event/business-event), concepts /1 … /15.
 * Labels are the official Italian and English prefLabels (two English typos of the source fixed: "martal", "grand").
 *
 * Two entries are Sportello extensions, because the national list has no concept for them and the Designers Italia
 * municipal model needs them: `economic_hardship` (difficoltà economiche, richiesta di assistenza) and `elections`
 * (elezioni e voto). Their URIs are under https://sportello.example/vocab/life-event/ (a local scheme, not an
 * official one), so the CPSV-AP export puts them in a scheme of their own.
 */
export const LIFE_EVENTS: VocabularyEntry[] = [
  // Eventi della vita delle persone (AgID D.8)
  { code: 'school_enrolment', it: 'Iscrizione scuola/università e/o richiesta borsa di studio', en: 'Enrolling in school/university and/or applying for a study grant', uri: `${LIFE_EVENT_BASE}/1` },
  { code: 'disability', it: 'Invalidità', en: 'Disability', uri: `${LIFE_EVENT_BASE}/2` },
  { code: 'job_seeking_unemployment', it: 'Ricerca di lavoro, avvio nuovo lavoro, disoccupazione', en: 'Looking for a job, starting a new job, becoming unemployed', uri: `${LIFE_EVENT_BASE}/3` },
  { code: 'retirement', it: 'Pensionamento', en: 'Retirement', uri: `${LIFE_EVENT_BASE}/4` },
  { code: 'driving_licence', it: 'Richiesta o rinnovo patente', en: "Applying for a driver's licence (or renewing an existing one)", uri: `${LIFE_EVENT_BASE}/5` },
  { code: 'vehicle_ownership', it: 'Registrazione/possesso veicolo', en: 'Registering/owning a vehicle', uri: `${LIFE_EVENT_BASE}/6` },
  { code: 'public_transport', it: 'Accesso al trasporto pubblico', en: 'Access to public transportation', uri: `${LIFE_EVENT_BASE}/7` },
  { code: 'housing', it: 'Compravendita/affitto casa/edifici/terreni, costruzione o ristrutturazione casa/edificio', en: 'Buying/renting a house/building/land, building, renovating a house/building', uri: `${LIFE_EVENT_BASE}/8` },
  { code: 'change_of_residence', it: 'Cambio di residenza/domicilio', en: 'Moving and changing address within one country', uri: `${LIFE_EVENT_BASE}/9` },
  { code: 'moving_abroad', it: 'Espatrio per lavoro, studio, pensionamento', en: 'Moving or preparing to move to another country (e.g. to study, work, retire)', uri: `${LIFE_EVENT_BASE}/10` },
  { code: 'travel_abroad', it: 'Richiesta passaporto, visto e assistenza viaggi internazionali', en: 'Needing a passport/visa or assistance to travel to another country', uri: `${LIFE_EVENT_BASE}/11` },
  { code: 'birth', it: 'Nascita di un bambino, richiesta adozioni', en: 'Declaring the birth of a child and/or applying for a birth grant', uri: `${LIFE_EVENT_BASE}/12` },
  { code: 'marriage', it: 'Matrimonio e/o cambio stato civile', en: 'Marrying and/or changing marital status', uri: `${LIFE_EVENT_BASE}/13` },
  { code: 'death', it: 'Morte ed eredità', en: 'Death of a close relative and/or starting an inheritance procedure', uri: `${LIFE_EVENT_BASE}/14` },
  { code: 'medical_appointment', it: 'Prenotazione e disdetta visite/esami', en: "Making/cancelling a doctor's appointment", uri: `${LIFE_EVENT_BASE}/15` },
  { code: 'crime_report', it: 'Denuncia crimini', en: 'Reporting a crime (smaller offences, e.g. theft, burglary)', uri: `${LIFE_EVENT_BASE}/16` },
  { code: 'paying_taxes', it: 'Dichiarazione dei redditi, versamento e riscossione tributi/imposte e contributi', en: 'Declaring income taxes, paying contributions', uri: `${LIFE_EVENT_BASE}/17` },
  { code: 'culture_access', it: 'Accesso luoghi della cultura', en: 'Access to public cultural sites', uri: `${LIFE_EVENT_BASE}/18` },
  { code: 'pets', it: 'Possesso, cura, smarrimento animale da compagnia', en: 'Owning, taking care of, losing pets', uri: `${LIFE_EVENT_BASE}/19` },

  // Eventi della vita delle imprese (AgID)
  { code: 'starting_business', it: 'Avvio impresa', en: 'Starting a company', uri: `${BUSINESS_EVENT_BASE}/1` },
  { code: 'starting_professional_activity', it: 'Avvio nuova attività professionale', en: 'Starting a new activity', uri: `${BUSINESS_EVENT_BASE}/2` },
  { code: 'business_permits', it: 'Richiesta licenze/permessi/certificati', en: 'Applying for licences, permits and certificates', uri: `${BUSINESS_EVENT_BASE}/3` },
  { code: 'cross_border_business', it: 'Registrazione impresa transfrontaliera', en: 'Registering a cross-border business', uri: `${BUSINESS_EVENT_BASE}/4` },
  { code: 'opening_branch', it: 'Avvio/registrazione filiale', en: 'Starting/registering a branch', uri: `${BUSINESS_EVENT_BASE}/5` },
  { code: 'business_financing', it: 'Finanziamento impresa', en: 'Financing a company', uri: `${BUSINESS_EVENT_BASE}/6` },
  { code: 'staffing', it: 'Gestione personale', en: 'Staffing', uri: `${BUSINESS_EVENT_BASE}/7` },
  { code: 'business_taxes', it: 'Pagamento tasse, iva e dogane', en: 'Paying taxes (VAT and customs)', uri: `${BUSINESS_EVENT_BASE}/8` },
  { code: 'notifying_authorities', it: 'Notifiche autorità', en: 'Reporting and notifying authorities', uri: `${BUSINESS_EVENT_BASE}/9` },
  { code: 'closing_business', it: 'Chiusura impresa e attività professionale', en: 'Closing a company/a professional activity', uri: `${BUSINESS_EVENT_BASE}/10` },
  { code: 'closing_branch', it: 'Chiusura filiale', en: 'Closing a branch', uri: `${BUSINESS_EVENT_BASE}/11` },
  { code: 'restructuring_business', it: 'Ristrutturazione impresa', en: 'Restructuring a company', uri: `${BUSINESS_EVENT_BASE}/12` },
  { code: 'selling_business', it: 'Vendita impresa', en: 'Selling a company', uri: `${BUSINESS_EVENT_BASE}/13` },
  { code: 'bankruptcy', it: 'Bancarotta', en: 'Bankruptcy', uri: `${BUSINESS_EVENT_BASE}/14` },
  { code: 'procurement_participation', it: 'Partecipazione ad appalti pubblici nazionali e trasfrontalieri', en: 'Participating in public procurement (national and cross-border)', uri: `${BUSINESS_EVENT_BASE}/15` },

  // Sportello extensions (local scheme, see above)
  { code: 'economic_hardship', it: 'Difficoltà economiche e richiesta di assistenza', en: 'Facing economic hardship and asking for assistance', uri: `${LOCAL_LIFE_EVENT_BASE}/economic_hardship` },
  { code: 'elections', it: 'Elezioni e voto', en: 'Elections and voting', uri: `${LOCAL_LIFE_EVENT_BASE}/elections` },
];

/**
 * Service categories ("argomenti dei servizi").
 *
 * The list and the Italian labels are those of the Designers Italia "modello Comuni" (the second-level pages of the
 * "Servizi" section, as listed in the "Architettura dell'informazione del sito dei Comuni" and in conformity
 * criterion C.SI.1.x of the model): Educazione e formazione; Salute, benessere e assistenza; Vita lavorativa;
 * Mobilità e trasporti; Catasto e urbanistica; Anagrafe e stato civile; Turismo; Giustizia e sicurezza pubblica;
 * Tributi, finanze e contravvenzioni; Cultura e tempo libero; Ambiente; Imprese e commercio; Autorizzazioni;
 * Appalti pubblici; Agricoltura e pesca.
 *
 * The URIs are the concepts of the AgID controlled vocabulary the model was built on, "Materie (tematiche) dei
 * servizi pubblici" (skos:ConceptScheme
 * https://w3id.org/italia/controlled-vocabulary/classifications-for-public-services/public-services-subject-matters,
 * concepts /1 … /15, same order). Three prefLabels of that published scheme are older than the model's labels
 * ("Tributi e finanze", "Attività produttive e commercio", "Agricoltura"); the concept is the same. English labels
 * are ours (the scheme has Italian labels only).
 */
export const CATEGORIES: VocabularyEntry[] = [
  { code: 'education', it: 'Educazione e formazione', en: 'Education and training', uri: `${SUBJECT_MATTER_BASE}/1` },
  { code: 'health_welfare', it: 'Salute, benessere e assistenza', en: 'Health, well-being and social care', uri: `${SUBJECT_MATTER_BASE}/2` },
  { code: 'working_life', it: 'Vita lavorativa', en: 'Working life', uri: `${SUBJECT_MATTER_BASE}/3` },
  { code: 'mobility_transport', it: 'Mobilità e trasporti', en: 'Mobility and transport', uri: `${SUBJECT_MATTER_BASE}/4` },
  { code: 'land_registry_urban_planning', it: 'Catasto e urbanistica', en: 'Land registry, building and urban planning', uri: `${SUBJECT_MATTER_BASE}/5` },
  { code: 'civil_registry', it: 'Anagrafe e stato civile', en: 'Population register and civil status', uri: `${SUBJECT_MATTER_BASE}/6` },
  { code: 'tourism', it: 'Turismo', en: 'Tourism', uri: `${SUBJECT_MATTER_BASE}/7` },
  { code: 'justice_security', it: 'Giustizia e sicurezza pubblica', en: 'Justice and public safety', uri: `${SUBJECT_MATTER_BASE}/8` },
  { code: 'taxes_finance', it: 'Tributi, finanze e contravvenzioni', en: 'Local taxes, finance and fines', uri: `${SUBJECT_MATTER_BASE}/9` },
  { code: 'culture_leisure', it: 'Cultura e tempo libero', en: 'Culture and leisure', uri: `${SUBJECT_MATTER_BASE}/10` },
  { code: 'environment', it: 'Ambiente', en: 'Environment', uri: `${SUBJECT_MATTER_BASE}/11` },
  { code: 'business_commerce', it: 'Imprese e commercio', en: 'Business and trade', uri: `${SUBJECT_MATTER_BASE}/12` },
  { code: 'authorisations', it: 'Autorizzazioni', en: 'Authorisations', uri: `${SUBJECT_MATTER_BASE}/13` },
  { code: 'public_procurement', it: 'Appalti pubblici', en: 'Public procurement', uri: `${SUBJECT_MATTER_BASE}/14` },
  { code: 'agriculture_fishing', it: 'Agricoltura e pesca', en: 'Agriculture and fishing', uri: `${SUBJECT_MATTER_BASE}/15` },
];

export const lifeEventByCode = new Map(LIFE_EVENTS.map((e) => [e.code, e]));
export const categoryByCode = new Map(CATEGORIES.map((e) => [e.code, e]));
