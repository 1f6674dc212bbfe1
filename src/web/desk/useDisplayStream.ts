import { useEffect, useRef, useState } from 'react';
import type { DisplayState } from '../../contracts/desk';
import { isApiError } from '../api/client';
import { deskApi } from '../api/desk';

/** missing: the address names no office (a mistyped display URL): retrying would not help */
export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'missing';

/** How long a connection may stay down before the EventSource is thrown away and made again. */
const STUCK_MS = 15_000;
/** How often the snapshot is asked for, to notice a stream that went silent. */
const PROBE_MS = 20_000;
const PROBE_TIMEOUT_MS = 8_000;

/**
 * The office's live display state over Server-Sent Events. The browser's EventSource reconnects by itself after a
 * dropped connection (the server asks for `retry: 2000`); but it gives up for good when an answer is not the
 * stream (a proxy's 502 while the server restarts, say), and may sit in "connecting" after the machine was offline.
 * Then the EventSource is made again, waiting longer each time (1 s, 2 s, 4 s … 30 s). A dead network can also leave
 * a stream open that will never deliver again (no error, no data: the server's heartbeats are comments, which
 * pages do not see), so the hook also asks for the JSON snapshot every PROBE_MS: a failed probe means the stream is
 * down; a newer state than the stream gave means it missed something; both make the stream again. The browser's
 * "offline" event counts as a drop at once. The last state stays shown meanwhile; `onState` hears every new one
 * (in `seq` order, older ones dropped).
 */
export function useDisplayStream(officeId: string | undefined, onState?: (state: DisplayState) => void) {
  const [state, setState] = useState<DisplayState | null>(null);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const onStateRef = useRef(onState);
  onStateRef.current = onState;

  useEffect(() => {
    if (!officeId || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let attempts = 0;
    let restartTimer: ReturnType<typeof setTimeout> | undefined;
    let stuckTimer: ReturnType<typeof setTimeout> | undefined;
    let lastSeq: bigint | null = null;
    let stopped = false;
    let probeTimer: ReturnType<typeof setInterval> | undefined;

    /** A state from the stream or the snapshot: shown unless older than what is shown. Says whether it was newer. */
    const accept = (next: DisplayState): boolean => {
      const seq = toBigInt(next.seq);
      // a stale answer (a snapshot that crossed a change on the stream) must not take the screen back
      if (seq !== null && lastSeq !== null && seq < lastSeq) return false;
      const newer = seq !== null && lastSeq !== null && seq > lastSeq;
      lastSeq = seq;
      setState(next);
      onStateRef.current?.(next);
      return newer;
    };

    const restart = (delay: number) => {
      clearTimeout(restartTimer);
      clearTimeout(stuckTimer);
      source?.close();
      source = null;
      restartTimer = setTimeout(connect, delay);
    };
    const watchStuck = () => {
      clearTimeout(stuckTimer);
      stuckTimer = setTimeout(() => {
        if (source && source.readyState !== EventSource.OPEN) restart(0);
      }, STUCK_MS);
    };

    function connect() {
      if (stopped) return;
      source = new EventSource(deskApi.displayStreamUrl(officeId!));
      watchStuck();
      source.addEventListener('open', () => {
        attempts = 0;
        clearTimeout(stuckTimer);
        setStatus('open');
      });
      source.addEventListener('state', (event) => {
        let next: DisplayState;
        try {
          next = JSON.parse((event as MessageEvent<string>).data) as DisplayState;
        } catch {
          return;
        }
        attempts = 0;
        setStatus('open');
        accept(next);
      });
      source.addEventListener('error', () => {
        if (stopped) return;
        setStatus('reconnecting');
        if (source?.readyState === EventSource.CLOSED) {
          // the browser gave up: make it again, later each time
          restart(Math.min(30_000, 1_000 * 2 ** attempts++));
        } else {
          watchStuck();
        }
      });
    }

    const probe = async () => {
      if (stopped || !navigator.onLine) return;
      const controller = new AbortController();
      const timeout = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
      try {
        const snapshot = await deskApi.display(officeId!, controller.signal);
        if (stopped) return;
        // the stream should have brought this already: it is silent, make it again
        if (accept(snapshot) && source?.readyState === EventSource.OPEN) restart(0);
      } catch (error) {
        if (stopped) return;
        if (isApiError(error, 404) || isApiError(error, 400)) {
          stopped = true;
          clearTimeout(restartTimer);
          clearTimeout(stuckTimer);
          clearInterval(probeTimer);
          source?.close();
          setStatus('missing');
          return;
        }
        setStatus('reconnecting');
        if (source?.readyState === EventSource.OPEN) restart(0);
      } finally {
        clearTimeout(timeout);
      }
    };

    // the machine says it lost the network: show it now, and reconnect as soon as it is back
    const offline = () => {
      setStatus('reconnecting');
      restart(1_000);
    };
    const online = () => restart(0);
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    probeTimer = setInterval(() => void probe(), PROBE_MS);
    connect();
    // the snapshot at once too: it tells a wrong address apart from a server that is not there yet
    void probe();
    return () => {
      stopped = true;
      clearInterval(probeTimer);
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      clearTimeout(restartTimer);
      clearTimeout(stuckTimer);
      source?.close();
    };
  }, [officeId]);

  return { state, status };
}

function toBigInt(value: string | undefined): bigint | null {
  try {
    return value === undefined ? null : BigInt(value);
  } catch {
    return null;
  }
}
