-- Faster relevance ranking. A broad word ("residenza") appears in the long texts of half the catalogue, and
-- ranking every match costs tens of milliseconds. Words in a title or in the keywords are far rarer, so results
-- come in two tiers: services whose title or keywords match, ranked on that small document; then the others.
-- The first page almost always comes from the first tier alone.
ALTER TABLE services ADD COLUMN title_document tsvector;

UPDATE services s
SET title_document =
  setweight(to_tsvector('sportello_it', s.title), 'A') ||
  setweight(to_tsvector('sportello_it', coalesce((
    SELECT string_agg(k, ' ') FROM jsonb_array_elements_text(v.card -> 'keywords') AS k), '')), 'A')
FROM service_versions v
WHERE v.service_id = s.id AND v.version = s.current_version;

UPDATE services SET title_document = ''::tsvector WHERE title_document IS NULL;
ALTER TABLE services ALTER COLUMN title_document SET NOT NULL;
CREATE INDEX services_title_search_idx ON services USING gin (title_document);

-- Published-catalogue generation: bumped by every change of a card, so that every process can tell when its
-- cached search results are out of date with one cheap read.
CREATE TABLE catalog_state (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  generation  bigint NOT NULL DEFAULT 0
);
INSERT INTO catalog_state (id, generation) VALUES (true, 0);
GRANT SELECT, UPDATE ON catalog_state TO sportello_app;

-- Any change to the cards or to the bodies' names moves the generation on; a statement-level trigger, so that no
-- code path (publishing, imports, bulk seeding) can forget it.
CREATE OR REPLACE FUNCTION sportello_bump_catalog_generation() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE catalog_state SET generation = generation + 1;
  RETURN NULL;
END $fn$;
CREATE TRIGGER services_catalog_generation AFTER INSERT OR UPDATE OR DELETE ON services
  FOR EACH STATEMENT EXECUTE FUNCTION sportello_bump_catalog_generation();
CREATE TRIGGER tenants_catalog_generation AFTER INSERT OR UPDATE OR DELETE ON tenants
  FOR EACH STATEMENT EXECUTE FUNCTION sportello_bump_catalog_generation();
CREATE TRIGGER offices_catalog_generation AFTER INSERT OR UPDATE OR DELETE ON offices
  FOR EACH STATEMENT EXECUTE FUNCTION sportello_bump_catalog_generation();
