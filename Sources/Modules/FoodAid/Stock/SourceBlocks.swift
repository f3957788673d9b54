import CollectoKernel
import Foundation

/// What a lot's source is under, so that goods received after their source
/// was blocked enter stock blocked, by any route (a sorting, a hand receipt,
/// jars coming back from a workshop): a whole donation quarantined or
/// recalled by the food bank, or an output lot a workshop recalled. A
/// recalled source never yields an available unit again.
enum SourceBlocks {
    /// The block a new lot inherits from its source.
    struct Block: Sendable, Equatable {
        var status: LotStatus
        var by: LotBlockSource
        var reason: String
    }

    /// The block on the source a lot of `origin` named by `reference` comes from, if any.
    static func block(origin: LotOrigin, reference: String, in db: any SQLExecutor) async throws -> Block? {
        switch origin {
        case .processing:
            guard let row = try await db.queryFirst("SELECT reason FROM foodaid_processed_recalls WHERE output_lot_id = ?", [reference])
            else { return nil }
            return Block(status: .recalled, by: .processing, reason: try row.string("reason"))
        case .pickup:
            guard let row = try await db.queryFirst("SELECT status, reason FROM foodaid_blocked_pickups WHERE pickup_id = ?", [reference])
            else { return nil }
            return Block(status: LotStatus(rawValue: try row.string("status")) ?? .recalled, by: .staff, reason: try row.string("reason"))
        case .purchase, .donation, .transfer:
            return nil
        }
    }

    /// Remembers that a whole donation is blocked; a recall is never turned back into a quarantine.
    static func blockPickup(_ pickup: UUID, status: LotStatus, reason: String, in tx: Transaction) async throws {
        let reference = pickup.uuidString.lowercased()
        if let row = try await tx.queryFirst("SELECT status FROM foodaid_blocked_pickups WHERE pickup_id = ?", [reference]) {
            if try row.string("status") == LotStatus.recalled.rawValue { return }
            try await tx.execute(
                "UPDATE foodaid_blocked_pickups SET status = ?, reason = ?, blocked_at = ? WHERE pickup_id = ?",
                [status.rawValue, reason, tx.now, reference])
        } else {
            try await tx.execute(
                "INSERT INTO foodaid_blocked_pickups (pickup_id, status, reason, blocked_at) VALUES (?, ?, ?, ?)",
                [reference, status.rawValue, reason, tx.now])
        }
    }

    /// Remembers an output lot a workshop announced, so that a hand receipt can only name one that exists.
    static func announce(output: UUID, in tx: Transaction) async throws {
        let reference = output.uuidString.lowercased()
        guard try await tx.queryFirst("SELECT output_lot_id FROM foodaid_processed_outputs WHERE output_lot_id = ?", [reference]) == nil
        else { return }
        try await tx.execute(
            "INSERT INTO foodaid_processed_outputs (output_lot_id, announced_at) VALUES (?, ?)", [reference, tx.now])
    }

    /// Whether a workshop announced this output lot.
    static func isAnnounced(output reference: String, in db: any SQLExecutor) async throws -> Bool {
        try await db.queryFirst("SELECT output_lot_id FROM foodaid_processed_outputs WHERE output_lot_id = ?", [reference]) != nil
    }
}
