-- Ids a client may choose for a kitchen's records (deliveries, write-offs, stock counts, servings) are used once per
-- kitchen. The kitchen aggregate used to remember every such id, which made its state and snapshots grow with every
-- serving; the ids are claimed here instead, in the command's own transaction (a refused or failed command claims
-- nothing, and two concurrent claims of one id queue on the key: one wins).
CREATE TABLE record_ids (
    aggregate_identifier VARCHAR(255) NOT NULL,
    record_id            VARCHAR(64)  NOT NULL,
    PRIMARY KEY (aggregate_identifier, record_id)
);

INSERT INTO record_ids (aggregate_identifier, record_id)
SELECT aggregate_identifier,
       convert_from(payload, 'UTF8')::jsonb ->> CASE payload_type
           WHEN 'uz.hisob.events.kitchen.DeliveryBooked' THEN 'deliveryId'
           WHEN 'uz.hisob.events.kitchen.StockWrittenOff' THEN 'writeOffId'
           WHEN 'uz.hisob.events.kitchen.StockCounted' THEN 'countId'
           ELSE 'servingId' END
FROM domain_event_entry
WHERE payload_type IN ('uz.hisob.events.kitchen.DeliveryBooked', 'uz.hisob.events.kitchen.StockWrittenOff',
                       'uz.hisob.events.kitchen.StockCounted', 'uz.hisob.events.kitchen.MealServed')
ON CONFLICT DO NOTHING;
