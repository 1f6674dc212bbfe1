/**
 * The IO app's messages API (https://api.io.pagopa.it/api/v1), with the body's subscription key:
 *
 * 1. `GET /profiles/{fiscal_code}`: 404 means the citizen does not use IO; `sender_allowed: false` means they
 *    turned this body's messages off. Either is final: retrying will not change it.
 * 2. `POST /messages` {fiscal_code, content: {subject, markdown}} → {id}.
 *
 * The fiscal code is the addressee and nothing else: the content is the minimised text of the template, which
 * says where to read more and carries no personal data. IO keeps no idempotency key of ours, so a message sent
 * again after a crash between IO's answer and our record may reach the app twice: the window is one request wide.
 */
import { CHANNEL_LIMITS } from '../../../../contracts/messaging.ts';
import { PermanentFailure, type ChannelAdapter, type OutgoingMessage, type SendResult } from './channel.ts';
import { providerReason, transportFailure } from './http.ts';

export interface IoOptions {
  apiUrl: string;
  apiKey: string;
  /** how long to wait for IO (default 10 s) */
  timeoutMs?: number;
}

/** The shape IO accepts for a fiscal code (omocodia letters included). */
const FISCAL_CODE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

export class IoChannel implements ChannelAdapter {
  readonly channel = 'io' as const;
  readonly name = 'io';
  private readonly base: string;

  constructor(private readonly options: IoOptions) {
    this.base = options.apiUrl.replace(/\/+$/, '');
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const fiscalCode = message.to.trim().toUpperCase();
    if (!FISCAL_CODE.test(fiscalCode)) throw new PermanentFailure('codice fiscale del destinatario non valido per IO');
    const subject = message.subject?.trim() ?? '';
    const markdown = message.body.trim();
    const [subjectMin, subjectMax] = CHANNEL_LIMITS.io.subject!;
    const [bodyMin, bodyMax] = CHANNEL_LIMITS.io.body;
    if (subject.length < subjectMin || subject.length > subjectMax) {
      throw new PermanentFailure(`l'oggetto di un messaggio IO deve avere da ${subjectMin} a ${subjectMax} caratteri (ne ha ${subject.length})`);
    }
    if (markdown.length < bodyMin || markdown.length > bodyMax) {
      throw new PermanentFailure(`il testo di un messaggio IO deve avere da ${bodyMin} a ${bodyMax} caratteri (ne ha ${markdown.length})`);
    }

    // the profile first: a citizen without IO, or who turned the body off, gets nothing and the row says why
    const profile = await this.request('GET', `/profiles/${fiscalCode}`);
    if (profile.status === 404) throw new PermanentFailure('il cittadino non usa l\'app IO');
    this.refuseOnError('verifica del profilo', profile);
    if (parse(profile.text)?.sender_allowed === false) throw new PermanentFailure('il cittadino ha disattivato i messaggi di questo ente in IO');

    // IO takes no idempotency key: once the POST may have reached IO, sending again could show the citizen the
    // message twice. Only a refused connection or a 429 (turned away before any work) is retried; a timeout, a
    // broken connection or a 5xx after sending fails the row as uncertain, for an administrator to check and resend.
    let sent: { status: number; text: string };
    try {
      sent = await this.request('POST', '/messages', { fiscal_code: fiscalCode, content: { subject, markdown } });
    } catch (error) {
      if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test((error as Error).message)) throw error;
      throw new PermanentFailure(`${(error as Error).message}: ${UNCERTAIN}`);
    }
    if (sent.status >= 500 || sent.status === 408) throw new PermanentFailure(`IO ${sent.status} nell'invio del messaggio: ${UNCERTAIN}`);
    this.refuseOnError('invio del messaggio', sent);
    const id = parse(sent.text)?.id;
    // accepted: an answer without an id is still a message IO has (sending again would make a second one)
    return { status: 'sent', providerMessageId: typeof id === 'string' && id ? id : undefined };
  }

  private async request(method: 'GET' | 'POST', path: string, body?: object): Promise<{ status: number; text: string }> {
    try {
      const response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          'ocp-apim-subscription-key': this.options.apiKey,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      return { status: response.status, text: await response.text().catch(() => '') };
    } catch (error) {
      throw transportFailure('l\'API di IO', error);
    }
  }

  /** 2xx passes; a wrong key or a refused request is permanent; 429 and 5xx are transient. */
  private refuseOnError(step: string, answer: { status: number; text: string }) {
    if (answer.status >= 200 && answer.status < 300) return;
    const said = providerReason(answer.text);
    const reason = `IO ${answer.status} nella ${step}${said ? `: ${said}` : ''}`;
    if (answer.status === 401 || answer.status === 403) throw new PermanentFailure(`${reason} (chiave IO_API_KEY non valida o servizio non abilitato)`);
    if (answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429) throw new PermanentFailure(reason);
    throw new Error(reason);
  }
}

const UNCERTAIN = 'esito incerto, il messaggio potrebbe essere arrivato: verifica prima di reinviarlo';

function parse(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
