-- Field sales (field-sales.md): an agent's tokens carry the project and agent it is bound to (scope claims), and an
-- agent made inactive can no longer sign in or refresh its tokens.
ALTER TABLE users ADD COLUMN scopes JSONB NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE users ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
