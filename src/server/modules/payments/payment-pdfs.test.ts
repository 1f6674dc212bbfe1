import { mkdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { firstPageQr, pdftotext } from '../../../../test/support/pdf-signature.ts';
import { noticeNumberOf } from './notice-number.ts';
import { renderPaymentNotice, type NoticePdfInput } from './payment-notice.pdf.ts';
import { renderPaymentReceipt } from './payment-receipt.pdf.ts';

const { noticeNumber, iuv } = noticeNumberOf('01', 1234);

const input: NoticePdfInput = {
  body: { name: 'Comune di Castelrocca', fiscalCode: '00123450226', address: 'Piazza del Municipio 1, 38000 Castelrocca (TN)' },
  debtor: { name: 'Mario Rossi', fiscalCode: 'RSSMRA80A01H501U' },
  description: 'Carta di identità elettronica: diritti e corrispettivo',
  items: [
    { label: 'Corrispettivo per la carta di identità elettronica', amountCents: 1679, kind: 'tariffa' },
    { label: 'Diritti fissi', amountCents: 521, kind: 'diritti' },
    { label: 'Imposta di bollo', amountCents: 4400, kind: 'bollo' },
  ],
  amountCents: 6600,
  dueDate: '2026-07-15',
  noticeNumber,
  iuv,
};

/** pdftotext's text with its line breaks and runs of spaces made single spaces (columns break lines apart). */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const SHOTS = process.env.PDF_SHOTS; // a folder: write each first page there to look at it

describe('payment notice PDF', () => {
  it('carries what a bank or an app asks: body fiscal code, grouped notice number, amount, due date, payer; the QR code is pagoPA\'s', async () => {
    const pdf = await renderPaymentNotice(input);
    const text = flat(await pdftotext(pdf));
    expect(text).toContain('AVVISO DI PAGAMENTO');
    expect(text).toContain('ENTE CREDITORE');
    expect(text).toContain('00123450226');
    expect(text).toContain(noticeNumber.replace(/(\d{4})(?=\d)/g, '$1 '));
    expect(text).toContain('66,00 €');
    expect(text).toContain('15 luglio 2026');
    expect(text).toContain('Mario Rossi');
    expect(text).toContain('RSSMRA80A01H501U');
    expect(text).toContain('Carta di identità elettronica: diritti e corrispettivo');
    expect(text).toContain('44,00 €'); // a line of the amount
    expect(text).toMatch(/Dove pagare/);
    expect(text).toMatch(/app IO/);
    expect(text).toMatch(/uffici postali/);
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
    const qr = await firstPageQr(pdf, SHOTS ? `${SHOTS}/avviso.png` : undefined);
    expect(qr).toBe(`PAGOPA|002|${noticeNumber}|00123450226|6600`);
  });

  it('prints an accented name and a long description whole, with the QR code still on the first page', async () => {
    const long = 'Tassa sui rifiuti (TARI) 2026, seconda rata: utenza domestica di via dell’Università 12, interno 4, con riduzione per compostaggio domestico e per un solo occupante';
    const pdf = await renderPaymentNotice({
      ...input,
      debtor: { name: 'Đorđe Nicolò Ōtani D’Alò', fiscalCode: 'TNODRD85C12Z118K' },
      description: long,
      items: Array.from({ length: 30 }, (_, i) => ({ label: `Rata ${i + 1}: quota fissa e quota variabile dell'anno`, amountCents: 220, kind: 'tributo' as const })),
      amountCents: 6600,
    });
    const text = flat(await pdftotext(pdf));
    expect(text).toContain('Đorđe Nicolò Ōtani D’Alò');
    // the heading carries the whole description (pdftotext may break it across lines: compared without spaces)
    expect(text.replace(/ /g, '')).toContain(long.replace(/ /g, ''));
    expect(text).toContain('Rata 30');
    expect(text).toMatch(/Pagina 1 di 2/);
    expect(await firstPageQr(pdf, SHOTS ? `${SHOTS}/avviso-lungo.png` : undefined)).toBe(`PAGOPA|002|${noticeNumber}|00123450226|6600`);
  });

  it('gives the same bytes for the same input', async () => {
    expect(Buffer.compare(await renderPaymentNotice(input), await renderPaymentNotice(input))).toBe(0);
  });
});

describe('payment receipt PDF', () => {
  const receipt = { receiptId: '9f86d081884c7d659a2feaa0c55ad015', psp: 'Banca Simulata', channel: 'carta di pagamento', paidAt: '2026-07-03T08:15:30.000Z', amountCents: 6600 };

  it('says what was paid, when, through which PSP and channel, with the receipt id and the IUV', async () => {
    const pdf = await renderPaymentReceipt({ ...input, receipt, status: 'paid', statusReason: null });
    const text = flat(await pdftotext(pdf));
    expect(text).toContain('RICEVUTA DI PAGAMENTO');
    expect(text).toContain('66,00 €');
    expect(text).toContain('03/07/2026 alle 10:15:30'); // Rome time, summer
    expect(text).toContain('Banca Simulata');
    expect(text).toContain('carta di pagamento');
    expect(text).toContain(receipt.receiptId);
    expect(text).toContain(iuv);
    expect(text).toContain(noticeNumber.replace(/(\d{4})(?=\d)/g, '$1 '));
    expect(text).toContain('Mario Rossi');
    expect(text).not.toContain('RIMBORSATO');
    if (SHOTS) await firstPageQr(pdf, `${SHOTS}/ricevuta.png`);
  });

  it('a refunded payment says so, with the reason', async () => {
    const pdf = await renderPaymentReceipt({ ...input, receipt, status: 'refunded', statusReason: 'Importo versato due volte per errore' });
    const text = flat(await pdftotext(pdf));
    expect(text).toContain('PAGAMENTO RIMBORSATO');
    expect(text).toContain('Motivo: Importo versato due volte per errore');
    expect(text).toContain('Pagato, poi rimborsato');
    if (SHOTS) await firstPageQr(pdf, `${SHOTS}/ricevuta-rimborsata.png`);
  });
});
