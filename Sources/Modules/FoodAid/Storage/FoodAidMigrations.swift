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
        Migration(
            "003_catalogue",
            [
                """
                CREATE TABLE foodaid_products (
                    id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, category TEXT NOT NULL, unit TEXT NOT NULL,
                    unit_weight_kg REAL NOT NULL, temperature TEXT NOT NULL, funding_origin TEXT NOT NULL, active INTEGER NOT NULL,
                    max_per_order INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE foodaid_category_rules (
                    category TEXT PRIMARY KEY, best_before_grace_days INTEGER NOT NULL, contribution_per_kg REAL NOT NULL)
                """,
            ]),
        Migration(
            "004_stock",
            [
                """
                CREATE TABLE foodaid_lots (
                    id TEXT PRIMARY KEY, product_id TEXT NOT NULL REFERENCES foodaid_products (id),
                    site_id TEXT NOT NULL REFERENCES kernel_sites (id), use_by TEXT, best_before TEXT,
                    origin_kind TEXT NOT NULL, origin_reference TEXT NOT NULL, status TEXT NOT NULL,
                    on_hand INTEGER NOT NULL, reserved INTEGER NOT NULL, created_at TEXT NOT NULL)
                """,
                "CREATE INDEX foodaid_lots_product ON foodaid_lots (product_id, status)",
                """
                CREATE TABLE foodaid_movements (
                    id AUTO_ID, lot_id TEXT NOT NULL REFERENCES foodaid_lots (id), kind TEXT NOT NULL,
                    on_hand_change INTEGER NOT NULL, reserved_change INTEGER NOT NULL, reason TEXT,
                    order_id TEXT, user_id TEXT, at TEXT NOT NULL)
                """,
                "CREATE INDEX foodaid_movements_lot ON foodaid_movements (lot_id)",
                "CREATE INDEX foodaid_movements_order ON foodaid_movements (order_id)",
            ]),
        Migration(
            "005_ordering",
            [
                """
                CREATE TABLE foodaid_windows (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, warehouse_site_id TEXT NOT NULL REFERENCES kernel_sites (id),
                    opens_at TEXT NOT NULL, cutoff_at TEXT NOT NULL, delivery_day TEXT NOT NULL, fulfilment TEXT NOT NULL,
                    max_kg REAL, max_orders INTEGER, status TEXT NOT NULL, created_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE foodaid_window_partners (
                    window_id TEXT NOT NULL REFERENCES foodaid_windows (id),
                    organisation_id TEXT NOT NULL REFERENCES kernel_organisations (id), PRIMARY KEY (window_id, organisation_id))
                """,
                """
                CREATE TABLE foodaid_orders (
                    id TEXT PRIMARY KEY, window_id TEXT NOT NULL REFERENCES foodaid_windows (id),
                    organisation_id TEXT NOT NULL REFERENCES kernel_organisations (id), status TEXT NOT NULL,
                    collection_slot TEXT, delivery_site_id TEXT, task_id TEXT, created_at TEXT NOT NULL, submitted_at TEXT,
                    updated_at TEXT NOT NULL, UNIQUE (window_id, organisation_id))
                """,
                """
                CREATE TABLE foodaid_order_lines (
                    order_id TEXT NOT NULL REFERENCES foodaid_orders (id), product_id TEXT NOT NULL REFERENCES foodaid_products (id),
                    requested INTEGER NOT NULL, allocated INTEGER, allocation_note TEXT, shipped INTEGER, shipped_kg REAL,
                    received INTEGER, received_kg REAL, discrepancy TEXT, quota_acknowledged INTEGER NOT NULL,
                    PRIMARY KEY (order_id, product_id))
                """,
                """
                CREATE TABLE foodaid_quotas (
                    organisation_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    product_id TEXT NOT NULL REFERENCES foodaid_products (id), units_per_window INTEGER NOT NULL,
                    PRIMARY KEY (organisation_id, product_id))
                """,
            ]),
        Migration(
            "006_donations",
            [
                "CREATE TABLE foodaid_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                """
                CREATE TABLE foodaid_donor_profiles (
                    organisation_id TEXT PRIMARY KEY REFERENCES kernel_organisations (id), donor_type TEXT NOT NULL,
                    usual_pickup_days TEXT NOT NULL, site_id TEXT REFERENCES kernel_sites (id), updated_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE foodaid_offers (
                    id TEXT PRIMARY KEY, donor_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    site_id TEXT NOT NULL REFERENCES kernel_sites (id), available_from TEXT NOT NULL, available_until TEXT NOT NULL,
                    status TEXT NOT NULL, decision_reason TEXT, claimed_by TEXT, pickup_id TEXT, created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE foodaid_offer_lines (
                    offer_id TEXT NOT NULL REFERENCES foodaid_offers (id), line_no INTEGER NOT NULL, product_id TEXT,
                    category TEXT NOT NULL, description TEXT NOT NULL, estimated_kg REAL NOT NULL, accepted_kg REAL,
                    use_by TEXT, best_before TEXT, temperature TEXT NOT NULL, PRIMARY KEY (offer_id, line_no))
                """,
                """
                CREATE TABLE foodaid_pickups (
                    id TEXT PRIMARY KEY, donor_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    site_id TEXT NOT NULL REFERENCES kernel_sites (id), warehouse_site_id TEXT NOT NULL REFERENCES kernel_sites (id),
                    offer_id TEXT, day TEXT NOT NULL, status TEXT NOT NULL, task_id TEXT, received_kg REAL, sorted_at TEXT,
                    created_at TEXT NOT NULL)
                """,
                "CREATE INDEX foodaid_pickups_day ON foodaid_pickups (day, donor_id)",
                """
                CREATE TABLE foodaid_sorting_lines (
                    pickup_id TEXT NOT NULL REFERENCES foodaid_pickups (id), line_no INTEGER NOT NULL, outcome TEXT NOT NULL,
                    grams BIGINT NOT NULL, detail TEXT NOT NULL, lot_id TEXT, PRIMARY KEY (pickup_id, line_no))
                """,
            ]),
        Migration(
            "007_shipping_dates",
            [
                "ALTER TABLE foodaid_orders ADD COLUMN shipped_at TEXT",
                "CREATE INDEX foodaid_orders_shipped ON foodaid_orders (organisation_id, shipped_at)",
            ]),
        Migration(
            "008_parcels",
            [
                """
                CREATE TABLE foodaid_parcel_compositions (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, household_min INTEGER NOT NULL, household_max INTEGER NOT NULL,
                    active INTEGER NOT NULL, created_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE foodaid_parcel_composition_lines (
                    composition_id TEXT NOT NULL REFERENCES foodaid_parcel_compositions (id),
                    product_id TEXT NOT NULL REFERENCES foodaid_products (id), quantity INTEGER NOT NULL,
                    PRIMARY KEY (composition_id, product_id))
                """,
                """
                CREATE TABLE foodaid_parcel_requests (
                    id TEXT PRIMARY KEY, referrer_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    household_size INTEGER NOT NULL, parcels INTEGER NOT NULL, needed_by TEXT NOT NULL,
                    composition_id TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
                """,
            ]),
        Migration(
            "009_tax_receipts",
            [
                "ALTER TABLE foodaid_category_rules ADD COLUMN gift_value_per_kg REAL",
                "ALTER TABLE foodaid_sorting_lines ADD COLUMN category TEXT",
                "ALTER TABLE foodaid_sorting_lines ADD COLUMN days_left INTEGER",
                """
                CREATE TABLE foodaid_tax_receipts (
                    id TEXT PRIMARY KEY, year INTEGER NOT NULL, number INTEGER NOT NULL,
                    donor_id TEXT NOT NULL REFERENCES kernel_organisations (id), issued_at TEXT NOT NULL, total_kg REAL NOT NULL,
                    total_value REAL NOT NULL, lines TEXT NOT NULL, cancels_id TEXT, cancelled_by_id TEXT, UNIQUE (year, number))
                """,
            ]),
        Migration(
            "010_sharing",
            [
                """
                CREATE TABLE foodaid_surpluses (
                    id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    site_id TEXT NOT NULL REFERENCES kernel_sites (id), product_id TEXT, source_order_id TEXT, description TEXT NOT NULL,
                    quantity INTEGER NOT NULL, use_by TEXT, best_before TEXT, status TEXT NOT NULL, claimed_by TEXT,
                    transferred_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE foodaid_equipment (
                    id TEXT PRIMARY KEY, owner_id TEXT NOT NULL REFERENCES kernel_organisations (id), name TEXT NOT NULL,
                    kind TEXT NOT NULL, site_id TEXT REFERENCES kernel_sites (id), created_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE foodaid_equipment_bookings (
                    id TEXT PRIMARY KEY, equipment_id TEXT NOT NULL REFERENCES foodaid_equipment (id),
                    borrower_id TEXT NOT NULL REFERENCES kernel_organisations (id), starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,
                    status TEXT NOT NULL, created_at TEXT NOT NULL)
                """,
                "CREATE INDEX foodaid_equipment_bookings_item ON foodaid_equipment_bookings (equipment_id, starts_at)",
            ]),
        Migration(
            "011_recalls",
            [
                // Who blocked a lot and why: food-bank staff lift only a quarantine they raised, never a recall.
                "ALTER TABLE foodaid_lots ADD COLUMN blocked_by TEXT",
                "ALTER TABLE foodaid_lots ADD COLUMN block_reason TEXT",
                "ALTER TABLE foodaid_lots ADD COLUMN blocked_at TEXT",
                """
                CREATE TABLE foodaid_recall_notices (
                    id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES kernel_organisations (id),
                    lot_id TEXT NOT NULL REFERENCES foodaid_lots (id), product_id TEXT NOT NULL REFERENCES foodaid_products (id),
                    order_id TEXT, units INTEGER NOT NULL, kind TEXT NOT NULL, reason TEXT NOT NULL, created_at TEXT NOT NULL,
                    acknowledged_at TEXT, acknowledged_by TEXT)
                """,
                "CREATE INDEX foodaid_recall_notices_organisation ON foodaid_recall_notices (organisation_id, created_at)",
                // Output lots a workshop recalled, so that one received later is received blocked.
                """
                CREATE TABLE foodaid_processed_recalls (
                    output_lot_id TEXT PRIMARY KEY, reason TEXT NOT NULL, recalled_at TEXT NOT NULL)
                """,
            ]),
        Migration(
            "012_weights_as_recorded",
            [
                // Weights as they were weighed and recorded, in grams, so that reports never depend on today's catalogue.
                "ALTER TABLE foodaid_lots ADD COLUMN grams_on_hand BIGINT",
                "ALTER TABLE foodaid_lots ADD COLUMN category TEXT",
                "ALTER TABLE foodaid_movements ADD COLUMN grams BIGINT",
                "ALTER TABLE foodaid_pickups ADD COLUMN driver_grams BIGINT",
                "ALTER TABLE foodaid_pickups ADD COLUMN received_grams BIGINT",
                "ALTER TABLE foodaid_order_lines ADD COLUMN shipped_grams BIGINT",
                // Rows written before: the best that can be said of them is their weight by the catalogue of the day of this migration.
                """
                UPDATE foodaid_lots SET category = (SELECT p.category FROM foodaid_products p WHERE p.id = foodaid_lots.product_id),
                    grams_on_hand = CAST(ROUND(on_hand * (SELECT p.unit_weight_kg FROM foodaid_products p
                        WHERE p.id = foodaid_lots.product_id) * 1000) AS BIGINT)
                """,
                """
                UPDATE foodaid_movements SET grams = CAST(ROUND(on_hand_change * (SELECT p.unit_weight_kg FROM foodaid_lots l
                    JOIN foodaid_products p ON p.id = l.product_id WHERE l.id = foodaid_movements.lot_id) * 1000) AS BIGINT)
                """,
                "UPDATE foodaid_pickups SET received_grams = CAST(ROUND(received_kg * 1000) AS BIGINT) WHERE status = 'sorted'",
                "UPDATE foodaid_order_lines SET shipped_grams = CAST(ROUND(shipped_kg * 1000) AS BIGINT) WHERE shipped_kg IS NOT NULL",
            ]),
        Migration(
            "013_funding_origin_as_received",
            [
                // A lot's funding origin as it was received, like its category: editing the product rewrites no past month.
                "ALTER TABLE foodaid_lots ADD COLUMN funding_origin TEXT",
                """
                UPDATE foodaid_lots SET funding_origin = (SELECT p.funding_origin FROM foodaid_products p
                    WHERE p.id = foodaid_lots.product_id)
                """,
            ]),
        Migration(
            "014_sorting_weight_difference",
            [
                // Why the sorting's total differs from the driver's weighing by more than 2% or 0.5 kg (both are kept).
                "ALTER TABLE foodaid_pickups ADD COLUMN weight_difference_reason TEXT"
            ]),
        Migration(
            "015_pending_households",
            [
                // A partner's households count weighs in allocation once the food bank approves it: the approved count
                // becomes nullable (a partner's first declaration waits too) and the partner's change waits beside it.
                """
                CREATE TABLE foodaid_partner_profiles_v2 (
                    organisation_id TEXT PRIMARY KEY REFERENCES kernel_organisations (id),
                    households INTEGER, beneficiaries INTEGER NOT NULL, updated_at TEXT NOT NULL,
                    pending_households INTEGER, pending_requested_by TEXT, pending_requested_at TEXT,
                    rejected_households INTEGER, rejection_reason TEXT)
                """,
                """
                INSERT INTO foodaid_partner_profiles_v2 (organisation_id, households, beneficiaries, updated_at)
                    SELECT organisation_id, households, beneficiaries, updated_at FROM foodaid_partner_profiles
                """,
                "DROP TABLE foodaid_partner_profiles",
                "ALTER TABLE foodaid_partner_profiles_v2 RENAME TO foodaid_partner_profiles",
            ]),
        Migration(
            "016_blocked_sources",
            [
                // Donations blocked whole, so that goods sorted or received from them later enter stock blocked too.
                """
                CREATE TABLE foodaid_blocked_pickups (
                    pickup_id TEXT PRIMARY KEY, status TEXT NOT NULL, reason TEXT NOT NULL, blocked_at TEXT NOT NULL)
                """,
                // Output lots a workshop announced: a hand receipt of processed food names one of them.
                """
                CREATE TABLE foodaid_processed_outputs (output_lot_id TEXT PRIMARY KEY, announced_at TEXT NOT NULL)
                """,
                """
                INSERT INTO foodaid_processed_outputs (output_lot_id, announced_at)
                    SELECT origin_reference, MIN(created_at) FROM foodaid_lots WHERE origin_kind = 'processing' GROUP BY origin_reference
                """,
            ]),
        Migration(
            "017_weighings_in_grams",
            [
                // Every weighing in whole grams: the driver's at a delivery, the partner's at receipt, the shipped lines,
                // the tax receipts' totals and the pickup's weight on arrival. The decimal columns go.
                "ALTER TABLE foodaid_task_outcomes ADD COLUMN actual_grams BIGINT",
                "UPDATE foodaid_task_outcomes SET actual_grams = CAST(ROUND(actual_kg * 1000) AS BIGINT) WHERE actual_kg IS NOT NULL",
                "ALTER TABLE foodaid_task_outcomes DROP COLUMN actual_kg",
                "ALTER TABLE foodaid_order_lines ADD COLUMN received_grams BIGINT",
                "UPDATE foodaid_order_lines SET received_grams = CAST(ROUND(received_kg * 1000) AS BIGINT) WHERE received_kg IS NOT NULL",
                "ALTER TABLE foodaid_order_lines DROP COLUMN received_kg",
                """
                UPDATE foodaid_order_lines SET shipped_grams = CAST(ROUND(shipped_kg * 1000) AS BIGINT)
                WHERE shipped_grams IS NULL AND shipped_kg IS NOT NULL
                """,
                "ALTER TABLE foodaid_order_lines DROP COLUMN shipped_kg",
                "ALTER TABLE foodaid_tax_receipts ADD COLUMN total_grams BIGINT NOT NULL DEFAULT 0",
                "UPDATE foodaid_tax_receipts SET total_grams = CAST(ROUND(total_kg * 1000) AS BIGINT)",
                "ALTER TABLE foodaid_tax_receipts DROP COLUMN total_kg",
                """
                UPDATE foodaid_pickups SET driver_grams = CAST(ROUND(received_kg * 1000) AS BIGINT)
                WHERE driver_grams IS NULL AND received_kg IS NOT NULL AND status = 'received'
                """,
                "ALTER TABLE foodaid_pickups DROP COLUMN received_kg",
            ]),
        Migration(
            "018_quota_setter",
            [
                // Partners' quotas are set by the food bank's staff through the API and the pages: who set one, and when.
                "ALTER TABLE foodaid_quotas ADD COLUMN set_by TEXT",
                "ALTER TABLE foodaid_quotas ADD COLUMN set_at TEXT",
            ]),
        Migration(
            "019_households_decided_at",
            [
                // When the food bank last decided on a partner's households count, for the partner's home to tell it.
                "ALTER TABLE foodaid_partner_profiles ADD COLUMN decided_at TEXT"
            ]),
    ]
}
