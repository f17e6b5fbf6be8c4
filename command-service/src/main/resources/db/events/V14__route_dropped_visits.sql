-- A visit a route cancelled because the route no longer had it: planning the route again for that client and day
-- (the client or weekday added back) plans a new visit instead of finding the cancelled one.
ALTER TABLE visit_owners ADD COLUMN dropped BOOLEAN NOT NULL DEFAULT FALSE;
