import type { FastifyReply } from 'fastify';

/**
 * Sends a stored file as a download. The name may hold any letter: the plain `filename` parameter gets an ASCII
 * stand-in, `filename*` the real name (RFC 6266). Personal files are never kept by shared caches.
 */
export function sendDownload(reply: FastifyReply, file: { fileName: string; contentType: string; content: Buffer }) {
  const ascii = file.fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply.type(file.contentType).header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.content);
}
