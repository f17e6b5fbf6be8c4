-- A planned visit whose day ended in its project's zone without a check-in is MISSED (field-sales.md): each open
-- plan's end of day, as an instant, kept in the transactions of the agent's commands and swept by MissedVisits.
ALTER TABLE visit_owners ADD COLUMN due_at TIMESTAMPTZ;
CREATE INDEX visit_owners_due ON visit_owners (due_at) WHERE due_at IS NOT NULL;
