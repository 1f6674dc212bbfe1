/**
 * What a certificate says, built from the register: the person (and, for the family certificate, everyone on the
 * family sheet) in the words printed on Italian registry certificates. A pure function of the register's rows and
 * the day: the PDF is drawn from it and the public verification shows it, so both always say the same.
 */
import { CERTIFICATE_TITLES, type CertificateContent, type CertificateKind, type CertifiedPerson } from '../../../contracts/certificates.ts';

/** A person as the register holds them (registry_people, dates as YYYY-MM-DD). */
export interface RegisterPerson {
  fiscal_code: string;
  given_name: string;
  family_name: string;
  sex: 'M' | 'F' | null;
  birth_date: string;
  birth_place: string;
  citizenship: string;
  address: string;
  family_relation: string;
  civil_status: string | null;
  residence_since: string | null;
}

/** "nato" / "nata" / "nato/a": the ending that agrees with the person. */
export const gendered = (sex: 'M' | 'F' | null, male: string, female: string, either = `${male}/${female.slice(-1)}`) =>
  sex === 'M' ? male : sex === 'F' ? female : either;

/** The register's civil status (0011_registry_records.sql) as a certificate prints it. */
export function civilStatusWords(status: string | null, sex: 'M' | 'F' | null): string | null {
  switch (status) {
    case 'celibe_nubile': return gendered(sex, 'celibe', 'nubile', 'celibe/nubile');
    case 'coniugato': return gendered(sex, 'coniugato', 'coniugata');
    case 'unito_civilmente': return gendered(sex, 'unito civilmente', 'unita civilmente', 'unito/a civilmente');
    case 'separato': return gendered(sex, 'separato', 'separata');
    case 'divorziato': return gendered(sex, 'divorziato', 'divorziata');
    case 'vedovo': return gendered(sex, 'vedovo', 'vedova');
    default: return null;
  }
}

/** A member's relation to the head of the family sheet, as the certificate of family status prints it. */
export function relationWords(relation: string, sex: 'M' | 'F' | null): string {
  switch (relation) {
    case 'intestatario': return gendered(sex, 'intestatario della scheda', 'intestataria della scheda', 'intestatario/a della scheda');
    case 'coniuge': return 'coniuge';
    case 'unito_civilmente': return gendered(sex, 'unito civilmente', 'unita civilmente', 'unito/a civilmente');
    case 'convivente': return 'convivente';
    case 'figlio': return gendered(sex, 'figlio', 'figlia', 'figlio/a');
    case 'genitore': return gendered(sex, 'padre', 'madre', 'genitore');
    default: return 'altro componente';
  }
}

/**
 * Six months from the day of issue (art. 41 DPR 445/2000: certificates of facts that can change): the same day
 * six months on, or that month's last day when it has no such day (31 August → 28 or 29 February).
 */
export function sixMonthsFrom(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const month = m - 1 + 6;
  const year = y + Math.floor(month / 12);
  const monthIndex = month % 12;
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  return `${year}-${String(monthIndex + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

const personOf = (p: RegisterPerson): CertifiedPerson => ({
  givenName: p.given_name,
  familyName: p.family_name,
  fiscalCode: p.fiscal_code,
  sex: p.sex,
  birthDate: p.birth_date,
  birthPlace: p.birth_place,
});

/** Head of the sheet first, then by birth date (the oldest first), then by fiscal code: the order on the paper. */
function sheetOrder(a: RegisterPerson, b: RegisterPerson): number {
  const head = Number(b.family_relation === 'intestatario') - Number(a.family_relation === 'intestatario');
  return head || a.birth_date.localeCompare(b.birth_date) || a.fiscal_code.localeCompare(b.fiscal_code);
}

export interface ContentInput {
  kind: CertificateKind;
  body: { name: string; fiscalCode: string; office: string | null };
  /** the day of issue in Italy, YYYY-MM-DD */
  issuedOn: string;
  person: RegisterPerson;
  /** everyone on the person's family sheet (the person too); used by the family certificate */
  family: RegisterPerson[];
}

/** What the certificate of this kind shows about the person: only what that kind of certificate prints. */
export function certificateContent(input: ContentInput): CertificateContent {
  const { kind, person } = input;
  const base = {
    kind,
    title: CERTIFICATE_TITLES[kind],
    body: input.body,
    issuedOn: input.issuedOn,
    validUntil: sixMonthsFrom(input.issuedOn),
  };
  switch (kind) {
    case 'residence':
      return { ...base, person: personOf(person), residence: { address: person.address } };
    case 'registry':
      return {
        ...base,
        person: { ...personOf(person), citizenship: person.citizenship, civilStatus: civilStatusWords(person.civil_status, person.sex) },
        residence: { address: person.address, since: person.residence_since },
      };
    case 'family': {
      const sheet = input.family.some((m) => m.fiscal_code === person.fiscal_code) ? input.family : [person, ...input.family];
      return {
        ...base,
        person: personOf(person),
        residence: { address: person.address },
        family: [...sheet].sort(sheetOrder).map((m) => ({ ...personOf(m), relation: relationWords(m.family_relation, m.sex) })),
      };
    }
  }
}

/** Everyone whose data the certificate shows: the person, and for the family certificate the whole sheet. */
export const peopleShown = (content: CertificateContent): CertifiedPerson[] => content.family ?? [content.person];
