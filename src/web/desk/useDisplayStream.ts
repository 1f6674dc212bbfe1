import { useEffect, useRef, useState } from 'react';
import type { DisplayState } from '../../contracts/desk';
import { deskApi } from '../api/desk';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting';

/** How long a connection may stay down before the EventSource is thrown away and made again. */
const STUCK_MS = 15_000;

/**
 * The office's live display state over Server-Sent Events. The browser's EventSource reconnects by itself after a
 * dropped connection (the server asks for `retry: 2000`); but it gives up for good when an answer is not the
 * stream (a proxy's 502 while the server restarts, say), and may sit in "connecting" after the machine was offline.
 * Then the EventSource is made again, waiting longer each time (1 s, 2 s, 4 s … 30 s). The last state stays shown
 * meanwhile; `onState` hears every new one (in `seq` order, older ones dropped).
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
        // a restarted server may number from where the database is; an older seq than shown is a stale answer
        const seq = toBigInt(next.seq);
        if (seq !== null && lastSeq !== null && seq < lastSeq) return;
        lastSeq = seq;
        setState(next);
        onStateRef.current?.(next);
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

    // back online: do not wait for the next retry
    const online = () => restart(0);
    window.addEventListener('online', online);
    connect();
    return () => {
      stopped = true;
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
