import CollectoKernel
import Foundation

/// What happens at a pickup and at the destination: the driver weighs each
/// container or refuses it for poor sorting (not collected, and the site is
/// told); the destination weighs the delivery. Each fact is a register entry,
/// written in the order it happens.
struct CollectionService: Sendable {
    struct Recording: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case containers }
        static let ranges: [FieldRange] = [.kilograms("containers[].kg", 0...20_000)]
        struct Line: Sendable, Codable {
            var containerId: UUID
            var kg: Double?
            var refused: Bool?
            var reason: String?
        }
        var containers: [Line]
    }

    /// The round carrying a pickup's task: who carries it, in which vehicle, driven by whom.
    struct Carrier: Sendable {
        var organisationId: UUID?
        var vehicleId: UUID?
        var driverUserId: UUID?

        init(organisationId: UUID?, vehicleId: UUID?, driverUserId: UUID?) {
            self.organisationId = organisationId
            self.vehicleId = vehicleId
            self.driverUserId = driverUserId
        }

        init(_ carrier: TaskCarrier) {
            self.init(organisationId: carrier.organisationId, vehicleId: carrier.vehicleId, driverUserId: carrier.driverUserId)
        }
    }

    /// The carrier of a task's round, from the kernel.
    static func carrier(of task: UUID, in db: any SQLExecutor) async throws -> Carrier? {
        try await TaskCarrier.of(task: task, in: db).map(Carrier.init)
    }

    /// The driver's record at the point, container by container.
    func record(_ recording: Recording, pickup id: UUID, carrier: Carrier, by user: UUID?, in tx: Transaction) async throws
        -> BiowastePickup
    {
        let pickup = try await PickupStore.load(id, in: tx)
        guard pickup.status == "planned" else {
            throw BiowasteError.pickupStatus(pickup: id, status: pickup.status)
        }
        guard !recording.containers.isEmpty else {
            throw KernelError.invalid(field: "containers", message: "record at least one container")
        }
        let point = try await PointService.point(pickup.siteId, in: tx)
        let destination = try await DestinationStore.all(in: tx).first { $0.siteId == pickup.destinationSiteId }
        let nature = try await nature(of: id, in: tx)
        var collected = 0
        var refusedAll = true
        for (index, line) in recording.containers.enumerated() {
            guard point.containers.contains(where: { $0.id == line.containerId }) else {
                throw KernelError.invalid(field: "containers[\(index)].containerId", message: "no such container at this point")
            }
            if recording.containers[..<index].contains(where: { $0.containerId == line.containerId }) {
                throw KernelError.invalid(field: "containers[\(index)].containerId", message: "each container appears once")
            }
            let refused = line.refused ?? false
            if refused {
                guard let reason = line.reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw KernelError.invalid(field: "containers[\(index)].reason", message: "say why the container is refused")
                }
                try await tx.execute(
                    "INSERT INTO biowaste_pickup_containers (pickup_id, container_id, kg, refused, reason) VALUES (?, ?, NULL, 1, ?)",
                    [id, line.containerId, reason])
                try await Self.register(
                    kind: "refusal", point: point, nature: nature, grams: 0, carrier: carrier, destination: destination, pickup: id,
                    container: line.containerId, note: reason, by: user, in: tx)
                try await tx.execute(
                    "INSERT INTO biowaste_notices (id, site_id, message, created_at) VALUES (?, ?, ?, ?)",
                    [UUID(), point.siteId, "A container was refused at pickup (\(reason)); sort it again before the next pickup.", tx.now])
            } else {
                guard let kg = line.kg else {
                    throw KernelError.invalid(field: "containers[\(index)].kg", message: "weigh a collected container")
                }
                try Validate.range(kg, 0...20_000, field: "containers[\(index)].kg")
                refusedAll = false
                let grams = Grams.of(kg: kg)
                collected += grams
                try await tx.execute(
                    "INSERT INTO biowaste_pickup_containers (pickup_id, container_id, kg, refused, reason) VALUES (?, ?, ?, 0, NULL)",
                    [id, line.containerId, kg])
                try await Self.register(
                    kind: "collection", point: point, nature: nature, grams: grams, carrier: carrier, destination: destination,
                    pickup: id, container: line.containerId, note: nil, by: user, in: tx)
            }
        }
        let status = refusedAll ? "refused" : "collected"
        try await tx.execute(
            """
            UPDATE biowaste_pickups SET status = ?, collected_grams = ?, carrier_organisation_id = ?, vehicle_id = ?, collected_at = ?
            WHERE id = ?
            """, [status, collected, carrier.organisationId, carrier.vehicleId, tx.now, id])
        if refusedAll {
            // Nothing left with the truck: the waste waits, to be sorted again for the next pickup, as the notice says.
            try await tx.execute("UPDATE biowaste_arrivals SET status = 'waiting', pickup_id = NULL WHERE pickup_id = ?", [id])
        } else {
            try await tx.execute("UPDATE biowaste_arrivals SET status = ? WHERE pickup_id = ?", [status, id])
        }
        return try await PickupStore.load(id, in: tx)
    }

    /// The nature of what the pickup collects (the first waiting item's, or `biowaste`).
    func nature(of pickup: UUID, in db: any SQLExecutor) async throws -> String {
        try await db.queryFirst(
            "SELECT nature FROM biowaste_arrivals WHERE pickup_id = ? ORDER BY created_at, id LIMIT 1", [pickup]
        )?.string("nature") ?? "biowaste"
    }

    /// The kernel's stop records: a pickup without container detail, a failed pickup, a weighed delivery.
    static let stops = EventHandler.on(TaskStopRecorded.self, name: "biowaste.stops") { event, _, tx in
        guard event.ownerModule == BiowasteModule.id.rawValue, event.kind == PickupPlanner.taskKind,
            let id = UUID(uuidString: event.reference),
            let pickup = try await PickupStore.find(id, in: tx)
        else { return }
        // The carrier the event names; for events recorded before it named one, the kernel's record of the round;
        // unknown (not invented) when neither says.
        var known = event.carrier.map(Carrier.init)
        if known == nil { known = try await Self.carrier(of: event.taskId, in: tx) }
        let carrier = known ?? Carrier(organisationId: nil, vehicleId: nil, driverUserId: nil)
        switch (event.action, event.outcome) {
        case (.pickup, .failed) where pickup.status == "planned":
            try await tx.execute("UPDATE biowaste_pickups SET status = 'failed' WHERE id = ?", [id])
            try await tx.execute("UPDATE biowaste_arrivals SET status = 'waiting', pickup_id = NULL WHERE pickup_id = ?", [id])
        case (.pickup, .done) where pickup.status == "planned":
            let point = try await PointService.point(pickup.siteId, in: tx)
            let grams = Grams.of(kg: event.actualKg ?? pickup.estimatedKg)
            try await register(
                kind: "collection", point: point, nature: try await CollectionService().nature(of: id, in: tx), grams: grams,
                carrier: carrier, destination: try await DestinationStore.all(in: tx).first { $0.siteId == pickup.destinationSiteId },
                pickup: id, container: nil, note: event.note, by: nil, in: tx)
            try await tx.execute(
                """
                UPDATE biowaste_pickups SET status = 'collected', collected_grams = ?, carrier_organisation_id = ?, vehicle_id = ?,
                    collected_at = ? WHERE id = ?
                """, [grams, carrier.organisationId, carrier.vehicleId, tx.now, id])
            try await tx.execute("UPDATE biowaste_arrivals SET status = 'collected' WHERE pickup_id = ?", [id])
        case (.drop, .done) where pickup.status == "collected":
            try await deliver(pickup, grams: Grams.of(kg: event.actualKg ?? pickup.collectedKg ?? 0), carrier: carrier, in: tx)
        default:
            return
        }
    }

    /// The weighing at the destination, in whole grams.
    static func deliver(_ pickup: BiowastePickup, grams: Int, carrier: Carrier, in tx: Transaction) async throws {
        let point = try await PointService.point(pickup.siteId, in: tx)
        try await register(
            kind: "delivery", point: point, nature: try await CollectionService().nature(of: pickup.id, in: tx), grams: grams,
            carrier: carrier, destination: try await DestinationStore.all(in: tx).first { $0.siteId == pickup.destinationSiteId },
            pickup: pickup.id, container: nil, note: nil, by: nil, in: tx)
        try await tx.execute(
            "UPDATE biowaste_pickups SET status = 'delivered', delivered_grams = ?, delivered_at = ? WHERE id = ?",
            [grams, tx.now, pickup.id])
    }

    /// Appends an entry to the register, its weight in whole grams.
    static func register(
        kind: String, point: CollectionPoint, nature: String, grams: Int, carrier: Carrier, destination: Destination?, pickup: UUID?,
        container: UUID?, note: String?, by user: UUID?, in tx: Transaction
    ) async throws {
        try await tx.sql.lockForAppend("biowaste_register")
        try await tx.execute(
            """
            INSERT INTO biowaste_register (at, kind, producer_organisation_id, producer_site_id, nature, grams, carrier_organisation_id,
                vehicle_id, destination_site_id, treatment, pickup_id, container_id, note, recorded_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                tx.now, kind, point.organisationId, point.siteId, nature, grams, carrier.organisationId,
                carrier.vehicleId, destination?.siteId, destination?.treatment.rawValue, pickup, container, note, user,
            ])
    }
}
