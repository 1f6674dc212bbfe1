/** My space: the citizen's own room. Shapes shared by server and web. */

/** One read of the citizen's data (or of a person they act for) by an office, a system or another body. */
export interface AccessLogEntry {
  id: string;
  at: string;
  body: { id: string; name: string };
  office: string | null;
  /** named: false when the body shows the office and not the operator's name (name is then a placeholder) */
  who: { kind: 'operator' | 'token' | 'system'; name: string; named: boolean };
  object: { type: string; id: string; label: string };
  operation: string;
  /** the server's Italian words for the operation, for operations a page does not know yet */
  operationLabel: string;
  purpose: string;
  legalBasis: string;
  subject: { self: boolean; name: string };
  /** the notice of this access was deferred by law until this instant, for this reason */
  hidden: { until: string; reason: string } | null;
}
