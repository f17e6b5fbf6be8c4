-- The second step of a transfer's receipt, kept where a sweep finds it: the receipt records what arrived and who
-- received it (in its own transaction), the arrival marks itself booked (in its own). A receipt whose arrival is not
-- booked soon after (the node stopped between the two) is booked by TransferArrivals. This replaces a command-side
-- event processor, which read every event of every context to find the few receipts (some 15 % of a ServeMeal's CPU).
ALTER TABLE transfer_routes ADD COLUMN received_at TIMESTAMPTZ;
ALTER TABLE transfer_routes ADD COLUMN received_by VARCHAR(64);
ALTER TABLE transfer_routes ADD COLUMN received_lines TEXT;
ALTER TABLE transfer_routes ADD COLUMN arrived_at TIMESTAMPTZ;
CREATE INDEX transfer_routes_pending ON transfer_routes (received_at) WHERE received_at IS NOT NULL AND arrived_at IS NULL;
