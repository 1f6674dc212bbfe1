-- My space, second part: what the registry holds about a person in enough detail to show it ("I miei dati"),
-- issue certificates from it and warn before an identity card expires; the loads of the register from a CSV
-- export; and whether a body shows the names of its operators in the citizens' access log.

ALTER TABLE registry_people
  ADD COLUMN civil_status      text CHECK (civil_status IN ('celibe_nubile','coniugato','unito_civilmente','separato','divorziato','vedovo')),
  ADD COLUMN residence_since   date,
  -- the identity card the comune issued (carta d'identità elettronica or paper), as the registry records it
  ADD COLUMN id_card_number    text,
  ADD COLUMN id_card_expires_on date,
  -- which load of the register last wrote the row (null: entered by hand or by the demo)
  ADD COLUMN import_id         uuid;
CREATE INDEX registry_people_id_card_idx ON registry_people (id_card_expires_on) WHERE id_card_expires_on IS NOT NULL;

-- Each load of a population register from a CSV export: who, when, how many rows loaded and which were refused.
CREATE TABLE registry_imports (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES tenants(id),
  file_name      text NOT NULL,
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  started_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  rows_total     integer NOT NULL DEFAULT 0,
  rows_loaded    integer NOT NULL DEFAULT 0,
  rows_rejected  integer NOT NULL DEFAULT 0,
  -- the refused rows: [{ line, fiscalCode?, reason }]
  rejected       jsonb NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX registry_imports_tenant_idx ON registry_imports (tenant_id, started_at DESC);
ALTER TABLE registry_imports ENABLE ROW LEVEL SECURITY;
CREATE POLICY registry_imports_tenant ON registry_imports FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
GRANT SELECT, INSERT, UPDATE ON registry_imports TO sportello_app;

-- Whether the citizen's access log names the operator who read their data, or only the office. Off unless the
-- body has decided (and documented, in its register of processing) that naming its staff is lawful and due.
ALTER TABLE tenants ADD COLUMN access_log_names_operators boolean NOT NULL DEFAULT false;
