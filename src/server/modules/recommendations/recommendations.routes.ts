/**
 * "Per te": GET /api/v1/me/recommendations, POST …/{id}/dismiss, GET|PUT …/preferences for the citizen;
 * GET /api/v1/admin/recommendation-rules and PUT …/{ruleKey} for administrators. Also wires the evaluation: the
 * daily run in worker processes (recommendations.tasks.ts) and the evaluation after each citizen's login.
 */
import { Type } from 'typebox';
import type { RecommendationPreferences } from '../../../contracts/recommendations.ts';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import {
  ConditionSchema, RecommendationList, RecommendationParams, RecommendationPreferencesBody, RecommendationPreferencesSchema, RecommendationSchema,
  RuleBody, RuleList, RuleParams, RuleSchema,
} from './recommendations.schemas.ts';
import { scheduleRecommendations } from './recommendations.tasks.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const PRIVATE = 'private, no-store';
const TAGS = ['area personale'];

export async function recommendationsRoutes(app: App, ctx: AppContext, opts: { tasks: boolean }) {
  const svc = ctx.services.recommendations;
  app.addSchema(RecommendationSchema);
  app.addSchema(RecommendationPreferencesSchema);
  app.addSchema(ConditionSchema);
  app.addSchema(RuleSchema);
  scheduleRecommendations(app, ctx, opts);

  app.get('/api/v1/me/recommendations', {
    schema: {
      tags: TAGS, summary: 'Per te: avvisi e consigli', operationId: 'listMyRecommendations',
      description: 'Gli avvisi costruiti sulla situazione del cittadino (una finestra di iscrizione per un figlio della giusta età, la carta ' +
        "d'identità in scadenza, un servizio preferito cambiato, un pagamento in scadenza), ciascuno con il motivo per cui compare e il " +
        "collegamento per agire. Solo quelli in corso, non nascosti e dei tipi che il cittadino vuole vedere: prima le scadenze.",
      response: { 200: RecommendationList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.list(await actorOf(ctx, req))));

  app.post('/api/v1/me/recommendations/:recommendationId/dismiss', {
    schema: {
      tags: TAGS, summary: 'Nascondi un avviso', operationId: 'dismissMyRecommendation',
      description: "Nasconde l'avviso per sempre: lo stesso avviso (stessa regola, stessa occasione) non ricompare. Ripeterlo non cambia nulla.",
      params: RecommendationParams,
      response: { 204: Type.Null({ description: "l'avviso è nascosto" }), ...PROBLEMS },
    },
  }, async (req, reply) => {
    await svc.dismiss(await actorOf(ctx, req), req.params.recommendationId);
    return reply.code(204).header('cache-control', PRIVATE).send(null);
  });

  app.get('/api/v1/me/recommendations/preferences', {
    schema: {
      tags: TAGS, summary: 'Quali avvisi voglio', operationId: 'readMyRecommendationPreferences',
      description: 'Per ogni tipo di avviso (eventi della vita, scadenze, pagamenti, servizi preferiti) se il cittadino vuole vederlo. Tutti attivi finché non li spegne.',
      response: { 200: Type.Ref('RecommendationPreferences'), ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.preferences(await actorOf(ctx, req))));

  app.put('/api/v1/me/recommendations/preferences', {
    schema: {
      tags: TAGS, summary: 'Scegli quali avvisi vedere', operationId: 'saveMyRecommendationPreferences',
      description: 'Accende o spegne ogni tipo di avviso. Un tipo spento non compare più e i dati che gli servirebbero non sono più letti; ' +
        'riacceso, è valutato di nuovo subito.',
      body: RecommendationPreferencesBody,
      response: { 200: Type.Ref('RecommendationPreferences'), ...PROBLEMS },
    },
  }, async (req, reply) =>
    reply.header('cache-control', PRIVATE).send(await svc.savePreferences(await actorOf(ctx, req), req.body as RecommendationPreferences)));

  app.get('/api/v1/admin/recommendation-rules', {
    schema: {
      tags: ['amministrazione'], summary: 'Le regole degli avvisi «Per te»', operationId: 'listRecommendationRules',
      description: "Le regole della piattaforma (valide per ogni ente) e quelle dell'ente, che sostituiscono per i suoi cittadini la regola della " +
        'piattaforma con la stessa chiave; con i segnaposto che ogni tipo di condizione riempie. Per gli amministratori.',
      response: { 200: RuleList, ...PROBLEMS },
    },
  }, async (req) => svc.rules(await actorOf(ctx, req)));

  app.put('/api/v1/admin/recommendation-rules/:ruleKey', {
    schema: {
      tags: ['amministrazione'], summary: 'Salva una regola degli avvisi', operationId: 'saveRecommendationRule',
      description: "Crea o cambia la regola dell'ente con questa chiave (o, per l'amministratore della piattaforma con platformWide, quella della " +
        'piattaforma): condizione, titolo, testo, «Perché lo vedi», collegamento, attiva o no. Una condizione sbagliata, un segnaposto che la ' +
        "condizione non riempie o un collegamento fuori dal portale sono rifiutati con l'errore sul campo. La valutazione di oggi riparte.",
      params: RuleParams, body: RuleBody,
      response: { 200: Type.Ref('RecommendationRule'), ...PROBLEMS },
    },
  }, async (req) => svc.saveRule(await actorOf(ctx, req), req.params.ruleKey, req.body));
}
