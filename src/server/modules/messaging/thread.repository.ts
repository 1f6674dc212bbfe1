/**
 * Queries of the thread and of reply templates. Which rows a unit of work sees is decided by its scope
 * (row-level security): the citizen's applications, or one body's.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ApplicationMessageFilesTable, ApplicationMessagesTable, DB } from '../../db/schema.ts';

export type MessageRow = Selectable<ApplicationMessagesTable> & { operator_name: string | null };
export type MessageFileRow = Selectable<ApplicationMessageFilesTable>;

export class ThreadRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Oldest first; the operator's name is joined for the office's own view. */
  messages(applicationId: string): Promise<MessageRow[]> {
    return this.db.selectFrom('application_messages as m')
      .leftJoin('operators as o', 'o.id', 'm.author_operator_id')
      .selectAll('m').select('o.name as operator_name')
      .where('m.application_id', '=', applicationId)
      .orderBy('m.created_at').orderBy('m.id').execute();
  }

  message(applicationId: string, messageId: string): Promise<MessageRow | undefined> {
    return this.db.selectFrom('application_messages as m')
      .leftJoin('operators as o', 'o.id', 'm.author_operator_id')
      .selectAll('m').select('o.name as operator_name')
      .where('m.application_id', '=', applicationId).where('m.id', '=', messageId).executeTakeFirst();
  }

  byIdempotencyKey(applicationId: string, key: string): Promise<MessageRow | undefined> {
    return this.db.selectFrom('application_messages as m')
      .leftJoin('operators as o', 'o.id', 'm.author_operator_id')
      .selectAll('m').select('o.name as operator_name')
      .where('m.application_id', '=', applicationId).where('m.idempotency_key', '=', key).executeTakeFirst();
  }

  files(applicationId: string): Promise<MessageFileRow[]> {
    return this.db.selectFrom('application_message_files').selectAll()
      .where('application_id', '=', applicationId).orderBy('id').execute();
  }

  filesOf(messageId: string): Promise<MessageFileRow[]> {
    return this.db.selectFrom('application_message_files').selectAll().where('message_id', '=', messageId).execute();
  }

  file(applicationId: string, messageId: string, fileId: string): Promise<MessageFileRow | undefined> {
    return this.db.selectFrom('application_message_files').selectAll()
      .where('application_id', '=', applicationId).where('message_id', '=', messageId).where('id', '=', fileId).executeTakeFirst();
  }

  async insertMessage(values: {
    tenantId: string; applicationId: string; author: 'citizen' | 'office'; citizenId: string | null; operatorId: string | null;
    label: string; body: string; idempotencyKey: string | null;
  }): Promise<string> {
    const row = await this.db.insertInto('application_messages').values({
      tenant_id: values.tenantId, application_id: values.applicationId, author_kind: values.author, author_citizen_id: values.citizenId,
      author_operator_id: values.operatorId, author_label: values.label, body: values.body, idempotency_key: values.idempotencyKey,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async insertFile(values: { tenantId: string; applicationId: string; messageId: string; fileName: string; contentType: string; size: number; sha256: string }) {
    await this.db.insertInto('application_message_files').values({
      tenant_id: values.tenantId, application_id: values.applicationId, message_id: values.messageId, file_name: values.fileName,
      content_type: values.contentType, size: values.size, sha256: values.sha256,
    }).execute();
  }

  /** Marks as read what the other side wrote and nobody has read yet; returns how many. */
  async markRead(applicationId: string, writtenBy: 'citizen' | 'office'): Promise<number> {
    const r = await this.db.updateTable('application_messages').set({ read_at: sql`now()` })
      .where('application_id', '=', applicationId).where('author_kind', '=', writtenBy).where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  // ---- reply templates ------------------------------------------------------------------------------------

  replyTemplates(tenantId: string) {
    return this.db.selectFrom('reply_templates').selectAll().where('tenant_id', '=', tenantId).orderBy('title').execute();
  }

  replyTemplate(tenantId: string, id: string) {
    return this.db.selectFrom('reply_templates').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  /** Another template of the body with the same title, whatever the letters' case. */
  sameTitle(tenantId: string, title: string, exceptId?: string) {
    let q = this.db.selectFrom('reply_templates').select('id').where('tenant_id', '=', tenantId)
      .where(sql<boolean>`lower(title) = lower(${title})`);
    if (exceptId) q = q.where('id', '<>', exceptId);
    return q.executeTakeFirst();
  }

  insertReplyTemplate(tenantId: string, title: string, body: string) {
    return this.db.insertInto('reply_templates').values({ tenant_id: tenantId, title, body }).returningAll().executeTakeFirstOrThrow();
  }

  updateReplyTemplate(tenantId: string, id: string, title: string, body: string) {
    return this.db.updateTable('reply_templates').set({ title, body, updated_at: sql`now()` })
      .where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirst();
  }

  async deleteReplyTemplate(tenantId: string, id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('reply_templates').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
