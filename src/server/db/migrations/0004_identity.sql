-- Identity and access: citizens who log in with SPID/CIE, server-side sessions for citizens and operators,
-- OpenID Connect login attempts, TOTP for operators, role assignments per office, associated management between
-- bodies, the registry data that says whom a citizen may act for, delegations, and the hash-chained audit log.

-- The citizen a unit of work acts for (row-level security for citizen-owned rows), like sportello_tenant().
CREATE OR REPLACE FUNCTION sportello_citizen() RETURNS uuid LANGUAGE sql STABLE AS
  $fn$ SELECT nullif(current_setting('sportello.citizen_id', true), '')::uuid $fn$;

-- People who log in with SPID or CIE. Platform-wide: one person uses the services of many bodies. Only what the
-- identity provider asserted at the last login is kept (contacts are used to prefill forms and for receipts).
CREATE TABLE citizens (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  fiscal_code    text NOT NULL UNIQUE CHECK (fiscal_code ~ '^[A-Z0-9]{16}$'),
  given_name     text NOT NULL,
  family_name    text NOT NULL,
  birth_date     date,
  birth_place    text,
  email          text,
  phone          text,
  address        text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_login_at  timestamptz
);

-- Operators: e-mail + password + TOTP, or the OpenID provider (matched by fiscal code); accounts can be locked
-- after failed attempts and disabled by an administrator. Roles move to operator_roles (per office).
ALTER TABLE operators
  ADD COLUMN fiscal_code      text UNIQUE CHECK (fiscal_code ~ '^[A-Z0-9]{16}$'),
  ADD COLUMN totp_secret      text,
  ADD COLUMN totp_enabled_at  timestamptz,
  ADD COLUMN totp_last_step   bigint,
  ADD COLUMN failed_logins    integer NOT NULL DEFAULT 0,
  ADD COLUMN locked_until     timestamptz,
  ADD COLUMN disabled_at      timestamptz,
  ADD COLUMN last_login_at    timestamptz,
  ADD CONSTRAINT operators_id_tenant_key UNIQUE (id, tenant_id);

CREATE TABLE operator_roles (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id),
  operator_id   uuid NOT NULL,
  role          text NOT NULL CHECK (role IN ('operator','manager','desk','social_worker','tenant_admin','platform_admin')),
  -- the office an operator or desk role works in; null for body-wide roles
  office_id     uuid,
  -- a social worker's scope: the comuni (tenant ids) whose cases they see, sectors and target areas; empty = all
  comuni        uuid[] NOT NULL DEFAULT '{}',
  sectors       text[] NOT NULL DEFAULT '{}',
  target_areas  text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL,
  FOREIGN KEY (operator_id, tenant_id) REFERENCES operators (id, tenant_id) ON DELETE CASCADE,
  FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id),
  CHECK (role NOT IN ('operator','desk') OR office_id IS NOT NULL)
);
CREATE INDEX operator_roles_operator_idx ON operator_roles (operator_id);
CREATE UNIQUE INDEX operator_roles_unique_idx ON operator_roles (operator_id, role, coalesce(office_id, '00000000-0000-0000-0000-000000000000'));

INSERT INTO operator_roles (tenant_id, operator_id, role, created_by)
  SELECT o.tenant_id, o.id, r, 'migration' FROM operators o, unnest(o.roles) AS r WHERE r NOT IN ('operator','desk','citizen');
ALTER TABLE operators DROP COLUMN roles;

-- One table of sessions for citizens and operators, looked up by the hash of the cookie's token. Idle and
-- absolute timeouts are checked on every request; deleting the row ends the session everywhere.
DROP TABLE operator_sessions;
CREATE TABLE sessions (
  token_hash    text PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('citizen','operator')),
  citizen_id    uuid REFERENCES citizens(id) ON DELETE CASCADE,
  operator_id   uuid REFERENCES operators(id) ON DELETE CASCADE,
  tenant_id     uuid REFERENCES tenants(id),
  -- how the person proved who they are: spid, cie, oidc, password, password_totp
  auth_method   text NOT NULL,
  -- the SPID level asserted (https://www.spid.gov.it/SpidL1|2|3), for SPID/CIE/OIDC logins
  auth_level    text,
  -- whom a citizen acts for: {"kind":"self"} or {"kind":"minor"|"delegation"|"company","id":…}
  acting_for    jsonb NOT NULL DEFAULT '{"kind":"self"}',
  -- the provider's ID token, kept only to end the session at the provider on logout
  id_token      text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  CHECK ((kind = 'citizen') = (citizen_id IS NOT NULL)),
  CHECK ((kind = 'operator') = (operator_id IS NOT NULL AND tenant_id IS NOT NULL))
);
CREATE INDEX sessions_citizen_idx ON sessions (citizen_id) WHERE citizen_id IS NOT NULL;
CREATE INDEX sessions_operator_idx ON sessions (operator_id) WHERE operator_id IS NOT NULL;
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- An OpenID Connect login in flight: the PKCE verifier and nonce, found by the hash of the state sent to the
-- provider, used once (deleted when the callback arrives).
CREATE TABLE oidc_logins (
  state_hash     text PRIMARY KEY,
  code_verifier  text NOT NULL,
  nonce          text NOT NULL,
  audience       text NOT NULL CHECK (audience IN ('citizen','operator')),
  method         text NOT NULL,
  level          text NOT NULL,
  return_to      text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL
);

-- Integrators' tokens expire and record who created and revoked them.
ALTER TABLE api_tokens
  ADD COLUMN expires_at  timestamptz,
  ADD COLUMN created_by  text NOT NULL DEFAULT 'cli',
  ADD COLUMN revoked_by  text,
  ADD COLUMN last_used_at timestamptz;

-- Associated management: operators of the lead body work on the applications of member bodies.
CREATE TABLE tenant_associations (
  lead_tenant_id    uuid NOT NULL REFERENCES tenants(id),
  member_tenant_id  uuid NOT NULL REFERENCES tenants(id),
  description       text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (lead_tenant_id, member_tenant_id),
  CHECK (lead_tenant_id <> member_tenant_id)
);
CREATE INDEX tenant_associations_member_idx ON tenant_associations (member_tenant_id);

-- The population registry a body holds (anagrafe): enough to know families, minors and residence.
CREATE TABLE registry_people (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES tenants(id),
  fiscal_code      text NOT NULL CHECK (fiscal_code ~ '^[A-Z0-9]{16}$'),
  given_name       text NOT NULL,
  family_name      text NOT NULL,
  sex              text CHECK (sex IN ('M','F')),
  birth_date       date NOT NULL,
  birth_place      text NOT NULL,
  citizenship      text NOT NULL DEFAULT 'italiana',
  address          text NOT NULL,
  -- the family sheet (scheda di famiglia) and the person's relation to its head
  family_id        text NOT NULL,
  family_relation  text NOT NULL CHECK (family_relation IN ('intestatario','coniuge','unito_civilmente','convivente','figlio','genitore','altro')),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, fiscal_code)
);
CREATE INDEX registry_people_fiscal_idx ON registry_people (fiscal_code);
CREATE INDEX registry_people_family_idx ON registry_people (tenant_id, family_id);

-- Businesses and who represents them (in production: the Registro delle imprese through InfoCamere).
CREATE TABLE companies (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  fiscal_code  text NOT NULL UNIQUE CHECK (fiscal_code ~ '^[0-9]{11}$'),
  name         text NOT NULL,
  legal_form   text NOT NULL,
  address      text NOT NULL
);
CREATE TABLE company_representatives (
  company_id   uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  fiscal_code  text NOT NULL CHECK (fiscal_code ~ '^[A-Z0-9]{16}$'),
  role         text NOT NULL,
  PRIMARY KEY (company_id, fiscal_code)
);
CREATE INDEX company_representatives_fiscal_idx ON company_representatives (fiscal_code);

-- A client's delegation to a professional (or anyone) to act for them, with the signed document uploaded.
CREATE TABLE delegations (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  delegate_citizen_id    uuid NOT NULL REFERENCES citizens(id),
  delegator_fiscal_code  text NOT NULL CHECK (delegator_fiscal_code ~ '^[A-Z0-9]{16}$'),
  delegator_given_name   text NOT NULL,
  delegator_family_name  text NOT NULL,
  purpose                text NOT NULL,
  valid_until            date NOT NULL,
  document_sha256        text NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
  document_name          text NOT NULL,
  document_type          text NOT NULL,
  document_size          integer NOT NULL,
  created_at             timestamptz NOT NULL DEFAULT now(),
  revoked_at             timestamptz,
  revoke_reason          text
);
CREATE INDEX delegations_delegate_idx ON delegations (delegate_citizen_id);
CREATE INDEX delegations_delegator_idx ON delegations (delegator_fiscal_code);

-- Append-only, hash-chained audit log of security-relevant actions. Each entry's hash covers the previous
-- entry's hash, so changing or deleting an entry breaks the chain from there on (`sportello audit verify`).
CREATE TABLE audit_log (
  seq        bigint PRIMARY KEY,
  at         timestamptz NOT NULL,
  tenant_id  uuid REFERENCES tenants(id),
  actor      text NOT NULL,
  action     text NOT NULL,
  target     text,
  details    jsonb NOT NULL DEFAULT '{}',
  prev_hash  text NOT NULL,
  hash       text NOT NULL
);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, seq DESC);

-- The hash of one entry from its fields and the previous hash; the same function checks the chain.
CREATE OR REPLACE FUNCTION sportello_audit_hash(prev text, seq bigint, at timestamptz, tenant_id uuid, actor text,
    action text, target text, details jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT encode(sha256(convert_to(concat_ws('|', prev, seq::text,
    to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), coalesce(tenant_id::text, ''), actor, action,
    coalesce(target, ''), details::text), 'UTF8')), 'hex')
$fn$;

-- Numbers and links each entry under one lock, so the chain order is the commit order whatever the concurrency.
-- SECURITY DEFINER: the chain spans every tenant, while the caller may only see its own entries.
CREATE OR REPLACE FUNCTION sportello_audit_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public AS $fn$
DECLARE last record;
BEGIN
  PERFORM pg_advisory_xact_lock(7710001);
  SELECT a.seq, a.hash INTO last FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
  NEW.seq := coalesce(last.seq, 0) + 1;
  NEW.at := clock_timestamp();
  NEW.prev_hash := coalesce(last.hash, repeat('0', 64));
  NEW.hash := sportello_audit_hash(NEW.prev_hash, NEW.seq, NEW.at, NEW.tenant_id, NEW.actor, NEW.action, NEW.target, NEW.details);
  RETURN NEW;
END $fn$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION sportello_audit_chain();

-- Row-level security.
ALTER TABLE citizens ENABLE ROW LEVEL SECURITY;
CREATE POLICY citizens_self ON citizens FOR ALL
  USING (sportello_platform() OR id = sportello_citizen()) WITH CHECK (sportello_platform() OR id = sportello_citizen());
ALTER TABLE delegations ENABLE ROW LEVEL SECURITY;
CREATE POLICY delegations_delegate ON delegations FOR ALL
  USING (sportello_platform() OR delegate_citizen_id = sportello_citizen())
  WITH CHECK (sportello_platform() OR delegate_citizen_id = sportello_citizen());
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY sessions_platform ON sessions FOR ALL USING (sportello_platform()) WITH CHECK (sportello_platform());
ALTER TABLE oidc_logins ENABLE ROW LEVEL SECURITY;
CREATE POLICY oidc_logins_platform ON oidc_logins FOR ALL USING (sportello_platform()) WITH CHECK (sportello_platform());
ALTER TABLE companies ENABLE ROW LEVEL SECURITY;
CREATE POLICY companies_platform ON companies FOR ALL USING (sportello_platform()) WITH CHECK (sportello_platform());
ALTER TABLE company_representatives ENABLE ROW LEVEL SECURITY;
CREATE POLICY company_representatives_platform ON company_representatives FOR ALL USING (sportello_platform()) WITH CHECK (sportello_platform());
ALTER TABLE tenant_associations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_associations_read ON tenant_associations FOR SELECT USING (true);
CREATE POLICY tenant_associations_write ON tenant_associations FOR ALL USING (sportello_platform()) WITH CHECK (sportello_platform());
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['operator_roles','registry_people'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant())', t || '_tenant', t);
  END LOOP;
END $$;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT USING (sportello_platform() OR tenant_id = sportello_tenant());
-- a citizen's own actions (choosing whom to act for, delegations) are recorded under their scope
CREATE POLICY audit_log_append ON audit_log FOR INSERT WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant()
  OR (tenant_id IS NULL AND actor = 'citizen:' || sportello_citizen()::text));

GRANT SELECT, INSERT, UPDATE, DELETE ON citizens, operator_roles, sessions, oidc_logins, tenant_associations,
  registry_people, companies, company_representatives, delegations TO sportello_app;
-- The audit log is append-only for the application.
GRANT SELECT, INSERT ON audit_log TO sportello_app;
-- (tables created by later migrations get every privilege by default: take back changing and removing entries)
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM sportello_app;
