/**
 * The receipt of an application (ricevuta di presentazione): an A4 PDF that says what was sent, by whom and for
 * whom, how they logged in, when it arrived and which protocol number it got, with every attachment's SHA-256,
 * and a QR code that opens the public verification page.
 *
 * A pure function of its input: the same input gives the same bytes (metadata dates come from the protocol
 * registration, font subsets carry fixed names). Fonts are the design system's own, shipped by bootstrap-italia
 * (SIL Open Font License): Titillium Web for text and Roboto Mono for codes and hashes, both with Latin
 * Extended glyphs, so names like "Đorđević" or "Ōtani" print as written. A character neither font has is printed
 * without its accent (or as "?") rather than as an empty box.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import QRCode from 'qrcode';
import type { SubjectKind } from '../../../contracts/applications.ts';
import type { AnswerSection } from '../forms/answers.ts';

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
// Fonts

/** Character widths at size 1000, per embedded font (see Writer.width). */
const CHAR_WIDTHS = new WeakMap<PDFFont, Map<string, number>>();

interface FontFiles {
  regular: Uint8Array;
  semibold: Uint8Array;
  bold: Uint8Array;
  mono: Uint8Array;
  monoBold: Uint8Array;
}

interface GlyphSet {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

let fontFiles: FontFiles | null = null;
let glyphSets: { text: GlyphSet; mono: GlyphSet } | null = null;

function loadFonts(): FontFiles {
  if (fontFiles) return fontFiles;
  const base = path.join(path.dirname(createRequire(import.meta.url).resolve('bootstrap-italia/package.json')), 'dist', 'fonts');
  const read = (file: string) => new Uint8Array(readFileSync(path.join(base, file)));
  fontFiles = {
    regular: read('Titillium_Web/titillium-web-v10-latin-ext_latin-regular.ttf'),
    semibold: read('Titillium_Web/titillium-web-v10-latin-ext_latin-600.ttf'),
    bold: read('Titillium_Web/titillium-web-v10-latin-ext_latin-700.ttf'),
    mono: read('Roboto_Mono/roboto-mono-v13-latin-ext_latin-regular.ttf'),
    monoBold: read('Roboto_Mono/roboto-mono-v13-latin-ext_latin-700.ttf'),
  };
  glyphSets = {
    text: fontkit.create(Buffer.from(fontFiles.regular)) as unknown as GlyphSet,
    mono: fontkit.create(Buffer.from(fontFiles.mono)) as unknown as GlyphSet,
  };
  return fontFiles;
}

/** Text the font can print: a missing letter loses its accent ("Ǎ" → "A"), anything else becomes "?". */
function printable(text: string, glyphs: GlyphSet): string {
  let out = '';
  for (const ch of text.replace(/[\t\v\f]/g, ' ').replace(/\r\n?/g, '\n')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n' || glyphs.hasGlyphForCodePoint(cp)) {
      out += ch;
      continue;
    }
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0x200b || cp === 0xfeff) continue; // control, zero-width
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    out += base && [...base].every((c) => glyphs.hasGlyphForCodePoint(c.codePointAt(0)!)) ? base : '?';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Words

const ROME = 'Europe/Rome';
const dateFmt = new Intl.DateTimeFormat('it-IT', { timeZone: ROME, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('it-IT', { timeZone: ROME, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

const parts = (fmt: Intl.DateTimeFormat, d: Date) => Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
/** 23/11/2026 (Europe/Rome) */
export function italianDate(d: Date): string {
  const p = parts(dateFmt, d);
  return `${p.day}/${p.month}/${p.year}`;
}
/** 23/11/2026 alle 14:05:12 (Europe/Rome) */
export function italianDateTime(d: Date): string {
  const p = parts(timeFmt, d);
  return `${italianDate(d)} alle ${p.hour}:${p.minute}:${p.second}`;
}

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
// Layout

const A4: [number, number] = [595.28, 841.89];
const MARGIN_X = 56;
const MARGIN_TOP = 52;
const MARGIN_BOTTOM = 70;
const CONTENT_W = A4[0] - 2 * MARGIN_X;

const INK = rgb(0.1, 0.11, 0.13);
const MUTED = rgb(0.33, 0.4, 0.47);
const PRIMARY = rgb(0, 0.4, 0.8); // Bootstrap Italia's #0066CC
const RULE = rgb(0.82, 0.85, 0.88);
const PANEL = rgb(0.94, 0.96, 0.98);
const WHITE = rgb(1, 1, 1);

interface Fonts {
  regular: PDFFont;
  semibold: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
  monoBold: PDFFont;
}

interface TextStyle {
  font: PDFFont;
  size: number;
  color?: RGB;
  /** line height as a multiple of the size */
  leading?: number;
}

interface Row {
  label: string;
  value: string;
  valueStyle?: TextStyle;
}

interface RowsOptions {
  labelWidth: number;
  x?: number;
  width?: number;
  labelStyle: TextStyle;
  valueStyle: TextStyle;
  pad?: number;
  /** null: no rule between rows */
  ruleColor?: RGB | null;
}

const isMono = (f: Fonts, font: PDFFont) => font === f.mono || font === f.monoBold;

class Writer {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  /** drawn at the top of each new page while set: the heading of a section that goes on ("… (segue)") */
  continued: (() => void) | null = null;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly runningHead: string,
  ) {}

  clean(text: string, font: PDFFont): string {
    return printable(text, isMono(this.fonts, font) ? glyphSets!.mono : glyphSets!.text);
  }

  addPage() {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN_TOP;
    if (this.pages.length > 1) {
      // a short running head so a loose page still says what it belongs to
      const f = this.fonts.regular;
      this.page.drawText(this.clean(this.runningHead, f), { x: MARGIN_X, y: this.y - 8, size: 8, font: f, color: MUTED });
      this.y -= 16;
      this.rule(0.5, RULE);
      this.y -= 14;
      this.continued?.();
    }
  }

  /** Room for `height` points on this page, or a new page. */
  ensure(height: number) {
    if (this.y - height < MARGIN_BOTTOM) this.addPage();
  }

  get room() {
    return this.y - MARGIN_BOTTOM;
  }

  rule(thickness = 0.5, color: RGB = RULE, x = MARGIN_X, width = CONTENT_W) {
    this.page.drawLine({ start: { x, y: this.y }, end: { x: x + width, y: this.y }, thickness, color });
  }

  /**
   * The width of a text, from each character's width measured once per font: asking fontkit to lay out every
   * candidate line made a receipt cost about 100 ms of CPU. Kerning is left out, so lines keep a small margin.
   */
  width(text: string, style: TextStyle) {
    let widths = CHAR_WIDTHS.get(style.font);
    if (!widths) CHAR_WIDTHS.set(style.font, (widths = new Map()));
    let total = 0;
    for (const ch of text) {
      let w = widths.get(ch);
      if (w === undefined) widths.set(ch, (w = style.font.widthOfTextAtSize(ch, 1000)));
      total += w;
    }
    return (total / 1000) * style.size * 1.01;
  }

  /** Lines of `text` no wider than `width`: at spaces, and inside words too long for a line (hashes, addresses). */
  wrap(text: string, style: TextStyle, width: number): string[] {
    const clean = this.clean(text, style.font);
    const lines: string[] = [];
    for (const paragraph of clean.split('\n')) {
      let line = '';
      for (const word of paragraph.split(/ +/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.width(candidate, style) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        line = '';
        if (this.width(word, style) <= width) {
          line = word;
          continue;
        }
        // a word longer than the line (a file name, an address): break after _ - . / @ where possible, else anywhere
        let chunk = '';
        for (const piece of word.split(/(?<=[_\-./@])/)) {
          if (this.width(chunk + piece, style) <= width) {
            chunk += piece;
            continue;
          }
          if (chunk) lines.push(chunk);
          chunk = '';
          for (const ch of piece) {
            if (chunk && this.width(chunk + ch, style) > width) {
              lines.push(chunk);
              chunk = '';
            }
            chunk += ch;
          }
        }
        line = chunk;
      }
      lines.push(line);
    }
    return lines;
  }

  lineHeight(style: TextStyle) {
    return style.size * (style.leading ?? 1.35);
  }

  /** Draws one line whose top is at this.y - offset; baseline placed from the font's ascent. */
  drawLine(text: string, style: TextStyle, x: number, top: number, ascent = style.size * 0.98) {
    if (!text) return;
    const baseline = top - ascent;
    this.page.drawText(text, { x, y: baseline, size: style.size, font: style.font, color: style.color ?? INK });
  }

  /** A paragraph across the column, flowing onto the next page when needed. */
  paragraph(text: string, style: TextStyle, opts: { x?: number; width?: number; after?: number } = {}) {
    const x = opts.x ?? MARGIN_X;
    const lh = this.lineHeight(style);
    for (const line of this.wrap(text, style, opts.width ?? CONTENT_W - (x - MARGIN_X))) {
      this.ensure(lh);
      this.drawLine(line, style, x, this.y);
      this.y -= lh;
    }
    this.y -= opts.after ?? 0;
  }

  /**
   * Label/value rows in two columns, separated by thin rules. A row stays on one page when it fits on one; a
   * longer one continues on the next.
   */
  rows(rows: Row[], opts: RowsOptions) {
    const { x, width, pad, valueX, llh } = this.rowGeometry(opts);
    for (const row of rows) {
      const { labelLines, valueLines, vs, vlh, height } = this.measureRow(row, opts);
      this.ensure(Math.min(height, A4[1] - MARGIN_TOP - MARGIN_BOTTOM - 40));
      let top = this.y - pad;
      // label and value share the first baseline, whatever their sizes
      const ascent = Math.max(opts.labelStyle.size, vs.size) * 0.98;
      let li = 0;
      let vi = 0;
      // line by line, so that a very long answer may cross a page
      while (li < labelLines.length || vi < valueLines.length) {
        const step = Math.max(li < labelLines.length ? llh : 0, vi < valueLines.length ? vlh : 0);
        if (top - step < MARGIN_BOTTOM) {
          this.addPage();
          top = this.y - pad;
        }
        if (li < labelLines.length) this.drawLine(labelLines[li++], opts.labelStyle, x, top, ascent);
        if (vi < valueLines.length) this.drawLine(valueLines[vi++], vs, valueX, top, ascent);
        top -= step;
      }
      this.y = top - pad;
      if (opts.ruleColor !== null) this.rule(0.4, opts.ruleColor ?? RULE, x, width);
    }
  }

  rowsHeight(rows: Row[], opts: RowsOptions): number {
    return rows.reduce((sum, row) => sum + this.measureRow(row, opts).height, 0);
  }

  private rowGeometry(opts: RowsOptions) {
    const x = opts.x ?? MARGIN_X;
    const width = opts.width ?? CONTENT_W;
    const gap = 12;
    return { x, width, pad: opts.pad ?? 4, valueX: x + opts.labelWidth + gap, valueW: width - opts.labelWidth - gap, llh: this.lineHeight(opts.labelStyle) };
  }

  private measureRow(row: Row, opts: RowsOptions) {
    const { pad, valueW, llh } = this.rowGeometry(opts);
    const vs = row.valueStyle ?? opts.valueStyle;
    const labelLines = this.wrap(row.label, opts.labelStyle, opts.labelWidth);
    const valueLines = this.wrap(row.value, vs, valueW);
    const vlh = this.lineHeight(vs);
    return { labelLines, valueLines, vs, vlh, height: Math.max(labelLines.length * llh, valueLines.length * vlh) + 2 * pad };
  }

  heading(text: string, style: TextStyle, opts: { before?: number; after?: number; keepWith?: number } = {}) {
    this.y -= opts.before ?? 0;
    const lines = this.wrap(text, style, CONTENT_W);
    const lh = this.lineHeight(style);
    this.ensure(lines.length * lh + (opts.keepWith ?? 0));
    for (const line of lines) {
      this.drawLine(line, style, MARGIN_X, this.y);
      this.y -= lh;
    }
    this.y -= opts.after ?? 0;
  }
}

/** The QR code as one filled path (no seams between modules), with its quiet zone, bottom-left at (x, y). */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const unit = size / (n + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: WHITE });
  let d = '';
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      d += `M${start + quiet} ${r + quiet}h${c - start}v1h${start - c}z`;
    }
  }
  // drawSvgPath's y axis points down from (x, y): place the top-left corner of the symbol
  page.drawSvgPath(d, { x, y: y + size, scale: unit, color: rgb(0, 0, 0), borderWidth: 0 });
}

// ---------------------------------------------------------------------------------------------------------------

/** The receipt as PDF bytes. */
export async function renderReceipt(input: ReceiptInput): Promise<Buffer> {
  const files = loadFonts();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  // fixed subset names (6 letters + font name): random ones would change the bytes on every run
  const embed = (bytes: Uint8Array, name: string) => doc.embedFont(bytes, { subset: true, customName: name });
  const fonts: Fonts = {
    regular: await embed(files.regular, 'SPRTLA+TitilliumWeb-Regular'),
    semibold: await embed(files.semibold, 'SPRTLB+TitilliumWeb-SemiBold'),
    bold: await embed(files.bold, 'SPRTLC+TitilliumWeb-Bold'),
    mono: await embed(files.mono, 'SPRTLD+RobotoMono-Regular'),
    monoBold: await embed(files.monoBold, 'SPRTLE+RobotoMono-Bold'),
  };

  const { tenant, service, application: app, protocol } = input;
  const title = 'Ricevuta di presentazione della domanda';
  doc.setTitle(`${title} ${app.code}`, { showInWindowTitleBar: true });
  doc.setAuthor(tenant.name);
  doc.setSubject(`${service.title} — ${protocolLine(protocol)}`);
  doc.setKeywords(['ricevuta', app.code, `protocollo ${protocol.number}/${protocol.year}`, input.verificationCode]);
  doc.setCreator('Sportello');
  doc.setProducer('Sportello (pdf-lib)');
  doc.setCreationDate(protocol.registeredAt);
  doc.setModificationDate(protocol.registeredAt);
  doc.setLanguage('it-IT');

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
  const panelHeight = w.rowsHeight(facts, factsOpts) + 12;
  w.page.drawRectangle({ x: MARGIN_X, y: w.y - panelHeight, width: CONTENT_W, height: panelHeight, color: PANEL });
  w.page.drawRectangle({ x: MARGIN_X, y: w.y - panelHeight, width: 3, height: panelHeight, color: PRIMARY });
  w.y -= 6;
  w.rows(facts, { ...factsOpts, ruleColor: null });
  w.y -= 6 + 18;

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
  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    const y = 40;
    page.drawLine({ start: { x: MARGIN_X, y: y + 12 }, end: { x: A4[0] - MARGIN_X, y: y + 12 }, thickness: 0.5, color: RULE });
    const left = w.clean(`Domanda ${app.code} · ${protocolLine(protocol)} · Codice di verifica ${input.verificationCode}`, fonts.regular);
    page.drawText(left, { x: MARGIN_X, y, size: 7.5, font: fonts.regular, color: MUTED });
    const right = `Pagina ${i + 1} di ${total}`;
    page.drawText(right, { x: A4[0] - MARGIN_X - fonts.regular.widthOfTextAtSize(right, 8), y, size: 8, font: fonts.regular, color: MUTED });
  });

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
  const header = () => {
    for (const c of cols) w.drawLine(c.label, head, c.x, w.y);
    w.y -= w.lineHeight(head) + 2;
    w.rule(0.8, RULE);
    w.y -= 5;
  };
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
