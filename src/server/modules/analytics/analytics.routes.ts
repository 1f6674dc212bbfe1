import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { sendDownload } from '../../platform/download.ts';
import { CsvFile, Dashboard, DashboardQuery, Filters, FiltersQuery, XlsxFile } from './analytics.schemas.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
// the dashboard is about applications: it sits with them in the published API
const TAGS = ['pratiche'];
const DEFINITIONS =
  'Per ufficio e servizio. Nel periodo (giorni di calendario in Italia, estremi inclusi): ricevute (presentate), concluse ' +
  "(accolte o respinte), giorni di lavorazione (dalla presentazione all'esito, meno i giorni di sospensione: media e 90° " +
  'percentile), quota concluse entro la scadenza, quota ricevute con almeno una richiesta di integrazione, valutazioni ' +
  'dei cittadini sulle ricevute. Oggi, qualunque sia il periodo: in lavorazione, in attesa del cittadino, scadute ' +
  '(aperte con la scadenza passata). Per i responsabili, gli amministratori dell\'ente e della piattaforma; un ente ' +
  'capofila vede anche gli enti associati che serve.';

/** The manager's dashboard: figures as JSON for the page, and the same as CSV and XLSX files. */
export async function analyticsRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.analytics;

  app.get('/api/v1/analytics/applications', {
    schema: {
      tags: TAGS, summary: 'Cruscotto delle pratiche per ufficio e servizio', description: DEFINITIONS,
      operationId: 'readApplicationsDashboard', querystring: DashboardQuery, response: { 200: Dashboard, ...PROBLEMS },
    },
  }, async (req) => svc.applications(await actorOf(ctx, req), req.query));

  app.get('/api/v1/analytics/applications.csv', {
    schema: {
      tags: TAGS, summary: 'Cruscotto delle pratiche in CSV (per Excel in italiano)',
      description: `Le stesse cifre del cruscotto, una riga per ufficio e servizio più la riga dei totali, intestazioni in italiano; UTF-8 con BOM, separatore ";", decimali con la virgola, quote in percentuale. ${DEFINITIONS}`,
      operationId: 'exportApplicationsDashboardCsv', querystring: DashboardQuery,
      response: { 200: { description: 'il file CSV', content: { 'text/csv': { schema: CsvFile } } }, ...PROBLEMS },
    },
  }, async (req, reply) => sendDownload(reply, await svc.applicationsExport(await actorOf(ctx, req), req.query, 'csv')));

  app.get('/api/v1/analytics/applications.xlsx', {
    schema: {
      tags: TAGS, summary: 'Cruscotto delle pratiche in Excel (XLSX)',
      description: `Le stesse cifre del cruscotto in una cartella di lavoro: il foglio "Pratiche" (una riga per ufficio e servizio più i totali) e il foglio "Note" con ente, periodo e definizioni. ${DEFINITIONS}`,
      operationId: 'exportApplicationsDashboardXlsx', querystring: DashboardQuery,
      response: {
        200: { description: 'il file XLSX', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: XlsxFile } } },
        ...PROBLEMS,
      },
    },
  }, async (req, reply) => sendDownload(reply, await svc.applicationsExport(await actorOf(ctx, req), req.query, 'xlsx')));

  app.get('/api/v1/analytics/filters', {
    schema: {
      tags: TAGS, summary: 'Enti, uffici e servizi che il cruscotto può mostrare',
      description: "Gli enti che chi chiede può guardare (il proprio e gli associati che serve), gli uffici dell'ente e i servizi che hanno ricevuto pratiche.",
      operationId: 'readDashboardFilters', querystring: FiltersQuery, response: { 200: Filters, ...PROBLEMS },
    },
  }, async (req) => svc.filters(await actorOf(ctx, req), req.query.tenant));
}
