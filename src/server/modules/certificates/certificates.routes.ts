/**
 * "I miei certificati": POST|GET /api/v1/me/certificates, GET /api/v1/me/certificates/{id}/file,
 * POST /api/v1/me/certificates/{id}/revoke; the body's revocation at POST /api/v1/certificates/{id}/revoke.
 * Their public verification is GET /api/v1/verifications/{code} (modules/documents).
 */
import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import { sendDownload } from '../../platform/download.ts';
import {
  CertificatePageSchema, CertificateParams, CertificateRequest, CertificateRevocationSchema, CertificateSchema, IdempotencyHeaders, ListQuery,
  NoQuery, OfficeCertificateParams, RevokeBody,
} from './certificates.schemas.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const PRIVATE = 'private, no-store';
const TAGS = ['area personale'];
const KINDS =
  'residence: certificato di residenza; family: certificato di stato di famiglia (tutti i componenti della scheda); ' +
  'registry: certificato anagrafico (nomi, sesso, nascita, codice fiscale, cittadinanza, stato civile, residenza).';

export async function certificatesRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.certificates;
  app.addSchema(CertificateSchema);

  app.post('/api/v1/me/certificates', {
    schema: {
      tags: TAGS, summary: 'Scarica un certificato anagrafico', operationId: 'issueMyCertificate',
      description:
        `Emette subito un certificato dall'anagrafe del Comune in cui risiedi, in PDF firmato digitalmente dall'ente (PAdES), con codice di verifica e codice QR. ${KINDS} ` +
        'Per te, oppure per un figlio minore di cui hai la responsabilità (subjectFiscalCode); per chiunque altro: 404. Se nessun Comune su Sportello ha la ' +
        "tua iscrizione anagrafica: 409. Emesso online, senza imposta di bollo né diritti di segreteria. La stessa Idempotency-Key restituisce lo stesso certificato.",
      headers: IdempotencyHeaders, body: CertificateRequest,
      response: { 201: Type.Ref('Certificate'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => {
    const r = await svc.issue(await actorOf(ctx, req), req.body, req.headers['idempotency-key']);
    return reply.code(r.status).header('cache-control', PRIVATE).send(r.body);
  });

  app.get('/api/v1/me/certificates', {
    schema: {
      tags: TAGS, summary: 'I miei certificati', operationId: 'listMyCertificates',
      description: 'I certificati che hai scaricato (per te e per i figli minori), dal più recente, a pagine (cursor): codice di verifica, data, stato (valido o revocato).',
      querystring: ListQuery, response: { 200: CertificatePageSchema, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.list(await actorOf(ctx, req), req.query)));

  app.get('/api/v1/me/certificates/:certificateId/file', {
    schema: {
      tags: TAGS, summary: 'Il PDF di un mio certificato', operationId: 'downloadMyCertificate',
      description: 'Il PDF firmato così come è stato emesso: gli stessi byte ogni volta (la sua impronta SHA-256 è quella mostrata dalla verifica).',
      params: CertificateParams, querystring: NoQuery,
      response: { 200: { description: 'il certificato in PDF', content: { 'application/pdf': { schema: Type.String({ format: 'binary', maxLength: 10_000_000 }) } } }, ...PROBLEMS },
    },
  }, async (req, reply) => sendDownload(reply, await svc.file(await actorOf(ctx, req), req.params.certificateId)));

  app.post('/api/v1/me/certificates/:certificateId/revoke', {
    schema: {
      tags: TAGS, summary: 'Revoca un mio certificato', operationId: 'revokeMyCertificate',
      description: "Revoca un certificato che hai scaricato (per esempio perché l'hai smarrito): da quel momento la verifica del codice dice che è revocato. " +
        'Non si annulla. Un certificato già revocato: 409.',
      params: CertificateParams, body: RevokeBody, response: { 200: Type.Ref('Certificate'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.revokeOwn(await actorOf(ctx, req), req.params.certificateId, req.body.reason)));

  app.post('/api/v1/certificates/:certificateId/revoke', {
    schema: {
      tags: ['anagrafe'], summary: "Revoca un certificato emesso dall'ente", operationId: 'revokeCertificate',
      description: "L'ente revoca un certificato che ha emesso, indicato con il suo id o con il codice di verifica stampato: amministratori dell'ente e " +
        "operatori dell'ufficio che tiene l'anagrafe. Il certificato di un altro ente: 404. La risposta non contiene i dati della persona. Registrata nel log di audit.",
      params: OfficeCertificateParams, body: RevokeBody, response: { 200: CertificateRevocationSchema, ...PROBLEMS, 409: Problem },
    },
  }, async (req) => svc.revokeByOffice(await actorOf(ctx, req), req.params.certificateId, req.body.reason));
}
