import { Type } from 'typebox';
import { SMALL_CELL_THRESHOLD } from '../../../contracts/social.ts';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { sendDownload } from '../../platform/download.ts';
import { CsvFile, FiguresExportQuery, FiguresQuery, SocialFiguresSchema, XlsxFile } from './social-figures.schemas.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const TAGS = ['servizi sociali: cifre'];
const DEFINITIONS =
  "Le cifre dei servizi sociali dell'ambito di chi chiede per un periodo di giorni italiani (estremi inclusi; predefinito: gli ultimi 12 mesi; " +
  "al massimo 5 anni), filtrabili per comune e area: primi contatti e nuove cartelle per comune, bisogno, area, fascia d'età e mese; " +
  "totali; interventi attivi e spesa dell'ente per tipo; giorni dal primo contatto alla presa in carico (media, mediana, 90° percentile). " +
  "Per gli assistenti sociali (cifre esatte, solo delle cartelle che le loro abilitazioni coprono: un comune o un'area fuori da esse è 403), " +
  `per i responsabili e gli amministratori (tutto l'ambito, con i valori da 1 a ${SMALL_CELL_THRESHOLD - 1} persone nascosti, e in una tabella ` +
  'con un solo valore nascosto anche il più piccolo dopo di esso). Nessun dato personale.';

/** The district's social figures: JSON for the page, and the same as CSV or XLSX. */
export async function socialFiguresRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.socialFigures;

  app.get('/api/v1/social/figures', {
    schema: {
      tags: TAGS, summary: "Le cifre dei servizi sociali dell'ambito", description: DEFINITIONS, operationId: 'readSocialFigures',
      querystring: FiguresQuery, response: { 200: SocialFiguresSchema, ...PROBLEMS },
    },
  }, async (req, reply) => {
    const { districtName: _d, comuneName: _c, targetAreaLabel: _a, ...figures } = await svc.figures(await actorOf(ctx, req), req.query);
    return reply.header('cache-control', 'private, no-store').send(figures);
  });

  app.get('/api/v1/social/figures/export', {
    schema: {
      tags: TAGS, summary: "Le cifre dei servizi sociali dell'ambito in CSV o Excel", operationId: 'exportSocialFigures',
      description: 'Le stesse cifre come file: format=csv (UTF-8 con BOM, separatore ";", decimali con la virgola, una tabella dopo l\'altra) o ' +
        `format=xlsx (un foglio per tabella e il foglio "Note"). Un valore nascosto è scritto "<${SMALL_CELL_THRESHOLD}". ${DEFINITIONS}`,
      querystring: FiguresExportQuery,
      response: {
        200: {
          description: 'il file',
          content: {
            'text/csv': { schema: CsvFile },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: XlsxFile },
          },
        },
        ...PROBLEMS,
      },
    },
  }, async (req, reply) => sendDownload(reply, await svc.figuresExport(await actorOf(ctx, req), req.query)));
}
