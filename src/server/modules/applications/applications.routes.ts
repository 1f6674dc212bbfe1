import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { Type } from 'typebox';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../../contracts/applications.ts';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { sendDownload } from '../../platform/download.ts';
import { badRequest, Problem } from '../../platform/errors.ts';
import { ServiceFormSchema } from '../forms/forms.schemas.ts';
import {
  Acknowledgement, ApplicationDetail, ApplicationIdParams, ApplicationSummary, AttachmentParams, AttachmentView, DocumentParams, ListQuery,
  RatingBody, RatingView, SaveBody, StartBody, Timeline, TransitionBody, TransitionParams,
  Assignees, ChecklistBody, ChecklistParams, NoteBody, NotificationList, TimelineItem, WorkCounts, WorkItem,
} from './applications.schemas.ts';
import { isStaff, requireAccess } from '../../platform/access.ts';

const PROBLEMS = { 400: Type.Ref('Problem'), 401: Type.Ref('Problem'), 403: Type.Ref('Problem'), 404: Type.Ref('Problem'), 409: Type.Ref('Problem') };
/** The largest file any form may accept (AttachmentRequirement.maxSizeMb ≤ 20); each document's own limit is checked after. */
const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
const TAGS = ['pratiche'];

/** If-Match: "<revision>" (quotes optional); anything else is refused rather than ignored. */
function ifMatchRevision(req: FastifyRequest): number | undefined {
  const raw = req.headers['if-match'];
  if (raw === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,10})"?$/.exec(String(raw).trim());
  if (!m) throw badRequest('If-Match deve contenere la revisione della bozza, per esempio "3". (Invalid If-Match.)');
  return Number(m[1]);
}

export async function applicationsRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.applications;
  app.addSchema(ApplicationSummary);
  app.addSchema(AttachmentView);
  app.addSchema(ApplicationDetail);
  app.addSchema(WorkItem);

  app.get('/api/v1/services/:serviceId/form', {
    schema: { tags: ['catalogo'], summary: 'Il modulo online di un servizio', operationId: 'readServiceForm',
      description: 'Lo schema JSON (con lo schema di interfaccia), i passi, i dati precompilati, i documenti da allegare e la finestra di presentazione.',
      params: Type.Object({ serviceId: Type.String({ format: 'uuid', maxLength: 36 }) }),
      querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, format: 'int32', description: 'una versione precedente (quella di una bozza)' })) }, { additionalProperties: false }),
      response: { 200: ServiceFormSchema, ...PROBLEMS } },
  }, async (req) => svc.serviceForm(req.params.serviceId, req.query.version));

  app.post('/api/v1/applications', {
    schema: { tags: TAGS, summary: 'Inizia una domanda (bozza)', operationId: 'startApplication',
      description: "Crea la bozza per la persona per cui si opera, con i dati già in possesso dell'ente; se esiste già una bozza per lo stesso servizio e la stessa persona, la restituisce.",
      body: StartBody, response: { 200: Type.Ref('ApplicationDetail'), 201: Type.Ref('ApplicationDetail'), ...PROBLEMS } },
  }, async (req, reply) => {
    const { created, detail } = await svc.start(await actorOf(ctx, req), req.body.serviceId);
    return reply.code(created ? 201 : 200).send(detail);
  });

  app.get('/api/v1/applications', {
    config: { personalData: true },
    schema: { tags: TAGS, summary: 'Le mie pratiche, o le pratiche dei miei uffici', operationId: 'listApplications',
      description: "Per il cittadino: le sue domande e quelle presentate per i figli minori e le imprese che rappresenta, dalla più recente (status, serviceId, subject, profile: individual, professional o company). Per l'operatore: le pratiche dei suoi uffici in code (queue: new, mine, awaiting, due_soon, overdue, visas, open, closed) per scadenza, con filtri (service, status, office, from, to, applicant) e ricerca a testo libero (q); ogni riga porta i giorni che mancano alla scadenza.",
      querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(Type.Ref('WorkItem'), { maxItems: 100 }), nextCursor: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]) }), ...PROBLEMS } },
  }, async (req) => {
    const actor = await actorOf(ctx, req);
    if (isStaff(actor)) {
      const { queue, service, office, from, to, applicant, q, cursor, limit, status } = req.query;
      if (status && !(APPLICATION_STATUSES as readonly string[]).includes(status)) throw badRequest(`Stato sconosciuto: ${status} (unknown status)`, [{ path: 'status', message: `ammessi: ${APPLICATION_STATUSES.join(', ')}` }]);
      return ctx.services.handling.list(actor, { queue, service, office, from, to, applicant, q, cursor, limit, status });
    }
    const staffOnly = (['queue', 'service', 'office', 'from', 'to', 'applicant', 'q'] as const).filter((k) => req.query[k] !== undefined);
    if (staffOnly.length) throw badRequest(`Filtri riservati agli uffici: ${staffOnly.join(', ')} (office filters).`, staffOnly.map((k) => ({ path: k, message: 'non ammesso' })));
    const statuses = req.query.status?.split(',');
    const unknown = statuses?.filter((s) => !(APPLICATION_STATUSES as readonly string[]).includes(s));
    if (unknown?.length) throw badRequest(`Stato sconosciuto: ${unknown.join(', ')} (unknown status)`, [{ path: 'status', message: `ammessi: ${APPLICATION_STATUSES.join(', ')}` }]);
    return svc.list(actor, { statuses: statuses as ApplicationStatus[] | undefined, serviceId: req.query.serviceId, subject: req.query.subject, profile: req.query.profile, cursor: req.query.cursor, limit: req.query.limit });
  });

  app.get('/api/v1/applications/counts', {
    schema: { tags: TAGS, summary: 'Quante pratiche in ogni coda', operationId: 'countWorkQueues',
      description: "Per l'operatore: il numero di pratiche dei suoi uffici in ciascuna coda del banco di lavoro.",
      response: { 200: WorkCounts, ...PROBLEMS } },
  }, async (req) => ctx.services.handling.counts(await actorOf(ctx, req)));

  app.get('/api/v1/applications/:applicationId/assignees', {
    schema: { tags: TAGS, summary: 'A chi si può assegnare la pratica', operationId: 'listApplicationAssignees',
      description: "I colleghi dell'ente e gli uffici (anche degli enti che gestiscono il servizio in forma associata) a cui l'operatore può riassegnare la pratica.",
      params: ApplicationIdParams, response: { 200: Assignees, ...PROBLEMS } },
  }, async (req) => ctx.services.handling.assignees(await actorOf(ctx, req), req.params.applicationId));

  app.post('/api/v1/applications/:applicationId/notes', {
    schema: { tags: TAGS, summary: 'Aggiunge una nota interna', operationId: 'addApplicationNote',
      description: 'Una nota visibile solo agli uffici, mai al cittadino; resta nella cronologia.',
      params: ApplicationIdParams, body: NoteBody, response: { 201: TimelineItem, ...PROBLEMS } },
  }, async (req, reply) => reply.code(201).send(await ctx.services.handling.addNote(await actorOf(ctx, req), req.params.applicationId, req.body.text)));

  app.put('/api/v1/applications/:applicationId/checklist/:itemId', {
    config: { personalData: true },
    schema: { tags: TAGS, summary: 'Spunta una voce della checklist', operationId: 'setApplicationChecklistItem',
      description: "Segna come verificata (o da rivedere) una voce della checklist del servizio; le voci obbligatorie vanno verificate prima dell'accoglimento.",
      params: ChecklistParams, body: ChecklistBody, response: { 200: Type.Ref('ApplicationDetail'), ...PROBLEMS } },
  }, async (req) => ctx.services.handling.setChecklistItem(await actorOf(ctx, req), req.params.applicationId, req.params.itemId, req.body.done));

  app.get('/api/v1/applications/:applicationId', {
    config: { personalData: true },
    schema: { tags: TAGS, summary: 'Una pratica', operationId: 'readApplication', params: ApplicationIdParams, response: { 200: Type.Ref('ApplicationDetail'), ...PROBLEMS } },
  }, async (req, reply) => reply.header('cache-control', 'private, no-store').send(await svc.get(await actorOf(ctx, req), req.params.applicationId)));

  app.patch('/api/v1/applications/:applicationId', {
    schema: { tags: TAGS, summary: 'Salva la bozza', operationId: 'saveApplicationDraft',
      description: 'Ogni passo inviato sostituisce quello salvato. Con If-Match: "<revisione>" il salvataggio non sovrascrive quello fatto nel frattempo da un altro dispositivo (412).',
      consumes: ['application/merge-patch+json'], params: ApplicationIdParams, body: SaveBody, response: { 200: Type.Ref('ApplicationDetail'), ...PROBLEMS, 412: Type.Ref('Problem'), 413: Type.Ref('Problem') } },
  }, async (req) => svc.save(await actorOf(ctx, req), req.params.applicationId, req.body, ifMatchRevision(req)));

  app.post('/api/v1/applications/:applicationId/attachments', {
    schema: { tags: TAGS, summary: 'Allega un documento', operationId: 'uploadApplicationAttachment',
      description: 'multipart/form-data: requirementId (il documento richiesto dal modulo, oppure "integrazione" quando l\'ufficio chiede documenti) e file (PDF, JPEG o PNG, controllati sul contenuto; un file in cui l\'antivirus trova un virus è rifiutato con 422).',
      consumes: ['multipart/form-data'], params: ApplicationIdParams,
      response: { 200: Type.Ref('AttachmentView'), 201: Type.Ref('AttachmentView'), ...PROBLEMS, 413: Type.Ref('Problem'), 415: Type.Ref('Problem'), 422: Type.Ref('Problem'), 503: Type.Ref('Problem') } },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    const { created, attachment } = await svc.upload(actor, req.params.applicationId, await readUpload(req));
    return reply.code(created ? 201 : 200).send(attachment);
  });

  app.get('/api/v1/applications/:applicationId/attachments/:attachmentId', {
    config: { personalData: true },
    schema: { tags: TAGS, summary: 'Scarica un allegato', operationId: 'readApplicationAttachment', params: AttachmentParams,
      response: { 200: Type.Unknown({ description: 'il file' }), ...PROBLEMS } },
  }, async (req, reply) => sendDownload(reply, await svc.attachmentFile(await actorOf(ctx, req), req.params.applicationId, req.params.attachmentId)));

  app.delete('/api/v1/applications/:applicationId/attachments/:attachmentId', {
    schema: { tags: TAGS, summary: 'Togli un allegato dalla bozza', operationId: 'deleteApplicationAttachment', params: AttachmentParams,
      response: { 204: Type.Null(), ...PROBLEMS } },
  }, async (req, reply) => {
    await svc.removeAttachment(await actorOf(ctx, req), req.params.applicationId, req.params.attachmentId);
    return reply.code(204).send(null);
  });

  app.post('/api/v1/applications/:applicationId/submit', {
    schema: { tags: TAGS, summary: 'Invia la domanda', operationId: 'submitApplication',
      description: "Controlla le risposte con lo schema del modulo e i documenti obbligatori, registra l'invio e risponde subito con codice e ora; il numero di protocollo e la ricevuta arrivano entro pochi secondi. Inviare di nuovo la stessa domanda restituisce la stessa ricevuta di invio.",
      params: ApplicationIdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })),
      response: { 200: Acknowledgement, 201: Acknowledgement, ...PROBLEMS, 422: Type.Ref('Problem') } },
  }, async (req, reply) => {
    const { created, ack } = await svc.submit(await actorOf(ctx, req), req.params.applicationId);
    return reply.code(created ? 201 : 200).send(ack);
  });

  app.get('/api/v1/applications/:applicationId/history', {
    config: { personalData: true },
    schema: { tags: TAGS, summary: 'La cronologia della pratica', operationId: 'readApplicationHistory', params: ApplicationIdParams, response: { 200: Timeline, ...PROBLEMS } },
  }, async (req) => svc.history(await actorOf(ctx, req), req.params.applicationId));

  app.get('/api/v1/applications/:applicationId/documents/:documentId', {
    config: { personalData: true },
    schema: { tags: TAGS, summary: 'Scarica un documento della pratica (ricevuta, risposta)', operationId: 'readApplicationDocument', params: DocumentParams,
      response: { 200: Type.Unknown({ description: 'il PDF' }), ...PROBLEMS } },
  }, async (req, reply) => {
    const doc = await svc.documentFile(await actorOf(ctx, req), req.params.applicationId, req.params.documentId);
    return sendDownload(reply, { ...doc, contentType: 'application/pdf' });
  });

  app.post('/api/v1/applications/:applicationId/transitions/:action', {
    config: { personalData: true },
    schema: { tags: TAGS, summary: 'Fa avanzare la pratica', operationId: 'transitionApplication',
      description: "Il cittadino può ritirare la domanda (withdraw) e rispondere a una richiesta di integrazione (answer_integration); l'ufficio la prende in carico (take_charge), la assegna a un collega o a un ufficio (assign), chiede integrazioni (request_integration), la accoglie o la respinge con motivazione (approve, reject) e, quando il flusso prevede visti, li appone (endorse) o rinvia la proposta (send_back). Per l'ufficio è obbligatorio If-Match con la revisione letta: se un collega ha modificato la pratica nel frattempo la risposta è 412.",
      params: TransitionParams, body: Type.Optional(TransitionBody), response: { 200: Type.Ref('ApplicationDetail'), ...PROBLEMS, 412: Type.Ref('Problem'), 422: Type.Ref('Problem'), 428: Type.Ref('Problem') } },
  }, async (req) => {
    const actor = await actorOf(ctx, req);
    return isStaff(actor)
      ? ctx.services.handling.transition(actor, req.params.applicationId, req.params.action, req.body ?? {}, ifMatchRevision(req))
      : svc.transition(actor, req.params.applicationId, req.params.action, req.body ?? {}, ifMatchRevision(req));
  });

  app.get('/api/v1/me/notifications', {
    schema: { tags: ['area personale'], summary: 'I miei avvisi', operationId: 'listMyNotifications',
      description: "Gli avvisi nella casella personale: per il cittadino gli esiti e le richieste dell'ufficio; per l'operatore i promemoria di scadenza, le segnalazioni di ritardo, i visti da apporre e le pratiche assegnate.",
      response: { 200: NotificationList, ...PROBLEMS } },
  }, async (req, reply) => reply.header('cache-control', 'private, no-store').send(await ctx.services.handling.notifications(await actorOf(ctx, req))));

  app.post('/api/v1/me/notifications/read', {
    schema: { tags: ['area personale'], summary: 'Segna gli avvisi come letti', operationId: 'markMyNotificationsRead',
      description: 'Segna come letti gli avvisi indicati (ids) o, senza ids, tutti quelli della casella personale.',
      body: Type.Object({ ids: Type.Optional(Type.Array(Type.String({ format: 'uuid', maxLength: 36 }), { maxItems: 100 })) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...PROBLEMS } },
  }, async (req, reply) => {
    await ctx.services.handling.markNotificationsRead(await actorOf(ctx, req), req.body.ids);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/admin/jobs', {
    schema: { tags: ['amministrazione'], summary: 'Lavori in errore o in attesa di riprova', operationId: 'listTroubledJobs',
      description: "Per l'amministratore della piattaforma: i lavori in background (automazioni, documenti) falliti definitivamente o in attesa di un nuovo tentativo, con l'errore.",
      response: { 200: Type.Object({ items: Type.Array(Type.Object({
        id: Type.String({ format: 'uuid', maxLength: 36 }), queue: Type.String({ maxLength: 100 }), state: Type.String({ maxLength: 20 }),
        retryCount: Type.Integer({ minimum: 0, maximum: 1_000_000, format: 'int32' }), createdOn: Type.String({ format: 'date-time', maxLength: 40 }),
        startAfter: Type.String({ format: 'date-time', maxLength: 40 }), output: Type.Unknown(),
      }), { maxItems: 100 }) }), ...PROBLEMS } },
  }, async (req) => {
    requireAccess(await actorOf(ctx, req), 'jobs.read');
    return { items: await ctx.services.jobs.troubled() };
  });

  app.post('/api/v1/applications/:applicationId/rating', {
    schema: { tags: TAGS, summary: 'Valuta il servizio', operationId: 'rateApplicationService',
      description: '"Quanto è stato facile usare questo servizio?" da 1 a 5 stelle, poi un motivo, poi un commento libero. Una nuova valutazione sostituisce la precedente.',
      params: ApplicationIdParams, body: RatingBody, response: { 201: RatingView, ...PROBLEMS } },
  }, async (req, reply) => reply.code(201).send(await svc.rate(await actorOf(ctx, req), req.params.applicationId, req.body)));

}

/** Reads an upload: the requirementId field and one file, within the largest size any form allows. */
async function readUpload(req: FastifyRequest) {
  if (!req.isMultipart()) throw badRequest('Invia il file come multipart/form-data (campi requirementId e file). (Send multipart/form-data.)');
  let requirementId = '';
  let file: { content: Buffer; fileName: string; truncated: boolean } | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 200 } })) {
      if (part.type === 'file') {
        const content = await part.toBuffer().catch((e: unknown) => {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return null;
          throw e;
        });
        file = { content: content ?? Buffer.alloc(0), fileName: part.filename || 'allegato', truncated: content === null || part.file.truncated };
      } else if (part.fieldname === 'requirementId') {
        requirementId = String(part.value ?? '').trim();
      }
    }
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (error instanceof Problem) throw error;
    if (status === 413) throw tooLarge();
    if (status && status >= 400 && status < 500) throw error;
    throw badRequest('Il file non è arrivato intero: invialo di nuovo. (Unreadable multipart body.)');
  }
  if (file?.truncated) throw tooLarge();
  const problems: { path: string; message: string }[] = [];
  if (!/^[a-zA-Z][a-zA-Z0-9_-]{0,59}$/.test(requirementId)) problems.push({ path: 'requirementId', message: 'indica quale documento stai allegando (requirementId)' });
  if (!file || file.content.length === 0) problems.push({ path: 'file', message: 'il file è vuoto o manca: scegli il file da allegare' });
  if (problems.length) throw badRequest("L'allegato non è stato salvato: " + problems.map((p) => p.message).join('; '), problems);
  return { requirementId, fileName: file!.fileName, content: file!.content };
}

const tooLarge = () => new Problem(413, 'File troppo grande', 'Il file supera i 20 MB, il massimo che un modulo può accettare: riducilo e riprova. (File larger than 20 MB.)');
