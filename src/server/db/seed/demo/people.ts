/**
 * Demo registry (anagrafe) of Castelrocca and Valdoro, and demo companies with their legal representatives.
 *
 * Consistent with the test identity provider: every test identity resident in a demo comune appears in that
 * comune's registry with the same fiscal code and family (see modules/identity/test-idp/identities.ts), and
 * Galli Costruzioni S.r.l. is represented by the identity Francesca Galli. Around twenty more residents per
 * comune, in families, make the lists look real. Everyone is invented; fiscal codes and partite IVA are computed
 * with the official algorithms so that they pass every check.
 */
import type { Kysely } from 'kysely';
import { inScope } from '../../../platform/tenancy.ts';
import type { DB } from '../../schema.ts';
import { partitaIva } from '../../../../contracts/fiscal-code.ts';
import {
  DEMO_FAMILIES,
  PLACES,
  castelrocca,
  findTestIdentity,
  formatAddress,
  person,
  valdoro,
  type DemoFamily,
  type DemoPersonData,
  type FamilyRelation,
  type ResidenceSlug,
} from '../../../modules/identity/test-idp/identities.ts';
import { CASTELROCCA_SLUG, VALDORO_SLUG } from './tenants.ts';

export interface DemoRegistryPerson {
  fiscalCode: string;
  givenName: string;
  familyName: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD */
  birthDate: string;
  birthPlace: string;
  citizenship: string;
  address: string;
  familyId: string;
  familyRelation: FamilyRelation;
}

export interface DemoRegistry {
  tenantSlug: string;
  people: DemoRegistryPerson[];
}

export interface DemoCompany {
  /** partita IVA, 11 digits with a valid check digit */
  fiscalCode: string;
  name: string;
  legalForm: string;
  address: string;
  representatives: { fiscalCode: string; role: 'legale rappresentante' }[];
}

type Member = [FamilyRelation, DemoPersonData];

/** Families of residents who are not test identities. */
const EXTRA_FAMILIES: DemoFamily[] = [
  family('CR-0101', CASTELROCCA_SLUG, castelrocca('Via Giuseppe Mazzini 14'), [
    ['intestatario', person('Roberto', 'Brambilla', 'M', '1968-04-02', PLACES.bergamo)],
    ['coniuge', person('Laura', 'Pesenti', 'F', '1970-11-23', PLACES.bergamo)],
    ['figlio', person('Matteo', 'Brambilla', 'M', '2001-06-12', PLACES.bergamo)],
    ['figlio', person('Giorgia', 'Brambilla', 'F', '2006-01-30', PLACES.bergamo)],
  ]),
  family('CR-0102', CASTELROCCA_SLUG, castelrocca('Via Camillo Benso di Cavour 3'), [
    ['intestatario', person('Giovanni', 'Locatelli', 'M', '1950-02-17', PLACES.bergamo)],
    ['coniuge', person('Lucia', 'Mazzoleni', 'F', '1953-09-05', PLACES.lecco)],
    ['genitore', person('Angela', 'Capelli', 'F', '1929-12-08', PLACES.bergamo)],
  ]),
  family('CR-0103', CASTELROCCA_SLUG, castelrocca('Via dei Mille 45'), [
    ['intestatario', person('Ionut', 'Popescu', 'M', '1985-03-19', PLACES.bucarest, 'romena')],
    ['coniuge', person('Elena', 'Popescu', 'F', '1987-07-26', PLACES.bucarest, 'romena')],
    ['figlio', person('Andrei', 'Popescu', 'M', '2012-10-04', PLACES.bergamo, 'romena')],
  ]),
  family('CR-0104', CASTELROCCA_SLUG, castelrocca('Piazza Vittorio Veneto 6'), [
    ['intestatario', person('Federica', 'Gamba', 'F', '1992-05-28', PLACES.milano)],
  ]),
  family('CR-0105', CASTELROCCA_SLUG, castelrocca('Via Fiume 19'), [
    ['intestatario', person('Stefano', 'Zanchi', 'M', '1980-08-14', PLACES.bergamo)],
    ['unito_civilmente', person('Michele', 'Arrigoni', 'M', '1978-01-03', PLACES.palermo)],
  ]),
  family('CR-0106', CASTELROCCA_SLUG, castelrocca('Via Roma 102'), [
    ['intestatario', person('Luigi', 'Cortesi', 'M', '1946-06-21', PLACES.bergamo)],
    ['coniuge', person('Franca', 'Ghilardi', 'F', '1949-03-11', PLACES.bergamo)],
  ]),
  family('CR-0107', CASTELROCCA_SLUG, castelrocca('Via Monte Grappa 27'), [
    ['intestatario', person('Arben', 'Hoxha', 'M', '1979-02-09', PLACES.tirana, 'albanese')],
    ['coniuge', person('Blerina', 'Hoxha', 'F', '1983-10-15', PLACES.tirana, 'albanese')],
    ['figlio', person('Klea', 'Hoxha', 'F', '2010-04-22', PLACES.bergamo, 'albanese')],
    ['figlio', person('Dritan', 'Hoxha', 'M', '2020-12-01', PLACES.bergamo, 'albanese')],
  ]),
  family('VD-0101', VALDORO_SLUG, valdoro('Via Alessandro Volta 12'), [
    ['intestatario', person('Enrico', 'Magri', 'M', '1972-12-24', PLACES.bergamo)],
    ['coniuge', person('Silvia', 'Bonomi', 'F', '1974-08-06', PLACES.brescia)],
    ['figlio', person('Pietro', 'Magri', 'M', '2003-03-17', PLACES.bergamo)],
    ['figlio', person('Anna', 'Magri', 'F', '2008-11-09', PLACES.bergamo)],
  ]),
  family('VD-0102', VALDORO_SLUG, valdoro('Via della Chiesa 4'), [
    ['intestatario', person('Carlo', 'Pesenti', 'M', '1943-05-01', PLACES.bergamo)],
  ]),
  family('VD-0103', VALDORO_SLUG, valdoro('Via John Fitzgerald Kennedy 31'), [
    ['intestatario', person('Olena', 'Kovalenko', 'F', '1975-09-13', PLACES.kyiv, 'ucraina')],
    ['figlio', person('Daria', 'Kovalenko', 'F', '2009-02-27', PLACES.kyiv, 'ucraina')],
  ]),
  family('VD-0104', VALDORO_SLUG, valdoro('Via Giacomo Leopardi 7'), [
    ['intestatario', person('Davide', 'Sangalli', 'M', '1988-07-19', PLACES.bergamo)],
    ['convivente', person('Marta', 'Previtali', 'F', '1990-01-25', PLACES.bergamo)],
    ['figlio', person('Emma', 'Sangalli', 'F', '2019-06-08', PLACES.bergamo)],
  ]),
  family('VD-0105', VALDORO_SLUG, valdoro('Via Giuseppe Mazzini 50'), [
    ['intestatario', person('Ugo', 'Belotti', 'M', '1955-10-30', PLACES.bergamo)],
    ['coniuge', person('Gianna', 'Rossi', 'F', '1958-04-04', PLACES.bari)],
    ['altro', person('Franco', 'Belotti', 'M', '1960-12-12', PLACES.bergamo)],
  ]),
  family('VD-0106', VALDORO_SLUG, valdoro('Via Europa 15'), [
    ['intestatario', person('Simone', 'Mazza', 'M', '1999-09-09', PLACES.torino)],
  ]),
  family('VD-0107', VALDORO_SLUG, valdoro('Via dei Campi 21'), [
    ['intestatario', person('Giorgio', 'Tironi', 'M', '1965-02-14', PLACES.bergamo)],
    ['coniuge', person('Lucia', 'Carrara', 'F', '1967-06-02', PLACES.bergamo)],
    ['figlio', person('Alberto', 'Tironi', 'M', '1995-11-18', PLACES.bergamo)],
    ['figlio', person('Nadia', 'Tironi', 'F', '1998-08-29', PLACES.bergamo)],
  ]),
  family('VD-0108', VALDORO_SLUG, valdoro('Via Guglielmo Marconi 40'), [
    ['intestatario', person('Mamadou', 'Ndiaye', 'M', '1983-04-16', PLACES.dakar, 'senegalese')],
  ]),
];

function family(id: string, tenantSlug: ResidenceSlug, address: DemoFamily['address'], members: Member[]): DemoFamily {
  return { id, tenantSlug, address, members: members.map(([relation, data]) => ({ ...data, relation })) };
}

function registryOf(tenantSlug: string): DemoRegistry {
  const people = [...DEMO_FAMILIES, ...EXTRA_FAMILIES]
    .filter((f) => f.tenantSlug === tenantSlug)
    .flatMap((f) =>
      f.members.map((m) => ({
        fiscalCode: m.fiscalCode,
        givenName: m.givenName,
        familyName: m.familyName,
        sex: m.sex,
        birthDate: m.birthDate,
        birthPlace: m.birthPlace,
        citizenship: m.citizenship,
        address: formatAddress(f.address),
        familyId: f.id,
        familyRelation: m.relation,
      })),
    );
  return { tenantSlug, people };
}

export const DEMO_REGISTRY: DemoRegistry[] = [registryOf(CASTELROCCA_SLUG), registryOf(VALDORO_SLUG)];

const fiscalCodeOf = (identityId: string): string => {
  const found = findTestIdentity(identityId);
  if (!found) throw new Error(`Identità di prova sconosciuta: ${identityId}`);
  return found.fiscalCode;
};
const registryFiscalCode = (givenName: string, familyName: string): string => {
  const found = EXTRA_FAMILIES.flatMap((f) => f.members).find((m) => m.givenName === givenName && m.familyName === familyName);
  if (!found) throw new Error(`Persona non presente nell'anagrafe di prova: ${givenName} ${familyName}`);
  return found.fiscalCode;
};

/** 7 digits of company number + 016 (the Bergamo office) + check digit. */
export const DEMO_COMPANIES: DemoCompany[] = [
  {
    fiscalCode: partitaIva('0387621016'),
    name: 'Galli Costruzioni S.r.l.',
    legalForm: 'Società a responsabilità limitata',
    address: formatAddress(valdoro('Via del Lavoro 18')),
    representatives: [{ fiscalCode: fiscalCodeOf('francesca-galli'), role: 'legale rappresentante' }],
  },
  {
    fiscalCode: partitaIva('0412958016'),
    name: 'Trattoria Al Castello di Colombo Marco & C. S.n.c.',
    legalForm: 'Società in nome collettivo',
    address: formatAddress(castelrocca('Piazza del Castello 2')),
    representatives: [{ fiscalCode: fiscalCodeOf('marco-colombo'), role: 'legale rappresentante' }],
  },
  {
    fiscalCode: partitaIva('0298314016'),
    name: 'Valle Orsa Servizi Società Cooperativa Sociale',
    legalForm: 'Società cooperativa sociale',
    address: formatAddress(valdoro('Via Giuseppe Verdi 40')),
    representatives: [{ fiscalCode: registryFiscalCode('Giorgio', 'Tironi'), role: 'legale rappresentante' }],
  },
];

export interface SeedPeopleReport {
  people: number;
  companies: number;
  representatives: number;
}

/**
 * Inserts the demo registries and companies. Idempotent: rows already there (same tenant and fiscal code, same
 * partita IVA, same representative) are left as they are. The tenants must exist; the counts are of new rows.
 */
export async function seedDemoPeople(db: Kysely<DB>): Promise<SeedPeopleReport> {
  return inScope(db, { platform: true }, async (trx) => {
    const report: SeedPeopleReport = { people: 0, companies: 0, representatives: 0 };
    const slugs = DEMO_REGISTRY.map((r) => r.tenantSlug);
    const tenants = await trx.selectFrom('tenants').select(['id', 'slug']).where('slug', 'in', slugs).execute();
    const tenantIds = new Map(tenants.map((t) => [t.slug, t.id]));

    for (const registry of DEMO_REGISTRY) {
      const tenantId = tenantIds.get(registry.tenantSlug);
      if (!tenantId) throw new Error(`seedDemoPeople: the tenant ${registry.tenantSlug} does not exist; seed the demo tenants first`);
      const inserted = await trx
        .insertInto('registry_people')
        .values(
          registry.people.map((p) => ({
            tenant_id: tenantId,
            fiscal_code: p.fiscalCode,
            given_name: p.givenName,
            family_name: p.familyName,
            sex: p.sex,
            birth_date: p.birthDate,
            birth_place: p.birthPlace,
            citizenship: p.citizenship,
            address: p.address,
            family_id: p.familyId,
            family_relation: p.familyRelation,
          })),
        )
        .onConflict((oc) => oc.columns(['tenant_id', 'fiscal_code']).doNothing())
        .returning('id')
        .execute();
      report.people += inserted.length;
    }

    const inserted = await trx
      .insertInto('companies')
      .values(DEMO_COMPANIES.map((c) => ({ fiscal_code: c.fiscalCode, name: c.name, legal_form: c.legalForm, address: c.address })))
      .onConflict((oc) => oc.column('fiscal_code').doNothing())
      .returning('id')
      .execute();
    report.companies = inserted.length;

    const companies = await trx
      .selectFrom('companies')
      .select(['id', 'fiscal_code'])
      .where('fiscal_code', 'in', DEMO_COMPANIES.map((c) => c.fiscalCode))
      .execute();
    const companyIds = new Map(companies.map((c) => [c.fiscal_code, c.id]));
    const representatives = DEMO_COMPANIES.flatMap((c) =>
      c.representatives.map((r) => ({ company_id: companyIds.get(c.fiscalCode)!, fiscal_code: r.fiscalCode, role: r.role })),
    );
    const added = await trx
      .insertInto('company_representatives')
      .values(representatives)
      .onConflict((oc) => oc.columns(['company_id', 'fiscal_code']).doNothing())
      .returning('company_id')
      .execute();
    report.representatives = added.length;
    return report;
  });
}
