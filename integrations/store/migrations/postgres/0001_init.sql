-- Schema 1 for PostgreSQL. Decimals are NUMERIC (exact); instants are BIGINT nanoseconds since 1970-01-01 UTC,
-- since timestamptz keeps microseconds only; JSON documents are JSONB.
CREATE TABLE rubrics (
    id         TEXT NOT NULL,
    version    TEXT NOT NULL,
    definition JSONB NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE evaluations (
    id             TEXT NOT NULL PRIMARY KEY,
    rubric_id      TEXT NOT NULL,
    rubric_version TEXT NOT NULL,
    employee_id    TEXT NOT NULL,
    evaluated_at   BIGINT NOT NULL,
    document       JSONB NOT NULL
);
CREATE INDEX evaluations_employee_at ON evaluations (employee_id, evaluated_at);
CREATE INDEX evaluations_rubric ON evaluations (rubric_id, rubric_version);

CREATE TABLE results (
    evaluation_id  TEXT NOT NULL PRIMARY KEY REFERENCES evaluations (id) ON DELETE CASCADE,
    rubric_id      TEXT NOT NULL,
    rubric_version TEXT NOT NULL,
    employee_id    TEXT NOT NULL,
    department_id  TEXT NOT NULL,
    evaluated_at   BIGINT NOT NULL,
    total          NUMERIC NOT NULL,
    total_units    BIGINT NOT NULL,
    total_scale    SMALLINT NOT NULL,
    rated          SMALLINT NOT NULL, -- 1 when the rubric is on the 0–5 scale of the ratings
    FOREIGN KEY (rubric_id, rubric_version) REFERENCES rubrics (id, version)
);
CREATE INDEX results_employee_at ON results (employee_id, evaluated_at);

CREATE TABLE aggregates (
    group_key  TEXT NOT NULL,
    period     TEXT NOT NULL,
    count      BIGINT NOT NULL,
    sum        NUMERIC NOT NULL,
    PRIMARY KEY (group_key, period)
);

CREATE TABLE survey_responses (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client        TEXT NOT NULL,
    employee_id   TEXT NOT NULL,
    department_id TEXT NOT NULL,
    channel       TEXT NOT NULL,
    answered_at   BIGINT NOT NULL,
    answered_text TEXT NOT NULL,
    kind          TEXT NOT NULL,
    value         SMALLINT NOT NULL
);
CREATE INDEX survey_responses_employee_at ON survey_responses (employee_id, answered_at);

CREATE TABLE complaint_policies (
    ref              TEXT NOT NULL PRIMARY KEY,
    document         JSONB NOT NULL,
    calendar         TEXT NOT NULL,
    calendar_version TEXT NOT NULL
);

CREATE TABLE complaints (
    id               TEXT NOT NULL PRIMARY KEY,
    policy_ref       TEXT NOT NULL REFERENCES complaint_policies (ref),
    calendar_version TEXT NOT NULL,
    employee_id      TEXT NOT NULL,
    channel          TEXT NOT NULL,
    category         TEXT NOT NULL,
    received_at      BIGINT NOT NULL,
    document         JSONB NOT NULL
);
CREATE INDEX complaints_received_at ON complaints (received_at);
