/**
 * The document a body issues on an application: the response with its outcome (provvedimento di accoglimento o
 * di rigetto) or a notice (comunicazione). An A4 letter: the body's letterhead, the outgoing protocol number,
 * the recipient, place and date, "Oggetto:", the text the caller filled in from the service's template, the
 * outcome in evidence with its motivation, how to appeal, the responsible officer, and a QR code with the code
 * that opens the public verification page. Signed with the body's certificate (PAdES, platform/signing.ts).
 *
 * A pure function of its input: the same input (and the same certificate) gives the same bytes. Dates are the
 * outgoing protocol registration's; the signature's claimed time too.
 */
import { PDFDocument, rgb, type RGB } from 'pdf-lib';
import type { DocumentSigner } from '../../platform/signing.ts';
import { verificationUrl } from './documents.service.ts';
import {
  A4, CONTENT_W, embedFonts, footers, italianDate, letterhead, MARGIN_X, MUTED, PANEL, PRIMARY, setMetadata, signDocument,
  verificationClosing, Writer, type ClosingLine, type LetterheadBody, type LetterheadOffice, type TextStyle,
} from './pdf-kit.ts';

export interface ResponseInput {
  /** response: the outcome of the application; notice: any other communication on it */
  kind: 'response' | 'notice';
  tenant: LetterheadBody;
  /** the office that handled the application (its address heads the letter); null: the body's contacts only */
  office: LetterheadOffice | null;
  /** the outgoing protocol registration of this document */
  protocol: { number: string; year: number; registeredAt: Date };
  application: {
    code: string;
    serviceTitle: string;
    submittedAt: Date;
    /** the application's own (incoming) protocol registration */
    incomingProtocol?: { number: string; year: number } | null;
  };
  /** whom the application is about: the addressee */
  subject: { name: string; fiscalCode: string };
  /** who filed it, when not the subject (a parent, a professional with a delegation, a legal representative) */
  filer?: { name: string; fiscalCode?: string | null } | null;
  /** what follows "Oggetto:" */
  title: string;
  /** the text, already filled in: paragraphs separated by blank lines, single newlines kept */
  body: string;
  /** the outcome, printed in evidence (responses) */
  decision?: 'approved' | 'rejected';
  motivation?: string | null;
  /** the responsible officer (responsabile del procedimento) */
  officer?: { name: string; role?: string | null } | null;
  /**
   * How to appeal (L. 241/1990, art. 3, comma 4: a decision says to whom and by when). Responses print the
   * ordinary remedies unless this gives another text; false prints none (a notice prints none either way).
   */
  appeal?: string | false;
  verificationCode: string;
  /** PUBLIC_URL: the QR code opens PUBLIC_URL/verify/<code> */
  publicUrl: string;
}

export const DEFAULT_APPEAL =
  'Contro questo provvedimento è possibile presentare ricorso al Tribunale amministrativo regionale (TAR) competente ' +
  'entro 60 giorni dalla comunicazione, oppure ricorso straordinario al Presidente della Repubblica entro 120 giorni ' +
  '(art. 3, comma 4, della legge 241/1990).';

const DECISION = {
  approved: { label: 'ACCOLTA', sentence: 'è accolta', color: rgb(0, 0.42, 0.27) },
  rejected: { label: 'RESPINTA', sentence: 'è respinta', color: rgb(0.68, 0.08, 0.17) },
} satisfies Record<string, { label: string; sentence: string; color: RGB }>;

/** "Prot. n. 0000123 del 24/11/2026" */
export const protocolReference = (p: ResponseInput['protocol']) => `Prot. n. ${p.number} del ${italianDate(p.registeredAt)}`;

const paragraphsOf = (text: string) => text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n+/).map((p) => p.trim()).filter(Boolean);

/** The response or notice as a pdf-lib document, every page drawn, not yet saved. */
async function compose(input: ResponseInput): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const { tenant, office, protocol, application: app } = input;
  const reference = protocolReference(protocol);

  setMetadata(doc, {
    title: input.title,
    author: tenant.name,
    subject: `${app.serviceTitle} · Domanda ${app.code} · ${reference}`,
    keywords: [input.kind === 'response' ? 'provvedimento' : 'comunicazione', app.code, `protocollo ${protocol.number}/${protocol.year}`, input.verificationCode],
    date: protocol.registeredAt,
  });

  const w = new Writer(doc, fonts, `${tenant.name} · ${input.title} · ${reference}`);
  w.addPage();

  letterhead(w, tenant, office, 16);
  references(w, input);

  // Place and date, on the right
  const dated = office ? `${office.city}, ${italianDate(protocol.registeredAt)}` : italianDate(protocol.registeredAt);
  const dateStyle: TextStyle = { font: fonts.regular, size: 10.5 };
  const dateText = w.clean(dated, dateStyle.font);
  w.drawLine(dateText, dateStyle, A4[0] - MARGIN_X - w.width(dateText, dateStyle), w.y);
  w.y -= w.lineHeight(dateStyle) + 14;

  // Oggetto: the title with a hanging indent
  const labelStyle: TextStyle = { font: fonts.bold, size: 11, leading: 1.35 };
  const titleStyle: TextStyle = { font: fonts.semibold, size: 11, leading: 1.35 };
  const label = 'Oggetto:';
  const indent = w.width(label, labelStyle) + 6;
  const titleLines = w.wrap(input.title, titleStyle, CONTENT_W - indent);
  w.ensure(titleLines.length * w.lineHeight(titleStyle) + 40);
  w.drawLine(label, labelStyle, MARGIN_X, w.y);
  for (const line of titleLines) {
    w.drawLine(line, titleStyle, MARGIN_X + indent, w.y);
    w.y -= w.lineHeight(titleStyle);
  }
  w.paragraph(`${app.serviceTitle} · domanda ${app.code} presentata il ${italianDate(app.submittedAt)}`,
    { font: fonts.regular, size: 9, color: MUTED }, { x: MARGIN_X + indent, after: 14 });

  if (input.kind === 'response' && input.decision) decisionPanel(w, input, input.decision);

  // The text
  const bodyStyle: TextStyle = { font: fonts.regular, size: 10.5, leading: 1.45 };
  for (const p of paragraphsOf(input.body)) w.paragraph(p, bodyStyle, { after: 7 });

  if (input.motivation?.trim()) {
    w.heading('Motivazione', { font: fonts.bold, size: 11.5, color: PRIMARY, leading: 1.3 }, { before: 6, after: 3, keepWith: 30 });
    for (const p of paragraphsOf(input.motivation)) w.paragraph(p, bodyStyle, { after: 7 });
  }

  const appeal = input.kind === 'response' && input.appeal !== false ? (input.appeal ?? DEFAULT_APPEAL) : null;
  if (appeal) {
    w.y -= 4;
    w.paragraph(appeal, { font: fonts.regular, size: 9, color: MUTED, leading: 1.4 }, { after: 6 });
  }

  closing(w, input);

  // Footers, now that the number of pages is known
  footers(w, `${tenant.name} · ${reference} · Codice di verifica ${input.verificationCode}`);
  return doc;
}

/** The protocol reference and the application it answers on the left; the addressee on the right. */
function references(w: Writer, input: ResponseInput) {
  const f = w.fonts;
  const { protocol, application: app, subject, filer } = input;
  const top = w.y;
  const small: TextStyle = { font: f.regular, size: 8.5, color: MUTED };
  const text: TextStyle = { font: f.regular, size: 9.5 };
  const leftW = 250;
  const rightX = MARGIN_X + 270;
  const rightW = CONTENT_W - 270;

  w.paragraph(protocolReference(protocol), { font: f.semibold, size: 11 }, { width: leftW });
  w.paragraph(`Protocollo in uscita${input.tenant.aooCode ? ` · AOO ${input.tenant.aooCode}` : ''}`, small, { width: leftW, after: 6 });
  w.paragraph(`Domanda ${app.code} del ${italianDate(app.submittedAt)}`, text, { width: leftW });
  if (app.incomingProtocol) {
    w.paragraph(`Protocollo in entrata n. ${app.incomingProtocol.number}/${app.incomingProtocol.year}`, text, { width: leftW });
  }
  const leftBottom = w.y;

  w.y = top;
  w.paragraph('Destinatario', small, { x: rightX, width: rightW, after: 1 });
  w.paragraph(subject.name, { font: f.semibold, size: 11.5, leading: 1.3 }, { x: rightX, width: rightW });
  w.paragraph(`Codice fiscale ${subject.fiscalCode}`, text, { x: rightX, width: rightW });
  if (filer && filer.name !== subject.name) {
    w.paragraph(`Domanda presentata da ${filer.name}${filer.fiscalCode ? ` (codice fiscale ${filer.fiscalCode})` : ''}`, { ...text, color: MUTED }, { x: rightX, width: rightW });
  }
  w.y = Math.min(w.y, leftBottom) - 16;
}

/** "Esito della domanda: ACCOLTA" on a panel with a coloured bar, and the sentence that says it in words. */
function decisionPanel(w: Writer, input: ResponseInput, decision: keyof typeof DECISION) {
  const f = w.fonts;
  const d = DECISION[decision];
  const sentence = `La domanda ${input.application.code} ${d.sentence}.`;
  const x = MARGIN_X + 16;
  const width = CONTENT_W - 28;
  const sentenceStyle: TextStyle = { font: f.regular, size: 10.5 };
  const height = 12 + w.lineHeight({ font: f.regular, size: 9 }) + w.lineHeight({ font: f.bold, size: 18, leading: 1.15 }) + w.wrap(sentence, sentenceStyle, width).length * w.lineHeight(sentenceStyle) + 10;
  w.ensure(height + 10);
  w.page.drawRectangle({ x: MARGIN_X, y: w.y - height, width: CONTENT_W, height, color: PANEL });
  w.page.drawRectangle({ x: MARGIN_X, y: w.y - height, width: 4, height, color: d.color });
  const bottom = w.y - height;
  w.y -= 12;
  w.paragraph('Esito della domanda', { font: f.regular, size: 9, color: MUTED }, { x, width });
  w.paragraph(d.label, { font: f.bold, size: 18, color: d.color, leading: 1.15 }, { x, width });
  w.paragraph(sentence, sentenceStyle, { x, width });
  w.y = bottom - 16;
}

/** The closing: the verification block (pdf-kit) with, on the right, the officer and the statement of the signature. */
function closing(w: Writer, input: ResponseInput) {
  const f = w.fonts;
  const officer = input.officer;
  const right: ClosingLine[] = [
    [officer ? officer.role || 'Il responsabile del procedimento' : `Per ${input.tenant.name}`, { font: f.regular, size: 9.5, color: MUTED }, 0],
  ];
  if (officer) right.push([officer.name, { font: f.semibold, size: 11.5, leading: 1.3 }, 0]);
  if (input.office) right.push([input.office.name, { font: f.regular, size: 9.5 }, 0]);
  right.push(['Documento firmato digitalmente ai sensi del D.Lgs. 82/2005 (CAD)', { font: f.regular, size: 8.5, color: MUTED }, 0]);
  verificationClosing(w, { url: verificationUrl(input.publicUrl, input.verificationCode), code: input.verificationCode, qrSize: 84, before: 14, right });
}

/** The unsigned PDF (a preview: what will be signed). */
export async function renderResponse(input: ResponseInput): Promise<Uint8Array> {
  const doc = await compose(input);
  return doc.save({ useObjectStreams: true });
}

/**
 * The signed PDF and its SHA-256 (hex), to store and to print on the verification page. The signature's
 * claimed time is the outgoing protocol registration's; its field sits, invisible, on the last page.
 */
export async function issueSignedDocument(input: ResponseInput, signer: DocumentSigner): Promise<{ pdf: Buffer; sha256: string }> {
  const doc = await compose(input);
  const { tenant, office, protocol, application } = input;
  return signDocument(doc, signer, {
    signedAt: protocol.registeredAt,
    reason: `${input.title} (domanda ${application.code}, ${protocolReference(protocol)})`,
    body: tenant,
    office,
  });
}
