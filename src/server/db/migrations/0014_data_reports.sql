-- "I miei dati": where each of a citizen's contacts came from and when it last changed, and the citizen's reports
-- that something a body holds about them is wrong (each one a small request to the body's registry office).

-- Contacts: the identity provider fills a blank at sign-in (SPID/CIE: e-mail, mobile); the citizen types the rest
-- (preferences, "I miei dati"). A trigger keeps the source and the time of the last change of each one, whichever
-- path writes it: a change made by the sign-in (the same statement moves last_login_at) is the provider's, any
-- other is the citizen's own.
ALTER TABLE citizens
  ADD COLUMN email_source      text CHECK (email_source IN ('login','citizen')),
  ADD COLUMN email_updated_at  timestamptz,
  ADD COLUMN phone_source      text CHECK (phone_source IN ('login','citizen')),
  ADD COLUMN phone_updated_at  timestamptz,
  ADD COLUMN pec_source        text CHECK (pec_source IN ('login','citizen')),
  ADD COLUMN pec_updated_at    timestamptz;

-- Contacts already there: e-mail and mobile arrived with a sign-in (the best knowledge there is), the PEC was typed.
UPDATE citizens SET email_source = 'login', email_updated_at = coalesce(last_login_at, created_at) WHERE email IS NOT NULL;
UPDATE citizens SET phone_source = 'login', phone_updated_at = coalesce(last_login_at, created_at) WHERE phone IS NOT NULL;
UPDATE citizens SET pec_source = 'citizen' WHERE pec IS NOT NULL;

CREATE OR REPLACE FUNCTION sportello_track_contacts() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  by_login boolean;
  source text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    by_login := NEW.last_login_at IS NOT NULL;
  ELSE
    by_login := NEW.last_login_at IS NOT NULL AND NEW.last_login_at IS DISTINCT FROM OLD.last_login_at;
  END IF;
  source := CASE WHEN by_login THEN 'login' ELSE 'citizen' END;
  IF (TG_OP = 'INSERT' AND NEW.email IS NOT NULL) OR (TG_OP = 'UPDATE' AND NEW.email IS DISTINCT FROM OLD.email) THEN
    NEW.email_source := source;
    NEW.email_updated_at := now();
  END IF;
  IF (TG_OP = 'INSERT' AND NEW.phone IS NOT NULL) OR (TG_OP = 'UPDATE' AND NEW.phone IS DISTINCT FROM OLD.phone) THEN
    NEW.phone_source := source;
    NEW.phone_updated_at := now();
  END IF;
  IF (TG_OP = 'INSERT' AND NEW.pec IS NOT NULL) OR (TG_OP = 'UPDATE' AND NEW.pec IS DISTINCT FROM OLD.pec) THEN
    NEW.pec_source := source;
    NEW.pec_updated_at := now();
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER citizens_contacts_tracked BEFORE INSERT OR UPDATE OF email, phone, pec, last_login_at ON citizens
  FOR EACH ROW EXECUTE FUNCTION sportello_track_contacts();

-- A citizen's report that an item a body holds about them is wrong. The body's registry office (the office with
-- code 'anagrafe', when the body has one) takes it, then resolves it (the record is corrected) or rejects it,
-- answering the citizen either way.
CREATE TABLE data_reports (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the body holding the item
  tenant_id            uuid NOT NULL REFERENCES tenants(id),
  citizen_id           uuid NOT NULL REFERENCES citizens(id),
  subject_fiscal_code  text NOT NULL CHECK (subject_fiscal_code ~ '^[A-Z0-9]{16}$'),
  -- the person as the body's record names them, for the office's list
  subject_name         text NOT NULL,
  -- the office the report went to (null: the body has no registry office; its managers handle it)
  office_id            uuid,
  -- which item: registry.address, registry.family, registry.citizenship, document.id_card, …
  item                 text NOT NULL CHECK (item ~ '^[a-z]+\.[a-z_]+$'),
  -- what the page showed when the citizen reported it, and what they say is right
  shown_value          text NOT NULL CHECK (length(shown_value) <= 4000),
  correction           text NOT NULL CHECK (length(correction) BETWEEN 1 AND 1000),
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','resolved','rejected')),
  -- the office's words to the citizen (required to close it)
  answer               text CHECK (length(answer) BETWEEN 1 AND 2000),
  created_at           timestamptz NOT NULL DEFAULT now(),
  handled_at           timestamptz,
  -- operator or API token who last moved it, and their name as the office's list shows it
  handled_by           uuid,
  handled_by_label     text,
  -- a retried POST with the same Idempotency-Key finds the report it made
  idempotency_key      text,
  FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id),
  CHECK (status IN ('open','in_progress') OR (answer IS NOT NULL AND handled_at IS NOT NULL)),
  UNIQUE (citizen_id, idempotency_key)
);
-- the office's lists (all, or by status), newest first
CREATE INDEX data_reports_tenant_idx ON data_reports (tenant_id, created_at DESC, id);
CREATE INDEX data_reports_tenant_status_idx ON data_reports (tenant_id, status, created_at DESC, id);
-- the citizen's own list
CREATE INDEX data_reports_citizen_idx ON data_reports (citizen_id, created_at DESC, id);
-- one report at a time on the same item of the same body: a second one waits for the first to be answered
CREATE UNIQUE INDEX data_reports_one_open_idx ON data_reports (citizen_id, tenant_id, item) WHERE status IN ('open','in_progress');

ALTER TABLE data_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY data_reports_read ON data_reports FOR SELECT
  USING (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen());
-- the citizen writes their own report; the body's offices answer it
CREATE POLICY data_reports_insert ON data_reports FOR INSERT
  WITH CHECK (sportello_platform() OR citizen_id = sportello_citizen());
CREATE POLICY data_reports_update ON data_reports FOR UPDATE
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
GRANT SELECT, INSERT, UPDATE ON data_reports TO sportello_app;
REVOKE DELETE, TRUNCATE ON data_reports FROM sportello_app;
