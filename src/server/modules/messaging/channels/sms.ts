/**
 * SMS through a provider's HTTP API. The contract every provider adapter here speaks (an aggregator behind a thin
 * proxy, or the provider itself when it takes this shape):
 *
 *   POST SMS_URL   Authorization: Bearer SMS_TOKEN   Idempotency-Key: <notification id>
 *   {"to": "+39…", "from": SMS_SENDER, "text": "…", "reference": "<notification id>"}
 *   → 2xx {"id": "…"}
 *
 * The notification's id travels as reference and Idempotency-Key, so a message sent again after a crash is
 * recognised by the provider as the same one. 4xx answers (but 408 and 429) are refusals that a retry will not
 * change; 5xx, 408, 429, timeouts and network errors are transient and retried by the delivery job.
 */
import { CHANNEL_LIMITS } from '../../../../contracts/messaging.ts';
import { PermanentFailure, type ChannelAdapter, type OutgoingMessage, type SendResult } from './channel.ts';
import { providerReason, transportFailure } from './http.ts';

export interface SmsOptions {
  url: string;
  token: string;
  sender: string;
  /** how long to wait for the provider (default 10 s) */
  timeoutMs?: number;
}

/**
 * A phone number as E.164, or why it cannot receive an SMS. Italian numbers may be written the way people write
 * them (with or without +39 or 0039, spaces, dots, dashes, brackets); an Italian number must be a mobile one
 * (3xx, 9 or 10 digits). A foreign number must be written in international form: it is taken as it is.
 */
export function mobileNumber(raw: string): { ok: true; e164: string } | { ok: false; reason: string } {
  const compact = raw.trim().replace(/[\s.\-/()]/g, '');
  if (!/^(\+|00)?\d+$/.test(compact)) return { ok: false, reason: 'il numero di telefono contiene caratteri non validi' };
  let international = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : null;
  if (international === null) {
    // written without a country code: an Italian number
    international = `39${compact}`;
  }
  if (international.startsWith('39')) {
    const national = international.slice(2);
    if (/^3\d{8,9}$/.test(national)) return { ok: true, e164: `+39${national}` };
    if (/^0\d{5,10}$/.test(national)) return { ok: false, reason: 'il numero è di un telefono fisso, non di un cellulare: gli SMS non arrivano' };
    return { ok: false, reason: 'il numero non è un numero di cellulare italiano valido' };
  }
  if (/^[1-9]\d{7,14}$/.test(international)) return { ok: true, e164: `+${international}` };
  return { ok: false, reason: 'il numero di telefono non è valido' };
}

export class SmsChannel implements ChannelAdapter {
  readonly channel = 'sms' as const;
  readonly name = 'sms-http';
  constructor(private readonly options: SmsOptions) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const number = mobileNumber(message.to);
    if (!number.ok) throw new PermanentFailure(number.reason);
    const [, max] = CHANNEL_LIMITS.sms.body;
    if (!message.body.trim()) throw new PermanentFailure('il testo dell\'SMS è vuoto');
    if (message.body.length > max) throw new PermanentFailure(`il testo dell'SMS supera i ${max} caratteri (${message.body.length})`);
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
          'idempotency-key': message.id,
        },
        body: JSON.stringify({ to: number.e164, from: this.options.sender, text: message.body, reference: message.id }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw transportFailure('il fornitore SMS', error);
    }
    const text = await response.text().catch(() => '');
    if (response.ok) {
      const id = parseId(text);
      return { status: 'sent', providerMessageId: id ?? message.id };
    }
    const reason = `fornitore SMS ${response.status}${providerReason(text) ? `: ${providerReason(text)}` : ''}`;
    if (response.status === 401 || response.status === 403) throw new PermanentFailure(`${reason} (credenziali SMS_TOKEN rifiutate)`);
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) throw new PermanentFailure(reason);
    throw new Error(reason);
  }
}

function parseId(text: string): string | null {
  try {
    const body = JSON.parse(text) as { id?: unknown; messageId?: unknown };
    const id = body.id ?? body.messageId;
    return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 200) : null;
  } catch {
    return null;
  }
}
