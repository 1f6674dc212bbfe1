-- Row-level security checks each row's own tenant_id; these keys make sure the rows it points at belong to the
-- same tenant, so a tenant cannot attach a version to another tenant's service or point a card at another
-- tenant's office.
ALTER TABLE services ADD CONSTRAINT services_id_tenant_key UNIQUE (id, tenant_id);
ALTER TABLE offices ADD CONSTRAINT offices_id_tenant_key UNIQUE (id, tenant_id);
ALTER TABLE service_versions
  ADD CONSTRAINT service_versions_service_tenant_fkey FOREIGN KEY (service_id, tenant_id) REFERENCES services (id, tenant_id);
ALTER TABLE services
  ADD CONSTRAINT services_office_tenant_fkey FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id);

-- The lexicon of "did you mean" words is fed by publishing: only within a tenant's or the platform's scope.
ALTER TABLE search_terms ENABLE ROW LEVEL SECURITY;
CREATE POLICY search_terms_read ON search_terms FOR SELECT USING (true);
CREATE POLICY search_terms_write ON search_terms FOR INSERT WITH CHECK (sportello_platform() OR sportello_tenant() IS NOT NULL);
CREATE POLICY search_terms_update ON search_terms FOR UPDATE
  USING (sportello_platform() OR sportello_tenant() IS NOT NULL) WITH CHECK (sportello_platform() OR sportello_tenant() IS NOT NULL);

-- Only the owner applies migrations.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM sportello_app;
