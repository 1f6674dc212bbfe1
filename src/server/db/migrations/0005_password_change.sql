-- Password changes: an account created with a temporary password (shown once to the administrator) must choose
-- its own at the first sign-in; when the password last changed is kept for the record.
ALTER TABLE operators ADD COLUMN password_must_change boolean NOT NULL DEFAULT false, ADD COLUMN password_changed_at timestamptz;
