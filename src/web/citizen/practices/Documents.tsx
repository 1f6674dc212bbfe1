/**
 * Documents of an application: those the body issued (the receipt, the response) with their verification code,
 * and the attachments the citizen sent, with size and SHA-256 fingerprint (short, the full value on request).
 */
import { Icon as KitIcon } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AttachmentView, DocumentView } from '../../../contracts/applications';
import { documentKind, formatSize } from '../identityFormat';
import { formatDateTime, shortHash } from './format';

const attachmentUrl = (applicationId: string, attachmentId: string) =>
  `/api/v1/applications/${encodeURIComponent(applicationId)}/attachments/${encodeURIComponent(attachmentId)}`;

function Fingerprint({ sha256, label }: { sha256: string; label: string }) {
  const { t } = useTranslation();
  return (
    <details className="sp-doc-hash">
      <summary>
        {t('practices.documents.fingerprint')}: <span className="sp-code" title={sha256}>{shortHash(sha256)}</span>
        <span className="visually-hidden"> — {label}</span>
      </summary>
      <code>{sha256}</code>
    </details>
  );
}

export function IssuedDocuments({ documents, waitingReceipt }: { documents: DocumentView[]; waitingReceipt: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <>
      <h3 className="h4">{t('practices.documents.issuedTitle')}</h3>
      {documents.length === 0 ? (
        <p className="sp-empty-note">{waitingReceipt ? t('practices.documents.receiptComing') : t('practices.documents.noneIssued')}</p>
      ) : (
        <ul className="sp-doc-list">
          {documents.map((d) => (
            <li key={d.id} className="sp-doc">
              <div className="sp-doc-main">
                <p className="sp-doc-title" lang="it">
                  {d.title}
                </p>
                {d.summary && d.kind !== 'receipt' && (
                  <p className="sp-doc-summary" lang="it">
                    {d.summary}
                  </p>
                )}
                {d.protocol && (
                  <p className="sp-doc-meta">
                    {t('practices.documents.outgoingProtocol', { number: d.protocol.number, year: d.protocol.year })} · {t('practices.documents.signed')}
                  </p>
                )}
                <p className="sp-doc-meta">
                  {t(`practices.documents.kinds.${d.kind}`)} · {t('practices.documents.issuedAt', { date: formatDateTime(d.createdAt, lng) })}
                </p>
                <p className="sp-doc-meta">
                  {t('practices.documents.verificationCode')}: <span className="sp-code">{d.verificationCode}</span> ·{' '}
                  <Link to={`/verify/${encodeURIComponent(d.verificationCode)}`}>
                    {t('practices.documents.verify')}
                    <span className="visually-hidden"> — {d.title}</span>
                  </Link>
                </p>
                <Fingerprint sha256={d.sha256} label={d.title} />
              </div>
              <a href={d.href} download={d.fileName} className="sp-download">
                <KitIcon icon="it-download" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
                {t('practices.documents.download')}
                <span className="visually-hidden"> {d.title}</span> <span className="sp-file-meta">(PDF)</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function SentAttachments({ applicationId, attachments }: { applicationId: string; attachments: AttachmentView[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <>
      <h3 className="h4">{t('practices.documents.sentTitle')}</h3>
      {attachments.length === 0 ? (
        <p className="sp-empty-note">{t('practices.documents.noneSent')}</p>
      ) : (
        <ul className="sp-doc-list">
          {attachments.map((a) => (
            <li key={a.id} className="sp-doc">
              <div className="sp-doc-main">
                <p className="sp-doc-title">{a.fileName}</p>
                <p className="sp-doc-meta">
                  {documentKind(a.contentType)}, {formatSize(a.size, lng)} · {t('practices.documents.uploadedAt', { date: formatDateTime(a.uploadedAt, lng) })}
                </p>
                <Fingerprint sha256={a.sha256} label={a.fileName} />
              </div>
              <a href={attachmentUrl(applicationId, a.id)} download={a.fileName} className="sp-download">
                <KitIcon icon="it-download" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
                {t('practices.documents.download')}
                <span className="visually-hidden"> {a.fileName}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
