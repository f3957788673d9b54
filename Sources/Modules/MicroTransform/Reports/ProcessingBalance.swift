import CollectoKernel
import Foundation

/// MicroTransform's sections of the network's mass balance, in whole grams,
/// each term read from its own record:
///
/// - **Produce received**: intakes weighed in during the period, what was
///   announced (the event's or the declaration's weight) against what the
///   scale showed, by source module (`foodaid`, `declared`): a weighing
///   check, whose difference is information;
/// - **Processing**: batches finished during the period, produce and
///   additions in against output, waste, evaporation (measured or estimated)
///   and what nothing explains, from the batches' stored columns;
/// - **Input lots**: lots weighed in up to the period's end, as they stand
///   now: weight in against what batches used, what is left and what was
///   written off (spoiled, lost or recalled).
///
/// With a source (`foodaid:<pickup id>`), only that source's intakes, the lots
/// made from them and its share of the batches that used them count.
enum ProcessingBalance {
    static let module = MicroTransformModule.id.rawValue

    static func contributor() -> BalanceContributor {
        BalanceContributor { scope, db in try await sections(scope, in: db) }
    }

    static func sections(_ scope: BalanceScope, in db: any SQLExecutor) async throws -> [BalanceSection] {
        var filter = ""
        var bindings: [any SQLBindable] = []
        if let source = scope.source {
            // A source this module never received anything from has no sections here.
            guard
                try await db.scalarInt(
                    "SELECT COUNT(*) FROM microtransform_intakes WHERE source_module = ? AND LOWER(source_reference) = ?",
                    [source.module, source.reference.lowercased()]) > 0
            else { return [] }
            filter = " AND n.source_module = ? AND LOWER(n.source_reference) = ?"
            bindings = [source.module, source.reference.lowercased()]
        }
        return [
            try await received(scope, filter: filter, bindings, in: db),
            try await processing(scope, in: db),
            try await inputLots(scope, filter: filter, bindings, in: db),
        ]
    }

    /// Intakes whose lots were weighed in during the period: announced against weighed in, by source module.
    static func received(_ scope: BalanceScope, filter: String, _ bindings: [any SQLBindable], in db: any SQLExecutor) async throws
        -> BalanceSection
    {
        let rows = try await db.query(
            """
            SELECT COALESCE(n.source_module, n.source) AS origin, n.grams AS announced, l.grams AS weighed
            FROM microtransform_input_lots l JOIN microtransform_intakes n ON n.id = l.intake_id
            WHERE l.received_at IS NOT NULL AND l.received_at >= ? AND l.received_at < ?\(filter)
            """, [scope.start, scope.end] + bindings)
        var announced: [String: Int] = [:]
        var weighed: [String: Int] = [:]
        for row in rows {
            let origin = try row.string("origin")
            announced[origin, default: 0] += try row.int("announced")
            weighed[origin, default: 0] += try row.int("weighed")
        }
        var lines: [BalanceLine] = []
        for origin in announced.keys.sorted() {
            lines.append(BalanceLine("announced", key: origin, grams: announced[origin] ?? 0))
            lines.append(BalanceLine("weighed_in", key: origin, grams: weighed[origin] ?? 0))
        }
        return BalanceSection(
            module: module, title: "Produce received", lines: lines,
            checks: [
                // The workshop's scale against the sorting's or the declarer's weight: a difference is information.
                BalanceCheck(
                    "weighed_as_announced", equation: "weighed_in = announced", left: weighed.values.reduce(0, +),
                    right: announced.values.reduce(0, +), kind: .weighing)
            ])
    }

    /// The terms of one finished batch, or of a source's share of it.
    struct Terms: Sendable, Hashable {
        var produce = 0
        var added = 0
        var output = 0
        var waste = 0
        var evaporationMeasured = 0
        var evaporationEstimated = 0
        var unaccounted = 0

        var left: Int { produce + added }
        var right: Int { output + waste + evaporationMeasured + evaporationEstimated + unaccounted }

        static func + (lhs: Terms, rhs: Terms) -> Terms {
            Terms(
                produce: lhs.produce + rhs.produce, added: lhs.added + rhs.added, output: lhs.output + rhs.output,
                waste: lhs.waste + rhs.waste, evaporationMeasured: lhs.evaporationMeasured + rhs.evaporationMeasured,
                evaporationEstimated: lhs.evaporationEstimated + rhs.evaporationEstimated, unaccounted: lhs.unaccounted + rhs.unaccounted)
        }

        /// The share of these terms that falls to produce `before ..< before + part` of the batch's `produce` grams.
        ///
        /// A batch that mixed several sources is split in proportion to each
        /// source's grams of produce. Each side of the batch's equation is
        /// split along its running totals (produce, then produce + added; output,
        /// output + waste, …), each running total rounded half up at the
        /// source's cumulative share. So that, to the gram: the shares of every
        /// term over all the batch's sources add up to the term; a source's
        /// `produce` is exactly what it gave; and a source's equation closes
        /// whenever the batch's does (a difference in the batch is split like
        /// the terms). A term of a few grams may, by rounding, fall a gram the
        /// other way for one source.
        func share(before: Int, part: Int) -> Terms {
            let total = produce
            guard total > 0 else { return Terms() }
            // `value × upTo / total`, rounded half up.
            func cumulative(_ value: Int, _ upTo: Int) -> Int {
                // In 128 bits: grams times grams overflows 64 bits past about two thousand tonnes.
                let numerator = 2 * Int128(value) * Int128(upTo) + Int128(total)
                let denominator = 2 * Int128(total)
                let quotient = numerator / denominator
                let floored = numerator % denominator < 0 ? quotient - 1 : quotient
                return Int(clamping: floored)
            }
            func split(_ values: [Int]) -> [Int] {
                var running = 0
                var previous = 0
                var shares: [Int] = []
                for value in values {
                    running += value
                    let upTo = cumulative(running, before + part) - cumulative(running, before)
                    shares.append(upTo - previous)
                    previous = upTo
                }
                return shares
            }
            let left = split([produce, added])
            let right = split([output, waste, evaporationMeasured, evaporationEstimated, unaccounted])
            return Terms(
                produce: left[0], added: left[1], output: right[0], waste: right[1], evaporationMeasured: right[2],
                evaporationEstimated: right[3], unaccounted: right[4])
        }
    }

    /// Batches finished during the period, from their stored columns.
    static func processing(_ scope: BalanceScope, in db: any SQLExecutor) async throws -> BalanceSection {
        let batches = try await db.query(
            """
            SELECT id, added_grams, output_grams, waste_grams, evaporation_grams, evaporation_estimated, unaccounted_grams
            FROM microtransform_batches WHERE finished_at IS NOT NULL AND finished_at >= ? AND finished_at < ? ORDER BY id
            """, [scope.start, scope.end])
        let inputs = try await db.query(
            """
            SELECT i.batch_id, i.used_grams, n.id AS intake_id, n.source_module, n.source_reference
            FROM microtransform_batch_inputs i JOIN microtransform_batches b ON b.id = i.batch_id
            JOIN microtransform_input_lots l ON l.id = i.lot_id JOIN microtransform_intakes n ON n.id = l.intake_id
            WHERE b.finished_at IS NOT NULL AND b.finished_at >= ? AND b.finished_at < ? AND i.used_grams IS NOT NULL
            """, [scope.start, scope.end])
        // Each batch's produce by source: `module:reference`, or the intake for declared produce.
        var produce: [UUID: [String: Int]] = [:]
        for row in inputs {
            let origin: String
            if let module = try row.optionalString("source_module"), let reference = try row.optionalString("source_reference") {
                origin = "\(module):\(reference.lowercased())"
            } else {
                origin = "intake:\(try row.uuid("intake_id").uuidString.lowercased())"
            }
            produce[try row.uuid("batch_id"), default: [:]][origin, default: 0] += try row.int("used_grams")
        }
        let wanted = scope.source.map { "\($0.module):\($0.reference.lowercased())" }
        var total = Terms()
        for row in batches {
            let id = try row.uuid("id")
            let sources = produce[id] ?? [:]
            let evaporation = try row.optionalInt("evaporation_grams") ?? 0
            // Batches finished before evaporation was measured were all estimated.
            let estimated = try row.optionalInt("evaporation_estimated").map { $0 != 0 } ?? true
            let terms = Terms(
                produce: sources.values.reduce(0, +), added: try row.optionalInt("added_grams") ?? 0,
                output: try row.optionalInt("output_grams") ?? 0, waste: try row.optionalInt("waste_grams") ?? 0,
                evaporationMeasured: estimated ? 0 : evaporation, evaporationEstimated: estimated ? evaporation : 0,
                unaccounted: try row.optionalInt("unaccounted_grams") ?? 0)
            guard let wanted else {
                total = total + terms
                continue
            }
            guard let part = sources[wanted] else { continue }
            let before = sources.filter { $0.key < wanted }.values.reduce(0, +)
            total = total + terms.share(before: before, part: part)
        }
        return BalanceSection(
            module: module, title: "Processing",
            lines: [
                BalanceLine("produce_in", grams: total.produce), BalanceLine("added", grams: total.added),
                BalanceLine("output", grams: total.output), BalanceLine("waste", grams: total.waste),
                BalanceLine("evaporation_measured", grams: total.evaporationMeasured),
                BalanceLine("evaporation_estimated", grams: total.evaporationEstimated),
                BalanceLine("unaccounted", grams: total.unaccounted),
            ],
            checks: [
                BalanceCheck(
                    "batches", equation: "produce_in + added = output + waste + evaporation_measured + evaporation_estimated + unaccounted",
                    left: total.left, right: total.right)
            ])
    }

    /// Input lots weighed in up to the period's end, as they stand now.
    static func inputLots(_ scope: BalanceScope, filter: String, _ bindings: [any SQLBindable], in db: any SQLExecutor) async throws
        -> BalanceSection
    {
        let rows = try await db.query(
            """
            SELECT l.grams, l.left_grams, l.written_off_grams,
                (SELECT SUM(i.used_grams) FROM microtransform_batch_inputs i WHERE i.lot_id = l.id) AS used_grams
            FROM microtransform_input_lots l JOIN microtransform_intakes n ON n.id = l.intake_id
            WHERE l.received_at IS NOT NULL AND l.received_at < ?\(filter)
            """, [scope.end] + bindings)
        var weighed = 0
        var used = 0
        var left = 0
        var writtenOff = 0
        for row in rows {
            weighed += try row.int("grams")
            used += try row.optionalInt("used_grams") ?? 0
            left += try row.int("left_grams")
            writtenOff += try row.int("written_off_grams")
        }
        return BalanceSection(
            module: module, title: "Input lots",
            lines: [
                BalanceLine("weighed_in", grams: weighed), BalanceLine("used", grams: used), BalanceLine("left", grams: left),
                BalanceLine("written_off", grams: writtenOff),
            ],
            checks: [
                BalanceCheck(
                    "input_lots", equation: "weighed_in = used + left + written_off", left: weighed, right: used + left + writtenOff)
            ])
    }
}
