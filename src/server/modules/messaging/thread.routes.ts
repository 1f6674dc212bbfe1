import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { Type } from 'typebox';
import { actorKey, actorOf, type App, type AppContext } from '../../platform/context.ts';
import { sendDownload } from '../../platform/download.ts';
import { badRequest, Problem, unauthorized } from '../../platform/errors.ts';
import { idempotent } from '../../platform/idempotency.ts';
import type { MessageFileInput } from './thread.service.ts';
import {
  IdempotencyHeaders, NewMessageBody, NewMessageForm, ReplyTemplateBody, ReplyTemplateList, ReplyTemplateParams, ReplyTemplateSchema, THREAD_LIMITS, ThreadFileParams,
  ThreadList, ThreadMessageSchema, ThreadParams,
} from './thread.schemas.ts';

const ProblemRef = Type.Ref('Problem');
const PROBLEMS = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef };
const TAGS = ['pratiche'];
const MB = 1024 * 1024;

/**
 * The thread on an application ("filo diretto": GET|POST /api/v1/applications/{id}/messages, the read marker, the
 * files) and the offices' reply templates (/api/v1/reply-templates). Each route validates and makes one call into
 * ThreadService, which decides who may do it.
 */
export async function threadRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.thread;
  app.addSchema(ThreadMessageSchema);
  app.addSchema(ReplyTemplateSchema);

  app.get('/api/v1/applications/:applicationId/messages', {
    config: { personalData: true },
    schema: { tags: TAGS, summary: 'I messaggi tra cittadino e ufficio sulla pratica', operationId: 'listApplicationMessages',
      description: "Il filo diretto della pratica, dal messaggio più vecchio. Il cittadino vede il nome dell'ufficio, mai quello dell'operatore; readAt dice quando l'altra parte ha letto il messaggio.",
      params: ThreadParams, response: { 200: ThreadList, ...PROBLEMS } },
  }, async (req, reply) => reply.header('cache-control', 'private, no-store').send(await svc.list(await actorOf(ctx, req), req.params.applicationId)));

  app.post('/api/v1/applications/:applicationId/messages/read', {
    schema: { tags: TAGS, summary: "Segna come letti i messaggi dell'altra parte", operationId: 'markApplicationMessagesRead',
      description: "Chi apre il filo diretto (il cittadino o l'ufficio) segna come letti i messaggi scritti dall'altra parte, che vede così quando sono stati letti.",
      params: ThreadParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 204: Type.Null(), ...PROBLEMS } },
  }, async (req, reply) => {
    await svc.markRead(await actorOf(ctx, req), req.params.applicationId);
    return reply.code(204).send(null);
  });

  app.post('/api/v1/applications/:applicationId/messages', {
    schema: { tags: TAGS, summary: 'Scrive un messaggio sulla pratica', operationId: 'postApplicationMessage',
      description: `application/json con body (da 1 a ${THREAD_LIMITS.bodyMax} caratteri), oppure multipart/form-data con il campo body e fino a ${THREAD_LIMITS.filesMax} file nel campo files ` +
        `(PDF, JPEG o PNG, controllati sul contenuto; al massimo ${THREAD_LIMITS.fileMaxMb} MB ciascuno e ${THREAD_LIMITS.totalMaxMb} MB in tutto). ` +
        "Un messaggio dell'ufficio arriva al cittadino come avviso (nell'area personale e sui canali scelti, senza il testo); uno del cittadino avvisa il responsabile della pratica o l'ufficio. " +
        'Con Idempotency-Key, un nuovo invio dello stesso messaggio restituisce quello già scritto (200). Non si scrive su una bozza.',
      params: ThreadParams, headers: IdempotencyHeaders,
      // one schema per media type; a multipart body is read part by part in the handler (readMessageForm)
      body: { content: { 'application/json': { schema: NewMessageBody }, 'multipart/form-data': { schema: NewMessageForm } } },
      response: { 200: Type.Ref('ThreadMessage'), 201: Type.Ref('ThreadMessage'), ...PROBLEMS, 409: ProblemRef, 413: ProblemRef, 415: ProblemRef, 422: ProblemRef, 503: ProblemRef } },
    preValidation: async (req) => {
      if (req.isMultipart()) req.body = {};
    },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    if (!actor) throw unauthorized();
    const input = req.isMultipart() ? await readMessageForm(req) : { body: (req.body as { body?: string } | undefined)?.body ?? '', files: [] };
    const key = req.headers['idempotency-key'];
    const { created, message } = await svc.post(actor, req.params.applicationId, { ...input, idempotencyKey: typeof key === 'string' ? key : undefined });
    return reply.code(created ? 201 : 200).header('cache-control', 'private, no-store').send(message);
  });

  app.get('/api/v1/applications/:applicationId/messages/:messageId/files/:fileId', {
    config: { personalData: true },
    schema: { tags: TAGS, summary: 'Scarica un allegato di un messaggio', operationId: 'readApplicationMessageFile', params: ThreadFileParams,
      response: { 200: Type.Unknown({ description: 'il file' }), ...PROBLEMS } },
  }, async (req, reply) => sendDownload(reply, await svc.file(await actorOf(ctx, req), req.params.applicationId, req.params.messageId, req.params.fileId)));

  // ---- reply templates ------------------------------------------------------------------------------------

  app.get('/api/v1/reply-templates', {
    schema: { tags: ['messaggi'], summary: "Le risposte predefinite dell'ente", operationId: 'listReplyTemplates',
      description: "I testi pronti che gli operatori inseriscono nei messaggi al cittadino, con i segnaposto {{codice}}, {{servizio}}, {{ente}}, {{ufficio}}, {{richiedente}}, {{scadenza}}.",
      response: { 200: ReplyTemplateList, ...PROBLEMS } },
  }, async (req) => svc.replyTemplates(await actorOf(ctx, req)));

  app.post('/api/v1/reply-templates', {
    schema: { tags: ['messaggi'], summary: 'Crea una risposta predefinita', operationId: 'createReplyTemplate',
      description: "Per i responsabili e gli amministratori dell'ente. Il titolo è unico nell'ente (409 se è già usato).",
      headers: IdempotencyHeaders, body: ReplyTemplateBody, response: { 201: Type.Ref('ReplyTemplate'), ...PROBLEMS, 409: ProblemRef } },
  }, async (req, reply) => {
    const actor = await actorOf(ctx, req);
    const r = await idempotent(ctx.database.db, actorKey(actor), req.headers['idempotency-key'], req.body, async (db) => ({
      status: 201, body: await svc.withExecutor(db).createReplyTemplate(actor, req.body),
    }));
    return reply.code(r.status).send(r.body);
  });

  app.put('/api/v1/reply-templates/:templateId', {
    schema: { tags: ['messaggi'], summary: 'Modifica una risposta predefinita', operationId: 'updateReplyTemplate',
      params: ReplyTemplateParams, body: ReplyTemplateBody, response: { 200: Type.Ref('ReplyTemplate'), ...PROBLEMS, 409: ProblemRef } },
  }, async (req) => svc.updateReplyTemplate(await actorOf(ctx, req), req.params.templateId, req.body));

  app.delete('/api/v1/reply-templates/:templateId', {
    schema: { tags: ['messaggi'], summary: 'Elimina una risposta predefinita', operationId: 'deleteReplyTemplate',
      params: ReplyTemplateParams, response: { 204: Type.Null(), ...PROBLEMS } },
  }, async (req, reply) => {
    await svc.deleteReplyTemplate(await actorOf(ctx, req), req.params.templateId);
    return reply.code(204).send(null);
  });
}

/** Reads a message sent as multipart/form-data: the field body and up to five files in the field files. */
async function readMessageForm(req: FastifyRequest): Promise<{ body: string; files: MessageFileInput[] }> {
  let body: string | undefined;
  const files: MessageFileInput[] = [];
  const tooLarge = () => new Problem(413, 'File troppo grande',
    `Ogni file può pesare al massimo ${THREAD_LIMITS.fileMaxMb} MB: riducilo e riprova. (File larger than ${THREAD_LIMITS.fileMaxMb} MB.)`, [{ path: 'files', message: `al massimo ${THREAD_LIMITS.fileMaxMb} MB per file` }]);
  try {
    // the text may hold up to 5000 characters of four bytes each; one file more than allowed is read to say so
    for await (const part of req.parts({ limits: { fileSize: THREAD_LIMITS.fileMaxMb * MB, files: THREAD_LIMITS.filesMax + 1, fields: 3, fieldSize: THREAD_LIMITS.bodyMax * 4 + 16 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'files') {
          await part.toBuffer().catch(() => undefined);
          throw badRequest(`Campo sconosciuto "${part.fieldname}": i file vanno nel campo "files". (Unknown field.)`, [{ path: part.fieldname, message: 'campo sconosciuto' }]);
        }
        const content = await part.toBuffer().catch((e: unknown) => {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return null;
          throw e;
        });
        if (content === null || part.file.truncated) throw tooLarge();
        files.push({ fileName: part.filename || 'allegato', content });
      } else if (part.fieldname === 'body') {
        if (part.valueTruncated) {
          throw badRequest(`Il messaggio supera i ${THREAD_LIMITS.bodyMax} caratteri: accorcialo. (At most ${THREAD_LIMITS.bodyMax} characters.)`, [{ path: 'body', message: `al massimo ${THREAD_LIMITS.bodyMax} caratteri` }]);
        }
        body = String(part.value ?? '');
      } else {
        throw badRequest(`Campo sconosciuto "${part.fieldname}": il messaggio ha solo i campi "body" e "files". (Unknown field.)`, [{ path: part.fieldname, message: 'campo sconosciuto' }]);
      }
    }
  } catch (error) {
    if (error instanceof Problem) throw error;
    const code = (error as { code?: string }).code;
    const status = (error as { statusCode?: number }).statusCode;
    if (code === 'FST_FILES_LIMIT') {
      throw badRequest(`Un messaggio porta al massimo ${THREAD_LIMITS.filesMax} file: togline qualcuno o mandali in un altro messaggio. (At most ${THREAD_LIMITS.filesMax} files.)`, [{ path: 'files', message: `al massimo ${THREAD_LIMITS.filesMax} file` }]);
    }
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (status && status >= 400 && status < 500) throw error;
    throw badRequest('Il messaggio non è arrivato intero: invialo di nuovo. (Unreadable multipart body.)');
  }
  if (body === undefined) throw badRequest('Manca il testo del messaggio (campo "body"). (The field body is missing.)', [{ path: 'body', message: 'scrivi il testo del messaggio' }]);
  return { body, files };
}
