import CollectoKernel

/// The FoodAid schema, append-only; tables are prefixed `foodaid_`.
enum FoodAidMigrations {
    static let all: [Migration] = [
        Migration(
            "001_partner_profiles",
            [
                """
                CREATE TABLE foodaid_partner_profiles (
                    organisation_id TEXT PRIMARY KEY REFERENCES kernel_organisations (id),
                    households INTEGER NOT NULL, beneficiaries INTEGER NOT NULL, updated_at TEXT NOT NULL)
                """
            ]),
        Migration(
            "002_task_outcomes",
            [
                """
                CREATE TABLE foodaid_task_outcomes (
                    event_id BIGINT NOT NULL, task_id TEXT NOT NULL, kind TEXT NOT NULL, reference TEXT NOT NULL,
                    organisation_id TEXT, site_id TEXT NOT NULL, action TEXT NOT NULL, outcome TEXT NOT NULL,
                    actual_kg REAL, note TEXT, recorded_at TEXT NOT NULL)
                """,
                "CREATE INDEX foodaid_task_outcomes_organisation ON foodaid_task_outcomes (organisation_id, recorded_at)",
            ]),
    ]
}
