import { Type } from 'typebox';
import { APPLICATION_STATUSES, RATING_REASONS_HIGH, RATING_REASONS_LOW, TRANSITIONS, WORK_QUEUES, type ApplicationStatus } from '../../../contracts/applications.ts';
import { PROFILE_KINDS, type ProfileKind } from '../../../contracts/profiles.ts';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const DateTime = Type.String({ format: 'date-time', maxLength: 40 });
const DateOnly = Type.String({ format: 'date', maxLength: 10 });
const Status = Type.Unsafe<ApplicationStatus>(Type.String({ enum: [...APPLICATION_STATUSES], maxLength: 20 }));
const Int = (min: number, max: number) => Type.Integer({ minimum: min, maximum: max, format: 'int32' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Named = Type.Object({ id: Uuid, name: Text(300) });

export const ApplicationIdParams = Type.Object({ applicationId: Uuid });
export const AttachmentParams = Type.Object({ applicationId: Uuid, attachmentId: Uuid });
export const DocumentParams = Type.Object({ applicationId: Uuid, documentId: Uuid });
export const TransitionParams = Type.Object({ applicationId: Uuid, action: Type.Union(TRANSITIONS.map((t) => Type.Literal(t))) });

export const StartBody = Type.Object({ serviceId: Uuid }, { additionalProperties: false });

export const SaveBody = Type.Object(
  {
    data: Type.Optional(Type.Record(Type.String({ maxLength: 60 }), Type.Unknown(), { description: 'passi del modulo da salvare: ciascuno sostituisce quello salvato' })),
    currentStep: Type.Optional(Text(60, 1)),
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ maxLength: 200, pattern: '^[a-z_]+(,[a-z_]+)*$', description: 'uno o più stati separati da virgola (per l\'ufficio: uno solo)' })),
    serviceId: Type.Optional(Uuid),
    subject: Type.Optional(Type.String({ pattern: '^[A-Z0-9]{11,16}$', maxLength: 16, description: 'codice fiscale della persona o impresa per cui è stata presentata' })),
    profile: Type.Optional(Type.Unsafe<ProfileKind>(Type.String({ enum: [...PROFILE_KINDS], maxLength: 20, description: 'cittadino: solo le pratiche di un profilo (individual: per sé e per i figli minori; professional: per i clienti che hanno delegato; company: per le imprese rappresentate)' }))),
    cursor: Type.Optional(Type.String({ maxLength: 300 })),
    limit: Type.Optional(Int(1, 100)),
    queue: Type.Optional(Type.Union(WORK_QUEUES.map((q) => Type.Literal(q)), { description: "uffici: la coda (nuove, mie, in attesa, in scadenza, scadute, visti, aperte, concluse)" })),
    service: Type.Optional(Uuid),
    office: Type.Optional(Uuid),
    from: Type.Optional(DateOnly),
    to: Type.Optional(DateOnly),
    applicant: Type.Optional(Text(100, 1)),
    q: Type.Optional(Text(200, 1)),
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  {
    note: Type.Optional(Text(4000)),
    documents: Type.Optional(Type.Array(Text(200, 1), { maxItems: 20 })),
    operatorId: Type.Optional(Uuid),
    officeId: Type.Optional(Uuid),
    answerBy: Type.Optional(DateOnly),
  },
  { additionalProperties: false },
);

export const WorkCounts = Type.Object(Object.fromEntries(WORK_QUEUES.map((q) => [q, Int(0, 2_000_000_000)])) as Record<(typeof WORK_QUEUES)[number], ReturnType<typeof Int>>);

export const NoteBody = Type.Object({ text: Text(4000, 1) }, { additionalProperties: false });
export const ChecklistParams = Type.Object({ applicationId: Uuid, itemId: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_-]*$', maxLength: 60 }) });
export const ChecklistBody = Type.Object({ done: Type.Boolean() }, { additionalProperties: false });
export const Assignees = Type.Object({
  operators: Type.Array(Type.Object({ id: Uuid, name: Text(300), officeName: Nullable(Text(300)) }), { maxItems: 1000 }),
  offices: Type.Array(Type.Object({ id: Uuid, name: Text(300), tenantName: Text(300) }), { maxItems: 1000 }),
});
export const TimelineItem = Type.Object({
  id: Uuid, at: DateTime, type: Text(60), fromStatus: Nullable(Status), toStatus: Nullable(Status), actorLabel: Text(300), note: Nullable(Text(4000)), internal: Type.Boolean(),
});
export const NotificationList = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid, subject: Text(300), body: Text(5000), applicationId: Nullable(Uuid), createdAt: DateTime, readAt: Nullable(DateTime) }), { maxItems: 100 }),
  unread: Int(0, 2_000_000_000),
});

export const RatingBody = Type.Object(
  {
    score: Int(1, 5),
    reason: Type.Optional(Type.Union([...new Set([...RATING_REASONS_LOW, ...RATING_REASONS_HIGH])].map((r) => Type.Literal(r)))),
    comment: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export const RatingView = Type.Object({ score: Int(1, 5), reason: Nullable(Text(60)), comment: Nullable(Text(2000)) });

const Protocol = Nullable(Type.Object({ number: Text(12), year: Int(2000, 3000), registeredAt: DateTime }));
const Subject = Type.Object({ kind: Type.Union([Type.Literal('self'), Type.Literal('minor'), Type.Literal('delegation'), Type.Literal('company')]), fiscalCode: Text(16), name: Text(300) });

export const ApplicationSummary = Type.Object(
  {
    id: Uuid,
    code: Text(40),
    status: Status,
    tenant: Type.Object({ id: Uuid, slug: Text(120), name: Text(300) }),
    service: Type.Object({ id: Uuid, slug: Text(120), title: Text(300), version: Int(1, 1_000_000) }),
    subject: Subject,
    filedBy: Nullable(Type.Object({ name: Text(300) })),
    createdAt: DateTime,
    updatedAt: DateTime,
    submittedAt: Nullable(DateTime),
    protocol: Protocol,
    dueDate: Nullable(DateOnly),
  },
  { $id: 'ApplicationSummary' },
);

export const AttachmentView = Type.Object({
  id: Uuid, requirementId: Text(60), fileName: Text(300), contentType: Text(100), size: Int(1, 2_000_000_000), sha256: Text(64), uploadedAt: DateTime,
}, { $id: 'AttachmentView' });

const DocumentView = Type.Object({
  id: Uuid, kind: Type.Union([Type.Literal('receipt'), Type.Literal('response'), Type.Literal('notice')]), title: Text(300), fileName: Text(300), sha256: Text(64),
  createdAt: DateTime, verificationCode: Text(40), href: Text(300),
  protocol: Nullable(Type.Object({ number: Text(12), year: Int(2000, 3000) })), summary: Nullable(Text(1000)),
});

const WorkflowStepView = Type.Object({
  id: Text(80), label: Text(200),
  kind: Type.Union(['payment', 'submission', 'protocol', 'in_charge', 'checklist', 'approval', 'outcome'].map((k) => Type.Literal(k))),
});
const Proposal = Type.Object({
  decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]), motivation: Text(4000), proposedBy: Text(300), proposedAt: DateTime,
  visas: Type.Array(Type.Object({ stepId: Text(60), by: Text(300), at: DateTime }), { maxItems: 10 }),
});
const StaffView = Type.Object({
  office: Nullable(Type.Object({ id: Uuid, name: Text(300), tenantName: Text(300) })),
  responsible: Nullable(Named),
  checklist: Type.Array(Type.Object({ id: Text(60), label: Text(300), required: Type.Boolean(), done: Type.Boolean(), doneBy: Nullable(Text(300)), doneAt: Nullable(DateTime) }), { maxItems: 50 }),
  proposal: Nullable(Proposal),
  pendingVisa: Nullable(Type.Object({ stepId: Text(60), label: Text(300), by: Text(300) })),
  escalatedAt: Nullable(DateTime),
  motivation: Nullable(Text(4000)),
});

export const ApplicationDetail = Type.Object(
  {
    ...ApplicationSummary.properties,
    data: Type.Record(Type.String(), Type.Unknown()),
    prefilled: Type.Record(Type.String(), Type.String()),
    currentStep: Nullable(Text(60)),
    revision: Int(1, 2_000_000_000),
    auth: Nullable(Type.Object({ method: Text(20), level: Text(20) })),
    attachments: Type.Array(Type.Ref('AttachmentView'), { maxItems: 200 }),
    documents: Type.Array(DocumentView, { maxItems: 100 }),
    clock: Nullable(Type.Object({
      submittedAt: DateTime,
      takenInChargeAt: Nullable(DateTime),
      dueDate: DateOnly,
      maxDays: Int(0, 3650),
      suspendedDays: Int(0, 100_000),
      closedAt: Nullable(DateTime),
      phases: Type.Array(Type.Object({ status: Status, from: DateTime, to: Nullable(DateTime), hours: Type.Number({ minimum: 0, format: 'double' }) }), { maxItems: 500 }),
      daysLeft: Nullable(Int(-100_000, 100_000)),
    })),
    awaiting: Nullable(Type.Object({ requestedAt: DateTime, message: Text(4000), documents: Type.Array(Text(200), { maxItems: 20 }), answerBy: Nullable(DateOnly) })),
    actions: Type.Array(Type.Union(TRANSITIONS.map((t) => Type.Literal(t))), { maxItems: TRANSITIONS.length }),
    rating: Nullable(Type.Object({ score: Int(1, 5) })),
    workflow: Type.Object({ steps: Type.Array(WorkflowStepView, { maxItems: 20 }), currentStepId: Nullable(Text(80)) }),
    office: Nullable(StaffView),
    // the payments' own schema (payments.schemas.ts), registered in app.ts before the applications' routes
    payments: Type.Array(Type.Ref('PaymentSummary'), { maxItems: 100 }),
  },
  { $id: 'ApplicationDetail' },
);

export const Acknowledgement = Type.Object({
  id: Uuid, code: Text(40), status: Status, submittedAt: Type.Union([DateTime, Type.Null()]), protocol: Protocol,
  payment: Type.Union([Type.Object({ id: Uuid, amountCents: Type.Integer({ format: 'int64' }) }), Type.Null()]),
});

export const Timeline = Type.Object({
  items: Type.Array(Type.Object({
    id: Uuid, at: DateTime, type: Text(60), fromStatus: Nullable(Status), toStatus: Nullable(Status), actorLabel: Text(300), note: Nullable(Text(4000)), internal: Type.Boolean(),
  }), { maxItems: 10_000 }),
});

export const WorkItem = Type.Object(
  {
    ...ApplicationSummary.properties,
    // the office's columns (absent in a citizen's list)
    office: Type.Optional(Nullable(Named)),
    responsible: Type.Optional(Nullable(Named)),
    daysLeft: Type.Optional(Nullable(Int(-100_000, 100_000))),
    escalated: Type.Optional(Type.Boolean()),
    pendingVisa: Type.Optional(Nullable(Text(300))),
  },
  { $id: 'WorkItem' },
);

