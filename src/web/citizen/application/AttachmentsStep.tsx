/**
 * "Allegati": for each document the service asks, what it is, whether it is needed with the answers given, the
 * allowed types and sizes in words, a file input with a visible label that uploads at once (with its progress),
 * and the files already uploaded, each removable. The browser checks type, size and counts first with the same
 * limits; the server decides, and a refusal (413, 415, 409) is shown next to that document with the server's
 * words — nothing else changes. (An upload moves the draft's revision: the next save of the answers notices it
 * and saves again, see useDraft.)
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, AttachmentView } from '../../../contracts/applications';
import type { AttachmentRequirement, ServiceForm } from '../../../contracts/forms';
import { applicationKeys, applicationsApi } from '../../api/applications';
import { isApiError } from '../../api/client';
import { formatSize, messageIn } from '../identityFormat';
import { acceptAttribute, fileType, isRequirementDue, limitsInWords, listInWords, typeName, type JsonObject } from './formModel';
import { uploadWithProgress } from './upload';

const MB = 1024 * 1024;

interface Props {
  application: ApplicationDetail;
  form: ServiceForm;
  data: JsonObject;
  /** messages from a refused submission, by requirement id */
  missing: Record<string, string>;
  /** told after an upload or a removal (which move the draft's revision) */
  onRevision?: () => void;
}

export function AttachmentsStep({ application, form, data, missing, onRevision }: Props) {
  const { t } = useTranslation();
  const attachments = application.attachments ?? [];
  const totalFiles = attachments.length;
  const totalBytes = attachments.reduce((sum, a) => sum + a.size, 0);
  return (
    <div className="sp-attachments">
      <p>{t('application.attachments.intro')}</p>
      <p className="sp-hint">{t('application.attachments.overall', { count: form.limits.maxFiles, size: form.limits.maxTotalMb })}</p>
      {form.attachments.map((requirement) => (
        <Requirement
          key={requirement.id}
          application={application}
          requirement={requirement}
          due={isRequirementDue(requirement, data)}
          files={attachments.filter((a) => a.requirementId === requirement.id)}
          overall={{ files: totalFiles, bytes: totalBytes, ...form.limits }}
          missing={missing[requirement.id]}
          onRevision={onRevision}
        />
      ))}
    </div>
  );
}

interface RequirementProps {
  application: ApplicationDetail;
  requirement: AttachmentRequirement;
  due: boolean;
  files: AttachmentView[];
  overall: { files: number; bytes: number; maxFiles: number; maxTotalMb: number };
  missing?: string;
  onRevision?: () => void;
}

interface Uploading {
  key: string;
  name: string;
  progress: number;
}

function Requirement({ application, requirement, due, files, overall, missing, onRevision }: RequirementProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const baseId = `allegato-${requirement.id}`;
  const inputId = baseId;
  const limitsId = `${baseId}-limiti`;
  const errorId = `${baseId}-errore`;
  const room = requirement.maxFiles - files.length - uploading.length;
  const shownError = error ?? (files.length === 0 && due ? missing : undefined) ?? null;

  const setAttachments = (update: (list: AttachmentView[]) => AttachmentView[]) =>
    queryClient.setQueryData(applicationKeys.detail(application.id), (old: ApplicationDetail | undefined) =>
      old ? { ...old, attachments: update(old.attachments ?? []) } : old,
    );

  /** The same limits as the server, in the browser first: a message and nothing sent. */
  const refusal = (file: File, already: number, alreadyBytes: number, overallFiles: number): string | null => {
    const type = fileType(file);
    if (!(requirement.types as string[]).includes(type)) {
      return t('application.attachments.errors.type', { name: file.name, types: listInWords(requirement.types.map(typeName), t) });
    }
    if (file.size === 0) return t('application.attachments.errors.empty', { name: file.name });
    if (file.size > requirement.maxSizeMb * MB) {
      return t('application.attachments.errors.size', { name: file.name, size: formatSize(file.size, lng), max: requirement.maxSizeMb });
    }
    if (already >= requirement.maxFiles) return t('application.attachments.errors.count', { count: requirement.maxFiles });
    if (overallFiles >= overall.maxFiles) return t('application.attachments.errors.totalCount', { count: overall.maxFiles });
    if (alreadyBytes + file.size > overall.maxTotalMb * MB) return t('application.attachments.errors.totalSize', { max: overall.maxTotalMb });
    return null;
  };

  const serverMessage = (err: unknown, name: string): string => {
    // the server's own words (they name the file and say what to do), in the reader's language
    if (isApiError(err) && err.problem && (err.problem.detail || err.problem.title)) return messageIn(err.problem.detail || err.problem.title!, lng);
    if (isApiError(err, 413)) return t('application.attachments.errors.size', { name, size: '', max: requirement.maxSizeMb });
    if (isApiError(err, 0)) return t('application.attachments.errors.network', { name });
    return t('application.attachments.errors.failed', { name });
  };

  const choose = async (list: FileList | null) => {
    const chosen = list ? Array.from(list) : [];
    if (input.current) input.current.value = '';
    if (!chosen.length) return;
    setError(null);
    setNotice(null);
    let count = files.length;
    let bytes = overall.bytes;
    let overallFiles = overall.files;
    const uploaded: string[] = [];
    for (const file of chosen) {
      const refused = refusal(file, count, bytes, overallFiles);
      if (refused) {
        setError(refused);
        break;
      }
      const key = `${file.name}-${Math.random().toString(36).slice(2)}`;
      setUploading((u) => [...u, { key, name: file.name, progress: 0 }]);
      try {
        const view = await uploadWithProgress(application.id, requirement.id, file, (p) =>
          setUploading((u) => u.map((x) => (x.key === key ? { ...x, progress: p } : x))),
        );
        setAttachments((old) => [...old.filter((a) => a.id !== view.id), view]);
        uploaded.push(file.name);
        count += 1;
        overallFiles += 1;
        bytes += file.size;
        onRevision?.();
      } catch (err) {
        setError(serverMessage(err, file.name));
        break;
      } finally {
        setUploading((u) => u.filter((x) => x.key !== key));
      }
    }
    if (uploaded.length) setNotice(t('application.attachments.uploaded', { names: uploaded.join(', '), count: uploaded.length }));
  };

  const remove = async (attachment: AttachmentView) => {
    setRemoving(attachment.id);
    setError(null);
    setNotice(null);
    try {
      await applicationsApi.removeAttachment(application.id, attachment.id);
      setAttachments((old) => old.filter((a) => a.id !== attachment.id));
      setNotice(t('application.attachments.removed', { name: attachment.fileName }));
      onRevision?.();
      // the focus goes back to the file input, which is there again if the list was full
      setTimeout(() => input.current?.focus(), 0);
    } catch (err) {
      setError(isApiError(err) && err.problem?.detail ? messageIn(err.problem.detail, lng) : t('application.attachments.errors.removeFailed', { name: attachment.fileName }));
    } finally {
      setRemoving(null);
    }
  };

  return (
    <section className={`sp-attachment${shownError ? ' is-invalid' : ''}`} aria-labelledby={`${baseId}-titolo`}>
      <h3 className="h5 sp-attachment-title" id={`${baseId}-titolo`}>
        {requirement.title}{' '}
        <span className={`sp-attachment-need${due ? ' is-required' : ''}`}>
          {due ? t('application.attachments.required') : t('application.attachments.optional')}
        </span>
      </h3>
      {requirement.description && <p className="mb-2">{requirement.description}</p>}
      <p className="sp-hint mb-2" id={limitsId}>
        {limitsInWords(requirement, t)}
      </p>

      {files.length > 0 && (
        <ul className="sp-file-list" aria-label={t('application.attachments.listLabel', { title: requirement.title })}>
          {files.map((f) => (
            <li key={f.id} className="sp-file">
              <span className="sp-file-name">
                <svg className="sp-file-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                  <path d="M6 2h8l6 6v14H6V2Zm7 1.5V9h5.5L13 3.5Z" />
                </svg>
                {f.fileName} <span className="sp-file-meta">({typeName(f.contentType)}, {formatSize(f.size, lng)})</span>
              </span>
              <button type="button" className="btn btn-link sp-file-remove" onClick={() => void remove(f)} disabled={removing === f.id}>
                {removing === f.id ? t('application.attachments.removing') : t('application.attachments.remove')}
                <span className="visually-hidden"> {f.fileName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      {uploading.map((u) => (
        <div key={u.key} className="sp-upload-progress">
          <label htmlFor={`${u.key}-p`}>{t('application.attachments.uploading', { name: u.name })}</label>
          <progress id={`${u.key}-p`} max={1} value={u.progress}>
            {Math.round(u.progress * 100)}%
          </progress>
        </div>
      ))}

      {room > 0 ? (
        <div className="sp-field sp-plain-field sp-upload-field">
          <label htmlFor={inputId}>
            {files.length === 0 ? t('application.attachments.choose', { title: requirement.title }) : t('application.attachments.chooseAnother', { title: requirement.title })}
          </label>
          <input
            ref={input}
            id={inputId}
            type="file"
            className={`form-control${shownError ? ' is-invalid' : ''}`}
            accept={acceptAttribute(requirement.types)}
            multiple={room > 1}
            aria-describedby={shownError ? `${limitsId} ${errorId}` : limitsId}
            aria-invalid={shownError ? true : undefined}
            disabled={uploading.length > 0}
            onChange={(e) => void choose(e.target.files)}
          />
        </div>
      ) : (
        <p className="sp-hint">
          {t('application.attachments.full', { count: requirement.maxFiles })}
        </p>
      )}
      <div aria-live="polite" className="sp-attachment-live">
        {shownError && (
          <p id={errorId} className="sp-field-error sp-attachment-error">
            {shownError}
          </p>
        )}
        {notice && !shownError && <p className="sp-attachment-ok">{notice}</p>}
      </div>
    </section>
  );
}
