-- Identity: organisations (a tree with validity and successors), people, roles, sessions,
-- login throttling, per-organisation keys and the audit log shared by every module.
-- Dates are ISO 'YYYY-MM-DD' text (legal dates are local dates); timestamps are unix
-- seconds. PostgreSQL form of 0001_identity.sql: BIGSERIAL keys, BIGINT numbers.

CREATE TABLE identity_orgs (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    setting TEXT,
    parent_id BIGINT REFERENCES identity_orgs(id),
    successor_id BIGINT REFERENCES identity_orgs(id),
    valid_from TEXT,
    valid_to TEXT,
    place_name TEXT NOT NULL DEFAULT '',
    requires_two_factor BIGINT NOT NULL DEFAULT 0,
    households BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX identity_orgs_parent ON identity_orgs(parent_id, name);

CREATE TABLE identity_people (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    sort_key TEXT COLLATE "C" NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL DEFAULT '',
    totp_secret_sealed TEXT NOT NULL DEFAULT '',
    two_factor_enabled BIGINT NOT NULL DEFAULT 0,
    locale TEXT NOT NULL DEFAULT '',
    disabled BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE identity_memberships (
    person_id BIGINT NOT NULL REFERENCES identity_people(id),
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    role TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, org_id, role)
);
CREATE INDEX identity_memberships_org ON identity_memberships(org_id, person_id);

CREATE TABLE identity_sessions (
    id BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    person_id BIGINT NOT NULL REFERENCES identity_people(id),
    csrf_token TEXT NOT NULL,
    second_factor_pending BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX identity_sessions_person ON identity_sessions(person_id);

CREATE TABLE identity_login_failures (
    id BIGSERIAL PRIMARY KEY,
    throttle_key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX identity_login_failures_key ON identity_login_failures(throttle_key, at);

CREATE TABLE identity_org_keys (
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    purpose TEXT NOT NULL,
    wrapped_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, purpose)
);

CREATE TABLE audit_events (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id BIGINT,
    actor_name TEXT NOT NULL DEFAULT '',
    org_id BIGINT,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id TEXT NOT NULL DEFAULT '',
    request_id TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_org ON audit_events(org_id, id);
