/**
 * The receipt of an application (ricevuta di presentazione): an A4 PDF that says what was sent, by whom and for
 * whom, how they logged in, when it arrived and which protocol number it got, with every attachment's SHA-256,
 * and a QR code that opens the public verification page.
 *
 * A pure function of its input: the same input gives the same bytes (metadata dates come from the protocol
 * registration, font subsets carry fixed names). Fonts, page layout and the QR code come from `pdf-kit.ts`.
 */
import { PDFDocument } from 'pdf-lib';
import type { SubjectKind } from '../../../contracts/applications.ts';
import type { AnswerSection } from '../forms/answers.ts';
import {
  CONTENT_W, drawQr, embedFonts, footers, INK, italianDate, italianDateTime, MARGIN_X, MUTED, PRIMARY, rowsPanel, RULE,
  setMetadata, tableHeader, Writer, type Row, type TextStyle,
} from './pdf-kit.ts';

export { italianDate, italianDateTime } from './pdf-kit.ts';

export interface ReceiptInput {
  tenant: { name: string; fiscalCode: string; aooCode: string };
  service: { title: string; version: number };
  application: {
    code: string;
    submittedAt: Date;
    /** the person logged in who sent it */
    filerName: string;
    filerFiscalCode?: string;
    /** whom it is for (the filer themselves, a minor, a delegating client, a company) */
    subjectName: string;
    subjectFiscalCode: string;
    subjectKind: SubjectKind;
  };
  /** method `spid` | `cie` | `test`; level `SpidL1` … `SpidL3` */
  auth: { method: string; level: string };
  protocol: { number: string; year: number; registeredAt: Date };
  /** the answers, from answerSections() */
  sections: AnswerSection[];
  attachments: { requirementTitle: string; fileName: string; size: number; sha256: string }[];
  verificationCode: string;
  verificationUrl: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Words

/** "SPID livello 2", "CIE livello 3" */
export function authLabel(auth: { method: string; level: string }): string {
  const method = ({ spid: 'SPID', cie: 'CIE', test: 'Identità di prova (ambiente di test)' } as Record<string, string>)[auth.method] ?? auth.method.toUpperCase();
  const level = /^SpidL([1-3])$/.exec(auth.level);
  return level ? `${method} livello ${level[1]}` : `${method} (${auth.level})`;
}

const SUBJECT_KIND: Record<SubjectKind, string> = {
  self: '',
  minor: 'minore',
  delegation: 'su delega',
  company: 'impresa rappresentata',
};

/** 1,2 MB; 245,3 kB; 812 byte */
export function formatSize(bytes: number): string {
  const nf = (n: number) => n.toLocaleString('it-IT', { maximumFractionDigits: 1 });
  if (bytes < 1000) return `${bytes} byte`;
  if (bytes < 1_000_000) return `${nf(bytes / 1000)} kB`;
  return `${nf(bytes / 1_000_000)} MB`;
}

const protocolLine = (p: ReceiptInput['protocol']) => `Protocollo n. ${p.number} del ${italianDate(p.registeredAt)}`;

// ---------------------------------------------------------------------------------------------------------------

/** The receipt as PDF bytes. */
export async function renderReceipt(input: ReceiptInput): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);

  const { tenant, service, application: app, protocol } = input;
  const title = 'Ricevuta di presentazione della domanda';
  setMetadata(doc, {
    title: `${title} ${app.code}`,
    author: tenant.name,
    subject: `${service.title} — ${protocolLine(protocol)}`,
    keywords: ['ricevuta', app.code, `protocollo ${protocol.number}/${protocol.year}`, input.verificationCode],
    date: protocol.registeredAt,
  });

  const w = new Writer(doc, fonts, `${tenant.name} · ${title} · Domanda ${app.code} · ${protocolLine(protocol)}`);
  w.addPage();

  // The body
  w.heading(tenant.name, { font: fonts.bold, size: 17, leading: 1.2 }, { after: 2 });
  w.paragraph(`Codice fiscale ${tenant.fiscalCode} · Area organizzativa omogenea (AOO) ${tenant.aooCode}`, { font: fonts.regular, size: 9, color: MUTED }, { after: 8 });
  w.rule(1.5, PRIMARY);
  w.y -= 16;

  // What this is
  w.heading(title, { font: fonts.bold, size: 19, color: PRIMARY, leading: 1.2 }, { after: 4 });
  w.paragraph(service.title, { font: fonts.semibold, size: 12.5, leading: 1.3 });
  w.paragraph(`Servizio nella versione ${service.version}`, { font: fonts.regular, size: 9, color: MUTED }, { after: 12 });

  // The key facts, on a light panel
  const facts: Row[] = [
    { label: 'Codice della domanda', value: app.code, valueStyle: { font: fonts.monoBold, size: 10.5 } },
    { label: 'Protocollo', value: `${protocolLine(protocol)} · AOO ${tenant.aooCode}`, valueStyle: { font: fonts.semibold, size: 10.5 } },
    { label: 'Presentata il', value: italianDateTime(app.submittedAt) },
  ];
  const filer = app.filerFiscalCode ? `${app.filerName} · codice fiscale ${app.filerFiscalCode}` : app.filerName;
  const subject = `${app.subjectName} · codice fiscale ${app.subjectFiscalCode}`;
  if (app.subjectKind === 'self') {
    facts.push({ label: 'Richiedente', value: app.filerFiscalCode ? filer : subject });
  } else {
    facts.push({ label: 'Presentata da', value: filer });
    facts.push({ label: `Per conto di (${SUBJECT_KIND[app.subjectKind]})`, value: subject });
  }
  facts.push({ label: 'Autenticazione', value: authLabel(input.auth) });

  // the facts sit at the top of the first page: measure them, paint the panel, then write on it
  const factsOpts = { labelWidth: 122, x: MARGIN_X + 14, width: CONTENT_W - 26, pad: 5,
    labelStyle: { font: fonts.regular, size: 9, color: MUTED }, valueStyle: { font: fonts.regular, size: 10.5 } };
  rowsPanel(w, facts, factsOpts);
  w.y -= 18;

  // Verification: QR code with the address and code beside it
  const qrSize = 100;
  w.ensure(qrSize + 10);
  const qrTop = w.y;
  drawQr(w.page, input.verificationUrl, MARGIN_X, qrTop - qrSize, qrSize);
  const textX = MARGIN_X + qrSize + 16;
  const textW = CONTENT_W - qrSize - 16;
  w.y = qrTop - 6;
  w.paragraph("Verifica l'autenticità di questa ricevuta", { font: fonts.bold, size: 11, color: PRIMARY }, { x: textX, width: textW, after: 2 });
  w.paragraph(`Inquadra il codice QR oppure apri l'indirizzo:`, { font: fonts.regular, size: 9 }, { x: textX, width: textW });
  w.paragraph(input.verificationUrl, { font: fonts.mono, size: 8.5, color: PRIMARY }, { x: textX, width: textW, after: 4 });
  w.paragraph('Codice di verifica', { font: fonts.regular, size: 9 }, { x: textX, width: textW });
  w.paragraph(input.verificationCode, { font: fonts.monoBold, size: 13 }, { x: textX, width: textW, after: 3 });
  w.paragraph(
    "La pagina di verifica conferma l'ente, il servizio, il protocollo e l'impronta del documento, senza mostrare dati personali.",
    { font: fonts.regular, size: 8, color: MUTED }, { x: textX, width: textW },
  );
  w.y = Math.min(w.y, qrTop - qrSize) - 18;

  // The data sent
  const sectionHead: TextStyle = { font: fonts.bold, size: 13, color: PRIMARY, leading: 1.25 };
  const stepHead: TextStyle = { font: fonts.semibold, size: 11, leading: 1.3 };
  const rowLabel: TextStyle = { font: fonts.regular, size: 9, color: MUTED };
  const rowValue: TextStyle = { font: fonts.regular, size: 10 };
  w.heading('Dati inviati', sectionHead, { after: 2, keepWith: 50 });
  if (input.sections.length === 0) w.paragraph('Nessun dato compilato.', rowValue, { after: 6 });
  for (const section of input.sections) {
    w.heading(section.title, stepHead, { before: 6, after: 1, keepWith: 24 });
    w.rule(0.6, RULE);
    w.continued = () => {
      w.heading(`${section.title} (segue)`, stepHead, { after: 1 });
      w.rule(0.6, RULE);
    };
    w.rows(section.rows, { labelWidth: 170, labelStyle: rowLabel, valueStyle: rowValue, pad: 3.5 });
    w.continued = null;
  }

  // The attachments
  w.heading('Allegati', sectionHead, { before: 18, after: 4, keepWith: 60 });
  if (input.attachments.length === 0) {
    w.paragraph('Nessun allegato.', rowValue);
  } else {
    attachmentsTable(w, input.attachments);
  }

  // Closing note
  w.y -= 14;
  w.paragraph(
    `Questa ricevuta attesta che ${tenant.name} ha ricevuto la domanda e l'ha registrata al protocollo. ` +
      "Conservala: il codice della domanda e il numero di protocollo servono in ogni comunicazione con l'ufficio. " +
      "L'impronta SHA-256 di ogni allegato permette di controllare che il file conservato sia quello inviato.",
    { font: fonts.regular, size: 8.5, color: MUTED, leading: 1.4 },
  );

  // Footers, now that the number of pages is known
  footers(w, `Domanda ${app.code} · ${protocolLine(protocol)} · Codice di verifica ${input.verificationCode}`);

  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

function attachmentsTable(w: Writer, attachments: ReceiptInput['attachments']) {
  const f = w.fonts;
  const head: TextStyle = { font: f.semibold, size: 8.5, color: MUTED };
  const cell: TextStyle = { font: f.regular, size: 9.5 };
  const title: TextStyle = { font: f.semibold, size: 9.5 };
  const hashLabel: TextStyle = { font: f.regular, size: 8, color: MUTED };
  const hash: TextStyle = { font: f.mono, size: 8, color: INK };
  const cols = [
    { label: 'Documento', x: MARGIN_X, width: 170 },
    { label: 'Nome del file', x: MARGIN_X + 180, width: 228 },
    { label: 'Dimensione', x: MARGIN_X + 418, width: CONTENT_W - 418 },
  ];
  const header = () => tableHeader(w, cols, head);
  const hashX = MARGIN_X + w.width('SHA-256', hashLabel) + 6;
  const hashW = CONTENT_W - (hashX - MARGIN_X);
  w.ensure(60);
  header();
  w.continued = () => {
    w.heading('Allegati (segue)', { font: f.bold, size: 13, color: PRIMARY, leading: 1.25 }, { after: 4 });
    header();
  };
  for (const a of attachments) {
    const tLines = w.wrap(a.requirementTitle, title, cols[0].width);
    const nLines = w.wrap(a.fileName, cell, cols[1].width);
    const sLines = w.wrap(formatSize(a.size), cell, cols[2].width);
    const hLines = w.wrap(a.sha256, hash, hashW);
    const lh = w.lineHeight(cell);
    const hlh = w.lineHeight(hash);
    const textLines = Math.max(tLines.length, nLines.length, sLines.length);
    w.ensure(textLines * lh + hLines.length * hlh + 14);
    const top = w.y;
    tLines.forEach((l, i) => w.drawLine(l, title, cols[0].x, top - i * lh));
    nLines.forEach((l, i) => w.drawLine(l, cell, cols[1].x, top - i * lh));
    sLines.forEach((l, i) => w.drawLine(l, cell, cols[2].x, top - i * lh));
    w.y = top - textLines * lh - 1;
    w.drawLine('SHA-256', hashLabel, MARGIN_X, w.y, hash.size * 0.98);
    for (const l of hLines) {
      w.drawLine(l, hash, hashX, w.y);
      w.y -= hlh;
    }
    w.y -= 5;
    w.rule(0.4, RULE);
    w.y -= 6;
  }
  w.continued = null;
}
