-- The system's own reads done for a citizen (the registry read that prefills their draft, issues their
-- certificate or builds advice for them) are logged in the citizen's transaction, under the citizen's scope: let
-- that scope append entries of the system about that citizen's own objects (citizen_id is theirs), and nothing else.
DROP POLICY access_log_access ON access_log;
CREATE POLICY access_log_access ON access_log FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen()
         OR (sportello_citizen() IS NOT NULL AND subject_fiscal_code = ANY (sportello_subject_codes())))
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant()
              OR (actor_kind = 'system' AND citizen_id = sportello_citizen()));
