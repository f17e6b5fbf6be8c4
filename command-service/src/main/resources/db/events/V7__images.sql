-- Image bytes, outside the event store (field-sales.md, "Images"): content-addressed per tenant by SHA-256, with a
-- JPEG thumbnail; first_image_id is the image that brought these bytes (later ones are its duplicates). Written in the
-- transaction of the upload's event. image_ids maps every image to its bytes. With an S3-compatible store configured
-- (hisob.images.store=s3) content and thumbnail are NULL here and the bytes are objects <tenant>/<sha256>[.thumb.jpg].
CREATE TABLE image_blobs (
    tenant         VARCHAR(64) NOT NULL,
    sha256         CHAR(64)    NOT NULL,
    content_type   VARCHAR(32) NOT NULL,
    content        BYTEA,
    thumbnail      BYTEA,
    first_image_id VARCHAR(64) NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, sha256)
);

CREATE TABLE image_ids (
    tenant   VARCHAR(64) NOT NULL,
    image_id VARCHAR(64) NOT NULL,
    sha256   CHAR(64)    NOT NULL,
    PRIMARY KEY (tenant, image_id)
);
