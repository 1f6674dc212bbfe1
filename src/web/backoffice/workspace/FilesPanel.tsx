/**
 * "Allegati" (what the citizen sent, under the document of the form each one answers) and "Documenti" (what the
 * body issued: the receipt, notices and the response, with the outgoing protocol and the one-line summary).
 * Every file is a plain download link: the browser sends the session cookie.
 */
import { Icon as KitIcon } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, AttachmentView } from '../../../contracts/applications';
import type { ServiceForm } from '../../../contracts/forms';
import { documentKind, formatSize } from '../../citizen/identityFormat';
import { formatDateTime, shortHash } from '../../citizen/practices/format';

const attachmentUrl = (applicationId: string, attachmentId: string) =>
  `/api/v1/applications/${encodeURIComponent(applicationId)}/attachments/${encodeURIComponent(attachmentId)}`;

export function AttachmentsPanel({ a, form }: { a: ApplicationDetail; form: ServiceForm | undefined }) {
  const { t } = useTranslation();
  if (a.attachments.length === 0) return <p className="sp-ws-hint">{t('workspace.files.noAttachments')}</p>;
  // in the form's order, then anything answering a requirement the form no longer names
  const requirements = form?.attachments ?? [];
  const groups: { id: string; title: string; files: AttachmentView[] }[] = requirements
    .map((r) => ({ id: r.id, title: r.title, files: a.attachments.filter((x) => x.requirementId === r.id) }))
    .filter((g) => g.files.length > 0);
  const known = new Set(requirements.map((r) => r.id));
  const others = a.attachments.filter((x) => !known.has(x.requirementId));
  if (others.length) groups.push({ id: '_', title: t('workspace.files.otherAttachments'), files: others });
  return (
    <ul className="sp-ws-filegroups">
      {groups.map((g) => (
        <li key={g.id}>
          <p className="sp-ws-filegroup-title" lang="it">
            {g.title}
          </p>
          <ul className="sp-doc-list">
            {g.files.map((f) => (
              <AttachmentRow key={f.id} applicationId={a.id} file={f} />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function AttachmentRow({ applicationId, file }: { applicationId: string; file: AttachmentView }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <li className="sp-doc">
      <div className="sp-doc-main">
        <p className="sp-doc-title">{file.fileName}</p>
        <p className="sp-doc-meta">
          {documentKind(file.contentType)}, {formatSize(file.size, lng)} · {t('workspace.files.uploadedAt', { date: formatDateTime(file.uploadedAt, lng) })}
        </p>
        <p className="sp-doc-meta">
          {t('workspace.files.fingerprint')}: <span className="sp-code" title={file.sha256}>{shortHash(file.sha256)}</span>
        </p>
      </div>
      <a href={attachmentUrl(applicationId, file.id)} download={file.fileName} className="sp-download">
        <KitIcon icon="it-download" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
        {t('workspace.files.download')}
        <span className="visually-hidden"> {file.fileName}</span>
      </a>
    </li>
  );
}

export function DocumentsPanel({ a }: { a: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  if (a.documents.length === 0) {
    return <p className="sp-ws-hint">{a.status === 'submitted' ? t('workspace.files.receiptComing') : t('workspace.files.noDocuments')}</p>;
  }
  return (
    <ul className="sp-doc-list">
      {a.documents.map((d) => (
        <li key={d.id} className="sp-doc">
          <div className="sp-doc-main">
            <p className="sp-doc-title" lang="it">
              {d.title}
            </p>
            <p className="sp-doc-meta">
              {t(`workspace.files.kinds.${d.kind}`)} · {t('workspace.files.issuedAt', { date: formatDateTime(d.createdAt, lng) })}
              {d.protocol && <> · {t('workspace.files.protocol', { number: d.protocol.number, year: d.protocol.year })}</>}
            </p>
            {d.summary && (
              <p className="sp-doc-meta" lang="it">
                {d.summary}
              </p>
            )}
            <p className="sp-doc-meta">
              {t('workspace.files.verificationCode')}: <span className="sp-code">{d.verificationCode}</span>
            </p>
          </div>
          <a href={d.href} download={d.fileName} className="sp-download">
            <KitIcon icon="it-download" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
            {t('workspace.files.download')}
            <span className="visually-hidden"> {d.title}</span> <span className="sp-file-meta">(PDF)</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

