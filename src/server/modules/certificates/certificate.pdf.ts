/**
 * A registry certificate (residence, family status, registry record) as an A4 PDF laid out like the body's other
 * documents (`documents/pdf-kit.ts`): the body's letterhead, the title, what the register says about the person
 * (or the whole family sheet), the day of issue and how long it may be used, what it may be used for, and a QR
 * code with the code that opens the public verification page. Signed PAdES with the body's certificate
 * (platform/signing.ts), as the responses to applications are.
 *
 * Everything printed comes from `CertificateContent`, which is stored with the certificate and is all the public
 * verification shows. A pure function of its input: the same input (and certificate) gives the same bytes.
 */
import { PDFDocument } from 'pdf-lib';
import type { CertificateContent, CertifiedPerson } from '../../../contracts/certificates.ts';
import type { DocumentSigner } from '../../platform/signing.ts';
import { verificationUrl } from '../documents/documents.service.ts';
import {
  CONTENT_W, embedFonts, footers, italianDate, letterhead, MARGIN_X, MUTED, PRIMARY, rowsPanel, RULE, setMetadata, signDocument, tableHeader,
  verificationClosing, Writer, type LetterheadBody, type LetterheadOffice, type Row, type TextStyle,
} from '../documents/pdf-kit.ts';
import { gendered } from './certificate-content.ts';

export interface CertificateInput {
  content: CertificateContent;
  /** the body's contacts for the letterhead (its name and fiscal code are in the content) */
  tenant: Omit<LetterheadBody, 'name' | 'fiscalCode'>;
  /** the office that keeps the register: its address heads the certificate; null: the body's contacts only */
  office: LetterheadOffice | null;
  /** the instant of issue: the PDF's dates and the signature's claimed time */
  issuedAt: Date;
  verificationCode: string;
  /** PUBLIC_URL: the QR code opens PUBLIC_URL/verify/<code> */
  publicUrl: string;
}

/** What every certificate says about its use (art. 40, comma 02, DPR 445/2000 wants the first sentence on it). */
export const USE_NOTICE = [
  'Il presente certificato non può essere prodotto agli organi della pubblica amministrazione o ai privati gestori di pubblici servizi (art. 40, comma 02, DPR 445/2000).',
  "Serve nei rapporti con i privati (per esempio banche, assicurazioni, notai, datori di lavoro privati). Con le pubbliche amministrazioni e i gestori di pubblici servizi si usa l'autocertificazione (art. 46 DPR 445/2000).",
  "Certificato emesso online dall'anagrafe del Comune su richiesta dell'interessato o di chi ne ha la responsabilità genitoriale: per il rilascio online non sono dovuti l'imposta di bollo né i diritti di segreteria.",
];

const bornWord = (sex: CertifiedPerson['sex']) => gendered(sex, 'Nato', 'Nata');
const fullName = (p: CertifiedPerson) => `${p.familyName} ${p.givenName}`;
const isoDay = (day: string) => italianDate(new Date(`${day}T12:00:00Z`));

/** The certificate as a pdf-lib document, every page drawn, not yet saved. */
async function compose(input: CertificateInput): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const { content } = input;
  const issued = `Emesso il ${isoDay(content.issuedOn)}`;

  setMetadata(doc, {
    title: `${content.title} · ${fullName(content.person)}`,
    author: content.body.name,
    subject: `${content.title} · ${issued} · Codice di verifica ${input.verificationCode}`,
    keywords: ['certificato anagrafico', content.kind, input.verificationCode],
    date: input.issuedAt,
  });

  const w = new Writer(doc, fonts, `${content.body.name} · ${content.title} · ${issued}`);
  w.addPage();
  letterhead(w, { ...input.tenant, name: content.body.name, fiscalCode: content.body.fiscalCode }, input.office, 18);

  // What this is
  w.heading(content.title, { font: fonts.bold, size: 20, color: PRIMARY, leading: 1.2 }, { after: 2 });
  w.paragraph("dagli atti dell'anagrafe della popolazione residente (DPR 223/1989)", { font: fonts.regular, size: 9.5, color: MUTED }, { after: 14 });

  const body: TextStyle = { font: fonts.regular, size: 10.5, leading: 1.45 };
  const person = content.person;
  const rowsOpts = {
    labelWidth: 150, x: MARGIN_X + 14, width: CONTENT_W - 26, pad: 5,
    labelStyle: { font: fonts.regular, size: 9, color: MUTED }, valueStyle: { font: fonts.regular, size: 10.5 },
  };

  if (content.kind === 'family') {
    w.paragraph(
      `Si certifica che, secondo le risultanze dell'anagrafe, la famiglia anagrafica di ${person.givenName} ${person.familyName} ` +
        `(codice fiscale ${person.fiscalCode}) risiede in ${content.residence.address} ed è così composta:`,
      body, { after: 10 },
    );
    familyTable(w, content.family ?? []);
  } else {
    w.paragraph(
      content.kind === 'residence'
        ? "Si certifica che, secondo le risultanze dell'anagrafe, la persona qui indicata risulta residente in questo Comune all'indirizzo riportato."
        : "Si certifica che, secondo le risultanze dell'anagrafe, la persona qui indicata risulta iscritta nell'anagrafe della popolazione residente di questo Comune con i dati seguenti.",
      body, { after: 10 },
    );
    const rows: Row[] = [
      { label: 'Cognome', value: person.familyName, valueStyle: { font: fonts.semibold, size: 11.5 } },
      { label: 'Nome', value: person.givenName, valueStyle: { font: fonts.semibold, size: 11.5 } },
    ];
    if (content.kind === 'registry' && person.sex) rows.push({ label: 'Sesso', value: person.sex === 'M' ? 'maschile' : 'femminile' });
    rows.push({ label: `${bornWord(person.sex)} a`, value: person.birthPlace });
    rows.push({ label: `${bornWord(person.sex)} il`, value: isoDay(person.birthDate) });
    rows.push({ label: 'Codice fiscale', value: person.fiscalCode, valueStyle: { font: fonts.mono, size: 10.5 } });
    if (content.kind === 'registry') {
      if (person.citizenship) rows.push({ label: 'Cittadinanza', value: person.citizenship });
      if (person.civilStatus) rows.push({ label: 'Stato civile', value: person.civilStatus });
    }
    rows.push({ label: 'Indirizzo di residenza', value: content.residence.address });
    if (content.kind === 'registry' && content.residence.since) rows.push({ label: 'Residente nel Comune dal', value: isoDay(content.residence.since) });
    rowsPanel(w, rows, rowsOpts);
  }

  // When, and for how long
  w.y -= 14;
  w.paragraph(`${issued}. Valido fino al ${isoDay(content.validUntil)} (sei mesi dal rilascio, art. 41 DPR 445/2000).`,
    { font: fonts.semibold, size: 10.5, leading: 1.4 }, { after: 10 });

  // What it may be used for
  w.heading('Uso del certificato', { font: fonts.bold, size: 11, color: PRIMARY, leading: 1.3 }, { after: 3, keepWith: 60 });
  for (const line of USE_NOTICE) w.paragraph(line, { font: fonts.regular, size: 9, leading: 1.4 }, { after: 4 });

  closing(w, input);

  // Footers, now that the number of pages is known
  footers(w, `${content.body.name} · ${content.title} · ${issued} · Codice di verifica ${input.verificationCode}`);
  return doc;
}

/** Everyone on the family sheet: name and relation, birth, fiscal code; a row never splits across pages. */
function familyTable(w: Writer, members: NonNullable<CertificateContent['family']>) {
  const f = w.fonts;
  const head: TextStyle = { font: f.semibold, size: 8.5, color: MUTED };
  const name: TextStyle = { font: f.semibold, size: 10.5 };
  const cell: TextStyle = { font: f.regular, size: 9.5 };
  const small: TextStyle = { font: f.regular, size: 8.5, color: MUTED };
  const mono: TextStyle = { font: f.mono, size: 9 };
  const cols = [
    { label: 'Cognome e nome · relazione', x: MARGIN_X, width: 180 },
    { label: 'Luogo e data di nascita', x: MARGIN_X + 190, width: 165 },
    { label: 'Codice fiscale', x: MARGIN_X + 365, width: CONTENT_W - 365 },
  ];
  const header = () => tableHeader(w, cols, head);
  w.ensure(60);
  header();
  w.continued = () => {
    w.heading('Composizione della famiglia (segue)', { font: f.bold, size: 11, color: PRIMARY, leading: 1.3 }, { after: 4 });
    header();
  };
  for (const m of members) {
    const nLines = [...w.wrap(fullName(m), name, cols[0].width).map((t) => [t, name] as const), ...w.wrap(m.relation, small, cols[0].width).map((t) => [t, small] as const)];
    const bLines = w.wrap(`${m.birthPlace}, ${isoDay(m.birthDate)}`, cell, cols[1].width);
    const cLines = w.wrap(m.fiscalCode, mono, cols[2].width);
    const height = Math.max(nLines.reduce((h, [, s]) => h + w.lineHeight(s), 0), bLines.length * w.lineHeight(cell), cLines.length * w.lineHeight(mono));
    w.ensure(height + 12);
    const top = w.y;
    let y = top;
    for (const [t, s] of nLines) {
      w.drawLine(t, s, cols[0].x, y);
      y -= w.lineHeight(s);
    }
    bLines.forEach((t, i) => w.drawLine(t, cell, cols[1].x, top - i * w.lineHeight(cell), name.size * 0.98));
    cLines.forEach((t, i) => w.drawLine(t, mono, cols[2].x, top - i * w.lineHeight(mono), name.size * 0.98));
    w.y = top - height - 4;
    w.rule(0.4, RULE);
    w.y -= 6;
  }
  w.continued = null;
  w.paragraph(`Componenti della famiglia anagrafica: ${members.length}.`, { font: f.regular, size: 9, color: MUTED }, { after: 2 });
}

/** The closing: the verification block (pdf-kit) with, on the right, who issued it and the statement of the seal. */
function closing(w: Writer, input: CertificateInput) {
  const f = w.fonts;
  const { body } = input.content;
  verificationClosing(w, {
    url: verificationUrl(input.publicUrl, input.verificationCode),
    code: input.verificationCode,
    qrSize: 92,
    before: 16,
    right: [
      [`Per ${body.name}`, { font: f.regular, size: 9.5, color: MUTED }, 0],
      [body.office ?? "L'ufficio anagrafe", { font: f.semibold, size: 10.5, leading: 1.3 }, 0],
      ["Documento firmato digitalmente con il sigillo elettronico dell'ente ai sensi del D.Lgs. 82/2005 (CAD)", { font: f.regular, size: 8.5, color: MUTED }, 0],
    ],
  });
}

/** The unsigned PDF (a preview of what will be signed). */
export async function renderCertificate(input: CertificateInput): Promise<Uint8Array> {
  return (await compose(input)).save({ useObjectStreams: true });
}

/** The signed PDF and its SHA-256 (hex). The signature's claimed time is the instant of issue. */
export async function issueSignedCertificate(input: CertificateInput, signer: DocumentSigner): Promise<{ pdf: Buffer; sha256: string }> {
  const doc = await compose(input);
  const { content, office } = input;
  return signDocument(doc, signer, {
    signedAt: input.issuedAt,
    reason: `${content.title} (codice di verifica ${input.verificationCode})`,
    body: { ...input.tenant, name: content.body.name },
    office,
  });
}
