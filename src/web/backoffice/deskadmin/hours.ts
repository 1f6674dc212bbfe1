/** Weekly hours in a line a person reads at a glance, and the checks the form makes before sending. */
import type { TFunction } from 'i18next';
import type { WeeklyHours } from '../../../contracts/desk';
import { formatDays } from '../../ui/format';

/** Windows with the same times are told once with their days: "Lunedì–Venerdì 08:30–12:30; Martedì, Giovedì 14:30–17:00". */
export function hoursSummary(hours: WeeklyHours[], t: TFunction): string {
  const byWindow = new Map<string, number[]>();
  for (const h of [...hours].sort((a, b) => a.from.localeCompare(b.from) || a.weekday - b.weekday)) {
    const window = `${h.from}–${h.to}`;
    byWindow.set(window, [...(byWindow.get(window) ?? []), h.weekday]);
  }
  return [...byWindow].map(([window, days]) => `${formatDays(days, t)} ${window}`).join('; ');
}

/** A whole number written in a field, or null when the field holds anything else. */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : null;
}
