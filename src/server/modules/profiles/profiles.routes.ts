/** The citizen's profiles: GET /api/v1/me/profiles. */
import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { Profile, ProfileList } from './profiles.schemas.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export async function profilesRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.profiles;
  app.addSchema(Profile);

  app.get('/api/v1/me/profiles', {
    schema: {
      tags: ['area personale'], summary: 'I miei profili', operationId: 'listMyProfiles',
      description: 'Come privato (per me e per i figli minori), come professionista (per i clienti che mi hanno delegato, finché una delega è attiva) ' +
        "e per le imprese che rappresento: per ciascun profilo le persone o imprese per cui posso agire e quante pratiche sono aperte, " +
        "aspettano una mia risposta, sono bozze, e quanti messaggi degli uffici non ho letto. Le pratiche di un profilo: GET /api/v1/applications?profile=….",
      response: { 200: ProfileList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', 'private, no-store').send(await svc.list(await actorOf(ctx, req))));
}
