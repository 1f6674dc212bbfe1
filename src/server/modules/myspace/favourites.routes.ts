/** A citizen's favourite services: GET /api/v1/me/favourites, PUT|DELETE /api/v1/me/favourites/{serviceId}. */
import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { FavouriteList, FavouriteParams, FavouriteService, MAX_FAVOURITES } from './favourites.schemas.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const PRIVATE = 'private, no-store';
const TAGS = ['area personale'];

export async function favouritesRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.favourites;
  app.addSchema(FavouriteService);

  app.get('/api/v1/me/favourites', {
    schema: {
      tags: TAGS, summary: 'I miei servizi preferiti', operationId: 'listMyFavouriteServices',
      description: `I servizi che ho segnato come preferiti, dal più recente (al massimo ${MAX_FAVOURITES}), con l'indirizzo della scheda sul portale. ` +
        'Solo per il cittadino collegato con SPID o CIE.',
      response: { 200: FavouriteList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.list(await actorOf(ctx, req))));

  app.put('/api/v1/me/favourites/:serviceId', {
    schema: {
      tags: TAGS, summary: 'Aggiungi un servizio ai preferiti', operationId: 'starService',
      description: `Segna il servizio come preferito; se lo è già non cambia nulla. Al massimo ${MAX_FAVOURITES} preferiti (oltre: 409).`,
      params: FavouriteParams,
      response: { 204: Type.Null({ description: 'il servizio è tra i preferiti' }), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => {
    await svc.star(await actorOf(ctx, req), req.params.serviceId);
    return reply.code(204).header('cache-control', PRIVATE).send(null);
  });

  app.delete('/api/v1/me/favourites/:serviceId', {
    schema: {
      tags: TAGS, summary: 'Togli un servizio dai preferiti', operationId: 'unstarService',
      description: 'Toglie il servizio dai preferiti; se non c\'era non cambia nulla.',
      params: FavouriteParams,
      response: { 204: Type.Null({ description: 'il servizio non è tra i preferiti' }), ...PROBLEMS },
    },
  }, async (req, reply) => {
    await svc.unstar(await actorOf(ctx, req), req.params.serviceId);
    return reply.code(204).header('cache-control', PRIVATE).send(null);
  });
}
