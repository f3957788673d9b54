import CollectoKernel
import Foundation

/// Intake's actions, so that the API and the pages share one rule for each:
/// a producing site's people (or the workshop's managers) declare produce, the
/// managers accept or refuse it, the cooks weigh it in as an input lot; the
/// workshop's people and the food bank's staff read.
struct IntakeUseCases: Sendable {
    let units: UnitOfWorkRunner
    let tasks: TaskService
    let timeZone: TimeZone

    private var service: IntakeService { IntakeService(tasks: tasks, timeZone: timeZone) }

    /// Produce offered to the workshop, by status, paged.
    func intakes(_ workshop: UUID, status: IntakeStatus?, page: PageRequest, by caller: Caller) async throws -> Page<Intake> {
        try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: workshop)
        return try await units.read { db in
            try await Workshop.mustExist(workshop, in: db)
            return try await IntakeService.list(workshop: workshop, status: status, page: page, in: db)
        }
    }

    /// Produce a farm or a market brings, declared by the workshop's managers or the producing site's people.
    func declare(_ declaration: IntakeService.Declaration, at workshopID: UUID, by caller: Caller) async throws -> Intake {
        let service = service
        return try await units.write(by: caller) { tx in
            let workshop = try await Workshop.get(workshopID, in: tx)
            let site = try await SiteService().get(declaration.sourceSiteId, in: tx)
            let producer = site.map { MicroTransformPermissions.offerProduce.isHeld(by: caller, in: $0.organisationId) } ?? false
            try MicroTransformPermissions.declareIntake.require(caller, in: workshopID, related: producer)
            let intake = try await service.declare(declaration, workshop: workshop, in: tx)
            try await tx.audit("declare", entity: "microtransform.intake", id: intake.id.uuidString, organisation: workshopID)
            return intake
        }
    }

    /// Accepts produce: a chilled trip in unless it is already on site.
    func accept(_ id: UUID, _ acceptance: IntakeService.Acceptance, by caller: Caller) async throws -> Intake {
        let service = service
        return try await units.write(by: caller) { tx in
            let intake = try await IntakeService.load(id, in: tx)
            try MicroTransformPermissions.decideIntake.require(caller, atWorkshop: intake.workshopId)
            let accepted = try await service.accept(id, acceptance, in: tx)
            try await tx.audit("accept", entity: "microtransform.intake", id: id.uuidString, organisation: intake.workshopId)
            return accepted
        }
    }

    /// Refuses produce, saying why.
    func refuse(_ id: UUID, reason: String, by caller: Caller) async throws -> Intake {
        let service = service
        return try await units.write(by: caller) { tx in
            let intake = try await IntakeService.load(id, in: tx)
            try MicroTransformPermissions.decideIntake.require(caller, atWorkshop: intake.workshopId)
            let refused = try await service.refuse(id, reason: reason, in: tx)
            try await tx.audit(
                "refuse", entity: "microtransform.intake", id: id.uuidString, organisation: intake.workshopId, details: reason)
            return refused
        }
    }

    /// Weighs in accepted produce: it becomes an input lot; its trip task is cancelled while pending (see ``IntakeService/receive(_:kg:in:)``).
    func receive(_ id: UUID, kg: Double, by caller: Caller) async throws -> IntakeService.WeighedIn {
        let service = service
        return try await units.write(by: caller) { tx in
            let intake = try await IntakeService.load(id, in: tx)
            try MicroTransformPermissions.receiveIntake.require(caller, atWorkshop: intake.workshopId)
            let weighed = try await service.receive(id, kg: kg, in: tx)
            try await tx.audit(
                "receive", entity: "microtransform.intake", id: id.uuidString, organisation: intake.workshopId,
                details: weighed.tripTask.flatMap { $0.cancelled ? "trip task \($0.id) cancelled" : $0.note })
            return weighed
        }
    }

    /// The workshop's input lots, by status, paged.
    func inputLots(_ workshop: UUID, status: InputLotStatus?, page: PageRequest, by caller: Caller) async throws -> Page<InputLot> {
        try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: workshop)
        return try await units.read { db in
            try await Workshop.mustExist(workshop, in: db)
            return try await InputLotStore.list(workshop: workshop, status: status, page: page, in: db)
        }
    }
}
