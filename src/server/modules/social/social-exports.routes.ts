/**
 * The flows to INPS's Casellario dell'Assistenza over HTTP: preview, produce, list, download. The district's
 * coordinator only (SocialExportsService decides). An export refused for missing data answers 422 with the
 * records and what each lacks (`problems`).
 */
import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { sendDownload } from '../../platform/download.ts';
import { ExportRefused, SocialExportsService } from './social-exports.service.ts';
import {
  ExportBody, ExportParams, ExportPreviewSchema, ExportProblemSchema, ExportRefusedSchema, ExportsList, IdempotencyHeaders, SocialExportSchema,
} from './social-exports.schemas.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const PRIVATE = 'private, no-store';
const TAGS = ['servizi sociali'];

export async function socialExportsRoutes(app: App, ctx: AppContext) {
  const svc: SocialExportsService = ctx.services.socialExports;
  app.addSchema(ExportProblemSchema);
  app.addSchema(SocialExportSchema);

  app.post('/api/v1/social/exports/preview', {
    schema: {
      tags: TAGS, summary: "Anteprima di un invio al Casellario dell'Assistenza", operationId: 'previewSocialExport',
      description: "Per il coordinatore dell'ambito (social.export, senza limiti di comune, settore o area): quanti record il flusso (psa con il " +
        'blocco SINA per la non autosufficienza, o sinba per i minori) porterebbe per il periodo come nuovi (inserts) e come rettifiche (corrections), ' +
        "quanti sono già stati inviati senza modifiche (unchanged) e, per ogni record a cui mancano dati, quali (problems). 422 se mancano dati dell'ente.",
      body: ExportBody, response: { 200: ExportPreviewSchema, ...PROBLEMS, 422: Problem },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.preview(await actorOf(ctx, req), req.body)));

  app.post('/api/v1/social/exports', {
    schema: {
      tags: TAGS, summary: "Produce il file per il Casellario dell'Assistenza", operationId: 'createSocialExport',
      description: "Costruisce il file XML del flusso per il periodo, lo valida con lo schema XSD dell'INPS e lo conserva cifrato; segna le prestazioni " +
        '(psa) o le cartelle (sinba) come inviate e registra la trasmissione nel registro degli accessi di ogni persona. Una prestazione già inviata e ' +
        'poi modificata va come rettifica (PSA: record C con i valori inviati, poi record I con i nuovi; SINBA: il record intero di nuovo). 422 con ' +
        '`problems` se a qualche record mancano dati (nessun file prodotto, nulla segnato); 409 se non c\'è nulla da inviare. Con Idempotency-Key ' +
        'un nuovo invio restituisce il primo.',
      headers: IdempotencyHeaders, body: ExportBody, response: { 201: SocialExportSchema, ...PROBLEMS, 409: Problem, 422: ExportRefusedSchema },
    },
  }, async (req, reply) => {
    const key = req.headers['idempotency-key'];
    try {
      const made = await svc.create(await actorOf(ctx, req), req.body, typeof key === 'string' ? key : undefined);
      return await reply.code(201).header('cache-control', PRIVATE).send(made);
    } catch (e) {
      if (!(e instanceof ExportRefused)) throw e;
      return reply.code(422).type('application/problem+json').header('cache-control', PRIVATE)
        .send({ type: e.type, title: e.title, status: e.status, detail: e.detail, problems: e.problems });
    }
  });

  app.get('/api/v1/social/exports', {
    schema: {
      tags: TAGS, summary: "Gli invii al Casellario dell'Assistenza", operationId: 'listSocialExports',
      description: "Per il coordinatore dell'ambito: i file prodotti, dal più recente (al massimo 100), con periodo, numero di record e di rettifiche e l'impronta SHA-256.",
      response: { 200: ExportsList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.list(await actorOf(ctx, req))));

  app.get('/api/v1/social/exports/:exportId/file', {
    schema: {
      tags: TAGS, summary: "Scarica il file inviato al Casellario", operationId: 'downloadSocialExport',
      description: "Il file XML così come è stato prodotto (application/xml, come allegato, con il suo nome). Per il coordinatore dell'ambito.",
      params: ExportParams, response: { 200: Type.Unknown({ description: 'il file XML' }), ...PROBLEMS },
    },
  }, async (req, reply) => sendDownload(reply, await svc.file(await actorOf(ctx, req), req.params.exportId)));
}
