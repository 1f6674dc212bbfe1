-- "I miei certificati": registry certificates (residence, family status, registry record) a citizen downloads at
-- once, for themselves or for a minor in their care, signed with the body's certificate; anyone holding one checks
-- it by its verification code; the citizen who asked for it or the body's registry office can revoke it.

CREATE TABLE certificates (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the comune whose population register issued it
  tenant_id           uuid NOT NULL REFERENCES tenants(id),
  -- the office that keeps the register (its letterhead, its operators may revoke); null: the body as a whole
  office_id           uuid,
  -- who asked for it
  citizen_id          uuid NOT NULL REFERENCES citizens(id),
  -- whom it is about: the citizen, or a minor in their care
  subject_fiscal_code text NOT NULL CHECK (subject_fiscal_code ~ '^[A-Z0-9]{16}$'),
  kind                text NOT NULL CHECK (kind IN ('residence', 'family', 'registry')),
  verification_code   text NOT NULL UNIQUE CHECK (verification_code ~ '^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$'),
  -- exactly what the certificate shows (the public verification shows this and nothing else)
  content             jsonb NOT NULL,
  file_name           text NOT NULL,
  storage_key         text NOT NULL,
  sha256              text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size                integer NOT NULL CHECK (size > 0),
  issued_at           timestamptz NOT NULL,
  revoked_at          timestamptz,
  revoked_reason      text,
  -- 'citizen:<id>', 'operator:<id>' or 'token:<id>'
  revoked_by          text,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
  FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id)
);
-- "I miei certificati", newest first, in pages
CREATE INDEX certificates_citizen_idx ON certificates (citizen_id, issued_at DESC, id DESC);
CREATE INDEX certificates_tenant_idx ON certificates (tenant_id, issued_at DESC);
CREATE INDEX certificates_subject_idx ON certificates (subject_fiscal_code);

-- The citizen who asked sees (and revokes) their own; the body its own; the platform (public verification) all.
ALTER TABLE certificates ENABLE ROW LEVEL SECURITY;
CREATE POLICY certificates_access ON certificates FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen())
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen());

-- What a certificate says never changes: only its revocation is written afterwards, and nothing is deleted.
GRANT SELECT, INSERT ON certificates TO sportello_app;
REVOKE UPDATE, DELETE, TRUNCATE ON certificates FROM sportello_app;
GRANT UPDATE (revoked_at, revoked_reason, revoked_by) ON certificates TO sportello_app;
