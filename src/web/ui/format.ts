import type { TFunction } from 'i18next';
import { CATEGORIES, LIFE_EVENTS, type VocabularyEntry } from '../../contracts/vocabularies';
import type { OpeningHours } from '../api/types';

/** Euro amounts are always shown the Italian way ("16,20 €"); 0 means free. */
const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });
export const formatEuro = (cents: number): string => euro.format(cents / 100);

const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'it-IT');

export const formatDate = (iso: string, lng: string): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lng), { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
};

/** Day numbers 1 (Monday) … 7 (Sunday) → "Lunedì–Venerdì", "Lunedì, Mercoledì", "Lunedì–Mercoledì, Venerdì". */
export function formatDays(days: number[], t: TFunction): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const day of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === day - 1) run.push(day);
    else runs.push([day]);
  }
  const name = (d: number) => t(`days.${d}`);
  return runs
    .map((run) =>
      run.length >= 3
        ? `${name(run[0])}–${name(run[run.length - 1])}`
        : run.map(name).join(', '),
    )
    .join(', ');
}

/** "Lunedì–Venerdì 09:00–12:30 (note)" */
export const formatOpeningHours = (line: OpeningHours, t: TFunction): string =>
  `${formatDays(line.days, t)} ${line.opens}–${line.closes}${line.note ? ` (${line.note})` : ''}`;

export function vocabularyLabel(entries: VocabularyEntry[], code: string, lng: string): string {
  const entry = entries.find((e) => e.code === code);
  if (!entry) return code;
  return lng === 'en' ? entry.en || entry.it : entry.it;
}

export const categoryLabel = (code: string, lng: string) => vocabularyLabel(CATEGORIES, code, lng);
export const lifeEventLabel = (code: string, lng: string) => vocabularyLabel(LIFE_EVENTS, code, lng);

/** Paragraphs of the "markdown-light" long texts: separated by blank lines. */
export const paragraphs = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
