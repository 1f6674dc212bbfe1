import type { App, AppContext } from '../../platform/context.ts';
import { notFound, sendProblem } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/schemas.ts';
import { NoQuery, VerificationParams, VerificationViewSchema } from './documents.schemas.ts';

export async function documentsRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.documents;

  app.get('/api/v1/verifications/:code', {
    // public and unauthenticated: a tighter limit per address than the global one keeps code guessing slow.
    // A valid certificate's answer shows the data printed on it: that read is logged (certificates.service.ts).
    config: { rateLimit: { max: 60, timeWindow: '1 minute' }, personalData: true },
    // a malformed code gets the same answer as an unknown one (404, codeNotValid), not a 400 that tells them apart
    attachValidation: true,
    schema: {
      tags: ['documenti'],
      operationId: 'readVerification',
      summary: 'Verifica di un documento',
      description:
        "Conferma che una ricevuta o un provvedimento con questo codice di verifica è stato emesso dall'ente, e dice " +
        "per quale servizio, domanda e protocollo, con l'impronta SHA-256 del PDF: non mostra nomi né codici fiscali delle " +
        'persone. Per un certificato anagrafico mostra ciò che il certificato stesso riporta (e la lettura è registrata nel ' +
        "registro degli accessi della persona); se revocato, solo che è revocato e da quando. Pubblica, senza accesso. Un codice " +
        'che non verifica nulla (sconosciuto, alterato o malformato) riceve sempre la stessa risposta 404. Il codice si può ' +
        'scrivere in minuscolo e senza trattini.',
      params: VerificationParams,
      querystring: NoQuery,
      response: { 200: VerificationViewSchema, ...problemResponses },
    },
  }, async (req) => svc.verify(req.validationError ? '' : req.params.code));

  // The address printed in the QR code is the web page: answer it with the single-page app, whose router shows
  // the verification (/verify is kept out of the app's catch-all because it is also a server path).
  app.get('/verify/:code', { schema: { hide: true }, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (req, reply) => {
    const send = (reply as unknown as { sendFile?: (file: string) => unknown }).sendFile;
    if (typeof send !== 'function') return sendProblem(reply, notFound(`L'indirizzo ${req.url.split('?')[0]}`));
    return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
  });
}
