-- Images as the query side knows them (their bytes stay in the image store), and the images of each product.
CREATE TABLE image (
    tenant       VARCHAR(64) NOT NULL,
    id           VARCHAR(64) NOT NULL,
    sha256       CHAR(64)    NOT NULL,
    content_type VARCHAR(32) NOT NULL,
    bytes        BIGINT      NOT NULL,
    width        INT         NOT NULL,
    height       INT         NOT NULL,
    duplicate_of VARCHAR(64),
    source       VARCHAR(16) NOT NULL,
    status       VARCHAR(16) NOT NULL DEFAULT 'PENDING',
    uploaded_by  VARCHAR(64) NOT NULL,
    uploaded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE TABLE catalog_product_image (
    tenant      VARCHAR(64) NOT NULL,
    product_id  VARCHAR(64) NOT NULL,
    image_id    VARCHAR(64) NOT NULL,
    attached_at TIMESTAMPTZ NOT NULL,
    position    BIGINT      NOT NULL,
    PRIMARY KEY (tenant, product_id, image_id)
);
