import { Type } from 'typebox';
import { SERVICE_LEVEL } from '../../../contracts/desk.ts';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { sendDownload } from '../../platform/download.ts';
import { CsvFile, DeskFiguresSchema, FiguresOfficeList, FiguresOfficesQuery, FiguresQuery, XlsxFile } from './desk-analytics.schemas.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const TAGS = ['sportello: cruscotto'];
const WHO = "Per i responsabili e gli amministratori dell'ente (e della piattaforma); l'ufficio deve essere dell'ente. Nessun dato personale.";
const DEFINITIONS =
  "Per un ufficio con la coda e un periodo di giorni italiani (estremi inclusi, al massimo 366): arrivi per ora, giorno e settimana ISO; " +
  'per categoria attesa media e al 90° percentile (dal biglietto alla prima chiamata) e durata media del servizio; usciti senza essere ' +
  'serviti (assenti alla chiamata, annullati, mai chiamati); valutazioni dei visitatori; appuntamenti e quelli di giorni passati senza ' +
  `accettazione. Per fascia oraria: arrivi all'ora e sportelli aperti in media (per minuto di apertura), sportelli necessari per chiamare ` +
  `il ${SERVICE_LEVEL.share * 100}% entro ${SERVICE_LEVEL.withinMinutes} minuti secondo Erlang C e la quota che gli sportelli aperti danno. ${WHO}`;

/** The desk manager's figures: HTTP routes (JSON for the page, and the same as CSV and XLSX). */
export async function deskAnalyticsRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.deskAnalytics;

  app.get('/api/v1/desk/figures', {
    schema: {
      tags: TAGS, summary: 'Il cruscotto dello sportello di un ufficio', description: DEFINITIONS, operationId: 'readDeskFigures',
      querystring: FiguresQuery, response: { 200: DeskFiguresSchema, ...PROBLEMS },
    },
  }, async (req, reply) => {
    const { officeName: _name, ...figures } = await svc.figures(await actorOf(ctx, req), req.query);
    return reply.header('cache-control', 'private, no-store').send(figures);
  });

  app.get('/api/v1/desk/figures.csv', {
    schema: {
      tags: TAGS, summary: 'Il cruscotto dello sportello in CSV (per Excel in italiano)', operationId: 'exportDeskFiguresCsv',
      description: `Le stesse cifre, una tabella dopo l'altra con il proprio titolo; UTF-8 con BOM, separatore ";", decimali con la virgola, quote in percentuale. ${DEFINITIONS}`,
      querystring: FiguresQuery, response: { 200: { description: 'il file CSV', content: { 'text/csv': { schema: CsvFile } } }, ...PROBLEMS },
    },
  }, async (req, reply) => sendDownload(reply, await svc.figuresExport(await actorOf(ctx, req), req.query, 'csv')));

  app.get('/api/v1/desk/figures.xlsx', {
    schema: {
      tags: TAGS, summary: 'Il cruscotto dello sportello in Excel (XLSX)', operationId: 'exportDeskFiguresXlsx',
      description: `Le stesse cifre in una cartella di lavoro, un foglio per tabella e il foglio "Note" con ufficio, periodo e definizioni. ${DEFINITIONS}`,
      querystring: FiguresQuery,
      response: {
        200: { description: 'il file XLSX', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: XlsxFile } } },
        ...PROBLEMS,
      },
    },
  }, async (req, reply) => sendDownload(reply, await svc.figuresExport(await actorOf(ctx, req), req.query, 'xlsx')));

  app.get('/api/v1/desk/figures/offices', {
    schema: {
      tags: TAGS, summary: 'Gli uffici con la coda, per il cruscotto dello sportello', operationId: 'listDeskFiguresOffices',
      description: `Gli uffici dell'ente di chi chiede che hanno almeno una categoria di coda, in ordine di nome. ${WHO}`,
      querystring: FiguresOfficesQuery, response: { 200: FiguresOfficeList, ...PROBLEMS },
    },
  }, async (req) => svc.offices(await actorOf(ctx, req)));
}
