-- My space, first part: the citizen reads who looked at their data (entries hidden for a lawful reason appear
-- when the hiding ends), and keeps favourite services.

ALTER TABLE access_log
  -- an access the citizen may not learn of yet (an investigation, art. 23 GDPR limits): shown from this time on
  ADD COLUMN hidden_until timestamptz,
  ADD COLUMN hidden_reason text;

CREATE TABLE favourite_services (
  citizen_id  uuid NOT NULL REFERENCES citizens(id),
  service_id  uuid NOT NULL REFERENCES services(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (citizen_id, service_id)
);
CREATE INDEX favourite_services_service_idx ON favourite_services (service_id);

ALTER TABLE favourite_services ENABLE ROW LEVEL SECURITY;
CREATE POLICY favourite_services_own ON favourite_services FOR ALL
  USING (sportello_platform() OR citizen_id = sportello_citizen()) WITH CHECK (sportello_platform() OR citizen_id = sportello_citizen());
GRANT SELECT, INSERT, DELETE ON favourite_services TO sportello_app;
