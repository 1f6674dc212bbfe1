-- Social services of a district (ambito sociale): first contacts (segretariato sociale), case files (cartelle
-- sociali) with their diary, assessments, individual plan and interventions, and the flows sent to INPS's
-- Casellario dell'Assistenza (SIUSS). The rows belong to the district (tenant_id); comune_id says which member
-- comune the person lives in, and with sector and target area decides which social workers see them.
--
-- Special-category data (health, court measures, the diary's text, the SINA and SINBA assessments) is never stored
-- in clear: the *_sealed columns hold AES-256-GCM ciphertext made with SOCIAL_DATA_KEY (platform/field-cipher.ts).
-- Nothing here is in a search index; the only search is by fiscal code and by name, which are not special data.

-- The explicit permission to the reserved parts of a case (court measures, health data): a social worker's grant
-- only; the organisation's checks refuse it on other roles.
ALTER TABLE operator_roles ADD COLUMN social_reserved boolean NOT NULL DEFAULT false;

-- The codes the Casellario needs of a comune: ISTAT code (6 digits), cadastral (Belfiore) code, region (2 digits).
ALTER TABLE tenants ADD COLUMN istat_code text CHECK (istat_code ~ '^[0-9]{6}$');
ALTER TABLE tenants ADD COLUMN cadastral_code text CHECK (cadastral_code ~ '^[A-Z][0-9]{3}$');
ALTER TABLE tenants ADD COLUMN region_code text CHECK (region_code ~ '^[0-9]{2}$');

-- A person known to the district's social services: from a comune's registry (registry_person_id) or entered.
CREATE TABLE social_persons (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id           uuid NOT NULL REFERENCES tenants(id),
  fiscal_code         text CHECK (fiscal_code ~ '^[A-Z0-9]{16}$'),
  given_name          text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
  family_name         text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
  birth_date          date,
  -- M | F, as the fiscal code and the registry say
  sex                 text CHECK (sex IN ('M', 'F')),
  -- cadastral code of the comune of birth, or Z + 3 digits for a foreign country
  birth_place_code    text CHECK (birth_place_code ~ '^[A-Z][0-9]{3}$'),
  -- ISTAT code of the citizenship's country (100 = Italy)
  citizenship_code    text CHECK (citizenship_code ~ '^[0-9]{3}$'),
  -- the member comune of residence (a tenant of the district)
  comune_id           uuid NOT NULL REFERENCES tenants(id),
  address             text CHECK (length(address) <= 200),
  phone               text CHECK (length(phone) <= 40),
  registry_person_id  uuid,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX social_persons_fiscal_code_idx ON social_persons (tenant_id, fiscal_code) WHERE fiscal_code IS NOT NULL;
CREATE INDEX social_persons_name_idx ON social_persons (tenant_id, lower(family_name), lower(given_name));

CREATE TABLE social_cases (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id           uuid NOT NULL REFERENCES tenants(id),
  -- human reference shown on screens and in the diary: <year>/<n>, per district
  reference           text NOT NULL,
  person_id           uuid NOT NULL REFERENCES social_persons(id),
  comune_id           uuid NOT NULL REFERENCES tenants(id),
  sector              text NOT NULL CHECK (sector IN ('servizio_sociale_base', 'tutela_minori', 'disabilita', 'anziani', 'inclusione')),
  target_area         text NOT NULL CHECK (target_area IN ('famiglie_minori', 'disabilita_non_autosufficienza', 'adulti_poverta', 'anziani')),
  status              text NOT NULL CHECK (status IN ('reported', 'open', 'in_charge', 'closed', 'reopened')),
  close_reason        text CHECK (close_reason IN ('goals_reached', 'moved_away', 'transferred', 'refused', 'unreachable', 'deceased', 'came_of_age', 'other')),
  close_note          text CHECK (length(close_note) <= 1000),
  -- the first contact that led to the case: the start of the waiting time to taking in charge
  first_contact_on    date NOT NULL,
  opened_on           date NOT NULL,
  in_charge_on        date,
  closed_on           date,
  next_review_on      date,
  -- the household: who lives with the person (relation, name, birth year), not special data
  household           jsonb NOT NULL DEFAULT '[]',
  -- ISEE of the household (DSU protocol, year, date, value in cents, valid until)
  isee                jsonb,
  -- special-category parts, sealed: health (diagnoses, invalidity, care needs), court measures (reserved),
  -- the SINA assessment (non-self-sufficiency) and the SINBA record (minors)
  health_sealed       text,
  court_sealed        text,
  sina_sealed         text,
  sinba_sealed        text,
  -- a case whose existence the law keeps from the person (a court's child-protection proceeding): their
  -- access log does not show its openings while this is set
  withheld_from_subject boolean NOT NULL DEFAULT false,
  withheld_reason     text CHECK (length(withheld_reason) <= 300),
  created_by          uuid,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'closed') = (close_reason IS NOT NULL AND closed_on IS NOT NULL)),
  CHECK (status IN ('reported', 'open') OR in_charge_on IS NOT NULL OR status = 'closed'),
  UNIQUE (tenant_id, reference)
);
CREATE INDEX social_cases_scope_idx ON social_cases (tenant_id, comune_id, target_area, sector, status);
CREATE INDEX social_cases_person_idx ON social_cases (person_id);
CREATE INDEX social_cases_review_idx ON social_cases (tenant_id, next_review_on) WHERE status <> 'closed';

CREATE TABLE social_case_sequences (
  tenant_id  uuid NOT NULL REFERENCES tenants(id),
  year       int NOT NULL,
  last_n     int NOT NULL,
  PRIMARY KEY (tenant_id, year)
);

-- the professionals in charge of a case (operators of the district)
CREATE TABLE social_case_workers (
  case_id      uuid NOT NULL REFERENCES social_cases(id),
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  operator_id  uuid NOT NULL,
  role         text NOT NULL CHECK (role IN ('case_manager', 'social_worker', 'educator', 'psychologist', 'other')),
  since        date NOT NULL,
  PRIMARY KEY (case_id, operator_id)
);

-- every change of a case, appended (who, when, from, to, note)
CREATE TABLE social_case_events (
  seq          bigserial PRIMARY KEY,
  case_id      uuid NOT NULL REFERENCES social_cases(id),
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     uuid,
  actor_label  text NOT NULL,
  kind         text NOT NULL,
  from_status  text,
  to_status    text,
  note         text CHECK (length(note) <= 1000)
);
CREATE INDEX social_case_events_case_idx ON social_case_events (case_id, seq);

-- First contacts: who came or reported whom, the need, the answer; a case when one was opened.
CREATE TABLE social_contacts (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id           uuid NOT NULL REFERENCES tenants(id),
  comune_id           uuid NOT NULL REFERENCES tenants(id),
  contact_on          date NOT NULL,
  channel             text NOT NULL CHECK (channel IN ('in_person', 'phone', 'email', 'home_visit', 'other_service')),
  requester_kind      text NOT NULL CHECK (requester_kind IN ('self', 'family', 'neighbour', 'school', 'health_service', 'police', 'court', 'other_service', 'other')),
  requester_name      text CHECK (length(requester_name) <= 200),
  person_id           uuid REFERENCES social_persons(id),
  target_area         text NOT NULL CHECK (target_area IN ('famiglie_minori', 'disabilita_non_autosufficienza', 'adulti_poverta', 'anziani')),
  sector              text NOT NULL CHECK (sector IN ('servizio_sociale_base', 'tutela_minori', 'disabilita', 'anziani', 'inclusione')),
  need                text NOT NULL CHECK (need IN ('economic', 'housing', 'work', 'care', 'family', 'minors_protection', 'disability', 'health', 'addiction', 'violence', 'migration', 'loneliness', 'information', 'other')),
  -- the words of the person about the need: may hold health or family facts, so sealed
  need_sealed         text,
  answer              text NOT NULL CHECK (answer IN ('information', 'referral', 'case_opened')),
  referral_to         text CHECK (length(referral_to) <= 200),
  privacy_notice_given boolean NOT NULL,
  case_id             uuid REFERENCES social_cases(id),
  created_by          uuid,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((answer = 'case_opened') = (case_id IS NOT NULL)),
  CHECK (answer <> 'referral' OR referral_to IS NOT NULL)
);
CREATE INDEX social_contacts_scope_idx ON social_contacts (tenant_id, contact_on, comune_id, target_area);
CREATE INDEX social_contacts_person_idx ON social_contacts (person_id);

-- The diary: interviews, home visits, reports, assessments, notes; the text sealed; reserved entries (court,
-- health) only for workers with the reserved permission.
CREATE TABLE social_diary_entries (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES social_cases(id),
  tenant_id     uuid NOT NULL REFERENCES tenants(id),
  kind          text NOT NULL CHECK (kind IN ('interview', 'home_visit', 'report', 'assessment', 'meeting', 'note')),
  occurred_on   date NOT NULL,
  reserved      boolean NOT NULL DEFAULT false,
  text_sealed   text NOT NULL,
  author_id     uuid,
  author_label  text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX social_diary_case_idx ON social_diary_entries (case_id, occurred_on DESC, created_at DESC);

-- The individual plan's interventions (PAI), with what the Casellario needs to know of each benefit.
CREATE TABLE social_interventions (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id               uuid NOT NULL REFERENCES social_cases(id),
  tenant_id             uuid NOT NULL REFERENCES tenants(id),
  -- the benefit's code in the Casellario's nomenclature (contracts/social.ts: INTERVENTION_TYPES)
  code                  text NOT NULL CHECK (length(code) BETWEEN 5 AND 10),
  status                text NOT NULL CHECK (status IN ('requested', 'authorised', 'delivered', 'ended', 'refused')),
  requested_on          date NOT NULL,
  authorised_on         date,
  start_on              date,
  end_on                date,
  -- the protocol number under which the body registered the request (ProtocolloDomanda)
  request_protocol      text CHECK (length(request_protocol) BETWEEN 1 AND 32),
  -- 1 ISEE, 2 other means test, 3 ISEE-type but exempted, 4 none (PresenzaProvaMezzi)
  means_test            text NOT NULL CHECK (means_test IN ('1', '2', '3', '4')),
  -- 1 periodic, 2 one-off (CaratterePrestazione)
  periodicity           text NOT NULL CHECK (periodicity IN ('1', '2')),
  amount_cents          bigint CHECK (amount_cents >= 0),
  monthly_amount_cents  bigint CHECK (monthly_amount_cents >= 0),
  period_months         int CHECK (period_months BETWEEN 1 AND 12),
  share_body_cents      bigint CHECK (share_body_cents >= 0),
  share_user_cents      bigint CHECK (share_user_cents >= 0),
  share_health_cents    bigint CHECK (share_health_cents >= 0),
  hours_monthly         int CHECK (hours_monthly BETWEEN 0 AND 999),
  note                  text CHECK (length(note) <= 1000),
  -- the last version sent to the Casellario: a change after it is sent as a correction (cancel + insert)
  exported_at           timestamptz,
  exported_snapshot     jsonb,
  created_by            uuid,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (end_on IS NULL OR start_on IS NULL OR end_on >= start_on)
);
CREATE INDEX social_interventions_case_idx ON social_interventions (case_id);
CREATE INDEX social_interventions_export_idx ON social_interventions (tenant_id, start_on, status);

-- The files sent to the Casellario: flow (psa with SINA, sinba), period, file name, what each record was.
CREATE TABLE social_exports (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id),
  flow          text NOT NULL CHECK (flow IN ('psa', 'sinba')),
  period_from   date NOT NULL,
  period_to     date NOT NULL,
  file_name     text NOT NULL CHECK (length(file_name) <= 50),
  -- the file as produced (it holds personal and special data: sealed like the rest)
  xml_sealed    text NOT NULL,
  sha256        text NOT NULL,
  records       int NOT NULL,
  corrections   int NOT NULL DEFAULT 0,
  created_by    uuid,
  created_by_label text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to >= period_from)
);
CREATE INDEX social_exports_tenant_idx ON social_exports (tenant_id, created_at DESC);

CREATE TABLE social_export_items (
  export_id        uuid NOT NULL REFERENCES social_exports(id),
  tenant_id        uuid NOT NULL REFERENCES tenants(id),
  -- psa: an intervention; sinba: a case
  intervention_id  uuid REFERENCES social_interventions(id),
  case_id          uuid NOT NULL REFERENCES social_cases(id),
  operation        text NOT NULL CHECK (operation IN ('insert', 'correction'))
);
-- a SINBA record has no intervention, so the key treats a missing one as the nil uuid
CREATE UNIQUE INDEX social_export_items_key ON social_export_items (export_id, case_id, coalesce(intervention_id, '00000000-0000-0000-0000-000000000000'));

-- SINBA records sent: a case changed after its last SINBA export is sent again as a correction
ALTER TABLE social_cases ADD COLUMN sinba_exported_at timestamptz;
ALTER TABLE social_cases ADD COLUMN sinba_exported_hash text;

-- Row-level security: only the district's own rows (and the platform scope).
ALTER TABLE social_persons ENABLE ROW LEVEL SECURITY;
CREATE POLICY social_persons_tenant ON social_persons FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE social_cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY social_cases_tenant ON social_cases FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE social_case_sequences ENABLE ROW LEVEL SECURITY;
CREATE POLICY social_case_sequences_tenant ON social_case_sequences FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE social_case_workers ENABLE ROW LEVEL SECURITY;
CREATE POLICY social_case_workers_tenant ON social_case_workers FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE social_case_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY social_case_events_tenant ON social_case_events FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE social_contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY social_contacts_tenant ON social_contacts FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE social_diary_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY social_diary_entries_tenant ON social_diary_entries FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE social_interventions ENABLE ROW LEVEL SECURITY;
CREATE POLICY social_interventions_tenant ON social_interventions FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE social_exports ENABLE ROW LEVEL SECURITY;
CREATE POLICY social_exports_tenant ON social_exports FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
ALTER TABLE social_export_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY social_export_items_tenant ON social_export_items FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());

GRANT SELECT, INSERT, UPDATE ON social_persons, social_cases, social_case_sequences, social_contacts, social_interventions TO sportello_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON social_case_workers TO sportello_app;
GRANT SELECT, INSERT ON social_case_events, social_diary_entries, social_exports, social_export_items TO sportello_app;
GRANT USAGE ON SEQUENCE social_case_events_seq_seq TO sportello_app;
