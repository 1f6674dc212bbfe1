/**
 * The draft as the page edits it: the answers live here first (nothing typed is ever lost), and are saved to the
 * server step by step — 1.5 s after the person stops typing, and at once when they change step. Each save sends
 * the revision it started from; when another device saved meanwhile (412) the page looks at the server's draft:
 * if only the revision moved (an upload, say) it saves again, otherwise it loads the other device's answers and
 * says so, keeping this device's answers at hand to put back.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApplicationDetail } from '../../../contracts/applications';
import { isApiError } from '../../api/client';
import { applicationKeys, applicationsApi } from '../../api/applications';
import { sameData, type JsonObject } from './formModel';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; retryInMs: number | null }
  /** the session ended (idle too long): the answers wait in this tab until the person signs in again */
  | { kind: 'signedOut' }
  | { kind: 'closed' };

export interface Conflict {
  /** this device's answers that were replaced, by step */
  mine: JsonObject;
}

const DEBOUNCE_MS = 1500;

/**
 * Answers not yet saved are also kept in this tab's sessionStorage (gone when the tab closes, never shared with
 * other tabs or people), so that signing in again after the session expired, or a reload, loses nothing.
 */
const backupKey = (id: string) => `sportello.bozza.${id}`;
function readBackup(id: string): JsonObject | null {
  try {
    const raw = window.sessionStorage.getItem(backupKey(id));
    const parsed = raw ? (JSON.parse(raw) as unknown) : null;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JsonObject) : null;
  } catch {
    return null;
  }
}
function writeBackup(id: string, steps: JsonObject | null) {
  try {
    if (steps && Object.keys(steps).length) window.sessionStorage.setItem(backupKey(id), JSON.stringify(steps));
    else window.sessionStorage.removeItem(backupKey(id));
  } catch {
    // storage full or disabled: the answers stay on the page
  }
}

export function useDraft(initial: ApplicationDetail) {
  const queryClient = useQueryClient();
  const id = initial.id;
  // answers this tab had not managed to save (a session that expired, a reload during a failure): back on the page
  const [recovered] = useState<JsonObject | null>(() => {
    const backup = readBackup(initial.id);
    if (!backup) return null;
    const differs = Object.entries(backup).filter(([step, value]) => !sameData(value, initial.data?.[step]));
    return differs.length ? Object.fromEntries(differs) : (writeBackup(initial.id, null), null);
  });
  const [data, setData] = useState<JsonObject>(() => ({ ...(initial.data ?? {}), ...(recovered ?? {}) }));
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const dataRef = useRef<JsonObject>(data);
  const baseRef = useRef<JsonObject>({ ...(initial.data ?? {}) });
  const revisionRef = useRef<number>(initial.revision);
  const dirty = useRef(new Set<string>(Object.keys(recovered ?? {})));
  const savedStep = useRef<string | null>(initial.currentStep);
  const wantedStep = useRef<string | null>(initial.currentStep);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const failures = useRef(0);
  const mounted = useRef(true);
  const statusRef = useRef<SaveStatus['kind']>('idle');
  statusRef.current = status.kind;

  useEffect(() => {
    mounted.current = true;
    if (recovered) void flush();
    return () => {
      mounted.current = false;
      if (timer.current) clearTimeout(timer.current);
      if (retryTimer.current) clearTimeout(retryTimer.current);
    };
  }, []);

  const publish = (next: JsonObject) => {
    dataRef.current = next;
    if (mounted.current) setData(next);
  };

  const pending = () => dirty.current.size > 0 || wantedStep.current !== savedStep.current;
  const unsaved = (): JsonObject => Object.fromEntries([...dirty.current].map((s) => [s, dataRef.current[s]]));

  /** One save of everything not yet saved; resolves true when the server has it all. */
  const saveOnce = useCallback(async (): Promise<boolean> => {
    if (!pending()) return true;
    const steps = [...dirty.current];
    const patch: { data?: JsonObject; currentStep?: string } = {};
    if (steps.length) patch.data = Object.fromEntries(steps.map((s) => [s, dataRef.current[s] ?? {}]));
    const step = wantedStep.current;
    if (step && step !== savedStep.current) patch.currentStep = step;
    dirty.current.clear();
    if (mounted.current) setStatus({ kind: 'saving' });
    try {
      const saved = await applicationsApi.save(id, patch, revisionRef.current);
      revisionRef.current = saved.revision;
      baseRef.current = { ...baseRef.current, ...saved.data };
      savedStep.current = step ?? savedStep.current;
      failures.current = 0;
      queryClient.setQueryData(applicationKeys.detail(id), (old: ApplicationDetail | undefined) =>
        old ? { ...saved, attachments: saved.attachments ?? old.attachments } : saved,
      );
      if (mounted.current) setStatus(pending() ? { kind: 'saving' } : { kind: 'saved', at: new Date() });
      writeBackup(id, pending() ? unsaved() : null);
      return true;
    } catch (error) {
      for (const s of steps) dirty.current.add(s);
      writeBackup(id, unsaved());
      if (isApiError(error, 412)) return resolveConflict(steps);
      // no session any more (idle too long, signed out elsewhere): 401, or 403 from the CSRF check without one
      if (isApiError(error, 401) || isApiError(error, 403)) {
        if (mounted.current) setStatus({ kind: 'signedOut' });
        return false;
      }
      if (isApiError(error, 409) || isApiError(error, 404)) {
        // no longer a draft (sent from another device, or withdrawn): nothing more to save here
        if (mounted.current) setStatus({ kind: 'closed' });
        return false;
      }
      failures.current += 1;
      const retryInMs = Math.min(30_000, 2_000 * 2 ** Math.min(failures.current - 1, 4));
      if (mounted.current) setStatus({ kind: 'error', retryInMs });
      if (retryTimer.current) clearTimeout(retryTimer.current);
      retryTimer.current = setTimeout(() => void flush(), retryInMs);
      return false;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, queryClient]);

  /** Another device saved: the same answers → save again on its revision; different answers → load them, keep ours. */
  const resolveConflict = async (steps: string[]): Promise<boolean> => {
    let fresh: ApplicationDetail;
    try {
      fresh = await applicationsApi.get(id);
    } catch {
      if (mounted.current) setStatus({ kind: 'error', retryInMs: null });
      return false;
    }
    if (fresh.status !== 'draft') {
      if (mounted.current) setStatus({ kind: 'closed' });
      return false;
    }
    revisionRef.current = fresh.revision;
    queryClient.setQueryData(applicationKeys.detail(id), fresh);
    if (sameData(fresh.data ?? {}, baseRef.current)) {
      // only the revision moved (e.g. a document uploaded): our save still applies
      return saveOnce();
    }
    const mine: JsonObject = {};
    for (const s of steps) mine[s] = dataRef.current[s];
    baseRef.current = { ...(fresh.data ?? {}) };
    dirty.current.clear();
    writeBackup(id, null);
    // the other device's answers win; the step we are on stays
    publish({ ...(fresh.data ?? {}) });
    savedStep.current = fresh.currentStep;
    if (mounted.current) {
      setConflict({ mine });
      setStatus({ kind: 'saved', at: new Date() });
    }
    if (wantedStep.current !== savedStep.current) return saveOnce();
    return true;
  };

  /** Saves now (waiting for a save already under way), until nothing is left or a save fails. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (retryTimer.current) {
      clearTimeout(retryTimer.current);
      retryTimer.current = null;
    }
    for (let i = 0; i < 5; i++) {
      if (inFlight.current) {
        await inFlight.current;
        continue;
      }
      if (!pending()) return true;
      const run = saveOnce();
      inFlight.current = run;
      try {
        const ok = await run;
        if (!ok) return false;
      } finally {
        inFlight.current = null;
      }
    }
    return !pending();
  }, [saveOnce]);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void flush();
    }, DEBOUNCE_MS);
  }, [flush]);

  /** The answers of one step changed (typing): saved 1.5 s after the last change. */
  const setStepData = useCallback(
    (stepId: string, value: unknown) => {
      if (sameData(value, dataRef.current[stepId])) return;
      publish({ ...dataRef.current, [stepId]: value });
      dirty.current.add(stepId);
      if (statusRef.current === 'error' || statusRef.current === 'signedOut') writeBackup(id, unsaved());
      schedule();
    },
    [schedule],
  );

  /** The person moved to another step: saved at once, with where they are. */
  const setCurrentStep = useCallback(
    (stepId: string) => {
      wantedStep.current = stepId;
      void flush();
    },
    [flush],
  );

  /** Puts back this device's answers after a conflict (and saves them over the other device's). */
  const restoreMine = useCallback(() => {
    if (!conflict) return;
    const next = { ...dataRef.current };
    for (const [step, value] of Object.entries(conflict.mine)) {
      next[step] = value;
      dirty.current.add(step);
    }
    publish(next);
    setConflict(null);
    void flush();
  }, [conflict, flush]);

  // Leaving with answers not yet saved: the browser asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (pending() || inFlight.current) {
        void flush();
        event.preventDefault();
        event.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flush]);

  return {
    data,
    status,
    /** steps whose answers came back from this tab's backup */
    recovered: recovered ? Object.keys(recovered) : [],
    conflict,
    dismissConflict: () => setConflict(null),
    setStepData,
    setCurrentStep,
    flush,
    restoreMine,
    hasPending: pending,
  };
}
