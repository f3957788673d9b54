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
            ])
    ]
}
