/**
 * "Per te": advice built from the citizen's situation. Rules are data (recommendation_rules: a condition and the
 * texts to show); the evaluator (rules.ts) says on which occasions a rule applies to a citizen today; this service
 * gathers what it needs (registry record, minors in care, favourites, the services the rules name), keeps each
 * occasion as one recommendation (unique by citizen, rule key and occasion, so a repeated evaluation changes
 * nothing and a dismissal sticks), lets go of those whose condition no longer holds, and answers the citizen and
 * the administrators.
 *
 * Evaluation runs for every citizen once a day (runDailyBatch, driven by a background task like the deadline
 * sweep) and for one citizen right after they sign in (evaluateSoon: after the login has answered; a failure is
 * logged and never touches the login). Reading the registry to make a new piece of advice is a system read of
 * personal data, written to the citizen's access log.
 *
 * Payments falling due (payment_due) come from the citizen's payable positions (PaymentsService#payableFor): those
 * of their account and in their own name.
 */
import type { Kysely } from 'kysely';
import { Value } from 'typebox/value';
import {
  CONDITION_KIND, RECOMMENDATION_KINDS, RULE_PLACEHOLDERS,
  type Recommendation, type RecommendationCondition, type RecommendationKind, type RecommendationPreferences, type RecommendationRule,
} from '../../../contracts/recommendations.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess, type Actor, type CitizenActor, type StaffActor } from '../../platform/access.ts';
import { clock } from '../../platform/clock.ts';
import { badRequest, forbidden, notFound, type ProblemItem } from '../../platform/errors.ts';
import { LEGAL_BASIS, recordPersonalDataReads, SYSTEM_ACTOR, type PersonalDataRead } from '../../platform/personal-data.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { serviceCardPath } from '../myspace/favourites.service.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { RecommendationsRepository, type NewRecommendation, type RecommendationRow, type RuleRow } from './recommendations.repository.ts';
import { CONDITION_SCHEMAS, type RuleBodyT } from './recommendations.schemas.ts';
import { evaluateRule, placeholdersIn, render, type CitizenProfile, type MinorInCare, type NamedService, type Occasion, type PaymentDue } from './rules.ts';

/** Citizens evaluated per batch of the daily run (each in its own short transactions). */
export const DAILY_BATCH = 50;
/** At most this many pieces of advice are listed. */
const MAX_LISTED = 50;

export interface EvaluationResult {
  made: number;
  updated: number;
  expired: number;
}

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export class RecommendationsService {
  private defaults: Promise<void> | null = null;
  private readonly queued = new Set<string>();
  private draining: Promise<void> | null = null;
  private stopped = false;
  /** where failures of the evaluation after a login go (the app points it at its log) */
  onError: (error: unknown, citizenId: string) => void = () => undefined;
  /** told when a rule changed, so that today's evaluation runs again (the app wakes the daily task) */
  onRulesChanged: () => void = () => undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly registry: RegistryService,
    /** the citizen's payable positions, read in the evaluation's own transaction (absent: no payment advice) */
    private readonly payments?: { payableFor(trx: Kysely<DB>, citizen: { id: string; fiscalCode: string }): Promise<PaymentDue[]> },
  ) {}

  /** Writes the platform's default rules that are missing; done once per process. */
  ensureDefaultRules(): Promise<void> {
    this.defaults ??= inScope(this.db, { platform: true }, (trx) => new RecommendationsRepository(trx).insertMissingRules(
      DEFAULT_RULES.map((r) => ({ key: r.key, kind: CONDITION_KIND[r.condition.type], condition: r.condition, title: r.title, message: r.message, reason: r.reason, link: r.link })),
    )).catch((error) => {
      this.defaults = null;
      throw error;
    });
    return this.defaults;
  }

  // ---- the citizen ---------------------------------------------------------------------------------------------

  /**
   * The citizen's advice: not dismissed, already relevant, not over, of the kinds they want. It belongs to the
   * person signed in, whoever they are acting for (advice about a child is the parent's).
   */
  async list(actor: Actor | null): Promise<{ items: Recommendation[] }> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const rows = await inScope(this.db, { citizenId: citizen.id }, async (trx) => {
      const repo = new RecommendationsRepository(trx);
      const off = (await repo.kindsOff(citizen.id)) ?? [];
      return repo.active(citizen.id, clock.today(), clock.now(), off, MAX_LISTED);
    });
    return { items: rows.map((r) => this.view(r, citizen.fiscalCode)) };
  }

  private view(r: RecommendationRow, ownCode: string): Recommendation {
    return {
      id: r.id, kind: r.kind, title: r.title, message: r.message, reason: r.reason, link: r.link,
      about: { self: r.subject_fiscal_code === ownCode, name: r.subject_name },
      body: r.tenant_id && r.tenant_name ? { id: r.tenant_id, name: r.tenant_name } : null,
      relevantFrom: r.relevant_from, expiresAt: isoOrNull(r.expires_at), createdAt: r.created_at.toISOString(),
    };
  }

  /** Hides one piece of advice for good (the same occasion is never shown again). Another citizen's: 404. */
  async dismiss(actor: Actor | null, id: string): Promise<void> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const found = await inScope(this.db, { citizenId: citizen.id }, (trx) => new RecommendationsRepository(trx).dismiss(citizen.id, id, clock.now()));
    if (!found) throw notFound("L'avviso richiesto");
  }

  async preferences(actor: Actor | null): Promise<RecommendationPreferences> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const off = await inScope(this.db, { citizenId: citizen.id }, (trx) => new RecommendationsRepository(trx).kindsOff(citizen.id));
    return this.preferencesView(off ?? []);
  }

  /** Saves which kinds the citizen wants; a kind switched back on is looked at again at once. */
  async savePreferences(actor: Actor | null, body: RecommendationPreferences): Promise<RecommendationPreferences> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const off = RECOMMENDATION_KINDS.filter((k) => !body.kinds[k]);
    const before = await inScope(this.db, { citizenId: citizen.id }, async (trx) => {
      const repo = new RecommendationsRepository(trx);
      const was = (await repo.kindsOff(citizen.id)) ?? [];
      await repo.setKindsOff(citizen.id, off);
      return was;
    });
    if (before.some((k) => !off.includes(k as RecommendationKind))) this.evaluateSoon(citizen.id);
    return this.preferencesView(off);
  }

  private preferencesView(off: readonly string[]): RecommendationPreferences {
    return { kinds: Object.fromEntries(RECOMMENDATION_KINDS.map((k) => [k, !off.includes(k)])) as Record<RecommendationKind, boolean> };
  }

  // ---- the rules (administrators) ------------------------------------------------------------------------------

  /** The platform's rules and the body's own, each body rule replacing the platform's of the same key. */
  async rules(actor: Actor | null): Promise<{ items: RecommendationRule[]; placeholders: Record<string, readonly string[]> }> {
    const staff = requireAccess(actor, 'recommendations.manage') as StaffActor;
    await this.ensureDefaultRules();
    const rows = await inScope(this.db, { tenantId: staff.tenantId }, (trx) => new RecommendationsRepository(trx).rules({ tenantId: staff.tenantId }));
    const own = new Set(rows.filter((r) => r.tenant_id).map((r) => r.key));
    return { items: rows.map((r) => this.ruleView(r, !r.tenant_id && own.has(r.key))), placeholders: RULE_PLACEHOLDERS };
  }

  private ruleView(r: RuleRow, replaced: boolean): RecommendationRule {
    return {
      id: r.id, key: r.key, tenantId: r.tenant_id, kind: r.kind, condition: r.condition as RecommendationCondition,
      title: r.title, message: r.message, reason: r.reason, link: r.link, active: r.active, updatedAt: r.updated_at.toISOString(), replaced,
    };
  }

  /**
   * Creates or changes the body's rule with this key (replacing, for the body's citizens, the platform's rule of
   * the same key), or with `platformWide` the platform's own (platform administrators). Checked before it is saved:
   * the condition against its schema, the placeholders against those its condition fills in, the link. Today's
   * evaluation then runs again, so the change reaches the citizens within minutes.
   */
  async saveRule(actor: Actor | null, key: string, body: RuleBodyT): Promise<RecommendationRule> {
    const staff = requireAccess(actor, 'recommendations.manage') as StaffActor;
    if (body.platformWide && !staff.roles.includes('platform_admin')) {
      throw forbidden("Solo l'amministratore della piattaforma cambia le regole valide per ogni ente. (Only platform administrators change platform-wide rules.)");
    }
    const condition = checkRule(body);
    await this.ensureDefaultRules();
    const tenantId = body.platformWide ? null : staff.tenantId;
    const values = {
      kind: CONDITION_KIND[condition.type], condition, title: body.title.trim(), message: body.message.trim(), reason: body.reason.trim(),
      link: body.link.trim(), active: body.active,
    };
    const row = await inScope(this.db, tenantId ? { tenantId } : { platform: true }, (trx) =>
      new RecommendationsRepository(trx).saveRule(tenantId, key, values, `${staff.kind}:${staff.id}`, clock.now()));
    await inScope(this.db, { platform: true }, (trx) => new RecommendationsRepository(trx).restartRun(clock.today()));
    this.onRulesChanged();
    return this.ruleView(row, false);
  }

  // ---- evaluation ----------------------------------------------------------------------------------------------

  /**
   * Evaluates every rule for one citizen today: makes the advice that is new, refreshes the texts of the advice
   * that stays (a rule's wording may have changed), and ends the advice whose condition no longer holds. Kinds the
   * citizen switched off are not looked at (nor is the data they would need). Idempotent.
   */
  async evaluateCitizen(citizenId: string): Promise<EvaluationResult> {
    await this.ensureDefaultRules();
    const citizen = await inScope(this.db, { platform: true }, (trx) => new RecommendationsRepository(trx).citizen(citizenId));
    if (!citizen) return { made: 0, updated: 0, expired: 0 };
    const wanted = RECOMMENDATION_KINDS.filter((k) => !citizen.recommendation_kinds_off.includes(k));
    // the registry's own rule of who is in whose care (its own transaction: read before ours opens)
    const minors: MinorInCare[] = wanted.includes('life_event')
      ? (await this.registry.minorsInCareOf(citizen.fiscal_code)).map((m) => ({ fiscalCode: m.fiscalCode, name: m.name, birthDate: m.birthDate, tenantId: m.tenantId }))
      : [];
    const today = clock.today();
    const now = clock.now();

    return inScope(this.db, { platform: true }, async (trx) => {
      const repo = new RecommendationsRepository(trx);
      const allRules = await repo.rules({ everyBody: true });
      const rules = allRules.filter((r) => r.active && wanted.includes(r.kind));
      // a body's rule (active or not) replaces the platform's of the same key for that body's occasions
      const replacedIn = new Set(allRules.filter((r) => r.tenant_id).map((r) => `${r.tenant_id}|${r.key}`));

      const records = wanted.includes('deadline') ? await repo.registryRecords(citizen.fiscal_code) : [];
      const favourites = wanted.includes('favourite') ? await repo.favourites(citizen.id) : [];
      const profile: CitizenProfile = {
        fiscalCode: citizen.fiscal_code,
        name: `${citizen.given_name} ${citizen.family_name}`,
        records: records.map((r) => ({ tenantId: r.tenant_id, tenantSlug: r.tenant_slug, tenantName: r.tenant_name, idCardExpiresOn: r.id_card_expires_on })),
        minors,
        favourites: favourites.map((f) => ({
          serviceId: f.id, title: f.title, tenantId: f.tenant_id, tenantName: f.tenant_name, href: serviceCardPath(f.tenant_slug, f.slug),
          starredAt: f.starred_at, version: f.current_version, publishedAt: f.published_at,
        })),
        payments: wanted.includes('payment') && this.payments ? await this.payments.payableFor(trx, { id: citizen.id, fiscalCode: citizen.fiscal_code }) : [],
      };

      const slugs = [...new Set(rules.map((r) => (r.condition as { serviceSlug?: string }).serviceSlug).filter((s): s is string => !!s))];
      const tenantIds = [...new Set([...profile.records.map((r) => r.tenantId), ...minors.map((m) => m.tenantId)])];
      const named = new Map<string, NamedService>();
      for (const s of await repo.namedServices(tenantIds, slugs)) {
        const w = s.window;
        const window = w && typeof w.opensAt === 'string' && typeof w.closesAt === 'string' ? { opensAt: w.opensAt, closesAt: w.closesAt } : null;
        named.set(`${s.tenant_id}|${s.slug}`, { id: s.id, title: s.title, tenantId: s.tenant_id, tenantName: s.tenant_name, href: serviceCardPath(s.tenant_slug, s.slug), window });
      }
      const finder = (tenantId: string, slug: string) => named.get(`${tenantId}|${slug}`) ?? null;

      // what should be shown now, by dedupe key
      const due = new Map<string, { rule: RuleRow; occasion: Occasion; texts: { title: string; message: string; reason: string; link: string } }>();
      for (const rule of rules) {
        for (const occasion of evaluateRule(rule.condition as RecommendationCondition, profile, finder, today)) {
          if (rule.tenant_id ? occasion.tenantId !== rule.tenant_id : occasion.tenantId && replacedIn.has(`${occasion.tenantId}|${rule.key}`)) continue;
          const texts = {
            title: render(rule.title, occasion.values), message: render(rule.message, occasion.values),
            reason: render(rule.reason, occasion.values), link: render(rule.link, occasion.values),
          };
          if (!isPortalPath(texts.link)) texts.link = occasion.values.link_servizio ?? '/area-personale';
          due.set(`${citizen.id}:${rule.key}:${occasion.occasion}`, { rule, occasion, texts });
        }
      }

      const stored = new Map((await repo.stored(citizen.id)).map((s) => [s.dedupe_key, s]));
      const fresh: NewRecommendation[] = [];
      let updated = 0;
      for (const [key, { rule, occasion, texts }] of due) {
        const row = {
          rule_id: rule.id, ...texts, relevant_from: occasion.relevantFrom, expires_at: occasion.expiresAt,
        };
        const old = stored.get(key);
        if (!old) {
          fresh.push({ citizen_id: citizen.id, kind: occasion.kind, dedupe_key: key, tenant_id: occasion.tenantId, subject_fiscal_code: occasion.subject.fiscalCode,
            subject_name: occasion.subject.name, ...row });
          continue;
        }
        if (old.dismissed_at) continue;
        const changed = old.rule_id !== row.rule_id || old.title !== row.title || old.message !== row.message || old.reason !== row.reason ||
          old.link !== row.link || old.relevant_from !== row.relevant_from || isoOrNull(old.expires_at) !== isoOrNull(row.expires_at);
        if (changed) {
          await repo.update(old.id, row, now);
          updated++;
        }
      }
      const made = await repo.insert(fresh);

      // the registry data behind each new piece of advice was read by the system, for the citizen
      const byKey = new Map(fresh.map((f) => [f.dedupe_key, f]));
      const reads: PersonalDataRead[] = [];
      for (const m of made) {
        const f = byKey.get(m.dedupe_key)!;
        const { occasion } = due.get(m.dedupe_key)!;
        if (!occasion.registry) continue;
        reads.push({
          tenantId: occasion.registry.tenantId, subjectFiscalCode: occasion.subject.fiscalCode, citizenId: citizen.id, actor: SYSTEM_ACTOR,
          object: { type: 'recommendation', id: m.id, label: f.title },
          operation: 'recommendation',
          purpose: `Avviso «${f.title}» nella sezione «Per te» dell'area personale`,
          legalBasis: LEGAL_BASIS.personalService,
        });
      }
      await recordPersonalDataReads(trx, reads);

      // advice whose condition no longer holds ends now (kinds switched off are left as they are)
      const ended = [...stored.values()].filter((s) => !s.dismissed_at && wanted.includes(s.kind) && !due.has(s.dedupe_key) &&
        (!s.expires_at || s.expires_at > now)).map((s) => s.id);
      await repo.expire(ended, now);
      return { made: made.length, updated, expired: ended.length };
    });
  }

  /**
   * One batch of today's evaluation of every citizen: claims today's run (made once per Italian day), evaluates
   * the next citizens after where it stopped, records how far it got. Returns how many citizens it evaluated
   * (0: today's run is done). A citizen whose evaluation fails is logged and skipped; the next day tries again.
   */
  async runDailyBatch(): Promise<number> {
    await this.ensureDefaultRules();
    const day = clock.today();
    const { run, ids } = await inScope(this.db, { platform: true }, async (trx) => {
      const repo = new RecommendationsRepository(trx);
      const r = await repo.run(day);
      return { run: r, ids: r.finished_at ? [] : await repo.citizenIds(r.last_citizen, DAILY_BATCH) };
    });
    if (run.finished_at) return 0;
    for (const id of ids) {
      try {
        await this.evaluateCitizen(id);
      } catch (error) {
        this.onError(error, id);
      }
    }
    await inScope(this.db, { platform: true }, (trx) =>
      new RecommendationsRepository(trx).advanceRun(day, run.last_citizen, ids.at(-1) ?? run.last_citizen, ids.length, ids.length < DAILY_BATCH, clock.now()));
    return ids.length;
  }

  /** Today's evaluation to the end (tests, and the CLI when it wants one). Returns how many citizens it evaluated. */
  async runDaily(): Promise<number> {
    let total = 0;
    for (let n = await this.runDailyBatch(); n > 0; n = await this.runDailyBatch()) total += n;
    return total;
  }

  /**
   * Evaluates one citizen soon, after the caller has gone on (a login answers first). Several calls make one
   * evaluation each, one at a time; failures go to onError.
   */
  evaluateSoon(citizenId: string): void {
    if (this.stopped) return;
    this.queued.add(citizenId);
    if (this.draining) return;
    this.draining = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      while (this.queued.size && !this.stopped) {
        const [id] = this.queued;
        this.queued.delete(id!);
        try {
          await this.evaluateCitizen(id!);
        } catch (error) {
          this.onError(error, id!);
        }
      }
    }).finally(() => {
      this.draining = null;
      // one queued while the loop was ending
      if (this.queued.size && !this.stopped) this.evaluateSoon([...this.queued][0]!);
    });
  }

  /** Waits for the evaluations after logins to finish (tests; the app's close). */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** No more evaluations after logins; waits for the one running. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.settled();
  }
}

// ---- checks of a rule ------------------------------------------------------------------------------------------

function describeError(e: { keyword: string; params: object; message: string; instancePath: string }): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'boolean': // a property the schema does not allow, reported on the property itself
      return `campo sconosciuto per questo tipo di condizione: ${e.instancePath.split('/').pop()} (unknown field)`;
    case 'required':
      return `campo obbligatorio mancante: ${(p.requiredProperties as string[]).join(', ')} (required field missing)`;
    case 'additionalProperties':
      return `campo sconosciuto per questo tipo di condizione: ${(p.additionalProperties as string[]).join(', ')} (unknown field)`;
    case 'minimum':
    case 'maximum':
      return `valore fuori intervallo: deve essere ${e.keyword === 'minimum' ? 'almeno' : 'al massimo'} ${String(p.limit)} (${e.keyword} ${String(p.limit)})`;
    case 'type':
      return `tipo di valore sbagliato: atteso ${String(p.type) === 'integer' ? 'un numero intero' : String(p.type) === 'boolean' ? 'vero o falso' : String(p.type)} (expected ${String(p.type)})`;
    case 'pattern':
      return 'formato non valido: usa lettere minuscole, numeri e trattini, come nell\'indirizzo della scheda (invalid slug)';
    case 'enum':
    case 'const':
      return 'valore non ammesso (value not allowed)';
    default:
      return `valore non valido: ${e.message} (invalid value)`;
  }
}

/** The rule's problems, each on its field; throws a 400 naming them all. Returns the condition, typed. */
export function checkRule(body: RuleBodyT): RecommendationCondition {
  const problems: ProblemItem[] = [];
  const type = (body.condition as { type?: string }).type as keyof typeof CONDITION_SCHEMAS;
  const schema = CONDITION_SCHEMAS[type];
  if (!schema) {
    problems.push({ path: 'body.condition.type', message: `tipo di condizione sconosciuto: usa uno di ${Object.keys(CONDITION_SCHEMAS).join(', ')} (unknown condition type)` });
  } else if (!Value.Check(schema, body.condition)) {
    const seen = new Set<string>();
    for (const e of Value.Errors(schema, body.condition)) {
      const path = ['body.condition', ...e.instancePath.split('/').filter(Boolean)].join('.');
      if (seen.has(path)) continue;
      seen.add(path);
      problems.push({ path, message: describeError(e) });
    }
  } else {
    const c = body.condition as RecommendationCondition;
    if (c.type === 'child_age_at_window' && c.minMonths > c.maxMonths) {
      problems.push({ path: 'body.condition.minMonths', message: `l'età minima (${c.minMonths} mesi) supera la massima (${c.maxMonths} mesi) (minMonths exceeds maxMonths)` });
    }
  }
  const allowed = schema ? RULE_PLACEHOLDERS[type] : [];
  for (const field of ['title', 'message', 'reason', 'link'] as const) {
    const text = body[field];
    const unknown = [...new Set(placeholdersIn(text).filter((n) => !allowed.includes(n)))];
    if (schema && unknown.length) {
      problems.push({ path: `body.${field}`, message: `segnaposto che questa condizione non riempie: ${unknown.map((u) => `{{${u}}}`).join(', ')}; usa ${allowed.map((a) => `{{${a}}}`).join(' ')} (unknown placeholder)` });
    }
    if (/\{\{|\}\}/.test(text.replace(/\{\{\s*[^{}]*?\s*\}\}/g, ''))) {
      problems.push({ path: `body.${field}`, message: 'segnaposto incompleto: scrivilo tra doppie graffe, per esempio {{servizio}} (unbalanced braces)' });
    }
  }
  const link = body.link.trim();
  if (!(link.startsWith('{{link_servizio}}') || isPortalPath(link))) {
    problems.push({ path: 'body.link', message: 'il collegamento deve essere un indirizzo del portale che comincia con / oppure {{link_servizio}} (the link must be a path on the portal)' });
  }
  if (problems.length) throw badRequest(`La regola non è stata salvata: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  return body.condition as RecommendationCondition;
}

/**
 * A path on this portal: one slash, then not another slash or a backslash (browsers read "/\evil.example" as
 * "//evil.example", another site), and no control characters.
 */
export function isPortalPath(link: string): boolean {
  return /^\/(?![\/\\])[^\s\\]*$/.test(link);
}
