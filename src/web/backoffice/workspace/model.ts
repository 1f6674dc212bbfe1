/**
 * Pure helpers of the workspace: how urgent a row is, what a failed action means to the operator, which panels
 * an application offers, and the shape of the answers to send. Kept apart from React so they are tested alone.
 */
import type { ApplicationDetail, ApplicationStatus, TransitionAction, WorkItem } from '../../../contracts/applications';
import { CLOSED_STATUSES } from '../../../contracts/applications';
import type { Operator, Problem } from '../../api/types';
import { isApiError } from '../../api/client';
import { messageIn } from '../../citizen/identityFormat';

/** How the "giorni rimasti" column looks: red when late, amber within three days; always said in words too. */
export type DueTone = 'late' | 'soon' | 'ok' | 'suspended' | 'closed' | 'none';

export const SOON_DAYS = 3;

export function dueTone(item: Pick<WorkItem, 'status' | 'daysLeft' | 'dueDate'>): DueTone {
  if (CLOSED_STATUSES.includes(item.status)) return 'closed';
  // waiting for the payment the office asked suspends the legal clock too
  if (item.status === 'awaiting_citizen' || item.status === 'payment_pending') return 'suspended';
  if (item.daysLeft === null || item.daysLeft === undefined) return 'none';
  if (item.daysLeft < 0) return 'late';
  if (item.daysLeft <= SOON_DAYS) return 'soon';
  return 'ok';
}

/** Roles that work on applications; administrators only (tenant or platform) land on the catalogue instead. */
const CASE_ROLES = ['operator', 'manager', 'desk'];
export const worksOnApplications = (operator: Pick<Operator, 'roles'>) => operator.roles.some((r) => CASE_ROLES.includes(r));

/** Where an operator lands after signing in (or on /backoffice). */
export const landingPath = (operator: Pick<Operator, 'roles'>) => (worksOnApplications(operator) ? '/backoffice/pratiche' : '/backoffice/catalogo');

/** A failed action as the operator should see it. */
export interface ActionFailure {
  /** stale: someone else changed the application (412): reload, keep the text */
  kind: 'stale' | 'problem' | 'network';
  status: number | null;
  title: string | null;
  detail: string | null;
  items: { path: string; message: string }[];
}

export function actionFailure(error: unknown, lng: string): ActionFailure {
  if (isApiError(error)) {
    const problem: Problem | null = error.problem;
    const items = (problem?.errors ?? []).map((e) => ({ path: e.path, message: messageIn(e.message, lng) }));
    return {
      kind: error.status === 412 ? 'stale' : 'problem',
      status: error.status,
      title: problem?.title ?? null,
      detail: problem?.detail ? messageIn(problem.detail, lng) : null,
      items,
    };
  }
  return { kind: 'network', status: null, title: null, detail: null, items: [] };
}

/**
 * The checklist item a problem's path names, when it does ("checklist/verifica-titolo", "checklist.verifica-titolo"
 * or just the item's id), so the alert can link to the box to tick.
 */
export function checklistItemOf(path: string, items: { id: string }[]): string | null {
  const last = path.split(/[./]/).filter(Boolean).pop() ?? '';
  return items.find((i) => i.id === last || path === i.id)?.id ?? null;
}

export const isClosedStatus = (status: ApplicationStatus) => CLOSED_STATUSES.includes(status);

/** The application has a second-level approval (visto) after the officer's outcome: approve/reject only propose. */
export const hasVisas = (a: Pick<ApplicationDetail, 'workflow'>) => (a.workflow?.steps ?? []).some((s) => s.kind === 'approval');

/** The actions this operator may do now, with the page's panels in mind. */
export function availablePanels(a: Pick<ApplicationDetail, 'actions' | 'office'>) {
  const can = (x: TransitionAction) => a.actions.includes(x);
  return {
    takeCharge: can('take_charge'),
    outcome: can('approve') || can('reject'),
    visa: (can('endorse') || can('send_back')) && !!a.office?.proposal,
    integration: can('request_integration'),
    assign: can('assign'),
  };
}

/** The checklist items still to tick that an approval needs. */
export const missingRequired = (a: Pick<ApplicationDetail, 'office'>) => (a.office?.checklist ?? []).filter((i) => i.required && !i.done);

/** The documents asked in an integration request: one title per line, blanks dropped, duplicates once. */
export function documentTitles(lines: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of lines) {
    const title = line.trim().replace(/\s+/g, ' ');
    const key = title.toLocaleLowerCase('it');
    if (!title || seen.has(key)) continue;
    seen.add(key);
    out.push(title);
  }
  return out;
}

/** An integration request's body, as the API takes it (empty optional parts left out). */
export function integrationBody(input: { note: string; documents: string[]; answerBy: string }) {
  const documents = documentTitles(input.documents);
  return {
    note: input.note.trim(),
    ...(documents.length ? { documents } : {}),
    ...(input.answerBy ? { answerBy: input.answerBy } : {}),
  };
}

/** Unread alerts first, newest first within each group. */
export function sortNotifications<T extends { createdAt: string; readAt: string | null }>(items: T[]): T[] {
  return [...items].sort((a, b) => Number(!!a.readAt) - Number(!!b.readAt) || b.createdAt.localeCompare(a.createdAt));
}
