-- Messages: citizens' contacts and preferences, delivery of notifications by channel with attempts, the bodies'
-- message templates, the thread between citizen and office on an application, reply templates, webhooks for
-- integrators, and the development mailbox.

-- The citizen's digital domicile (PEC), language, and choice of channels per kind of message (contracts/messaging.ts).
ALTER TABLE citizens
  ADD COLUMN pec text,
  ADD COLUMN language text NOT NULL DEFAULT 'it' CHECK (language IN ('it','en')),
  ADD COLUMN message_preferences jsonb NOT NULL DEFAULT '{}';

-- Notifications become the outbox of every channel: one row per (event, recipient, channel), keyed by dedupe_key,
-- delivered by a job; a delivery that may have reached the provider before a crash is sent again with the same
-- idempotency key (the row id), never as a new message.
ALTER TABLE notifications DROP CONSTRAINT notifications_channel_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_channel_check CHECK (channel IN ('inbox','email','pec','sms','io'));
ALTER TABLE notifications
  ADD COLUMN kind text,
  ADD COLUMN language text NOT NULL DEFAULT 'it',
  -- must reach the citizen by law: preferences cannot turn it off
  ADD COLUMN legal boolean NOT NULL DEFAULT false,
  -- the fiscal code IO addresses a message to (IO has no other address)
  ADD COLUMN fiscal_code text,
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN last_attempt_at timestamptz,
  ADD COLUMN sent_at timestamptz,
  ADD COLUMN delivered_at timestamptz,
  ADD COLUMN provider_message_id text,
  -- an administrator's resend: counts them, each one a new delivery of the same row
  ADD COLUMN resent integer NOT NULL DEFAULT 0;
CREATE INDEX notifications_tenant_idx ON notifications (tenant_id, created_at DESC, id);
CREATE INDEX notifications_tenant_status_idx ON notifications (tenant_id, status, created_at DESC) WHERE channel <> 'inbox';

-- A body's own wording of a message, per kind, channel and language; what is absent falls back to the product's.
CREATE TABLE message_templates (
  tenant_id   uuid NOT NULL REFERENCES tenants(id),
  kind        text NOT NULL,
  channel     text NOT NULL CHECK (channel IN ('inbox','email','pec','sms','io')),
  language    text NOT NULL CHECK (language IN ('it','en')),
  subject     text,
  body        text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  uuid,
  PRIMARY KEY (tenant_id, kind, channel, language)
);

-- The thread between citizen and office on an application ("filo diretto"). read_at: when the other side opened
-- the thread after the message was written.
CREATE TABLE application_messages (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL,
  application_id    uuid NOT NULL,
  author_kind       text NOT NULL CHECK (author_kind IN ('citizen','office')),
  author_citizen_id uuid REFERENCES citizens(id),
  author_operator_id uuid REFERENCES operators(id),
  -- the office's name (shown to the citizen); the operator is known to the office through author_operator_id
  author_label      text NOT NULL,
  body              text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at        timestamptz NOT NULL DEFAULT now(),
  read_at           timestamptz,
  -- a retried POST with the same Idempotency-Key finds the message it made
  idempotency_key   text,
  FOREIGN KEY (application_id, tenant_id) REFERENCES applications (id, tenant_id),
  CHECK ((author_kind = 'citizen') = (author_citizen_id IS NOT NULL)),
  UNIQUE (application_id, idempotency_key)
);
CREATE INDEX application_messages_application_idx ON application_messages (application_id, created_at, id);

CREATE TABLE application_message_files (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL,
  application_id uuid NOT NULL,
  message_id    uuid NOT NULL REFERENCES application_messages(id),
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  size          integer NOT NULL CHECK (size > 0),
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  FOREIGN KEY (application_id, tenant_id) REFERENCES applications (id, tenant_id)
);
CREATE INDEX application_message_files_message_idx ON application_message_files (message_id);

-- Operators' ready answers for the thread, per body.
CREATE TABLE reply_templates (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants(id),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, title)
);

-- Integrators' subscriptions: events of the listed bodies (and services) are POSTed to the URL as CloudEvents,
-- signed with the subscription's secret (sealed with the platform's key: it must be read back to sign).
CREATE TABLE webhook_subscriptions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  url          text NOT NULL,
  description  text NOT NULL DEFAULT '',
  secret_sealed text NOT NULL,
  events       text[] NOT NULL,
  tenant_ids   uuid[] NOT NULL,
  service_ids  uuid[] NOT NULL DEFAULT '{}',
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   text NOT NULL
);
CREATE INDEX webhook_subscriptions_bodies_idx ON webhook_subscriptions USING gin (tenant_ids) WHERE active;

CREATE TABLE webhook_deliveries (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id),
  subscription_id  uuid NOT NULL REFERENCES webhook_subscriptions(id),
  event_id         uuid NOT NULL,
  event_type       text NOT NULL,
  payload          jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz,
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at DESC, id);

CREATE TABLE webhook_attempts (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id),
  delivery_id      uuid NOT NULL REFERENCES webhook_deliveries(id),
  at               timestamptz NOT NULL DEFAULT now(),
  status_code      integer,
  error            text,
  duration_ms      integer NOT NULL,
  response_excerpt text
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, at);

-- Development and test only: every message any channel sent, for the mailbox page (production refuses it).
CREATE TABLE dev_mailbox (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notification_id  uuid,
  -- the idempotency key the channel was given: a retry of one sending is kept once, a resend again
  idempotency_key  text UNIQUE,
  channel          text NOT NULL,
  recipient        text NOT NULL,
  subject          text,
  body             text NOT NULL,
  sent_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dev_mailbox_sent_idx ON dev_mailbox (sent_at DESC);

ALTER TABLE message_templates ENABLE ROW LEVEL SECURITY;
CREATE POLICY message_templates_access ON message_templates FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE reply_templates ENABLE ROW LEVEL SECURITY;
CREATE POLICY reply_templates_access ON reply_templates FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE application_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_messages_access ON application_messages FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant() OR EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id))
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant() OR EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id));
ALTER TABLE application_message_files ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_message_files_access ON application_message_files FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant() OR EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id))
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant() OR EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id));
ALTER TABLE webhook_subscriptions ENABLE ROW LEVEL SECURITY;
-- matching an event to subscriptions runs in the platform scope (a member body's events reach its lead's)
CREATE POLICY webhook_subscriptions_access ON webhook_subscriptions FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant())
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY webhook_deliveries_access ON webhook_deliveries FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE webhook_attempts ENABLE ROW LEVEL SECURITY;
CREATE POLICY webhook_attempts_access ON webhook_attempts FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON message_templates, reply_templates TO sportello_app;
GRANT SELECT, INSERT, UPDATE ON application_messages, webhook_subscriptions, webhook_deliveries TO sportello_app;
GRANT SELECT, INSERT ON application_message_files, webhook_attempts, dev_mailbox TO sportello_app;
