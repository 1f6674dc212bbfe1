/**
 * Payments with pagoPA over HTTP: the citizen's payments, paying (checkout), the notice and the receipt; the
 * offices' list, debts, payments asked on an application, cancellation, refund and reconciliation; the provider's
 * callback. Each route validates and makes one call into PaymentsService (or ApplicationsService for the fees of a
 * draft), which decides who may do it. Also starts the payments' background tasks in worker processes.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { sendDownload } from '../../platform/download.ts';
import {
  ApplicationParams, CheckoutAnswer, CheckoutBody, DebtPositionBody, FeesAnswer, IdempotencyHeaders, MyPaymentsList, MyPaymentsQuery, PaymentDetailSchema, PaymentParams,
  PaymentRequestBody, PaymentsList, PaymentsQuery, ProviderParams, ReasonBody, ReconciliationAnswer, ReconciliationBody, RefundBody,
} from './payments.schemas.ts';
import { schedulePaymentTasks } from './payments.tasks.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const PRIVATE = 'private, no-store';
const TAGS = ['pagamenti'];
const PDF = { 200: Type.Unknown({ description: 'il PDF' }), ...PROBLEMS, 409: Problem };

const keyOf = (headers: Record<string, unknown>) => {
  const key = headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
};

export async function paymentsRoutes(app: App, ctx: AppContext, opts: { tasks: boolean } = { tasks: false }) {
  const svc = ctx.services.payments;
  // PaymentSummary is registered in app.ts (applications' detail refers to it too)
  app.addSchema(PaymentDetailSchema);
  schedulePaymentTasks(app, ctx, opts);

  // ---- the citizen ------------------------------------------------------------------------------------------------

  app.get('/api/v1/me/payments', {
    schema: {
      tags: TAGS, summary: 'I miei pagamenti', operationId: 'listMyPayments',
      description: "Gli avvisi di pagamento del cittadino, dal più recente: quelli a suo nome e di chi rappresenta per legge (figli minori, imprese) e quelli " +
        "delle sue pratiche. status=due quelli da pagare, paid quelli pagati o rimborsati, all (predefinito) tutti. Paginazione con cursore.",
      querystring: MyPaymentsQuery, response: { 200: MyPaymentsList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.mine(await actorOf(ctx, req), req.query)));

  app.get('/api/v1/payments/:paymentId', {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Un pagamento', operationId: 'readPayment',
      description: "Il pagamento con le voci, il codice avviso, il QR code, la ricevuta, la cronologia e che cosa si può fare ora. Per chi deve pagarlo (e chi lo " +
        "rappresenta per legge) e per gli uffici dell'ente (payment.read; la lettura è registrata nel registro degli accessi della persona). Se c'è un " +
        'pagamento aperto presso il gestore, la pagina del cittadino chiede subito l\'esito (al massimo ogni 3 secondi).',
      params: PaymentParams, response: { 200: Type.Ref('PaymentDetail'), ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.get(await actorOf(ctx, req), req.params.paymentId)));

  app.post('/api/v1/payments/:paymentId/checkout', {
    schema: {
      tags: TAGS, summary: 'Paga con pagoPA', operationId: 'startPaymentCheckout',
      description: "Apre il pagamento presso il gestore e risponde con l'indirizzo a cui mandare il browser (redirectUrl); alla fine il browser torna a " +
        'returnPath (una pagina di questo portale) con ?esito=ok|ko|annullato. L\'esito vero arriva dal gestore (notifica o interrogazione). 409 se ' +
        "l'avviso è già pagato, annullato o scaduto; 503 se l'installazione non è collegata a pagoPA.",
      params: PaymentParams, body: CheckoutBody, response: { 201: CheckoutAnswer, ...PROBLEMS, 409: Problem, 503: Problem },
    },
  }, async (req, reply) => reply.code(201).header('cache-control', PRIVATE).send(await svc.checkout(await actorOf(ctx, req), req.params.paymentId, req.body.returnPath)));

  app.get('/api/v1/payments/:paymentId/notice.pdf', {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: "L'avviso di pagamento (PDF)", operationId: 'downloadPaymentNotice',
      description: "L'avviso pagoPA da stampare per pagare in banca, in posta, nelle ricevitorie o con l'app della banca: ente creditore e codice fiscale, " +
        'codice avviso, importo, scadenza, chi paga e il QR code. Solo per gli avvisi ancora pagabili (409 altrimenti).',
      params: PaymentParams, response: PDF,
    },
  }, async (req, reply) => sendDownload(reply, await svc.noticePdf(await actorOf(ctx, req), req.params.paymentId)));

  app.get('/api/v1/payments/:paymentId/receipt.pdf', {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'La ricevuta di pagamento (PDF)', operationId: 'downloadPaymentReceipt',
      description: 'La ricevuta di un pagamento eseguito (o rimborsato: lo dice con il motivo). 409 per un avviso non pagato.',
      params: PaymentParams, response: PDF,
    },
  }, async (req, reply) => sendDownload(reply, await svc.receiptPdf(await actorOf(ctx, req), req.params.paymentId)));

  app.get('/api/v1/applications/:applicationId/fees', {
    schema: {
      tags: TAGS, summary: 'Quanto si paga per inviare la domanda', operationId: 'previewApplicationFees',
      description: 'Le voci e il totale che le risposte attuali della bozza fanno pagare prima dell\'invio, se il servizio chiede un pagamento prima ' +
        "dell'invio (altrimenti nessuna voce e totale 0). Per chi presenta la domanda.",
      params: ApplicationParams, response: { 200: FeesAnswer, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await ctx.services.applications.fees(await actorOf(ctx, req), req.params.applicationId)));

  // ---- both: cancel ----------------------------------------------------------------------------------------------

  app.post('/api/v1/payments/:paymentId/cancel', {
    schema: {
      tags: TAGS, summary: 'Annulla un pagamento', operationId: 'cancelPayment',
      description: "L'ufficio (payment.manage) annulla un avviso non pagato, con il motivo (da 5 a 500 caratteri) che legge chi doveva pagare; la pratica che " +
        "lo attendeva torna in lavorazione. Il cittadino può annullare solo il pagamento chiesto prima dell'invio, per cambiare le risposte: la domanda " +
        'torna bozza. 409 se è già pagato (si rimborsa), annullato o scaduto, o se un pagamento è in corso presso il gestore.',
      params: PaymentParams, body: ReasonBody, response: { 200: Type.Ref('PaymentDetail'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.cancel(await actorOf(ctx, req), req.params.paymentId, req.body.reason)));

  // ---- the offices --------------------------------------------------------------------------------------------------

  app.get('/api/v1/payments', {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: "I pagamenti dell'ente", operationId: 'listPayments',
      description: "Per gli uffici (payment.read): i pagamenti dell'ente (tenant, il proprio se manca), dal più recente, con filtri per stato, tipo " +
        '(purpose), periodo di creazione (from, to) e ricerca (q: nome o codice fiscale di chi paga, causale, codice pratica, codice avviso), e i ' +
        'totali di quanto trovato (numero e importo in centesimi). Ogni persona elencata trova la lettura nel registro degli accessi (una volta al giorno).',
      querystring: PaymentsQuery, response: { 200: PaymentsList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.list(await actorOf(ctx, req), req.query)));

  app.post('/api/v1/payments', {
    schema: {
      tags: TAGS, summary: 'Carica un debito (avviso di pagamento)', operationId: 'createDebtPosition',
      description: "L'ufficio (payment.manage) crea un avviso pagoPA a nome di una persona o impresa (una rata TARI, una sanzione), con le voci in centesimi " +
        "e la scadenza (oggi o dopo). Chi ha un account lo trova in \"I miei pagamenti\" e riceve un avviso (payment_notice). Con Idempotency-Key un " +
        'nuovo invio restituisce il primo.',
      headers: IdempotencyHeaders, body: DebtPositionBody, response: { 201: Type.Ref('PaymentDetail'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => {
    const { detail } = await svc.createDebt(await actorOf(ctx, req), req.body, keyOf(req.headers));
    return reply.code(201).header('cache-control', PRIVATE).send(detail);
  });

  app.post('/api/v1/applications/:applicationId/payment-request', {
    schema: {
      tags: TAGS, summary: 'Chiede un pagamento per la pratica', operationId: 'requestApplicationPayment',
      description: "L'ufficio che tratta la pratica (protocollata o in lavorazione) chiede un pagamento (diritti, bolli, tariffe): la pratica attende in " +
        "payment_pending con i termini sospesi, il richiedente riceve l'avviso; al pagamento torna in lavorazione con la scadenza spostata dei giorni " +
        "di attesa. 409 se la pratica attende già un pagamento o non è in istruttoria. Con Idempotency-Key un nuovo invio restituisce la richiesta già fatta.",
      params: ApplicationParams, headers: IdempotencyHeaders, body: PaymentRequestBody,
      response: { 200: Type.Ref('PaymentDetail'), 201: Type.Ref('PaymentDetail'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => {
    const { created, detail } = await svc.requestPayment(await actorOf(ctx, req), req.params.applicationId, req.body, keyOf(req.headers));
    return reply.code(created ? 201 : 200).header('cache-control', PRIVATE).send(detail);
  });

  app.post('/api/v1/payments/:paymentId/refund', {
    schema: {
      tags: TAGS, summary: 'Rimborsa un pagamento', operationId: 'refundPayment',
      description: "L'ufficio (payment.manage) restituisce un pagamento eseguito, con il motivo (da 5 a 500 caratteri) che legge chi ha pagato. 409 se non " +
        'è pagato o un rimborso è già in corso; 502 se il gestore non lo esegue. Con receiptId si rimborsa solo un pagamento arrivato due volte ' +
        '(duplicate_payment): il pagamento resta pagato.',
      params: PaymentParams, body: RefundBody, response: { 200: Type.Ref('PaymentDetail'), ...PROBLEMS, 409: Problem, 502: Problem, 503: Problem },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.refund(await actorOf(ctx, req), req.params.paymentId, req.body.reason, req.body.receiptId)));

  app.post('/api/v1/payments/reconciliation', {
    schema: {
      tags: TAGS, summary: 'Riconcilia i pagamenti di un giorno', operationId: 'reconcilePayments',
      description: "L'ufficio (payment.manage) confronta il flusso di rendicontazione del gestore di un giorno con i pagamenti dell'ente: quelli confermati " +
        "diventano riconciliati (una volta sola), quelli nel flusso sconosciuti o con un altro importo sono discrepanze, quelli pagati quel giorno ma " +
        'assenti dal flusso sono elencati.',
      body: ReconciliationBody, response: { 200: ReconciliationAnswer, ...PROBLEMS, 503: Problem },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.reconcile(await actorOf(ctx, req), req.body)));

  // ---- the provider -------------------------------------------------------------------------------------------------

  // The signature covers the body as sent: this route reads it as text (its own content-type parser, in a context of its own).
  await app.register(async (scoped) => {
    const raw = scoped.withTypeProvider<TypeBoxTypeProvider>();
    raw.removeContentTypeParser('application/json');
    raw.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    raw.post('/api/v1/payments/callbacks/:provider', {
      schema: {
        tags: TAGS, summary: "L'esito di un pagamento dal gestore", operationId: 'receivePaymentCallback',
        description: 'Il gestore dei pagamenti (provider: simulator in sviluppo e test) notifica l\'esito di un pagamento, firmato. 204 se accettata ' +
          '(anche ripetuta: si applica una volta sola), 401 se la firma non è valida.',
        params: ProviderParams,
        response: { 204: Type.Null(), ...PROBLEMS },
      },
    }, async (req, reply) => {
      await svc.handleCallback(req.params.provider, req.headers, typeof req.body === 'string' ? req.body : '');
      return reply.code(204).send(null);
    });
  });
}
