-- "Per te": advice built from the citizen's situation. The rules are data (a condition on the profile and on
-- dates, and the texts to show), offered by the platform to everyone or by one body; the recommendations are what
-- the rules found for one citizen on one occasion, kept so that a dismissal sticks and the same advice is never
-- made twice; the citizen chooses which kinds they want.

CREATE TABLE recommendation_rules (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- null: offered by the platform to every body's citizens; a body's rule with the same key replaces it there
  tenant_id   uuid REFERENCES tenants(id),
  key         text NOT NULL CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(key) <= 60),
  kind        text NOT NULL CHECK (kind IN ('life_event', 'deadline', 'payment', 'favourite')),
  -- { type: …, … }: checked against the TypeBox schema of recommendations.schemas.ts on every write
  condition   jsonb NOT NULL CHECK (jsonb_typeof(condition) = 'object' AND condition ? 'type'),
  -- templates with {{placeholders}}, rendered for each occasion
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  message     text NOT NULL CHECK (length(message) BETWEEN 1 AND 1000),
  reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  link        text NOT NULL CHECK (length(link) BETWEEN 1 AND 300),
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL,
  CONSTRAINT recommendation_rules_key UNIQUE NULLS NOT DISTINCT (tenant_id, key)
);

ALTER TABLE recommendation_rules ENABLE ROW LEVEL SECURITY;
-- everyone may read the platform's rules; a body reads its own; only the platform writes the platform's
CREATE POLICY recommendation_rules_read ON recommendation_rules FOR SELECT
  USING (tenant_id IS NULL OR sportello_platform() OR tenant_id = sportello_tenant());
CREATE POLICY recommendation_rules_insert ON recommendation_rules FOR INSERT
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
CREATE POLICY recommendation_rules_update ON recommendation_rules FOR UPDATE
  USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant());
GRANT SELECT, INSERT, UPDATE ON recommendation_rules TO sportello_app;

CREATE TABLE recommendations (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id          uuid NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
  rule_id             uuid NOT NULL REFERENCES recommendation_rules(id),
  kind                text NOT NULL CHECK (kind IN ('life_event', 'deadline', 'payment', 'favourite')),
  -- citizen, rule key and occasion (a child and a window, a card's expiry date, a service's version): the same
  -- advice is made once, and a dismissed one stays dismissed
  dedupe_key          text NOT NULL UNIQUE CHECK (length(dedupe_key) <= 400),
  -- the body the advice is about (whose service it links to), when there is one
  tenant_id           uuid REFERENCES tenants(id),
  title               text NOT NULL,
  message             text NOT NULL,
  -- "Perché lo vedi: …"
  reason              text NOT NULL,
  link                text NOT NULL,
  -- whom it is about: the citizen or a minor in their care
  subject_fiscal_code text NOT NULL,
  subject_name        text NOT NULL,
  relevant_from       date NOT NULL,
  -- after this instant it is no longer shown: the occasion ended, or its condition stopped holding
  expires_at          timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  read_at             timestamptz,
  dismissed_at        timestamptz
);
CREATE INDEX recommendations_citizen_idx ON recommendations (citizen_id, relevant_from DESC) WHERE dismissed_at IS NULL;

ALTER TABLE recommendations ENABLE ROW LEVEL SECURITY;
CREATE POLICY recommendations_own ON recommendations FOR ALL
  USING (sportello_platform() OR citizen_id = sportello_citizen()) WITH CHECK (sportello_platform() OR citizen_id = sportello_citizen());
GRANT SELECT, INSERT, UPDATE ON recommendations TO sportello_app;

-- The kinds of advice the citizen switched off (none by default: every kind is on).
ALTER TABLE citizens ADD COLUMN recommendation_kinds_off text[] NOT NULL DEFAULT '{}'
  CHECK (recommendation_kinds_off <@ ARRAY['life_event', 'deadline', 'payment', 'favourite']::text[]);

-- The daily evaluation of every citizen: one row per Italian calendar day, claimed by one worker, with the last
-- citizen done so that a crash resumes where it stopped.
CREATE TABLE recommendation_runs (
  day          date PRIMARY KEY,
  started_at   timestamptz NOT NULL DEFAULT now(),
  last_citizen uuid,
  evaluated    integer NOT NULL DEFAULT 0,
  finished_at  timestamptz
);
ALTER TABLE recommendation_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY recommendation_runs_platform ON recommendation_runs FOR ALL USING (sportello_platform()) WITH CHECK (sportello_platform());
GRANT SELECT, INSERT, UPDATE ON recommendation_runs TO sportello_app;
