/**
 * The social services of a district over HTTP: the worker's reach, first contacts, case files with diary,
 * interventions, assessments and reserved part. Each route validates and makes one call into SocialService, which
 * decides who may do it (social workers of the district within their grant) and writes the access log.
 */
import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import {
  CaseDetailSchema, CaseParams, CasePatchBody, CasesList, CasesQuery, ComuniList, ContactCreated, ContactsList, ContactsQuery, DiaryBody, DiaryList,
  EventsList, FirstContactBody, InterventionBody, InterventionParams, InterventionPatchBody, PersonsList, PersonsQuery, RegistryLookupAnswer,
  RegistryLookupQuery, ReservedBody, ReservedSchema, SinaAnswer, SinaBody, SinbaAnswer, SinbaBody, SOCIAL_SCHEMAS, SocialMe, TransitionBody, TransitionParams,
  WorkersList,
} from './social.schemas.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const WRITE_PROBLEMS = { ...PROBLEMS, 409: Problem, 422: Problem };
const PRIVATE = 'private, no-store';
const TAGS = ['servizi sociali'];
const BASE = '/api/v1/social';
/** PATCH bodies are JSON merge patches (RFC 7396); plain application/json works too (app.ts) */
const MERGE_PATCH = 'application/merge-patch+json';

export async function socialRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.social;
  for (const s of SOCIAL_SCHEMAS) app.addSchema(s);

  app.get(`${BASE}/me`, {
    schema: {
      tags: TAGS, summary: 'Che cosa posso fare nei servizi sociali', operationId: 'readSocialMe',
      description: "Per il personale dell'ente: se è assistente sociale, se può inviare i flussi all'INPS (coordinatore), se vede la parte riservata e i cruscotti, " +
        'e i comuni, i servizi e le aree di intervento dei suoi casi (vuoto = tutti).',
      response: { 200: SocialMe, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.me(await actorOf(ctx, req))));

  app.get(`${BASE}/comuni`, {
    schema: {
      tags: TAGS, summary: "I comuni dell'ambito", operationId: 'listSocialComuni',
      description: "I comuni dell'ambito in cui l'assistente sociale opera (tutti, se il suo incarico non li limita).",
      response: { 200: ComuniList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.comuni(await actorOf(ctx, req))));

  app.get(`${BASE}/workers`, {
    schema: {
      tags: TAGS, summary: "Gli assistenti sociali dell'ambito", operationId: 'listSocialWorkers',
      description: "Gli assistenti sociali dell'ambito, per indicare i professionisti di una cartella.",
      response: { 200: WorkersList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.workers(await actorOf(ctx, req))));

  app.get(`${BASE}/persons`, {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Cerca una persona nota ai servizi sociali', operationId: 'searchSocialPersons',
      description: 'Per codice fiscale o parte del nome (almeno 2 caratteri), al massimo 20; con le sue cartelle che l\'assistente sociale può vedere. ' +
        'Ogni persona trovata è registrata nel suo registro degli accessi.',
      querystring: PersonsQuery, response: { 200: PersonsList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.persons(await actorOf(ctx, req), req.query.q)));

  app.get(`${BASE}/registry-lookup`, {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: "Cerca una persona nell'anagrafe di un comune dell'ambito", operationId: 'lookupSocialRegistry',
      description: "I dati anagrafici di un residente del comune (uno dei comuni dell'ambito), per compilare il primo contatto. 404 se non vi risiede. " +
        'La lettura è registrata nel registro degli accessi della persona.',
      querystring: RegistryLookupQuery, response: { 200: RegistryLookupAnswer, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.registryLookup(await actorOf(ctx, req), req.query.fiscalCode, req.query.comuneId)));

  app.post(`${BASE}/contacts`, {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Registra un primo contatto', operationId: 'createSocialContact',
      description: "Il primo contatto con il segretariato sociale: data, canale, chi si è rivolto, la persona (già nota, dall'anagrafe o scritta), il bisogno " +
        "(il testo è cifrato), la risposta data e l'informativa. Con la risposta case_opened apre anche la cartella (stato open), nella stessa transazione. " +
        '422 se manca qualcosa: nulla viene salvato.',
      body: FirstContactBody, response: { 201: ContactCreated, ...WRITE_PROBLEMS },
    },
  }, async (req, reply) => reply.code(201).header('cache-control', PRIVATE).send(await svc.createContact(await actorOf(ctx, req), req.body as never)));

  app.get(`${BASE}/contacts`, {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Il registro dei primi contatti', operationId: 'listSocialContacts',
      description: "I primi contatti nei comuni, servizi e aree dell'assistente sociale, dal più recente; filtri per periodo, comune e area. Paginazione con cursore.",
      querystring: ContactsQuery, response: { 200: ContactsList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.contacts(await actorOf(ctx, req), req.query as never)));

  app.get(`${BASE}/cases`, {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Le cartelle sociali', operationId: 'listSocialCases',
      description: "Le cartelle che l'assistente sociale può vedere, con gli avvisi (verifica in scadenza entro 14 giorni o scaduta, interventi che finiscono " +
        'entro 30 giorni); ricerca per codice fiscale, nome o riferimento; filtri per stato, comune, area e avviso. Paginazione con cursore.',
      querystring: CasesQuery, response: { 200: CasesList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.cases(await actorOf(ctx, req), req.query as never)));

  app.get(`${BASE}/cases/:caseId`, {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Apri una cartella sociale', operationId: 'readSocialCase',
      description: "La cartella: persona, stato, professionisti, nucleo, ISEE, interventi, valutazioni SINA e SINBA, primi contatti. Ogni apertura è nel registro " +
        "degli accessi della persona (nascosta a lei se la cartella è sottratta alla sua conoscenza per legge). 404 fuori dall'incarico dell'assistente sociale.",
      params: CaseParams, response: { 200: Type.Ref('SocialCaseDetail'), ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.getCase(await actorOf(ctx, req), req.params.caseId)));

  app.patch(`${BASE}/cases/:caseId`, {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Aggiorna una cartella sociale', operationId: 'updateSocialCase', consumes: [MERGE_PATCH],
      description: 'Nucleo familiare, ISEE, data della prossima verifica, professionisti, servizio, area di intervento e riservatezza verso la persona. ' +
        'Ogni modifica è nella cronologia della cartella.',
      params: CaseParams, body: CasePatchBody, response: { 200: Type.Ref('SocialCaseDetail'), ...WRITE_PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.patchCase(await actorOf(ctx, req), req.params.caseId, req.body as never)));

  app.post(`${BASE}/cases/:caseId/transitions/:action`, {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Cambia lo stato di una cartella sociale', operationId: 'transitionSocialCase',
      description: 'take_charge: presa in carico (da segnalata, aperta o riaperta); close: chiusura con un motivo (closeReason obbligatorio); reopen: riapertura ' +
        'di una cartella chiusa. 409 se lo stato attuale non lo consente.',
      params: TransitionParams, body: TransitionBody, response: { 200: Type.Ref('SocialCaseDetail'), ...WRITE_PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE)
    .send(await svc.transition(await actorOf(ctx, req), req.params.caseId, req.params.action as never, req.body as never)));

  app.get(`${BASE}/cases/:caseId/history`, {
    schema: {
      tags: TAGS, summary: 'La cronologia di una cartella sociale', operationId: 'readSocialCaseHistory',
      description: 'Ogni cambiamento della cartella, dal primo: chi, quando, da quale stato a quale, con una nota.',
      params: CaseParams, response: { 200: EventsList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.history(await actorOf(ctx, req), req.params.caseId)));

  app.get(`${BASE}/cases/:caseId/diary`, {
    schema: {
      tags: TAGS, summary: 'Il diario della cartella', operationId: 'listSocialDiary',
      description: 'Colloqui, visite domiciliari, relazioni, valutazioni, riunioni e annotazioni, dalla più recente. Le annotazioni riservate solo a chi ha il permesso riservato.',
      params: CaseParams, response: { 200: DiaryList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.diary(await actorOf(ctx, req), req.params.caseId)));

  app.post(`${BASE}/cases/:caseId/diary`, {
    schema: {
      tags: TAGS, summary: 'Scrivi nel diario della cartella', operationId: 'addSocialDiaryEntry',
      description: 'Una annotazione datata (il testo è cifrato). reserved=true solo con il permesso riservato.',
      params: CaseParams, body: DiaryBody, response: { 201: Type.Ref('SocialDiaryEntry'), ...WRITE_PROBLEMS },
    },
  }, async (req, reply) => reply.code(201).header('cache-control', PRIVATE).send(await svc.addDiary(await actorOf(ctx, req), req.params.caseId, req.body as never)));

  app.post(`${BASE}/cases/:caseId/interventions`, {
    schema: {
      tags: TAGS, summary: 'Aggiungi un intervento al progetto', operationId: 'addSocialIntervention',
      description: "Un intervento del progetto individuale: prestazione, stato, date, importi e quote (ente, utente, servizio sanitario), protocollo della domanda.",
      params: CaseParams, body: InterventionBody, response: { 201: Type.Ref('SocialIntervention'), ...WRITE_PROBLEMS },
    },
  }, async (req, reply) => reply.code(201).header('cache-control', PRIVATE).send(await svc.addIntervention(await actorOf(ctx, req), req.params.caseId, req.body as never)));

  app.patch(`${BASE}/cases/:caseId/interventions/:interventionId`, {
    schema: {
      tags: TAGS, summary: 'Modifica un intervento', operationId: 'updateSocialIntervention', consumes: [MERGE_PATCH],
      description: "Cambia i campi indicati. Se l'intervento era già stato inviato al Casellario e cambia un dato del flusso, changedSinceExport diventa true: il prossimo invio lo manda come rettifica.",
      params: InterventionParams, body: InterventionPatchBody, response: { 200: Type.Ref('SocialIntervention'), ...WRITE_PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE)
    .send(await svc.patchIntervention(await actorOf(ctx, req), req.params.caseId, req.params.interventionId, req.body as never)));

  app.get(`${BASE}/cases/:caseId/reserved`, {
    schema: {
      tags: TAGS, summary: 'La parte riservata della cartella', operationId: 'readSocialReserved',
      description: 'Provvedimenti giudiziari e dati sanitari: solo con il permesso esplicito alla parte riservata (403 altrimenti).',
      params: CaseParams, response: { 200: ReservedSchema, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.getReserved(await actorOf(ctx, req), req.params.caseId)));

  app.put(`${BASE}/cases/:caseId/reserved`, {
    schema: {
      tags: TAGS, summary: 'Scrivi la parte riservata della cartella', operationId: 'updateSocialReserved',
      description: 'Provvedimenti giudiziari e dati sanitari (cifrati): solo con il permesso esplicito alla parte riservata.',
      params: CaseParams, body: ReservedBody, response: { 200: ReservedSchema, ...WRITE_PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.putReserved(await actorOf(ctx, req), req.params.caseId, req.body)));

  app.put(`${BASE}/cases/:caseId/assessments/sina`, {
    schema: {
      tags: TAGS, summary: 'La valutazione SINA (non autosufficienza)', operationId: 'updateSocialSina',
      description: 'La valutazione multidimensionale della persona non autosufficiente, con i codici del Casellario (cifrata).',
      params: CaseParams, body: SinaBody, response: { 200: SinaAnswer, ...WRITE_PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.putSina(await actorOf(ctx, req), req.params.caseId, req.body as never)));

  app.put(`${BASE}/cases/:caseId/assessments/sinba`, {
    schema: {
      tags: TAGS, summary: 'La scheda SINBA (minori)', operationId: 'updateSocialSinba',
      description: 'La scheda del minore in carico con i codici del Casellario (cifrata).',
      params: CaseParams, body: SinbaBody, response: { 200: SinbaAnswer, ...WRITE_PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.putSinba(await actorOf(ctx, req), req.params.caseId, req.body as never)));
}

export { CaseDetailSchema };
