/**
 * The TypeBox contract of a service's workflow (card.workflow; see src/contracts/workflow.ts). Strict: no unknown
 * fields, every string and list bounded. What a schema cannot say (unique ids, offices that exist, pointers into
 * the form, known placeholders, which action fits which event) is checked by checkWorkflowDefinition.
 * Numbers are bounded loosely here on purpose, so that a day count out of range gets that check's message, which
 * says what the range is for, rather than the schema's generic one.
 */
import { Type } from 'typebox';
import { CHANNELS, PERFORMERS, RECIPIENTS, STAFF_TRANSITIONS, WORKFLOW_EVENTS } from '../../../contracts/workflow.ts';
import { PAYMENT_ITEM_KINDS } from '../../../contracts/payments.ts';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Id = Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_-]*$', minLength: 1, maxLength: 60 });
const OfficeCode = Type.String({ pattern: '^[a-z0-9_-]+$', minLength: 1, maxLength: 60 });
const Pointer = Type.String({ pattern: '^(/[^/]+)+$', maxLength: 300 });
const Days = Type.Integer({ minimum: -36500, maximum: 36500, format: 'int32' });
const oneOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

const Template = Type.Object({ subject: Text(200, 1), body: Text(5000, 1) }, { additionalProperties: false });

const Action = Type.Union([
  Type.Object(
    {
      type: Type.Literal('notify'),
      to: oneOf(RECIPIENTS),
      pointer: Type.Optional(Pointer),
      channels: Type.Array(oneOf(CHANNELS), { minItems: 1, maxItems: CHANNELS.length, uniqueItems: true }),
      template: Template,
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('set_deadline'), days: Days, move: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('generate_document'), template: Template }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('remind_operator'), daysBefore: Days }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('escalate') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('automatic_checks') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('tacit_approval'), note: Text(1000, 1) }, { additionalProperties: false }),
]);

const Performers = Type.Array(oneOf(PERFORMERS), { maxItems: PERFORMERS.length, uniqueItems: true });

/** A service's workflow as data (src/contracts/workflow.ts WorkflowDefinition). */
export const WorkflowDefinitionSchema = Type.Object(
  {
    paymentBeforeSubmission: Type.Boolean(),
    // the fees of the payment before submission (contracts/payments.ts FeeRule); cents, at most 100,000 euro each
    fees: Type.Optional(Type.Array(
      Type.Object({
        id: Id,
        label: Text(140, 1),
        kind: oneOf(PAYMENT_ITEM_KINDS),
        amountCents: Type.Integer({ minimum: 1, maximum: 10_000_000, format: 'int32' }),
        perPointer: Type.Optional(Pointer),
        when: Type.Optional(Type.Object({ pointer: Pointer, equals: Type.Union([Type.String({ maxLength: 200 }), Type.Number({ format: 'double' }), Type.Boolean()]) }, { additionalProperties: false })),
      }, { additionalProperties: false }),
      { maxItems: 20 },
    )),
    checklist: Type.Array(
      Type.Object({ id: Id, label: Text(300, 1), required: Type.Boolean() }, { additionalProperties: false }),
      { maxItems: 30 },
    ),
    approvals: Type.Array(
      Type.Object(
        {
          id: Id,
          label: Text(200, 1),
          by: Type.Union([
            Type.Object({ role: Type.Literal('manager') }, { additionalProperties: false }),
            Type.Object({ officeCode: OfficeCode }, { additionalProperties: false }),
          ]),
        },
        { additionalProperties: false },
      ),
      // the limit people are told about is MAX_APPROVALS, in the check; this one only bounds the request
      { maxItems: 20 },
    ),
    // every StaffTransition, each optional (a transition not listed follows DEFAULT_PERMISSIONS)
    permissions: Type.Object(
      {
        take_charge: Type.Optional(Performers),
        assign: Type.Optional(Performers),
        request_integration: Type.Optional(Performers),
        approve: Type.Optional(Performers),
        reject: Type.Optional(Performers),
        endorse: Type.Optional(Performers),
        send_back: Type.Optional(Performers),
      } satisfies Record<(typeof STAFF_TRANSITIONS)[number], unknown>,
      { additionalProperties: false },
    ),
    automations: Type.Array(
      Type.Object(
        {
          id: Id,
          on: oneOf(WORKFLOW_EVENTS),
          daysBefore: Type.Optional(Days),
          do: Type.Array(Action, { minItems: 1, maxItems: 10 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 40 },
    ),
    response: Type.Object({ approved: Template, rejected: Template }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
