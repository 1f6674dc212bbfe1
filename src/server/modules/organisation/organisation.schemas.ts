import { Type, type Static, type TSchema } from 'typebox';
import { TENANT_TYPES } from '../../../contracts/catalog.ts';
import { STAFF_ROLES } from '../../platform/access.ts';
import { TARGET_AREAS } from '../../../contracts/social.ts';
import type { AuditAction } from '../../platform/audit.ts';
import { Cursor, IdOrSlug, Uuid } from '../../platform/schemas.ts';

/**
 * Contracts of the administration API: bodies, offices, operators and their roles, API tokens, the audit log
 * and associated management. Formats a person types (slug, fiscal code, postal code, e-mail…) are checked by the
 * service, which says in words what is wrong; the schemas bound lengths and reject unknown fields.
 */

const Text = (max: number, min = 0, description?: string) =>
  Type.String({ minLength: min, maxLength: max, ...(description ? { description } : {}) });
const DateTime = Type.String({ format: 'date-time', maxLength: 40 });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A social worker's target areas (aree di intervento). one list, from the social contracts */
export { TARGET_AREAS, type TargetArea } from '../../../contracts/social.ts';

/** Every action the audit log records, for the filter (kept in step with platform/audit.ts by the check below). */
export const AUDIT_ACTIONS = [
  'login.succeeded', 'login.failed', 'login.locked', 'logout', 'totp.enrolled', 'totp.reset', 'session.step_up',
  'operator.created', 'operator.disabled', 'operator.enabled', 'role.granted', 'role.revoked', 'token.created',
  'token.revoked', 'tenant.created', 'office.created', 'office.updated', 'association.created', 'delegation.created',
  'delegation.revoked', 'subject.chosen', 'password.changed', 'protocol.annulled', 'webhook.created', 'webhook.updated',
  'webhook.secret_rotated', 'tenant.privacy_updated', 'certificate.revoked', 'registry.imported', 'upload.infected',
  'personal_data.exported',
] as const satisfies readonly AuditAction[];
// fails to compile when audit.ts gains an action this list lacks
const everyAuditAction: Exclude<AuditAction, (typeof AUDIT_ACTIONS)[number]> extends never ? true : never = true;
void everyAuditAction;

export const TenantRef = Type.Object({ id: Uuid, slug: Text(120), name: Text(300) });

// ----- bodies ----------------------------------------------------------------------------------------------------

export const NewTenantBody = Type.Object(
  {
    slug: Text(120, 1, 'indirizzo dell\'ente nel portale: lettere minuscole, cifre e trattini (comune-di-esempio)'),
    name: Text(300, 3),
    type: Type.String({ enum: [...TENANT_TYPES], maxLength: 30 }),
    fiscalCode: Text(11, 1, 'codice fiscale dell\'ente: 11 cifre'),
    ipaCode: Text(30, 1, 'codice IPA (Indice dei domicili digitali della PA)'),
    aooCode: Text(30, 1, 'codice dell\'area organizzativa omogenea (protocollo)'),
    parentId: Type.Optional(Uuid),
    website: Type.Optional(Text(300, 0, 'https://…')),
    email: Type.Optional(Text(200)),
    pec: Type.Optional(Text(200)),
    phone: Type.Optional(Text(50)),
  },
  { additionalProperties: false },
);
export type NewTenantInput = Static<typeof NewTenantBody>;

// ----- offices ---------------------------------------------------------------------------------------------------

const OpeningHoursBody = Type.Object(
  {
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7, format: 'int32' }), { minItems: 1, maxItems: 7, description: '1 = lunedì … 7 = domenica' }),
    opens: Text(5, 1, 'HH:MM'),
    closes: Text(5, 1, 'HH:MM'),
    note: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);

const officeFields = {
  code: Text(60, 1, 'codice stabile dell\'ufficio nell\'ente: lettere minuscole, cifre, _ e -'),
  name: Text(300, 2),
  description: Type.Optional(Text(2000)),
  address: Text(300, 1),
  postalCode: Text(10, 1, 'CAP: 5 cifre'),
  city: Text(100, 1),
  province: Text(10, 1, 'sigla della provincia: 2 lettere'),
  email: Type.Optional(Text(200)),
  pec: Type.Optional(Text(200)),
  phone: Type.Optional(Text(50)),
  openingHours: Type.Array(OpeningHoursBody, { maxItems: 30 }),
};

export const NewOfficeBody = Type.Object(officeFields, { additionalProperties: false });
export type NewOfficeInput = Static<typeof NewOfficeBody>;
export const OfficePatchBody = Type.Partial(NewOfficeBody, { additionalProperties: false, minProperties: 1 });
export type OfficePatchInput = Partial<NewOfficeInput>;

// ----- operators and roles ---------------------------------------------------------------------------------------

export const GrantBody = Type.Object(
  {
    role: Type.String({ enum: [...STAFF_ROLES], maxLength: 30 }),
    officeId: Type.Optional(Uuid),
    comuni: Type.Optional(Type.Array(Uuid, { maxItems: 200, description: 'social_worker: ids of the comuni whose cases they see; empty = all' })),
    sectors: Type.Optional(Type.Array(Text(100, 1), { maxItems: 30, description: 'social_worker: sectors; empty = all' })),
    targetAreas: Type.Optional(Type.Array(Type.String({ enum: [...TARGET_AREAS], maxLength: 40 }), { maxItems: TARGET_AREAS.length, description: 'social_worker: target areas; empty = all' })),
    reserved: Type.Optional(Type.Boolean({ description: 'social_worker: the explicit permission to the reserved parts of a case (court measures, health data)' })),
  },
  { additionalProperties: false },
);
export type GrantInput = Static<typeof GrantBody>;

export const NewOperatorBody = Type.Object(
  {
    email: Text(200, 3),
    name: Text(200, 2),
    fiscalCode: Type.Optional(Text(16, 0, 'codice fiscale della persona, per l\'accesso con SPID/CIE')),
    grants: Type.Array(GrantBody, { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);
export type NewOperatorInput = Static<typeof NewOperatorBody>;

export const OperatorPatchBody = Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false });

export const RoleItem = Type.Object({
  id: Uuid,
  role: Text(30),
  office: Nullable(Type.Object({ id: Uuid, code: Text(60), name: Text(300) })),
  comuni: Type.Array(Type.Object({ id: Uuid, name: Text(300) }), { maxItems: 200 }),
  sectors: Type.Array(Text(100), { maxItems: 30 }),
  targetAreas: Type.Array(Text(40), { maxItems: 10 }),
  // a social worker's reserved permission
  reserved: Type.Boolean(),
  createdAt: DateTime,
});

export const OperatorItem = Type.Object({
  id: Uuid,
  email: Text(200),
  name: Text(200),
  /** whether a fiscal code is recorded (SPID/CIE login); the code itself is not repeated in lists */
  hasFiscalCode: Type.Boolean(),
  disabled: Type.Boolean(),
  totpEnrolled: Type.Boolean(),
  locked: Type.Boolean(),
  lastLoginAt: Nullable(DateTime),
  createdAt: DateTime,
  roles: Type.Array(RoleItem, { maxItems: 50 }),
});

export const OperatorPage = Type.Object({
  items: Type.Array(OperatorItem, { maxItems: 100 }),
  nextCursor: Nullable(Text(500)),
});

export const OperatorsQuery = Type.Object(
  {
    q: Type.Optional(Text(100, 0, 'part of the name or e-mail')),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50, format: 'int32' })),
  },
  { additionalProperties: false },
);

export const CreatedOperator = Type.Object({
  operator: OperatorItem,
  temporaryPassword: Text(100, 0, 'shown once: hand it to the person, who uses it to sign in'),
});

// ----- API tokens ------------------------------------------------------------------------------------------------

export const ActorRef = Type.Object({
  ref: Text(100, 0, '`operator:<id>`, `token:<id>`, `cli`, `system`, `seed:…`'),
  kind: Text(20),
  name: Nullable(Text(300)),
});

export const TokenItem = Type.Object({
  id: Uuid,
  name: Text(100),
  role: Text(30),
  status: Type.String({ enum: ['active', 'expired', 'revoked'], maxLength: 10 }),
  createdAt: DateTime,
  createdBy: ActorRef,
  expiresAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
  revokedBy: Nullable(ActorRef),
  lastUsedAt: Nullable(DateTime),
});

export const TokenList = Type.Object({ items: Type.Array(TokenItem, { maxItems: 500 }) });

export const NewTokenBody = Type.Object(
  {
    name: Text(100, 2, 'who uses it, e.g. "Gestionale protocollo"'),
    role: Type.String({ enum: [...STAFF_ROLES], maxLength: 30 }),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 1095, default: 365, format: 'int32', description: 'valid for this many days' })),
  },
  { additionalProperties: false },
);
export type NewTokenInput = Static<typeof NewTokenBody>;

export const CreatedToken = Type.Object({
  ...TokenItem.properties,
  token: Text(200, 0, 'shown once: only its hash is kept'),
});

// ----- audit log -------------------------------------------------------------------------------------------------

export const AuditQuery = Type.Object(
  {
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,19}$', maxLength: 19, description: 'sequence number: entries before it (nextBefore of the previous page)' })),
    action: Type.Optional(Type.String({ enum: [...AUDIT_ACTIONS], maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50, format: 'int32' })),
  },
  { additionalProperties: false },
);

export const AuditItem = Type.Object({
  seq: Text(19),
  at: DateTime,
  action: Text(40),
  actor: ActorRef,
  target: Nullable(ActorRef),
  details: Type.Object({}, { additionalProperties: true, description: 'ids, roles, reasons' }),
});

export const AuditPage = Type.Object({
  items: Type.Array(AuditItem, { maxItems: 100 }),
  nextBefore: Nullable(Text(19)),
});

// ----- privacy choices of a body ---------------------------------------------------------------------------------

const NAMES_OPERATORS = "whether the citizens' access log (\"Chi ha consultato i miei dati\") names the operator who read their data; " +
  'when false it shows the body and the office only, and the operator as "Un operatore"';

/** A body's own choices on what its citizens see of its staff (its changes are in the audit log, tenant.privacy_updated). */
export const TenantPrivacy = Type.Object({
  accessLogNamesOperators: Type.Boolean({ description: NAMES_OPERATORS }),
});

export const TenantPrivacyPatchBody = Type.Object(
  { accessLogNamesOperators: Type.Optional(Type.Boolean({ description: NAMES_OPERATORS })) },
  { additionalProperties: false, minProperties: 1 },
);
export type TenantPrivacyPatchInput = Static<typeof TenantPrivacyPatchBody>;

// ----- associated management -------------------------------------------------------------------------------------

export const AssociationItem = Type.Object({
  lead: TenantRef,
  member: TenantRef,
  description: Text(500),
  createdAt: DateTime,
});

export const AssociationList = Type.Object({ items: Type.Array(AssociationItem, { maxItems: 500 }) });

export const NewAssociationBody = Type.Object(
  {
    leadTenantId: Uuid,
    memberTenantId: Uuid,
    description: Text(500, 3, 'which services the lead body handles for the member'),
  },
  { additionalProperties: false },
);
export type NewAssociationInput = Static<typeof NewAssociationBody>;

// ----- paths -----------------------------------------------------------------------------------------------------

export const TenantPath = Type.Object({ tenantId: IdOrSlug }, { additionalProperties: false });
export const OfficePath = Type.Object({ tenantId: IdOrSlug, officeId: Uuid }, { additionalProperties: false });
export const OperatorPath = Type.Object({ tenantId: IdOrSlug, operatorId: Uuid }, { additionalProperties: false });
export const RolePath = Type.Object({ tenantId: IdOrSlug, operatorId: Uuid, roleId: Uuid }, { additionalProperties: false });
export const TokenPath = Type.Object({ tenantId: IdOrSlug, tokenId: Uuid }, { additionalProperties: false });
export const NoQuery = Type.Object({}, { additionalProperties: false });
