-- The person who gave a delegation sees it and can revoke it too, not only the person who received it.
-- Who received it is kept by name (another citizen's row is not readable under their scope), and who revoked it.
ALTER TABLE delegations
  ADD COLUMN delegate_name text,
  ADD COLUMN revoked_by text CHECK (revoked_by IN ('delegate', 'delegator'));

-- Permissive policies add up: the delegator reads and revokes the delegations that name their fiscal code.
CREATE POLICY delegations_delegator_read ON delegations FOR SELECT
  USING (delegator_fiscal_code = (SELECT c.fiscal_code FROM citizens c WHERE c.id = sportello_citizen()));
CREATE POLICY delegations_delegator_revoke ON delegations FOR UPDATE
  USING (delegator_fiscal_code = (SELECT c.fiscal_code FROM citizens c WHERE c.id = sportello_citizen()))
  WITH CHECK (delegator_fiscal_code = (SELECT c.fiscal_code FROM citizens c WHERE c.id = sportello_citizen()));
CREATE INDEX IF NOT EXISTS delegations_delegator_idx ON delegations (delegator_fiscal_code);
