-- A customer's e-mail is unique in its tenant (lower case): claimed in the transaction of its registration.
CREATE TABLE customer_emails (
    tenant      VARCHAR(64)  NOT NULL,
    email       VARCHAR(254) NOT NULL,
    customer_id VARCHAR(64)  NOT NULL,
    PRIMARY KEY (tenant, email)
);
