-- Identity: organisations (a tree with validity and successors), people, roles, sessions,
-- login throttling, per-organisation keys and the audit log shared by every module.
-- Dates are ISO 'YYYY-MM-DD' text (legal dates are local dates); timestamps are unix
-- seconds. SQLite form; 0001_identity.pg.sql differs only in key columns.

CREATE TABLE identity_orgs (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    setting TEXT,
    parent_id INTEGER REFERENCES identity_orgs(id),
    successor_id INTEGER REFERENCES identity_orgs(id),
    valid_from TEXT,
    valid_to TEXT,
    place_name TEXT NOT NULL DEFAULT '',
    requires_two_factor INTEGER NOT NULL DEFAULT 0,
    households INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX identity_orgs_parent ON identity_orgs(parent_id, name);

CREATE TABLE identity_people (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    sort_key TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL DEFAULT '',
    totp_secret_sealed TEXT NOT NULL DEFAULT '',
    two_factor_enabled INTEGER NOT NULL DEFAULT 0,
    locale TEXT NOT NULL DEFAULT '',
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE TABLE identity_memberships (
    person_id INTEGER NOT NULL REFERENCES identity_people(id),
    org_id INTEGER NOT NULL REFERENCES identity_orgs(id),
    role TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    PRIMARY KEY (person_id, org_id, role)
);
CREATE INDEX identity_memberships_org ON identity_memberships(org_id, person_id);

CREATE TABLE identity_sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES identity_people(id),
    csrf_token TEXT NOT NULL,
    second_factor_pending INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX identity_sessions_person ON identity_sessions(person_id);

CREATE TABLE identity_login_failures (
    id INTEGER PRIMARY KEY,
    throttle_key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX identity_login_failures_key ON identity_login_failures(throttle_key, at);

CREATE TABLE identity_org_keys (
    org_id INTEGER NOT NULL REFERENCES identity_orgs(id),
    purpose TEXT NOT NULL,
    wrapped_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, purpose)
);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_id INTEGER,
    actor_name TEXT NOT NULL DEFAULT '',
    org_id INTEGER,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id TEXT NOT NULL DEFAULT '',
    request_id TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_org ON audit_events(org_id, id);
