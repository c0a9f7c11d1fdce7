-- Schema 1 for SQLite. Decimals are TEXT (SQLite stores a column declared NUMERIC as a float and loses digits);
-- instants are INTEGER nanoseconds since 1970-01-01 UTC; JSON documents are TEXT as the library wrote them.
CREATE TABLE rubrics (
    id         TEXT NOT NULL,
    version    TEXT NOT NULL,
    definition TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE evaluations (
    id             TEXT NOT NULL PRIMARY KEY,
    rubric_id      TEXT NOT NULL,
    rubric_version TEXT NOT NULL,
    employee_id    TEXT NOT NULL,
    evaluated_at   INTEGER NOT NULL,
    document       TEXT NOT NULL
);
CREATE INDEX evaluations_employee_at ON evaluations (employee_id, evaluated_at);
CREATE INDEX evaluations_rubric ON evaluations (rubric_id, rubric_version);

CREATE TABLE results (
    evaluation_id  TEXT NOT NULL PRIMARY KEY REFERENCES evaluations (id) ON DELETE CASCADE,
    rubric_id      TEXT NOT NULL,
    rubric_version TEXT NOT NULL,
    employee_id    TEXT NOT NULL,
    department_id  TEXT NOT NULL,
    evaluated_at   INTEGER NOT NULL,
    total          TEXT NOT NULL,
    total_units    INTEGER NOT NULL,
    total_scale    INTEGER NOT NULL,
    rated          INTEGER NOT NULL, -- 1 when the rubric is on the 0–5 scale of the ratings
    FOREIGN KEY (rubric_id, rubric_version) REFERENCES rubrics (id, version)
);
CREATE INDEX results_employee_at ON results (employee_id, evaluated_at);

CREATE TABLE aggregates (
    group_key  TEXT NOT NULL,
    period     TEXT NOT NULL,
    count      INTEGER NOT NULL,
    sum        TEXT NOT NULL,
    PRIMARY KEY (group_key, period)
);

CREATE TABLE survey_responses (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    client        TEXT NOT NULL,
    employee_id   TEXT NOT NULL,
    department_id TEXT NOT NULL,
    channel       TEXT NOT NULL,
    answered_at   INTEGER NOT NULL,
    answered_text TEXT NOT NULL,
    kind          TEXT NOT NULL,
    value         INTEGER NOT NULL
);
CREATE INDEX survey_responses_employee_at ON survey_responses (employee_id, answered_at);

CREATE TABLE complaint_policies (
    ref              TEXT NOT NULL PRIMARY KEY,
    document         TEXT NOT NULL,
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
    received_at      INTEGER NOT NULL,
    document         TEXT NOT NULL
);
CREATE INDEX complaints_received_at ON complaints (received_at);
