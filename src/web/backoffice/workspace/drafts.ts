/**
 * What the operator types on an application (a motivation, a request to the citizen, a note) is kept in the tab's
 * session storage until it is sent: a failed action, a reload after a colleague's change, even closing the page by
 * mistake never loses it. Cleared when the action succeeds.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

const PREFIX = 'sportello.workspace.';

function read<T>(key: string, initial: T): T {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + key);
    if (raw === null) return initial;
    const parsed = JSON.parse(raw) as unknown;
    // a stored value of another shape (an older page) is ignored
    if (typeof parsed !== typeof initial || Array.isArray(parsed) !== Array.isArray(initial)) return initial;
    return (typeof initial === 'object' && initial !== null && !Array.isArray(initial) ? { ...initial, ...(parsed as object) } : parsed) as T;
  } catch {
    return initial;
  }
}

function write(key: string, value: unknown) {
  try {
    window.sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // storage full or unavailable: the text stays on the page, only not across reloads
  }
}

function remove(key: string) {
  try {
    window.sessionStorage.removeItem(PREFIX + key);
  } catch {
    // ignore
  }
}

/** useState kept under `key` in session storage; `clear` forgets it (after the action succeeded). */
export function useDraft<T>(key: string, initial: T): [T, (next: T | ((prev: T) => T)) => void, () => void] {
  const initialRef = useRef(initial);
  const [value, setValue] = useState<T>(() => read(key, initial));
  const touched = useRef(false);

  useEffect(() => {
    if (touched.current) write(key, value);
  }, [key, value]);

  const set = useCallback((next: T | ((prev: T) => T)) => {
    touched.current = true;
    setValue(next);
  }, []);

  const clear = useCallback(() => {
    touched.current = false;
    remove(key);
    setValue(initialRef.current);
  }, [key]);

  return [value, set, clear];
}
