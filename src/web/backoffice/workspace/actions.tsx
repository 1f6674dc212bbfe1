/**
 * Doing something on an application: the call with the revision the operator saw (If-Match), the page brought up
 * to date on success, and the alert shown next to the form on failure — the server's words, the fields it names,
 * and for a colleague's change meanwhile (412) a reload button that keeps what was typed.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../contracts/applications';
import { Notice } from '../../ui/status';
import { workspaceKeys } from './api';
import { actionFailure, checklistItemOf, type ActionFailure } from './model';

/** After any change: the application from the answer, then the timeline, the lists and the counts afresh. */
export function useApplicationChanged() {
  const queryClient = useQueryClient();
  return (updated: ApplicationDetail | null, id: string) => {
    if (updated) queryClient.setQueryData(workspaceKeys.detail(id), updated);
    void queryClient.invalidateQueries({ queryKey: workspaceKeys.history(id) });
    void queryClient.invalidateQueries({ queryKey: ['applications', 'list'] });
    void queryClient.invalidateQueries({ queryKey: workspaceKeys.counts });
  };
}

/** Reloads the application and its timeline (after a 412), leaving every form as it is. */
export function useReloadApplication(id: string) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.refetchQueries({ queryKey: workspaceKeys.detail(id) }),
      queryClient.refetchQueries({ queryKey: workspaceKeys.history(id) }),
    ]);
  };
}

/**
 * A mutation on one application whose failure becomes an ActionFailure. `run` gets the current revision from the
 * caller, so a retry after a reload sends the new one.
 */
export function useStaffAction<V>(a: ApplicationDetail, run: (vars: V) => Promise<ApplicationDetail | null>, onSuccess?: (updated: ApplicationDetail | null, vars: V) => void) {
  const changed = useApplicationChanged();
  const { i18n } = useTranslation();
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: (updated, vars) => {
      changed(updated, a.id);
      onSuccess?.(updated, vars);
    },
  });
  const failure = useFailure(mutation.error, i18n.language);
  return { ...mutation, failure };
}

/** The failure of a mutation, the same object for the same error (the alert takes the focus once per failure). */
export function useFailure(error: unknown, lng: string): ActionFailure | null {
  return useMemo(() => (error ? actionFailure(error, lng) : null), [error, lng]);
}

interface ActionAlertProps {
  failure: ActionFailure | null;
  applicationId: string;
  /** checklist items, to link a problem naming one to its box */
  checklist?: { id: string; label: string }[];
  onReloaded?: () => void;
}

/** The alert next to a form after a failed action; takes the focus when it appears. */
export function ActionAlert({ failure, applicationId, checklist = [], onReloaded }: ActionAlertProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const reload = useReloadApplication(applicationId);
  const reloading = useRef(false);

  useEffect(() => {
    if (failure) ref.current?.focus();
  }, [failure]);

  if (!failure) return null;

  if (failure.kind === 'stale') {
    return (
      <Notice tone="warning" role="alert" focusRef={ref} className="sp-ws-alert">
        <p className="mb-2">{t('workspace.action.stale')}</p>
        <p className="mb-2 small">{t('workspace.action.staleKept')}</p>
        <Button
          type="button"
          color="primary"
          size="sm"
          onClick={async () => {
            if (reloading.current) return;
            reloading.current = true;
            try {
              await reload();
              onReloaded?.();
            } finally {
              reloading.current = false;
            }
          }}
        >
          {t('workspace.action.reload')}
        </Button>
      </Notice>
    );
  }

  const heading =
    failure.kind === 'network'
      ? t('workspace.action.network')
      : failure.status === 403
        ? t('workspace.action.forbidden')
        : failure.status === 409
          ? t('workspace.action.notNow')
          : t('workspace.action.failed');
  return (
    <Notice tone="danger" role="alert" focusRef={ref} className="sp-ws-alert">
      <p className="fw-semibold mb-1">{heading}</p>
      {failure.detail && <p className="mb-1">{failure.detail}</p>}
      {failure.items.length > 0 && (
        <ul className="mb-0">
          {failure.items.map((item, i) => {
            const itemId = checklistItemOf(item.path, checklist);
            const label = itemId ? checklist.find((c) => c.id === itemId)?.label : null;
            return (
              <li key={`${item.path}-${i}`}>
                {itemId ? (
                  <a
                    href={`#checklist-${itemId}`}
                    onClick={(e) => {
                      e.preventDefault();
                      const box = document.getElementById(`checklist-${itemId}`);
                      box?.scrollIntoView({ block: 'center' });
                      box?.focus();
                    }}
                  >
                    {label ? `${label}: ${item.message}` : item.message}
                  </a>
                ) : (
                  item.message
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Notice>
  );
}
