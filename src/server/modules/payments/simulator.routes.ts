/**
 * The pagoPA simulator's payment page: where a checkout sends the browser in development and tests. It stands for
 * another site (pagoPA's checkout), so it uses nothing of the app's own — no session, no CSRF token, no script —
 * and is left out of the API's description. The tester reads what is being paid and chooses the outcome and how
 * the body hears of it; the answer sends the browser back to the portal with ?esito=ok|ko|annullato.
 *
 * Pages are plain server-rendered HTML with one small stylesheet allowed by its hash in a Content-Security-Policy
 * of their own, stricter than the app's: no script, forms only to this site and to the portal's return address.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { formatEuro, formatNoticeNumber } from '../../../contracts/payments.ts';
import type { App } from '../../platform/context.ts';
import {
  SIMULATED_DELIVERIES, SIMULATED_OUTCOMES, SimulatorNoticeRefused, SimulatorSessionNotFound, type PagoPaSimulator, type SimulatedDelivery, type SimulatedOutcome,
  type SimulatorSessionView,
} from './pagopa-simulator.ts';

export const SIMULATOR_PATH = '/pagopa-simulatore/pagamento';
/** The counter: a notice paid away from the portal's checkout (bank, post office, shop, IO app), as its PDF says. */
export const COUNTER_PATH = '/pagopa-simulatore/avviso';

const escapeHtml = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1.0625rem;line-height:1.5;color:#1a1a1a;background:#f2f4f7}
.test{margin:0;padding:.75rem 1rem;background:#fff4d6;color:#4d3200;border-bottom:4px solid #d98e04;font-weight:700;text-align:center}
.brand{margin:0;padding:.75rem 1rem;background:#0059b3;color:#fff;font-weight:700;font-size:1.1rem}
main{display:block;max-width:40rem;margin:0 auto;padding:1.25rem 1rem 2rem}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 1rem}
.box{background:#fff;border-left:6px solid #0059b3;padding:.75rem 1rem;margin:1rem 0;border-radius:.25rem}
.box p{margin:.25rem 0}
.box.error{border-left-color:#b00020}
.box.ok{border-left-color:#00754a}
dl{margin:0}
dt{color:#454b52;font-size:.95rem;margin-top:.5rem}
dt:first-child{margin-top:0}
dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.amount{font-size:1.6rem;font-weight:700}
.code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;letter-spacing:.02em}
fieldset{background:#fff;border:1px solid #c5cbd3;border-radius:.25rem;margin:1rem 0;padding:.75rem 1rem 1rem;min-width:0}
legend{font-weight:700;padding:0 .25rem}
label{display:flex;gap:.6rem;align-items:flex-start;padding:.45rem 0;cursor:pointer}
input[type=radio]{width:1.25rem;height:1.25rem;margin:.15rem 0 0;flex:none;accent-color:#0059b3}
button,.button{display:inline-block;font:inherit;font-weight:700;cursor:pointer;border-radius:.5rem;min-height:3rem;padding:.7rem 1.5rem;text-decoration:none;background:#0059b3;color:#fff;border:2px solid #0059b3}
button:hover,.button:hover{background:#00458a}
a{color:#00458a}
button:focus-visible,a:focus-visible,input:focus-visible{outline:4px solid #1a1a1a;outline-offset:3px;box-shadow:0 0 0 2px #fff}
label.field{display:block;cursor:auto;padding:.45rem 0 0;font-weight:600}
input[type=text]{display:block;width:100%;font:inherit;margin-top:.25rem;padding:.55rem .7rem;border:2px solid #5c6f82;border-radius:.25rem}
footer{max-width:40rem;margin:0 auto;padding:0 1rem 2rem;color:#454b52;font-size:.95rem}
`;
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)} · pagoPA (simulatore)</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="test">Ambiente di prova: nessun pagamento reale</p>
<p class="brand">pagoPA · simulatore di pagamento</p>
</header>
<main>
${body}
</main>
<footer><p>Questa pagina simula il pagamento con pagoPA per lo sviluppo e i test di Sportello. Nessuna carta viene addebitata.</p>
<p lang="en">Test environment: this page simulates a pagoPA payment; no money moves.</p></footer>
</body>
</html>`;
}

/** The facts of the notice: who asks, what for, how much, which notice. */
function summary(s: SimulatorSessionView): string {
  return `<div class="box"><dl>
<dt>Ente creditore</dt><dd>${escapeHtml(s.bodyName)} <span class="code">(${escapeHtml(s.bodyFiscalCode)})</span></dd>
<dt>Causale</dt><dd>${escapeHtml(s.description)}</dd>
<dt>Importo</dt><dd class="amount">${escapeHtml(formatEuro(s.amountCents))}</dd>
<dt>Codice avviso</dt><dd class="code">${escapeHtml(formatNoticeNumber(s.noticeNumber))}</dd>
</dl></div>`;
}

const OUTCOME_CHOICES: [SimulatedOutcome, string][] = [
  ['paid', 'Pagamento riuscito'],
  ['failed', 'Pagamento non riuscito (carta rifiutata)'],
  ['cancelled', 'Annulla il pagamento'],
];
const DELIVERY_CHOICES: [SimulatedDelivery, string][] = [
  ['callback', 'Subito'],
  ['late', 'In ritardo (solo con la verifica periodica)'],
  ['duplicate', 'Due volte (conferma duplicata)'],
];

const radios = (name: string, choices: [string, string][]) =>
  choices.map(([value, label], i) =>
    `<label><input type="radio" name="${name}" value="${value}"${i === 0 ? ' checked' : ''}> <span>${escapeHtml(label)}</span></label>`).join('\n');

function paymentPage(s: SimulatorSessionView, action: string): string {
  return page(
    'Pagamento',
    `<h1>Paga l'avviso</h1>
${summary(s)}
<form method="post" action="${escapeHtml(action)}">
<fieldset>
<legend>Esito del pagamento</legend>
${radios('esito', OUTCOME_CHOICES)}
</fieldset>
<fieldset>
<legend>Conferma all'ente</legend>
${radios('conferma', DELIVERY_CHOICES)}
</fieldset>
<button type="submit">Conferma</button>
</form>`,
  );
}

/** The notice was withdrawn: nothing to pay, only the way back (the session closes as given up). */
function notPayablePage(s: SimulatorSessionView, action: string, returnUrl: string | null): string {
  const back = returnUrl
    ? `<p><a class="button" href="${escapeHtml(returnUrl)}">Torna al sito dell'ente</a></p>`
    : `<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="esito" value="cancelled">
<input type="hidden" name="conferma" value="callback">
<button type="submit">Torna al sito dell'ente</button>
</form>`;
  const paid = s.notPayable === 'already_paid';
  return page(
    paid ? 'Avviso già pagato' : 'Avviso non più pagabile',
    `<h1>${paid ? 'Avviso già pagato' : 'Avviso non più pagabile'}</h1>
<div class="box error"><p>${paid ? 'Questo avviso risulta già pagato: non si paga due volte e nessun importo è stato addebitato.'
    : `${escapeHtml(s.bodyName)} ha annullato questo avviso: non può più essere pagato e nessun importo è stato addebitato.`}</p>
<p lang="en">${paid ? 'This notice is already paid: nothing was charged.' : 'The body has withdrawn this notice: it can no longer be paid.'}</p></div>
${summary(s)}
${back}`,
  );
}

const DONE: Record<SimulatedOutcome, { heading: string; text: string; kind: string }> = {
  paid: { heading: 'Pagamento riuscito', text: "Il pagamento è stato eseguito. L'ente riceve la conferma da pagoPA.", kind: 'ok' },
  failed: { heading: 'Pagamento non riuscito', text: 'Il pagamento non è andato a buon fine: nessun importo è stato addebitato.', kind: 'error' },
  cancelled: { heading: 'Pagamento annullato', text: 'Il pagamento è stato annullato: nessun importo è stato addebitato.', kind: 'error' },
};

function decidedPage(s: SimulatorSessionView): string {
  const done = DONE[s.status as SimulatedOutcome];
  return page(
    done.heading,
    `<h1>${escapeHtml(done.heading)}</h1>
<div class="box ${done.kind}"><p>${escapeHtml(done.text)}</p><p>Questa sessione di pagamento è già conclusa.</p></div>
${summary(s)}
<p><a class="button" href="${escapeHtml(s.returnUrl)}">Torna al sito dell'ente</a></p>`,
  );
}

/** The counter's form: what a person reads off the printed notice. */
function counterPage(values: Record<string, string>, outcome: { ok: boolean; text: string; english: string } | null): string {
  const field = (name: string, label: string, hint: string) =>
    `<label class="field" for="${name}">${escapeHtml(label)} <span class="hint">(${escapeHtml(hint)})</span>` +
    `<input type="text" id="${name}" name="${name}" value="${escapeHtml(values[name] ?? '')}" required maxlength="40" autocomplete="off"></label>`;
  return page(
    'Paga un avviso allo sportello',
    `<h1>Paga un avviso allo sportello</h1>
<p>Come in banca, in posta, in ricevitoria o nell'app IO: inserisci i dati stampati sull'avviso di pagamento.</p>
${outcome ? `<div class="box ${outcome.ok ? 'ok' : 'error'}" role="status"><p>${escapeHtml(outcome.text)}</p><p lang="en">${escapeHtml(outcome.english)}</p></div>` : ''}
<form method="post" action="${COUNTER_PATH}">
<fieldset>
<legend>Dati dell'avviso</legend>
${field('ente', "Codice fiscale dell'ente creditore", '11 cifre')}
${field('avviso', 'Codice avviso', '18 cifre, gli spazi non contano')}
${field('importo', 'Importo in euro', 'per esempio 16,00')}
</fieldset>
<button type="submit">Paga</button>
</form>`,
  );
}

/** An amount typed as on a counter ("16", "16,00", "1.016,50") in cents, or null. */
export function centsOf(text: string): number | null {
  const t = text.trim().replace(/^€\s*/, '').replace(/\s/g, '');
  const m = /^(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d{1,2}))?$/.exec(t) ?? /^(\d+)(?:\.(\d{1,2}))$/.exec(t);
  if (!m) return null;
  const cents = Number(m[1]!.replace(/\./g, '')) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return Number.isSafeInteger(cents) && cents > 0 ? cents : null;
}

function messagePage(heading: string, text: string, english: string): string {
  return page(heading, `<h1>${escapeHtml(heading)}</h1>
<div class="box error"><p>${escapeHtml(text)}</p><p lang="en">${escapeHtml(english)}</p></div>`);
}

const notFoundPage = () =>
  messagePage('Sessione di pagamento non trovata', 'Questa sessione di pagamento non esiste o è stata chiusa. Torna al sito dell\'ente e avvia di nuovo il pagamento.',
    'There is no such payment session: go back to the site and start the payment again.');

/** The origin of an absolute URL, or null (a relative return URL needs nothing beyond 'self'). */
function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export async function mountPagoPaSimulator(app: App, simulator: PagoPaSimulator): Promise<void> {
  const hidden = { schema: { hide: true } };

  const html = (reply: FastifyReply, status: number, body: string, returnUrl?: string) => {
    // the form posts here and its answer redirects to the portal: both must be allowed as form targets
    const back = returnUrl ? originOf(returnUrl) : null;
    const csp = [
      "default-src 'none'",
      `style-src ${STYLE_HASH}`,
      `form-action 'self'${back ? ` ${back}` : ''}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; ');
    return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store')
      .header('content-security-policy', csp).header('referrer-policy', 'no-referrer').send(body);
  };

  await app.register(async (pages) => {
    // the page's form: application/x-www-form-urlencoded, parsed here only (the app has no form parser)
    pages.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

    pages.get<{ Params: { sessionId: string } }>(`${SIMULATOR_PATH}/:sessionId`, hidden, async (req, reply) => {
      const s = await simulator.session(req.params.sessionId);
      if (!s) return html(reply, 404, notFoundPage());
      if (s.status !== 'open') return html(reply, 200, decidedPage(s));
      const action = `${SIMULATOR_PATH}/${encodeURIComponent(s.id)}`;
      if (!s.payable) return html(reply, 200, notPayablePage(s, action, null), s.returnUrl);
      return html(reply, 200, paymentPage(s, action), s.returnUrl);
    });

    pages.post<{ Params: { sessionId: string }; Body: Record<string, string> | undefined }>(`${SIMULATOR_PATH}/:sessionId`, hidden, async (req, reply) => {
      const body = req.body && typeof req.body === 'object' ? req.body : {};
      const outcome = body.esito as SimulatedOutcome;
      const delivery = (body.conferma ?? 'callback') as SimulatedDelivery;
      const before = await simulator.session(req.params.sessionId);
      if (!before) return html(reply, 404, notFoundPage());
      if (!SIMULATED_OUTCOMES.includes(outcome) || !SIMULATED_DELIVERIES.includes(delivery)) {
        return html(reply, 400, messagePage('Scelta non valida', "Scegli l'esito del pagamento e come confermarlo all'ente, poi premi Conferma.",
          'Choose an outcome and a delivery, then press Conferma.'));
      }
      let returnUrl: string;
      try {
        returnUrl = await simulator.decide(before.id, outcome, delivery);
      } catch (err) {
        if (err instanceof SimulatorSessionNotFound) return html(reply, 404, notFoundPage());
        throw err;
      }
      // paying a notice withdrawn meanwhile: the payment failed; say why before going back
      if (before.status === 'open' && !before.payable && outcome === 'paid') {
        return html(reply, 409, notPayablePage(before, '', returnUrl));
      }
      return reply.header('cache-control', 'no-store').redirect(returnUrl, 303);
    });

    pages.get(COUNTER_PATH, hidden, async (_req, reply) => html(reply, 200, counterPage({}, null)));

    pages.post<{ Body: Record<string, string> | undefined }>(COUNTER_PATH, hidden, async (req, reply) => {
      const body = req.body && typeof req.body === 'object' ? req.body : {};
      const values = { ente: String(body.ente ?? '').trim(), avviso: String(body.avviso ?? '').replace(/\s/g, ''), importo: String(body.importo ?? '').trim() };
      const cents = centsOf(values.importo);
      if (!/^\d{11}$/.test(values.ente) || !/^\d{18}$/.test(values.avviso) || cents === null) {
        return html(reply, 400, counterPage(values, { ok: false, text: "Controlla i dati: codice fiscale dell'ente di 11 cifre, codice avviso di 18 cifre, importo in euro.",
          english: 'Check the data: body fiscal code (11 digits), notice number (18 digits), amount in euro.' }));
      }
      try {
        const { receiptId } = await simulator.payNotice(values.ente, values.avviso, cents);
        return html(reply, 200, counterPage({}, { ok: true, text: `Pagamento eseguito: ${formatEuro(cents)} per l'avviso ${formatNoticeNumber(values.avviso)}. Ricevuta ${receiptId}. L'ente riceve la conferma da pagoPA.`,
          english: 'Paid: the body receives the confirmation from pagoPA.' }));
      } catch (err) {
        if (!(err instanceof SimulatorNoticeRefused)) throw err;
        const why = { unknown: 'Avviso sconosciuto: nessun ente ha un avviso con questo codice.', withdrawn: "Avviso non più pagabile: l'ente lo ha annullato.",
          already_paid: 'Avviso già pagato: non si paga due volte.', amount: "L'importo non è quello dell'avviso." }[err.reason];
        return html(reply, 409, counterPage(values, { ok: false, text: why, english: err.message }));
      }
    });
  });
}
