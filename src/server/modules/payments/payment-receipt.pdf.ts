/**
 * The receipt of a payment (ricevuta di pagamento): what was paid, to which body, by whom, when, through which
 * payment provider (PSP) and channel, with the provider's receipt id, the IUV and the notice number — what a
 * person shows to prove they paid. A payment given back says so at the top, with the body's reason.
 *
 * Laid out like the notice (payment-notice.pdf.ts) with the body's document style. A pure function of its input:
 * the metadata carries no date of its own.
 */
import { formatEuro, formatNoticeNumber, type PaymentReceiptView } from '../../../contracts/payments.ts';
import { rgb } from 'pdf-lib';
import { CONTENT_W, footers, italianDateTime, MARGIN_X, PANEL, rowsPanel, Writer, type Row, type TextStyle } from '../documents/pdf-kit.ts';
import { itemsTable, newPaymentDocument, parties, paymentHeading, shortItalianDay, styles, type NoticePdfInput } from './payment-notice.pdf.ts';

export interface ReceiptPdfInput extends NoticePdfInput {
  receipt: PaymentReceiptView;
  status: 'paid' | 'refunded';
  /** why it was refunded */
  statusReason: string | null;
}

const WARNING = rgb(0.69, 0, 0.13);

/** The receipt as PDF bytes. */
export async function renderPaymentReceipt(input: ReceiptPdfInput): Promise<Buffer> {
  const { receipt } = input;
  const grouped = formatNoticeNumber(input.noticeNumber);
  const paidAt = italianDateTime(new Date(receipt.paidAt));
  const { doc, fonts: f } = await newPaymentDocument({
    title: `Ricevuta di pagamento ${grouped}`,
    author: input.body.name,
    subject: `${input.description} · ${formatEuro(receipt.amountCents)} pagati il ${paidAt}${input.status === 'refunded' ? ' · rimborsato' : ''}`,
    keywords: ['ricevuta di pagamento', 'pagoPA', input.noticeNumber, receipt.receiptId],
  });
  const s = styles(f);
  const w = new Writer(doc, f, `${input.body.name} · Ricevuta di pagamento pagoPA ${grouped}`);
  w.addPage();

  paymentHeading(w, input, 'RICEVUTA DI PAGAMENTO');

  if (input.status === 'refunded') {
    // the first thing a reader must know: this money was given back
    const lines: [string, TextStyle][] = [
      ['PAGAMENTO RIMBORSATO', { font: f.bold, size: 11, color: WARNING, leading: 1.3 }],
      [`${input.body.name} ha restituito l'importo di questo pagamento.`, s.text],
      ...(input.statusReason ? ([[`Motivo: ${input.statusReason}`, s.text]] as [string, TextStyle][]) : []),
    ];
    const textX = MARGIN_X + 16;
    const textW = CONTENT_W - 28;
    const height = lines.reduce((h, [t, st]) => h + w.wrap(t, st, textW).length * w.lineHeight(st), 0) + 16;
    w.ensure(height);
    w.page.drawRectangle({ x: MARGIN_X, y: w.y - height, width: CONTENT_W, height, color: PANEL });
    w.page.drawRectangle({ x: MARGIN_X, y: w.y - height, width: 4, height, color: WARNING });
    const top = w.y;
    w.y -= 8;
    for (const [t, st] of lines) w.paragraph(t, st, { x: textX, width: textW });
    w.y = top - height - 14;
  }

  parties(w, input, 'PAGATO DA');

  const facts: Row[] = [
    { label: 'Importo pagato', value: formatEuro(receipt.amountCents), valueStyle: { font: f.bold, size: 16 } },
    { label: 'Pagato il', value: paidAt, valueStyle: { font: f.semibold, size: 10.5 } },
    { label: 'Prestatore di servizi di pagamento (PSP)', value: receipt.psp },
    { label: 'Canale', value: receipt.channel },
    { label: 'Identificativo della ricevuta', value: receipt.receiptId, valueStyle: { font: f.mono, size: 9.5 } },
    { label: 'Codice avviso', value: grouped, valueStyle: { font: f.monoBold, size: 10.5 } },
    { label: 'IUV (identificativo univoco di versamento)', value: input.iuv, valueStyle: { font: f.mono, size: 9.5 } },
    { label: 'Codice fiscale Ente Creditore', value: input.body.fiscalCode, valueStyle: { font: f.mono, size: 9.5 } },
    { label: 'Scadenza dell\'avviso', value: shortItalianDay(input.dueDate) },
    { label: 'Esito', value: input.status === 'refunded' ? 'Pagato, poi rimborsato' : 'Pagamento eseguito' },
  ];
  rowsPanel(w, facts, {
    labelWidth: 150, x: MARGIN_X + 14, width: CONTENT_W - 26, pad: 4,
    labelStyle: { font: f.regular, size: 9, color: s.muted.color }, valueStyle: { font: f.regular, size: 10.5 },
  });
  w.y -= 16;

  itemsTable(w, input.items, input.amountCents, 'Dettaglio del pagamento');

  w.y -= 6;
  w.paragraph(
    `Ricevuta emessa da ${input.body.name} sulla base della conferma di pagamento trasmessa tramite pagoPA dal prestatore di servizi di pagamento. ` +
      "Conservala: l'identificativo della ricevuta e il codice avviso dimostrano il pagamento.",
    { ...s.muted, size: 8.5 },
  );

  footers(w, `Ricevuta pagoPA · Avviso ${grouped} · Ricevuta ${receipt.receiptId}`);
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}
