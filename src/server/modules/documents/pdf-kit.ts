/**
 * Shared pieces of the documents Sportello prints (the receipt, the response to an application, the registry
 * certificate): the design system's fonts, Italian dates, an A4 page writer that wraps text and flows onto new
 * pages, the QR code, and the parts the documents have in common (metadata, letterhead, panel, closing with the
 * verification code, footers, signing).
 *
 * Fonts are the design system's own, shipped by bootstrap-italia (SIL Open Font License): Titillium Web for text
 * and Roboto Mono for codes and hashes, both with Latin Extended glyphs, so names like "Đorđević" or "Ōtani" print
 * as written. A character neither font has is printed without its accent (or as "?") rather than as an empty box.
 * Subsets carry fixed names, so the same input gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import QRCode from 'qrcode';
import { addSignaturePlaceholder, type DocumentSigner } from '../../platform/signing.ts';

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
export function printable(text: string, glyphs: GlyphSet): string {
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

/**
 * The five faces embedded in `doc` as subsets with fixed names (6 letters + font name): random ones would change
 * the bytes on every run.
 */
export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  const files = loadFonts();
  doc.registerFontkit(fontkit);
  const embed = (bytes: Uint8Array, name: string) => doc.embedFont(bytes, { subset: true, customName: name });
  return {
    regular: await embed(files.regular, 'SPRTLA+TitilliumWeb-Regular'),
    semibold: await embed(files.semibold, 'SPRTLB+TitilliumWeb-SemiBold'),
    bold: await embed(files.bold, 'SPRTLC+TitilliumWeb-Bold'),
    mono: await embed(files.mono, 'SPRTLD+RobotoMono-Regular'),
    monoBold: await embed(files.monoBold, 'SPRTLE+RobotoMono-Bold'),
  };
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


// ---------------------------------------------------------------------------------------------------------------
// Layout

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN_X = 56;
export const MARGIN_TOP = 52;
export const MARGIN_BOTTOM = 70;
export const CONTENT_W = A4[0] - 2 * MARGIN_X;

export const INK = rgb(0.1, 0.11, 0.13);
export const MUTED = rgb(0.33, 0.4, 0.47);
export const PRIMARY = rgb(0, 0.4, 0.8); // Bootstrap Italia's #0066CC
export const RULE = rgb(0.82, 0.85, 0.88);
export const PANEL = rgb(0.94, 0.96, 0.98);
export const WHITE = rgb(1, 1, 1);

export interface Fonts {
  regular: PDFFont;
  semibold: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
  monoBold: PDFFont;
}

export interface TextStyle {
  font: PDFFont;
  size: number;
  color?: RGB;
  /** line height as a multiple of the size */
  leading?: number;
}

export interface Row {
  label: string;
  value: string;
  valueStyle?: TextStyle;
}

export interface RowsOptions {
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

export class Writer {
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
export function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
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
// The parts the documents share

/** The document's metadata; its dates are `date` (the protocol registration, the instant of issue). */
export function setMetadata(doc: PDFDocument, meta: { title: string; author: string; subject: string; keywords: string[]; date: Date }) {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator('Sportello');
  doc.setProducer('Sportello (pdf-lib)');
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage('it-IT');
}

const TENANT_TYPES: Record<string, string> = {
  comune: 'Comune',
  unione_comuni: 'Unione di comuni',
  comunita_valle: 'Comunità di valle',
  provincia: 'Provincia',
  social_district: 'Ambito territoriale sociale',
};

/** The body that issues a document, as its letterhead prints it. */
export interface LetterheadBody {
  name: string;
  fiscalCode: string;
  /** tenants.type: comune, unione_comuni, comunita_valle, provincia, social_district */
  type?: string | null;
  aooCode?: string | null;
  /** the body's own contacts, printed when the office has none */
  pec?: string | null;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
}

/** The office that heads a document with its address. */
export interface LetterheadOffice {
  name: string;
  address: string;
  postalCode: string;
  city: string;
  province: string;
  email?: string | null;
  pec?: string | null;
  phone?: string | null;
}

/** The body's name and type, the office with its address and contacts, fiscal code and AOO, a rule, then `gap`. */
export function letterhead(w: Writer, body: LetterheadBody, office: LetterheadOffice | null, gap: number) {
  const f = w.fonts;
  const muted: TextStyle = { font: f.regular, size: 9, color: MUTED, leading: 1.35 };
  const type = body.type ? TENANT_TYPES[body.type] : undefined;
  // "Comune di Castelrocca" already says it is a comune; "Val di Sole" does not
  if (type && !body.name.toLowerCase().startsWith(type.toLowerCase())) w.paragraph(type, { font: f.semibold, size: 9, color: PRIMARY });
  w.heading(body.name, { font: f.bold, size: 17, leading: 1.2 }, { after: 2 });
  if (office) {
    w.paragraph(office.name, { font: f.semibold, size: 10.5, leading: 1.3 });
    w.paragraph(`${office.address} · ${office.postalCode} ${office.city} (${office.province})`, muted);
  }
  const pec = office?.pec || body.pec;
  const email = office?.email || body.email;
  const phone = office?.phone || body.phone;
  const contacts = [pec && `PEC ${pec}`, email && `E-mail ${email}`, phone && `Tel. ${phone}`, !office && body.website].filter(Boolean);
  if (contacts.length) w.paragraph(contacts.join(' · '), muted);
  w.paragraph([`Codice fiscale ${body.fiscalCode}`, body.aooCode && `AOO ${body.aooCode}`].filter(Boolean).join(' · '), muted, { after: 8 });
  w.rule(1.5, PRIMARY);
  w.y -= gap;
}

/** Label/value rows on a light panel with a primary bar on the left, kept on one page. */
export function rowsPanel(w: Writer, rows: Row[], opts: RowsOptions) {
  const height = w.rowsHeight(rows, opts) + 12;
  w.ensure(height);
  w.page.drawRectangle({ x: MARGIN_X, y: w.y - height, width: CONTENT_W, height, color: PANEL });
  w.page.drawRectangle({ x: MARGIN_X, y: w.y - height, width: 3, height, color: PRIMARY });
  w.y -= 6;
  w.rows(rows, { ...opts, ruleColor: null });
  w.y -= 6;
}

/** A table's column headings at their x, then a rule under them (drawn again atop a page the table goes on to). */
export function tableHeader(w: Writer, cols: { label: string; x: number }[], head: TextStyle) {
  for (const c of cols) w.drawLine(c.label, head, c.x, w.y);
  w.y -= w.lineHeight(head) + 2;
  w.rule(0.8, RULE);
  w.y -= 5;
}

/** A line of the closing: text, style, space after. */
export type ClosingLine = [text: string, style: TextStyle, after: number];

/**
 * The closing of a signed document, kept on one page: on the left the QR code that opens the verification page,
 * with the code and the address; on the right `right` (who signs and how), its last line a little apart.
 */
export function verificationClosing(w: Writer, opts: { url: string; code: string; qrSize: number; before: number; right: ClosingLine[] }) {
  const f = w.fonts;
  const { url, qrSize, right } = opts;
  const leftW = 250;
  const textX = MARGIN_X + qrSize + 10;
  const textW = leftW - qrSize - 10;
  const rightX = MARGIN_X + 270;
  const rightW = CONTENT_W - 270;

  const left: ClosingLine[] = [
    ["Verifica l'autenticità", { font: f.bold, size: 9.5, color: PRIMARY }, 1],
    ['Codice di verifica', { font: f.regular, size: 8, color: MUTED }, 0],
    [opts.code, { font: f.monoBold, size: 11 }, 2],
    [url, { font: f.mono, size: 7, color: PRIMARY }, 2],
    ["L'originale è questo file PDF firmato digitalmente; una copia stampata si verifica con il codice.", { font: f.regular, size: 7, color: MUTED }, 0],
  ];
  const heightOf = (items: ClosingLine[], width: number) =>
    items.reduce((h, [t, s, after]) => h + w.wrap(t, s, width).length * w.lineHeight(s) + after, 0);
  const height = Math.max(qrSize, heightOf(left, textW), heightOf(right, rightW) + 6);
  w.y -= opts.before;
  w.ensure(height + 4);
  const top = w.y;
  drawQr(w.page, url, MARGIN_X, top - qrSize, qrSize);
  for (const [t, s, after] of left) w.paragraph(t, s, { x: textX, width: textW, after });
  const leftBottom = Math.min(w.y, top - qrSize);
  w.y = top;
  right.forEach(([t, s, after], i) => {
    if (i === right.length - 1) w.y -= 6; // the statement a little apart from the name
    w.paragraph(t, s, { x: rightX, width: rightW, after });
  });
  w.y = Math.min(w.y, leftBottom);
}

/** On every page, once the number of pages is known: a rule, `left` and "Pagina i di n". */
export function footers(w: Writer, left: string) {
  const f = w.fonts;
  const total = w.pages.length;
  const text = w.clean(left, f.regular);
  w.pages.forEach((page, i) => {
    const y = 40;
    page.drawLine({ start: { x: MARGIN_X, y: y + 12 }, end: { x: A4[0] - MARGIN_X, y: y + 12 }, thickness: 0.5, color: RULE });
    page.drawText(text, { x: MARGIN_X, y, size: 7.5, font: f.regular, color: MUTED });
    const right = `Pagina ${i + 1} di ${total}`;
    page.drawText(right, { x: A4[0] - MARGIN_X - f.regular.widthOfTextAtSize(right, 8), y, size: 8, font: f.regular, color: MUTED });
  });
}

/**
 * The document signed by the body (PAdES, platform/signing.ts), the signature's field invisible on the last page,
 * and its SHA-256 (hex). Location: the office's town, else the body's name; contact: a PEC, else an e-mail.
 */
export async function signDocument(
  doc: PDFDocument,
  signer: DocumentSigner,
  opts: { signedAt: Date; reason: string; body: Pick<LetterheadBody, 'name' | 'pec' | 'email'>; office: Pick<LetterheadOffice, 'city' | 'province' | 'pec' | 'email'> | null },
): Promise<{ pdf: Buffer; sha256: string }> {
  const { body, office } = opts;
  addSignaturePlaceholder(doc, signer, {
    signedAt: opts.signedAt,
    reason: opts.reason,
    location: office ? `${office.city} (${office.province})` : body.name,
    contactInfo: office?.pec || body.pec || office?.email || body.email || '',
    page: doc.getPage(doc.getPageCount() - 1),
  });
  const pdf = await signer.sign(await doc.save({ useObjectStreams: true }));
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}
