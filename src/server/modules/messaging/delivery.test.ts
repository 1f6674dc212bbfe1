import { describe as group, expect, it } from 'vitest';
import { PermanentFailure } from './channels/channel.ts';
import { describe, maskAddresses } from './delivery.ts';

group('maskAddresses', () => {
  it('keeps the first letter and the domain of every e-mail address', () => {
    expect(maskAddresses('550 5.1.1 <giulia.ferrari@example.it>: Recipient address rejected')).toBe('550 5.1.1 <g***@example.it>: Recipient address rejected');
    expect(maskAddresses('a@b.it e mario_rossi+avvisi@posta.comune.example.org'))
      .toBe('a***@b.it e m***@posta.comune.example.org');
    // a masked text stays as it is
    expect(maskAddresses('g***@example.it')).toBe('g***@example.it');
  });

  it('keeps the last three digits of a phone number, however it is written', () => {
    expect(maskAddresses('numero +393471234567 non raggiungibile')).toBe('numero ***567 non raggiungibile');
    expect(maskAddresses('invalid destination number +39 347 123 4567')).toBe('invalid destination number ***567');
    expect(maskAddresses('al 0039 347 1234567.')).toBe('al ***567.');
    expect(maskAddresses('destinatario 3471234567 sconosciuto')).toBe('destinatario ***567 sconosciuto');
    expect(maskAddresses('numero 347123456')).toBe('numero ***456');
  });

  it('leaves codes, protocol numbers and dates alone', () => {
    const text = 'SMTP 550: protocollo 0001234/2026 del 24/11/2026, pratica CA-2026-7KQ4M2, IO 503';
    expect(maskAddresses(text)).toBe(text);
  });
});

group('describe', () => {
  it('reads an SMTP error as code, answer and message, without the address the peer quoted', () => {
    const refusal = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <giulia.ferrari@example.it>: User unknown"),
      { code: 'EENVELOPE', responseCode: 550 });
    const reason = describe(refusal);
    expect(reason).toBe("EENVELOPE: SMTP 550: Can't send mail - all recipients were rejected: 550 5.1.1 <g***@example.it>: User unknown");
    expect(reason).not.toContain('giulia.ferrari');
  });

  it('masks the address in an adapter\'s own refusal and the number in a provider\'s', () => {
    expect(describe(new PermanentFailure('indirizzo rifiutato dal server di posta: marco.colombo@example.org')))
      .toBe('indirizzo rifiutato dal server di posta: m***@example.org');
    expect(describe(new Error('fornitore SMS 422: numero +393339876543 inesistente'))).toBe('fornitore SMS 422: numero ***543 inesistente');
  });

  it('stays short, and masks before cutting (an address across the cut is not left half visible)', () => {
    const long = describe(new Error(`${'x'.repeat(280)} giulia.ferrari@example.it`));
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long).not.toMatch(/giulia/);
    expect(long.endsWith('g***@example.it')).toBe(true);
    expect(describe('boom')).toBe('boom');
  });
});
