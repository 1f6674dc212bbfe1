-- Foundation: the application role, tenants, offices, the service catalogue with its versions, operators,
-- sessions and API tokens. Every tenant-owned table carries tenant_id and row-level security.

-- Queries run under this role (never the owner, which bypasses policies). It is cluster-wide, so create once.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sportello_app') THEN
    CREATE ROLE sportello_app NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper) THEN
    EXECUTE format('GRANT sportello_app TO %I', current_user);
  END IF;
END $$;

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Italian stemming that ignores accents, so "identita" finds "identità".
-- unaccent() is only STABLE; this wrapper pins the dictionary so it can be used in indexes and triggers.
CREATE OR REPLACE FUNCTION sportello_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $fn$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $fn$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'sportello_it') THEN
    CREATE TEXT SEARCH CONFIGURATION sportello_it (COPY = pg_catalog.italian);
    ALTER TEXT SEARCH CONFIGURATION sportello_it
      ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, italian_stem;
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO sportello_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO sportello_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO sportello_app;

-- Tenant context helpers read by the policies. A transaction sets them with set_config(..., true).
CREATE OR REPLACE FUNCTION sportello_tenant() RETURNS uuid LANGUAGE sql STABLE AS
  $fn$ SELECT nullif(current_setting('sportello.tenant_id', true), '')::uuid $fn$;
CREATE OR REPLACE FUNCTION sportello_platform() RETURNS boolean LANGUAGE sql STABLE AS
  $fn$ SELECT coalesce(current_setting('sportello.platform', true), '') = 'on' $fn$;

CREATE TABLE tenants (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug         text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name         text NOT NULL,
  type         text NOT NULL CHECK (type IN ('comune','unione_comuni','comunita_valle','provincia','social_district')),
  fiscal_code  text NOT NULL,
  ipa_code     text NOT NULL UNIQUE,
  aoo_code     text NOT NULL,
  parent_id    uuid REFERENCES tenants(id),
  website      text,
  email        text,
  pec          text,
  phone        text,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenants_parent_idx ON tenants (parent_id);

CREATE TABLE offices (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id),
  code          text NOT NULL,
  name          text NOT NULL,
  description   text,
  address       text NOT NULL,
  postal_code   text NOT NULL,
  city          text NOT NULL,
  province      text NOT NULL,
  email         text,
  pec           text,
  phone         text,
  opening_hours jsonb NOT NULL DEFAULT '[]',
  UNIQUE (tenant_id, code)
);

CREATE TABLE services (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES tenants(id),
  slug              text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  -- Denormalised from the current version, for listing and search without reading the card.
  current_version   integer NOT NULL,
  title             text NOT NULL,
  short_description text NOT NULL,
  category          text NOT NULL,
  life_events       text[] NOT NULL DEFAULT '{}',
  audiences         text[] NOT NULL DEFAULT '{}',
  online            boolean NOT NULL,
  status            text NOT NULL CHECK (status IN ('active','inactive')),
  max_days          integer NOT NULL,
  office_id         uuid REFERENCES offices(id),
  published_at      timestamptz NOT NULL,
  search_document   tsvector NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, slug)
);
CREATE INDEX services_search_idx ON services USING gin (search_document);
CREATE INDEX services_life_events_idx ON services USING gin (life_events);
CREATE INDEX services_tenant_title_idx ON services (tenant_id, title, id);
CREATE INDEX services_title_idx ON services (title, id);
CREATE INDEX services_category_idx ON services (category);

-- Every published version of a card, immutable: an application pins (service_id, version).
CREATE TABLE service_versions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id),
  service_id    uuid NOT NULL REFERENCES services(id),
  version       integer NOT NULL CHECK (version > 0),
  card          jsonb NOT NULL,
  published_at  timestamptz NOT NULL DEFAULT now(),
  published_by  text NOT NULL,
  UNIQUE (service_id, version)
);

-- Words seen in the catalogue, for "did you mean" on typing mistakes (trigram similarity).
CREATE TABLE search_terms (
  word     text PRIMARY KEY,
  stem     text NOT NULL,
  uses     integer NOT NULL DEFAULT 1
);
CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (word gin_trgm_ops);
CREATE INDEX search_terms_stem_idx ON search_terms (stem);

CREATE TABLE operators (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES tenants(id),
  email          text NOT NULL UNIQUE,
  name           text NOT NULL,
  password_hash  text NOT NULL,
  roles          text[] NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE operator_sessions (
  token_hash   text PRIMARY KEY,
  operator_id  uuid NOT NULL REFERENCES operators(id),
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);

CREATE TABLE api_tokens (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id),
  role          text NOT NULL,
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);

-- A retried POST with the same Idempotency-Key returns the first answer.
CREATE TABLE idempotency_keys (
  actor         text NOT NULL,
  key           text NOT NULL,
  request_hash  text NOT NULL,
  status_code   integer NOT NULL,
  body          jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor, key)
);

-- Row-level security. The published catalogue (bodies, offices, cards) is public information: anyone may read
-- it; only the owning tenant (or the platform, for seeding and imports) may write it. Identity tables are read
-- and written only within their tenant or by the platform.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenants_read ON tenants FOR SELECT USING (true);
CREATE POLICY tenants_write ON tenants FOR ALL USING (sportello_platform()) WITH CHECK (sportello_platform());

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['offices','services','service_versions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (true)', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant())', t || '_insert', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant())', t || '_update', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR DELETE USING (sportello_platform() OR tenant_id = sportello_tenant())', t || '_delete', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['operators','operator_sessions','api_tokens'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant())', t || '_tenant', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO sportello_app;
