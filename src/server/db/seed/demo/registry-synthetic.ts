/**
 * Synthetic residents for the demo registers (about 2,000 in Castelrocca and 1,500 in Valdoro), and the same
 * generator as a CSV export for trying `sportello import registry` (`sportello seed --registry N --tenant SLUG`).
 *
 * Deterministic: a seeded generator (mulberry32) and the day the register is made ("as of") give the same people
 * every time. Households follow the shapes of a small Lombard comune: people living alone (young, middle-aged, and
 * many elderly widows), couples, couples with children (babies included), some with an elderly parent, single
 * parents, unmarried partners, civil unions; about one household in nine is foreign (Romanian, Moroccan, Albanian,
 * Indian, Ukrainian, Senegalese, Pakistani, Peruvian, Chinese, Egyptian), with the children born in Italy after the
 * family arrived. Wives keep their own surname, as the Italian register records it. Fiscal codes are computed with
 * the official algorithm from real cadastral codes; identity cards (electronic, CA12345AB) have the validity the law
 * gives by age (3, 5 or 10 years, to the holder's birthday), spread over the next ten years, a few already expired.
 *
 * Everyone is invented. Nobody here shares a fiscal code or a full name with the people of demo/people.ts (the
 * families of the test identities), which other tests look up by name.
 */
import { fiscalCode } from '../../../../contracts/fiscal-code.ts';
import type { CivilStatusValue, RegistryRecord, RelationValue } from '../../../modules/registry/registry-import.rows.ts';
import { Rng } from '../../../platform/random.ts';

// ---- places ----------------------------------------------------------------------------------------------------

interface Place { name: string; code: string }
/** Places of birth in Italy, weighted: most residents were born in the province's hospital. */
const ITALIAN_PLACES: [Place, number][] = [
  [{ name: 'Bergamo', code: 'A794' }, 70], [{ name: 'Milano', code: 'F205' }, 7], [{ name: 'Brescia', code: 'B157' }, 4],
  [{ name: 'Lecco', code: 'E507' }, 3], [{ name: 'Como', code: 'C933' }, 2], [{ name: 'Cremona', code: 'D150' }, 1],
  [{ name: 'Monza', code: 'F704' }, 1], [{ name: 'Roma', code: 'H501' }, 1], [{ name: 'Torino', code: 'L219' }, 1],
  [{ name: 'Napoli', code: 'F839' }, 2], [{ name: 'Palermo', code: 'G273' }, 1], [{ name: 'Bari', code: 'A662' }, 1],
  [{ name: 'Foggia', code: 'D643' }, 1], [{ name: 'Catania', code: 'C351' }, 1], [{ name: 'Salerno', code: 'H703' }, 1],
  [{ name: 'Reggio Calabria', code: 'H224' }, 1], [{ name: 'Lecce', code: 'E506' }, 1], [{ name: 'Venezia', code: 'L736' }, 0.5],
  [{ name: 'Verona', code: 'L781' }, 0.5], [{ name: 'Genova', code: 'D969' }, 0.5], [{ name: 'Bologna', code: 'A944' }, 0.5],
];
const BERGAMO: Place = ITALIAN_PLACES[0]![0];

interface Nationality {
  citizenship: string;
  /** the state's code in fiscal codes (Z…) and its Italian name */
  code: string;
  state: string;
  cities: string[];
  male: string[];
  female: string[];
  surnames: string[];
  weight: number;
}

const NATIONALITIES: Nationality[] = [
  { citizenship: 'romena', code: 'Z129', state: 'Romania', cities: ['Bucarest', 'Iași', 'Cluj-Napoca', 'Bacău', 'Suceava'], weight: 22,
    male: ['Ionuț', 'Andrei', 'Mihai', 'Florin', 'Alexandru', 'Gabriel', 'Cristian', 'Vasile'], female: ['Elena', 'Ioana', 'Andreea', 'Mihaela', 'Alina', 'Gabriela', 'Daniela', 'Roxana'],
    surnames: ['Popescu', 'Ionescu', 'Popa', 'Radu', 'Dumitru', 'Stan', 'Stoica', 'Munteanu', 'Lungu'] },
  { citizenship: 'marocchina', code: 'Z330', state: 'Marocco', cities: ['Casablanca', 'Khouribga', 'Beni Mellal', 'Marrakech', 'Fès'], weight: 17,
    male: ['Mohamed', 'Youssef', 'Rachid', 'Hassan', 'Karim', 'Omar', 'Abdellah', 'Mustapha'], female: ['Fatima', 'Khadija', 'Naima', 'Samira', 'Malika', 'Salma', 'Hanane', 'Zineb'],
    surnames: ['El Amrani', 'Bouazza', 'Chraibi', 'Ouali', 'Tahiri', 'Berrada', 'El Fassi', 'Lahlou'] },
  { citizenship: 'albanese', code: 'Z100', state: 'Albania', cities: ['Tirana', 'Durazzo', 'Scutari', 'Elbasan', 'Valona'], weight: 14,
    male: ['Ilir', 'Gentian', 'Altin', 'Erion', 'Besnik', 'Fatmir', 'Kledi'], female: ['Elona', 'Anisa', 'Ermira', 'Jonida', 'Valbona', 'Brunilda', 'Klodiana'],
    surnames: ['Shehu', 'Gjoka', 'Leka', 'Marku', 'Dervishi', 'Kola', 'Meta', 'Basha'] },
  { citizenship: 'indiana', code: 'Z222', state: 'India', cities: ['Amritsar', 'Jalandhar', 'Ludhiana', 'Patiala'], weight: 9,
    male: ['Gurpreet', 'Manpreet', 'Jaswinder', 'Sandeep', 'Harjit', 'Rajinder'], female: ['Simranjeet', 'Kulwinder', 'Navdeep', 'Amandeep', 'Harpreet', 'Jasleen'],
    surnames: ['Singh', 'Kaur', 'Gill', 'Sandhu', 'Dhillon', 'Sidhu'] },
  { citizenship: 'ucraina', code: 'Z138', state: 'Ucraina', cities: ['Leopoli', 'Ivano-Frankivsk', 'Ternopil', 'Černivci', 'Kyiv'], weight: 8,
    male: ['Oleksandr', 'Andriy', 'Serhiy', 'Taras', 'Dmytro', 'Vasyl'], female: ['Oksana', 'Iryna', 'Nataliya', 'Halyna', 'Svitlana', 'Mariya'],
    surnames: ['Shevchenko', 'Bondarenko', 'Melnyk', 'Tkachenko', 'Kravchenko', 'Boyko', 'Lysenko'] },
  { citizenship: 'senegalese', code: 'Z343', state: 'Senegal', cities: ['Dakar', 'Thiès', 'Touba', 'Louga'], weight: 8,
    male: ['Ibrahima', 'Cheikh', 'Moussa', 'Abdoulaye', 'Ousmane', 'Modou', 'Babacar'], female: ['Fatou', 'Aminata', 'Awa', 'Mariama', 'Khady', 'Coumba', 'Ndeye'],
    surnames: ['Diop', 'Fall', 'Sow', 'Sarr', 'Gueye', 'Diallo', 'Ba', 'Mbaye'] },
  { citizenship: 'pakistana', code: 'Z236', state: 'Pakistan', cities: ['Gujrat', 'Lahore', 'Sialkot', 'Jhelum'], weight: 6,
    male: ['Muhammad', 'Imran', 'Asif', 'Bilal', 'Usman', 'Tariq'], female: ['Ayesha', 'Sana', 'Nadia', 'Saima', 'Rabia', 'Shazia'],
    surnames: ['Khan', 'Ahmed', 'Hussain', 'Iqbal', 'Butt', 'Akhtar', 'Raza'] },
  { citizenship: 'peruviana', code: 'Z611', state: 'Perù', cities: ['Lima', 'Arequipa', 'Trujillo', 'Chiclayo'], weight: 6,
    male: ['José', 'Luis', 'Carlos', 'Jorge', 'Juan', 'Miguel'], female: ['Rosa', 'Carmen', 'Milagros', 'Ana', 'Gladys', 'Maribel'],
    surnames: ['Quispe', 'Flores', 'Huamán', 'Rojas', 'Mendoza', 'García', 'Chávez'] },
  { citizenship: 'cinese', code: 'Z210', state: 'Cina', cities: ['Wenzhou', 'Qingtian', 'Fuqing'], weight: 5,
    male: ['Wei', 'Jian', 'Hao', 'Ming', 'Jun', 'Lei'], female: ['Mei', 'Xiaoyan', 'Ying', 'Fang', 'Li', 'Hui'],
    surnames: ['Hu', 'Chen', 'Zhou', 'Wang', 'Zhang', 'Lin', 'Ye'] },
  { citizenship: 'egiziana', code: 'Z336', state: 'Egitto', cities: ['Il Cairo', 'Alessandria', 'Mansura', 'Fayyum'], weight: 5,
    male: ['Ahmed', 'Mahmoud', 'Mostafa', 'Tarek', 'Sameh', 'Karim'], female: ['Mona', 'Heba', 'Rania', 'Dina', 'Nermin', 'Yasmin'],
    surnames: ['Abdelrahman', 'Hassan', 'Mahmoud', 'Ibrahim', 'Farouk', 'Saleh'] },
];

// ---- Italian names by generation -----------------------------------------------------------------------------------

const ITALIAN_NAMES: { until: number; male: string[]; female: string[] }[] = [
  { until: 1950, male: ['Giuseppe', 'Giovanni', 'Antonio', 'Mario', 'Luigi', 'Francesco', 'Angelo', 'Pietro', 'Battista', 'Bruno', 'Aldo', 'Renato', 'Carlo', 'Emilio'],
    female: ['Maria', 'Anna', 'Giuseppina', 'Rosa', 'Angela', 'Lucia', 'Teresa', 'Carla', 'Franca', 'Luigia', 'Caterina', 'Pierina', 'Bruna', 'Adele'] },
  { until: 1975, male: ['Roberto', 'Claudio', 'Paolo', 'Maurizio', 'Massimo', 'Stefano', 'Giorgio', 'Fabrizio', 'Alberto', 'Enrico', 'Sergio', 'Walter', 'Gianluca', 'Pierluigi'],
    female: ['Patrizia', 'Daniela', 'Laura', 'Paola', 'Cristina', 'Monica', 'Barbara', 'Gabriella', 'Antonella', 'Nadia', 'Marina', 'Luisa', 'Roberta', 'Emanuela'] },
  { until: 2000, male: ['Andrea', 'Luca', 'Marco', 'Matteo', 'Davide', 'Simone', 'Alessandro', 'Fabio', 'Daniele', 'Michele', 'Mattia', 'Nicola', 'Riccardo', 'Federico'],
    female: ['Francesca', 'Chiara', 'Sara', 'Valentina', 'Elisa', 'Silvia', 'Giulia', 'Federica', 'Martina', 'Alessandra', 'Elena', 'Serena', 'Veronica', 'Ilaria'] },
  { until: 9999, male: ['Leonardo', 'Francesco', 'Lorenzo', 'Tommaso', 'Gabriele', 'Edoardo', 'Filippo', 'Pietro', 'Diego', 'Samuele', 'Giacomo', 'Nicolò', 'Riccardo', 'Mattia'],
    female: ['Sofia', 'Aurora', 'Ginevra', 'Alice', 'Beatrice', 'Emma', 'Giorgia', 'Vittoria', 'Matilde', 'Greta', 'Anna', 'Ludovica', 'Camilla', 'Chiara'] },
];
const ITALIAN_SURNAMES = [
  'Rota', 'Locatelli', 'Pesenti', 'Gotti', 'Mazzoleni', 'Cortesi', 'Carminati', 'Ghilardi', 'Bonomi', 'Belotti', 'Brambilla', 'Ravasio',
  'Arnoldi', 'Milesi', 'Bonacina', 'Cattaneo', 'Crippa', 'Previtali', 'Sangalli', 'Zanchi', 'Vitali', 'Gamba', 'Moretti', 'Ruggeri',
  'Salvi', 'Bertuletti', 'Agazzi', 'Lazzaroni', 'Capelli', 'Bonetti', 'Gritti', 'Tiraboschi', 'Pagnoncelli', 'Suardi', 'Epis', 'Facchinetti',
  'Manzoni', 'Donadoni', 'Frigeni', 'Signori', 'Rovaris', 'Marchesi', 'Pedrini', 'Invernizzi', 'Nava', 'Magri', 'Lorenzi', 'Valsecchi',
  'Perego', 'Mauri', 'Rossi', 'Bianchi', 'Ferrari', 'Colombo', 'Villa', 'Sala', 'Riva', 'Fontana', 'Barbieri', 'Lombardi', 'Galli',
  'Conti', 'Esposito', 'Russo', 'Romano', 'Greco', 'Bruno', 'Gallo', 'De Luca', 'Costa', 'Giordano', 'Mancini', 'Marino', 'Caruso',
  "D'Angelo", 'Santoro', 'Leone', 'Longo', 'Gentile', 'Martini', 'Ferri', 'Testa', 'Carrara', 'Morosini', 'Quarenghi', 'Bettoni',
];

// ---- dates -------------------------------------------------------------------------------------------------------

const DAY = 86_400_000;
const toDays = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
const fromDays = (days: number) => new Date(days * DAY).toISOString().slice(0, 10);
const addYears = (iso: string, years: number) => {
  const d = new Date(Date.UTC(Number(iso.slice(0, 4)) + years, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
  return d.toISOString().slice(0, 10);
};
/** The holder's birthday on or after a date (a card expires on it). */
function birthdayOnOrAfter(birthDate: string, date: string): string {
  const year = Number(date.slice(0, 4));
  const at = (y: number) => new Date(Date.UTC(y, Number(birthDate.slice(5, 7)) - 1, Number(birthDate.slice(8, 10)))).toISOString().slice(0, 10);
  return at(year) >= date ? at(year) : at(year + 1);
}
const ageOn = (birthDate: string, on: string) => {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) >= birthDate.slice(5) ? years : years - 1;
};

// ---- the generator -------------------------------------------------------------------------------------------------

export interface RegisterAddress {
  streets: readonly string[];
  postalCode: string;
  locality: string;
  province: string;
}

export interface SyntheticRegisterOptions {
  /** how many people (whole households: the last one is chosen to fit) */
  people: number;
  seed: number;
  /** the day the register describes, 'YYYY-MM-DD' (ages, residence and card expiry are counted from it) */
  asOf: string;
  /** family sheets are numbered PREFIX-1001, PREFIX-1002… */
  familyPrefix: string;
  firstFamily?: number;
  address: RegisterAddress;
  /** people already in some register: their fiscal codes and full names ("Giulia Ferrari") are not reused */
  avoid?: { fiscalCodes: Iterable<string>; names: Iterable<string> };
}

interface Draft {
  givenName: string;
  familyName: string;
  sex: 'M' | 'F';
  birthDate: string;
  place: Place;
  citizenship: string;
  relation: RelationValue;
  civil: CivilStatusValue;
  /** when they came to live in the comune (or null: since birth) */
  since: string | null;
}

type HouseholdKind =
  | 'single_young' | 'single_mid' | 'single_old' | 'couple_young' | 'couple_mid' | 'couple_old'
  | 'family' | 'family_grandparent' | 'single_parent' | 'partners' | 'civil_union';

/** Household shapes and how often each occurs (share of households). */
const KINDS: [HouseholdKind, number][] = [
  ['single_young', 9], ['single_mid', 8], ['single_old', 14], ['couple_young', 5], ['couple_mid', 8], ['couple_old', 17],
  ['family', 25], ['family_grandparent', 3], ['single_parent', 7], ['partners', 4], ['civil_union', 1],
];
const FOREIGN_KINDS = new Set<HouseholdKind>(['single_young', 'single_mid', 'couple_young', 'family', 'single_parent', 'partners']);

function weighted<T>(rng: Rng, items: readonly [T, number][]): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let r = rng.next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** The synthetic register: people in households, in family-sheet order (head first). */
export function syntheticRegister(opts: SyntheticRegisterOptions): RegistryRecord[] {
  const rng = new Rng(opts.seed);
  const { asOf } = opts;
  const usedCodes = new Set(opts.avoid?.fiscalCodes ?? []);
  const avoidNames = new Set([...(opts.avoid?.names ?? [])].map((n) => n.toLowerCase()));
  const usedCards = new Set<string>();
  const out: RegistryRecord[] = [];
  let family = opts.firstFamily ?? 1001;

  const birthDateAt = (age: number) => fromDays(toDays(asOf) - Math.floor(age * 365.25) - rng.int(0, 364));
  const italianName = (sex: 'M' | 'F', birthDate: string) => {
    const year = Number(birthDate.slice(0, 4));
    const generation = ITALIAN_NAMES.find((g) => year <= g.until)!;
    return rng.pick(sex === 'M' ? generation.male : generation.female);
  };
  const clampPast = (iso: string) => (iso > asOf ? asOf : iso);

  while (out.length < opts.people) {
    const left = opts.people - out.length;
    const foreign: Nationality | null = rng.chance(0.11) ? weighted(rng, NATIONALITIES.map((n) => [n, n.weight] as [Nationality, number])) : null;
    let kind = weighted(rng, KINDS);
    if (foreign && !FOREIGN_KINDS.has(kind)) kind = rng.pick(['family', 'couple_young', 'single_young'] as const);
    if (left === 1) kind = rng.pick(['single_young', 'single_mid', 'single_old'] as const);
    else if (left <= 3 && !kind.startsWith('single_') && !kind.startsWith('couple')) kind = 'couple_mid';

    const surname = () => (foreign ? rng.pick(foreign.surnames) : rng.pick(ITALIAN_SURNAMES));
    const adultPlace = (): Place => (foreign ? { name: `${rng.pick(foreign.cities)} (${foreign.state})`, code: foreign.code } : weighted(rng, ITALIAN_PLACES));
    const naturalised = foreign !== null && rng.chance(0.1);
    const citizenship = foreign && !naturalised ? foreign.citizenship : 'italiana';
    // when the household came to live here: foreign families recently, Italian ones any time in the last fifty years
    const arrival = foreign ? fromDays(toDays(asOf) - rng.int(60, 24 * 365)) : fromDays(toDays(asOf) - rng.int(60, 50 * 365));

    const adult = (sex: 'M' | 'F', age: number, relation: RelationValue, civil: CivilStatusValue, familyName = surname()): Draft => {
      const birthDate = birthDateAt(age);
      const givenName = foreign ? rng.pick(sex === 'M' ? foreign.male : foreign.female) : italianName(sex, birthDate);
      const place = adultPlace();
      // Italians born in the province mostly have lived here all their life
      const native = !foreign && place === BERGAMO && rng.chance(0.45);
      // someone born elsewhere came after birth: with the household, or as a child with their parents
      const cameAsChild = addYears(birthDate, rng.int(1, Math.max(1, Math.min(age, 25))));
      const since = native
        ? (relation === 'coniuge' || relation === 'unito_civilmente' ? clampPast(addYears(birthDate, rng.int(24, 34))) : null)
        : clampPast(arrival > addYears(birthDate, 1) ? arrival : cameAsChild);
      return { givenName, familyName, sex, birthDate, place, citizenship, relation, civil, since };
    };
    const child = (parentsArrival: string, age: number, familyName: string): Draft => {
      const sex = rng.chance(0.51) ? 'M' : 'F';
      const birthDate = birthDateAt(age);
      // born after the family came: in the province's hospital, and registered here from birth
      const bornHere = birthDate >= parentsArrival;
      const place = bornHere ? BERGAMO : adultPlace();
      const givenName = foreign && (!bornHere || rng.chance(0.5)) ? rng.pick(sex === 'M' ? foreign.male : foreign.female) : italianName(sex, birthDate);
      return { givenName, familyName, sex, birthDate, place, citizenship, relation: 'figlio', civil: 'celibe_nubile', since: bornHere ? null : parentsArrival };
    };
    const widowed = (sex: 'M' | 'F'): CivilStatusValue => (rng.chance(sex === 'F' ? 0.75 : 0.55) ? 'vedovo' : rng.pick(['celibe_nubile', 'divorziato', 'separato'] as const));

    const members: Draft[] = [];
    const couple = (ageLow: number, ageHigh: number, relation: 'coniuge' | 'convivente' | 'unito_civilmente', olderMoreOften = false) => {
      // parents: more of them in their forties and fifties than with a newborn
      const womanAge = olderMoreOften ? Math.max(rng.int(ageLow, ageHigh), rng.int(ageLow, ageHigh)) : rng.int(ageLow, ageHigh);
      const manAge = Math.max(ageLow, womanAge + rng.int(-2, 6));
      const civil: CivilStatusValue = relation === 'coniuge' ? 'coniugato' : relation === 'unito_civilmente' ? 'unito_civilmente' : rng.chance(0.8) ? 'celibe_nubile' : 'divorziato';
      const man = adult('M', manAge, 'intestatario', civil);
      const woman = adult('F', womanAge, relation, civil === 'divorziato' ? rng.pick(['celibe_nubile', 'divorziato'] as const) : civil);
      // the man heads the sheet in most, not all, couples
      if (rng.chance(0.35)) [man.relation, woman.relation] = [woman.relation, man.relation];
      const head = man.relation === 'intestatario' ? man : woman;
      const partner = head === man ? woman : man;
      // a couple shares the date they moved in together
      partner.since = head.since && head.since > partner.birthDate ? head.since : partner.since;
      members.push(head, partner);
      return { man, woman };
    };
    const children = (mother: Draft, fatherSurname: string, max: number) => {
      const motherAge = ageOn(mother.birthDate, asOf);
      const count = Math.min(max, weighted(rng, [[1, 42], [2, 45], [3, 13]] as [number, number][]));
      // first child at 26 to 40 (31 or 32 most often), the next ones one to six years apart
      let age = motherAge - Math.min(motherAge, Math.round((rng.int(26, 40) + rng.int(26, 38)) / 2));
      const arrivalOf = mother.since ?? mother.birthDate;
      for (let i = 0; i < count && age >= 0; i++) {
        members.push(child(arrivalOf, age, fatherSurname));
        age -= rng.int(1, 6);
      }
    };

    switch (kind) {
      case 'single_young': members.push(adult(rng.chance(0.5) ? 'M' : 'F', rng.int(21, 39), 'intestatario', rng.chance(0.92) ? 'celibe_nubile' : 'separato')); break;
      case 'single_mid': {
        const sex = rng.chance(0.5) ? 'M' : 'F';
        members.push(adult(sex, rng.int(40, 69), 'intestatario', weighted(rng, [['celibe_nubile', 35], ['divorziato', 30], ['separato', 20], ['vedovo', 15]] as [CivilStatusValue, number][])));
        break;
      }
      case 'single_old': {
        const sex = rng.chance(0.72) ? 'F' : 'M';
        members.push(adult(sex, Math.min(101, rng.int(64, 84) + rng.int(0, 12)), 'intestatario', widowed(sex)));
        break;
      }
      case 'couple_young': couple(24, 38, 'coniuge'); break;
      case 'couple_mid': couple(48, 68, 'coniuge'); break;
      case 'couple_old': couple(66, 90, 'coniuge'); break;
      case 'civil_union': {
        const sex = rng.chance(0.5) ? 'M' : 'F';
        const age = rng.int(28, 62);
        members.push(adult(sex, age, 'intestatario', 'unito_civilmente'), adult(sex, Math.max(25, age + rng.int(-6, 6)), 'unito_civilmente', 'unito_civilmente'));
        members[1]!.since = members[0]!.since ?? members[1]!.since;
        break;
      }
      case 'family':
      case 'family_grandparent':
      case 'partners': {
        const { man, woman } = couple(29, 60, kind === 'partners' ? 'convivente' : 'coniuge', true);
        if (kind !== 'partners' || rng.chance(0.6)) children(woman, man.familyName, Math.max(0, left - 2 - (kind === 'family_grandparent' ? 1 : 0)));
        if (kind === 'family_grandparent' && left - members.length >= 1) {
          const head = members[0]!;
          const sex = rng.chance(0.7) ? 'F' : 'M';
          const age = Math.min(99, ageOn(head.birthDate, asOf) + rng.int(24, 36));
          const parent = adult(sex, age, 'genitore', 'vedovo', sex === 'M' ? head.familyName : surname());
          parent.since = clampPast(fromDays(toDays(asOf) - rng.int(30, 10 * 365)));
          members.push(parent);
        }
        break;
      }
      case 'single_parent': {
        const sex = rng.chance(0.8) ? 'F' : 'M';
        const parent = adult(sex, Math.max(rng.int(27, 56), rng.int(27, 56)), 'intestatario', weighted(rng, [['separato', 35], ['divorziato', 30], ['celibe_nubile', 25], ['vedovo', 10]] as [CivilStatusValue, number][]));
        members.push(parent);
        if (sex === 'F') children(parent, rng.chance(0.7) ? surname() : parent.familyName, Math.min(2, left - 1));
        else {
          const age = ageOn(parent.birthDate, asOf) - rng.int(25, 40);
          if (age >= 0) members.push(child(parent.since ?? parent.birthDate, age, parent.familyName));
        }
        break;
      }
    }

    const familyId = `${opts.familyPrefix}-${String(family++).padStart(4, '0')}`;
    const street = `${rng.pick(opts.address.streets)} ${rng.int(1, 140)}${rng.chance(0.08) ? `/${rng.pick(['A', 'B', 'C'])}` : ''}`;
    const address = `${street}, ${opts.address.postalCode} ${opts.address.locality} (${opts.address.province})`;
    for (const m of members.slice(0, left)) {
      // a full name or a fiscal code already taken: another first name, or a day earlier
      let code = '';
      for (let attempt = 0; attempt < 30 && !code; attempt++) {
        if (attempt % 2 === 1) m.givenName = foreign ? rng.pick(m.sex === 'M' ? foreign.male : foreign.female) : italianName(m.sex, m.birthDate);
        else if (attempt > 0) m.birthDate = fromDays(toDays(m.birthDate) - 1);
        if (avoidNames.has(`${m.givenName} ${m.familyName}`.toLowerCase())) continue;
        const candidate = fiscalCode({ givenName: m.givenName, familyName: m.familyName, sex: m.sex, birthDate: m.birthDate, birthPlaceCode: m.place.code });
        if (!usedCodes.has(candidate)) code = candidate;
      }
      if (!code) continue;
      usedCodes.add(code);
      const card = identityCard(rng, m.birthDate, asOf, usedCards);
      out.push({
        fiscalCode: code, familyName: m.familyName, givenName: m.givenName, sex: m.sex, birthDate: m.birthDate, birthPlace: m.place.name,
        citizenship: m.citizenship, civilStatus: ageOn(m.birthDate, asOf) < 18 ? 'celibe_nubile' : m.civil, address,
        residenceSince: m.since && m.since > m.birthDate ? m.since : m.birthDate, familyId, familyRelation: m.relation,
        idCardNumber: card?.number ?? null, idCardExpiresOn: card?.expiresOn ?? null,
      });
    }
  }
  return out;
}

/**
 * The electronic identity card the comune recorded, if any: most adults have one, fewer children. Valid 3 years
 * under 3, 5 years under 18, 10 years from 18, to the holder's birthday; about one in sixteen has expired.
 */
function identityCard(rng: Rng, birthDate: string, asOf: string, used: Set<string>): { number: string; expiresOn: string } | null {
  const age = ageOn(birthDate, asOf);
  if (!rng.chance(age >= 18 ? 0.88 : age >= 10 ? 0.6 : age >= 3 ? 0.35 : 0.2)) return null;
  const today = toDays(asOf);
  // a card is asked for a few weeks after birth at the earliest
  const earliest = toDays(birthDate) + 30;
  if (earliest > today) return null;
  const validity = (issued: number) => { const a = ageOn(birthDate, fromDays(issued)); return a < 3 ? 3 : a < 18 ? 5 : 10; };
  let issued: number;
  if (rng.chance(0.06)) {
    // expired in the last three years (not renewed yet)
    const expired = today - rng.int(1, 3 * 365);
    issued = expired - 365 * validity(expired - 3650);
  } else {
    issued = today - rng.int(0, 365 * validity(today - 1825) - 1);
  }
  issued = Math.max(earliest, issued);
  const issuedOn = fromDays(issued);
  const expiresOn = birthdayOnOrAfter(birthDate, addYears(issuedOn, validity(issued)));
  let number = '';
  do number = `C${rng.letters(1, 'ABCDE')}${rng.digits(5)}${rng.letters(2, 'ABCDEFGHJKLMNPRSTUVWXYZ')}`;
  while (used.has(number));
  used.add(number);
  return { number, expiresOn };
}

/** A PRNG seed from a text (a body's slug), so every body gets its own people. */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

export { ageOn };
