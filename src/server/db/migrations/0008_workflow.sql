-- The back office: what operators do with applications (checklist, proposed outcome and visas, escalation),
-- full-text search over the queue, the access log of operators' reads, notifications produced by workflow
-- automations, and the documents issued on an outcome.

-- An application may be reassigned to an office of another body that handles it under associated management:
-- the office no longer has to belong to the application's own body.
ALTER TABLE applications DROP CONSTRAINT applications_office_id_tenant_id_fkey;
ALTER TABLE applications ADD CONSTRAINT applications_office_fkey FOREIGN KEY (office_id) REFERENCES offices (id);

ALTER TABLE applications
  -- item id → { done, by, at } for the service's checklist
  ADD COLUMN checklist jsonb NOT NULL DEFAULT '{}',
  -- the officer's proposed outcome while second-level visas are given (see contracts/workflow.ts OutcomeProposal)
  ADD COLUMN outcome_proposal jsonb,
  -- whose visa is awaited: a role of the body, or an office (the application shows in that office's queue)
  ADD COLUMN visa_step_id text,
  ADD COLUMN visa_office_id uuid REFERENCES offices (id),
  ADD COLUMN outcome_motivation text,
  ADD COLUMN escalated_at timestamptz,
  -- time-based automations already fired, by automation id and due date (moving the due date re-arms them)
  ADD COLUMN deadline_marks jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN response_document_id uuid,
  -- the operator's search box: code (its parts: "CA 2026 7KQ4M2"), protocol number (as printed, 0000123),
  -- names, fiscal code and every text answered in the form
  ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', translate(code, '-', ' ') || ' ' || coalesce(lpad(protocol_number::text, 7, '0'), '') || ' '
      || subject_name || ' ' || filer_name || ' ' || subject_fiscal_code)
    || jsonb_to_tsvector('simple', data, '["string"]')) STORED;

CREATE INDEX applications_search_idx ON applications USING gin (search) WHERE status <> 'draft';
CREATE INDEX applications_office_queue_idx ON applications (office_id, status, due_date, id) WHERE status <> 'draft';
CREATE INDEX applications_responsible_idx ON applications (responsible_operator_id, due_date) WHERE status <> 'draft';
CREATE INDEX applications_visa_office_idx ON applications (visa_office_id) WHERE visa_office_id IS NOT NULL;
-- the deadline sweep: open applications by due date
CREATE INDEX applications_open_due_idx ON applications (due_date) WHERE status IN ('submitted','registered','in_progress');

-- documents issued on an outcome or by an automation (a notice), beside the receipt
ALTER TABLE application_documents DROP CONSTRAINT application_documents_kind_check;
ALTER TABLE application_documents ADD CONSTRAINT application_documents_kind_check CHECK (kind IN ('receipt','response','notice'));
ALTER TABLE application_documents
  ADD COLUMN protocol_year integer,
  ADD COLUMN protocol_number integer,
  ADD COLUMN summary text,
  -- the automation or outcome that asked for it: a job run twice issues one document
  ADD COLUMN issue_key text;
CREATE UNIQUE INDEX application_documents_issue_key_idx ON application_documents (application_id, issue_key) WHERE issue_key IS NOT NULL;

-- Every read of a citizen's data by an operator or a system: who, when, what, why (GDPR art. 15; the citizen
-- reads it in the personal area). Append-only.
CREATE TABLE access_log (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id            uuid NOT NULL REFERENCES tenants(id),
  at                   timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- whose data: the person the application is about, and who filed it
  subject_fiscal_code  text NOT NULL,
  citizen_id           uuid,
  actor_kind           text NOT NULL CHECK (actor_kind IN ('operator','token','system')),
  actor_id             text,
  actor_label          text NOT NULL,
  office_name          text,
  object_type          text NOT NULL,
  object_id            uuid NOT NULL,
  object_label         text NOT NULL,
  -- view | history | attachment | document
  operation            text NOT NULL,
  purpose              text NOT NULL,
  legal_basis          text NOT NULL
);
CREATE INDEX access_log_subject_idx ON access_log (subject_fiscal_code, at DESC);
CREATE INDEX access_log_citizen_idx ON access_log (citizen_id, at DESC);
CREATE INDEX access_log_object_idx ON access_log (object_id, at DESC);

-- Notifications produced by workflow automations, one row per recipient and channel. The dedupe key makes a
-- repeated automation produce none twice.
CREATE TABLE notifications (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id),
  application_id   uuid,
  dedupe_key       text NOT NULL UNIQUE,
  recipient_kind   text NOT NULL CHECK (recipient_kind IN ('citizen','operator','address')),
  citizen_id       uuid,
  operator_id      uuid,
  address          text,
  channel          text NOT NULL CHECK (channel IN ('inbox','email','sms','io')),
  subject          text NOT NULL,
  body             text NOT NULL,
  -- inbox messages are delivered on insert; the other channels are queued for their sender
  status           text NOT NULL CHECK (status IN ('queued','sent','delivered','failed')),
  status_reason    text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  read_at          timestamptz,
  FOREIGN KEY (application_id, tenant_id) REFERENCES applications (id, tenant_id),
  CHECK ((recipient_kind = 'citizen') = (citizen_id IS NOT NULL)),
  CHECK ((recipient_kind = 'operator') = (operator_id IS NOT NULL))
);
CREATE INDEX notifications_citizen_idx ON notifications (citizen_id, created_at DESC) WHERE citizen_id IS NOT NULL;
CREATE INDEX notifications_operator_idx ON notifications (operator_id, created_at DESC) WHERE operator_id IS NOT NULL;
CREATE INDEX notifications_queued_idx ON notifications (channel, created_at) WHERE status = 'queued';

-- Automations already carried out, by their key (event, automation): a job delivered twice acts once.
CREATE TABLE automation_runs (
  key             text PRIMARY KEY,
  tenant_id       uuid NOT NULL REFERENCES tenants(id),
  application_id  uuid NOT NULL,
  ran_at          timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY access_log_access ON access_log FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen()
         OR (sportello_citizen() IS NOT NULL AND subject_fiscal_code = ANY (sportello_subject_codes())))
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY notifications_access ON notifications FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen())
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen());
ALTER TABLE automation_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY automation_runs_access ON automation_runs FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());

GRANT SELECT, INSERT, UPDATE ON notifications TO sportello_app;
GRANT SELECT, INSERT ON access_log, automation_runs TO sportello_app;
REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM sportello_app;
REVOKE DELETE, TRUNCATE ON notifications FROM sportello_app;
