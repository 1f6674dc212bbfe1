-- Personal-data duties (issue 12). Retention: a daily job removes what no longer has a reason to be kept (the rules
-- and their reasons are in modules/retention/retention.rules.ts); and the hiding of earlier access-log reads of a
-- social case that becomes withheld from its subject.

-- One row per Italian calendar day: the day's run, claimed by one process, with what each rule removed.
CREATE TABLE retention_runs (
  day          date PRIMARY KEY,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  counts       jsonb NOT NULL DEFAULT '{}'
);
ALTER TABLE retention_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY retention_runs_platform ON retention_runs FOR ALL USING (sportello_platform()) WITH CHECK (sportello_platform());
GRANT SELECT, INSERT, UPDATE, DELETE ON retention_runs TO sportello_app;

CREATE INDEX applications_abandoned_drafts_idx ON applications (updated_at) WHERE status = 'draft';
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
CREATE INDEX appointments_ends_idx ON appointments (ends_at);

-- A draft never sent is the citizen's unfinished work: the body has no duty to keep it. Its timeline is
-- append-only for the application role, so the removal of whole abandoned drafts (timeline, files, notices) is
-- this one function, which removes nothing else: no draft that ever had a payment position (the accounts keep
-- those), nothing that was ever sent. At most max_rows drafts per call, so a long backlog goes in short steps.
CREATE OR REPLACE FUNCTION sportello_purge_abandoned_drafts(cutoff timestamptz, max_rows integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
DECLARE ids uuid[];
BEGIN
  IF NOT sportello_platform() THEN
    RAISE EXCEPTION 'only the platform scope purges drafts';
  END IF;
  SELECT coalesce(array_agg(a.id), '{}') INTO ids FROM (
    SELECT d.id FROM applications d
    WHERE d.status = 'draft' AND d.updated_at < cutoff AND d.submitted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM payment_positions p WHERE p.application_id = d.id)
    ORDER BY d.updated_at LIMIT max_rows FOR UPDATE SKIP LOCKED) a;
  IF cardinality(ids) = 0 THEN RETURN 0; END IF;
  DELETE FROM notifications WHERE application_id = ANY (ids);
  DELETE FROM application_attachments WHERE application_id = ANY (ids);
  DELETE FROM application_events WHERE application_id = ANY (ids);
  DELETE FROM applications WHERE id = ANY (ids);
  RETURN cardinality(ids);
END $fn$;
REVOKE ALL ON FUNCTION sportello_purge_abandoned_drafts(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sportello_purge_abandoned_drafts(timestamptz, integer) TO sportello_app;

-- A social case withheld from its subject after it was read: the earlier entries of the person's access log about
-- it are hidden from them as the later ones are (social.service.ts). The log stays append-only otherwise: only
-- these two columns may change.
GRANT UPDATE (hidden_until, hidden_reason) ON access_log TO sportello_app;
