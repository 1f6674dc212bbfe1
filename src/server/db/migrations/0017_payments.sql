-- Payments with pagoPA: the body's payment positions (posizioni debitorie) with their pagoPA notice numbers, the
-- attempts to pay each one (a checkout session at the payment provider), and every step as an event. Amounts are
-- integers in cents everywhere.

-- The body's pagoPA segregation code: two digits that make its notice numbers (aux digit 3) its own.
ALTER TABLE tenants ADD COLUMN pagopa_segregation_code text NOT NULL DEFAULT '01' CHECK (pagopa_segregation_code ~ '^[0-9]{2}$');

-- A payment the office asks for while handling an application (deferred payment) puts a sent application back in
-- payment_pending: that status no longer means "not sent yet". A draft is never sent; the later statuses always are.
ALTER TABLE applications DROP CONSTRAINT applications_check;
ALTER TABLE applications ADD CONSTRAINT applications_submitted_check
  CHECK (status IN ('payment_pending', 'withdrawn') OR (status = 'draft') = (submitted_at IS NULL));

-- The next IUV base of each body: one row per body, taken with an upsert in the position's transaction, so two
-- positions never get the same number and a rolled-back one leaves only an unused number (harmless: notice
-- numbers need to be unique, not gapless).
CREATE TABLE payment_iuv_sequences (
  tenant_id  uuid PRIMARY KEY REFERENCES tenants(id),
  last_base  bigint NOT NULL CHECK (last_base BETWEEN 0 AND 9999999999999)
);

CREATE TABLE payment_positions (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id           uuid NOT NULL REFERENCES tenants(id),
  -- before_submission: the service asks for it before the application is sent; requested: the office asked for it
  -- while handling the application; debt: a debt of its own (a TARI instalment, a fine) loaded by the office
  purpose             text NOT NULL CHECK (purpose IN ('before_submission', 'requested', 'debt')),
  application_id      uuid REFERENCES applications(id),
  service_id          uuid,
  -- the payer: who owes it (the applicant, or the person the debt is in the name of)
  debtor_fiscal_code  text NOT NULL CHECK (debtor_fiscal_code ~ '^[A-Z0-9]{11,16}$'),
  debtor_name         text NOT NULL CHECK (length(debtor_name) BETWEEN 1 AND 200),
  -- the citizen's account when known (the applicant); debts loaded by fiscal code find their payer by it
  citizen_id          uuid REFERENCES citizens(id),
  description         text NOT NULL CHECK (length(description) BETWEEN 1 AND 140),
  -- [{ "label": "Diritti di segreteria", "amountCents": 1600, "kind": "diritti" }, …]: what the total is made of
  items               jsonb NOT NULL,
  -- at most 9,999,999.99 euro: far above any fee a body asks, well inside an integer
  amount_cents        integer NOT NULL CHECK (amount_cents BETWEEN 1 AND 999999999),
  iuv                 text NOT NULL CHECK (iuv ~ '^[0-9]{17}$'),
  notice_number       text NOT NULL CHECK (notice_number ~ '^3[0-9]{17}$'),
  due_date            date NOT NULL,
  status              text NOT NULL DEFAULT 'created'
                      CHECK (status IN ('created', 'pending', 'paid', 'failed', 'cancelled', 'expired', 'refunded')),
  -- the attempt at the provider that is open now (status pending)
  open_attempt_id     uuid,
  paid_at             timestamptz,
  paid_amount_cents   integer,
  -- the provider's receipt: { "receiptId", "psp", "channel", "paidAt" }
  receipt             jsonb,
  reconciled_at       timestamptz,
  reconciliation_flow text,
  status_reason       text,
  requested_by        uuid,
  requested_by_name   text,
  revision            integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, notice_number),
  UNIQUE (tenant_id, iuv),
  UNIQUE (id, tenant_id),
  CHECK ((purpose = 'debt') = (application_id IS NULL)),
  CHECK (status <> 'paid' OR (paid_at IS NOT NULL AND paid_amount_cents IS NOT NULL))
);
CREATE INDEX payment_positions_tenant_idx ON payment_positions (tenant_id, created_at DESC, id DESC);
CREATE INDEX payment_positions_status_idx ON payment_positions (tenant_id, status, due_date);
CREATE INDEX payment_positions_application_idx ON payment_positions (application_id) WHERE application_id IS NOT NULL;
CREATE INDEX payment_positions_citizen_idx ON payment_positions (citizen_id) WHERE citizen_id IS NOT NULL;
CREATE INDEX payment_positions_debtor_idx ON payment_positions (debtor_fiscal_code);
-- at most one payable payment before submission per application. Not over paid ones: a confirmation that arrives
-- after the applicant gave up a payment and asked for a new one records that money too (paid_after_cancellation)
CREATE UNIQUE INDEX payment_positions_one_before_submission ON payment_positions (application_id)
  WHERE purpose = 'before_submission' AND status IN ('created', 'pending', 'failed');

-- One attempt to pay: a checkout session opened at the provider. Its outcome arrives by callback or polling.
CREATE TABLE payment_attempts (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id           uuid NOT NULL REFERENCES tenants(id),
  payment_id          uuid NOT NULL,
  provider            text NOT NULL,
  provider_session_id text NOT NULL,
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'succeeded', 'failed', 'cancelled')),
  -- where the citizen goes back to in the portal (a path on this site, never another site)
  return_path         text NOT NULL CHECK (return_path ~ '^/[^/\\]'),
  created_at          timestamptz NOT NULL DEFAULT now(),
  closed_at           timestamptz,
  last_polled_at      timestamptz,
  UNIQUE (provider, provider_session_id),
  FOREIGN KEY (payment_id, tenant_id) REFERENCES payment_positions (id, tenant_id)
);
CREATE INDEX payment_attempts_open_idx ON payment_attempts (created_at) WHERE status = 'open';
CREATE INDEX payment_attempts_payment_idx ON payment_attempts (payment_id);

-- Every step of a payment, appended: created, checkout started, paid, failed, cancelled, refunded, a duplicate
-- confirmation ignored… A provider's confirmation carries its own id: the same one twice is one event.
CREATE TABLE payment_events (
  seq                bigserial PRIMARY KEY,
  tenant_id          uuid NOT NULL REFERENCES tenants(id),
  payment_id         uuid NOT NULL,
  type               text NOT NULL,
  from_status        text,
  to_status          text,
  actor_kind         text NOT NULL CHECK (actor_kind IN ('citizen', 'operator', 'token', 'system', 'provider')),
  actor_id           uuid,
  actor_label        text,
  note               text,
  provider_event_id  text,
  details            jsonb NOT NULL DEFAULT '{}',
  at                 timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (payment_id, tenant_id) REFERENCES payment_positions (id, tenant_id)
);
CREATE INDEX payment_events_payment_idx ON payment_events (payment_id, seq);
CREATE UNIQUE INDEX payment_events_provider_idx ON payment_events (payment_id, provider_event_id) WHERE provider_event_id IS NOT NULL;

-- The built-in pagoPA simulator's own state (development and test only): the checkout sessions it opened and what
-- the simulated payer chose. In production this table stays empty; the real provider keeps its own.
CREATE TABLE pagopa_simulator_sessions (
  id               text PRIMARY KEY,
  tenant_id        uuid NOT NULL REFERENCES tenants(id),
  notice_number    text NOT NULL,
  body_fiscal_code text NOT NULL,
  amount_cents     integer NOT NULL,
  description      text NOT NULL,
  return_url       text NOT NULL,
  -- open → paid | failed | cancelled; what the payer chose on the simulated page
  outcome          text NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'paid', 'failed', 'cancelled')),
  -- how the confirmation travels: callback (at once), late (only polling finds it), duplicate (sent twice)
  delivery         text NOT NULL DEFAULT 'callback' CHECK (delivery IN ('callback', 'late', 'duplicate')),
  receipt_id       text,
  psp              text,
  decided_at       timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Row-level security: the body's own rows; a citizen reads the payments in their name (their account, or their
-- fiscal code and those of the people they act for) and starts attempts on them.
ALTER TABLE payment_positions ENABLE ROW LEVEL SECURITY;
CREATE POLICY payment_positions_access ON payment_positions FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen()
         OR (sportello_citizen() IS NOT NULL AND debtor_fiscal_code = ANY (sportello_subject_codes())))
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen()
         OR (sportello_citizen() IS NOT NULL AND debtor_fiscal_code = ANY (sportello_subject_codes())));
ALTER TABLE payment_attempts ENABLE ROW LEVEL SECURITY;
CREATE POLICY payment_attempts_access ON payment_attempts FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()
         OR payment_id IN (SELECT id FROM payment_positions))
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant()
         OR payment_id IN (SELECT id FROM payment_positions));
ALTER TABLE payment_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY payment_events_access ON payment_events FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()
         OR payment_id IN (SELECT id FROM payment_positions))
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant()
         OR payment_id IN (SELECT id FROM payment_positions));
ALTER TABLE payment_iuv_sequences ENABLE ROW LEVEL SECURITY;
CREATE POLICY payment_iuv_sequences_tenant ON payment_iuv_sequences FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant())
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
-- the simulator stands for another system: only the platform scope touches it
ALTER TABLE pagopa_simulator_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY pagopa_simulator_sessions_platform ON pagopa_simulator_sessions FOR ALL
  USING (sportello_platform()) WITH CHECK (sportello_platform());

GRANT SELECT, INSERT, UPDATE ON payment_positions, payment_attempts, payment_iuv_sequences, pagopa_simulator_sessions TO sportello_app;
GRANT SELECT, INSERT ON payment_events TO sportello_app;
GRANT USAGE ON SEQUENCE payment_events_seq_seq TO sportello_app;
