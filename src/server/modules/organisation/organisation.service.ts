import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OpeningHours } from '../../../contracts/catalog.ts';
import { isValidFiscalCode } from '../../../contracts/fiscal-code.ts';
import type { DB } from '../../db/schema.ts';
import { OFFICE_ROLES, requireAccess, type Action, type Actor, type StaffActor, type StaffRole, TOTP_REQUIRED_ROLES } from '../../platform/access.ts';
import { appendAudit, auditActor, listAudit } from '../../platform/audit.ts';
import { badRequest, forbidden, notFound, Problem, unauthorized, type ProblemItem } from '../../platform/errors.ts';
import { inScope } from '../../platform/tenancy.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import { officeDto, tenantDto, type TenantsService } from '../tenants/tenants.service.ts';
import {
  OrganisationRepository, type OfficeValues, type OperatorListRow, type TenantRow,
} from './organisation.repository.ts';
import type {
  GrantInput, NewAssociationInput, NewOfficeInput, NewOperatorInput, NewTenantInput, NewTokenInput, OfficePatchInput, TenantPrivacyPatchInput,
} from './organisation.schemas.ts';

/** Roles that hold the keys of a body or of the platform: nobody removes their own last one. */
const ADMIN_ROLES: readonly string[] = ['tenant_admin', 'platform_admin'];
/** Roles that work across the whole body: an office makes no sense for them. */
const BODY_ROLES: readonly string[] = ['manager', 'tenant_admin', 'platform_admin'];
const OPERATOR_PAGE = 50;
const LIST_BOUND = 500;

const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const OFFICE_CODE_RE = /^[a-z0-9_-]+$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TIME_RE = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const IPA_RE = /^[A-Za-z0-9_.-]+$/;

const conflict = (detail: string, errors?: ProblemItem[]) => new Problem(409, 'Conflitto', detail, errors);

/** The temporary password of a new account: 4 groups of 5 from 57 unambiguous symbols, about 117 bits. */
export function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const group = () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/** A body's 11-digit fiscal code (codice fiscale numerico / partita IVA) with its check digit. */
export function isValidBodyFiscalCode(code: string): boolean {
  if (!/^[0-9]{11}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    let d = code.charCodeAt(i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Problems found in a request body, reported together. */
class Checks {
  readonly items: ProblemItem[] = [];
  add(path: string, message: string) {
    this.items.push({ path, message });
  }
  throwIfAny() {
    if (this.items.length) {
      throw badRequest(`Correggi i campi indicati: ${this.items.map((e) => `${e.path}: ${e.message}`).join('; ')}`, this.items);
    }
  }
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const optionalText = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);
const unique = <T>(xs: T[]) => [...new Set(xs)];

function encodeCursor(after: [string, string]) {
  return Buffer.from(JSON.stringify(after)).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) return v as [string, string];
  } catch {
    // fall through
  }
  throw badRequest('Il cursore non è valido: usa il nextCursor della pagina precedente. (Invalid cursor.)', [
    { path: 'query.cursor', message: 'cursore non valido (invalid cursor)' },
  ]);
}

/** `kind:id` references in the audit log and on tokens. */
function parseRef(ref: string): { kind: string; id: string | null } {
  const i = ref.indexOf(':');
  if (i < 0) return { kind: ref, id: null };
  return { kind: ref.slice(0, i), id: ref.slice(i + 1) };
}
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Administration of the organisation: bodies (platform administrators), offices, operator accounts and their
 * roles, integrators' API tokens, the audit log and associated management. Each change writes its audit entry
 * in the same transaction. Account creation, TOTP reset, sessions and tokens go through the identity service.
 */
export class OrganisationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly identity: IdentityService,
    private readonly tenants: TenantsService,
  ) {}

  /**
   * The same service inside a caller's transaction (the idempotency record's). Methods meant for it resolve the
   * tenant through this module's repository, never through another service's connection (on PGlite a second
   * transaction would wait for this one forever).
   */
  withExecutor(executor: Kysely<DB>): OrganisationService {
    return new OrganisationService(executor, this.identity, this.tenants);
  }

  private inTenant<T>(tenantId: string, fn: (repo: OrganisationRepository, trx: Kysely<DB>) => Promise<T>) {
    return inScope(this.db, { tenantId }, (trx) => fn(new OrganisationRepository(trx), trx));
  }

  private inPlatform<T>(fn: (repo: OrganisationRepository, trx: Kysely<DB>) => Promise<T>) {
    return inScope(this.db, { platform: true }, (trx) => fn(new OrganisationRepository(trx), trx));
  }

  /** Anonymous → 401; unknown body → 404; another body's → 404; a role without the permission → 403. */
  private async authorise(actor: Actor | null, action: Action, tenantIdOrSlug: string): Promise<{ a: StaffActor; tenant: TenantRow }> {
    if (!actor) throw unauthorized();
    const tenant = await this.tenants.get(tenantIdOrSlug);
    const a = requireAccess(actor, action, { tenantId: tenant.id }) as StaffActor;
    return { a, tenant };
  }

  /** As authorise, with the body looked up in this service's own transaction (see withExecutor). */
  private async authoriseHere(actor: Actor | null, action: Action, tenantIdOrSlug: string) {
    if (!actor) throw unauthorized();
    // bodies are public: no scope needed to find one
    const tenant = await new OrganisationRepository(this.db).tenantByIdOrSlug(tenantIdOrSlug);
    if (!tenant) throw notFound("L'ente richiesto");
    const a = requireAccess(actor, action, { tenantId: tenant.id }) as StaffActor;
    return { a, tenant };
  }

  // ----- bodies --------------------------------------------------------------------------------------------------

  /** A platform administrator adds a body (its offices come next, from its own administrator). */
  async createTenant(actor: Actor | null, input: NewTenantInput) {
    const a = requireAccess(actor, 'tenant.create') as StaffActor;
    const c = new Checks();
    const slug = input.slug.trim();
    const fiscalCode = input.fiscalCode.trim();
    const ipaCode = input.ipaCode.trim();
    const name = input.name.trim();
    if (!SLUG_RE.test(slug)) c.add('body.slug', 'usa solo lettere minuscole, cifre e trattini, ad esempio comune-di-esempio (lower-case letters, digits and single hyphens)');
    if (name.length < 3) c.add('body.name', 'scrivi il nome dell\'ente (the name is required)');
    if (!isValidBodyFiscalCode(fiscalCode)) c.add('body.fiscalCode', 'il codice fiscale di un ente ha 11 cifre con la cifra di controllo corretta (11 digits with a valid check digit)');
    if (!IPA_RE.test(ipaCode)) c.add('body.ipaCode', 'il codice IPA contiene solo lettere, cifre, _ . e - (letters, digits, _ . -)');
    if (!input.aooCode.trim()) c.add('body.aooCode', 'indica il codice dell\'area organizzativa omogenea (required)');
    for (const field of ['email', 'pec'] as const) {
      const v = optionalText(input[field]);
      if (v && !EMAIL_RE.test(v)) c.add(`body.${field}`, 'indirizzo e-mail non valido, ad esempio info@ente.it (invalid e-mail address)');
    }
    const website = optionalText(input.website);
    if (website && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(website)) c.add('body.website', 'indirizzo del sito non valido: inizia con https:// (invalid web address)');
    c.throwIfAny();

    return this.inPlatform(async (repo, trx) => {
      const clash = await repo.tenantClashes(slug, ipaCode);
      if (clash.slug || clash.ipaCode) {
        const errors: ProblemItem[] = [];
        if (clash.slug) errors.push({ path: 'body.slug', message: 'questo indirizzo è già usato da un altro ente (already used)' });
        if (clash.ipaCode) errors.push({ path: 'body.ipaCode', message: 'questo codice IPA è già registrato (already registered)' });
        throw conflict('Esiste già un ente con questi dati. (A body with these details exists.)', errors);
      }
      if (input.parentId) {
        const [parent] = await repo.tenantsByIds([input.parentId]);
        if (!parent) throw badRequest('L\'ente superiore indicato non esiste. (Unknown parent body.)', [{ path: 'body.parentId', message: 'ente sconosciuto (unknown body)' }]);
      }
      const row = await repo.insertTenant({
        slug, name, type: input.type, fiscal_code: fiscalCode, ipa_code: ipaCode, aoo_code: input.aooCode.trim(),
        parent_id: input.parentId ?? null, website, email: optionalText(input.email), pec: optionalText(input.pec), phone: optionalText(input.phone),
      });
      await appendAudit(trx, { tenantId: row.id, actor: auditActor(a), action: 'tenant.created', target: `tenant:${row.id}`, details: { slug, type: input.type } });
      return tenantDto(row);
    });
  }

  // ----- privacy choices -----------------------------------------------------------------------------------------

  /** What the body has chosen to show its citizens of its staff (the administrators of the body read it). */
  async privacy(actor: Actor | null, tenantIdOrSlug: string) {
    const { tenant } = await this.authorise(actor, 'office.manage', tenantIdOrSlug);
    const row = await this.inTenant(tenant.id, (repo) => repo.privacy(tenant.id));
    if (!row) throw notFound("L'ente richiesto");
    return { accessLogNamesOperators: row.access_log_names_operators };
  }

  /**
   * The body's administrator records the body's decision, taken under its own legal assessment, on naming its
   * operators in the citizens' access log. The audit entry keeps the value before and after; an unchanged value
   * writes nothing.
   */
  async updatePrivacy(actor: Actor | null, tenantIdOrSlug: string, input: TenantPrivacyPatchInput) {
    const { a, tenant } = await this.authorise(actor, 'office.manage', tenantIdOrSlug);
    // a body's row is written in the platform scope only (RLS policy tenants_write); the permission on this one
    // body was checked just above, and the queries name it
    return this.inPlatform(async (repo, trx) => {
      const current = await repo.privacy(tenant.id, { forUpdate: true });
      if (!current) throw notFound("L'ente richiesto");
      const wanted = input.accessLogNamesOperators;
      if (wanted === undefined || wanted === current.access_log_names_operators) {
        return { accessLogNamesOperators: current.access_log_names_operators };
      }
      const row = await repo.setPrivacy(tenant.id, { access_log_names_operators: wanted });
      await appendAudit(trx, { tenantId: tenant.id, actor: auditActor(a), action: 'tenant.privacy_updated', target: `tenant:${tenant.id}`,
        details: { setting: 'accessLogNamesOperators', from: current.access_log_names_operators, to: wanted } });
      return { accessLogNamesOperators: row.access_log_names_operators };
    });
  }

  // ----- offices -------------------------------------------------------------------------------------------------

  private officeValues(input: OfficePatchInput, c: Checks): Partial<OfficeValues> {
    const v: Partial<OfficeValues> = {};
    if (input.code !== undefined) {
      v.code = input.code.trim();
      if (!OFFICE_CODE_RE.test(v.code)) c.add('body.code', 'usa solo lettere minuscole, cifre, _ e -, ad esempio anagrafe (lower-case letters, digits, _ and -)');
    }
    for (const [field, column] of [['name', 'name'], ['address', 'address'], ['city', 'city']] as const) {
      const value = input[field];
      if (value === undefined) continue;
      v[column] = value.trim();
      if (!v[column]) c.add(`body.${field}`, 'campo obbligatorio (required)');
    }
    if (input.postalCode !== undefined) {
      v.postal_code = input.postalCode.trim();
      if (!/^[0-9]{5}$/.test(v.postal_code)) c.add('body.postalCode', 'il CAP ha 5 cifre, ad esempio 24029 (5 digits)');
    }
    if (input.province !== undefined) {
      v.province = input.province.trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(v.province)) c.add('body.province', 'indica la sigla della provincia, 2 lettere, ad esempio BG (2-letter code)');
    }
    if (input.description !== undefined) v.description = optionalText(input.description);
    if (input.phone !== undefined) v.phone = optionalText(input.phone);
    for (const field of ['email', 'pec'] as const) {
      if (input[field] === undefined) continue;
      const value = optionalText(input[field]);
      if (value && !EMAIL_RE.test(value)) c.add(`body.${field}`, 'indirizzo e-mail non valido, ad esempio anagrafe@comune.it (invalid e-mail address)');
      v[field] = value;
    }
    if (input.openingHours !== undefined) {
      v.opening_hours = input.openingHours.map((h, i): OpeningHours => {
        const path = `body.openingHours.${i}`;
        if (!TIME_RE.test(h.opens)) c.add(`${path}.opens`, 'orario non valido: usa HH:MM, ad esempio 08:30 (use HH:MM)');
        if (!TIME_RE.test(h.closes)) c.add(`${path}.closes`, 'orario non valido: usa HH:MM, ad esempio 12:30 (use HH:MM)');
        else if (TIME_RE.test(h.opens) && h.closes <= h.opens) c.add(`${path}.closes`, "l'ora di chiusura viene dopo quella di apertura (closing comes after opening)");
        const days = unique(h.days).sort((x, y) => x - y);
        const note = optionalText(h.note);
        return note ? { days, opens: h.opens, closes: h.closes, note } : { days, opens: h.opens, closes: h.closes };
      });
    }
    return v;
  }

  /** A tenant administrator adds an office with its address, contacts and opening hours. */
  async createOffice(actor: Actor | null, tenantIdOrSlug: string, input: NewOfficeInput) {
    const { a, tenant } = await this.authoriseHere(actor, 'office.manage', tenantIdOrSlug);
    const c = new Checks();
    const values = this.officeValues(input, c) as OfficeValues;
    c.throwIfAny();
    return this.inTenant(tenant.id, async (repo, trx) => {
      if (await repo.officeIdByCode(tenant.id, values.code)) {
        throw conflict(`L'ente ha già un ufficio con il codice "${values.code}". (Office code already used.)`, [
          { path: 'body.code', message: 'codice già usato da un altro ufficio dell\'ente (already used)' },
        ]);
      }
      const row = await repo.insertOffice(tenant.id, values);
      await appendAudit(trx, { tenantId: tenant.id, actor: auditActor(a), action: 'office.created', target: `office:${row.id}`, details: { code: row.code } });
      return officeDto(row);
    });
  }

  /** Changes some fields of an office; the audit entry names the fields changed. */
  async updateOffice(actor: Actor | null, tenantIdOrSlug: string, officeId: string, input: OfficePatchInput) {
    const { a, tenant } = await this.authorise(actor, 'office.manage', tenantIdOrSlug);
    const c = new Checks();
    const values = this.officeValues(input, c);
    c.throwIfAny();
    return this.inTenant(tenant.id, async (repo, trx) => {
      const current = await repo.office(tenant.id, officeId);
      if (!current) throw notFound("L'ufficio richiesto");
      if (values.code && values.code !== current.code) {
        const other = await repo.officeIdByCode(tenant.id, values.code);
        if (other && other.id !== officeId) {
          throw conflict(`L'ente ha già un ufficio con il codice "${values.code}". (Office code already used.)`, [
            { path: 'body.code', message: 'codice già usato da un altro ufficio dell\'ente (already used)' },
          ]);
        }
      }
      const row = await repo.updateOffice(tenant.id, officeId, values);
      await appendAudit(trx, { tenantId: tenant.id, actor: auditActor(a), action: 'office.updated', target: `office:${officeId}`,
        details: { fields: Object.keys(input).sort() } });
      return officeDto(row);
    });
  }

  // ----- operators -----------------------------------------------------------------------------------------------

  private async operatorItems(repo: OrganisationRepository, tenantId: string, rows: OperatorListRow[]) {
    const roles = await repo.rolesOf(tenantId, rows.map((r) => r.id));
    const comuni = new Map((await repo.tenantsByIds(unique(roles.flatMap((r) => r.comuni)))).map((t) => [t.id, t.name]));
    const now = new Date();
    return rows.map((o) => ({
      id: o.id,
      email: o.email,
      name: o.name,
      hasFiscalCode: o.has_fiscal_code,
      disabled: o.disabled_at !== null,
      totpEnrolled: o.totp_enabled_at !== null,
      locked: !!o.locked_until && o.locked_until > now,
      lastLoginAt: iso(o.last_login_at),
      createdAt: iso(o.created_at)!,
      roles: roles.filter((r) => r.operator_id === o.id).map((r) => ({
        id: r.id,
        role: r.role,
        office: r.office_id ? { id: r.office_id, code: r.office_code ?? '', name: r.office_name ?? '' } : null,
        comuni: r.comuni.map((id) => ({ id, name: comuni.get(id) ?? id })),
        sectors: r.sectors,
        targetAreas: r.target_areas,
        reserved: r.social_reserved,
        createdAt: iso(r.created_at)!,
      })),
    }));
  }

  private async operatorItem(repo: OrganisationRepository, tenantId: string, operatorId: string) {
    const row = await repo.operator(tenantId, operatorId);
    if (!row) throw notFound("L'operatore richiesto");
    return (await this.operatorItems(repo, tenantId, [row]))[0]!;
  }

  /** A body's operators by name, with their roles and offices, whether disabled, enrolled, and their last login. */
  async listOperators(actor: Actor | null, tenantIdOrSlug: string, query: { q?: string; cursor?: string; limit?: number }) {
    const { tenant } = await this.authorise(actor, 'operator.read', tenantIdOrSlug);
    const limit = query.limit ?? OPERATOR_PAGE;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    return this.inTenant(tenant.id, async (repo) => {
      const rows = await repo.listOperators(tenant.id, { q: query.q?.trim() || undefined, after, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: await this.operatorItems(repo, tenant.id, page),
        nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
      };
    });
  }

  async getOperator(actor: Actor | null, tenantIdOrSlug: string, operatorId: string) {
    const { tenant } = await this.authorise(actor, 'operator.read', tenantIdOrSlug);
    return this.inTenant(tenant.id, (repo) => this.operatorItem(repo, tenant.id, operatorId));
  }

  /**
   * Checks role grants against the body: operator and desk work in one of its offices, body-wide roles take no
   * office, a social worker's scope names comuni the body serves, and only a platform administrator hands out
   * platform administration.
   */
  private async checkGrants(repo: OrganisationRepository, a: StaffActor, tenantId: string, grants: GrantInput[], pathOf: (i: number) => string, c: Checks) {
    if (grants.some((g) => g.role === 'platform_admin') && !a.roles.includes('platform_admin')) {
      throw forbidden("Solo un amministratore della piattaforma può assegnare questo ruolo. (Only a platform administrator may grant platform_admin.)");
    }
    const officeIds = unique(grants.map((g) => g.officeId).filter((x): x is string => !!x));
    const known = new Set((await repo.officesIn(tenantId, officeIds)).map((o) => o.id));
    const needScope = grants.some((g) => g.comuni?.length);
    const scope = needScope ? new Set((await repo.scopeTenants(tenantId)).map((t) => t.id)) : new Set<string>();
    const seen = new Set<string>();
    return grants.map((g, i) => {
      const p = pathOf(i);
      const role = g.role as StaffRole;
      if ((OFFICE_ROLES as readonly string[]).includes(role) && !g.officeId) {
        c.add(`${p}officeId`, "scegli l'ufficio in cui lavora: operatore e sportello lavorano in un ufficio (choose an office)");
      }
      if (BODY_ROLES.includes(role) && g.officeId) c.add(`${p}officeId`, "questo ruolo vale per tutto l'ente: non indicare un ufficio (body-wide role: no office)");
      else if (g.officeId && !known.has(g.officeId)) c.add(`${p}officeId`, "l'ufficio non appartiene a questo ente (unknown office)");
      if (role !== 'social_worker') {
        for (const field of ['comuni', 'sectors', 'targetAreas'] as const) {
          if (g[field]?.length) c.add(`${p}${field}`, "vale solo per il ruolo di assistente sociale (only for social_worker)");
        }
        if (g.reserved) c.add(`${p}reserved`, "vale solo per il ruolo di assistente sociale (only for social_worker)");
      }
      (g.comuni ?? []).forEach((id, j) => {
        if (!scope.has(id)) c.add(`${p}comuni.${j}`, "non è l'ente né un comune che l'ente serve (not a comune this body serves)");
      });
      const key = `${role}|${g.officeId ?? ''}`;
      if (seen.has(key)) c.add(`${p}role`, 'ruolo ripetuto (duplicate role)');
      seen.add(key);
      return {
        role,
        officeId: g.officeId ?? null,
        comuni: unique(g.comuni ?? []),
        sectors: unique((g.sectors ?? []).map((s) => s.trim()).filter(Boolean)),
        targetAreas: unique(g.targetAreas ?? []),
        reserved: !!g.reserved,
      };
    });
  }

  /**
   * Creates an account with its first roles and a strong temporary password, returned once: the administrator
   * hands it over; only its hash is kept. The first sign-in with it must choose a new password.
   */
  async createOperator(actor: Actor | null, tenantIdOrSlug: string, input: NewOperatorInput) {
    const { a, tenant } = await this.authorise(actor, 'operator.manage', tenantIdOrSlug);
    const c = new Checks();
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim().replace(/\s+/g, ' ');
    const fiscalCode = input.fiscalCode?.trim().toUpperCase() || undefined;
    if (!EMAIL_RE.test(email)) c.add('body.email', 'indirizzo e-mail non valido, ad esempio nome.cognome@comune.it (invalid e-mail address)');
    if (name.length < 2) c.add('body.name', 'scrivi nome e cognome (the name is required)');
    if (fiscalCode && !isValidFiscalCode(fiscalCode)) c.add('body.fiscalCode', 'codice fiscale non valido: 16 caratteri con il carattere di controllo corretto (invalid fiscal code)');
    const grants = await this.inTenant(tenant.id, (repo) => this.checkGrants(repo, a, tenant.id, input.grants, (i) => `body.grants.${i}.`, c));
    c.throwIfAny();

    const password = temporaryPassword();
    let created: { id: string } | undefined;
    try {
      created = await this.identity.createOperator({ tenantId: tenant.id, email, name, password, fiscalCode, grants, createdBy: auditActor(a),
        mustChangePassword: true });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw conflict('Questo codice fiscale è già associato a un altro account. (Fiscal code already used.)', [
          { path: 'body.fiscalCode', message: 'già associato a un altro account (already used)' },
        ]);
      }
      throw error;
    }
    if (!created) {
      throw conflict('Esiste già un account con questa e-mail. (An account with this e-mail exists.)', [
        { path: 'body.email', message: 'e-mail già usata da un altro account (already used)' },
      ]);
    }
    // the reserved permission of the social worker grant
    if (grants.some((g) => g.role === 'social_worker' && g.reserved)) await this.inTenant(tenant.id, (repo) => repo.setSocialReserved(tenant.id, created.id));
    const operator = await this.inTenant(tenant.id, (repo) => this.operatorItem(repo, tenant.id, created.id));
    return { operator, temporaryPassword: password };
  }

  /** Only a platform administrator acts on a platform administrator's account. */
  private guardPlatformAccount(a: StaffActor, target: { roles: { role: string }[] }) {
    if (target.roles.some((r) => r.role === 'platform_admin') && !a.roles.includes('platform_admin')) {
      throw forbidden("Solo un amministratore della piattaforma può modificare questo account. (Only a platform administrator may change this account.)");
    }
  }

  /** Disables (ending every session at once) or enables an account. Nobody disables themselves. */
  async setDisabled(actor: Actor | null, tenantIdOrSlug: string, operatorId: string, disabled: boolean) {
    const { a, tenant } = await this.authorise(actor, 'operator.manage', tenantIdOrSlug);
    const item = await this.inTenant(tenant.id, async (repo, trx) => {
      const target = await this.operatorItem(repo, tenant.id, operatorId);
      if (disabled && a.kind === 'operator' && a.id === operatorId) {
        throw conflict('Non puoi disabilitare il tuo stesso account. (You cannot disable your own account.)');
      }
      this.guardPlatformAccount(a, target);
      const changed = await repo.setDisabled(tenant.id, operatorId, disabled);
      if (Number(changed.numUpdatedRows) > 0) {
        await appendAudit(trx, { tenantId: tenant.id, actor: auditActor(a), action: disabled ? 'operator.disabled' : 'operator.enabled', target: `operator:${operatorId}` });
      }
      return this.operatorItem(repo, tenant.id, operatorId);
    });
    // after the commit: a session check already refuses a disabled account; this removes the sessions too
    if (disabled) await this.identity.endOperatorSessions(operatorId);
    return item;
  }

  /** Gives an operator one more role (in an office, or with a social worker's scope). */
  async grantRole(actor: Actor | null, tenantIdOrSlug: string, operatorId: string, input: GrantInput) {
    const { a, tenant } = await this.authoriseHere(actor, 'operator.manage', tenantIdOrSlug);
    const item = await this.inTenant(tenant.id, async (repo, trx) => {
      if (!(await repo.operator(tenant.id, operatorId))) throw notFound("L'operatore richiesto");
      const c = new Checks();
      const [grant] = await this.checkGrants(repo, a, tenant.id, [input], () => 'body.', c);
      c.throwIfAny();
      const g = grant!;
      const row = await repo.insertRole({ tenantId: tenant.id, operatorId, ...g, createdBy: auditActor(a) });
      if (!row) {
        throw conflict("L'operatore ha già questo ruolo in questo ufficio. (The operator already has this role.)", [
          { path: 'body.role', message: 'ruolo già assegnato (already granted)' },
        ]);
      }
      await appendAudit(trx, { tenantId: tenant.id, actor: auditActor(a), action: 'role.granted', target: `operator:${operatorId}`,
        details: { roleId: row.id, role: g.role, officeId: g.officeId, comuni: g.comuni, sectors: g.sectors, targetAreas: g.targetAreas, reserved: g.reserved } });
      return this.operatorItem(repo, tenant.id, operatorId);
    });
    // a role that needs a second factor starts with the next sign-in, which asks for it (or enrols it)
    if ((TOTP_REQUIRED_ROLES as readonly string[]).includes(input.role)) await this.identity.endOperatorSessions(operatorId);
    return item;
  }

  /** Removes a role. An administrator keeps their own last administrator role (someone must hold the keys). */
  async revokeRole(actor: Actor | null, tenantIdOrSlug: string, operatorId: string, roleId: string) {
    const { a, tenant } = await this.authorise(actor, 'operator.manage', tenantIdOrSlug);
    return this.inTenant(tenant.id, async (repo, trx) => {
      if (!(await repo.operator(tenant.id, operatorId))) throw notFound("L'operatore richiesto");
      const role = await repo.role(tenant.id, operatorId, roleId);
      if (!role) throw notFound('Il ruolo richiesto');
      if (role.role === 'platform_admin' && !a.roles.includes('platform_admin')) {
        throw forbidden("Solo un amministratore della piattaforma può togliere questo ruolo. (Only a platform administrator may revoke platform_admin.)");
      }
      if (a.kind === 'operator' && a.id === operatorId && ADMIN_ROLES.includes(role.role)) {
        const all = await repo.rolesForUpdate(tenant.id, operatorId);
        if (!all.some((r) => r.role === role.role && r.id !== roleId)) {
          throw conflict('Non puoi toglierti il tuo ultimo ruolo di amministratore: chiedilo a un altro amministratore. (You cannot remove your own last administrator role.)');
        }
      }
      await repo.deleteRole(tenant.id, roleId);
      await appendAudit(trx, { tenantId: tenant.id, actor: auditActor(a), action: 'role.revoked', target: `operator:${operatorId}`,
        details: { roleId, role: role.role, officeId: role.office_id } });
      return this.operatorItem(repo, tenant.id, operatorId);
    });
  }

  /** Clears an operator's second factor (lost phone): they enrol again at the next sign-in; their sessions end. */
  async resetTotp(actor: Actor | null, tenantIdOrSlug: string, operatorId: string) {
    const { a, tenant } = await this.authorise(actor, 'operator.manage', tenantIdOrSlug);
    const target = await this.inTenant(tenant.id, (repo) => this.operatorItem(repo, tenant.id, operatorId));
    this.guardPlatformAccount(a, target);
    await this.identity.resetTotp(a, operatorId, tenant.id);
    await this.identity.endOperatorSessions(operatorId);
    return this.inTenant(tenant.id, (repo) => this.operatorItem(repo, tenant.id, operatorId));
  }

  // ----- names of who and what -----------------------------------------------------------------------------------

  /** Resolves `kind:id` references to names: one query per kind, never one per row. */
  private async resolver(repo: OrganisationRepository, tenantId: string, refs: (string | null)[]) {
    const ids = (kind: string) => unique(refs.filter((r): r is string => !!r).map(parseRef).filter((p) => p.kind === kind && p.id && UUID_RE.test(p.id)).map((p) => p.id!));
    const [operators, tokens, offices, tenants] = await Promise.all([
      repo.operatorNames(tenantId, ids('operator')),
      repo.tokenNames(tenantId, ids('token')),
      repo.officesIn(tenantId, ids('office')),
      repo.tenantsByIds(ids('tenant')),
    ]);
    const names = new Map<string, string>([
      ...operators.map((o) => [`operator:${o.id}`, o.name] as const),
      ...tokens.map((t) => [`token:${t.id}`, t.name] as const),
      ...offices.map((o) => [`office:${o.id}`, o.name] as const),
      ...tenants.map((t) => [`tenant:${t.id}`, t.name] as const),
    ]);
    return (ref: string) => ({ ref, kind: parseRef(ref).kind, name: names.get(ref) ?? null });
  }

  // ----- API tokens ----------------------------------------------------------------------------------------------

  private async tokenItems(tenantId: string) {
    const rows = (await this.identity.listTokens(tenantId)).slice(0, LIST_BOUND);
    const now = new Date();
    return this.inTenant(tenantId, async (repo) => {
      const name = await this.resolver(repo, tenantId, rows.flatMap((r) => [r.created_by, r.revoked_by]));
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        role: r.role,
        status: r.revoked_at ? 'revoked' : r.expires_at && r.expires_at <= now ? 'expired' : 'active',
        createdAt: iso(r.created_at)!,
        createdBy: name(r.created_by),
        expiresAt: iso(r.expires_at),
        revokedAt: iso(r.revoked_at),
        revokedBy: r.revoked_by ? name(r.revoked_by) : null,
        lastUsedAt: iso(r.last_used_at),
      }));
    });
  }

  /** The body's integrator tokens, newest first (never their value). */
  async listTokens(actor: Actor | null, tenantIdOrSlug: string) {
    const { tenant } = await this.authorise(actor, 'token.manage', tenantIdOrSlug);
    return { items: await this.tokenItems(tenant.id) };
  }

  /** A new token; its value is in this answer only. A platform_admin token only from a platform administrator. */
  async createToken(actor: Actor | null, tenantIdOrSlug: string, input: NewTokenInput) {
    const { a, tenant } = await this.authorise(actor, 'token.manage', tenantIdOrSlug);
    if (input.role === 'platform_admin' && !a.roles.includes('platform_admin')) {
      throw forbidden("Solo un amministratore della piattaforma può creare un token con questo ruolo. (Only a platform administrator may create a platform_admin token.)");
    }
    const name = input.name.trim();
    if (name.length < 2) throw badRequest('Dai un nome al token. (Name the token.)', [{ path: 'body.name', message: 'scrivi chi lo usa, ad esempio "Gestionale protocollo" (required)' }]);
    const created = await this.identity.createToken({ tenantId: tenant.id, role: input.role, name, days: input.days ?? 365, createdBy: auditActor(a) });
    const item = (await this.tokenItems(tenant.id)).find((t) => t.id === created.id)!;
    return { ...item, token: created.token };
  }

  /** Revokes a live token: integrations using it stop working at once. */
  async revokeToken(actor: Actor | null, tenantIdOrSlug: string, tokenId: string) {
    const { a, tenant } = await this.authorise(actor, 'token.manage', tenantIdOrSlug);
    const existing = await this.identity.tokenExists(tenant.id, tokenId);
    if (!existing) throw notFound('Il token richiesto');
    if (existing.revoked_at) throw conflict('Il token è già stato revocato. (The token is already revoked.)');
    await this.identity.revokeToken({ tenantId: tenant.id, tokenId, revokedBy: auditActor(a) });
    return (await this.tokenItems(tenant.id)).find((t) => t.id === tokenId)!;
  }

  // ----- audit log -----------------------------------------------------------------------------------------------

  /** Who did what in the body, newest first; operators of the body are named. */
  async audit(actor: Actor | null, tenantIdOrSlug: string, query: { before?: string; action?: string; limit?: number }) {
    const { tenant } = await this.authorise(actor, 'audit.read', tenantIdOrSlug);
    const page = await listAudit(this.db, tenant.id, { before: query.before, action: query.action, limit: query.limit ?? 50 });
    const name = await this.inTenant(tenant.id, (repo) => this.resolver(repo, tenant.id, page.items.flatMap((e) => [e.actor, e.target])));
    return {
      items: page.items.map((e) => ({
        seq: e.seq,
        at: e.at.toISOString(),
        action: e.action,
        actor: name(e.actor),
        target: e.target ? name(e.target) : null,
        details: e.details ?? {},
      })),
      nextBefore: page.next,
    };
  }

  // ----- associated management ---------------------------------------------------------------------------------

  /** The associations a body leads or belongs to: public information. */
  async associations(tenantIdOrSlug: string) {
    const tenant = await this.tenants.get(tenantIdOrSlug);
    const rows = await new OrganisationRepository(this.db).associationsOf(tenant.id, LIST_BOUND);
    return {
      items: rows.map((r) => ({
        lead: { id: r.lead_id, slug: r.lead_slug, name: r.lead_name },
        member: { id: r.member_id, slug: r.member_slug, name: r.member_name },
        description: r.description,
        createdAt: iso(r.created_at)!,
      })),
    };
  }

  /** A platform administrator records that a lead body handles services on behalf of a member body. */
  async createAssociation(actor: Actor | null, input: NewAssociationInput) {
    const a = requireAccess(actor, 'association.manage') as StaffActor;
    const description = input.description.trim();
    return this.inPlatform(async (repo, trx) => {
      const c = new Checks();
      if (input.leadTenantId === input.memberTenantId) c.add('body.memberTenantId', "scegli un ente diverso dall'ente capofila (must differ from the lead body)");
      if (description.length < 3) c.add('body.description', 'descrivi quali servizi gestisce l\'ente capofila (required)');
      const found = new Map((await repo.tenantsByIds(unique([input.leadTenantId, input.memberTenantId]))).map((t) => [t.id, t]));
      if (!found.has(input.leadTenantId)) c.add('body.leadTenantId', 'ente sconosciuto (unknown body)');
      if (!found.has(input.memberTenantId)) c.add('body.memberTenantId', 'ente sconosciuto (unknown body)');
      c.throwIfAny();
      const row = await repo.insertAssociation({ leadTenantId: input.leadTenantId, memberTenantId: input.memberTenantId, description });
      if (!row) throw conflict('Questa gestione associata esiste già. (This association already exists.)');
      for (const [tenantId, other] of [[input.leadTenantId, input.memberTenantId], [input.memberTenantId, input.leadTenantId]] as const) {
        await appendAudit(trx, { tenantId, actor: auditActor(a), action: 'association.created', target: `tenant:${other}`,
          details: { leadTenantId: input.leadTenantId, memberTenantId: input.memberTenantId } });
      }
      const lead = found.get(input.leadTenantId)!;
      const member = found.get(input.memberTenantId)!;
      return {
        lead: { id: lead.id, slug: lead.slug, name: lead.name },
        member: { id: member.id, slug: member.slug, name: member.name },
        description,
        createdAt: iso(row.created_at)!,
      };
    });
  }
}
