/**
 * Demo tenants: two fictional comuni and the social district (Ambito sociale) they belong to.
 *
 * Everything here is invented: the names, addresses, telephone numbers, fiscal codes (11 digits with a valid check
 * digit, so they pass format checks), IPA codes (the cadastral letter X is not used by any real comune) and the
 * .example mail domains. Any resemblance to a real body is accidental.
 */
import type { OpeningHours, TenantInput } from '../../../../contracts/catalog.ts';

const MON_FRI = [1, 2, 3, 4, 5];
const h = (days: number[], opens: string, closes: string, note?: string): OpeningHours =>
  note ? { days, opens, closes, note } : { days, opens, closes };

export const AMBITO_SLUG = 'ambito-sociale-valle-orsa';
export const CASTELROCCA_SLUG = 'comune-di-castelrocca';
export const VALDORO_SLUG = 'comune-di-valdoro';

const CASTELROCCA: TenantInput = {
  slug: CASTELROCCA_SLUG,
  name: 'Comune di Castelrocca',
  type: 'comune',
  fiscalCode: '00432170165',
  ipaCode: 'c_x123',
  aooCode: 'AOO_CR',
  // Casellario codes (invented: ISTAT 0169xx is no real comune of the province, X is no real cadastral letter)
  istatCode: '016901', cadastralCode: 'X123', regionCode: '03',
  parentSlug: AMBITO_SLUG,
  website: 'https://www.castelrocca.example',
  email: 'info@castelrocca.example',
  pec: 'protocollo@pec.castelrocca.example',
  phone: '+39 035 990 1100',
  offices: [
    {
      code: 'urp',
      name: 'URP - Ufficio Relazioni con il Pubblico e Protocollo',
      description:
        'Informazioni sui servizi comunali, ricezione e protocollo di domande e documenti, accesso civico e segnalazioni.',
      address: 'Piazza del Municipio 1',
      postalCode: '24029',
      city: 'Castelrocca',
      province: 'BG',
      email: 'urp@castelrocca.example',
      pec: 'protocollo@pec.castelrocca.example',
      phone: '+39 035 990 1100',
      openingHours: [h(MON_FRI, '08:30', '12:30'), h([1, 4], '14:30', '17:30')],
    },
    {
      code: 'anagrafe',
      name: 'Servizi demografici - Anagrafe, Stato civile ed Elettorale',
      description:
        "Residenza e cambi di indirizzo, carta d'identità elettronica, certificati, nascite, matrimoni, unioni civili, decessi, liste elettorali e albi di scrutatori e presidenti di seggio.",
      address: 'Piazza del Municipio 1 (piano terra)',
      postalCode: '24029',
      city: 'Castelrocca',
      province: 'BG',
      email: 'demografici@castelrocca.example',
      pec: 'demografici@pec.castelrocca.example',
      phone: '+39 035 990 1120',
      openingHours: [
        h(MON_FRI, '08:45', '12:30'),
        h([2], '14:30', '17:30'),
        h([4], '14:30', '18:00', "Solo su appuntamento per la carta d'identità elettronica"),
        h([6], '09:00', '11:30', 'Solo denunce di morte e, nei periodi elettorali, servizio elettorale'),
      ],
    },
    {
      code: 'tributi',
      name: 'Ufficio Tributi',
      description: 'IMU, TARI, canone unico patrimoniale, imposta di soggiorno, rimborsi e rateizzazioni.',
      address: 'Via Giuseppe Garibaldi 12',
      postalCode: '24029',
      city: 'Castelrocca',
      province: 'BG',
      email: 'tributi@castelrocca.example',
      pec: 'protocollo@pec.castelrocca.example',
      phone: '+39 035 990 1140',
      openingHours: [h([1, 3, 5], '09:00', '12:30'), h([2], '14:30', '17:00')],
    },
    {
      // gives the accounting visa (visto di regolarità contabile) on refunds and payments
      code: 'ragioneria',
      name: 'Servizi finanziari - Ragioneria',
      description: 'Bilancio, mandati di pagamento e rimborsi, visti di regolarità contabile, economato.',
      address: 'Piazza del Municipio 1 (secondo piano)',
      postalCode: '24029',
      city: 'Castelrocca',
      province: 'BG',
      email: 'ragioneria@castelrocca.example',
      pec: 'protocollo@pec.castelrocca.example',
      phone: '+39 035 990 1150',
      openingHours: [h([2, 4], '09:00', '12:00')],
    },
    {
      code: 'scuola',
      name: 'Servizi scolastici, Cultura e Sport',
      description:
        'Asilo nido, mensa e trasporto scolastico, centri estivi, cedole librarie e borse di studio; biblioteca, impianti sportivi e patrocini.',
      address: 'Via Giuseppe Garibaldi 12 (primo piano)',
      postalCode: '24029',
      city: 'Castelrocca',
      province: 'BG',
      email: 'scuola@castelrocca.example',
      pec: 'protocollo@pec.castelrocca.example',
      phone: '+39 035 990 1160',
      openingHours: [h(MON_FRI, '09:00', '12:30'), h([3], '14:30', '17:00')],
    },
    {
      code: 'sociali',
      name: 'Servizi sociali e Sportello lavoro',
      description:
        "Sportello comunale per contributi economici, assegno di maternità, pasti e trasporto sociale; accoglienza per i servizi gestiti dall'Ambito sociale e orientamento al lavoro.",
      address: 'Via Santa Chiara 5',
      postalCode: '24029',
      city: 'Castelrocca',
      province: 'BG',
      email: 'servizisociali@castelrocca.example',
      pec: 'protocollo@pec.castelrocca.example',
      phone: '+39 035 990 1180',
      openingHours: [h(MON_FRI, '09:00', '12:00'), h([4], '14:00', '17:00', 'Su appuntamento')],
    },
    {
      code: 'edilizia',
      name: 'Area tecnica - Edilizia privata (SUE), Lavori pubblici e Ambiente',
      description:
        'Titoli edilizi, agibilità, certificati urbanistici, accesso agli atti edilizi, gare e appalti, verde, rifiuti e tutela ambientale.',
      address: 'Via Giuseppe Garibaldi 12 (secondo piano)',
      postalCode: '24029',
      city: 'Castelrocca',
      province: 'BG',
      email: 'tecnico@castelrocca.example',
      pec: 'tecnico@pec.castelrocca.example',
      phone: '+39 035 990 1200',
      openingHours: [h([2, 4], '09:00', '12:30'), h([4], '14:30', '17:30', 'Ricevimento dei tecnici su appuntamento')],
    },
    {
      code: 'suap',
      name: 'SUAP - Sportello unico attività produttive e Commercio',
      description:
        'Avvio, modifica e cessazione di attività economiche, commercio su aree pubbliche, pubblici esercizi, manifestazioni e strutture ricettive.',
      address: 'Piazza del Municipio 1 (primo piano)',
      postalCode: '24029',
      city: 'Castelrocca',
      province: 'BG',
      email: 'suap@castelrocca.example',
      pec: 'suap@pec.castelrocca.example',
      phone: '+39 035 990 1220',
      openingHours: [h([1, 3, 5], '09:00', '12:30')],
    },
    {
      code: 'polizia_locale',
      name: 'Polizia locale',
      description:
        'Viabilità e ZTL, contrassegni per persone con disabilità, passi carrabili, sanzioni al Codice della strada, dichiarazioni di ospitalità.',
      address: 'Via Roma 48',
      postalCode: '24029',
      city: 'Castelrocca',
      province: 'BG',
      email: 'polizialocale@castelrocca.example',
      pec: 'polizialocale@pec.castelrocca.example',
      phone: '+39 035 990 1240',
      openingHours: [h(MON_FRI, '09:00', '12:00'), h([3], '15:00', '17:00'), h([6], '09:00', '11:00')],
    },
  ],
};

const VALDORO: TenantInput = {
  slug: VALDORO_SLUG,
  name: 'Comune di Valdoro',
  type: 'comune',
  fiscalCode: '00872650163',
  ipaCode: 'c_x456',
  aooCode: 'AOO_VD',
  istatCode: '016902', cadastralCode: 'X456', regionCode: '03',
  parentSlug: AMBITO_SLUG,
  website: 'https://www.valdoro.example',
  email: 'info@valdoro.example',
  pec: 'comune@pec.valdoro.example',
  phone: '+39 035 880 2200',
  offices: [
    {
      code: 'anagrafe',
      name: 'Anagrafe e Stato civile',
      description:
        "Residenza, carta d'identità elettronica, certificati, autentiche, nascite, matrimoni, unioni civili, decessi e servizi cimiteriali.",
      address: 'Piazza della Libertà 3',
      postalCode: '24017',
      city: 'Valdoro',
      province: 'BG',
      email: 'anagrafe@valdoro.example',
      pec: 'comune@pec.valdoro.example',
      phone: '+39 035 880 2210',
      openingHours: [
        h(MON_FRI, '09:00', '12:30'),
        h([3], '15:00', '18:00'),
        h([6], '09:00', '11:30', "Carta d'identità elettronica su appuntamento e denunce di morte"),
      ],
    },
    {
      code: 'segreteria',
      name: 'Segreteria, Protocollo ed Elettorale',
      description:
        'Protocollo, accesso civico e accesso agli atti, ufficio elettorale, albi di scrutatori, presidenti di seggio e giudici popolari.',
      address: 'Piazza della Libertà 3',
      postalCode: '24017',
      city: 'Valdoro',
      province: 'BG',
      email: 'segreteria@valdoro.example',
      pec: 'comune@pec.valdoro.example',
      phone: '+39 035 880 2200',
      openingHours: [h(MON_FRI, '09:00', '12:30'), h([3], '15:00', '17:30')],
    },
    {
      code: 'tributi',
      name: 'Tributi ed Economato',
      description: 'IMU, TARI, canone unico patrimoniale, rimborsi e rateizzazioni.',
      address: 'Piazza della Libertà 3 (primo piano)',
      postalCode: '24017',
      city: 'Valdoro',
      province: 'BG',
      email: 'tributi@valdoro.example',
      pec: 'comune@pec.valdoro.example',
      phone: '+39 035 880 2230',
      openingHours: [h([1, 3], '09:00', '12:30'), h([4], '14:30', '17:00')],
    },
    {
      // gives the accounting visa (visto di regolarità contabile) on refunds and payments
      code: 'ragioneria',
      name: 'Ragioneria e Servizi finanziari',
      description: 'Bilancio, mandati di pagamento e rimborsi, visti di regolarità contabile.',
      address: 'Piazza della Libertà 3 (primo piano)',
      postalCode: '24017',
      city: 'Valdoro',
      province: 'BG',
      email: 'ragioneria@valdoro.example',
      pec: 'comune@pec.valdoro.example',
      phone: '+39 035 880 2240',
      openingHours: [h([1, 3], '09:00', '12:00')],
    },
    {
      code: 'istruzione',
      name: 'Istruzione, Cultura e Sport',
      description:
        'Posti convenzionati al nido, mensa e trasporto scolastico, centri estivi, cedole librarie, borse di studio, biblioteca, palestre e associazioni.',
      address: 'Via Dante Alighieri 7',
      postalCode: '24017',
      city: 'Valdoro',
      province: 'BG',
      email: 'istruzione@valdoro.example',
      pec: 'comune@pec.valdoro.example',
      phone: '+39 035 880 2250',
      openingHours: [h(MON_FRI, '09:00', '12:00'), h([2], '14:30', '16:30')],
    },
    {
      code: 'sociali',
      name: 'Sportello sociale comunale',
      description:
        "Contributi economici, assegno di maternità, trasporto sociale e integrazione delle rette; primo accesso ai servizi gestiti dall'Ambito sociale.",
      address: 'Via Dante Alighieri 7 (piano terra)',
      postalCode: '24017',
      city: 'Valdoro',
      province: 'BG',
      email: 'sociale@valdoro.example',
      pec: 'comune@pec.valdoro.example',
      phone: '+39 035 880 2260',
      openingHours: [h([2, 4], '09:00', '12:00'), h([1], '14:00', '16:00', 'Su appuntamento')],
    },
    {
      code: 'tecnico',
      name: 'Ufficio tecnico - Edilizia privata e Lavori pubblici',
      description: 'Titoli edilizi, agibilità, certificati urbanistici, accesso agli atti edilizi, gare e appalti.',
      address: 'Piazza della Libertà 3 (secondo piano)',
      postalCode: '24017',
      city: 'Valdoro',
      province: 'BG',
      email: 'tecnico@valdoro.example',
      pec: 'tecnico@pec.valdoro.example',
      phone: '+39 035 880 2270',
      openingHours: [h([2, 5], '09:00', '12:30'), h([4], '15:00', '17:30', 'Su appuntamento')],
    },
    {
      code: 'ambiente',
      name: 'Ambiente ed Ecologia',
      description: 'Raccolta rifiuti e ingombranti, compostaggio, verde privato, scarichi, anagrafe canina.',
      address: 'Via del Lavoro 2',
      postalCode: '24017',
      city: 'Valdoro',
      province: 'BG',
      email: 'ambiente@valdoro.example',
      pec: 'comune@pec.valdoro.example',
      phone: '+39 035 880 2280',
      openingHours: [h([1, 3, 5], '09:00', '12:00')],
    },
    {
      code: 'polizia_locale',
      name: 'Polizia locale e Attività produttive (SUAP)',
      description:
        'Viabilità, contrassegni, passi carrabili, sanzioni, ospitalità di stranieri; sportello unico per le attività produttive e commercio.',
      address: 'Via Guglielmo Marconi 15',
      postalCode: '24017',
      city: 'Valdoro',
      province: 'BG',
      email: 'polizialocale@valdoro.example',
      pec: 'polizialocale@pec.valdoro.example',
      phone: '+39 035 880 2290',
      openingHours: [h([1, 2, 3, 4, 5, 6], '09:00', '12:00'), h([4], '15:00', '17:00')],
    },
  ],
};

const AMBITO: TenantInput = {
  slug: AMBITO_SLUG,
  name: "Ambito Sociale Valle dell'Orsa",
  type: 'social_district',
  fiscalCode: '95034120162',
  ipaCode: 'ats_vorsa',
  aooCode: 'AOO_ATS',
  // the district's seat is in Castelrocca (the Casellario's Ente/Indirizzo is a cadastral code)
  cadastralCode: 'X123', regionCode: '03',
  website: 'https://www.ambitovalleorsa.example',
  email: 'info@ambitovalleorsa.example',
  pec: 'ambito@pec.ambitovalleorsa.example',
  phone: '+39 035 990 3300',
  offices: [
    {
      code: 'ufficio_piano',
      name: 'Ufficio di Piano',
      description:
        "Programmazione del Piano di zona, bandi e misure economiche d'Ambito (sostegno all'affitto, non autosufficienza), servizi abitativi pubblici.",
      address: 'Via Santa Chiara 5',
      postalCode: '24029',
      city: 'Castelrocca',
      province: 'BG',
      email: 'ufficiodipiano@ambitovalleorsa.example',
      pec: 'ambito@pec.ambitovalleorsa.example',
      phone: '+39 035 990 3300',
      openingHours: [h(MON_FRI, '09:00', '13:00'), h([2], '14:00', '16:30')],
    },
    {
      code: 'sportello_sociale',
      name: "Segretariato sociale - Sportello sociale d'Ambito",
      description:
        "Primo ascolto, informazione e orientamento sui servizi sociali; colloqui con l'assistente sociale. Sportello decentrato a Valdoro, in Via Dante Alighieri 7, il giovedì mattina.",
      address: 'Via Santa Chiara 5',
      postalCode: '24029',
      city: 'Castelrocca',
      province: 'BG',
      email: 'segretariato@ambitovalleorsa.example',
      pec: 'ambito@pec.ambitovalleorsa.example',
      phone: '+39 035 990 3310',
      openingHours: [h(MON_FRI, '09:00', '12:30'), h([2], '14:00', '17:00'), h([4], '09:00', '12:00', 'Sportello di Valdoro, Via Dante Alighieri 7')],
    },
    {
      code: 'servizi_domiciliari',
      name: 'Servizi domiciliari e per la fragilità',
      description: 'Assistenza domiciliare, telesoccorso, inserimento lavorativo delle persone fragili, assegno di inclusione.',
      address: 'Via Santa Chiara 5',
      postalCode: '24029',
      city: 'Castelrocca',
      province: 'BG',
      email: 'domiciliari@ambitovalleorsa.example',
      pec: 'ambito@pec.ambitovalleorsa.example',
      phone: '+39 035 990 3320',
      openingHours: [h(MON_FRI, '08:30', '12:30')],
    },
    {
      code: 'tutela_minori',
      name: 'Servizio Tutela minori e Famiglia',
      description: 'Sostegno alla genitorialità, affido familiare, interventi educativi per minori.',
      address: 'Via Alessandro Manzoni 3',
      postalCode: '24017',
      city: 'Valdoro',
      province: 'BG',
      email: 'tutelaminori@ambitovalleorsa.example',
      pec: 'ambito@pec.ambitovalleorsa.example',
      phone: '+39 035 880 3330',
      openingHours: [h([1, 3, 5], '09:00', '12:30', 'Su appuntamento')],
    },
  ],
};

/** Parent first, so that a seed can insert in order and resolve parentSlug. */
export const DEMO_TENANTS: TenantInput[] = [AMBITO, CASTELROCCA, VALDORO];

// ------------------------------------------------------------------------------------------------
/**
 * The Ambito's other three comuni: small mountain comuni whose social services the Ambito runs under associated
 * management. They have one office (the local social desk) and no services of their own in the catalogue; they
 * are not in DEMO_TENANTS (which holds the bodies with a catalogue and an administrator). Invented like the rest.
 */
const districtComune = (slug: string, town: string, fiscalCode: string, code: string, istatCode: string, postalCode: string, phone: string,
  address: string, openingHours: OpeningHours[]): TenantInput => {
  const domain = `${town.toLowerCase()}.example`;
  return {
    slug, name: `Comune di ${town}`, type: 'comune', fiscalCode, ipaCode: `c_${code.toLowerCase()}`, aooCode: `AOO_${town.slice(0, 3).toUpperCase()}`,
    istatCode, cadastralCode: code, regionCode: '03', parentSlug: AMBITO_SLUG,
    website: `https://www.${domain}`, email: `info@${domain}`, pec: `protocollo@pec.${domain}`, phone,
    offices: [{
      code: 'sociali', name: 'Servizi sociali',
      description: "Sportello comunale dei servizi sociali: primo ascolto e accesso ai servizi gestiti dall'Ambito sociale Valle dell'Orsa.",
      address, postalCode, city: town, province: 'BG', email: `sociale@${domain}`, pec: `protocollo@pec.${domain}`, phone, openingHours,
    }],
  };
};
export const ROCCAFONDA_SLUG = 'comune-di-roccafonda';
export const PRADALTO_SLUG = 'comune-di-pradalto';
export const SORGIVA_SLUG = 'comune-di-sorgiva';
export const DISTRICT_COMUNI: TenantInput[] = [
  districtComune(ROCCAFONDA_SLUG, 'Roccafonda', '00518340161', 'X231', '016903', '24031', '+39 035 770 4100', 'Piazza San Rocco 2',
    [h([1, 3], '09:00', '12:00'), h([4], '14:30', '16:30', 'Su appuntamento')]),
  districtComune(PRADALTO_SLUG, 'Pradalto', '00629570169', 'X342', '016904', '24033', '+39 035 660 5200', 'Via Roma 14',
    [h([2, 5], '09:00', '12:00')]),
  districtComune(SORGIVA_SLUG, 'Sorgiva', '00384610168', 'X567', '016905', '24036', '+39 035 550 6300', 'Piazza della Fonte 1',
    [h([3], '09:00', '12:30', "Presente l'assistente sociale dell'Ambito")]),
];

/** One tenant administrator per tenant (demo only: the password is public). */
export const DEMO_ADMINS: { tenantSlug: string; email: string; name: string; password: string }[] = [
  { tenantSlug: AMBITO_SLUG, email: 'admin@ambitovalleorsa.example', name: 'Elena Carminati', password: 'Sportello2026!' },
  { tenantSlug: CASTELROCCA_SLUG, email: 'admin@castelrocca.example', name: 'Marta Locatelli', password: 'Sportello2026!' },
  { tenantSlug: VALDORO_SLUG, email: 'admin@valdoro.example', name: 'Paolo Rota', password: 'Sportello2026!' },
];
