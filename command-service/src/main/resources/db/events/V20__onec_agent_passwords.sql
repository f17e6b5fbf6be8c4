-- The last password 1C accepted for each agent that signs in through 1C (onec.md), as a bcrypt hash with when: it
-- stands in for 1C for 7 days while 1C cannot be reached. Deleted when 1C refuses the agent.
CREATE TABLE onec_agent_passwords (
    user_id       UUID        NOT NULL PRIMARY KEY,
    tenant        VARCHAR(64) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    accepted_at   TIMESTAMPTZ NOT NULL
);
