import CollectoKernel
import Foundation

/// Traceability's actions, so that the API and the pages share one rule for
/// each: the workshop's people and the food bank's staff read output lots and
/// trace them both ways (a caller who may not read the workshop learns nothing,
/// not even that the lot exists); the workshop's managers recall an input lot
/// or an origin.
struct TraceabilityUseCases: Sendable {
    let units: UnitOfWorkRunner

    /// The workshop's output lots, by status, paged.
    func outputLots(_ workshop: UUID, status: OutputLotStatus?, page: PageRequest, by caller: Caller) async throws -> Page<OutputLot> {
        try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: workshop)
        return try await units.read { db in
            try await Workshop.mustExist(workshop, in: db)
            return try await InputLotStore.outputLots(workshop: workshop, status: status, page: page, in: db)
        }
    }

    /// An output lot's batch, input lots and their origins.
    func genealogy(ofOutputLot id: UUID, by caller: Caller) async throws -> Genealogy.Tree {
        try await units.read { db in
            let tree = try await Genealogy.tree(outputLot: id, in: db)
            try MicroTransformPermissions.readTraceability.require(
                caller, in: tree.outputLot.workshopId, hiding: "output lot", id: id)
            return tree
        }
    }

    /// Every output lot made from an input lot.
    func outputs(ofInputLot id: UUID, by caller: Caller) async throws -> [OutputLot] {
        try await units.read { db in
            let lot = try await InputLotStore.load(id, in: db)
            try MicroTransformPermissions.readTraceability.require(caller, in: lot.workshopId, hiding: "input lot", id: id)
            return try await Genealogy.outputs(from: [id], in: db)
        }
    }

    /// Recalls an input lot or an origin: blocks every output made from it.
    func recall(_ recall: Genealogy.RecallRequest, at workshopID: UUID, by caller: Caller) async throws -> Genealogy.RecallReport {
        try MicroTransformPermissions.recallInputs.require(caller, atWorkshop: workshopID)
        return try await units.write(by: caller) { tx in
            let report = try await Genealogy.recall(workshop: try await Workshop.get(workshopID, in: tx), recall, in: tx)
            try await tx.audit(
                "recall", entity: "microtransform.input_lot", id: report.inputLotIds.first?.uuidString, organisation: workshopID,
                details: "\(report.outputLots.count) output lot(s): \(recall.reason)")
            return report
        }
    }
}
