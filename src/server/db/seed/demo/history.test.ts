import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { TEST_IDENTITIES } from '../../../modules/identity/test-idp/identities.ts';
import { validateAnswers } from '../../../modules/forms/form-validation.ts';
import { workflowOf } from '../../../modules/workflow/workflow.service.ts';
import { addDays, dueDate, romeDate } from '../../../platform/legal-clock.ts';
import { HISTORY_DAYS, placeholderPdf, romeInstant, tellHistory, type HistoryTenant } from './history.ts';
import { HISTORY_IDENTITIES, HISTORY_SERVICES, historyPeople, type HistoryService } from './history-content.ts';
import { DEMO_OPERATORS } from './operators.ts';
import { DEMO_SERVICES } from './services.ts';
import { CASTELROCCA_SLUG, DEMO_TENANTS, VALDORO_SLUG } from './tenants.ts';

/** A demo comune as the seed reads it from the database, built here from the demo's own definitions. */
function demoTenant(slug: string): HistoryTenant {
  const t = DEMO_TENANTS.find((x) => x.slug === slug)!;
  const officeId = (code: string) => `${slug}/${code}`;
  const cards = DEMO_SERVICES.find((g) => g.tenantSlug === slug)!.services;
  const services = new Map<HistoryService, HistoryTenant['services'] extends Map<HistoryService, infer S> ? S : never>();
  for (const [key, serviceSlug] of Object.entries(HISTORY_SERVICES) as [HistoryService, string][]) {
    const card = cards.find((c) => c.slug === serviceSlug);
    if (!card?.form) continue;
    services.set(key, { id: `${slug}/${serviceSlug}`, slug: serviceSlug, title: card.title, version: 1, officeId: officeId(card.officeCode), maxDays: card.maxDays, card, form: card.form, def: workflowOf(card) });
  }
  return {
    id: slug, slug, name: t.name, aoo: t.aooCode,
    offices: t.offices.map((o) => ({ id: officeId(o.code), code: o.code, name: o.name, email: o.email ?? null })),
    operators: DEMO_OPERATORS.filter((o) => o.tenantSlug === slug).flatMap((o) => o.grants.map((g) => ({
      id: o.email, name: o.name, email: o.email, role: g.role, officeId: g.officeCode ? officeId(g.officeCode) : null,
    }))),
    services,
  };
}

const TENANTS = [demoTenant(CASTELROCCA_SLUG), demoTenant(VALDORO_SLUG)];
const placeholder = () => ({ sha256: 'a'.repeat(64), size: 700 });

describe('the demo history, planned in memory', () => {
  it('can be told on any day of the year: holidays, August, New Year, a Sunday night', () => {
    // a day about every three weeks over two years (every weekday and month comes up), and the awkward ones
    const days: string[] = [];
    for (let d = '2026-01-01'; d <= '2027-12-31'; d = addDays(d, 23)) days.push(d);
    days.push('2026-08-17', '2026-12-27', '2027-01-01', '2027-03-29', '2027-04-06');
    for (const day of days) {
      for (const hour of [0, 9 * 60 + 30, 23 * 60 + 50]) {
        const now = romeInstant(day, hour);
        const { stories } = tellHistory(TENANTS, now, placeholder);
        for (const slug of [CASTELROCCA_SLUG, VALDORO_SLUG]) {
          const mine = stories.filter((s) => s.tenant.slug === slug);
          expect(mine.length, `${slug} on ${day}`).toBeGreaterThanOrEqual(75);
          const open = mine.filter((s) => ['submitted', 'registered', 'in_progress'].includes(s.status));
          expect(open.filter((s) => s.due! < romeDate(now)).length, `overdue on ${day}`).toBe(2);
          expect(mine.filter((s) => s.status === 'withdrawn').length).toBe(1);
          for (const s of mine) {
            expect(s.submittedAt!.getTime()).toBeLessThan(now.getTime());
            expect(s.lastAt.getTime()).toBeLessThan(now.getTime());
            expect(s.due).toBe(dueDate(romeDate(s.submittedAt!), s.service.maxDays, s.suspended));
          }
        }
      }
    }
  }, 60_000);

  it('is the same story for the same day, and its answers pass the forms\' validation', () => {
    const now = romeInstant('2026-11-24', 10 * 60);
    const a = tellHistory(TENANTS, now, placeholder).stories;
    const b = tellHistory(TENANTS, now, placeholder).stories;
    expect(a.map((s) => [s.code, s.status, s.submittedAt!.toISOString()])).toEqual(b.map((s) => [s.code, s.status, s.submittedAt!.toISOString()]));
    for (const s of a) expect(validateAnswers(s.service.form, s.data), s.code).toEqual([]);
    // numbered per body and year in order of submission, starting again on 1 January
    const newYear = tellHistory(TENANTS, romeInstant('2027-02-10', 12 * 60), placeholder).stories;
    for (const slug of [CASTELROCCA_SLUG, VALDORO_SLUG]) {
      for (const year of [2026, 2027]) {
        const mine = newYear.filter((s) => s.tenant.slug === slug && s.protocol!.year === year).sort((x, y) => x.submittedAt!.getTime() - y.submittedAt!.getTime());
        expect(mine.length).toBeGreaterThan(0);
        expect(mine.map((s) => s.protocol!.number)).toEqual(mine.map((_, i) => i + 1));
      }
    }
    expect(a.every((s) => s.submittedAt!.getTime() > now.getTime() - (HISTORY_DAYS + 1) * 86_400_000)).toBe(true);
  });

  it('files with residents of the demo registries and only the test identities no other test counts applications of', () => {
    const identities = new Set(TEST_IDENTITIES.map((i) => i.fiscalCode));
    const { stories } = tellHistory(TENANTS, romeInstant('2026-11-24', 10 * 60), placeholder);
    const filers = new Set(stories.map((s) => s.citizen.person.fiscalCode));
    for (const code of filers) {
      if (!identities.has(code)) continue;
      const identity = TEST_IDENTITIES.find((i) => i.fiscalCode === code)!;
      expect(HISTORY_IDENTITIES as readonly string[]).toContain(identity.id);
    }
    for (const id of HISTORY_IDENTITIES) {
      const person = TEST_IDENTITIES.find((i) => i.id === id)!;
      expect(stories.some((s) => s.citizen.person.fiscalCode === person.fiscalCode), id).toBe(true);
    }
    expect(historyPeople(CASTELROCCA_SLUG, '2026-11-24').every((p) => p.birthDate <= '2008-11-24')).toBe(true);
  });
});

describe('the pieces', () => {
  it('writes placeholder PDFs that a PDF library opens', async () => {
    const pdf = placeholderPdf("Documento d'identità (fronte e retro)", ['Documento dimostrativo di Sportello.', 'Più righe: àèìòù']);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  });

  it('places wall-clock times in Italy on the right instant, in summer and in winter', () => {
    expect(romeInstant('2026-07-01', 9 * 60).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(romeInstant('2026-12-01', 9 * 60).toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(romeInstant('2026-03-29', 0, 30).toISOString()).toBe('2026-03-28T23:00:30.000Z');
    expect(romeInstant('2026-10-25', 23 * 60).toISOString()).toBe('2026-10-25T22:00:00.000Z');
  });
});
