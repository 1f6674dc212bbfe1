/**
 * The take-a-number queue over HTTP: public queues and display (JSON or Server-Sent Events), the desk's set-up
 * (categories, counters, devices), the counters' work (open, close, call, recall, transfer, served, no-show),
 * tickets and check-in from the kiosk or the reception, and the rating tablet. Each route validates and makes
 * one call into QueueService, which decides who may do it; floor devices present their key in X-Desk-Device.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { DisplayState } from '../../../contracts/desk.ts';
import { actorKey, actorOf, type App, type AppContext } from '../../platform/context.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { DisplayHub } from './display-hub.ts';
import { deviceKey, deviceOf } from './devices.ts';
import {
  CallNextAnswer, CategoryBody, CategoryList, CategoryParams, CheckInBody, CounterBody, CounterList, CounterParams, CounterView, CreatedDevice,
  DeviceAndIdempotencyHeaders, DeviceHeaders, DeviceList, DeviceMe, DeviceParams, EmptyBody, IdempotencyHeaders, NewDeviceBody, NewRatingBody,
  NewTicketBody, NoQuery, OfficeParams, OpenCounterBody, QueueList, QueuesQuery, queueSchemas, RatingAnswer, RatingTarget, TicketParams, TransferBody,
} from './queue.schemas.ts';

const Problem = Type.Ref('Problem');
const READ = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const WRITE = { ...READ, 409: Problem };
const PUBLIC = ['sportello: sala'];
const SETUP = ['sportello: configurazione'];
const COUNTER = ['sportello: sportelli'];
const FLOOR = ['sportello: totem e valutazione'];
const PRIVATE = 'private, no-store';
/** the browser's EventSource waits this long before reconnecting after a drop */
const SSE_RETRY_MS = 2000;

export interface QueueRoutesOptions {
  /** how often the display streams look for changes made by other processes (ms) */
  displayPollMs?: number;
  displayHeartbeatMs?: number;
}

export async function queueRoutes(app: App, ctx: AppContext, opts: QueueRoutesOptions = {}) {
  const svc = ctx.services.queue;
  const db = ctx.database.db;
  for (const s of queueSchemas) app.addSchema(s);

  const hub = new DisplayHub((officeId) => svc.display(officeId), (ids) => svc.latestSeqs(ids), {
    pollMs: opts.displayPollMs, heartbeatMs: opts.displayHeartbeatMs, onError: (err) => app.log.error({ err }, 'display hub'),
  });
  svc.hooks.onChange = (officeId) => hub.wake(officeId);
  // the open streams end before the server waits for its connections to close
  app.addHook('preClose', async () => {
    svc.hooks.onChange = null;
    await hub.stop();
  });

  /** Runs a creating request once per Idempotency-Key for a person or a device; tells the display after commit. */
  async function createOnce<T extends { officeId: string }>(req: FastifyRequest, reply: FastifyReply, fingerprint: unknown,
    work: (svcOn: typeof svc, actor: Awaited<ReturnType<typeof actorOf>>, device: Awaited<ReturnType<typeof deviceOf>>) => Promise<T>) {
    const device = await deviceOf(db, req);
    const actor = device ? null : await actorOf(ctx, req);
    const key = req.headers['idempotency-key'];
    const r = await idempotent(db, device ? deviceKey(device) : actorKey(actor), typeof key === 'string' ? key : undefined, fingerprint,
      async (executor) => ({ status: 201, body: await work(svc.withExecutor(executor), actor, device) }));
    // with a key the work ran in idempotent()'s transaction, which has committed now
    if (typeof key === 'string' && !r.replayed) svc.changed(r.body.officeId);
    return reply.code(r.status).header('cache-control', PRIVATE).send(r.body);
  }

  // ---- public ---------------------------------------------------------------------------------------------------

  app.get('/api/v1/queues', {
    schema: {
      tags: PUBLIC, summary: "Le code di un ufficio", operationId: 'listQueues',
      description: "Le categorie attive dell'ufficio con le persone in attesa, i prossimi numeri, l'ultimo chiamato e l'attesa stimata per chi " +
        "prende un numero ora (persone in attesa × tempo medio di servizio di oggi nella categoria ÷ sportelli aperti che la servono; null " +
        'senza servizi conclusi oggi). Pubblico, senza dati personali.',
      querystring: QueuesQuery, response: { 200: QueueList, 400: Problem, 404: Problem },
    },
  }, async (req, reply) => reply.header('cache-control', 'no-cache').send({ items: await svc.queues(req.query.office) }));

  app.get('/api/v1/offices/:officeId/display', {
    schema: {
      tags: PUBLIC, summary: 'Il display della sala d\'attesa', operationId: 'readDisplay',
      description: "Le ultime chiamate di oggi (numero, sportello, ora, richiamo) e le code dell'ufficio. Con `Accept: text/event-stream` è uno " +
        `stream Server-Sent Events: \`retry: ${SSE_RETRY_MS}\`, poi un evento \`state\` con lo stato completo (id = seq dell'ultimo evento della coda) ` +
        "alla connessione e dopo ogni cambiamento, anche fatto da un altro processo del server; un commento ogni 15 secondi tiene viva la " +
        'connessione. Dopo una caduta il browser si riconnette da solo e riceve di nuovo tutto lo stato. Altrimenti risponde in JSON. Pubblico, senza dati personali.',
      params: OfficeParams, querystring: NoQuery, produces: ['application/json', 'text/event-stream'],
      response: { 200: Type.Ref('DisplayState'), 400: Problem, 404: Problem },
    },
  }, async (req, reply) => {
    if (!/text\/event-stream/.test(req.headers.accept ?? '')) {
      return reply.header('cache-control', 'no-cache').send(await svc.display(req.params.officeId));
    }
    const raw = reply.raw;
    let started = false;
    let closed = false;
    let leave: (() => void) | undefined;
    const start = () => {
      if (started) return;
      started = true;
      reply.hijack();
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      raw.write(`retry: ${SSE_RETRY_MS}\n\n`);
    };
    const write = (text: string) => {
      if (!closed && !raw.writableEnded) raw.write(text);
    };
    raw.on('close', () => {
      closed = true;
      leave?.();
    });
    // the first state is loaded before anything is written: an unknown office still answers a plain 404
    leave = await hub.subscribe(req.params.officeId, {
      send: (state: DisplayState) => {
        start();
        write(`id: ${state.seq}\nevent: state\ndata: ${JSON.stringify(state)}\n\n`);
      },
      heartbeat: () => write(': ancora qui\n\n'),
      end: () => {
        closed = true;
        if (!raw.writableEnded) raw.end();
      },
    });
    if (closed) leave();
    return reply;
  });

  // ---- categories -----------------------------------------------------------------------------------------------

  app.get('/api/v1/offices/:officeId/desk-categories', {
    schema: {
      tags: SETUP, summary: "Le categorie della coda dell'ufficio", operationId: 'listDeskCategories',
      description: "Tutte le categorie dell'ufficio, anche quelle non attive, nell'ordine del totem. Per il personale dello sportello e chi lo " +
        "configura, o per un dispositivo di sala dell'ufficio.",
      params: OfficeParams, querystring: NoQuery, headers: DeviceHeaders, response: { 200: CategoryList, ...READ },
    },
  }, async (req, reply) => {
    const device = await deviceOf(db, req);
    return reply.header('cache-control', PRIVATE).send(await svc.listCategories(device ? null : await actorOf(ctx, req), device, req.params.officeId));
  });

  app.post('/api/v1/offices/:officeId/desk-categories', {
    schema: {
      tags: SETUP, summary: 'Crea una categoria della coda', operationId: 'createDeskCategory',
      description: "Una lettera (unica nell'ufficio: 409 se già usata) e un nome. I numeri della categoria ripartono da 1 ogni giorno.",
      params: OfficeParams, headers: IdempotencyHeaders, body: CategoryBody, response: { 201: Type.Ref('DeskCategory'), ...WRITE },
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    const r = await idempotent(db, actorKey(actor), req.headers['idempotency-key'], { o: req.params.officeId, b: req.body }, async (executor) => ({
      status: 201, body: await svc.withExecutor(executor).createCategory(actor, req.params.officeId, req.body),
    }));
    return reply.code(r.status).send(r.body);
  });

  app.put('/api/v1/desk-categories/:categoryId', {
    schema: {
      tags: SETUP, summary: 'Modifica una categoria della coda', operationId: 'updateDeskCategory',
      description: 'Lettera, nome, descrizione, ordine, attiva. I numeri già dati restano come sono.',
      params: CategoryParams, body: CategoryBody, response: { 200: Type.Ref('DeskCategory'), ...WRITE },
    },
  }, async (req) => svc.updateCategory(await actorOf(ctx, req), req.params.categoryId, req.body));

  // ---- counters -------------------------------------------------------------------------------------------------

  app.get('/api/v1/offices/:officeId/counters', {
    schema: {
      tags: COUNTER, summary: "Gli sportelli dell'ufficio", operationId: 'listDeskCounters',
      description: "Gli sportelli con le categorie servite, se sono aperti e da chi. Per chi lavora allo sportello e chi lo configura.",
      params: OfficeParams, querystring: NoQuery, response: { 200: CounterList, ...READ },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.listCounters(await actorOf(ctx, req), req.params.officeId)));

  app.post('/api/v1/offices/:officeId/counters', {
    schema: {
      tags: SETUP, summary: 'Crea uno sportello', operationId: 'createDeskCounter',
      description: "Un nome unico nell'ufficio (409 se già usato: il display lo mostra) e le categorie che serve.",
      params: OfficeParams, headers: IdempotencyHeaders, body: CounterBody, response: { 201: Type.Ref('DeskCounter'), ...WRITE },
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    const r = await idempotent(db, actorKey(actor), req.headers['idempotency-key'], { o: req.params.officeId, b: req.body }, async (executor) => ({
      status: 201, body: await svc.withExecutor(executor).createCounter(actor, req.params.officeId, req.body),
    }));
    return reply.code(r.status).send(r.body);
  });

  app.put('/api/v1/counters/:counterId', {
    schema: {
      tags: SETUP, summary: 'Modifica uno sportello', operationId: 'updateDeskCounter',
      description: 'Nome, categorie servite, in servizio. Uno sportello messo fuori servizio si chiude.',
      params: CounterParams, body: CounterBody, response: { 200: Type.Ref('DeskCounter'), ...WRITE },
    },
  }, async (req) => svc.updateCounter(await actorOf(ctx, req), req.params.counterId, req.body));

  app.post('/api/v1/counters/:counterId/open', {
    schema: {
      tags: COUNTER, summary: 'Apri lo sportello', operationId: 'openDeskCounter',
      description: "L'operatore si siede allo sportello: inizia un turno (per le statistiche). Facoltativo: le categorie da servire da ora. " +
        "Un operatore sta a un solo sportello: quello che teneva aperto si chiude.",
      params: CounterParams, body: Type.Optional(OpenCounterBody), response: { 200: Type.Ref('DeskCounter'), ...WRITE },
    },
  }, async (req) => svc.openCounter(await actorOf(ctx, req), req.params.counterId, req.body ?? {}));

  app.post('/api/v1/counters/:counterId/close', {
    schema: {
      tags: COUNTER, summary: 'Chiudi lo sportello', operationId: 'closeDeskCounter',
      description: 'Il turno finisce. Un numero ancora chiamato allo sportello va chiuso prima (409).',
      params: CounterParams, body: Type.Optional(EmptyBody), response: { 200: Type.Ref('DeskCounter'), ...WRITE },
    },
  }, async (req) => svc.closeCounter(await actorOf(ctx, req), req.params.counterId));

  app.get('/api/v1/counters/:counterId', {
    schema: {
      tags: COUNTER, summary: 'Lo sportello, il numero in corso e le code', operationId: 'readDeskCounter',
      description: "Lo sportello, il numero chiamato lì e non ancora chiuso, le code dell'ufficio e seq (l'ultimo evento della coda).",
      params: CounterParams, querystring: NoQuery, response: { 200: CounterView, ...READ },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.counterView(await actorOf(ctx, req), req.params.counterId)));

  app.post('/api/v1/counters/:counterId/call-next', {
    schema: {
      tags: COUNTER, summary: 'Chiama il prossimo numero', operationId: 'callNextTicket',
      description: "Prima i numeri trasferiti a questo sportello, poi quelli degli appuntamenti giunti alla loro ora, poi gli altri in ordine di " +
        "arrivo, tra le categorie dello sportello. Due sportelli che chiamano insieme non prendono mai lo stesso numero. ticket null: nessuno " +
        "in attesa. 409 se lo sportello è chiuso o ha ancora un numero chiamato (chiudilo prima: servito, non presentato, trasferito).",
      params: CounterParams, body: Type.Optional(EmptyBody), response: { 200: CallNextAnswer, ...WRITE },
    },
  }, async (req) => svc.callNext(await actorOf(ctx, req), req.params.counterId));

  // ---- a ticket at the counter ----------------------------------------------------------------------------------

  app.post('/api/v1/tickets/:ticketId/recall', {
    schema: {
      tags: COUNTER, summary: 'Richiama il numero', operationId: 'recallTicket',
      description: 'Il display mostra di nuovo il numero (come richiamo). Solo per un numero chiamato (409 altrimenti).',
      params: TicketParams, body: Type.Optional(EmptyBody), response: { 200: Type.Ref('Ticket'), ...WRITE },
    },
  }, async (req) => svc.recall(await actorOf(ctx, req), req.params.ticketId));

  app.post('/api/v1/tickets/:ticketId/served', {
    schema: {
      tags: COUNTER, summary: 'Numero servito', operationId: 'serveTicket',
      description: "Chiude il numero chiamato come servito; l'appuntamento da cui viene risulta servito.",
      params: TicketParams, body: Type.Optional(EmptyBody), response: { 200: Type.Ref('Ticket'), ...WRITE },
    },
  }, async (req) => svc.served(await actorOf(ctx, req), req.params.ticketId));

  app.post('/api/v1/tickets/:ticketId/no-show', {
    schema: {
      tags: COUNTER, summary: 'Numero non presentato', operationId: 'noShowTicket',
      description: "Chiude il numero chiamato come non presentato; l'appuntamento da cui viene risulta non presentato.",
      params: TicketParams, body: Type.Optional(EmptyBody), response: { 200: Type.Ref('Ticket'), ...WRITE },
    },
  }, async (req) => svc.noShow(await actorOf(ctx, req), req.params.ticketId));

  app.post('/api/v1/tickets/:ticketId/transfer', {
    schema: {
      tags: COUNTER, summary: 'Trasferisci il numero', operationId: 'transferTicket',
      description: "A un altro sportello ({ counterId }: lì sarà chiamato per primo) o in un'altra categoria ({ categoryId }). Il numero torna " +
        "in attesa e conserva l'ora di arrivo.",
      params: TicketParams, body: TransferBody, response: { 200: Type.Ref('Ticket'), ...WRITE },
    },
  }, async (req) => svc.transfer(await actorOf(ctx, req), req.params.ticketId, req.body));

  // ---- tickets and check-in -------------------------------------------------------------------------------------

  app.post('/api/v1/tickets', {
    schema: {
      tags: FLOOR, summary: 'Prendi un numero', operationId: 'issueTicket',
      description: "Dal totem dell'ufficio (X-Desk-Device) o dall'accoglienza per una persona allo sportello. Il numero riparte ogni giorno " +
        "(ora italiana) e non si ripete mai. La risposta dice quante persone aspettano prima e l'attesa stimata. Con Idempotency-Key un nuovo " +
        'invio restituisce lo stesso biglietto.',
      headers: DeviceAndIdempotencyHeaders, body: NewTicketBody, response: { 201: Type.Ref('Ticket'), ...WRITE },
    },
  }, async (req, reply) => createOnce(req, reply, req.body, (s, actor, device) => s.issue(actor, device, req.body)));

  app.post('/api/v1/appointments/check-in', {
    schema: {
      tags: FLOOR, summary: "Check-in di un appuntamento", operationId: 'checkInAppointment',
      description: "Con il codice dell'appuntamento (QR code della conferma), dal totem dell'ufficio o dall'accoglienza: oggi, in questo " +
        "ufficio, non annullato, da 60 minuti prima a 15 minuti dopo l'inizio. Dà un numero nella categoria del calendario, che passa avanti " +
        "dall'ora dell'appuntamento. 401 senza dispositivo né operatore, prima di cercare il codice; 404 se il codice non esiste; 409 con il motivo se è di un altro ufficio o giorno, annullato, troppo presto " +
        'o tardi, o se il check-in è già fatto (con il numero già dato).',
      headers: DeviceAndIdempotencyHeaders, body: CheckInBody, response: { 201: Type.Ref('Ticket'), ...WRITE },
    },
  }, async (req, reply) => createOnce(req, reply, req.body, (s, actor, device) => s.checkIn(actor, device, req.body.code)));

  // ---- devices --------------------------------------------------------------------------------------------------

  app.get('/api/v1/offices/:officeId/devices', {
    schema: {
      tags: SETUP, summary: "I dispositivi di sala dell'ufficio", operationId: 'listDeskDevices',
      description: 'Totem e tablet di valutazione abbinati, anche revocati, con l\'ultima richiesta.',
      params: OfficeParams, querystring: NoQuery, response: { 200: DeviceList, ...READ },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.listDevices(await actorOf(ctx, req), req.params.officeId)));

  app.post('/api/v1/offices/:officeId/devices', {
    schema: {
      tags: SETUP, summary: 'Abbina un dispositivo di sala', operationId: 'createDeskDevice',
      description: "Un totem (kiosk) o il tablet di valutazione di uno sportello (rating, con counterId). La chiave compare solo in questa " +
        "risposta, con l'indirizzo da aprire sul dispositivo (pairPath): il server ne tiene soltanto l'impronta SHA-256. Non si ripete con " +
        'Idempotency-Key: la chiave non resta salvata in chiaro.',
      params: OfficeParams, body: NewDeviceBody, response: { 201: CreatedDevice, ...WRITE },
    },
  }, async (req, reply) => reply.code(201).header('cache-control', PRIVATE).send(await svc.createDevice(await actorOf(ctx, req), req.params.officeId, req.body)));

  app.post('/api/v1/desk-devices/:deviceId/revoke', {
    schema: {
      tags: SETUP, summary: 'Revoca un dispositivo di sala', operationId: 'revokeDeskDevice',
      description: 'La chiave smette subito di valere (401 alla richiesta successiva del dispositivo).',
      params: DeviceParams, body: Type.Optional(EmptyBody), response: { 200: Type.Ref('DeskDevice'), ...WRITE },
    },
  }, async (req) => svc.revokeDevice(await actorOf(ctx, req), req.params.deviceId));

  app.get('/api/v1/desk-devices/me', {
    schema: {
      tags: FLOOR, summary: 'Il dispositivo di sala', operationId: 'readDeskDeviceMe',
      description: "Il dispositivo che presenta la chiave (X-Desk-Device), il suo ufficio e il suo sportello. 401 senza chiave o con una chiave revocata.",
      querystring: NoQuery, headers: DeviceHeaders, response: { 200: DeviceMe, ...READ },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.deviceMe(await deviceOf(db, req))));

  app.get('/api/v1/desk-devices/me/rating-target', {
    schema: {
      tags: FLOOR, summary: 'La visita da valutare', operationId: 'readRatingTarget',
      description: "Per il tablet di valutazione: l'ultimo numero servito al suo sportello negli ultimi 10 minuti e non ancora valutato, o null.",
      querystring: NoQuery, headers: DeviceHeaders, response: { 200: RatingTarget, ...READ },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.ratingTarget(await deviceOf(db, req))));

  app.post('/api/v1/desk-ratings', {
    schema: {
      tags: FLOOR, summary: 'Valuta la visita', operationId: 'rateDeskVisit',
      description: "Dal tablet di valutazione di uno sportello: soddisfatto, neutro o insoddisfatto. Con ticketId, un numero servito a quello " +
        'sportello entro 10 minuti dalla fine, una volta sola (409 la seconda o dopo i 10 minuti). Senza ticketId (valutazione generale), al ' +
        'massimo una ogni 30 secondi per tablet (409 rating-too-soon). Con Idempotency-Key un nuovo invio restituisce la stessa risposta.',
      headers: DeviceAndIdempotencyHeaders, body: NewRatingBody, response: { 201: RatingAnswer, ...WRITE },
    },
  }, async (req, reply) => {
    const device = await deviceOf(db, req);
    const key = req.headers['idempotency-key'];
    // keyed by the device (a tablet has no person signed in); the device check comes first inside rate()
    const r = await idempotent(db, device ? deviceKey(device) : 'desk-device:none', typeof key === 'string' ? key : undefined, req.body,
      async (executor) => ({ status: 201, body: await svc.withExecutor(executor).rate(device, req.body) }));
    // with a key the work ran in idempotent()'s transaction, which has committed now
    if (typeof key === 'string' && !r.replayed && device && req.body.ticketId) svc.changed(device.officeId);
    return reply.code(r.status).header('cache-control', PRIVATE).send(r.body);
  });
}
