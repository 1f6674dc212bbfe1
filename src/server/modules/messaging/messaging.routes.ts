/**
 * The settings of messages: the citizen's contacts and channels (/api/v1/me/preferences), the body's message
 * templates with their preview and the delivery status of its messages with resend (/api/v1/admin/…), and in
 * development the mailbox of every message sent (/api/v1/dev/mailbox).
 */
import { Type } from 'typebox';
import type { MessageChannel, MessageKind } from '../../../contracts/messaging.ts';
import { actorKey, actorOf, type App, type AppContext } from '../../platform/context.ts';
import { idempotent } from '../../platform/idempotency.ts';
import {
  DeliveriesQuery, DeliveryList, DeliverySchema, EffectiveTemplateSchema, IdempotencyHeaders, MailboxList, MailboxQuery, MyPreferencesSchema,
  NotificationParams, PreferencesBody, PreviewBody, PreviewResult, TemplateBody, TemplateList, TemplateParams, TemplatesQuery,
} from './messaging.schemas.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const PRIVATE = 'private, no-store';

export async function messagingRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.messageSettings;
  app.addSchema(MyPreferencesSchema);
  app.addSchema(EffectiveTemplateSchema);
  app.addSchema(DeliverySchema);

  // ---- the citizen ----------------------------------------------------------------------------------------------

  app.get('/api/v1/me/preferences', {
    schema: {
      tags: ['area personale'], summary: 'Le mie preferenze di contatto', operationId: 'readMyMessagePreferences',
      description: "I recapiti (e-mail, cellulare, domicilio digitale PEC), la lingua e, per ogni tipo di messaggio, i canali scelti oltre all'area personale, " +
        'con i canali attivi in questo Sportello e i messaggi che arrivano comunque per legge (via PEC o, senza PEC, per e-mail).',
      response: { 200: Type.Ref('MyMessagePreferences'), ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.preferences(await actorOf(ctx, req))));

  app.put('/api/v1/me/preferences', {
    schema: {
      tags: ['area personale'], summary: 'Salva le mie preferenze di contatto', operationId: 'saveMyMessagePreferences',
      description: "Sostituisce recapiti, lingua e canali. Un numero di cellulare italiano è salvato come +39…; un canale scelto deve essere attivo e avere il suo recapito " +
        "(l'e-mail per l'e-mail, il cellulare per gli SMS, la PEC per la PEC). Ogni errore è indicato sul suo campo. L'area personale riceve sempre tutto; " +
        'i messaggi dovuti per legge (ricevuta, presa in carico, richiesta di integrazione, esito) arrivano comunque via PEC o e-mail.',
      body: PreferencesBody, response: { 200: Type.Ref('MyMessagePreferences'), ...PROBLEMS },
    },
  }, async (req, reply) => {
    const body = req.body as { language: 'it' | 'en'; contacts: { email: string | null; phone: string | null; pec: string | null }; channels: Record<string, MessageChannel[]> };
    return reply.header('cache-control', PRIVATE).send(await svc.savePreferences(await actorOf(ctx, req), body));
  });

  // ---- the body's templates -------------------------------------------------------------------------------------

  app.get('/api/v1/admin/message-templates', {
    schema: {
      tags: ['amministrazione'], summary: "I testi dei messaggi dell'ente", operationId: 'listMessageTemplates',
      description: "Per ogni tipo di messaggio, canale (e-mail, PEC, SMS, app IO, area personale) e lingua: il testo scritto dall'ente o, se non c'è, quello predefinito (isDefault). " +
        'Con i segnaposto che ciascun tipo di messaggio usa. Per gli amministratori dell\'ente.',
      querystring: TemplatesQuery, response: { 200: TemplateList, ...PROBLEMS },
    },
  }, async (req) => svc.templates(await actorOf(ctx, req), req.query.language));

  app.put('/api/v1/admin/message-templates/:kind/:channel/:language', {
    schema: {
      tags: ['amministrazione'], summary: 'Salva il testo di un messaggio', operationId: 'saveMessageTemplate',
      description: "Oggetto (non per gli SMS) e testo con i segnaposto {{nome}}. È rifiutato, con l'errore sul campo, un segnaposto sconosciuto, uno che porterebbe dati personali " +
        "fuori dall'area personale (per esempio {{richiedente}} in e-mail, PEC, SMS e IO) e un testo che con valori realistici supera i limiti del canale.",
      params: TemplateParams, body: TemplateBody, response: { 200: Type.Ref('EffectiveMessageTemplate'), ...PROBLEMS },
    },
  }, async (req) => svc.saveTemplate(await actorOf(ctx, req), req.params.kind, req.params.channel, req.params.language, req.body));

  app.delete('/api/v1/admin/message-templates/:kind/:channel/:language', {
    schema: {
      tags: ['amministrazione'], summary: 'Ripristina il testo predefinito di un messaggio', operationId: 'resetMessageTemplate',
      description: "Toglie il testo dell'ente: da qui in avanti il messaggio usa quello predefinito.",
      params: TemplateParams, response: { 204: Type.Null({ description: 'testo predefinito ripristinato' }), ...PROBLEMS },
    },
  }, async (req, reply) => {
    await svc.resetTemplate(await actorOf(ctx, req), req.params.kind, req.params.channel, req.params.language);
    return reply.code(204).send(null);
  });

  app.post('/api/v1/admin/message-templates/preview', {
    schema: {
      tags: ['amministrazione'], summary: "Anteprima del testo di un messaggio", operationId: 'previewMessageTemplate',
      description: "Il messaggio come arriverebbe, con valori d'esempio realistici e i limiti del canale applicati (per l'app IO l'oggetto e il testo troppo brevi sono completati, " +
        'per gli SMS il testo è troncato a 459 caratteri), e i problemi che ne impedirebbero il salvataggio. Non salva nulla.',
      body: PreviewBody, response: { 200: PreviewResult, ...PROBLEMS },
    },
  }, async (req) => svc.preview(await actorOf(ctx, req), req.body as { kind: MessageKind; channel: MessageChannel; language: 'it' | 'en'; subject?: string; body: string }));

  // ---- delivery status ------------------------------------------------------------------------------------------

  app.get('/api/v1/admin/notifications', {
    schema: {
      tags: ['amministrazione'], summary: "Lo stato di consegna dei messaggi dell'ente", operationId: 'listMessageDeliveries',
      description: "I messaggi inviati ai cittadini per e-mail, PEC, SMS e app IO, dal più recente: stato (in coda, inviato, consegnato, non consegnato con il motivo), tentativi, reinvii. " +
        'Il destinatario è mascherato (per l\'app IO non è mostrato). Filtri per stato, canale, tipo di messaggio e codice della pratica o recapito esatto.',
      querystring: DeliveriesQuery, response: { 200: DeliveryList, ...PROBLEMS },
    },
  }, async (req) => svc.deliveries(await actorOf(ctx, req), req.query));

  app.post('/api/v1/admin/notifications/:notificationId/resend', {
    schema: {
      tags: ['amministrazione'], summary: 'Reinvia un messaggio', operationId: 'resendMessage',
      description: "Rimette in coda un messaggio non consegnato (o inviato ma non ricevuto) sullo stesso canale e allo stesso recapito; l'invio avviene subito dopo. " +
        "Non si reinviano i messaggi dell'area personale (400) né quelli ancora in coda (409). Con Idempotency-Key una richiesta ripetuta non lo reinvia due volte.",
      params: NotificationParams, headers: IdempotencyHeaders, response: { 200: Type.Ref('MessageDelivery'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    const r = await idempotent(ctx.database.db, actorKey(actor), req.headers['idempotency-key'], { resend: req.params.notificationId }, async (db) => ({
      status: 200, body: await svc.resend(actor, req.params.notificationId, db),
    }));
    svc.wakeSenders();
    return reply.code(r.status).send(r.body);
  });

  // ---- development mailbox --------------------------------------------------------------------------------------

  if (svc.devMailbox) {
    app.get('/api/v1/dev/mailbox', {
      schema: {
        hide: false, tags: ['sviluppo'], summary: 'La casella di sviluppo: ogni messaggio inviato', operationId: 'listDevMailbox',
        description: 'Solo in sviluppo e nei test (SPORTELLO_DEV_MAILBOX; la produzione rifiuta di partire con la casella attiva): ogni messaggio inviato da qualunque canale ' +
          '(e-mail, PEC, SMS, app IO), dal più recente, con destinatario, oggetto e testo. Pubblica, senza accesso: in produzione non esiste.',
        querystring: MailboxQuery, response: { 200: MailboxList, 400: Problem },
      },
    }, async (req, reply) => reply.header('cache-control', 'no-store').send(await svc.mailbox(req.query)));
  }
}
