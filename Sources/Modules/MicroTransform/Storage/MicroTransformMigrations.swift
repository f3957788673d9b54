import CollectoKernel

/// MicroTransform's schema, append-only. Masses are whole grams so that a
/// batch's balance (produce and additions in, output, waste and evaporation
/// out) holds exactly.
enum MicroTransformMigrations {
    static let all: [Migration] = [
        Migration(
            "001_workshops",
            [
                """
                CREATE TABLE microtransform_workshops (
                    organisation_id TEXT PRIMARY KEY REFERENCES kernel_organisations (id),
                    site_id TEXT NOT NULL REFERENCES kernel_sites (id), daily_capacity_kg REAL NOT NULL, created_at TEXT NOT NULL)
                """
            ]),
        Migration(
            "002_intake_recipes_resources",
            [
                """
                CREATE TABLE microtransform_intakes (
                    id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL REFERENCES microtransform_workshops (organisation_id),
                    source TEXT NOT NULL, event_id INTEGER UNIQUE, source_module TEXT, source_reference TEXT,
                    source_site_id TEXT NOT NULL REFERENCES kernel_sites (id), source_organisation_id TEXT NOT NULL,
                    produce_kind TEXT, category TEXT NOT NULL, product_name TEXT, grams INTEGER NOT NULL, spoil_date TEXT NOT NULL,
                    status TEXT NOT NULL, reason TEXT, task_id TEXT, lot_id TEXT, created_at TEXT NOT NULL, decided_at TEXT)
                """,
                "CREATE INDEX microtransform_intakes_status ON microtransform_intakes (workshop_id, status)",
                """
                CREATE TABLE microtransform_input_lots (
                    id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, intake_id TEXT NOT NULL REFERENCES microtransform_intakes (id),
                    produce_kind TEXT NOT NULL, product_name TEXT, grams INTEGER NOT NULL, left_grams INTEGER NOT NULL,
                    spoil_date TEXT NOT NULL, status TEXT NOT NULL, received_at TEXT)
                """,
                "CREATE INDEX microtransform_input_lots_status ON microtransform_input_lots (workshop_id, status, spoil_date)",
                """
                CREATE TABLE microtransform_recipes (
                    id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, name TEXT NOT NULL, produce_kind TEXT NOT NULL, product_name TEXT,
                    min_share REAL NOT NULL, max_share REAL NOT NULL, added_ingredients TEXT NOT NULL, yield REAL NOT NULL,
                    output_name TEXT NOT NULL, output_code TEXT NOT NULL, packaging TEXT NOT NULL, unit_kg REAL NOT NULL,
                    shelf_life_days INTEGER NOT NULL, date_kind TEXT NOT NULL, temperature TEXT NOT NULL,
                    min_batch_kg REAL NOT NULL, max_batch_kg REAL NOT NULL, staff INTEGER NOT NULL,
                    min_cooking_c REAL, min_cooking_minutes INTEGER, min_core_c REAL, max_cooling_minutes INTEGER, max_ph REAL,
                    active INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (workshop_id, name))
                """,
                """
                CREATE TABLE microtransform_recipe_steps (
                    recipe_id TEXT NOT NULL REFERENCES microtransform_recipes (id), position INTEGER NOT NULL, name TEXT NOT NULL,
                    equipment_type TEXT NOT NULL, minutes INTEGER NOT NULL, PRIMARY KEY (recipe_id, position))
                """,
                """
                CREATE TABLE microtransform_equipment (
                    id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, capacity_kg REAL NOT NULL,
                    active INTEGER NOT NULL, created_at TEXT NOT NULL, UNIQUE (workshop_id, name))
                """,
                """
                CREATE TABLE microtransform_equipment_unavailability (
                    id TEXT PRIMARY KEY, equipment_id TEXT NOT NULL REFERENCES microtransform_equipment (id), day TEXT NOT NULL,
                    from_time TEXT, until_time TEXT, reason TEXT NOT NULL)
                """,
                """
                CREATE TABLE microtransform_shifts (
                    id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, day TEXT NOT NULL, from_time TEXT NOT NULL, until_time TEXT NOT NULL,
                    cooks INTEGER NOT NULL)
                """,
                "CREATE INDEX microtransform_shifts_day ON microtransform_shifts (workshop_id, day)",
                """
                CREATE TABLE microtransform_closures (
                    workshop_id TEXT NOT NULL, day TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (workshop_id, day))
                """,
            ]),
        Migration(
            "003_batches",
            [
                """
                CREATE TABLE microtransform_batches (
                    id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL, recipe_id TEXT NOT NULL REFERENCES microtransform_recipes (id),
                    day TEXT NOT NULL, start_minute INTEGER NOT NULL, end_minute INTEGER NOT NULL, staff INTEGER NOT NULL,
                    status TEXT NOT NULL, locked INTEGER NOT NULL, planned_added_grams INTEGER NOT NULL,
                    expected_output_grams INTEGER NOT NULL, added_grams INTEGER, output_units INTEGER, output_grams INTEGER,
                    waste_grams INTEGER, evaporation_grams INTEGER, cooking_c REAL, cooking_minutes INTEGER, core_c REAL,
                    cooling_minutes INTEGER, ph REAL, deviations TEXT, started_at TEXT, finished_at TEXT, decided_at TEXT,
                    decision_reason TEXT, created_at TEXT NOT NULL)
                """,
                "CREATE INDEX microtransform_batches_day ON microtransform_batches (workshop_id, day)",
                """
                CREATE TABLE microtransform_batch_steps (
                    batch_id TEXT NOT NULL REFERENCES microtransform_batches (id), position INTEGER NOT NULL,
                    equipment_id TEXT NOT NULL REFERENCES microtransform_equipment (id), start_minute INTEGER NOT NULL,
                    end_minute INTEGER NOT NULL, PRIMARY KEY (batch_id, position))
                """,
                """
                CREATE TABLE microtransform_batch_inputs (
                    batch_id TEXT NOT NULL REFERENCES microtransform_batches (id),
                    lot_id TEXT NOT NULL REFERENCES microtransform_input_lots (id), planned_grams INTEGER NOT NULL,
                    used_grams INTEGER, PRIMARY KEY (batch_id, lot_id))
                """,
                "CREATE INDEX microtransform_batch_inputs_lot ON microtransform_batch_inputs (lot_id)",
                """
                CREATE TABLE microtransform_output_lots (
                    id TEXT PRIMARY KEY, batch_id TEXT NOT NULL UNIQUE REFERENCES microtransform_batches (id), workshop_id TEXT NOT NULL,
                    product_name TEXT NOT NULL, product_code TEXT NOT NULL, packaging TEXT NOT NULL, units INTEGER NOT NULL,
                    unit_kg REAL NOT NULL, grams INTEGER NOT NULL, use_by TEXT, best_before TEXT, status TEXT NOT NULL,
                    created_at TEXT NOT NULL, released_at TEXT)
                """,
                """
                CREATE TABLE microtransform_plan_notes (
                    workshop_id TEXT NOT NULL, lot_id TEXT NOT NULL, grams INTEGER NOT NULL, spoils INTEGER NOT NULL,
                    code TEXT NOT NULL, message TEXT NOT NULL, planned_at TEXT NOT NULL, PRIMARY KEY (workshop_id, lot_id))
                """,
            ]),
        Migration(
            "004_recalls",
            [
                // A batch running when one of its inputs was recalled ends recalled: why, and when.
                "ALTER TABLE microtransform_batches ADD COLUMN recall_reason TEXT",
                "ALTER TABLE microtransform_batches ADD COLUMN recalled_at TEXT",
            ]),
        Migration(
            "005_balance_records",
            [
                // Evaporation as the cooks measured it (0), or estimated as the remainder (1); with a measured
                // evaporation, the rest nothing explains (input − output − waste − evaporation), kept as is.
                "ALTER TABLE microtransform_batches ADD COLUMN evaporation_estimated INTEGER",
                "ALTER TABLE microtransform_batches ADD COLUMN unaccounted_grams INTEGER",
                "UPDATE microtransform_batches SET evaporation_estimated = 1 WHERE evaporation_grams IS NOT NULL",
                // What an input lot lost to spoilage, a failed trip or a recall: weight in = used + left + written off.
                "ALTER TABLE microtransform_input_lots ADD COLUMN written_off_grams INTEGER NOT NULL DEFAULT 0",
                """
                UPDATE microtransform_input_lots SET written_off_grams = grams - COALESCE(
                    (SELECT SUM(i.used_grams) FROM microtransform_batch_inputs i WHERE i.lot_id = microtransform_input_lots.id), 0),
                    left_grams = 0 WHERE status IN ('spoiled', 'recalled')
                """,
            ]),
        Migration(
            "006_recalled_sources",
            [
                // Sources recalled upstream (a whole source when category is empty), so that produce offered from one
                // after its recall reached the workshop arrives recalled: the two events reach their handlers independently.
                """
                CREATE TABLE microtransform_recalled_sources (
                    source_module TEXT NOT NULL, source_reference TEXT NOT NULL, category TEXT NOT NULL, reason TEXT NOT NULL,
                    recalled_at TEXT NOT NULL, PRIMARY KEY (source_module, source_reference, category))
                """
            ]),
    ]
}
