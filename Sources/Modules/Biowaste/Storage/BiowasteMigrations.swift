import CollectoKernel

/// Biowaste's schema, append-only. The register is insert-only: entries are
/// corrected by later entries, never updated.
enum BiowasteMigrations {
    static let all: [Migration] = [
        Migration(
            "001_collection_points",
            [
                """
                CREATE TABLE biowaste_collection_points (
                    site_id TEXT PRIMARY KEY REFERENCES kernel_sites (id),
                    expected_kg_per_week REAL NOT NULL, created_at TEXT NOT NULL)
                """
            ]),
        Migration(
            "002_containers_pickups_register",
            [
                """
                CREATE TABLE biowaste_containers (
                    id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES biowaste_collection_points (site_id), type TEXT NOT NULL,
                    volume_litres REAL NOT NULL, count INTEGER NOT NULL, handling TEXT NOT NULL, created_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE biowaste_schedules (
                    site_id TEXT PRIMARY KEY REFERENCES biowaste_collection_points (site_id), every_days INTEGER NOT NULL,
                    first_day TEXT NOT NULL)
                """,
                """
                CREATE TABLE biowaste_destinations (
                    site_id TEXT PRIMARY KEY REFERENCES kernel_sites (id), treatment TEXT NOT NULL, accepts TEXT NOT NULL,
                    daily_capacity_kg REAL NOT NULL, created_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE biowaste_pickups (
                    id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES biowaste_collection_points (site_id),
                    destination_site_id TEXT NOT NULL REFERENCES biowaste_destinations (site_id), day TEXT NOT NULL,
                    task_id TEXT, status TEXT NOT NULL, estimated_kg REAL NOT NULL, estimated_litres REAL NOT NULL,
                    collected_kg REAL, delivered_kg REAL, carrier_organisation_id TEXT, vehicle_id TEXT, collected_at TEXT,
                    delivered_at TEXT, created_at TEXT NOT NULL)
                """,
                "CREATE INDEX biowaste_pickups_day ON biowaste_pickups (day, destination_site_id)",
                """
                CREATE TABLE biowaste_arrivals (
                    id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES biowaste_collection_points (site_id), source TEXT NOT NULL,
                    event_id INTEGER UNIQUE, nature TEXT NOT NULL, estimated_kg REAL NOT NULL, fill_level REAL, container_id TEXT,
                    note TEXT, due_day TEXT NOT NULL, status TEXT NOT NULL, pickup_id TEXT, created_at TEXT NOT NULL)
                """,
                "CREATE INDEX biowaste_arrivals_status ON biowaste_arrivals (status, site_id)",
                """
                CREATE TABLE biowaste_pickup_containers (
                    pickup_id TEXT NOT NULL REFERENCES biowaste_pickups (id), container_id TEXT NOT NULL REFERENCES biowaste_containers (id),
                    kg REAL, refused INTEGER NOT NULL, reason TEXT, PRIMARY KEY (pickup_id, container_id))
                """,
                """
                CREATE TABLE biowaste_register (
                    id AUTO_ID, at TEXT NOT NULL, kind TEXT NOT NULL, producer_organisation_id TEXT NOT NULL,
                    producer_site_id TEXT NOT NULL, nature TEXT NOT NULL, kg REAL NOT NULL, carrier_organisation_id TEXT,
                    vehicle_id TEXT, destination_site_id TEXT, treatment TEXT, pickup_id TEXT, container_id TEXT,
                    corrects_entry INTEGER, note TEXT, recorded_by TEXT)
                """,
                "CREATE INDEX biowaste_register_at ON biowaste_register (at)",
                """
                CREATE TABLE biowaste_notices (
                    id TEXT PRIMARY KEY, site_id TEXT NOT NULL, message TEXT NOT NULL, created_at TEXT NOT NULL)
                """,
            ]),
        Migration(
            "003_arrival_sources_and_corrections",
            [
                // Which module's record produced waste announced by an event (`foodaid`, and its pickup id), to
                // restrict the mass balance to one source. Arrivals recorded before this have neither.
                "ALTER TABLE biowaste_arrivals ADD COLUMN source_module TEXT",
                "ALTER TABLE biowaste_arrivals ADD COLUMN source_reference TEXT",
                "CREATE INDEX biowaste_arrivals_source ON biowaste_arrivals (source_module, source_reference)",
                // Corrections are read with the entry they correct, whenever they were written.
                "CREATE INDEX biowaste_register_corrects ON biowaste_register (corrects_entry)",
            ]),
        Migration(
            "004_weighings_in_grams",
            [
                // Every weighing in whole grams, so that sums and the mass balance are exact: the register's entries, the
                // pickup's weight at the point and at the destination. Estimates and capacities stay in kilograms.
                "ALTER TABLE biowaste_register ADD COLUMN grams BIGINT NOT NULL DEFAULT 0",
                "UPDATE biowaste_register SET grams = CAST(ROUND(kg * 1000) AS BIGINT)",
                "ALTER TABLE biowaste_register DROP COLUMN kg",
                "ALTER TABLE biowaste_pickups ADD COLUMN collected_grams BIGINT",
                "UPDATE biowaste_pickups SET collected_grams = CAST(ROUND(collected_kg * 1000) AS BIGINT) WHERE collected_kg IS NOT NULL",
                "ALTER TABLE biowaste_pickups DROP COLUMN collected_kg",
                "ALTER TABLE biowaste_pickups ADD COLUMN delivered_grams BIGINT",
                "UPDATE biowaste_pickups SET delivered_grams = CAST(ROUND(delivered_kg * 1000) AS BIGINT) WHERE delivered_kg IS NOT NULL",
                "ALTER TABLE biowaste_pickups DROP COLUMN delivered_kg",
            ]),
    ]
}
