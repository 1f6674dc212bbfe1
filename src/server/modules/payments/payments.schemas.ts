/**
 * The payments' HTTP contracts in TypeBox: the shapes of src/contracts/payments.ts as the API validates and
 * describes them. Amounts are integers in cents; unknown fields are refused.
 */
import { Type } from 'typebox';
import { PAYMENT_ITEM_KINDS, PAYMENT_PURPOSES, PAYMENT_STATUSES, type PaymentItemKind, type PaymentPurpose, type PaymentStatus } from '../../../contracts/payments.ts';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const DateTime = Type.String({ format: 'date-time', maxLength: 40 });
const DateOnly = Type.String({ format: 'date', maxLength: 10 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Unsafe<PaymentStatus>(Type.String({ enum: [...PAYMENT_STATUSES], maxLength: 20 }));
const Purpose = Type.Unsafe<PaymentPurpose>(Type.String({ enum: [...PAYMENT_PURPOSES], maxLength: 20 }));
const ItemKind = Type.Unsafe<PaymentItemKind>(Type.String({ enum: [...PAYMENT_ITEM_KINDS], maxLength: 20 }));
/** cents: at most 9,999,999.99 euro, the database's own limit */
const Cents = Type.Integer({ minimum: 0, maximum: 999_999_999, format: 'int32' });
const FiscalCode = Type.String({ pattern: '^[A-Za-z0-9]{11,16}$', minLength: 11, maxLength: 16 });

export const PaymentItemSchema = Type.Object(
  { label: Text(140, 1), amountCents: Type.Integer({ minimum: 1, maximum: 999_999_999, format: 'int32' }), kind: ItemKind },
  { additionalProperties: false },
);

export const PaymentSummarySchema = Type.Object(
  {
    id: Uuid,
    tenantId: Uuid,
    tenantName: Text(300),
    purpose: Purpose,
    description: Text(140),
    amountCents: Cents,
    noticeNumber: Type.String({ pattern: '^3[0-9]{17}$', maxLength: 18 }),
    bodyFiscalCode: Text(16),
    dueDate: DateOnly,
    status: Status,
    paidAt: Nullable(DateTime),
    application: Nullable(Type.Object({ id: Uuid, code: Text(40), serviceTitle: Text(300) })),
    debtor: Type.Object({ fiscalCode: Text(16), name: Text(200) }),
    createdAt: DateTime,
    reconciledAt: Nullable(DateTime),
  },
  { $id: 'PaymentSummary' },
);

const EventView = Type.Object({
  at: DateTime, type: Text(60), fromStatus: Nullable(Status), toStatus: Nullable(Status), actor: Text(300), note: Nullable(Text(1000)),
});
const ReceiptView = Type.Object({ receiptId: Text(200), psp: Text(200), channel: Text(200), paidAt: DateTime, amountCents: Cents });
const Action = Type.Union(['pay', 'cancel', 'refund', 'reconcile'].map((a) => Type.Literal(a)));

export const PaymentDetailSchema = Type.Object(
  {
    ...PaymentSummarySchema.properties,
    items: Type.Array(Type.Object({ label: Text(200), amountCents: Cents, kind: ItemKind }), { maxItems: 50 }),
    iuv: Type.String({ pattern: '^[0-9]{17}$', maxLength: 17 }),
    qrPayload: Text(200),
    receipt: Nullable(ReceiptView),
    statusReason: Nullable(Text(500)),
    reconciliationFlow: Nullable(Text(200)),
    openAttempt: Nullable(Type.Object({ startedAt: DateTime })),
    events: Type.Array(EventView, { maxItems: 1000 }),
    actions: Type.Array(Action, { maxItems: 4 }),
  },
  { $id: 'PaymentDetail' },
);

export const PaymentParams = Type.Object({ paymentId: Uuid });
export const ApplicationParams = Type.Object({ applicationId: Uuid });
export const ProviderParams = Type.Object({ provider: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$', maxLength: 40 }) });

const Page = (item: ReturnType<typeof Type.Ref>) => ({
  items: Type.Array(item, { maxItems: 100 }),
  nextCursor: Nullable(Type.String({ maxLength: 500 })),
});
export const MyPaymentsList = Type.Object(Page(Type.Ref('PaymentSummary')));
export const PaymentsList = Type.Object({
  ...Page(Type.Ref('PaymentSummary')),
  totals: Type.Object({ count: Type.Integer({ minimum: 0, format: 'int32' }), amountCents: Type.Integer({ minimum: 0, format: 'int64' }) }),
});

const Cursor = Type.String({ maxLength: 500, pattern: '^[A-Za-z0-9_-]+$', description: 'il cursore nextCursor della pagina precedente' });
const Limit = Type.Integer({ minimum: 1, maximum: 100, format: 'int32', description: 'quanti per pagina (20 se manca)' });

export const MyPaymentsQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('paid'), Type.Literal('all')], { description: 'due: da pagare; paid: pagati o rimborsati; all: tutti (predefinito)' })),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

export const PaymentsQuery = Type.Object(
  {
    tenant: Type.Optional(Uuid),
    status: Type.Optional(Status),
    purpose: Type.Optional(Purpose),
    q: Type.Optional(Text(100, 1)),
    from: Type.Optional(DateOnly),
    to: Type.Optional(DateOnly),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

const Items = Type.Array(PaymentItemSchema, { minItems: 1, maxItems: 20 });

export const DebtPositionBody = Type.Object(
  { tenantId: Uuid, debtorFiscalCode: FiscalCode, debtorName: Text(200, 1), description: Text(140, 1), items: Items, dueDate: DateOnly },
  { additionalProperties: false },
);

export const PaymentRequestBody = Type.Object(
  { description: Text(140, 1), items: Items, dueDate: DateOnly, note: Type.Optional(Text(1000)) },
  { additionalProperties: false },
);

export const CheckoutBody = Type.Object(
  { returnPath: Type.String({ minLength: 1, maxLength: 500, pattern: '^/[^/\\\\]', description: 'un percorso del portale (non un altro sito): /area-personale/…' }) },
  { additionalProperties: false },
);
export const CheckoutAnswer = Type.Object({ redirectUrl: Type.String({ format: 'uri', maxLength: 2000 }) });

export const ReasonBody = Type.Object(
  { reason: Type.Optional(Text(500, 5)) },
  { additionalProperties: false },
);

export const RefundBody = Type.Object(
  {
    reason: Type.Optional(Text(500, 5)),
    receiptId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'la ricevuta da rimborsare, se non quella del pagamento (un pagamento arrivato due volte)' })),
  },
  { additionalProperties: false },
);

export const ReconciliationBody = Type.Object({ tenantId: Uuid, date: DateOnly }, { additionalProperties: false });
export const ReconciliationAnswer = Type.Object({
  flowId: Text(200),
  date: DateOnly,
  matched: Type.Integer({ minimum: 0, format: 'int32' }),
  alreadyReconciled: Type.Integer({ minimum: 0, format: 'int32' }),
  discrepancies: Type.Array(Type.Object({ noticeNumber: Text(40), problem: Text(300) }), { maxItems: 10_000 }),
  missingFromFlow: Type.Array(Type.Object({ noticeNumber: Text(40), paymentId: Uuid }), { maxItems: 10_000 }),
});

export const FeesAnswer = Type.Object({
  items: Type.Array(Type.Object({ label: Text(200), amountCents: Cents, kind: ItemKind }), { maxItems: 50 }),
  totalCents: Type.Integer({ minimum: 0, format: 'int64' }),
});

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100, description: 'ripetere la richiesta con la stessa chiave restituisce il primo risultato' })),
});
