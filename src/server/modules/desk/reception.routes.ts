/**
 * The reception of the one-stop desk: the contacts register (GET|POST /api/v1/desk-contacts), "where is my
 * application" (GET /api/v1/desk/lookup) and an application started for the person (POST /api/v1/desk/applications).
 * Each route validates and makes one call into ReceptionService, which decides who may do it.
 */
import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import {
  ContactList, ContactQuery, DeskApplicationStarted, DeskContactSchema, IdempotencyHeaders, LookupAnswerSchema, LookupQuery, NewContact, NewDeskApplication,
} from './reception.schemas.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const PRIVATE = 'private, no-store';
const TAGS = ['sportello'];
const WHO = "Per il personale di sportello (ruolo desk) dell'ufficio indicato e per i responsabili dell'ente; un ufficio di un altro ente risponde 404.";

export async function receptionRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.reception;
  app.addSchema(DeskContactSchema);
  app.addSchema(LookupAnswerSchema);

  app.get('/api/v1/desk-contacts', {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Registro dei contatti dello sportello', operationId: 'listDeskContacts',
      description: "I contatti con il pubblico registrati all'ufficio in un giorno (oggi se non indicato), dal più recente: chi è venuto o ha " +
        'telefonato, perché, come è finita, con i rimandi a pratica e numero della coda. Ogni persona indicata con il codice fiscale entra nel ' +
        `registro degli accessi (una volta al giorno per operatore). ${WHO}`,
      querystring: ContactQuery, response: { 200: ContactList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.contacts(await actorOf(ctx, req), req.query)));

  app.post('/api/v1/desk-contacts', {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Registra un contatto', operationId: 'recordDeskContact',
      description: "Registra un contatto con il pubblico: canale, persona (nome e/o codice fiscale, facoltativi per una semplice richiesta di " +
        'informazioni), motivo, esito, nota e, se serve, il servizio, la pratica, il numero della coda o l\'appuntamento di cui si tratta ' +
        "(dell'ente e, numero e appuntamento, dell'ufficio). Il contatto di una persona indicata con il codice fiscale entra nel suo registro degli " +
        `accessi. Con Idempotency-Key un invio ripetuto registra un solo contatto e risponde lo stesso. ${WHO}`,
      headers: IdempotencyHeaders, body: NewContact, response: { 201: Type.Ref('DeskContact'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => {
    const key = req.headers['idempotency-key'];
    const r = await svc.recordContact(await actorOf(ctx, req), req.body, typeof key === 'string' ? key : undefined);
    return reply.code(r.status).header('cache-control', PRIVATE).send(r.body);
  });

  app.get('/api/v1/desk/lookup', {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Dov\'è la mia pratica?', operationId: 'lookupApplications',
      description: "Le pratiche inviate all'ente (tutti i suoi uffici) cercate per codice della pratica, numero di protocollo (123, 0000123/2026) " +
        "o codice fiscale della persona: stato, invio, data entro cui l'ente deve concludere (tempi certi), ufficio e protocollo. Le bozze non si " +
        "vedono: sono della persona. Ogni pratica mostrata entra nel registro degli accessi della persona, con la finalità «sportello: stato della " +
        `pratica». Un testo che non è né un codice, né un protocollo, né un codice fiscale valido risponde 400. ${WHO}`,
      querystring: LookupQuery, response: { 200: Type.Ref('DeskLookup'), ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.lookup(await actorOf(ctx, req), req.query)));

  app.post('/api/v1/desk/applications', {
    // the answer names the person (citizenName): the read is logged with the contact, or on its own for a draft named again
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Avvia una pratica per la persona', operationId: 'startDeskApplication',
      description: "Avvia allo sportello, a nome della persona, la bozza di una domanda per un servizio dell'ente con modulo online, precompilata " +
        "con i dati che l'ente già possiede; la persona la trova in «Le mie pratiche», la completa e la invia. La persona deve aver già usato " +
        "Sportello o essere nell'anagrafe del Comune (altrimenti 422, con la spiegazione). La cronologia della pratica dice che è stata avviata " +
        "allo sportello e da chi; il contatto entra nel registro. Se la persona ha già una bozza per lo stesso servizio, risponde 200 con quella " +
        `(una richiesta ripetuta non ne crea un'altra). ${WHO}`,
      headers: IdempotencyHeaders, body: NewDeskApplication,
      response: { 200: DeskApplicationStarted, 201: DeskApplicationStarted, ...PROBLEMS, 409: Problem, 422: Problem },
    },
  }, async (req, reply) => {
    const r = await svc.startApplication(await actorOf(ctx, req), req.body);
    return reply.code(r.created ? 201 : 200).header('cache-control', PRIVATE).send(r.body);
  });
}
