/**
 * On the start page of a service with an online form: what the form asks (its steps and documents), the
 * application window when there is one, and "Compila la domanda" — or "Riprendi la bozza" when a draft for the
 * same person is open — which starts (or resumes) the draft and opens it. Part of the main bundle: it does not
 * load the form renderer.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ServiceForm } from '../../../contracts/forms';
import { applicationKeys, applicationsApi, useApplications } from '../../api/applications';
import { isApiError, newIdempotencyKey } from '../../api/client';
import type { CitizenMe } from '../../api/types';
import { Notice } from '../../ui/status';
import { messageIn } from '../identityFormat';

const pad = (n: number) => String(n).padStart(2, '0');
const when = (iso: string) => {
  const d = new Date(iso);
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export function StartOnlineForm({ serviceId, form, citizen }: { serviceId: string; form: ServiceForm; citizen: CitizenMe }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const drafts = useApplications({ serviceId, status: ['draft'] });
  const draft = drafts.data?.items.find((a) => a.subject.fiscalCode === citizen.actingFor.fiscalCode);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<{ text: string; loginUrl?: string } | null>(null);
  const key = useRef<string | null>(null);

  const now = Date.now();
  const win = form.window;
  const notYet = win ? now < Date.parse(win.opensAt) : false;
  const closed = win ? now > Date.parse(win.closesAt) : false;
  const outside = notYet || closed;

  const start = async () => {
    if (starting || outside) return;
    setStarting(true);
    setProblem(null);
    key.current ??= newIdempotencyKey();
    try {
      const application = await applicationsApi.start(serviceId, key.current);
      key.current = null;
      queryClient.setQueryData(applicationKeys.detail(application.id), application);
      navigate(`/pratiche/${application.id}/compila`);
    } catch (error) {
      if (isApiError(error) && error.status >= 400 && error.status < 500) key.current = null;
      const detail = isApiError(error) && error.problem?.detail ? messageIn(error.problem.detail, i18n.language) : undefined;
      if (isApiError(error, 401)) {
        const loginUrl = (error.problem as { loginUrl?: string } | null)?.loginUrl;
        setProblem({ text: detail ?? t('application.start.signInAgain'), loginUrl });
      } else if (isApiError(error, 409) || isApiError(error, 403)) {
        setProblem({ text: detail ?? t('application.start.refused') });
      } else {
        setProblem({ text: t('application.start.failed') });
      }
    } finally {
      setStarting(false);
    }
  };

  const documents = form.attachments;
  return (
    <>
      <p>{t('application.start.intro', { count: form.steps.length })}</p>
      <ol className="mb-3">
        {form.steps.map((s) => (
          <li key={s.id}>{s.title}</li>
        ))}
      </ol>
      {documents.length > 0 && (
        <>
          <p className="mb-1">{t('application.start.documents')}</p>
          <ul className="mb-3">
            {documents.map((d) => (
              <li key={d.id}>
                {d.title}{' '}
                <span className="small-sp">
                  ({d.required ? t('application.attachments.required') : d.requiredWhen ? t('application.start.whenNeeded') : t('application.attachments.optional')})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>{t('application.start.autosave')}</p>

      {win && (
        <Notice tone={outside ? 'warning' : 'info'} role="note">
          <p className="mb-0">
            {notYet
              ? t('application.start.windowNotYet', { opens: when(win.opensAt), closes: when(win.closesAt) })
              : closed
                ? t('application.start.windowClosed', { closes: when(win.closesAt) })
                : t('application.start.windowOpen', { closes: when(win.closesAt) })}
          </p>
        </Notice>
      )}

      {problem && (
        <Notice tone="danger" role="alert">
          <p className="mb-0">{problem.text}</p>
          {problem.loginUrl && (
            <a className="btn btn-primary btn-sm mt-2" href={problem.loginUrl}>
              {t('application.start.signInButton')}
            </a>
          )}
        </Notice>
      )}

      {draft && <p className="mb-2">{t('application.start.draftFound', { date: when(draft.updatedAt) })}</p>}
      <button
        type="button"
        className="btn btn-primary sp-cta"
        onClick={() => void start()}
        disabled={outside || starting}
      >
        {starting ? t('application.start.opening') : draft ? t('application.start.resume') : t('application.start.begin')}
      </button>
    </>
  );
}
