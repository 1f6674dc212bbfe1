/**
 * The printable payment notice (avviso di pagamento pagoPA): the page a person takes to a bank, a post office or a
 * shop, or reads with a banking app. Its parts follow the layout idea of pagoPA's notice — who asks (the creditor
 * body), who pays, how much and by when, the box a cashier or an app reads (QR code, notice number, the body's
 * fiscal code), and where to pay — drawn with the body's own document style (`documents/pdf-kit.ts`).
 *
 * The QR code carries PAGOPA|002|<notice number>|<body's fiscal code>|<amount in cents>, which any pagoPA channel
 * reads. The box with it comes before the lines of the amount, so that it stays on the first page however many
 * lines there are.
 * A pure function of its input: the same input gives the same bytes (no dates in the metadata).
 */
import { PDFDocument } from 'pdf-lib';
import { formatEuro, formatNoticeNumber, type PaymentItem, type PaymentItemKind } from '../../../contracts/payments.ts';
import {
  CONTENT_W, drawQr, embedFonts, footers, MARGIN_X, MUTED, PANEL, PRIMARY, RULE, tableHeader, Writer, type Fonts, type Row, type TextStyle,
} from '../documents/pdf-kit.ts';
import { qrPayload } from './notice-number.ts';

export interface NoticePdfInput {
  body: { name: string; fiscalCode: string; address: string | null };
  debtor: { name: string; fiscalCode: string };
  description: string;
  items: PaymentItem[];
  amountCents: number;
  /** YYYY-MM-DD */
  dueDate: string;
  noticeNumber: string;
  iuv: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Words

const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];

/** "2026-07-05" → "5 luglio 2026" */
export function longItalianDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "2026-07-05" → "05/07/2026" */
export function shortItalianDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

export const ITEM_KIND_LABEL: Record<PaymentItemKind, string> = {
  diritti: 'Diritti di segreteria',
  bollo: 'Imposta di bollo',
  tariffa: 'Tariffa',
  tributo: 'Tributo',
  sanzione: 'Sanzione',
  altro: 'Altro',
};

// ---------------------------------------------------------------------------------------------------------------
// Parts shared with the receipt

export const styles = (f: Fonts) => ({
  label: { font: f.semibold, size: 8, color: MUTED, leading: 1.3 } satisfies TextStyle,
  name: { font: f.semibold, size: 11.5, leading: 1.3 } satisfies TextStyle,
  text: { font: f.regular, size: 9.5, leading: 1.35 } satisfies TextStyle,
  muted: { font: f.regular, size: 9, color: MUTED, leading: 1.35 } satisfies TextStyle,
  code: { font: f.mono, size: 9.5, leading: 1.35 } satisfies TextStyle,
  section: { font: f.bold, size: 12, color: PRIMARY, leading: 1.25 } satisfies TextStyle,
});

/** A PDF document with the notice's metadata (no dates: the same input gives the same bytes). */
export async function newPaymentDocument(meta: { title: string; author: string; subject: string; keywords: string[] }) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator('Sportello');
  doc.setProducer('Sportello (pdf-lib)');
  doc.setLanguage('it-IT');
  return { doc, fonts: await embedFonts(doc) };
}

/** The body on top, the document's title in capitals, what it is for. */
export function paymentHeading(w: Writer, input: NoticePdfInput, title: string) {
  const f = w.fonts;
  const s = styles(f);
  w.heading(input.body.name, { font: f.bold, size: 15, leading: 1.2 }, { after: 1 });
  w.paragraph([`Codice fiscale ${input.body.fiscalCode}`, input.body.address].filter(Boolean).join(' · '), s.muted, { after: 6 });
  w.rule(1.5, PRIMARY);
  w.y -= 14;
  w.heading(title, { font: f.bold, size: 20, color: PRIMARY, leading: 1.2 }, { after: 3 });
  w.paragraph(input.description, { font: f.semibold, size: 12.5, leading: 1.3 }, { after: 12 });
}

/** Two columns: the creditor body and the payer. */
export function parties(w: Writer, input: NoticePdfInput, payerLabel: string) {
  const s = styles(w.fonts);
  const colW = (CONTENT_W - 24) / 2;
  const left = MARGIN_X;
  const right = MARGIN_X + colW + 24;
  const column = (x: number, label: string, name: string, lines: string[]) => {
    const start = w.y;
    w.paragraph(label, s.label, { x, width: colW, after: 1 });
    w.paragraph(name, s.name, { x, width: colW });
    for (const line of lines) w.paragraph(line, s.text, { x, width: colW });
    const end = w.y;
    w.y = start;
    return end;
  };
  w.ensure(70);
  const a = column(left, 'ENTE CREDITORE', input.body.name, [`Codice fiscale ${input.body.fiscalCode}`, ...(input.body.address ? [input.body.address] : [])]);
  const b = column(right, payerLabel, input.debtor.name, [`Codice fiscale ${input.debtor.fiscalCode}`]);
  w.y = Math.min(a, b) - 12;
}

/** The lines the amount is made of, with their total. */
export function itemsTable(w: Writer, items: PaymentItem[], amountCents: number, title: string) {
  const f = w.fonts;
  const s = styles(f);
  const head: TextStyle = { font: f.semibold, size: 8.5, color: MUTED };
  const cell: TextStyle = { font: f.regular, size: 10 };
  const amountRight = MARGIN_X + CONTENT_W;
  const kindX = MARGIN_X + 270;
  const cols = [{ label: 'Voce', x: MARGIN_X }, { label: 'Tipo', x: kindX }];
  const header = () => {
    tableHeader(w, cols, head);
    // "Importo" sits over the right-aligned amounts
    const label = 'Importo';
    w.drawLine(label, head, amountRight - w.width(label, head), w.y + w.lineHeight(head) + 7);
  };
  w.heading(title, s.section, { before: 4, after: 4, keepWith: 60 });
  header();
  w.continued = () => {
    w.heading(`${title} (segue)`, s.section, { after: 4 });
    header();
  };
  const lh = w.lineHeight(cell);
  for (const item of items) {
    const labelLines = w.wrap(item.label, cell, 260);
    const kindLines = w.wrap(ITEM_KIND_LABEL[item.kind] ?? item.kind, cell, 120);
    const n = Math.max(labelLines.length, kindLines.length);
    w.ensure(n * lh + 8);
    const top = w.y;
    labelLines.forEach((l, i) => w.drawLine(l, cell, MARGIN_X, top - i * lh));
    kindLines.forEach((l, i) => w.drawLine(l, cell, kindX, top - i * lh));
    const amount = formatEuro(item.amountCents);
    w.drawLine(amount, cell, amountRight - w.width(amount, cell), top);
    w.y = top - n * lh - 3;
    w.rule(0.4, RULE);
    w.y -= 5;
  }
  w.continued = null;
  const total: TextStyle = { font: f.bold, size: 11 };
  w.ensure(w.lineHeight(total) + 4);
  w.drawLine('Totale', total, MARGIN_X, w.y);
  const amount = formatEuro(amountCents);
  w.drawLine(amount, total, amountRight - w.width(amount, total), w.y);
  w.y -= w.lineHeight(total) + 8;
}

// ---------------------------------------------------------------------------------------------------------------

/** The notice as PDF bytes. */
export async function renderPaymentNotice(input: NoticePdfInput): Promise<Buffer> {
  const grouped = formatNoticeNumber(input.noticeNumber);
  const { doc, fonts: f } = await newPaymentDocument({
    title: `Avviso di pagamento ${grouped}`,
    author: input.body.name,
    subject: `${input.description} · ${formatEuro(input.amountCents)} entro il ${shortItalianDay(input.dueDate)}`,
    keywords: ['avviso di pagamento', 'pagoPA', input.noticeNumber, input.body.fiscalCode],
  });
  const s = styles(f);
  const w = new Writer(doc, f, `${input.body.name} · Avviso di pagamento pagoPA ${grouped}`);
  w.addPage();

  paymentHeading(w, input, 'AVVISO DI PAGAMENTO');
  parties(w, input, "DESTINATARIO DELL'AVVISO");

  // How much and by when, on a light panel
  const panelH = 62;
  w.page.drawRectangle({ x: MARGIN_X, y: w.y - panelH, width: CONTENT_W, height: panelH, color: PANEL });
  w.page.drawRectangle({ x: MARGIN_X, y: w.y - panelH, width: 3, height: panelH, color: PRIMARY });
  const top = w.y - 10;
  w.drawLine('QUANTO PAGARE', s.label, MARGIN_X + 16, top);
  w.drawLine(formatEuro(input.amountCents), { font: f.bold, size: 24 }, MARGIN_X + 16, top - 14);
  const dueX = MARGIN_X + CONTENT_W / 2 + 8;
  w.drawLine('ENTRO IL', s.label, dueX, top);
  w.drawLine(longItalianDay(input.dueDate), { font: f.bold, size: 18 }, dueX, top - 15);
  w.y -= panelH + 16;

  paymentBox(w, input);

  itemsTable(w, input.items, input.amountCents, "Di che cosa si compone l'importo");

  // Where to pay
  w.heading('Dove pagare', s.section, { before: 8, after: 4, keepWith: 80 });
  const ways: [string, string][] = [
    ['Online, sul portale dell\'ente', `Accedi all'area personale sul portale dell'ente (${input.body.name}) e scegli «Paga con pagoPA»: paghi con carta, conto corrente o gli altri metodi dei prestatori di servizi di pagamento (PSP).`],
    ["Con l'app IO o l'app della tua banca", "Inquadra il codice QR di questo avviso, oppure inserisci il codice avviso e il codice fiscale dell'ente."],
    ['In banca, alla posta, nei punti vendita', 'Agli sportelli delle banche e degli uffici postali, negli sportelli ATM abilitati, in ricevitorie, tabaccherie e supermercati aderenti a pagoPA (PSP): mostra questo avviso.'],
  ];
  for (const [how, what] of ways) {
    w.paragraph(how, { font: f.semibold, size: 10, leading: 1.3 });
    w.paragraph(what, s.text, { after: 5 });
  }
  w.paragraph("L'importo va pagato una sola volta, con uno qualsiasi di questi canali. La ricevuta di pagamento si scarica dall'area personale del portale.", s.muted);

  footers(w, `Avviso pagoPA ${grouped} · Ente creditore ${input.body.fiscalCode} · IUV ${input.iuv}`);
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

const clip = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('').trimEnd()}…` : text);

/**
 * The box a cashier or an app reads: the QR code on the left, the codes on the right (notice number, the body's
 * fiscal code, amount, payer, creditor, subject), framed, kept on one page.
 */
function paymentBox(w: Writer, input: NoticePdfInput) {
  const f = w.fonts;
  const s = styles(f);
  const qrSize = 118;
  const pad = 10;
  const textX = MARGIN_X + pad + qrSize + 14;
  const textW = MARGIN_X + CONTENT_W - pad - textX;
  const rows: Row[] = [
    { label: 'Codice avviso', value: formatNoticeNumber(input.noticeNumber), valueStyle: { font: f.monoBold, size: 11.5 } },
    { label: 'Codice fiscale Ente Creditore', value: input.body.fiscalCode, valueStyle: { font: f.monoBold, size: 10.5 } },
    { label: 'Importo', value: formatEuro(input.amountCents), valueStyle: { font: f.bold, size: 10.5 } },
    { label: 'Destinatario', value: `${clip(input.debtor.name, 100)} (${input.debtor.fiscalCode})` },
    { label: 'Ente creditore', value: clip(input.body.name, 100) },
    // the full description heads the page: here it is cut, so that the box always fits on the first page
    { label: 'Oggetto del pagamento', value: clip(input.description, 140) },
  ];
  const rowOpts = { labelWidth: 98, x: textX, width: textW, pad: 2.5, labelStyle: { font: f.regular, size: 8, color: MUTED }, valueStyle: { font: f.regular, size: 9.5 }, ruleColor: null };
  const title = 'PAGA IN BANCA, ALLA POSTA, NEI PUNTI VENDITA O CON LE APP';
  const titleH = w.lineHeight(s.label) + 4;
  const height = Math.max(qrSize, titleH + w.rowsHeight(rows, rowOpts)) + 2 * pad;
  w.ensure(height);
  const top = w.y;
  w.page.drawRectangle({ x: MARGIN_X, y: top - height, width: CONTENT_W, height, borderColor: PRIMARY, borderWidth: 1.2 });
  drawQr(w.page, qrPayload(input.noticeNumber, input.body.fiscalCode, input.amountCents), MARGIN_X + pad, top - pad - qrSize, qrSize);
  w.y = top - pad;
  w.drawLine(title, s.label, textX, w.y);
  w.y -= titleH;
  w.rows(rows, rowOpts);
  w.y = top - height - 18;
}
