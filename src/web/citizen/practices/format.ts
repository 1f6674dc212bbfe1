/**
 * Dates and times of "Le mie pratiche": always the Italian legal time (Europe/Rome), whatever the device's zone,
 * written the Italian way ("12/01/2027", "12/01/2027, 14:35"), or the British way in English.
 */
import type { ApplicationStatus, ApplicationSubject, ApplicationSummary } from '../../../contracts/applications';
import { CLOSED_STATUSES } from '../../../contracts/applications';

export const TIME_ZONE = 'Europe/Rome';

const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'it-IT');

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date ("2027-01-12") or an instant, as "12/01/2027" (the instant's day in Rome). */
export function formatDate(value: string, lng: string): string {
  const ymd = YMD.exec(value);
  if (ymd) return `${ymd[3]}/${ymd[2]}/${ymd[1]}`;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(lng), { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/** An instant as "12/01/2027, 14:35" in Rome. */
export function formatDateTime(value: string, lng: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(lng), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** The day of an instant in Rome, "YYYY-MM-DD". */
export function romeDay(value: Date | string = new Date()): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Calendar days from today (in Rome) to a date "YYYY-MM-DD": 0 today, negative when past. */
export function daysUntil(ymd: string, today = romeDay()): number | null {
  const a = YMD.exec(ymd.slice(0, 10));
  const b = YMD.exec(today);
  if (!a || !b) return null;
  const utc = (m: RegExpExecArray) => Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round((utc(a) - utc(b)) / 86_400_000);
}

/** Where a status belongs among the list's filters. */
export type StatusGroup = 'drafts' | 'open' | 'closed';
export const STATUS_GROUPS: Record<StatusGroup, ApplicationStatus[]> = {
  drafts: ['draft'],
  open: ['payment_pending', 'submitted', 'registered', 'in_progress', 'awaiting_citizen'],
  closed: [...CLOSED_STATUSES],
};
export const isClosed = (status: ApplicationStatus) => CLOSED_STATUSES.includes(status);

/** The clock runs (and the due date means something to the citizen) from submission to the outcome. */
export const clockRunning = (status: ApplicationStatus) => STATUS_GROUPS.open.includes(status) && status !== 'payment_pending';

/** Where a summary leads: a draft back to its form, anything else to its detail. */
export const applicationUrl = (a: Pick<ApplicationSummary, 'id' | 'status'>) =>
  a.status === 'draft' ? `/pratiche/${encodeURIComponent(a.id)}/compila` : `/area-personale/pratiche/${encodeURIComponent(a.id)}`;

export const subjectIsMe = (subject: ApplicationSubject, myFiscalCode: string) =>
  subject.kind === 'self' || subject.fiscalCode.toUpperCase() === myFiscalCode.toUpperCase();

/** A length of time in hours, as whole days and hours: { days: 3, hours: 4 }. */
export function splitHours(hours: number): { days: number; hours: number } {
  const total = Math.max(0, Math.round(hours));
  return { days: Math.floor(total / 24), hours: total % 24 };
}

/** A short SHA-256 for people: the first and last 8 characters. */
export const shortHash = (sha256: string) => (sha256.length > 20 ? `${sha256.slice(0, 8)}…${sha256.slice(-8)}` : sha256);
