-- Photos of field sales (field-sales.md, "Images"): the project an image was uploaded to, and its review. Added to
-- the active generation of the images read model (a later rebuild copies its shape), and to the view reads use.
DO $$
DECLARE
    schema_name TEXT := 'images_rm_' || coalesce((SELECT generation FROM projection_generation WHERE projection = 'images'), 1);
BEGIN
    EXECUTE format('ALTER TABLE %I.image ADD COLUMN project_id VARCHAR(64)', schema_name);
    EXECUTE format('ALTER TABLE %I.image ADD COLUMN review_note TEXT', schema_name);
    EXECUTE format('ALTER TABLE %I.image ADD COLUMN reviewed_by VARCHAR(64)', schema_name);
    EXECUTE format('ALTER TABLE %I.image ADD COLUMN reviewed_at TIMESTAMPTZ', schema_name);
    EXECUTE format('CREATE INDEX image_audit ON %I.image (tenant, project_id, status, uploaded_at, id)', schema_name);
    EXECUTE format('CREATE OR REPLACE VIEW public.image AS SELECT * FROM %I.image', schema_name);
END $$;
