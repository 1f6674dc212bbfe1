import { Type } from 'typebox';

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const Level = Type.String({ enum: ['SpidL1', 'SpidL2', 'SpidL3'], maxLength: 6 });

export const LoginQuery = Type.Object(
  {
    method: Type.Optional(Type.String({ enum: ['spid', 'cie'], default: 'spid', maxLength: 4 })),
    level: Type.Optional(Type.String({ enum: ['SpidL1', 'SpidL2', 'SpidL3'], default: 'SpidL2', maxLength: 6 })),
    audience: Type.Optional(Type.String({ enum: ['citizen', 'operator'], default: 'citizen', maxLength: 8 })),
    returnTo: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const PasswordLoginBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const TotpBody = Type.Object(
  { challenge: Type.String({ minLength: 10, maxLength: 600 }), code: Type.String({ minLength: 6, maxLength: 10, pattern: '^[0-9 ]+$' }) },
  { additionalProperties: false },
);

/** The new password of an account that signed in with a temporary one: the rule is checked by the service. */
export const PasswordChangeLoginBody = Type.Object(
  { challenge: Type.String({ minLength: 10, maxLength: 600 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200, description: 'la password in uso' }),
    newPassword: Type.String({ minLength: 1, maxLength: 200,
      description: 'almeno 12 caratteri, diversa da quella in uso, senza il nome dell\'e-mail, non tra le più comuni' }),
  },
  { additionalProperties: false },
);

export const LoginStep = Type.Object({
  status: Type.String({ enum: ['done', 'totp_required', 'totp_enrolment', 'password_change'], maxLength: 20 }),
  challenge: Type.Optional(Type.String({ maxLength: 600 })),
  secret: Type.Optional(Type.String({ maxLength: 100 })),
  otpauthUri: Type.Optional(Type.String({ maxLength: 500 })),
  qrCode: Type.Optional(Type.String({ maxLength: 20000 })),
});

const SubjectKind = Type.String({ enum: ['self', 'minor', 'delegation', 'company'], maxLength: 12 });

export const SubjectView = Type.Object({
  kind: SubjectKind,
  id: Uuid,
  fiscalCode: Type.String({ maxLength: 16 }),
  name: Type.String({ maxLength: 300 }),
  detail: Type.Optional(Type.String({ maxLength: 400 })),
  validUntil: Type.Optional(Type.String({ format: 'date', maxLength: 10 })),
});

export const Grant = Type.Object({
  role: Type.String({ maxLength: 40 }),
  officeId: Type.Union([Uuid, Type.Null()]),
  comuni: Type.Array(Uuid, { maxItems: 500 }),
  sectors: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }),
  targetAreas: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10 }),
});

export const Me = Type.Object({
  kind: Type.String({ enum: ['operator', 'token', 'citizen'], maxLength: 20 }),
  id: Uuid,
  name: Type.String({ maxLength: 300 }),
  email: Type.Optional(Type.String({ maxLength: 200 })),
  fiscalCode: Type.Optional(Type.String({ maxLength: 16 })),
  tenant: Type.Optional(Type.Object({ id: Uuid, slug: Type.String({ maxLength: 120 }), name: Type.String({ maxLength: 300 }) })),
  roles: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
  grants: Type.Optional(Type.Array(Grant, { maxItems: 100 })),
  auth: Type.Object({ method: Type.String({ maxLength: 20 }), level: Type.Union([Level, Type.Null()]) }),
  actingFor: Type.Optional(SubjectView),
  /** to send back in X-CSRF-Token on writes; also in the sportello_csrf cookie */
  csrfToken: Type.Optional(Type.String({ maxLength: 100 })),
});

export const ChooseSubjectBody = Type.Object({ kind: SubjectKind, id: Uuid }, { additionalProperties: false });

export const Delegation = Type.Object({
  id: Uuid,
  delegatorFiscalCode: Type.String({ maxLength: 16 }),
  delegatorName: Type.String({ maxLength: 300 }),
  purpose: Type.String({ maxLength: 500 }),
  validUntil: Type.String({ format: 'date', maxLength: 10 }),
  document: Type.Object({ name: Type.String({ maxLength: 120 }), type: Type.String({ maxLength: 40 }), size: Type.Integer({ minimum: 0, format: 'int32' }), sha256: Type.String({ maxLength: 64 }) }),
  createdAt: Type.String({ format: 'date-time', maxLength: 40 }),
  revokedAt: Type.Union([Type.String({ format: 'date-time', maxLength: 40 }), Type.Null()]),
  status: Type.String({ enum: ['active', 'expired', 'revoked'], maxLength: 10 }),
});

export const GivenDelegation = Type.Object({
  id: Uuid,
  /** who received it (null for delegations registered before names were kept) */
  delegateName: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
  purpose: Type.String({ maxLength: 500 }),
  validUntil: Type.String({ format: 'date', maxLength: 10 }),
  createdAt: Type.String({ format: 'date-time', maxLength: 40 }),
  revokedAt: Type.Union([Type.String({ format: 'date-time', maxLength: 40 }), Type.Null()]),
  revokedBy: Type.Union([Type.String({ enum: ['delegate', 'delegator'], maxLength: 10 }), Type.Null()]),
  status: Type.String({ enum: ['active', 'expired', 'revoked'], maxLength: 10 }),
});

export const RevokeBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
