import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceForm } from '../src/contracts/forms.ts';
import {
  newVerificationCode,
  normaliseVerificationCode,
  VERIFICATION_ALPHABET,
  verificationUrl,
} from '../src/server/modules/documents/documents.service.ts';
import { renderReceipt, type ReceiptInput } from '../src/server/modules/documents/receipt.pdf.ts';
import { answerSections } from '../src/server/modules/forms/answers.ts';

const run = promisify(execFile);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A change of residence with a large family, filed by a mother for her minor son: enough answers for two pages. */
const form: ServiceForm = {
  schema: {
    type: 'object',
    properties: {
      richiedente: {
        type: 'object',
        properties: {
          nome: { type: 'string', title: 'Nome' },
          cognome: { type: 'string', title: 'Cognome' },
          codiceFiscale: { type: 'string', title: 'Codice fiscale' },
          dataNascita: { type: 'string', format: 'date', title: 'Data di nascita' },
          luogoNascita: { type: 'string', title: 'Luogo di nascita' },
          email: { type: 'string', title: 'Email' },
          telefono: { type: 'string', title: 'Telefono' },
        },
      },
      nuovaResidenza: {
        type: 'object',
        properties: {
          indirizzo: {
            type: 'object',
            title: 'Indirizzo',
            properties: { via: { type: 'string', title: 'Via o piazza' }, civico: { type: 'string', title: 'Numero civico' }, interno: { type: 'string', title: 'Interno' } },
          },
          titolo: { type: 'string', title: "Titolo di occupazione dell'alloggio", oneOf: [{ const: 'affitto', title: 'Locazione' }, { const: 'proprieta', title: 'Proprietà' }] },
          contratto: { type: 'string', title: 'Estremi del contratto di locazione registrato' },
          dataDecorrenza: { type: 'string', format: 'date', title: 'Data da cui abiti il nuovo alloggio' },
          note: { type: 'string', title: "Note per l'ufficio" },
        },
      },
      famiglia: {
        type: 'object',
        properties: {
          componenti: {
            type: 'array',
            items: {
              type: 'object',
              title: 'Componente',
              properties: { nome: { type: 'string', title: 'Nome e cognome' }, codiceFiscale: { type: 'string', title: 'Codice fiscale' }, nascita: { type: 'string', format: 'date', title: 'Nato il' } },
            },
          },
          consenso: { type: 'boolean', title: 'Dichiaro che i dati sono veritieri (art. 76 DPR 445/2000)' },
        },
      },
    },
  },
  uiSchema: {},
  steps: [
    { id: 'richiedente', title: 'Richiedente' },
    { id: 'nuovaResidenza', title: 'Nuova residenza' },
    { id: 'famiglia', title: 'Persone che si trasferiscono' },
  ],
  prefill: {},
  attachments: [],
  limits: { maxFiles: 10, maxTotalMb: 20 },
};

const NAMES = ['Ngozi', 'Ōtani', 'Đorđe', 'Zoë', 'Łucja', 'Şükrü', 'Ærøskøbing', 'Miloš', 'Ana', 'Jiří', 'Chiara', 'Tomás'];
const data = {
  richiedente: {
    nome: 'Ngozi', cognome: 'Đorđević', codiceFiscale: 'DRDNGZ85T52Z148X', dataNascita: '1985-12-12', luogoNascita: 'Beograd (Serbia)',
    email: 'ngozi.dordevic@example.org', telefono: '+39 333 1234567',
  },
  nuovaResidenza: {
    indirizzo: { via: 'Via Giuseppe Garibaldi', civico: '12/B', interno: '4' },
    titolo: 'affitto',
    contratto: 'Contratto registrato presso Agenzia delle Entrate di Bergamo, n. 1234 serie 3T del 02/09/2026',
    dataDecorrenza: '2026-11-01',
    note: Array.from({ length: 12 }, () => "L'appartamento è al quarto piano, scala B; il citofono riporta il nome del proprietario. ").join(''),
  },
  famiglia: {
    componenti: NAMES.map((n, i) => ({ nome: `${n} Đorđević`, codiceFiscale: `DRD${'ABCDEFGHIJKL'[i]}NG${String(10 + i)}A01Z148X`.slice(0, 16), nascita: `20${String(10 + i).padStart(2, '0')}-0${(i % 9) + 1}-1${i % 9}` })),
    consenso: true,
  },
};

const ATTACHMENTS = [
  { requirementTitle: "Documento d'identità del richiedente", fileName: 'carta-identita-fronte-retro.pdf', size: 1_245_678, sha256: sha('identità') },
  { requirementTitle: 'Contratto di locazione registrato', fileName: 'contratto_locazione_via_garibaldi_12B_registrato_agenzia_entrate.pdf', size: 3_456_789, sha256: sha('contratto') },
  { requirementTitle: 'Permesso di soggiorno', fileName: 'permesso.jpg', size: 845_120, sha256: sha('permesso') },
];

const input: ReceiptInput = {
  tenant: { name: 'Comune di Castelrocca', fiscalCode: '00123450167', aooCode: 'c_x123' },
  service: { title: 'Cambio di residenza e di abitazione', version: 3 },
  application: {
    code: 'CR-2026-7KQ4M2',
    submittedAt: new Date('2026-11-23T13:05:12Z'), // 14:05:12 in Rome
    filerName: 'Ngozi Đorđević',
    filerFiscalCode: 'DRDNGZ85T52Z148X',
    subjectName: 'Ōtani Đorđević',
    subjectFiscalCode: 'DRDTNO15A01Z148Y',
    subjectKind: 'minor',
  },
  auth: { method: 'spid', level: 'SpidL2' },
  protocol: { number: '0000042', year: 2026, registeredAt: new Date('2026-11-23T13:05:14Z') },
  sections: answerSections(form, data),
  attachments: ATTACHMENTS,
  verificationCode: 'K7QM-4ZPA-X9TD',
  verificationUrl: verificationUrl('https://sportello.comune.castelrocca.it', 'K7QM-4ZPA-X9TD'),
};

async function pdfText(pdf: Buffer): Promise<{ pages: string[] }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  await doc.destroy();
  return { pages };
}

describe('receipt PDF', () => {
  let pdf: Buffer;
  let pages: string[];
  let all: string;
  let dir: string;
  beforeAll(async () => {
    pdf = await renderReceipt(input);
    ({ pages } = await pdfText(pdf));
    all = pages.join('\n');
    dir = await mkdtemp(path.join(tmpdir(), 'receipt-'));
    await writeFile(path.join(dir, 'receipt.pdf'), pdf);
  });

  it('is an A4 PDF whose long content flows onto numbered pages', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((p, i) => expect(p).toContain(`Pagina ${i + 1} di ${pages.length}`));
  });

  it('says who issued it, what it is, the protocol number and date, the code, the time and how the filer logged in', () => {
    expect(all).toContain('Comune di Castelrocca');
    expect(all).toContain('00123450167');
    expect(all).toContain('Ricevuta di presentazione della domanda');
    expect(all).toContain('Cambio di residenza e di abitazione');
    expect(all).toContain('Protocollo n. 0000042 del 23/11/2026');
    expect(all).toContain('c_x123');
    expect(all).toContain('CR-2026-7KQ4M2');
    expect(all).toContain('23/11/2026 alle 14:05:12');
    expect(all).toContain('SPID livello 2');
    expect(all).toContain('K7QM-4ZPA-X9TD');
  });

  it('prints names outside Latin-1 as written, and the data sent with their labels', () => {
    expect(all).toContain('Ngozi Đorđević');
    expect(all).toContain('Ōtani Đorđević');
    expect(all).toContain('Łucja Đorđević');
    expect(all).toContain('Şükrü Đorđević');
    expect(all).toContain("Titolo di occupazione dell'alloggio");
    expect(all).toContain('Locazione');
    expect(all).toContain('Componente 12');
    expect(all).toContain('Indirizzo › Via o piazza');
  });

  it('lists every attachment with its full SHA-256', () => {
    const flat = all.replace(/\s+/g, '');
    for (const a of ATTACHMENTS) {
      expect(all).toContain(a.requirementTitle);
      expect(flat).toContain(a.sha256);
    }
    expect(all).toContain('1,2 MB');
  });

  it('carries metadata and gives the same bytes for the same input', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getAuthor()).toBe('Comune di Castelrocca');
    expect(doc.getTitle()).toContain('CR-2026-7KQ4M2');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-23T13:05:14.000Z');
    const again = await renderReceipt(input);
    expect(again.equals(pdf)).toBe(true);
  });

  it('has a QR code on the first page that opens the verification page', async () => {
    if (!existsSync('/usr/bin/pdftoppm')) throw new Error('pdftoppm is missing: apt-get install -y poppler-utils');
    const out = path.join(dir, 'page1');
    await run('/usr/bin/pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-singlefile', '-png', path.join(dir, 'receipt.pdf'), out]);
    const png = PNG.sync.read(await readFile(`${out}.png`));
    if (process.env.RECEIPT_PNG) await writeFile(process.env.RECEIPT_PNG, PNG.sync.write(png));
    const qr = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    expect(qr?.data).toBe('https://sportello.comune.castelrocca.it/verify/K7QM-4ZPA-X9TD');
  });
});

describe('receipt PDF, short', () => {
  it('fits one page for an application filed for oneself with no attachments, and prints what the fonts lack without failing', async () => {
    const pdf = await renderReceipt({
      ...input,
      application: { ...input.application, filerName: 'Анна Ǎlvarez', filerFiscalCode: undefined, subjectName: 'Анна Ǎlvarez', subjectKind: 'self' },
      auth: { method: 'cie', level: 'SpidL3' },
      sections: [{ title: 'Richiedente', rows: [{ label: 'Email', value: 'anna@example.org' }] }],
      attachments: [],
    });
    const { pages } = await pdfText(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Pagina 1 di 1');
    expect(pages[0]).toContain('CIE livello 3');
    expect(pages[0]).toContain('Nessun allegato.');
    expect(pages[0]).toContain('Richiedente');
    expect(pages[0]).not.toContain('Per conto di');
    // Cyrillic is outside the fonts' Latin Extended set: a question mark, never an empty box; Ǎ loses its accent
    expect(pages[0]).toContain('???? Alvarez');
  });
});

describe('verification codes', () => {
  it('are 12 characters without look-alikes, in groups of four, and do not repeat over 10,000 draws', () => {
    const seen = new Set<string>();
    const pattern = new RegExp(`^[${VERIFICATION_ALPHABET}]{4}-[${VERIFICATION_ALPHABET}]{4}-[${VERIFICATION_ALPHABET}]{4}$`);
    for (let i = 0; i < 10_000; i++) {
      const code = newVerificationCode();
      expect(code).toMatch(pattern);
      seen.add(code);
    }
    expect(seen.size).toBe(10_000);
    expect(VERIFICATION_ALPHABET).not.toMatch(/[01IO]/);
  });

  it('are read as typed: lower case, without dashes, with spaces', () => {
    expect(normaliseVerificationCode('k7qm4zpax9td')).toBe('K7QM-4ZPA-X9TD');
    expect(normaliseVerificationCode('K7QM 4ZPA X9TD')).toBe('K7QM-4ZPA-X9TD');
    expect(normaliseVerificationCode('K7QM-4ZPA-X9T')).toBeNull();
    expect(normaliseVerificationCode('K7QM-4ZPA-X9T0')).toBeNull();
  });
});
