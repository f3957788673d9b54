import Foundation
import HTTPTypes

/// The rounds of a day for the food bank's staff, and a round built by hand:
/// the coordinator picks a vehicle, a start time and the tasks waiting, in the
/// order the van should take them (pickups first, then drops, a stop per site
/// in a row); the round is checked against every rule of the road and, when it
/// breaks some, each broken rule is shown at once with what was chosen kept.
struct RoundPages: Sendable {
    let rounds: RoundUseCases
    let tasks: TaskUseCases
    let vehicles: VehicleUseCases
    let sites: SiteUseCases
    let clock: any WallClock
    let timeZone: TimeZone

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/rounds") { request in try await show(request) }
        pages.post("/rounds") { request in try await build(request) }
        return pages
    }

    struct Form: Decodable {
        var day: String?
        var startTime: String?
        var vehicleId: String?
        var order: [String: String]?
    }

    struct Model: Sendable {
        typealias Choice = WebChoice
        struct RoundRow: Sendable {
            let vehicle: String
            let start: String
            let end: String
            let stops: String
            let status: String
        }
        struct Task: Sendable {
            let id: String
            let what: String
            let from: String
            let to: String
            let kg: String
            let order: String
        }
        let day: String
        let startTime: String
        let rounds: [RoundRow]
        let noRound: Bool
        let vehicles: [Choice]
        let tasks: [Task]
        let noTask: Bool
        let broken: [String]
        let problem: String?
        let idempotency: String
    }

    func show(_ request: WebRequest, typed: Form? = nil, broken: [String] = [], problem: String? = nil, status: HTTPResponse.Status = .ok)
        async throws -> WebAnswer
    {
        let caller = try request.caller
        try caller.require(caller.managesEverything, "rounds are planned by the food bank's coordinators")
        let t = request.texts
        let today = CalendarDate(clock.now(), in: timeZone)
        let day = (typed?.day ?? request.query("day")).flatMap(CalendarDate.init) ?? today
        let all = PageRequest(limit: 1000)
        let fleet = try await vehicles.list(page: all, by: caller).items
        let names = Dictionary(fleet.map { ($0.id, "\($0.name) (\($0.plate))") }, uniquingKeysWith: { first, _ in first })
        let places = try await sites.list(organisation: nil, page: all, by: caller).items
        let siteNames = Dictionary(places.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let planned = try await rounds.list(day: day, page: all, by: caller).items
        let waiting = try await tasks.list(status: .pending, page: all, by: caller).items
        let model = Model(
            day: day.description, startTime: typed?.startTime ?? "08:00",
            rounds: planned.sorted { $0.plannedStart < $1.plannedStart }.map {
                Model.RoundRow(
                    vehicle: names[$0.vehicleId] ?? "", start: t.instant($0.plannedStart), end: t.instant($0.plannedEnd),
                    stops: t.count($0.stops.count), status: t("round_status_" + $0.status.rawValue))
            },
            noRound: planned.isEmpty,
            vehicles: fleet.map {
                Model.Choice(
                    value: $0.id.uuidString.lowercased(), label: names[$0.id] ?? "",
                    selected: $0.id.uuidString.lowercased() == typed?.vehicleId?.lowercased())
            },
            tasks: waiting.map { task in
                let id = task.id.uuidString.lowercased()
                return Model.Task(
                    id: id, what: task.reference, from: task.pickup.map { siteNames[$0.siteId] ?? "" } ?? "—",
                    to: task.drop.map { siteNames[$0.siteId] ?? "" } ?? "—", kg: t.kg(task.kg), order: typed?.order?[id] ?? "")
            },
            noTask: waiting.isEmpty, broken: broken, problem: problem, idempotency: request.idempotencyKey())
        return .page("rounds", title: t("rounds_title", ["day": t.day(day)]), model: model, status: status)
    }

    func build(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let form = try request.form(Form.self)
        guard let day = form.day.flatMap(CalendarDate.init), let start = form.startTime.flatMap(LocalTime.init),
            let vehicle = form.vehicleId.flatMap(UUID.init(uuidString:))
        else { return try await show(request, typed: form, problem: t("rounds_form_incomplete"), status: .unprocessableContent) }
        var chosen: [(Int, UUID)] = []
        for (id, text) in form.order ?? [:] {
            let text = text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            guard let position = Int(text), (1...200).contains(position), let task = UUID(uuidString: id) else {
                return try await show(request, typed: form, problem: t("rounds_bad_order"), status: .unprocessableContent)
            }
            chosen.append((position, task))
        }
        guard !chosen.isEmpty else {
            return try await show(request, typed: form, problem: t("rounds_no_task"), status: .unprocessableContent)
        }
        var loaded: [LogisticsTask] = []
        for (_, id) in chosen.sorted(by: { ($0.0, $0.1.uuidString) < ($1.0, $1.1.uuidString) }) {
            loaded.append(try await tasks.task(id, by: caller))
        }
        let stops = Self.stops(for: loaded)
        guard let bank = caller.operatorOrganisations.sorted(by: { $0.uuidString < $1.uuidString }).first else {
            throw KernelError.forbidden("rounds are planned by the food bank's coordinators")
        }
        do {
            _ = try await rounds.create(
                RoundRequest(organisationId: bank, day: day, startTime: start, vehicleId: vehicle, driverUserId: nil, stops: stops),
                by: caller)
            return .redirect("/rounds?day=\(day)", notice: "round_created")
        } catch let error as KernelError {
            if case .rules(_, _, let violations) = error {
                return try await show(request, typed: form, broken: violations.map { Self.say($0, t) }, status: .unprocessableContent)
            }
            guard error.code != "forbidden" else { throw error }
            return try await show(request, typed: form, problem: request.say(error), status: .unprocessableContent)
        }
    }

    /// The stops of the chosen tasks in their order: every pickup, then every drop, one stop per site in a row.
    static func stops(for tasks: [LogisticsTask]) -> [RoundRequest.Stop] {
        var stops: [RoundRequest.Stop] = []
        func add(_ site: UUID, pickup: UUID?, drop: UUID?) {
            if let last = stops.last, last.siteId == site {
                if let pickup { stops[stops.count - 1].pickups = (last.pickups ?? []) + [pickup] }
                if let drop { stops[stops.count - 1].drops = (last.drops ?? []) + [drop] }
            } else {
                stops.append(RoundRequest.Stop(siteId: site, pickups: pickup.map { [$0] }, drops: drop.map { [$0] }))
            }
        }
        for task in tasks { if let pickup = task.pickup { add(pickup.siteId, pickup: task.id, drop: nil) } }
        for task in tasks { if let drop = task.drop { add(drop.siteId, pickup: nil, drop: task.id) } }
        return stops
    }

    /// A broken rule (`code: details`) in the page's words, with the details as the rule gave them.
    static func say(_ violation: String, _ t: Texts) -> String {
        let parts = violation.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, t.has("round_rule_" + parts[0]) else { return violation }
        return t("round_rule_" + parts[0]) + " (" + parts[1] + ")"
    }
}
