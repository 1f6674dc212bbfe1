import { forbidden, notFound, Problem, unauthorized } from './errors.ts';

export const ROLES = ['citizen', 'operator', 'manager', 'desk', 'social_worker', 'tenant_admin', 'platform_admin'] as const;
export type RoleName = (typeof ROLES)[number];
/** Roles given to operator accounts and API tokens (everything but citizen). */
export const STAFF_ROLES = ROLES.filter((r) => r !== 'citizen') as Exclude<RoleName, 'citizen'>[];
export type StaffRole = Exclude<RoleName, 'citizen'>;
/** Roles that work in one office rather than across the body. */
export const OFFICE_ROLES: readonly StaffRole[] = ['operator', 'desk'];
/** Roles that must log in with a second factor (TOTP) when they use a password. */
export const TOTP_REQUIRED_ROLES: readonly StaffRole[] = ['manager', 'tenant_admin', 'platform_admin'];

export const SPID_LEVELS = ['SpidL1', 'SpidL2', 'SpidL3'] as const;
export type SpidLevel = (typeof SPID_LEVELS)[number];
export const levelRank = (level: string | null | undefined): number => SPID_LEVELS.indexOf(level as SpidLevel) + 1;

/** One role given to an operator: where it applies (an office) and, for social workers, which cases. */
export interface RoleGrant {
  role: StaffRole;
  officeId: string | null;
  comuni: string[];
  sectors: string[];
  targetAreas: string[];
  /** social workers: the explicit permission to the reserved parts of a case (court measures, health data) */
  reserved?: boolean;
}

/** An operator (session) or an integrator's API token: always bound to one tenant. */
export interface StaffActor {
  kind: 'operator' | 'token';
  id: string;
  name: string;
  tenantId: string;
  roles: StaffRole[];
  grants: RoleGrant[];
  /** the tenants whose applications this actor may handle: its own and, under associated management, members' */
  servedTenantIds: string[];
  auth: { method: string; level: string | null };
}

/** Whom a citizen acts for, resolved: themselves, a minor child, a delegating client or a represented company. */
export interface Subject {
  kind: 'self' | 'minor' | 'delegation' | 'company';
  /** registry person, delegation or company id; the citizen's own id for self */
  id: string;
  fiscalCode: string;
  name: string;
}

export interface CitizenActor {
  kind: 'citizen';
  id: string;
  name: string;
  fiscalCode: string;
  roles: ['citizen'];
  auth: { method: string; level: SpidLevel };
  actingFor: Subject;
}

export type Actor = StaffActor | CitizenActor;

export const isStaff = (actor: Actor | null): actor is StaffActor => !!actor && actor.kind !== 'citizen';
export const isCitizen = (actor: Actor | null): actor is CitizenActor => !!actor && actor.kind === 'citizen';

/**
 * What can be done, by which roles. One table, read by requireAccess and by the matrix test.
 * `scope` says how the resource is matched: `tenant` = the actor's own tenant (platform admins: any);
 * `served` = own tenant or a member tenant under associated management; `platform` = platform admins only;
 * `citizen` = the citizen's own objects.
 */
export const PERMISSIONS = {
  'catalog.publish': { roles: ['tenant_admin', 'platform_admin'], scope: 'tenant' },
  'catalog.create': { roles: ['tenant_admin', 'platform_admin'], scope: 'tenant' },
  'tenant.create': { roles: ['platform_admin'], scope: 'platform' },
  'association.manage': { roles: ['platform_admin'], scope: 'platform' },
  'office.manage': { roles: ['tenant_admin', 'platform_admin'], scope: 'tenant' },
  'operator.read': { roles: ['tenant_admin', 'platform_admin', 'manager'], scope: 'tenant' },
  'operator.manage': { roles: ['tenant_admin', 'platform_admin'], scope: 'tenant' },
  'token.manage': { roles: ['tenant_admin', 'platform_admin'], scope: 'tenant' },
  'audit.read': { roles: ['tenant_admin', 'platform_admin'], scope: 'tenant' },
  'application.handle': { roles: ['operator', 'manager', 'desk'], scope: 'served' },
  'profile.read': { roles: ['citizen'], scope: 'citizen' },
  'subject.choose': { roles: ['citizen'], scope: 'citizen' },
  'delegation.manage': { roles: ['citizen'], scope: 'citizen' },
  'application.apply': { roles: ['citizen'], scope: 'citizen' },
  'protocol.annul': { roles: ['tenant_admin', 'platform_admin'], scope: 'tenant' },
  'analytics.read': { roles: ['manager', 'tenant_admin', 'platform_admin'], scope: 'served' },
  'jobs.read': { roles: ['platform_admin'], scope: 'platform' },
  /** the body's message templates, the delivery status of its messages, resending */
  'messages.manage': { roles: ['tenant_admin', 'platform_admin'], scope: 'tenant' },
  /** ready answers for the thread: offices use them, managers and administrators write them */
  'reply_templates.read': { roles: ['operator', 'manager', 'desk', 'tenant_admin', 'platform_admin'], scope: 'tenant' },
  'reply_templates.manage': { roles: ['manager', 'tenant_admin', 'platform_admin'], scope: 'tenant' },
  'webhooks.manage': { roles: ['tenant_admin', 'platform_admin'], scope: 'tenant' },
  /** revoking a registry certificate the body issued: its administrators, and the operators of the office that keeps the register */
  'certificates.revoke': { roles: ['operator', 'tenant_admin', 'platform_admin'], scope: 'tenant' },
  /** the rules of the citizens' advice ("Per te"): the body's own; the platform's for platform administrators */
  'recommendations.manage': { roles: ['tenant_admin', 'platform_admin'], scope: 'tenant' },
  /** citizens' reports of a wrong item the body holds: its registry office (operators narrowed to it), managers, administrators */
  'data_reports.handle': { roles: ['operator', 'manager', 'tenant_admin', 'platform_admin'], scope: 'tenant' },
  /** the desk's set-up: appointment calendars, queue categories, counters, paired kiosk and rating devices */
  'desk.configure': { roles: ['manager', 'tenant_admin', 'platform_admin'], scope: 'tenant' },
  /** reading the desk's set-up (calendars, queue categories, counters): whoever configures it or works at it (desk staff: their office) */
  'desk.read': { roles: ['desk', 'manager', 'tenant_admin', 'platform_admin'], scope: 'tenant' },
  /** working at a counter of the office: open and close it, call, recall, transfer, serve tickets */
  'desk.serve': { roles: ['desk', 'manager'], scope: 'tenant' },
  /** the reception of the office: tickets for people, check-in, the day's agenda, bookings by phone, the contacts register, "where is my application" */
  'desk.reception': { roles: ['desk', 'manager'], scope: 'tenant' },
  /** the desk manager's figures: arrivals, waits, satisfaction, counters needed */
  'desk.analytics': { roles: ['manager', 'tenant_admin', 'platform_admin'], scope: 'tenant' },
  /** a citizen books, moves and cancels their own appointments */
  'appointment.book': { roles: ['citizen'], scope: 'citizen' },
  // payments
  /** the body's payments: the list, a payment, its notice and receipt (each read of a payer's data is logged) */
  'payment.read': { roles: ['operator', 'manager', 'tenant_admin', 'platform_admin'], scope: 'tenant' },
  /** the body's payments: debts loaded for a person, cancellation and refund with a reason, reconciliation */
  'payment.manage': { roles: ['operator', 'manager', 'tenant_admin', 'platform_admin'], scope: 'tenant' },
  /** a citizen's own payments (and of whom they act for by law): see, pay, give up a payment before submission */
  'payment.pay': { roles: ['citizen'], scope: 'citizen' },
  // social services of a district: a social worker's grant narrows them to comuni, sectors and target areas
  /** first contacts and case files of the district within the worker's grant: read */
  'social.read': { roles: ['social_worker'], scope: 'tenant' },
  /** record first contacts, open and keep case files: diary, assessments, plan and interventions, status */
  'social.write': { roles: ['social_worker'], scope: 'tenant' },
  /** the reserved parts of a case (court measures, health data): a grant with the explicit reserved permission */
  'social.reserved': { roles: ['social_worker'], scope: 'tenant' },
  /** the flows to INPS's Casellario: the district's coordinator (a grant without limits of comune, sector or area) */
  'social.export': { roles: ['social_worker'], scope: 'tenant' },
  /** the district's figures: social workers (exact, their scope) and managers and administrators (small cells hidden) */
  'social.analytics': { roles: ['social_worker', 'manager', 'tenant_admin', 'platform_admin'], scope: 'tenant' },
} as const satisfies Record<string, { roles: readonly RoleName[]; scope: 'tenant' | 'served' | 'platform' | 'citizen' }>;
export type Action = keyof typeof PERMISSIONS;

/** The object an action touches. Office and social-case fields narrow office- and scope-bound roles. */
export interface Resource {
  tenantId?: string;
  citizenId?: string;
  officeId?: string | null;
  comuneId?: string;
  sector?: string;
  targetArea?: string;
  /** a reserved part of a social case: only a social worker's grant with `reserved` covers it */
  reserved?: boolean;
  /** the whole district (exports): only a social worker's grant without limits covers it */
  wholeDistrict?: boolean;
}

function grantCovers(grant: RoleGrant, resource: Resource): boolean {
  if (OFFICE_ROLES.includes(grant.role) && resource.officeId !== undefined && grant.officeId !== resource.officeId) return false;
  if (grant.role === 'social_worker') {
    if (resource.comuneId && grant.comuni.length && !grant.comuni.includes(resource.comuneId)) return false;
    if (resource.sector && grant.sectors.length && !grant.sectors.includes(resource.sector)) return false;
    if (resource.targetArea && grant.targetAreas.length && !grant.targetAreas.includes(resource.targetArea)) return false;
    if (resource.reserved && !grant.reserved) return false;
    if (resource.wholeDistrict && (grant.comuni.length || grant.sectors.length || grant.targetAreas.length)) return false;
  }
  return true;
}

/**
 * The one place where permissions are decided. Another tenant's or another citizen's object answers 404 (not
 * 403), so that a caller learns nothing about what exists outside their reach; 403 is for an object the caller
 * may see but not change with their role.
 */
export function requireAccess<A extends Actor>(actor: A | null, action: Action, resource: Resource = {}): A {
  if (!actor) throw unauthorized();
  const rule = PERMISSIONS[action];
  const allowed: readonly RoleName[] = rule.roles;
  if (rule.scope === 'citizen') {
    if (actor.kind !== 'citizen') throw forbidden();
    if (resource.citizenId !== undefined && resource.citizenId !== actor.id) throw notFound("L'oggetto richiesto");
    return actor;
  }
  if (actor.kind === 'citizen') {
    // a citizen never reaches staff objects: they do not exist for them
    if (rule.scope === 'platform' || resource.tenantId === undefined) throw forbidden();
    throw notFound("L'oggetto richiesto");
  }
  const platformAdmin = actor.roles.includes('platform_admin');
  if (rule.scope === 'platform') {
    if (!platformAdmin) throw forbidden();
    return actor;
  }
  const reach = rule.scope === 'served' ? actor.servedTenantIds : [actor.tenantId];
  if (resource.tenantId !== undefined && !platformAdmin && !reach.includes(resource.tenantId)) throw notFound("L'oggetto richiesto");
  const grants = actor.grants.filter((g) => allowed.includes(g.role));
  if (!grants.some((g) => grantCovers(g, resource))) throw forbidden();
  return actor;
}

/**
 * A citizen's session must be at least at `level` (SPID/CIE) for what they are about to do; a lower one is sent
 * to log in again at that level (step-up). The problem carries where to go.
 */
export function requireLevel(actor: CitizenActor, level: SpidLevel, returnTo: string): CitizenActor {
  if (levelRank(actor.auth.level) >= levelRank(level)) return actor;
  const loginUrl = `/auth/login?level=${level}&method=${actor.auth.method === 'cie' ? 'cie' : 'spid'}&returnTo=${encodeURIComponent(returnTo)}`;
  throw Object.assign(
    new Problem(401, 'Serve un accesso di livello più alto', `Questo servizio richiede SPID o CIE di livello ${level.slice(-1)}: accedi di nuovo. ` +
      `(This service needs level ${level.slice(-1)}: log in again.)`, undefined, 'step-up-required'),
    { loginUrl },
  );
}

export function can(actor: Actor | null, action: Action, resource: Resource = {}): boolean {
  try {
    requireAccess(actor, action, resource);
    return true;
  } catch {
    return false;
  }
}
