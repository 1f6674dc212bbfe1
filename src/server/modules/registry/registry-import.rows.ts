/**
 * Reading and checking a population register exported as CSV (`sportello import registry FILE`). Pure: no
 * database; the service (registry-import.service.ts) adds the one check that needs it and writes the rows.
 *
 * The file: UTF-8 (a byte-order mark is fine), a header row first, one person a row, separated by ";" (Excel in
 * Italian) or "," (whichever the header uses), cells with the separator inside in double quotes. Header names are
 * matched without regard to case, accents, spaces or hyphens ("Data nascita" = data_nascita); the names in
 * brackets are accepted too. Columns the load does not know are ignored and named in the summary.
 *
 *   codice_fiscale            [cf]                        16 characters with the right check character          *
 *   cognome                                                                                                   *
 *   nome                                                                                                      *
 *   sesso                                                 M or F (maschio, femmina)                             *
 *   data_nascita              [data_di_nascita]           YYYY-MM-DD or DD/MM/YYYY; a real date, not in the future *
 *   luogo_nascita             [luogo_di_nascita, comune_nascita]  comune, or city and foreign state            *
 *   cittadinanza                                          e.g. italiana, romena (column absent: italiana)
 *   stato_civile                                          celibe/nubile, coniugato/a, unito/a civilmente,
 *                                                         separato/a, divorziato/a, vedovo/a (empty: not recorded)
 *   indirizzo                 [indirizzo_residenza]       "Via Roma 1, 24029 Castelrocca (BG)"                  *
 *   residente_dal             [data_residenza]            date of registration in the comune (not in the future)
 *   id_famiglia               [scheda_famiglia, numero_famiglia]  the family sheet's number                    *
 *   relazione_parentela       [relazione, parentela]      to the head of the sheet: intestatario/a, coniuge,   *
 *                                                         unito/a civilmente, convivente, figlio/a, genitore
 *                                                         (padre, madre), altro (any other relative)
 *   carta_identita_numero     [numero_carta_identita]     CA12345AB (electronic) or AB1234567 (paper)
 *   carta_identita_scadenza   [scadenza_carta_identita]   expiry date; given together with the number
 *
 * (* = required column and value.) Each sheet has exactly one head (intestatario): in the file, or already in the
 * register when the file brings only other members of the sheet. A fiscal code appears once in a file.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { fiscalCodeCheckChar } from '../../../contracts/fiscal-code.ts';

export const REGISTRY_COLUMNS = [
  'codice_fiscale', 'cognome', 'nome', 'sesso', 'data_nascita', 'luogo_nascita', 'cittadinanza', 'stato_civile', 'indirizzo',
  'residente_dal', 'id_famiglia', 'relazione_parentela', 'carta_identita_numero', 'carta_identita_scadenza',
] as const;
export type RegistryColumn = (typeof REGISTRY_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly RegistryColumn[] = [
  'codice_fiscale', 'cognome', 'nome', 'sesso', 'data_nascita', 'luogo_nascita', 'indirizzo', 'id_famiglia', 'relazione_parentela',
];

/** Other names registry software gives the same columns (already normalised). */
const ALIASES: Record<string, RegistryColumn> = {
  cf: 'codice_fiscale', codicefiscale: 'codice_fiscale',
  data_di_nascita: 'data_nascita', luogo_di_nascita: 'luogo_nascita', comune_nascita: 'luogo_nascita', comune_di_nascita: 'luogo_nascita',
  indirizzo_residenza: 'indirizzo', indirizzo_di_residenza: 'indirizzo',
  data_residenza: 'residente_dal', residenza_dal: 'residente_dal',
  scheda_famiglia: 'id_famiglia', numero_famiglia: 'id_famiglia', codice_famiglia: 'id_famiglia',
  relazione: 'relazione_parentela', parentela: 'relazione_parentela', rapporto_parentela: 'relazione_parentela',
  numero_carta_identita: 'carta_identita_numero', scadenza_carta_identita: 'carta_identita_scadenza',
};

export const CIVIL_STATUS_VALUES = ['celibe_nubile', 'coniugato', 'unito_civilmente', 'separato', 'divorziato', 'vedovo'] as const;
export type CivilStatusValue = (typeof CIVIL_STATUS_VALUES)[number];
export const RELATION_VALUES = ['intestatario', 'coniuge', 'unito_civilmente', 'convivente', 'figlio', 'genitore', 'altro'] as const;
export type RelationValue = (typeof RELATION_VALUES)[number];

/** The Italian words of an export (masculine and feminine, as registry software writes them) → the stored value. */
const CIVIL_STATUS_WORDS: Record<string, CivilStatusValue> = {
  celibe: 'celibe_nubile', nubile: 'celibe_nubile', celibe_nubile: 'celibe_nubile', libero: 'celibe_nubile', libera: 'celibe_nubile',
  coniugato: 'coniugato', coniugata: 'coniugato', coniugato_a: 'coniugato', sposato: 'coniugato', sposata: 'coniugato',
  unito_civilmente: 'unito_civilmente', unita_civilmente: 'unito_civilmente', unito_a_civilmente: 'unito_civilmente', unione_civile: 'unito_civilmente',
  separato: 'separato', separata: 'separato', separato_a: 'separato', separato_legalmente: 'separato', separata_legalmente: 'separato',
  divorziato: 'divorziato', divorziata: 'divorziato', divorziato_a: 'divorziato',
  vedovo: 'vedovo', vedova: 'vedovo', vedovo_a: 'vedovo',
};
const RELATION_WORDS: Record<string, RelationValue> = {
  intestatario: 'intestatario', intestataria: 'intestatario', intestatario_scheda: 'intestatario', intestataria_scheda: 'intestatario',
  capofamiglia: 'intestatario', capo_famiglia: 'intestatario',
  coniuge: 'coniuge', marito: 'coniuge', moglie: 'coniuge',
  unito_civilmente: 'unito_civilmente', unita_civilmente: 'unito_civilmente', unito_a_civilmente: 'unito_civilmente',
  convivente: 'convivente', convivente_di_fatto: 'convivente',
  figlio: 'figlio', figlia: 'figlio', figlio_a: 'figlio',
  genitore: 'genitore', padre: 'genitore', madre: 'genitore',
  altro: 'altro', altra: 'altro', altro_parente: 'altro', fratello: 'altro', sorella: 'altro', nipote: 'altro', nonno: 'altro', nonna: 'altro',
  suocero: 'altro', suocera: 'altro', genero: 'altro', nuora: 'altro', cognato: 'altro', cognata: 'altro', zio: 'altro', zia: 'altro',
};
const SEX_WORDS: Record<string, 'M' | 'F'> = { m: 'M', maschio: 'M', maschile: 'M', f: 'F', femmina: 'F', femminile: 'F' };

/** A person as the register holds them, checked. Dates are 'YYYY-MM-DD'. */
export interface RegistryRecord {
  fiscalCode: string;
  familyName: string;
  givenName: string;
  sex: 'M' | 'F';
  birthDate: string;
  birthPlace: string;
  citizenship: string;
  civilStatus: CivilStatusValue | null;
  address: string;
  residenceSince: string | null;
  familyId: string;
  familyRelation: RelationValue;
  idCardNumber: string | null;
  idCardExpiresOn: string | null;
}

/** A row that was not loaded: its line in the file, the fiscal code when it could be read, and why. */
export interface RejectedRow {
  line: number;
  fiscalCode?: string;
  reason: string;
}

export interface RawRow {
  /** the line of the text file the row starts on (header = 1) */
  line: number;
  cells: Partial<Record<RegistryColumn, string>>;
  /** cells beyond the header's columns */
  extra: number;
}

export type RegistryFile =
  | { ok: true; columns: RegistryColumn[]; ignored: string[]; rows: RawRow[] }
  | { ok: false; problem: string };

/** "Data di nascita" → data_di_nascita; the column it names, or undefined. */
export function normaliseHeader(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}
const columnOf = (header: string): RegistryColumn | undefined => {
  const n = normaliseHeader(header);
  return (REGISTRY_COLUMNS as readonly string[]).includes(n) ? (n as RegistryColumn) : ALIASES[n];
};

/** The separator the header line uses more: ";" or ",". */
function delimiterOf(text: string): ';' | ',' {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of first) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

/**
 * Reads the bytes of a CSV export into rows keyed by column. A file that cannot be read as a register (not
 * UTF-8, empty, malformed, required columns missing) is refused as a whole with a message saying why.
 */
export function parseRegistryCsv(bytes: Uint8Array | string): RegistryFile {
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: 'il file non è in UTF-8: esportalo (o salvalo da Excel) come "CSV UTF-8" (the file must be UTF-8 text)' };
  }
  text = text.replace(/^\uFEFF/, '');
  if (!text.trim()) return { ok: false, problem: 'il file è vuoto: serve almeno la riga di intestazione (the file is empty)' };

  type Info = { lines: number };
  let records: { record: string[]; info: Info }[];
  try {
    records = parseCsv(text, { delimiter: delimiterOf(text), info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { record: string[]; info: Info }[];
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    const where = typeof e.lines === 'number' ? ` alla riga ${e.lines}` : '';
    return {
      ok: false,
      problem: e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `virgolette (") aperte e mai chiuse${where}: chiudi la cella tra virgolette (unclosed quote)`
        : `il file non è un CSV leggibile${where}: ${e.message ?? String(err)} (malformed CSV)`,
    };
  }
  const lineOf = (r: { record: string[]; info: Info }) => r.info.lines - r.record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
  const [header, ...body] = records;
  const at: (RegistryColumn | undefined)[] = header!.record.map(columnOf);
  const seen = new Set<RegistryColumn>();
  const duplicated: string[] = [];
  const ignored: string[] = [];
  header!.record.forEach((name, i) => {
    const column = at[i];
    if (!column) {
      if (name.trim()) ignored.push(name.trim());
    } else if (seen.has(column)) duplicated.push(column);
    else seen.add(column);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length) {
    const found = header!.record.map((h) => h.trim()).filter(Boolean);
    return {
      ok: false,
      problem: `${missing.length === 1 ? 'manca la colonna obbligatoria' : 'mancano le colonne obbligatorie'} ${missing.join(', ')}` +
        ` (missing required column${missing.length === 1 ? '' : 's'}). La riga 1 deve essere l'intestazione; contiene: ${found.length ? found.join(', ') : '(nulla)'}`,
    };
  }
  if (duplicated.length) {
    return { ok: false, problem: `la colonna ${[...new Set(duplicated)].join(', ')} compare più volte nell'intestazione: tienine una (duplicate column)` };
  }
  const rows: RawRow[] = [];
  for (const r of body) {
    if (r.record.every((c) => !c.trim())) continue;
    const cells: RawRow['cells'] = {};
    let extra = 0;
    r.record.forEach((value, i) => {
      const column = at[i];
      if (column) cells[column] = value.trim();
      else if (i >= at.length && value.trim()) extra++;
    });
    rows.push({ line: lineOf(r), cells, extra });
  }
  return { ok: true, columns: [...seen], ignored, rows };
}

// ---- one cell at a time ------------------------------------------------------------------------------------------

/** 'YYYY-MM-DD' or 'DD/MM/YYYY' (also with "-" or "." between day, month and year) → 'YYYY-MM-DD', or null. */
export function parseDate(value: string): string | null {
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const addYears = (isoDate: string, years: number) => `${String(Number(isoDate.slice(0, 4)) + years).padStart(4, '0')}${isoDate.slice(4)}`;

/** Why a fiscal code is not one, in words a person can act on; null when it is valid. */
export function fiscalCodeProblem(code: string): string | null {
  if (code.length !== 16) return `il codice fiscale "${code}" ha ${code.length} caratteri invece di 16 (must be 16 characters)`;
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(code)) {
    return `il codice fiscale "${code}" non ha la forma di un codice fiscale di persona (6 lettere, anno, mese, giorno, comune, controllo) (malformed fiscal code)`;
  }
  const expected = fiscalCodeCheckChar(code.slice(0, 15));
  if (expected !== code[15]) {
    return `il codice fiscale "${code}" ha il carattere di controllo sbagliato: l'ultima lettera dovrebbe essere ${expected}; controlla di averlo copiato bene (wrong check character)`;
  }
  return null;
}

const NAME = /^[\p{L}][\p{L}\p{M}'’ .-]*$/u;
const CIE = /^[A-Z]{2}\d{5}[A-Z]{2}$/;
const PAPER_CARD = /^[A-Z]{2}\d{7}$/;

export interface CheckContext {
  /** today, 'YYYY-MM-DD' (clock.today()) */
  today: string;
  /** the columns the header has: an optional column left out keeps what the register holds */
  columns: readonly RegistryColumn[];
}

/** Checks one row; every problem it has, or the record. */
export function checkRow(row: RawRow, ctx: CheckContext): { record: RegistryRecord } | { rejected: RejectedRow } {
  const problems: string[] = [];
  const v = (c: RegistryColumn) => row.cells[c] ?? '';
  const required = (c: RegistryColumn, what: string): string | null => {
    const value = v(c);
    if (!value) {
      problems.push(`manca ${what} (${c} is empty)`);
      return null;
    }
    return value;
  };
  if (row.extra) {
    problems.push(`la riga ha ${row.extra === 1 ? 'un campo' : `${row.extra} campi`} in più dell'intestazione: forse un separatore di troppo in una cella non tra virgolette (more cells than the header)`);
  }

  const rawCode = v('codice_fiscale').replace(/\s+/g, '').toUpperCase();
  let fiscalCode: string | undefined;
  if (!rawCode) problems.push('manca il codice fiscale (codice_fiscale is empty)');
  else {
    const problem = fiscalCodeProblem(rawCode);
    if (problem) problems.push(problem);
    else fiscalCode = rawCode;
  }

  const familyName = required('cognome', 'il cognome');
  const givenName = required('nome', 'il nome');
  for (const [value, what, column] of [[familyName, 'il cognome', 'cognome'], [givenName, 'il nome', 'nome']] as const) {
    if (value && (!NAME.test(value) || value.length > 100)) {
      problems.push(`${what} "${value}" contiene caratteri non ammessi o è troppo lungo: solo lettere, spazi, apostrofi e trattini (${column}: letters only)`);
    }
  }

  const sexText = required('sesso', 'il sesso');
  const sex = sexText ? SEX_WORDS[normaliseHeader(sexText)] : undefined;
  if (sexText && !sex) problems.push(`sesso "${sexText}" non riconosciuto: scrivi M o F (sesso must be M or F)`);

  const birthText = required('data_nascita', 'la data di nascita');
  const birthDate = birthText ? parseDate(birthText) : null;
  if (birthText && !birthDate) {
    problems.push(`data di nascita "${birthText}" non valida: scrivi una data esistente come 1984-05-14 o 14/05/1984 (invalid date)`);
  } else if (birthDate && birthDate > ctx.today) {
    problems.push(`data di nascita ${birthDate} nel futuro (birth date in the future)`);
  } else if (birthDate && birthDate < '1900-01-01') {
    problems.push(`data di nascita ${birthDate} prima del 1900: controlla l'anno (birth date before 1900)`);
  }

  const birthPlace = required('luogo_nascita', 'il luogo di nascita');

  let citizenship = 'italiana';
  if (ctx.columns.includes('cittadinanza')) {
    const text = required('cittadinanza', 'la cittadinanza (scrivi "italiana" o quella straniera)');
    if (text) citizenship = ['italia', 'it', 'ita'].includes(text.toLowerCase()) ? 'italiana' : text.toLowerCase();
  }

  let civilStatus: CivilStatusValue | null = null;
  const civilText = v('stato_civile');
  if (civilText) {
    const mapped = CIVIL_STATUS_WORDS[normaliseHeader(civilText)];
    if (mapped) civilStatus = mapped;
    else {
      problems.push(`stato civile "${civilText}" non riconosciuto: usa celibe/nubile, coniugato/a, unito/a civilmente, separato/a, divorziato/a o vedovo/a (unknown civil status)`);
    }
  }

  const address = required('indirizzo', "l'indirizzo");

  let residenceSince: string | null = null;
  const residenceText = v('residente_dal');
  if (residenceText) {
    residenceSince = parseDate(residenceText);
    if (!residenceSince) problems.push(`data "residente dal" "${residenceText}" non valida: scrivi una data esistente come 2010-03-01 o 01/03/2010 (invalid date)`);
    else if (residenceSince > ctx.today) problems.push(`data "residente dal" ${residenceSince} nel futuro (residence date in the future)`);
    else if (birthDate && residenceSince < birthDate) problems.push(`data "residente dal" ${residenceSince} precedente alla nascita (${birthDate}) (residence before birth)`);
  }

  const familyId = required('id_famiglia', 'il numero della scheda di famiglia');
  if (familyId && familyId.length > 40) problems.push(`numero della scheda di famiglia troppo lungo: al massimo 40 caratteri (id_famiglia too long)`);

  const relationText = required('relazione_parentela', "la relazione con l'intestatario della scheda");
  const familyRelation = relationText ? RELATION_WORDS[normaliseHeader(relationText)] : undefined;
  if (relationText && !familyRelation) {
    problems.push(`relazione "${relationText}" non riconosciuta: usa intestatario, coniuge, unito civilmente, convivente, figlio/a, genitore o altro (unknown relation)`);
  }

  let idCardNumber: string | null = null;
  let idCardExpiresOn: string | null = null;
  const cardText = v('carta_identita_numero').replace(/\s+/g, '').toUpperCase();
  const expiryText = v('carta_identita_scadenza');
  if (cardText) {
    if (CIE.test(cardText) || PAPER_CARD.test(cardText)) idCardNumber = cardText;
    else problems.push(`numero di carta d'identità "${cardText}" non riconosciuto: atteso come CA12345AB (elettronica) o AB1234567 (cartacea) (unknown identity card number)`);
  }
  if (expiryText) {
    idCardExpiresOn = parseDate(expiryText);
    if (!idCardExpiresOn) problems.push(`scadenza della carta d'identità "${expiryText}" non valida: scrivi una data esistente come 2031-05-14 o 14/05/2031 (invalid date)`);
    else if (idCardExpiresOn > addYears(ctx.today, 11)) problems.push(`scadenza della carta d'identità ${idCardExpiresOn} oltre 11 anni da oggi: controlla l'anno (expiry too far ahead)`);
  }
  if (cardText && !expiryText) problems.push(`manca la scadenza della carta d'identità ${cardText} (carta_identita_scadenza is empty)`);
  if (expiryText && !cardText) problems.push(`c'è la scadenza della carta d'identità ma non il numero (carta_identita_numero is empty)`);

  // the code as written, when it looks like one (a wrong check character included): the person can find the row
  const readable = fiscalCode ?? (/^[A-Z0-9]{16}$/.test(rawCode) ? rawCode : undefined);
  if (problems.length) return { rejected: { line: row.line, ...(readable ? { fiscalCode: readable } : {}), reason: problems.join('; ') } };
  return {
    record: {
      fiscalCode: fiscalCode!, familyName: familyName!, givenName: givenName!, sex: sex!, birthDate: birthDate!, birthPlace: birthPlace!,
      citizenship, civilStatus, address: address!, residenceSince, familyId: familyId!, familyRelation: familyRelation!, idCardNumber, idCardExpiresOn,
    },
  };
}

export interface CheckedRows {
  valid: { line: number; record: RegistryRecord }[];
  rejected: RejectedRow[];
  /** sheets with valid rows but no head among them: the register must already have one (the service asks) */
  headless: Map<string, number[]>;
}

/**
 * Checks every row, then what rows say together: a fiscal code appears once, a family sheet has one head.
 * Rejected rows come back in file order.
 */
export function checkRows(rows: readonly RawRow[], ctx: CheckContext): CheckedRows {
  const valid: CheckedRows['valid'] = [];
  const rejected: RejectedRow[] = [];
  const firstLineOf = new Map<string, number>();
  const headOf = new Map<string, number>();
  for (const row of rows) {
    const checked = checkRow(row, ctx);
    if ('rejected' in checked) {
      rejected.push(checked.rejected);
      continue;
    }
    const { record } = checked;
    const earlier = firstLineOf.get(record.fiscalCode);
    if (earlier !== undefined) {
      rejected.push({ line: row.line, fiscalCode: record.fiscalCode, reason: `codice fiscale già presente alla riga ${earlier}: una persona compare una volta sola (duplicate fiscal code)` });
      continue;
    }
    if (record.familyRelation === 'intestatario') {
      const head = headOf.get(record.familyId);
      if (head !== undefined) {
        rejected.push({
          line: row.line, fiscalCode: record.fiscalCode,
          reason: `la scheda di famiglia ${record.familyId} ha già l'intestatario della riga ${head}: una scheda ne ha uno solo (second head of the family sheet)`,
        });
        continue;
      }
      headOf.set(record.familyId, row.line);
    }
    firstLineOf.set(record.fiscalCode, row.line);
    valid.push({ line: row.line, record });
  }
  const headless = new Map<string, number[]>();
  for (const { line, record } of valid) {
    if (!headOf.has(record.familyId)) headless.set(record.familyId, [...(headless.get(record.familyId) ?? []), line]);
  }
  return { valid, rejected, headless };
}

/** The reason given to the members of a sheet that has no head, in the file or in the register. */
export const headlessReason = (familyId: string) =>
  `la scheda di famiglia ${familyId} non ha un intestatario, né nel file né nell'anagrafe: aggiungi la riga dell'intestatario o correggila se è stata scartata (family sheet without a head)`;

// ---- writing a file of the same shape ------------------------------------------------------------------------------

const csvCell = (value: string) => (/[;"\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The Italian word an export uses for a stored value (masculine/feminine where it matters). */
export function civilStatusWord(value: CivilStatusValue, sex: 'M' | 'F'): string {
  const f = sex === 'F';
  switch (value) {
    case 'celibe_nubile': return f ? 'nubile' : 'celibe';
    case 'coniugato': return f ? 'coniugata' : 'coniugato';
    case 'unito_civilmente': return f ? 'unita civilmente' : 'unito civilmente';
    case 'separato': return f ? 'separata' : 'separato';
    case 'divorziato': return f ? 'divorziata' : 'divorziato';
    case 'vedovo': return f ? 'vedova' : 'vedovo';
  }
}
export function relationWord(value: RelationValue, sex: 'M' | 'F'): string {
  const f = sex === 'F';
  switch (value) {
    case 'intestatario': return f ? 'intestataria' : 'intestatario';
    case 'unito_civilmente': return f ? 'unita civilmente' : 'unito civilmente';
    case 'figlio': return f ? 'figlia' : 'figlio';
    default: return value;
  }
}

/** Records as a CSV export with every column (";" separated, Italian words, dates DD/MM/YYYY like registry software). */
export function registryCsv(records: Iterable<RegistryRecord>): string {
  const dmy = (d: string | null) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');
  const lines = [REGISTRY_COLUMNS.join(';')];
  for (const r of records) {
    lines.push([
      r.fiscalCode, r.familyName, r.givenName, r.sex, dmy(r.birthDate), r.birthPlace, r.citizenship,
      r.civilStatus ? civilStatusWord(r.civilStatus, r.sex) : '', r.address, dmy(r.residenceSince), r.familyId,
      relationWord(r.familyRelation, r.sex), r.idCardNumber ?? '', dmy(r.idCardExpiresOn),
    ].map(csvCell).join(';'));
  }
  return `${lines.join('\n')}\n`;
}
