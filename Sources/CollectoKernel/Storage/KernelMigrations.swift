/// The kernel's own schema, append-only. Tables are prefixed `kernel_`.
enum KernelMigrations {
    static let all: [Migration] = [
        Migration(
            "001_identity",
            [
                """
                CREATE TABLE kernel_organisations (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
                    contact_email TEXT, phone TEXT, created_at TEXT NOT NULL)
                """,
                "CREATE UNIQUE INDEX kernel_organisations_name ON kernel_organisations (kind, name)",
                """
                CREATE TABLE kernel_users (
                    id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
                    password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE kernel_memberships (
                    user_id TEXT NOT NULL REFERENCES kernel_users (id),
                    organisation_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    role TEXT NOT NULL, PRIMARY KEY (user_id, organisation_id))
                """,
                "CREATE INDEX kernel_memberships_organisation ON kernel_memberships (organisation_id)",
                """
                CREATE TABLE kernel_tokens (
                    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES kernel_users (id),
                    issued_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT)
                """,
            ]),
        Migration(
            "002_sites",
            [
                """
                CREATE TABLE kernel_sites (
                    id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    name TEXT NOT NULL, address TEXT NOT NULL, postcode TEXT, city TEXT,
                    latitude REAL NOT NULL, longitude REAL NOT NULL, opening_hours TEXT NOT NULL,
                    storage_classes TEXT NOT NULL, service_minutes INTEGER NOT NULL, created_at TEXT NOT NULL)
                """,
                "CREATE INDEX kernel_sites_organisation ON kernel_sites (organisation_id)",
            ]),
        Migration(
            "003_fleet",
            [
                """
                CREATE TABLE kernel_vehicles (
                    id TEXT PRIMARY KEY, owner_organisation_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    name TEXT NOT NULL, plate TEXT NOT NULL UNIQUE, capacity_kg REAL NOT NULL,
                    capacity_litres REAL NOT NULL, refrigerated INTEGER NOT NULL,
                    available_weekdays TEXT NOT NULL, created_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE kernel_vehicle_shares (
                    vehicle_id TEXT NOT NULL REFERENCES kernel_vehicles (id),
                    organisation_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    PRIMARY KEY (vehicle_id, organisation_id))
                """,
                """
                CREATE TABLE kernel_vehicle_unavailability (
                    vehicle_id TEXT NOT NULL REFERENCES kernel_vehicles (id), day TEXT NOT NULL,
                    reason TEXT NOT NULL, PRIMARY KEY (vehicle_id, day))
                """,
            ]),
        Migration(
            "004_tasks_and_rounds",
            [
                """
                CREATE TABLE kernel_rounds (
                    id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    day TEXT NOT NULL, start_time TEXT NOT NULL,
                    vehicle_id TEXT NOT NULL REFERENCES kernel_vehicles (id),
                    driver_user_id TEXT REFERENCES kernel_users (id),
                    planned_start TEXT NOT NULL, planned_end TEXT NOT NULL,
                    status TEXT NOT NULL, created_at TEXT NOT NULL)
                """,
                "CREATE INDEX kernel_rounds_day ON kernel_rounds (day, vehicle_id)",
                """
                CREATE TABLE kernel_tasks (
                    id TEXT PRIMARY KEY, kind TEXT NOT NULL, owner_module TEXT NOT NULL, reference TEXT NOT NULL,
                    organisation_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    pickup_site_id TEXT REFERENCES kernel_sites (id), pickup_from TEXT, pickup_until TEXT,
                    drop_site_id TEXT REFERENCES kernel_sites (id), drop_from TEXT, drop_until TEXT,
                    kg REAL NOT NULL, litres REAL NOT NULL, temperature TEXT NOT NULL, is_food INTEGER NOT NULL,
                    status TEXT NOT NULL, round_id TEXT REFERENCES kernel_rounds (id), actual_kg REAL,
                    created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
                """,
                "CREATE INDEX kernel_tasks_status ON kernel_tasks (status)",
                "CREATE INDEX kernel_tasks_round ON kernel_tasks (round_id)",
                """
                CREATE TABLE kernel_round_stops (
                    id TEXT PRIMARY KEY, round_id TEXT NOT NULL REFERENCES kernel_rounds (id),
                    sequence INTEGER NOT NULL, site_id TEXT NOT NULL REFERENCES kernel_sites (id),
                    planned_arrival TEXT, completed_at TEXT, completed_by TEXT,
                    UNIQUE (round_id, sequence))
                """,
                """
                CREATE TABLE kernel_stop_actions (
                    stop_id TEXT NOT NULL REFERENCES kernel_round_stops (id),
                    task_id TEXT NOT NULL REFERENCES kernel_tasks (id),
                    action TEXT NOT NULL, actual_kg REAL, PRIMARY KEY (stop_id, task_id, action))
                """,
            ]),
        Migration(
            "005_events_and_audit",
            [
                """
                CREATE TABLE kernel_outbox (
                    id AUTO_ID, event_type TEXT NOT NULL, version INTEGER NOT NULL,
                    payload TEXT NOT NULL, organisation_id TEXT, occurred_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE kernel_event_cursors (
                    handler TEXT PRIMARY KEY, last_event_id BIGINT NOT NULL, attempts INTEGER NOT NULL,
                    next_attempt_at TEXT, last_error TEXT)
                """,
                """
                CREATE TABLE kernel_event_failures (
                    handler TEXT NOT NULL, event_id BIGINT NOT NULL, attempts INTEGER NOT NULL,
                    error TEXT NOT NULL, failed_at TEXT NOT NULL, PRIMARY KEY (handler, event_id))
                """,
                """
                CREATE TABLE kernel_audit_log (
                    id AUTO_ID, at TEXT NOT NULL, user_id TEXT, organisation_id TEXT,
                    action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT, details TEXT)
                """,
                "CREATE INDEX kernel_audit_log_organisation ON kernel_audit_log (organisation_id, at)",
            ]),
        Migration(
            "006_idempotency_keys",
            [
                // A retried request (same caller, same Idempotency-Key) is answered from here instead of acting twice.
                """
                CREATE TABLE kernel_idempotency_keys (
                    user_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER,
                    content_type TEXT, body TEXT, created_at TEXT NOT NULL, completed_at TEXT, PRIMARY KEY (user_id, key))
                """,
                "CREATE INDEX kernel_idempotency_keys_created ON kernel_idempotency_keys (created_at)",
            ]),
        Migration(
            "007_login_throttle",
            [
                // Wrong passwords per account and per client address, shared by every instance.
                """
                CREATE TABLE kernel_login_throttle (
                    scope TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_failure_at TEXT NOT NULL, blocked_until TEXT NOT NULL)
                """
            ]),
        Migration(
            "008_password_resets",
            [
                // One-time password resets an admin issues; only the digest of the token is kept.
                """
                CREATE TABLE kernel_password_resets (
                    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES kernel_users (id), issued_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL, issued_by TEXT, used_at TEXT)
                """
            ]),
        Migration(
            "009_invitations",
            [
                // An admin's invitation of an email to a role in an organisation; the person joins on accepting.
                // Keyed by email, not user: the invitation says nothing of whether the email has an account.
                """
                CREATE TABLE kernel_invitations (
                    id TEXT PRIMARY KEY, email TEXT NOT NULL, organisation_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    role TEXT NOT NULL, invited_by TEXT NOT NULL, invited_at TEXT NOT NULL, UNIQUE (email, organisation_id))
                """,
                "CREATE INDEX kernel_invitations_organisation ON kernel_invitations (organisation_id)",
            ]),
        Migration(
            "010_latest_pickup",
            [
                // The last instant a task's goods may be collected, set by the module that owns the task.
                "ALTER TABLE kernel_tasks ADD COLUMN latest_pickup_at TEXT"
            ]),
        Migration(
            "011_weighings_in_grams",
            [
                // What was weighed at a stop, and a task's weight moved, in whole grams. Planned weights and vehicle
                // capacities stay in kilograms.
                "ALTER TABLE kernel_tasks ADD COLUMN actual_grams BIGINT",
                "UPDATE kernel_tasks SET actual_grams = CAST(ROUND(actual_kg * 1000) AS BIGINT) WHERE actual_kg IS NOT NULL",
                "ALTER TABLE kernel_tasks DROP COLUMN actual_kg",
                "ALTER TABLE kernel_stop_actions ADD COLUMN actual_grams BIGINT",
                "UPDATE kernel_stop_actions SET actual_grams = CAST(ROUND(actual_kg * 1000) AS BIGINT) WHERE actual_kg IS NOT NULL",
                "ALTER TABLE kernel_stop_actions DROP COLUMN actual_kg",
            ]),
        Migration(
            "012_web_interface",
            [
                // The language a user chose for the pages (fr, en); none: the browser's.
                "ALTER TABLE kernel_users ADD COLUMN language TEXT",
                // Where a form sent twice was redirected the first time, to send the second there too.
                "ALTER TABLE kernel_idempotency_keys ADD COLUMN location TEXT",
            ]),
    ]
}
