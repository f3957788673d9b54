import Foundation

/// The actions on rounds, each one unit of work with its audit entry: built
/// by coordinators, seen by drivers only when assigned to them, recorded stop
/// by stop. ``RoundService`` holds the rules; this is what the API and the
/// pages call.
public struct RoundUseCases: Sendable {
    let units: UnitOfWorkRunner
    let rounds: RoundService
    /// The declared task kinds, to describe each task on a sheet.
    let catalogue: TaskKindCatalog?

    public init(units: UnitOfWorkRunner, rounds: RoundService, catalogue: TaskKindCatalog? = nil) {
        self.units = units
        self.rounds = rounds
        self.catalogue = catalogue
    }

    public func list(day: CalendarDate?, page: PageRequest, by caller: Caller) async throws -> Page<Round> {
        let rounds = self.rounds
        return try await units.read { db in try await rounds.list(visibleTo: caller, day: day, page: page, in: db) }
    }

    public func create(_ request: RoundRequest, by caller: Caller) async throws -> Round {
        let rounds = self.rounds
        return try await units.write(by: caller) { tx in
            let round = try await rounds.create(request, by: caller, in: tx)
            try await tx.audit(
                "create", entity: "round", id: round.id.uuidString, organisation: round.organisationId,
                details: "\(round.day) \(round.stops.count) stop(s)")
            return round
        }
    }

    public func round(_ id: UUID, by caller: Caller) async throws -> Round {
        let rounds = self.rounds
        guard let round = try await units.read({ db in try await rounds.get(id, in: db) }), rounds.isVisible(round, to: caller)
        else { throw KernelError.notFound(entity: "round", id: id.uuidString) }
        return round
    }

    /// The round's sheet: stop by stop, the site and whom to call there, the
    /// planned arrival, and the tasks to load and unload. Read by the round's
    /// organisation (its coordinators) at any time, and by ``AssignedDriver``
    /// (the driver assigned to the round) while the round is open.
    public func sheet(_ id: UUID, by caller: Caller) async throws -> RoundSheet {
        let rounds = self.rounds
        let kinds = catalogue?.all ?? [:]
        let summaries = kinds.mapValues(\.kind.summary).merging([Kernel.manualTaskKind.id: Kernel.manualTaskKind.summary]) { a, _ in a }
        return try await units.read { db in
            guard let round = try await rounds.get(id, in: db),
                caller.canRead(round.organisationId) || AssignedDriver.drives(round, caller: caller)
            else { throw KernelError.notFound(entity: "round", id: id.uuidString) }
            let vehicle = try await VehicleService().get(round.vehicleId, in: db)
            var places: [UUID: RoundSheet.Place] = [:]
            var stops: [RoundSheet.Stop] = []
            for stop in round.stops {
                let place: RoundSheet.Place
                if let known = places[stop.siteId] {
                    place = known
                } else {
                    place = try await Self.place(stop.siteId, in: db)
                    places[stop.siteId] = place
                }
                var load: [RoundSheet.Item] = []
                var unload: [RoundSheet.Item] = []
                for action in stop.actions {
                    guard let task = try await TaskService.load(action.taskId, in: db) else { continue }
                    let item = RoundSheet.Item(
                        taskId: task.id, kind: task.kind, description: summaries[task.kind], reference: task.reference, kg: task.kg,
                        litres: task.litres, temperature: task.temperature, isFood: task.isFood, status: task.status,
                        actualKg: action.actualKg)
                    if action.action == .pickup { load.append(item) } else { unload.append(item) }
                }
                stops.append(
                    RoundSheet.Stop(
                        sequence: stop.sequence, plannedArrival: stop.plannedArrival, completedAt: stop.completedAt, site: place,
                        load: load, unload: unload))
            }
            return RoundSheet(
                roundId: round.id, organisationId: round.organisationId, day: round.day, startTime: round.startTime,
                status: round.status, plannedStart: round.plannedStart, plannedEnd: round.plannedEnd, vehicleId: round.vehicleId,
                vehicleName: vehicle?.name, vehiclePlate: vehicle?.plate, driverUserId: round.driverUserId, stops: stops)
        }
    }

    /// A stop's site, with its organisation as the contact when it has a phone or an e-mail.
    private static func place(_ siteId: UUID, in db: any SQLExecutor) async throws -> RoundSheet.Place {
        guard let site = try await SiteService().get(siteId, in: db) else {
            throw StorageError.unexpectedValue(column: "site_id", expected: "a site of the round")
        }
        let contact = try await OrganisationService().get(site.organisationId, in: db).flatMap { organisation in
            organisation.phone == nil && organisation.contactEmail == nil
                ? nil
                : RoundSheet.Contact(
                    organisationId: organisation.id, name: organisation.name, phone: organisation.phone, email: organisation.contactEmail)
        }
        return RoundSheet.Place(
            siteId: site.id, name: site.name, address: site.address, postcode: site.postcode, city: site.city, latitude: site.latitude,
            longitude: site.longitude, openingHours: site.openingHours, serviceMinutes: site.serviceMinutes, contact: contact)
    }

    public func completeStop(_ id: UUID, sequence: Int, _ completion: StopCompletion, by caller: Caller) async throws -> Round {
        let rounds = self.rounds
        return try await units.write(by: caller) { tx in
            let round = try await rounds.completeStop(round: id, sequence: sequence, completion, by: caller, in: tx)
            try await tx.audit(
                "complete_stop", entity: "round", id: id.uuidString, organisation: round.organisationId, details: "stop \(sequence)")
            return round
        }
    }

    public func cancel(_ id: UUID, by caller: Caller) async throws -> Round {
        let rounds = self.rounds
        return try await units.write(by: caller) { tx in
            let round = try await rounds.cancel(id, by: caller, in: tx)
            try await tx.audit("cancel", entity: "round", id: id.uuidString, organisation: round.organisationId)
            return round
        }
    }
}
