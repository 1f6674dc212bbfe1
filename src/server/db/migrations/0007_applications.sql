-- Online applications (pratiche): the application with its pinned service version, the append-only timeline,
-- attachments, generated documents (receipts, responses) with their public verification codes, the protocol
-- register per body and year, and the citizens' ratings of a service.

-- The fiscal codes a citizen's unit of work may also see applications of (the people they act for), set by the
-- service next to sportello.citizen_id.
CREATE OR REPLACE FUNCTION sportello_subject_codes() RETURNS text[] LANGUAGE sql STABLE AS
  $fn$ SELECT string_to_array(nullif(current_setting('sportello.subject_codes', true), ''), ',') $fn$;

CREATE TABLE applications (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id             uuid NOT NULL REFERENCES tenants(id),
  -- short code for people: shown on the acknowledgement and said on the phone
  code                  text NOT NULL UNIQUE,
  service_id            uuid NOT NULL,
  service_version       integer NOT NULL,
  office_id             uuid,
  -- who filed it (logged in) and for whom
  citizen_id            uuid NOT NULL REFERENCES citizens(id),
  filer_name            text NOT NULL,
  subject_kind          text NOT NULL CHECK (subject_kind IN ('self','minor','delegation','company')),
  subject_ref           uuid NOT NULL,
  subject_fiscal_code   text NOT NULL,
  subject_name          text NOT NULL,
  status                text NOT NULL CHECK (status IN ('draft','payment_pending','submitted','registered','in_progress',
                          'awaiting_citizen','approved','rejected','withdrawn')),
  data                  jsonb NOT NULL DEFAULT '{}',
  -- JSON pointer → origin of the value ('spid' | 'registry' | 'company') for what the body filled in
  prefilled             jsonb NOT NULL DEFAULT '{}',
  current_step          text,
  revision              integer NOT NULL DEFAULT 1,
  auth_method           text,
  auth_level            text,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  submitted_at          timestamptz,
  -- the legal clock (tempi certi): the maximum days of the pinned version, days suspended, the computed due date
  max_days              integer,
  suspended_days        integer NOT NULL DEFAULT 0,
  due_date              date,
  taken_in_charge_at    timestamptz,
  closed_at             timestamptz,
  responsible_operator_id uuid,
  protocol_year         integer,
  protocol_number       integer,
  registered_at         timestamptz,
  -- set once the receipt PDF is issued; registered applications without it are the receipt issuer's work list
  receipt_document_id   uuid,
  UNIQUE (id, tenant_id),
  FOREIGN KEY (service_id, tenant_id) REFERENCES services (id, tenant_id),
  FOREIGN KEY (service_id, service_version) REFERENCES service_versions (service_id, version),
  FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id),
  CHECK ((status IN ('draft','payment_pending')) = (submitted_at IS NULL) OR status = 'withdrawn')
);
-- "Le mie pratiche": a citizen's own and their subjects', newest first
CREATE INDEX applications_citizen_idx ON applications (citizen_id, created_at DESC, id DESC);
CREATE INDEX applications_subject_idx ON applications (subject_fiscal_code, created_at DESC, id DESC);
-- the protocol registrar's outbox: submitted and not yet numbered, in submission order
CREATE INDEX applications_to_register_idx ON applications (tenant_id, submitted_at, id) WHERE status = 'submitted' AND protocol_number IS NULL;
-- operators' queues by office and due date
CREATE INDEX applications_queue_idx ON applications (tenant_id, status, due_date, id) WHERE status <> 'draft';
CREATE INDEX applications_receipt_pending_idx ON applications (registered_at) WHERE protocol_number IS NOT NULL AND receipt_document_id IS NULL;
CREATE UNIQUE INDEX applications_protocol_idx ON applications (tenant_id, protocol_year, protocol_number) WHERE protocol_number IS NOT NULL;
-- one open draft per person, service and subject: starting again resumes it
CREATE UNIQUE INDEX applications_one_draft_idx ON applications (citizen_id, service_id, subject_fiscal_code) WHERE status = 'draft';

-- The timeline: every change, append-only. Internal notes are marked and never shown to the citizen.
CREATE TABLE application_events (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL,
  application_id  uuid NOT NULL,
  at              timestamptz NOT NULL DEFAULT clock_timestamp(),
  type            text NOT NULL,
  from_status     text,
  to_status       text,
  actor_kind      text NOT NULL CHECK (actor_kind IN ('citizen','operator','system','token')),
  actor_id        text,
  actor_label     text NOT NULL,
  note            text,
  internal        boolean NOT NULL DEFAULT false,
  details         jsonb NOT NULL DEFAULT '{}',
  FOREIGN KEY (application_id, tenant_id) REFERENCES applications (id, tenant_id)
);
CREATE INDEX application_events_application_idx ON application_events (application_id, at, id);

CREATE TABLE application_attachments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL,
  application_id  uuid NOT NULL,
  requirement_id  text NOT NULL,
  file_name       text NOT NULL,
  content_type    text NOT NULL,
  size            integer NOT NULL CHECK (size > 0),
  sha256          text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_at     timestamptz NOT NULL DEFAULT now(),
  uploaded_by     text NOT NULL,
  -- attachments sent with the application stay; only a draft's can be removed
  submitted       boolean NOT NULL DEFAULT false,
  FOREIGN KEY (application_id, tenant_id) REFERENCES applications (id, tenant_id)
);
CREATE INDEX application_attachments_application_idx ON application_attachments (application_id, uploaded_at);

-- Documents the body issues on an application (the receipt; the response in a later version), each with a code
-- for the public verification page that confirms it without showing personal data.
CREATE TABLE application_documents (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id          uuid NOT NULL,
  application_id     uuid NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('receipt','response')),
  title              text NOT NULL,
  file_name          text NOT NULL,
  sha256             text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size               integer NOT NULL,
  verification_code  text NOT NULL UNIQUE,
  created_at         timestamptz NOT NULL DEFAULT now(),
  revoked_at         timestamptz,
  FOREIGN KEY (application_id, tenant_id) REFERENCES applications (id, tenant_id)
);
CREATE INDEX application_documents_application_idx ON application_documents (application_id, created_at);
CREATE UNIQUE INDEX application_documents_one_receipt_idx ON application_documents (application_id) WHERE kind = 'receipt';

-- The protocol register (DPR 445/2000): per body (its AOO) and calendar year, progressive, gapless, immutable.
CREATE TABLE protocol_registers (
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  year         integer NOT NULL,
  last_number  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, year)
);
CREATE TABLE protocol_entries (
  tenant_id        uuid NOT NULL REFERENCES tenants(id),
  year             integer NOT NULL,
  number           integer NOT NULL CHECK (number > 0),
  direction        text NOT NULL CHECK (direction IN ('incoming','outgoing')),
  registered_at    timestamptz NOT NULL,
  aoo_code         text NOT NULL,
  subject          text NOT NULL,
  correspondent    text NOT NULL,
  application_id   uuid,
  document_sha256  text,
  annulled_at      timestamptz,
  annulled_by      text,
  annulment_reason text,
  PRIMARY KEY (tenant_id, year, number),
  FOREIGN KEY (application_id, tenant_id) REFERENCES applications (id, tenant_id),
  CHECK ((annulled_at IS NULL) = (annulment_reason IS NULL))
);
CREATE INDEX protocol_entries_application_idx ON protocol_entries (application_id);

-- An entry is never deleted or renumbered; the only change allowed is its annulment, once, with a reason.
CREATE OR REPLACE FUNCTION sportello_protocol_immutable() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'protocol entries cannot be deleted (annul them instead)' USING ERRCODE = 'P0001';
  END IF;
  IF OLD.annulled_at IS NOT NULL
     OR (NEW.tenant_id, NEW.year, NEW.number, NEW.direction, NEW.registered_at, NEW.aoo_code, NEW.subject,
         NEW.correspondent, NEW.application_id, NEW.document_sha256)
        IS DISTINCT FROM
        (OLD.tenant_id, OLD.year, OLD.number, OLD.direction, OLD.registered_at, OLD.aoo_code, OLD.subject,
         OLD.correspondent, OLD.application_id, OLD.document_sha256) THEN
    RAISE EXCEPTION 'protocol entries are immutable: only an annulment can be recorded, once' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $fn$;
CREATE TRIGGER protocol_entries_immutable BEFORE UPDATE OR DELETE ON protocol_entries
  FOR EACH ROW EXECUTE FUNCTION sportello_protocol_immutable();

-- "Quanto è stato facile usare questo servizio?" once per application (changing one's mind overwrites it).
CREATE TABLE service_ratings (
  application_id  uuid PRIMARY KEY,
  tenant_id       uuid NOT NULL,
  service_id      uuid NOT NULL REFERENCES services(id),
  score           integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  reason          text,
  comment         text CHECK (length(comment) <= 2000),
  created_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (application_id, tenant_id) REFERENCES applications (id, tenant_id)
);
CREATE INDEX service_ratings_service_idx ON service_ratings (service_id, created_at);

-- Row-level security: the body's rows under its tenant scope; a citizen's under their scope — their own
-- applications and those of the people they act for.
ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
CREATE POLICY applications_access ON applications FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen()
         OR (sportello_citizen() IS NOT NULL AND subject_fiscal_code = ANY (sportello_subject_codes())))
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen()
         OR (sportello_citizen() IS NOT NULL AND subject_fiscal_code = ANY (sportello_subject_codes())));
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['application_events','application_attachments','application_documents','service_ratings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL USING (sportello_platform() OR tenant_id = sportello_tenant()
      OR EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id))
      WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant()
      OR EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id))', t || '_access', t);
  END LOOP;
END $$;
ALTER TABLE protocol_registers ENABLE ROW LEVEL SECURITY;
CREATE POLICY protocol_registers_tenant ON protocol_registers FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE protocol_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY protocol_entries_tenant ON protocol_entries FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON applications, application_attachments, application_documents,
  protocol_registers, service_ratings TO sportello_app;
-- The timeline and the register are append-only for the application (the register allows the annulment update).
GRANT SELECT, INSERT ON application_events, protocol_entries TO sportello_app;
-- (default privileges gave later tables every right: take back changing and removing entries first)
REVOKE UPDATE, DELETE, TRUNCATE ON application_events, protocol_entries FROM sportello_app;
GRANT UPDATE (annulled_at, annulled_by, annulment_reason) ON protocol_entries TO sportello_app;
