/**
 * The workspace's pure parts: the address keeps the queue and filters (and a hand-edited link never produces a
 * request the server would refuse), the urgency of a row, what a failed action tells the operator (a colleague's
 * change is "reload", a refusal keeps the server's words in the reader's language), the integration request's
 * body, and who lands on the workspace after signing in.
 */
import { describe, expect, it } from 'vitest';
import { WORK_QUEUES } from '../../../contracts/applications';
import { ApiError } from '../../api/client';
import itStrings from '../../i18n/workspace.it.json';
import enStrings from '../../i18n/workspace.en.json';
import { DEFAULT_QUEUE, filtersFromParams, hasFilters, isDay, paramsFromFilters, QUEUE_SLUGS, withoutFilters, withQueue, type WorkFilters } from './filters';
import {
  actionFailure,
  availablePanels,
  checklistItemOf,
  documentTitles,
  dueTone,
  integrationBody,
  landingPath,
  missingRequired,
  sortNotifications,
  worksOnApplications,
} from './model';

const SERVICE = '0b6f3a9e-6a52-4c8e-9a3e-2f1d3c4b5a69';

describe('queue and filters in the address', () => {
  it('round-trips every queue and filter through the URL', () => {
    for (const queue of WORK_QUEUES) {
      const filters: WorkFilters = { queue, service: SERVICE, status: 'in_progress', from: '2026-01-01', to: '2026-02-28', applicant: 'RSSMRA80A01H501U', q: 'via roma' };
      const params = paramsFromFilters(filters);
      expect(filtersFromParams(new URLSearchParams(params.toString()))).toEqual(filters);
    }
  });

  it('uses Italian words in the address and leaves out the default queue and empty filters', () => {
    expect(paramsFromFilters({ queue: 'due_soon', status: 'registered' }).toString()).toBe('coda=in-scadenza&stato=registered');
    expect(paramsFromFilters({ queue: DEFAULT_QUEUE }).toString()).toBe('');
    expect(Object.values(QUEUE_SLUGS)).toEqual(['nuove', 'mie', 'in-attesa', 'in-scadenza', 'scadute', 'visti', 'aperte', 'concluse']);
  });

  it('drops what cannot be right rather than sending it', () => {
    const f = filtersFromParams(new URLSearchParams('coda=boh&servizio=not-a-uuid&stato=draft&dal=2026-02-30&al=ieri&richiedente=%20%20&q=%20a%20%20b%20'));
    expect(f).toEqual({ queue: DEFAULT_QUEUE, q: 'a b' });
  });

  it('swaps a from-date after the to-date', () => {
    const f = filtersFromParams(new URLSearchParams('dal=2026-03-10&al=2026-03-01'));
    expect([f.from, f.to]).toEqual(['2026-03-01', '2026-03-10']);
  });

  it('keeps search and filters when the queue changes; clearing keeps the queue', () => {
    const f: WorkFilters = { queue: 'mine', q: 'rossi', status: 'in_progress' };
    expect(withQueue(f, 'overdue')).toEqual({ queue: 'overdue', q: 'rossi', status: 'in_progress' });
    expect(withoutFilters(f)).toEqual({ queue: 'mine' });
    expect(hasFilters(f)).toBe(true);
    expect(hasFilters({ queue: 'closed' })).toBe(false);
  });

  it('knows a real calendar day', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-1-5')).toBe(false);
  });
});

describe('days left', () => {
  it('is red when late, amber within three days, neutral when suspended or closed', () => {
    expect(dueTone({ status: 'in_progress', daysLeft: -1, dueDate: '2026-01-01' })).toBe('late');
    expect(dueTone({ status: 'registered', daysLeft: 0, dueDate: '2026-01-01' })).toBe('soon');
    expect(dueTone({ status: 'in_progress', daysLeft: 3, dueDate: '2026-01-01' })).toBe('soon');
    expect(dueTone({ status: 'in_progress', daysLeft: 4, dueDate: '2026-01-01' })).toBe('ok');
    expect(dueTone({ status: 'awaiting_citizen', daysLeft: null, dueDate: '2026-01-01' })).toBe('suspended');
    expect(dueTone({ status: 'payment_pending', daysLeft: 5, dueDate: '2026-01-01' })).toBe('suspended');
    expect(dueTone({ status: 'approved', daysLeft: null, dueDate: '2026-01-01' })).toBe('closed');
    expect(dueTone({ status: 'submitted', daysLeft: null, dueDate: null })).toBe('none');
  });
});

describe('a failed action, as the operator reads it', () => {
  it('a colleague\'s change meanwhile (412) asks to reload', () => {
    const f = actionFailure(new ApiError(412, { title: 'Precondizione fallita', detail: 'La pratica è cambiata. (The application changed.)' }), 'it');
    expect(f.kind).toBe('stale');
  });

  it('a refusal keeps the server\'s words, in the reader\'s language, and the fields it names', () => {
    const problem = {
      title: 'Richiesta non valida',
      detail: 'Prima di accogliere spunta le voci obbligatorie. (Tick the required items first.)',
      errors: [{ path: 'checklist/verifica-titolo', message: 'voce obbligatoria non spuntata (required item not ticked)' }],
    };
    const it_ = actionFailure(new ApiError(422, problem), 'it');
    expect(it_).toMatchObject({ kind: 'problem', status: 422, detail: 'Prima di accogliere spunta le voci obbligatorie.' });
    expect(it_.items[0].message).toBe('voce obbligatoria non spuntata');
    expect(actionFailure(new ApiError(422, problem), 'en').detail).toBe('Tick the required items first.');
    expect(actionFailure(new TypeError('Failed to fetch'), 'it').kind).toBe('network');
  });

  it('finds the checklist item a problem names', () => {
    const items = [{ id: 'verifica-titolo' }, { id: 'sopralluogo' }];
    expect(checklistItemOf('checklist/verifica-titolo', items)).toBe('verifica-titolo');
    expect(checklistItemOf('body.checklist.sopralluogo', items)).toBe('sopralluogo');
    expect(checklistItemOf('body.note', items)).toBeNull();
  });
});

describe('the handling page', () => {
  const staff = (over: Partial<NonNullable<Parameters<typeof missingRequired>[0]['office']>> = {}) => ({
    office: null, responsible: null, checklist: [], proposal: null, pendingVisa: null, escalatedAt: null, motivation: null, ...over,
  });

  it('offers only the panels of the actions the server lists', () => {
    expect(availablePanels({ actions: ['take_charge', 'assign'], office: staff() })).toEqual({ takeCharge: true, outcome: false, visa: false, integration: false, assign: true });
    expect(availablePanels({ actions: ['approve', 'reject', 'request_integration'], office: staff() })).toMatchObject({ outcome: true, integration: true, takeCharge: false });
    // a visa without a proposal to give it to is not offered
    expect(availablePanels({ actions: ['endorse'], office: staff() }).visa).toBe(false);
  });

  it('lists the required checklist items still to tick', () => {
    const office = staff({
      checklist: [
        { id: 'a', label: 'A', required: true, done: false, doneBy: null, doneAt: null },
        { id: 'b', label: 'B', required: true, done: true, doneBy: 'X', doneAt: '2026-01-01T10:00:00Z' },
        { id: 'c', label: 'C', required: false, done: false, doneBy: null, doneAt: null },
      ],
    });
    expect(missingRequired({ office }).map((i) => i.id)).toEqual(['a']);
  });

  it('sends an integration request without blanks or repeated documents', () => {
    expect(integrationBody({ note: '  Serve la planimetria. ', documents: ['Planimetria', ' ', 'planimetria ', 'Visura  catastale'], answerBy: '' })).toEqual({
      note: 'Serve la planimetria.',
      documents: ['Planimetria', 'Visura catastale'],
    });
    expect(integrationBody({ note: 'x', documents: [''], answerBy: '2026-05-01' })).toEqual({ note: 'x', answerBy: '2026-05-01' });
    expect(documentTitles([])).toEqual([]);
  });

  it('shows unread alerts first, newest first', () => {
    const sorted = sortNotifications([
      { id: '1', createdAt: '2026-01-01T08:00:00Z', readAt: '2026-01-01T09:00:00Z' },
      { id: '2', createdAt: '2026-01-02T08:00:00Z', readAt: null },
      { id: '3', createdAt: '2026-01-03T08:00:00Z', readAt: null },
    ]);
    expect(sorted.map((n) => n.id)).toEqual(['3', '2', '1']);
  });
});

describe('where an operator lands', () => {
  it('operators, managers and desk staff on the workspace; administrators on the catalogue', () => {
    expect(landingPath({ roles: ['operator'] })).toBe('/backoffice/pratiche');
    expect(landingPath({ roles: ['manager'] })).toBe('/backoffice/pratiche');
    expect(landingPath({ roles: ['desk'] })).toBe('/backoffice/pratiche');
    expect(landingPath({ roles: ['tenant_admin'] })).toBe('/backoffice/catalogo');
    expect(landingPath({ roles: ['tenant_admin', 'manager'] })).toBe('/backoffice/pratiche');
    expect(worksOnApplications({ roles: ['social_worker'] })).toBe(false);
  });
});

describe('strings', () => {
  const keys = (d: Record<string, unknown>, p = ''): string[] =>
    Object.entries(d).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as Record<string, unknown>, `${p}${k}.`) : [`${p}${k}`]));
  it('Italian and English have the same keys, none empty', () => {
    expect(keys(enStrings).sort()).toEqual(keys(itStrings).sort());
    expect(keys(itStrings).length).toBeGreaterThan(100);
  });
  it('every queue has a name and an empty-queue sentence', () => {
    for (const q of WORK_QUEUES) {
      expect(itStrings.workspace.queues[q]).toBeTruthy();
      expect(itStrings.workspace.empty[q]).toBeTruthy();
    }
  });
});
