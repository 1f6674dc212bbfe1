/**
 * GET /api/v1/me/export: "Scarica tutti i miei dati", as JSON or PDF. One call into DataExportService, which decides
 * who may have it and in which format.
 */
import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { sendDownload } from '../../platform/download.ts';
import { DataExportSchema, ExportQuery, StepUpProblem } from './dataexport.schemas.ts';

const Problem = Type.Ref('Problem');

export async function dataExportRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.dataExport;
  app.addSchema(DataExportSchema);

  app.get('/api/v1/me/export', {
    // gathering everything and drawing a PDF of many pages is the most expensive read a citizen can ask for
    config: { rateLimit: { max: 10, timeWindow: '15 minutes' } },
    schema: {
      tags: ['area personale'], summary: 'Scarica tutti i miei dati', operationId: 'exportMyData',
      description:
        'Tutti i dati personali che gli enti su Sportello conservano su di te (art. 15 GDPR), in un file da scaricare: profilo e recapiti, preferenze e ' +
        "consensi, dati anagrafici dei Comuni, deleghe, pratiche con risposte, allegati (nome, dimensione, SHA-256), cronologia, messaggi e documenti " +
        'emessi, pagamenti e ricevute, appuntamenti e contatti con gli sportelli, certificati, messaggi ricevuti, consigli, servizi preferiti, ' +
        'segnalazioni sui dati, servizi sociali, chi ha consultato i tuoi dati, accessi e sicurezza, e che cosa non è incluso e perché. ' +
        'JSON (predefinito; una sezione per chiave stabile, con etichetta italiana; date ISO 8601) o PDF leggibile: ?format=json|pdf, oppure ' +
        "l'intestazione Accept (application/json, application/pdf). Solo per te, con SPID o CIE di livello 2 almeno; qualunque sia la persona per cui " +
        'operi, il file riguarda te. Il download è registrato nel registro di audit (non negli accessi di altri ai tuoi dati). Al massimo 10 download ' +
        'ogni 15 minuti.',
      querystring: ExportQuery,
      response: {
        200: {
          description: 'il file, come allegato (Content-Disposition: attachment; filename="i-miei-dati-AAAA-MM-GG.json" o ".pdf")',
          content: {
            'application/json': { schema: Type.Ref('PersonalDataExport') },
            'application/pdf': { schema: Type.String({ format: 'binary', maxLength: 200_000_000 }) },
          },
        },
        400: Problem, 401: StepUpProblem, 403: Problem, 406: Problem,
      },
    },
  }, async (req, reply) => sendDownload(reply, await svc.download(await actorOf(ctx, req), req.query, req.headers.accept)));
}
