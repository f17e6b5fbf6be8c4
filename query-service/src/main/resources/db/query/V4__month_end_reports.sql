-- Month-end reports issued by the schedule: one row per kitchen and month, whichever instance got there first.
CREATE TABLE kitchen_report_issue (
    tenant     VARCHAR(64) NOT NULL,
    kitchen_id VARCHAR(64) NOT NULL,
    month      CHAR(7)     NOT NULL,
    version    INTEGER,
    status     VARCHAR(32),
    issued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, kitchen_id, month)
);

-- Alerts raised by a month-end report of WARNING or worse. Kept apart from the low-stock alerts, which the kitchen
-- projection rebuilds from events: a rebuild must neither lose nor repeat these.
CREATE TABLE kitchen_report_alert (
    tenant         VARCHAR(64)   NOT NULL,
    kitchen_id     VARCHAR(64)   NOT NULL,
    month          CHAR(7)       NOT NULL,
    version        INTEGER       NOT NULL,
    status         VARCHAR(32)   NOT NULL,
    difference_pct NUMERIC(7, 1) NOT NULL,
    raised_at      TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (tenant, kitchen_id, month)
);
