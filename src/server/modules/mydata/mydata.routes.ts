/**
 * "I miei dati" (GET /api/v1/me/data, PATCH /api/v1/me/contacts, GET|POST /api/v1/me/data/reports) and the body's
 * list of the citizens' reports of a wrong item (GET /api/v1/data-reports, …/counts, POST …/{id}/transitions/{action}).
 * Each route validates and makes one call into MyDataService, which decides who may do it.
 */
import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { unauthorized } from '../../platform/errors.ts';
import {
  ContactsPatch, ContactsSchema, DataReportCountsQuery, DataReportCountsSchema, DataReportPage, DataReportQuery, DataReportSchema,
  DataReportTransitionBody, DataReportTransitionParams, IdempotencyHeaders, MyDataReportList, MyDataReportSchema, MyDataSchema, NewDataReport,
} from './mydata.schemas.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const PRIVATE = 'private, no-store';
const MINE = ['area personale'];
const OFFICE = ['anagrafe'];
const MERGE_PATCH = 'application/merge-patch+json';
const PROVENANCE = 'Ogni dato porta la sua fonte (source: per esempio «Anagrafe del Comune di Castelrocca», «SPID o CIE, all\'accesso», «Inserito da te») ' +
  "e la data dell'ultima modifica (updatedAt).";

export async function mydataRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.mydata;
  app.addSchema(MyDataSchema);
  app.addSchema(MyDataReportSchema);
  app.addSchema(DataReportSchema);

  // ---- the citizen --------------------------------------------------------------------------------------------

  app.get('/api/v1/me/data', {
    schema: {
      tags: MINE, summary: 'I miei dati', operationId: 'readMyData',
      description: "Quello che gli enti sanno di te: la scheda anagrafica di ogni ente che ti ha tra i residenti (nome, sesso, nascita, cittadinanza, " +
        "stato civile, indirizzo e da quando), la scheda di famiglia con i figli minori di cui sei genitore, i recapiti (e-mail, cellulare, PEC), " +
        "i documenti: la carta d'identità registrata in anagrafe (numero in parte coperto, scadenza), le deleghe date e ricevute, i documenti emessi " +
        `sulle tue pratiche. ${PROVENANCE} Le tue letture dei tuoi dati non entrano nel registro degli accessi.`,
      response: { 200: Type.Ref('MyData'), ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.data(await actorOf(ctx, req))));

  app.patch('/api/v1/me/contacts', {
    schema: {
      tags: MINE, summary: 'Correggi i miei recapiti', operationId: 'updateMyContacts', consumes: [MERGE_PATCH],
      description: "Merge patch (RFC 7396) di e-mail, cellulare e PEC: un campo assente resta com'è, null o vuoto lo cancella. Un cellulare italiano " +
        "è salvato come +39…. Ogni errore è indicato sul suo campo e, se ce n'è uno, non si salva nulla. Un recapito che serve a un canale scelto " +
        'nelle preferenze dei messaggi non si cancella finché il canale è scelto. Risponde con i recapiti, ciascuno con fonte e data.',
      body: ContactsPatch, response: { 200: ContactsSchema, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.updateContacts(await actorOf(ctx, req), req.body)));

  app.get('/api/v1/me/data/reports', {
    schema: {
      tags: MINE, summary: 'Le mie segnalazioni sui dati', operationId: 'listMyDataReports',
      description: "Gli errori che hai segnalato sui dati degli enti, dal più recente, con lo stato (open, in_progress, resolved, rejected) e la risposta dell'ufficio.",
      response: { 200: MyDataReportList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.myReports(await actorOf(ctx, req))));

  app.post('/api/v1/me/data/reports', {
    schema: {
      tags: MINE, summary: 'Segnala un dato errato', operationId: 'reportWrongData',
      description: "Segnala all'ufficio anagrafe dell'ente che un dato è errato e scrivi che cosa è giusto. La segnalazione conserva il valore " +
        "mostrato e arriva agli operatori dell'ufficio; la risposta la trovi in «I miei dati». Una sola segnalazione aperta per dato (409 per la seconda). " +
        'Con Idempotency-Key, un nuovo invio della stessa segnalazione restituisce quella già fatta (200).',
      headers: IdempotencyHeaders, body: NewDataReport,
      response: { 200: Type.Ref('MyDataReport'), 201: Type.Ref('MyDataReport'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    if (!actor) throw unauthorized();
    const key = req.headers['idempotency-key'];
    const { created, report } = await svc.report(actor, { ...req.body, idempotencyKey: typeof key === 'string' ? key : undefined });
    return reply.code(created ? 201 : 200).header('cache-control', PRIVATE).send(report);
  });

  // ---- the body's registry office -----------------------------------------------------------------------------

  app.get('/api/v1/data-reports', {
    config: { personalData: true },
    schema: {
      tags: OFFICE, summary: 'Segnalazioni sui dati', operationId: 'listDataReports',
      description: "Le segnalazioni dei cittadini su dati errati tenuti dall'ente, dalla più recente, a pagine (cursor); filtro per stato. " +
        "Gli operatori vedono quelle inviate al proprio ufficio (l'anagrafe), i responsabili e gli amministratori tutte. Ogni segnalazione " +
        'elencata entra nel registro degli accessi della persona (una volta al giorno per operatore).',
      querystring: DataReportQuery, response: { 200: DataReportPage, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.list(await actorOf(ctx, req), req.query)));

  app.get('/api/v1/data-reports/counts', {
    schema: {
      tags: OFFICE, summary: 'Quante segnalazioni sui dati attendono', operationId: 'countDataReports',
      description: "Le segnalazioni aperte e prese in carico che l'operatore raggiunge, e se lavora sulle segnalazioni dell'ente (handles). Nessun dato personale.",
      querystring: DataReportCountsQuery, response: { 200: DataReportCountsSchema, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.counts(await actorOf(ctx, req), req.query.tenant)));

  app.post('/api/v1/data-reports/:reportId/transitions/:action', {
    config: { personalData: true },
    schema: {
      tags: OFFICE, summary: 'Tratta una segnalazione sui dati', operationId: 'handleDataReport',
      description: "take: prendi in carico (risposta facoltativa); resolve: il dato è stato corretto; reject: il dato resta com'è. " +
        'resolve e reject chiedono la risposta per il cittadino, che la legge in «I miei dati» e riceve un avviso nell\'area personale. ' +
        "Una segnalazione già chiusa, o già presa in carico, risponde 409. Risponde con la segnalazione com'è dopo l'azione.",
      params: DataReportTransitionParams, body: Type.Optional(DataReportTransitionBody),
      response: { 200: Type.Ref('DataReport'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE)
    .send(await svc.transition(await actorOf(ctx, req), req.params.reportId, req.params.action as 'take' | 'resolve' | 'reject', req.body ?? {})));
}

