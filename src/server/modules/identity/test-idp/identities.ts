/**
 * The people who can log in through the bundled test identity provider, and the families they belong to in the
 * demo registries (anagrafe) of Castelrocca and Valdoro.
 *
 * Everyone here is invented. Fiscal codes are computed with the official algorithm from the name, sex, birth
 * date and the real cadastral code of the place of birth, so they pass every check; the e-mail addresses are
 * under example.org. Any resemblance to a real person is accidental.
 */
import { fiscalCode } from '../../../../contracts/fiscal-code.ts';

export type ResidenceSlug = 'comune-di-castelrocca' | 'comune-di-valdoro';
export type FamilyRelation = 'intestatario' | 'coniuge' | 'unito_civilmente' | 'convivente' | 'figlio' | 'genitore' | 'altro';

/** A place of birth: a comune and its cadastral code, or a foreign city and the Z code of its state. */
export interface BirthPlace {
  name: string;
  code: string;
}

/** Places of birth used by the demo people (real cadastral codes). */
export const PLACES = {
  bergamo: { name: 'Bergamo', code: 'A794' },
  milano: { name: 'Milano', code: 'F205' },
  brescia: { name: 'Brescia', code: 'B157' },
  roma: { name: 'Roma', code: 'H501' },
  napoli: { name: 'Napoli', code: 'F839' },
  torino: { name: 'Torino', code: 'L219' },
  lecco: { name: 'Lecco', code: 'E507' },
  palermo: { name: 'Palermo', code: 'G273' },
  bari: { name: 'Bari', code: 'A662' },
  casablanca: { name: 'Casablanca (Marocco)', code: 'Z330' },
  bucarest: { name: 'Bucarest (Romania)', code: 'Z129' },
  tirana: { name: 'Tirana (Albania)', code: 'Z100' },
  kyiv: { name: 'Kyiv (Ucraina)', code: 'Z138' },
  dakar: { name: 'Dakar (Senegal)', code: 'Z343' },
} as const satisfies Record<string, BirthPlace>;

export interface PostalAddress {
  street: string;
  postalCode: string;
  locality: string;
  /** province abbreviation (sigla) */
  province: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
}

/** "Via Roma 1, 24029 Castelrocca (BG)" */
export function formatAddress(a: PostalAddress): string {
  return `${a.street}, ${a.postalCode} ${a.locality} (${a.province})`;
}

export const castelrocca = (street: string): PostalAddress => ({ street, postalCode: '24029', locality: 'Castelrocca', province: 'BG', country: 'IT' });
export const valdoro = (street: string): PostalAddress => ({ street, postalCode: '24017', locality: 'Valdoro', province: 'BG', country: 'IT' });

/** A person as the registry and the identity provider know them. */
export interface DemoPersonData {
  givenName: string;
  familyName: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD */
  birthDate: string;
  /** the comune (or foreign city and state) of birth, as written in the registry */
  birthPlace: string;
  /** its cadastral code, used in the fiscal code */
  birthPlaceCode: string;
  citizenship: string;
  fiscalCode: string;
}

export interface TestIdentity extends DemoPersonData {
  /** short slug, stable: the subject at the provider is derived from it */
  id: string;
  email: string;
  /** E.164 */
  phone: string;
  address: PostalAddress;
  /** one line in Italian, shown on the picker */
  description: string;
  /** the demo comune whose registry lists this person, or null (resident elsewhere) */
  residence: ResidenceSlug | null;
}

/** Builds a person, computing the fiscal code. */
export function person(
  givenName: string,
  familyName: string,
  sex: 'M' | 'F',
  birthDate: string,
  place: BirthPlace,
  citizenship = 'italiana',
): DemoPersonData {
  return {
    givenName,
    familyName,
    sex,
    birthDate,
    birthPlace: place.name,
    birthPlaceCode: place.code,
    citizenship,
    fiscalCode: fiscalCode({ givenName, familyName, sex, birthDate, birthPlaceCode: place.code }),
  };
}

function identity(
  id: string,
  data: DemoPersonData,
  more: { phone: string; address: PostalAddress; description: string; residence: ResidenceSlug | null; email?: string },
): TestIdentity {
  const email = more.email ?? `${id.replace(/-/g, '.')}@example.org`;
  return { id, ...data, email, phone: more.phone, address: more.address, description: more.description, residence: more.residence };
}

const CR: ResidenceSlug = 'comune-di-castelrocca';
const VD: ResidenceSlug = 'comune-di-valdoro';

const HOME = {
  ferrariColombo: castelrocca('Via Giuseppe Garibaldi 28'),
  ricci: castelrocca('Via San Rocco 5'),
  esposito: castelrocca('Vicolo del Forno 2'),
  conti: castelrocca('Via Monte Grappa 11'),
  bonetti: castelrocca('Via Papa Giovanni XXIII 40'),
  rota: valdoro('Via Alessandro Manzoni 21'),
  galli: valdoro('Via Europa 8'),
  elIdrissi: valdoro('Via dei Campi 9'),
  rinaldi: valdoro('Via Giuseppe Verdi 3'),
  villa: valdoro('Via Dante Alighieri 22'),
};

export const TEST_IDENTITIES: TestIdentity[] = [
  identity('giulia-ferrari', person('Giulia', 'Ferrari', 'F', '1984-05-14', PLACES.bergamo), {
    phone: '+393401234501',
    address: HOME.ferrariColombo,
    description: 'Genitore con due figli minori (Sofia e Tommaso)',
    residence: CR,
  }),
  identity('marco-colombo', person('Marco', 'Colombo', 'M', '1981-11-02', PLACES.milano), {
    phone: '+393471234502',
    address: HOME.ferrariColombo,
    description: "Genitore, coniuge di Giulia Ferrari; rappresenta la trattoria di famiglia",
    residence: CR,
  }),
  identity('maria-teresa-rota', person('Maria Teresa', 'Rota', 'F', '1939-10-27', PLACES.bergamo), {
    phone: '+393351234503',
    address: HOME.rota,
    description: 'Pensionata, vive da sola',
    residence: VD,
  }),
  identity('luca-moretti', person('Luca', 'Moretti', 'M', '1976-06-30', PLACES.brescia), {
    phone: '+393281234504',
    address: { street: 'Via Trieste 17', postalCode: '25121', locality: 'Brescia', province: 'BS', country: 'IT' },
    description: 'Architetto, presenta pratiche edilizie per i clienti (residente a Brescia)',
    residence: null,
  }),
  identity('francesca-galli', person('Francesca', 'Galli', 'F', '1979-01-19', PLACES.lecco), {
    phone: '+393391234505',
    address: HOME.galli,
    description: 'Legale rappresentante di Galli Costruzioni S.r.l.',
    residence: VD,
  }),
  identity('alessandro-ricci', person('Alessandro', 'Ricci', 'M', '2004-08-11', PLACES.torino), {
    phone: '+393201234506',
    address: HOME.ricci,
    description: 'Giovane adulto, studente universitario, vive con la madre',
    residence: CR,
  }),
  identity('amina-el-idrissi', person('Amina', 'El Idrissi', 'F', '1988-12-04', PLACES.casablanca, 'marocchina'), {
    phone: '+393661234507',
    address: HOME.elIdrissi,
    description: 'Nata in Marocco, cittadina marocchina, genitore di una bambina',
    residence: VD,
  }),
  identity('paolo-rinaldi', person('Paolo', 'Rinaldi', 'M', '1972-09-18', PLACES.roma), {
    phone: '+393451234508',
    address: HOME.rinaldi,
    description: 'Lavoratore dipendente, proprietario di casa (IMU e TARI)',
    residence: VD,
  }),
  identity('davide-esposito', person('Davide', 'Esposito', 'M', '1990-04-25', PLACES.napoli), {
    phone: '+393311234509',
    address: HOME.esposito,
    description: 'Nuovo residente, trasferito da Napoli, vive da solo',
    residence: CR,
  }),
  identity('elena-conti', person('Elena', 'Conti', 'F', '1995-07-07', PLACES.roma), {
    phone: '+393921234510',
    address: HOME.conti,
    description: 'Residente, convive con il compagno',
    residence: CR,
  }),
  identity('sara-villa', person('Sara', 'Villa', 'F', '1991-02-13', PLACES.lecco), {
    phone: '+393481234511',
    address: HOME.villa,
    description: "Genitore single con una figlia all'asilo nido",
    residence: VD,
  }),
  identity('giuseppe-bonetti', person('Giuseppe', 'Bonetti', 'M', '1944-01-22', PLACES.bergamo), {
    phone: '+393381234512',
    address: HOME.bonetti,
    description: 'Pensionato, vive con la moglie',
    residence: CR,
  }),
];

const byId = new Map(TEST_IDENTITIES.map((i) => [i.id, i]));

/** The identity with this slug, or undefined. */
export function findTestIdentity(id: string): TestIdentity | undefined {
  return byId.get(id);
}

function identityById(id: string): TestIdentity {
  const found = byId.get(id);
  if (!found) throw new Error(`Identità di prova sconosciuta: ${id}`);
  return found;
}

export interface DemoFamilyMember extends DemoPersonData {
  relation: FamilyRelation;
  /** set when this member can log in through the test identity provider */
  identityId?: string;
}

/** A family sheet (scheda di famiglia) of a demo registry. */
export interface DemoFamily {
  id: string;
  tenantSlug: ResidenceSlug;
  address: PostalAddress;
  members: DemoFamilyMember[];
}

const member = (relation: FamilyRelation, identityId: string): DemoFamilyMember => {
  const { id, email: _e, phone: _p, address: _a, description: _d, residence: _r, ...data } = identityById(identityId);
  return { ...data, relation, identityId: id };
};
const other = (relation: FamilyRelation, data: DemoPersonData): DemoFamilyMember => ({ ...data, relation });

/**
 * The families of the test identities resident in a demo comune. Giulia Ferrari and Marco Colombo are the
 * parents of two minors (born 2015 and 2018: minors until 2033 and 2036), who are not identities themselves:
 * the parents act for them.
 */
export const DEMO_FAMILIES: DemoFamily[] = [
  {
    id: 'CR-0001',
    tenantSlug: CR,
    address: HOME.ferrariColombo,
    members: [
      member('intestatario', 'giulia-ferrari'),
      member('coniuge', 'marco-colombo'),
      other('figlio', person('Sofia', 'Colombo', 'F', '2015-09-03', PLACES.bergamo)),
      other('figlio', person('Tommaso', 'Colombo', 'M', '2018-02-20', PLACES.bergamo)),
    ],
  },
  {
    id: 'CR-0002',
    tenantSlug: CR,
    address: HOME.ricci,
    members: [
      other('intestatario', person('Anna', 'Pellegrini', 'F', '1970-03-15', PLACES.bergamo)),
      member('figlio', 'alessandro-ricci'),
    ],
  },
  { id: 'CR-0003', tenantSlug: CR, address: HOME.esposito, members: [member('intestatario', 'davide-esposito')] },
  {
    id: 'CR-0004',
    tenantSlug: CR,
    address: HOME.conti,
    members: [member('intestatario', 'elena-conti'), other('convivente', person('Nicola', 'Testa', 'M', '1993-12-01', PLACES.bergamo))],
  },
  {
    id: 'CR-0005',
    tenantSlug: CR,
    address: HOME.bonetti,
    members: [member('intestatario', 'giuseppe-bonetti'), other('coniuge', person('Rosa', 'Carminati', 'F', '1947-08-03', PLACES.bergamo))],
  },
  { id: 'VD-0001', tenantSlug: VD, address: HOME.rota, members: [member('intestatario', 'maria-teresa-rota')] },
  {
    id: 'VD-0002',
    tenantSlug: VD,
    address: HOME.galli,
    members: [
      member('intestatario', 'francesca-galli'),
      other('coniuge', person('Andrea', 'Sala', 'M', '1977-05-09', PLACES.milano)),
      other('figlio', person('Giacomo', 'Sala', 'M', '2009-10-16', PLACES.bergamo)),
    ],
  },
  {
    id: 'VD-0003',
    tenantSlug: VD,
    address: HOME.elIdrissi,
    members: [
      member('intestatario', 'amina-el-idrissi'),
      other('coniuge', person('Youssef', 'Benali', 'M', '1985-06-20', PLACES.casablanca, 'marocchina')),
      other('figlio', person('Nour', 'Benali', 'F', '2021-04-11', PLACES.bergamo, 'marocchina')),
    ],
  },
  {
    id: 'VD-0004',
    tenantSlug: VD,
    address: HOME.rinaldi,
    members: [member('intestatario', 'paolo-rinaldi'), other('coniuge', person('Carla', 'Gritti', 'F', '1975-02-08', PLACES.bergamo))],
  },
  {
    id: 'VD-0005',
    tenantSlug: VD,
    address: HOME.villa,
    members: [member('intestatario', 'sara-villa'), other('figlio', person('Aurora', 'Villa', 'F', '2023-05-30', PLACES.bergamo))],
  },
];
