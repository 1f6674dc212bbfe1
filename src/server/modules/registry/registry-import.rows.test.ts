import { describe, expect, it } from 'vitest';
import { fiscalCode } from '../../../contracts/fiscal-code.ts';
import {
  checkRow,
  checkRows,
  fiscalCodeProblem,
  parseDate,
  parseRegistryCsv,
  registryCsv,
  REGISTRY_COLUMNS,
  type RawRow,
  type RegistryRecord,
} from './registry-import.rows.ts';

const TODAY = '2026-11-24';
const ALL = REGISTRY_COLUMNS;

const code = (givenName: string, familyName: string, sex: 'M' | 'F', birthDate: string, birthPlaceCode = 'A794') =>
  fiscalCode({ givenName, familyName, sex, birthDate, birthPlaceCode });
const ERNESTO = code('Ernesto', 'Valoti', 'M', '1961-03-12');

/** A good row; override cells to break it. */
function row(cells: Partial<RawRow['cells']> = {}, line = 2): RawRow {
  return {
    line,
    extra: 0,
    cells: {
      codice_fiscale: ERNESTO, cognome: 'Valoti', nome: 'Ernesto', sesso: 'M', data_nascita: '12/03/1961', luogo_nascita: 'Bergamo',
      cittadinanza: 'italiana', stato_civile: 'coniugato', indirizzo: 'Via dei Tigli 4, 24029 Castelrocca (BG)', residente_dal: '01/06/1990',
      id_famiglia: 'CR-5001', relazione_parentela: 'intestatario', carta_identita_numero: 'CA11111AA', carta_identita_scadenza: '12/03/2031',
      ...cells,
    },
  };
}
const reasonOf = (r: RawRow, columns: readonly (typeof ALL)[number][] = ALL) => {
  const checked = checkRow(r, { today: TODAY, columns });
  return 'rejected' in checked ? checked.rejected.reason : null;
};

describe('reading a register export', () => {
  it('reads ";" with a byte-order mark, CRLF and Italian header names written as people write them', () => {
    const text = '\uFEFFCodice Fiscale;Cognome;Nome;Sesso;Data di nascita;Luogo nascita;Indirizzo;ID famiglia;Relazione\r\n' +
      `${ERNESTO};Valoti;Ernesto;M;12/03/1961;Bergamo;"Via dei Tigli 4; scala A, 24029 Castelrocca (BG)";CR-5001;intestatario\r\n`;
    const parsed = parseRegistryCsv(new TextEncoder().encode(text));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.columns).toEqual(['codice_fiscale', 'cognome', 'nome', 'sesso', 'data_nascita', 'luogo_nascita', 'indirizzo', 'id_famiglia', 'relazione_parentela']);
    expect(parsed.rows).toEqual([{ line: 2, extra: 0, cells: expect.objectContaining({ indirizzo: 'Via dei Tigli 4; scala A, 24029 Castelrocca (BG)', data_nascita: '12/03/1961' }) }]);
  });

  it('reads "," too, skips blank lines, gives each row the line it starts on and lists the columns it ignores', () => {
    const text = 'codice_fiscale,cognome,nome,sesso,data_nascita,luogo_nascita,indirizzo,id_famiglia,relazione_parentela,professione\n' +
      `${ERNESTO},Valoti,Ernesto,M,1961-03-12,Bergamo,"Via Piave 12, interno 5\n24029 Castelrocca (BG)",CR-1,intestatario,geometra\n` +
      '\n' +
      `${ERNESTO},Valoti,Ernesto,M,1961-03-12,Bergamo,Via Roma 1,CR-1,intestatario,geometra,di troppo\n`;
    const parsed = parseRegistryCsv(text);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.ignored).toEqual(['professione']);
    expect(parsed.rows.map((r) => [r.line, r.extra])).toEqual([[2, 0], [5, 1]]);
    expect(parsed.rows[0]!.cells.indirizzo).toBe('Via Piave 12, interno 5\n24029 Castelrocca (BG)');
    expect(reasonOf(parsed.rows[1]!, parsed.columns)).toMatch(/un campo in più dell'intestazione/);
  });

  it('refuses a file whose header lacks required columns, naming them', () => {
    const parsed = parseRegistryCsv('codice_fiscale;cognome;nome;genere;data_nascita\nX;Y;Z;M;1980-01-01\n');
    expect(parsed).toEqual({ ok: false, problem: expect.stringContaining('mancano le colonne obbligatorie sesso, luogo_nascita, indirizzo, id_famiglia, relazione_parentela') });
    expect(!parsed.ok && parsed.problem).toContain('contiene: codice_fiscale, cognome, nome, genere, data_nascita');
  });

  it('refuses an empty file, a file that is not UTF-8, an unclosed quote and a column given twice', () => {
    expect(parseRegistryCsv('\uFEFF \n')).toEqual({ ok: false, problem: expect.stringContaining('vuoto') });
    expect(parseRegistryCsv(Uint8Array.from([0x63, 0x66, 0x3b, 0xe0, 0x0a]))).toEqual({ ok: false, problem: expect.stringContaining('UTF-8') });
    const header = 'codice_fiscale;cognome;nome;sesso;data_nascita;luogo_nascita;indirizzo;id_famiglia;relazione_parentela';
    expect(parseRegistryCsv(`${header}\n${ERNESTO};"Valoti;Ernesto\n`)).toEqual({ ok: false, problem: expect.stringContaining('virgolette') });
    expect(parseRegistryCsv(`${header};cf\n`)).toEqual({ ok: false, problem: expect.stringContaining('codice_fiscale compare più volte') });
  });
});

describe('dates and fiscal codes', () => {
  it('takes YYYY-MM-DD and DD/MM/YYYY, and only real dates', () => {
    expect(parseDate('1984-05-14')).toBe('1984-05-14');
    expect(parseDate('14/05/1984')).toBe('1984-05-14');
    expect(parseDate('4/5/1984')).toBe('1984-05-04');
    expect(parseDate('14.05.1984')).toBe('1984-05-14');
    expect(parseDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDate('29/02/2023')).toBeNull();
    expect(parseDate('2021-13-01')).toBeNull();
    expect(parseDate('05/14/1984')).toBeNull();
    expect(parseDate('14 maggio 1984')).toBeNull();
  });

  it('says what is wrong with a fiscal code, the right check character included', () => {
    expect(fiscalCodeProblem(ERNESTO)).toBeNull();
    expect(fiscalCodeProblem('VLTRST61C12A794')).toMatch(/15 caratteri invece di 16/);
    expect(fiscalCodeProblem('1LTRST61C12A794P')).toMatch(/non ha la forma/);
    const wrong = `${ERNESTO.slice(0, 15)}${ERNESTO[15] === 'A' ? 'B' : 'A'}`;
    expect(fiscalCodeProblem(wrong)).toContain(`dovrebbe essere ${ERNESTO[15]}`);
  });
});

describe('checking a row', () => {
  it('turns a good row into the register\'s values, mapping the Italian words', () => {
    const checked = checkRow(row({ stato_civile: 'Coniugata', relazione_parentela: 'Moglie', sesso: 'femmina', cittadinanza: 'Italia',
      codice_fiscale: code('Ornella', 'Cefis', 'F', '1964-07-30', 'E507').toLowerCase(), nome: 'Ornella', cognome: 'Cefis', data_nascita: '1964-07-30',
      carta_identita_numero: 'ca 22222 bb', carta_identita_scadenza: '30/07/2029' }), { today: TODAY, columns: ALL });
    expect(checked).toEqual({
      record: {
        fiscalCode: code('Ornella', 'Cefis', 'F', '1964-07-30', 'E507'), familyName: 'Cefis', givenName: 'Ornella', sex: 'F', birthDate: '1964-07-30',
        birthPlace: 'Bergamo', citizenship: 'italiana', civilStatus: 'coniugato', address: 'Via dei Tigli 4, 24029 Castelrocca (BG)',
        residenceSince: '1990-06-01', familyId: 'CR-5001', familyRelation: 'coniuge', idCardNumber: 'CA22222BB', idCardExpiresOn: '2029-07-30',
      },
    });
  });

  it.each([
    ['celibe', 'celibe_nubile'], ['Nubile', 'celibe_nubile'], ['unita civilmente', 'unito_civilmente'], ['separata legalmente', 'separato'],
    ['divorziato', 'divorziato'], ['vedova', 'vedovo'], ['', null],
  ])('stato civile "%s" → %s', (word, value) => {
    const checked = checkRow(row({ stato_civile: word }), { today: TODAY, columns: ALL });
    expect('record' in checked && checked.record.civilStatus).toBe(value);
  });

  it.each([
    ['Intestataria', 'intestatario'], ['capofamiglia', 'intestatario'], ['marito', 'coniuge'], ['unito civilmente', 'unito_civilmente'],
    ['convivente', 'convivente'], ['figlia', 'figlio'], ['madre', 'genitore'], ['nipote', 'altro'], ['altro parente', 'altro'],
  ])('relazione "%s" → %s', (word, value) => {
    const checked = checkRow(row({ relazione_parentela: word }), { today: TODAY, columns: ALL });
    expect('record' in checked && checked.record.familyRelation).toBe(value);
  });

  it('refuses what a register cannot hold, saying why and keeping the fiscal code to find the row', () => {
    expect(reasonOf(row({ data_nascita: '2027-01-01' }))).toMatch(/data di nascita 2027-01-01 nel futuro/);
    expect(reasonOf(row({ data_nascita: '31/02/1961' }))).toMatch(/data di nascita "31\/02\/1961" non valida/);
    expect(reasonOf(row({ data_nascita: '1890-01-01' }))).toMatch(/prima del 1900/);
    expect(reasonOf(row({ residente_dal: '1950-01-01' }))).toMatch(/precedente alla nascita/);
    expect(reasonOf(row({ residente_dal: '2030-01-01' }))).toMatch(/"residente dal" 2030-01-01 nel futuro/);
    expect(reasonOf(row({ sesso: 'X' }))).toMatch(/sesso "X" non riconosciuto: scrivi M o F/);
    expect(reasonOf(row({ stato_civile: 'fidanzato' }))).toMatch(/stato civile "fidanzato" non riconosciuto/);
    expect(reasonOf(row({ relazione_parentela: 'amico' }))).toMatch(/relazione "amico" non riconosciuta/);
    expect(reasonOf(row({ nome: 'Ern3sto' }))).toMatch(/caratteri non ammessi/);
    expect(reasonOf(row({ carta_identita_scadenza: '' }))).toMatch(/manca la scadenza della carta d'identità CA11111AA/);
    expect(reasonOf(row({ carta_identita_numero: '' }))).toMatch(/c'è la scadenza della carta d'identità ma non il numero/);
    expect(reasonOf(row({ carta_identita_numero: 'XYZ' }))).toMatch(/numero di carta d'identità "XYZ" non riconosciuto/);
    expect(reasonOf(row({ carta_identita_scadenza: '2040-01-01' }))).toMatch(/oltre 11 anni/);
    // an expired card is a fact of the register, not an error
    expect(reasonOf(row({ carta_identita_numero: 'AX1234567', carta_identita_scadenza: '2020-12-01' }))).toBeNull();

    const several = checkRow(row({ cognome: '', indirizzo: '', relazione_parentela: '' }), { today: TODAY, columns: ALL });
    expect(several).toEqual({ rejected: { line: 2, fiscalCode: ERNESTO, reason: expect.stringContaining('manca il cognome') } });
    expect('rejected' in several && several.rejected.reason.split('; ')).toHaveLength(3);

    const wrongCheck = `${ERNESTO.slice(0, 15)}${ERNESTO[15] === 'A' ? 'B' : 'A'}`;
    expect(checkRow(row({ codice_fiscale: wrongCheck }), { today: TODAY, columns: ALL })).toEqual({
      rejected: { line: 2, fiscalCode: wrongCheck, reason: expect.stringContaining('carattere di controllo sbagliato') },
    });
    expect(checkRow(row({ codice_fiscale: 'ABC' }), { today: TODAY, columns: ALL })).toEqual({ rejected: { line: 2, reason: expect.stringContaining('3 caratteri') } });
  });

  it('citizenship: italiana when the file has no such column, required when it has', () => {
    const withoutColumn = ALL.filter((c) => c !== 'cittadinanza');
    const checked = checkRow(row({ cittadinanza: undefined }), { today: TODAY, columns: withoutColumn });
    expect('record' in checked && checked.record.citizenship).toBe('italiana');
    expect(reasonOf(row({ cittadinanza: '' }))).toMatch(/manca la cittadinanza/);
    const foreign = checkRow(row({ cittadinanza: 'Romena' }), { today: TODAY, columns: ALL });
    expect('record' in foreign && foreign.record.citizenship).toBe('romena');
  });
});

describe('checking the rows together', () => {
  const irene = code('Irene', 'Valoti', 'F', '2001-11-05');
  const rita = code('Rita', 'Carrara', 'F', '1999-03-03');

  it('refuses a fiscal code seen before and a second head of a sheet, naming the earlier line', () => {
    const checked = checkRows([
      row({}, 2),
      row({ codice_fiscale: irene, nome: 'Irene', sesso: 'F', data_nascita: '2001-11-05', relazione_parentela: 'figlia', stato_civile: 'nubile', residente_dal: '', carta_identita_numero: '', carta_identita_scadenza: '' }, 3),
      row({}, 5),
      row({ codice_fiscale: rita, cognome: 'Carrara', nome: 'Rita', sesso: 'F', data_nascita: '1999-03-03', stato_civile: 'nubile', residente_dal: '2020-01-01' }, 6),
    ], { today: TODAY, columns: ALL });
    expect(checked.valid.map((v) => v.line)).toEqual([2, 3]);
    expect(checked.rejected).toEqual([
      { line: 5, fiscalCode: ERNESTO, reason: expect.stringContaining('codice fiscale già presente alla riga 2') },
      { line: 6, fiscalCode: rita, reason: expect.stringContaining("la scheda di famiglia CR-5001 ha già l'intestatario della riga 2") },
    ]);
    expect(checked.headless.size).toBe(0);
  });

  it('lists the sheets that come without their head, for the register to answer', () => {
    const checked = checkRows([row({ relazione_parentela: 'coniuge', id_famiglia: 'CR-9' }, 4)], { today: TODAY, columns: ALL });
    expect([...checked.headless]).toEqual([['CR-9', [4]]]);
  });
});

describe('writing an export', () => {
  it('writes records that read back the same', () => {
    const records: RegistryRecord[] = [
      { fiscalCode: ERNESTO, familyName: 'Valoti', givenName: 'Ernesto', sex: 'M', birthDate: '1961-03-12', birthPlace: 'Bergamo', citizenship: 'italiana',
        civilStatus: 'coniugato', address: 'Via dei Tigli 4; scala "A", 24029 Castelrocca (BG)', residenceSince: '1990-06-01', familyId: 'CR-5001',
        familyRelation: 'intestatario', idCardNumber: 'CA11111AA', idCardExpiresOn: '2031-03-12' },
      { fiscalCode: code('Irene', 'Valoti', 'F', '2001-11-05'), familyName: 'Valoti', givenName: 'Irene', sex: 'F', birthDate: '2001-11-05', birthPlace: 'Bergamo',
        citizenship: 'italiana', civilStatus: null, address: 'Via dei Tigli 4; scala "A", 24029 Castelrocca (BG)', residenceSince: null, familyId: 'CR-5001',
        familyRelation: 'figlio', idCardNumber: null, idCardExpiresOn: null },
    ];
    const csv = registryCsv(records);
    expect(csv.split('\n')[0]).toBe(REGISTRY_COLUMNS.join(';'));
    expect(csv).toContain(';figlia;');
    const parsed = parseRegistryCsv(csv);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(checkRows(parsed.rows, { today: TODAY, columns: parsed.columns }).valid.map((v) => v.record)).toEqual(records);
  });
});
