/**
 * What the workflow's lists share: a row's title with its buttons (up, down, remove), and the list operations
 * that keep the focus on something sensible after a row moves, is added or goes away.
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Focus = { kind: 'field'; id: string } | { kind: 'add' } | { kind: 'move'; id: string; other: string } | null;

/** Add, remove and move rows of a list, with the focus following (the first field of a new row, etc.). */
export function useRowList<T>(items: T[], onChange: (items: T[]) => void, ids: { field: (index: number) => string; move: (index: number, dir: 'up' | 'down') => string }) {
  const focus = useRef<Focus>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const f = focus.current;
    if (!f) return;
    focus.current = null;
    if (f.kind === 'add') addRef.current?.focus();
    else if (f.kind === 'field') document.getElementById(f.id)?.focus();
    else {
      const same = document.getElementById(f.id) as HTMLButtonElement | null;
      const other = document.getElementById(f.other) as HTMLButtonElement | null;
      (same && !same.disabled ? same : other)?.focus();
    }
  });
  return {
    addRef,
    set: (index: number, values: Partial<T>) => onChange(items.map((item, i) => (i === index ? { ...item, ...values } : item))),
    add: (item: T) => {
      focus.current = { kind: 'field', id: ids.field(items.length) };
      onChange([...items, item]);
    },
    remove: (index: number) => {
      focus.current = items.length > 1 ? { kind: 'field', id: ids.field(Math.max(0, index - 1)) } : { kind: 'add' };
      onChange(items.filter((_, i) => i !== index));
    },
    move: (index: number, delta: -1 | 1) => {
      const target = index + delta;
      if (target < 0 || target >= items.length) return;
      const next = [...items];
      [next[index], next[target]] = [next[target]!, next[index]!];
      const dir = delta < 0 ? 'up' : 'down';
      focus.current = { kind: 'move', id: ids.move(target, dir), other: ids.move(target, dir === 'up' ? 'down' : 'up') };
      onChange(next);
    },
  };
}

interface RowHeadProps {
  headingId: string;
  title: ReactNode;
  /** the row's name for the buttons' accessible names ("Voce 2") */
  name: string;
  index: number;
  count: number;
  moveId?: (index: number, dir: 'up' | 'down') => string;
  onMove?: (delta: -1 | 1) => void;
  onRemove: () => void;
  level?: 3 | 4;
}

export function RowHead({ headingId, title, name, index, count, moveId, onMove, onRemove, level = 3 }: RowHeadProps) {
  const { t } = useTranslation();
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div className="sp-form-row-head">
      <Heading className="sp-form-row-title" id={headingId}>
        {title}
      </Heading>
      <div className="sp-row-actions">
        {onMove && moveId && (
          <>
            <Button type="button" id={moveId(index, 'up')} color="secondary" outline size="xs" onClick={() => onMove(-1)} disabled={index === 0} aria-label={t('editor.moveUp', { item: name })}>
              ↑
            </Button>
            <Button type="button" id={moveId(index, 'down')} color="secondary" outline size="xs" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={t('editor.moveDown', { item: name })}>
              ↓
            </Button>
          </>
        )}
        <Button type="button" color="danger" outline size="xs" onClick={onRemove}>
          {t('editor.remove')}
          <span className="visually-hidden"> {name}</span>
        </Button>
      </div>
    </div>
  );
}
