-- Zero-downtime rebuilds for the commerce read models, as the kitchen's (V7): each model's tables move into a
-- generation schema <prefix>_rm_1 and public keeps views of the same names onto the active generation. The live
-- stream's feed (inventory_change) is not part of a generation.

-- the movements' numbering must outlive the generation whose table first owned it
ALTER SEQUENCE inventory_movement_seq_seq OWNED BY NONE;

CREATE SCHEMA inventory_rm_1;
ALTER TABLE inventory_location SET SCHEMA inventory_rm_1;
ALTER TABLE inventory_stock SET SCHEMA inventory_rm_1;
ALTER TABLE inventory_movement SET SCHEMA inventory_rm_1;
ALTER TABLE inventory_alert SET SCHEMA inventory_rm_1;
CREATE VIEW inventory_location AS SELECT * FROM inventory_rm_1.inventory_location;
CREATE VIEW inventory_stock AS SELECT * FROM inventory_rm_1.inventory_stock;
CREATE VIEW inventory_movement AS SELECT * FROM inventory_rm_1.inventory_movement;
CREATE VIEW inventory_alert AS SELECT * FROM inventory_rm_1.inventory_alert;

CREATE SCHEMA catalog_rm_1;
ALTER TABLE catalog_category SET SCHEMA catalog_rm_1;
ALTER TABLE catalog_product SET SCHEMA catalog_rm_1;
ALTER TABLE catalog_product_barcode SET SCHEMA catalog_rm_1;
ALTER TABLE catalog_price_list SET SCHEMA catalog_rm_1;
ALTER TABLE catalog_price SET SCHEMA catalog_rm_1;
ALTER TABLE catalog_product_image SET SCHEMA catalog_rm_1;
CREATE VIEW catalog_category AS SELECT * FROM catalog_rm_1.catalog_category;
CREATE VIEW catalog_product AS SELECT * FROM catalog_rm_1.catalog_product;
CREATE VIEW catalog_product_barcode AS SELECT * FROM catalog_rm_1.catalog_product_barcode;
CREATE VIEW catalog_price_list AS SELECT * FROM catalog_rm_1.catalog_price_list;
CREATE VIEW catalog_price AS SELECT * FROM catalog_rm_1.catalog_price;
CREATE VIEW catalog_product_image AS SELECT * FROM catalog_rm_1.catalog_product_image;

CREATE SCHEMA analytics_rm_1;
ALTER TABLE analytics_stock_value SET SCHEMA analytics_rm_1;
ALTER TABLE analytics_transfer_cost SET SCHEMA analytics_rm_1;
CREATE VIEW analytics_stock_value AS SELECT * FROM analytics_rm_1.analytics_stock_value;
CREATE VIEW analytics_transfer_cost AS SELECT * FROM analytics_rm_1.analytics_transfer_cost;

CREATE SCHEMA images_rm_1;
ALTER TABLE image SET SCHEMA images_rm_1;
CREATE VIEW image AS SELECT * FROM images_rm_1.image;

INSERT INTO projection_generation (projection, generation) VALUES ('inventory', 1), ('catalog', 1), ('analytics', 1), ('images', 1);
