/**
 * The thread between citizen and office on an application ("filo diretto"): messages with attachments, read
 * markers each side sets for the other's messages when it opens the thread, and the offices' reply templates.
 *
 * Who may read or write a thread is who may see the application (ApplicationsService.withApplication: the citizen's
 * own and delegated applications, the offices with `application.handle`). A message from the office becomes the
 * citizen's notice (inbox and chosen channels: the notice says there is a message, never what it says) and a
 * webhook event; a message from the citizen notifies the responsible officer (or the office) in their inbox.
 * Both are written in the message's own transaction.
 */
import { sql, type Kysely } from 'kysely';
import type { ReplyTemplate, ThreadMessage } from '../../../contracts/messaging.ts';
import type { DB } from '../../db/schema.ts';
import { isCitizen, isStaff, requireAccess, type Actor, type StaffActor } from '../../platform/access.ts';
import { auditActor } from '../../platform/audit.ts';
import { Problem, badRequest, conflict, notFound, unauthorized } from '../../platform/errors.ts';
import { sha256Hex } from '../../platform/secrets.ts';
import { sniffDocumentType, type FileStorage } from '../../platform/storage.ts';
import type { UploadScreening } from '../../platform/virus-scan.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { ApplicationsService } from '../applications/applications.service.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import type { MessagingService } from './messaging.service.ts';
import { THREAD_LIMITS } from './thread.schemas.ts';
import { ThreadRepository, type MessageFileRow, type MessageRow } from './thread.repository.ts';

/** The application as withApplication hands it over. */
type ApplicationRow = Parameters<Parameters<ApplicationsService['withApplication']>[2]>[1];

export interface MessageFileInput {
  fileName: string;
  content: Buffer;
}

export interface NewMessageInput {
  body: string;
  files: MessageFileInput[];
  idempotencyKey?: string;
}

const MB = 1024 * 1024;
const KEY_RE = /^[A-Za-z0-9_.:-]{8,100}$/;
const ALLOWED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
const sizeText = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const cleanFileName = (name: string) => name.replace(/[\\/\u0000-\u001f]/g, '_').slice(-200) || 'allegato';

/** The text said to the citizen's own messages in their view, as the timeline does. */
const YOU = 'Tu';

export class ThreadService {
  constructor(
    readonly db: Kysely<DB>,
    readonly deps: { applications: ApplicationsService; messaging: MessagingService; workflow: WorkflowService; storage: FileStorage; uploadScreening: UploadScreening },
  ) {}

  /** The same service writing through an executor (an idempotent request's transaction). */
  withExecutor(db: Kysely<DB>): ThreadService {
    return new ThreadService(db, this.deps);
  }

  // ---- the thread -----------------------------------------------------------------------------------------

  /** The messages of an application, oldest first, as this reader may see them. */
  async list(actor: Actor | null, applicationId: string): Promise<{ items: ThreadMessage[] }> {
    return this.deps.applications.withApplication(actor, applicationId, async (_apps, row, trx) => {
      const repo = new ThreadRepository(trx);
      const [messages, files] = await Promise.all([repo.messages(applicationId), repo.files(applicationId)]);
      return { items: messages.map((m) => this.view(m, files.filter((f) => f.message_id === m.id), actor!, row)) };
    }, false, 'messages');
  }

  /**
   * The reader opened the thread: what the other side wrote is read from now on. The reader's own inbox notices
   * about this thread are read too (the citizen's "new message" notice, the operator's "the citizen wrote").
   */
  async markRead(actor: Actor | null, applicationId: string): Promise<void> {
    await this.deps.applications.withApplication(actor, applicationId, async (_apps, _row, trx) => {
      const repo = new ThreadRepository(trx);
      if (isCitizen(actor)) {
        await repo.markRead(applicationId, 'office');
        await trx.updateTable('notifications').set({ read_at: sql`now()` })
          .where('application_id', '=', applicationId).where('citizen_id', '=', actor.id).where('channel', '=', 'inbox')
          .where('kind', '=', 'thread_message').where('read_at', 'is', null).execute();
      } else {
        await repo.markRead(applicationId, 'citizen');
        const staff = actor as StaffActor;
        if (staff.kind === 'operator') {
          await trx.updateTable('notifications').set({ read_at: sql`now()` })
            .where('application_id', '=', applicationId).where('operator_id', '=', staff.id).where('channel', '=', 'inbox')
            .where('dedupe_key', 'like', `${applicationId}:message:%`).where('read_at', 'is', null).execute();
        }
      }
    });
  }

  /**
   * Writes a message (with its files) for the citizen or the office. With an Idempotency-Key, a retry of the same
   * message returns the one written first (created: false); the key used for another message is refused.
   */
  async post(actor: Actor | null, applicationId: string, input: NewMessageInput): Promise<{ created: boolean; message: ThreadMessage }> {
    if (!actor) throw unauthorized();
    const body = input.body.trim();
    this.checkBody(body);
    const key = input.idempotencyKey;
    if (key !== undefined && !KEY_RE.test(key)) {
      throw badRequest("L'intestazione Idempotency-Key deve avere da 8 a 100 caratteri tra lettere, cifre e _ . : - (invalid Idempotency-Key)");
    }
    // the antivirus before anything reads the files, and outside the transaction (a scan may take seconds)
    if (input.files.length <= THREAD_LIMITS.filesMax) {
      await this.deps.uploadScreening.check(input.files.map((f) => ({ name: f.fileName, content: f.content })),
        { actor: auditActor(actor), channel: 'message.attachment', field: 'files', target: `application:${applicationId}` });
    }
    const files = this.checkFiles(input.files);

    return this.deps.applications.withApplication(actor, applicationId, async (_apps, row, trx) => {
      // not sent yet: a draft, or one waiting for its payment before submission
      if (!row.submitted_at) {
        throw conflict("La domanda è ancora una bozza: potrai scrivere all'ufficio dopo averla inviata. (Send the application first.)");
      }
      const repo = new ThreadRepository(trx);
      const staff = isStaff(actor) ? actor : null;
      const citizenId = isCitizen(actor) ? actor.id : null;
      const operatorId = staff?.kind === 'operator' ? staff.id : null;
      if (key) {
        const first = await repo.byIdempotencyKey(applicationId, key);
        if (first) {
          const firstFiles = await repo.filesOf(first.id);
          const sameAuthor = (first.author_kind === 'citizen') === !staff && first.author_citizen_id === citizenId && first.author_operator_id === operatorId;
          const sameFiles = firstFiles.map((f) => f.sha256).sort().join() === files.map((f) => f.sha256).sort().join();
          if (!sameAuthor || first.body !== body || !sameFiles) {
            throw conflict('Questa Idempotency-Key è già stata usata per un altro messaggio: usane una nuova. (Key reused with another message.)');
          }
          return { created: false, message: this.view(first, firstFiles, actor!, row) };
        }
      }
      const messageId = await repo.insertMessage({
        tenantId: row.tenant_id, applicationId, author: staff ? 'office' : 'citizen', citizenId, operatorId,
        // the citizen sees the office, not the operator (the office knows the operator through author_operator_id)
        label: staff ? (row.office_name ?? row.tenant_name) : actor!.name,
        body, idempotencyKey: key ?? null,
      });
      for (const f of files) {
        // content-addressed: a rollback leaves an unreferenced copy, never a reference without its file
        await this.deps.storage.put(f.content);
        await repo.insertFile({ tenantId: row.tenant_id, applicationId, messageId, fileName: f.fileName, contentType: f.contentType, size: f.content.length, sha256: f.sha256 });
      }
      const eventKey = `${applicationId}:message:${messageId}`;
      await this.deps.messaging.publish(trx, {
        applicationId, tenantId: row.tenant_id, event: staff ? 'message_from_office' : 'message_from_citizen', key: eventKey, details: { messageId },
      });
      if (!staff) await this.tellTheOffice(trx, row, `${eventKey}:office`);
      const saved = (await repo.message(applicationId, messageId))!;
      return { created: true, message: this.view(saved, await repo.filesOf(messageId), actor!, row) };
    }, true);
  }

  /** A file of a message, for download by whoever may read the thread. */
  async file(actor: Actor | null, applicationId: string, messageId: string, fileId: string) {
    const found = await this.deps.applications.withApplication(actor, applicationId, (_apps, _row, trx) =>
      new ThreadRepository(trx).file(applicationId, messageId, fileId), false, 'attachment');
    if (!found) throw notFound("L'allegato del messaggio");
    return { fileName: found.file_name, contentType: found.content_type, content: await this.deps.storage.get(found.sha256) };
  }

  /**
   * The citizen wrote: the responsible officer (or, without one, the office's operators) finds it in their inbox.
   * The operators may belong to the body leading the service under associated management: looked up across bodies.
   */
  private async tellTheOffice(trx: Kysely<DB>, row: ApplicationRow, key: string) {
    await inScope(trx, { platform: true }, (t) => this.deps.workflow.notify(t, { ...row, office_email: null }, 'responsible', ['inbox'], {
      subject: `Nuovo messaggio dal cittadino: ${row.code}`,
      body: `Il cittadino ha scritto sulla pratica ${row.code} («${row.service_title}»). Apri la pratica nel banco di lavoro per leggere il messaggio e rispondere.`,
    }, key));
  }

  private checkBody(body: string) {
    if (!body) {
      throw badRequest('Il messaggio è vuoto: scrivi il testo prima di inviarlo. (The message is empty.)', [{ path: 'body', message: 'scrivi il testo del messaggio' }]);
    }
    if (body.length > THREAD_LIMITS.bodyMax) {
      throw badRequest(`Il messaggio è lungo ${body.length} caratteri: il massimo è ${THREAD_LIMITS.bodyMax}. Accorcialo o dividilo in più messaggi. (At most ${THREAD_LIMITS.bodyMax} characters.)`,
        [{ path: 'body', message: `al massimo ${THREAD_LIMITS.bodyMax} caratteri` }]);
    }
  }

  /** The checks of application attachments: real content type (PDF, JPEG, PNG), size per file and in all. */
  private checkFiles(files: MessageFileInput[]) {
    if (files.length > THREAD_LIMITS.filesMax) {
      throw badRequest(`Un messaggio porta al massimo ${THREAD_LIMITS.filesMax} file: togline qualcuno o mandali in un altro messaggio. (At most ${THREAD_LIMITS.filesMax} files.)`,
        [{ path: 'files', message: `al massimo ${THREAD_LIMITS.filesMax} file` }]);
    }
    const refuse = (status: number, title: string, detail: string) => new Problem(status, title, detail, [{ path: 'files', message: detail }]);
    let total = 0;
    const checked = files.map((f) => {
      const fileName = cleanFileName(f.fileName);
      if (f.content.length === 0) throw badRequest(`"${fileName}" è vuoto: scegli di nuovo il file. (Empty file.)`, [{ path: 'files', message: `"${fileName}" è vuoto` }]);
      if (f.content.length > THREAD_LIMITS.fileMaxMb * MB) {
        throw refuse(413, 'File troppo grande', `"${fileName}" pesa ${sizeText(f.content.length)}: ogni file può pesare al massimo ${THREAD_LIMITS.fileMaxMb} MB. Riducilo (per esempio scansionando a 150 dpi) e riprova. (File too large.)`);
      }
      const contentType = sniffDocumentType(f.content);
      if (!contentType || !(ALLOWED_TYPES as readonly string[]).includes(contentType)) {
        throw refuse(415, 'Tipo di file non ammesso', `"${fileName}" non è un file PDF, JPG o PNG valido: nei messaggi si allegano solo PDF, JPG o PNG. (File type not allowed.)`);
      }
      total += f.content.length;
      return { fileName, content: f.content, contentType, sha256: sha256Hex(f.content) };
    });
    if (total > THREAD_LIMITS.totalMaxMb * MB) {
      throw refuse(413, 'Allegati troppo grandi', `Gli allegati pesano ${sizeText(total)} in tutto: un messaggio ne porta al massimo ${THREAD_LIMITS.totalMaxMb} MB. (Total size exceeded.)`);
    }
    return checked;
  }

  private view(m: MessageRow, files: MessageFileRow[], actor: Actor, row: ApplicationRow): ThreadMessage {
    const citizenView = isCitizen(actor);
    const authorLabel = m.author_kind === 'office'
      ? (citizenView ? m.author_label : (m.operator_name ?? m.author_label))
      : citizenView && m.author_citizen_id === actor.id ? YOU : m.author_label;
    return {
      id: m.id, author: m.author_kind, authorLabel: authorLabel || (row.office_name ?? row.tenant_name), body: m.body,
      at: m.created_at.toISOString(), readAt: m.read_at ? new Date(m.read_at).toISOString() : null,
      attachments: files.map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, size: f.size })),
    };
  }

  // ---- reply templates ------------------------------------------------------------------------------------

  /** The body's ready answers, for everyone in its offices. */
  async replyTemplates(actor: Actor | null): Promise<{ items: ReplyTemplate[] }> {
    const staff = this.staffFor(actor, 'reply_templates.read');
    const rows = await inScope(this.db, { tenantId: staff.tenantId }, (trx) => new ThreadRepository(trx).replyTemplates(staff.tenantId));
    return { items: rows.map(templateView) };
  }

  async createReplyTemplate(actor: Actor | null, input: { title: string; body: string }): Promise<ReplyTemplate> {
    const staff = this.staffFor(actor, 'reply_templates.manage');
    const { title, body } = checkTemplate(input);
    return this.uniqueTitle(title, () => inScope(this.db, { tenantId: staff.tenantId }, async (trx) => {
      const repo = new ThreadRepository(trx);
      if (await repo.sameTitle(staff.tenantId, title)) throw titleTaken(title);
      return templateView(await repo.insertReplyTemplate(staff.tenantId, title, body));
    }));
  }

  async updateReplyTemplate(actor: Actor | null, templateId: string, input: { title: string; body: string }): Promise<ReplyTemplate> {
    const staff = this.staffFor(actor, 'reply_templates.manage');
    const { title, body } = checkTemplate(input);
    return this.uniqueTitle(title, () => inScope(this.db, { tenantId: staff.tenantId }, async (trx) => {
      const repo = new ThreadRepository(trx);
      if (!(await repo.replyTemplate(staff.tenantId, templateId))) throw notFound('La risposta predefinita');
      if (await repo.sameTitle(staff.tenantId, title, templateId)) throw titleTaken(title);
      return templateView((await repo.updateReplyTemplate(staff.tenantId, templateId, title, body))!);
    }));
  }

  async deleteReplyTemplate(actor: Actor | null, templateId: string): Promise<void> {
    const staff = this.staffFor(actor, 'reply_templates.manage');
    const deleted = await inScope(this.db, { tenantId: staff.tenantId }, (trx) => new ThreadRepository(trx).deleteReplyTemplate(staff.tenantId, templateId));
    if (!deleted) throw notFound('La risposta predefinita');
  }

  /** Reply templates are the operator's own body's: a citizen has none (403), another body's do not exist (404). */
  private staffFor(actor: Actor | null, action: 'reply_templates.read' | 'reply_templates.manage'): StaffActor {
    if (!isStaff(actor)) return requireAccess(actor, action) as never;
    return requireAccess(actor, action, { tenantId: actor.tenantId });
  }

  /** Two administrators saving the same title at once: the database's unique index has the last word. */
  private async uniqueTitle<T>(title: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw titleTaken(title);
      throw error;
    }
  }
}

function checkTemplate(input: { title: string; body: string }) {
  const title = input.title.trim();
  const body = input.body.trim();
  const problems: { path: string; message: string }[] = [];
  if (!title) problems.push({ path: 'title', message: 'scrivi un titolo (required)' });
  else if (title.length > 120) problems.push({ path: 'title', message: 'al massimo 120 caratteri (at most 120 characters)' });
  if (!body) problems.push({ path: 'body', message: 'scrivi il testo della risposta (required)' });
  else if (body.length > 5000) problems.push({ path: 'body', message: 'al massimo 5000 caratteri (at most 5000 characters)' });
  if (problems.length) throw badRequest(`La risposta predefinita non è stata salvata: ${problems.map((p) => p.message).join('; ')}.`, problems);
  return { title, body };
}

const titleTaken = (title: string) => new Problem(409, 'Titolo già usato',
  `Esiste già una risposta predefinita intitolata "${title}": scegli un altro titolo o modifica quella. (Title already used.)`,
  [{ path: 'title', message: 'esiste già una risposta con questo titolo (title already used)' }]);

const templateView = (r: { id: string; title: string; body: string; updated_at: Date }): ReplyTemplate => ({
  id: r.id, title: r.title, body: r.body, updatedAt: r.updated_at.toISOString(),
});
