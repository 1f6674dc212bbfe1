import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { sendDownload } from '../../platform/download.ts';
import { AccessLogCsv, AccessLogEntry, AccessLogExportQuery, AccessLogPage, AccessLogQuery } from './access-log.schemas.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem };
const TAGS = ['area personale'];
const WHAT =
  "Ogni consultazione dei dati personali del cittadino (e dei figli minori e delle imprese per cui agisce per legge) da parte " +
  "degli uffici, dei sistemi degli integratori e della piattaforma: quando, ente e ufficio, chi, quali dati, con quale finalità " +
  "e su quale base giuridica. Un accesso la cui notizia è differita per un motivo previsto dalla legge (un'indagine) non compare " +
  'finché il differimento non finisce; poi compare con la data fino a cui è stato differito e il motivo. Filtri: periodo ' +
  '(from, to: giorni in ora italiana, estremi inclusi) ed ente (tenant).';

/** GET /api/v1/me/access-log (+ .csv): who read the citizen's data, when, why and on which legal basis. */
export async function accessLogRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.accessLog;
  app.addSchema(AccessLogEntry);

  app.get('/api/v1/me/access-log', {
    schema: {
      tags: TAGS, summary: 'Chi ha consultato i miei dati', operationId: 'listMyAccessLog',
      description: `${WHAT} Dal più recente, a pagine (cursor); con il totale e gli enti che compaiono nel registro.`,
      querystring: AccessLogQuery, response: { 200: AccessLogPage, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', 'private, no-store').send(await svc.list(await actorOf(ctx, req), req.query)));

  app.get('/api/v1/me/access-log.csv', {
    schema: {
      tags: TAGS, summary: 'Chi ha consultato i miei dati, in CSV (per Excel in italiano)', operationId: 'exportMyAccessLogCsv',
      description: `${WHAT} Tutti gli accessi che rispondono ai filtri, dal più recente; intestazioni in italiano, UTF-8 con BOM, separatore ";".`,
      querystring: AccessLogExportQuery,
      response: { 200: { description: 'il file CSV', content: { 'text/csv': { schema: AccessLogCsv } } }, ...PROBLEMS },
    },
  }, async (req, reply) => sendDownload(reply, await svc.exportCsv(await actorOf(ctx, req), req.query)));
}
