import { describe, expect, it } from 'vitest';
import type { RecommendationCondition } from '../../../contracts/recommendations.ts';
import { addDays } from '../../platform/legal-clock.ts';
import { ageInMonths, dayOfMonths, evaluateRule, render, type CitizenProfile, type NamedService, type ServiceFinder } from './rules.ts';
import { DEFAULT_RULES } from './default-rules.ts';

/** The demo comune's nursery: applications from 1 November 2026, 8.00, to 31 March 2027, 12.00 (Italian time). */
const NIDO_WINDOW = { opensAt: '2026-11-01T08:00:00+01:00', closesAt: '2027-03-31T12:00:00+02:00' };
const CASTELROCCA = '11111111-1111-4111-8111-111111111111';
const nido: NamedService = {
  id: '22222222-2222-4222-8222-222222222222', title: "Iscrizione all'asilo nido comunale", tenantId: CASTELROCCA, tenantName: 'Comune di Castelrocca',
  href: '/enti/comune-di-castelrocca/servizi/iscrizione-asilo-nido', window: NIDO_WINDOW,
};
const cie: NamedService = {
  id: '33333333-3333-4333-8333-333333333333', title: "Carta d'identità elettronica", tenantId: CASTELROCCA, tenantName: 'Comune di Castelrocca',
  href: '/enti/comune-di-castelrocca/servizi/carta-identita-elettronica', window: null,
};
const services: ServiceFinder = (tenantId, slug) =>
  tenantId !== CASTELROCCA ? null : slug === 'iscrizione-asilo-nido' ? nido : slug === 'carta-identita-elettronica' ? cie : null;

const NURSERY: RecommendationCondition = { type: 'child_age_at_window', serviceSlug: 'iscrizione-asilo-nido', minMonths: 3, maxMonths: 36, showDaysBefore: 30 };
const CARD: RecommendationCondition = { type: 'id_card_expiring', withinDays: 90, includeExpired: true, serviceSlug: 'carta-identita-elettronica' };

const profile = (over: Partial<CitizenProfile> = {}): CitizenProfile => ({
  fiscalCode: 'FRRGLI84E54A794X', name: 'Giulia Ferrari', records: [], minors: [], favourites: [], payments: [], ...over,
});
const withChild = (birthDate: string, name = 'Bimbo Colombo') =>
  profile({ minors: [{ fiscalCode: `CLMBMB${birthDate.replace(/-/g, '')}`, name, birthDate, tenantId: CASTELROCCA }] });
const withCard = (expires: string | null) =>
  profile({ records: [{ tenantId: CASTELROCCA, tenantSlug: 'comune-di-castelrocca', tenantName: 'Comune di Castelrocca', idCardExpiresOn: expires }] });

describe('age in completed months', () => {
  it('counts a month complete on the same day of the month', () => {
    expect(ageInMonths('2026-08-01', '2026-11-01')).toBe(3);
    expect(ageInMonths('2026-08-02', '2026-11-01')).toBe(2);
    expect(ageInMonths('2026-08-02', '2026-11-02')).toBe(3);
    expect(ageInMonths('2023-11-01', '2026-11-01')).toBe(36);
    expect(ageInMonths('2023-10-01', '2026-11-01')).toBe(37);
  });

  it('completes the month of a child born on the 31st on the last day of a shorter month', () => {
    // born 31 August: 1 month on 30 September, 3 months on 30 November, 6 months on 28 February
    expect(ageInMonths('2026-08-31', '2026-09-29')).toBe(0);
    expect(ageInMonths('2026-08-31', '2026-09-30')).toBe(1);
    expect(ageInMonths('2026-08-31', '2026-11-29')).toBe(2);
    expect(ageInMonths('2026-08-31', '2026-11-30')).toBe(3);
    expect(ageInMonths('2026-08-31', '2027-02-28')).toBe(6);
    expect(ageInMonths('2026-08-31', '2027-03-30')).toBe(6);
    expect(ageInMonths('2026-08-31', '2027-03-31')).toBe(7);
    expect(dayOfMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(dayOfMonths('2026-08-31', 6)).toBe('2027-02-28');
  });

  it('handles a birthday on 29 February, in leap years and not', () => {
    expect(ageInMonths('2024-02-29', '2025-02-27')).toBe(11);
    expect(ageInMonths('2024-02-29', '2025-02-28')).toBe(12);
    expect(ageInMonths('2024-02-29', '2028-02-28')).toBe(47);
    expect(ageInMonths('2024-02-29', '2028-02-29')).toBe(48);
    expect(dayOfMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(dayOfMonths('2024-02-29', 48)).toBe('2028-02-29');
  });
});

describe('child of the right age when the nursery window opens (1 November 2026)', () => {
  const today = '2026-11-24';

  it('advises a parent whose child turned 3 months just before the opening', () => {
    // born 31 July 2026: 3 months on 31 October, the day before the window opens
    const [o, ...rest] = evaluateRule(NURSERY, withChild('2026-07-31', 'Lia Colombo'), services, today);
    expect(rest).toEqual([]);
    expect(o).toMatchObject({
      kind: 'life_event', tenantId: CASTELROCCA, subject: { name: 'Lia Colombo', self: false }, relevantFrom: '2026-10-02',
      values: { figlio: 'Lia Colombo', mesi: '3', apertura: '1 novembre 2026', chiusura: '31 marzo 2027', link_servizio: nido.href },
      registry: { tenantId: CASTELROCCA },
    });
    expect(o!.expiresAt!.toISOString()).toBe('2027-03-31T10:00:00.000Z');
    expect(o!.occasion).toContain('2026-11-01');
  });

  it('advises a parent whose child is exactly 3 months on the opening day', () => {
    expect(evaluateRule(NURSERY, withChild('2026-08-01'), services, today)).toHaveLength(1);
  });

  it('does not advise for a child who turns 3 months after the opening, unless the rule lets the minimum be reached while the window is open', () => {
    // born 2 August 2026: 3 months on 2 November, the day after the opening
    expect(evaluateRule(NURSERY, withChild('2026-08-02'), services, today)).toEqual([]);
    // born 31 August 2026: 3 months on 30 November
    expect(evaluateRule(NURSERY, withChild('2026-08-31'), services, today)).toEqual([]);
    const byClosing: RecommendationCondition = { ...NURSERY, minReachedBy: 'closing' };
    expect(evaluateRule(byClosing, withChild('2026-08-31'), services, today)).toHaveLength(1);
    // born 1 January 2027: only 2 months on 31 March, even by the closing
    expect(evaluateRule(byClosing, withChild('2027-01-01'), services, '2027-01-10')).toEqual([]);
  });

  it('does not advise for a child over 36 months at the opening', () => {
    expect(evaluateRule(NURSERY, withChild('2023-11-01'), services, today)).toHaveLength(1); // 36 months
    expect(evaluateRule(NURSERY, withChild('2023-10-01'), services, today)).toEqual([]); // 37 months
    expect(evaluateRule(NURSERY, withChild('2015-09-03'), services, today)).toEqual([]);
  });

  it('shows the advice from 30 days before the opening until the closing day, not before or after', () => {
    const child = withChild('2026-06-15');
    expect(evaluateRule(NURSERY, child, services, '2026-10-01')).toEqual([]);
    expect(evaluateRule(NURSERY, child, services, '2026-10-02')).toHaveLength(1);
    expect(evaluateRule(NURSERY, child, services, '2027-03-31')).toHaveLength(1);
    expect(evaluateRule(NURSERY, child, services, '2027-04-01')).toEqual([]);
  });

  it('says nothing where the comune has no such service or its form has no window', () => {
    const elsewhere = profile({ minors: [{ fiscalCode: 'X', name: 'Altro Bimbo', birthDate: '2026-06-15', tenantId: '99999999-9999-4999-8999-999999999999' }] });
    expect(evaluateRule(NURSERY, elsewhere, services, today)).toEqual([]);
    const noWindow: ServiceFinder = (t, s) => (services(t, s) ? { ...services(t, s)!, window: null } : null);
    expect(evaluateRule(NURSERY, withChild('2026-06-15'), noWindow, today)).toEqual([]);
  });

  it('makes one occasion per child of the right age', () => {
    const twins = profile({ minors: [
      { fiscalCode: 'A', name: 'Anna', birthDate: '2025-01-10', tenantId: CASTELROCCA },
      { fiscalCode: 'B', name: 'Bruno', birthDate: '2025-01-10', tenantId: CASTELROCCA },
      { fiscalCode: 'C', name: 'Carla', birthDate: '2015-09-03', tenantId: CASTELROCCA },
    ] });
    expect(evaluateRule(NURSERY, twins, services, today).map((o) => o.subject.name)).toEqual(['Anna', 'Bruno']);
  });
});

describe('identity card expiring within 90 days', () => {
  const today = '2026-11-24';

  it('advises at 89 and 90 days, not at 91', () => {
    expect(evaluateRule(CARD, withCard(addDays(today, 89)), services, today)).toHaveLength(1);
    const [at90] = evaluateRule(CARD, withCard(addDays(today, 90)), services, today);
    expect(at90).toMatchObject({
      kind: 'deadline', subject: { self: true, name: 'Giulia Ferrari' }, relevantFrom: today,
      values: { data: '22 febbraio 2027', giorni: '90', scadenza: 'scade il 22 febbraio 2027', link_servizio: cie.href, ente: 'Comune di Castelrocca' },
      registry: { tenantId: CASTELROCCA },
    });
    expect(evaluateRule(CARD, withCard(addDays(today, 91)), services, today)).toEqual([]);
  });

  it('says "today" on the last valid day and "expired" from the day after; an expired card only when the rule says so', () => {
    expect(evaluateRule(CARD, withCard(today), services, today)[0]!.values.scadenza).toBe('scade oggi, 24 novembre 2026');
    const [expired] = evaluateRule(CARD, withCard('2026-10-03'), services, today);
    expect(expired!.values.scadenza).toBe('è scaduta il 3 ottobre 2026');
    expect(expired!.values.giorni).toBe('0');
    expect(evaluateRule({ ...CARD, includeExpired: false }, withCard('2026-10-03'), services, today)).toEqual([]);
  });

  it('keeps one occasion per card: a renewed card (a new expiry date) is another occasion', () => {
    const a = evaluateRule(CARD, withCard('2027-01-23'), services, today)[0]!;
    const b = evaluateRule(CARD, withCard('2027-01-23'), services, '2026-12-01')[0]!;
    expect(a.occasion).toBe(b.occasion);
    expect(evaluateRule(CARD, withCard('2036-01-23'), services, today)).toEqual([]);
    expect(evaluateRule(CARD, withCard(null), services, today)).toEqual([]);
  });

  it("links to the comune's page when its catalogue has no identity-card service", () => {
    const none: ServiceFinder = () => null;
    expect(evaluateRule(CARD, withCard('2027-01-23'), none, today)[0]!.values.link_servizio).toBe('/enti/comune-di-castelrocca');
  });
});

describe('favourite service changed', () => {
  const fav = (starredAt: string, publishedAt: string) => profile({ favourites: [{
    serviceId: 'S', title: 'Contributo pannolini lavabili', tenantId: CASTELROCCA, tenantName: 'Comune di Castelrocca',
    href: '/enti/comune-di-castelrocca/servizi/pannolini', starredAt: new Date(starredAt), version: 4, publishedAt: new Date(publishedAt),
  }] });
  const RULE: RecommendationCondition = { type: 'favourite_changed', withinDays: 30 };

  it('advises when a version was published after the star, for 30 days', () => {
    const [o] = evaluateRule(RULE, fav('2026-10-01T10:00:00Z', '2026-11-20T09:00:00Z'), services, '2026-11-24');
    expect(o).toMatchObject({ kind: 'favourite', occasion: 'preferito:S:v4', values: { data: '20 novembre 2026', servizio: 'Contributo pannolini lavabili' }, registry: null });
    expect(evaluateRule(RULE, fav('2026-10-01T10:00:00Z', '2026-11-20T09:00:00Z'), services, '2026-12-21')).toEqual([]);
  });

  it('does not advise about the version the citizen starred', () => {
    expect(evaluateRule(RULE, fav('2026-11-21T10:00:00Z', '2026-11-20T09:00:00Z'), services, '2026-11-24')).toEqual([]);
  });
});

describe('payment due', () => {
  const RULE: RecommendationCondition = { type: 'payment_due', withinDays: 15 };

  it('never fires for a citizen with nothing to pay', () => {
    expect(evaluateRule(RULE, profile(), services, '2026-11-24')).toEqual([]);
  });

  it('fires for a notice due within the days the rule says', () => {
    const p = profile({ payments: [{ id: 'P1', tenantId: CASTELROCCA, tenantName: 'Comune di Castelrocca', description: 'TARI 2026, seconda rata',
      dueOn: '2026-12-01', amountCents: 12_450, href: '/area-personale/pagamenti/P1' }] });
    expect(evaluateRule(RULE, p, services, '2026-11-24')[0]!.values).toMatchObject({ importo: '124,50 €', giorni: '7' });
    expect(evaluateRule(RULE, p, services, '2026-11-01')).toEqual([]);
    expect(evaluateRule(RULE, p, services, '2026-12-02')).toEqual([]);
  });
});

describe('texts of the default rules', () => {
  it('render with every placeholder filled in', () => {
    const today = '2026-11-24';
    const cases: [string, CitizenProfile][] = [
      ['asilo-nido', withChild('2026-07-31', 'Lia Colombo')],
      ['carta-identita', withCard('2027-01-23')],
    ];
    for (const [key, p] of cases) {
      const rule = DEFAULT_RULES.find((r) => r.key === key)!;
      const [o] = evaluateRule(rule.condition, p, services, today);
      for (const text of [rule.title, rule.message, rule.reason, rule.link]) {
        const out = render(text, o!.values);
        expect(out).not.toMatch(/\{\{|\}\}/);
      }
    }
    const card = DEFAULT_RULES.find((r) => r.key === 'carta-identita')!;
    const [o] = evaluateRule(card.condition, withCard('2027-01-23'), services, today);
    expect(render(card.message, o!.values)).toContain("La tua carta d'identità scade il 23 gennaio 2027");
    expect(render(card.link, o!.values)).toBe(cie.href);
  });
});
