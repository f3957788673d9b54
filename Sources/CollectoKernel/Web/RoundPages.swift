import Foundation
import HTTPTypes

/// The rounds of a day for the food bank's staff, and a round built by hand:
/// the coordinator picks a vehicle, its driver, a start time and the tasks
/// waiting, each end at its place in the round (a task's drop left without a
/// place comes after every placed stop; a stop per site in a row), so that one
/// round can deliver, then collect on the way back; the round is checked
/// against every rule of the road and, when it breaks some, each broken rule
/// is shown at once with what was chosen kept.
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
        var driverUserId: String?
        /// The place of each task's pickup (or of its only end), by task id.
        var order: [String: String]?
        /// The place of each task's drop, for tasks picked up and dropped in the round.
        var dropOrder: [String: String]?
    }

    struct Model: Sendable {
        typealias Choice = WebChoice
        struct RoundRow: Sendable {
            let vehicle: String
            let driver: String
            let start: String
            let end: String
            let stops: String
            let status: String
        }
        struct Task: Sendable {
            let id: String
            /// The task's kind, in the page's language, and its reference (an order's, a pickup's).
            let what: String
            let reference: String
            let from: String
            let to: String
            let kg: String
            let order: String
            /// The task has both a pickup and a drop: the drop has its own place.
            let hasBoth: Bool
            let dropOrder: String
        }
        let day: String
        let startTime: String
        let rounds: [RoundRow]
        let noRound: Bool
        let vehicles: [Choice]
        let drivers: [Choice]
        let tasks: [Task]
        let noTask: Bool
        let broken: [String]
        let problem: String?
        let idempotency: String
    }

    func show(
        _ request: WebRequest, typed: Form? = nil, broken: [RoundViolation] = [], problem: String? = nil,
        status: HTTPResponse.Status = .ok
    )
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
        let crew = try await rounds.drivers(of: try Self.bank(of: caller), by: caller)
        let crewNames = Dictionary(crew.map { ($0.userId, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let waiting = try await tasks.list(status: .pending, page: all, by: caller).items
        let model = Model(
            day: day.description, startTime: typed?.startTime ?? "08:00",
            rounds: planned.sorted { $0.plannedStart < $1.plannedStart }.map {
                Model.RoundRow(
                    vehicle: names[$0.vehicleId] ?? "", driver: $0.driverUserId.map { crewNames[$0] ?? "" } ?? t("rounds_no_driver"),
                    start: t.instant($0.plannedStart), end: t.instant($0.plannedEnd),
                    stops: t.count($0.stops.count), status: t("round_status_" + $0.status.rawValue))
            },
            noRound: planned.isEmpty,
            vehicles: fleet.map {
                Model.Choice(
                    value: $0.id.uuidString.lowercased(), label: names[$0.id] ?? "",
                    selected: $0.id.uuidString.lowercased() == typed?.vehicleId?.lowercased())
            },
            drivers: [Model.Choice(value: "", label: t("rounds_driver_later"), selected: (typed?.driverUserId ?? "").isEmpty)]
                + crew.map { driver in
                    let value = driver.userId.uuidString.lowercased()
                    return Model.Choice(
                        value: value, label: driver.displayName + " (" + t("role_" + driver.role.rawValue) + ")",
                        selected: value == typed?.driverUserId?.lowercased())
                },
            tasks: waiting.map { task in
                let id = task.id.uuidString.lowercased()
                return Model.Task(
                    id: id, what: kindName(task.kind, t), reference: Self.shortReference(task.reference),
                    from: task.pickup.map { siteNames[$0.siteId] ?? "" } ?? "—",
                    to: task.drop.map { siteNames[$0.siteId] ?? "" } ?? "—", kg: t.kg(task.kg), order: typed?.order?[id] ?? "",
                    hasBoth: task.pickup != nil && task.drop != nil, dropOrder: typed?.dropOrder?[id] ?? "")
            },
            noTask: waiting.isEmpty,
            broken: broken.map(
                RoundRuleWording(
                    t,
                    tasks: Dictionary(waiting.map { ($0.id, kindName($0.kind, t) + " " + Self.shortReference($0.reference)) }) { a, _ in a
                    },
                    sites: siteNames
                ).say),
            problem: problem, idempotency: request.idempotencyKey())
        return .page("rounds", title: t("rounds_title", ["day": t.day(day)]), model: model, status: status)
    }

    func build(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let form = try request.form(Form.self)
        guard let day = form.day.flatMap(CalendarDate.init), let start = form.startTime.flatMap(LocalTime.init),
            let vehicle = form.vehicleId.flatMap(UUID.init(uuidString:))
        else { return try await show(request, typed: form, problem: t("rounds_form_incomplete"), status: .unprocessableContent) }
        var chosen: [UUID: Places] = [:]
        for (field, values) in [(false, form.order ?? [:]), (true, form.dropOrder ?? [:])] {
            for (id, text) in values {
                let text = text.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                guard let position = Int(text), (1...200).contains(position), let task = UUID(uuidString: id) else {
                    return try await show(request, typed: form, problem: t("rounds_bad_order"), status: .unprocessableContent)
                }
                if field { chosen[task, default: Places()].drop = position } else { chosen[task, default: Places()].first = position }
            }
        }
        guard !chosen.isEmpty, chosen.values.allSatisfy({ $0.first != nil }) else {
            return try await show(
                request, typed: form, problem: t(chosen.isEmpty ? "rounds_no_task" : "rounds_drop_without_task"),
                status: .unprocessableContent)
        }
        var loaded: [(LogisticsTask, Places)] = []
        for (id, places) in chosen.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            loaded.append((try await tasks.task(id, by: caller), places))
        }
        let stops = Self.stops(for: loaded)
        let bank = try Self.bank(of: caller)
        let driverText = (form.driverUserId ?? "").trimmingCharacters(in: .whitespaces)
        let driver = driverText.isEmpty ? nil : UUID(uuidString: driverText)
        if !driverText.isEmpty && driver == nil {
            return try await show(request, typed: form, problem: t("rounds_bad_driver"), status: .unprocessableContent)
        }
        do {
            _ = try await rounds.create(
                RoundRequest(organisationId: bank, day: day, startTime: start, vehicleId: vehicle, driverUserId: driver, stops: stops),
                by: caller)
            return .redirect("/rounds?day=\(day)", notice: "round_created")
        } catch let error as RoundRulesBroken {
            return try await show(request, typed: form, broken: error.entries.flatMap(\.violations), status: .unprocessableContent)
        } catch let error as KernelError where error.code != "forbidden" {
            return try await show(request, typed: form, problem: request.say(error), status: .unprocessableContent)
        }
    }

    /// Where a task's ends go in the round: its pickup (or its only end) first, its drop at `drop` or, left
    /// without a place, after every placed stop.
    struct Places {
        var first: Int?
        var drop: Int?
    }

    /// The stops of the chosen tasks in the order of their places, one stop per site in a row.
    static func stops(for tasks: [(LogisticsTask, Places)]) -> [RoundRequest.Stop] {
        var ends: [(place: Int, site: UUID, task: UUID, isDrop: Bool)] = []
        for (task, places) in tasks {
            let first = places.first ?? 0
            if let pickup = task.pickup {
                ends.append((first, pickup.siteId, task.id, false))
                if let drop = task.drop { ends.append((places.drop ?? 1000 + first, drop.siteId, task.id, true)) }
            } else if let drop = task.drop {
                ends.append((first, drop.siteId, task.id, true))
            }
        }
        ends.sort { ($0.place, $0.isDrop ? 1 : 0, $0.task.uuidString) < ($1.place, $1.isDrop ? 1 : 0, $1.task.uuidString) }
        var stops: [RoundRequest.Stop] = []
        for end in ends {
            if stops.last?.siteId != end.site { stops.append(RoundRequest.Stop(siteId: end.site)) }
            if end.isDrop {
                stops[stops.count - 1].drops = (stops[stops.count - 1].drops ?? []) + [end.task]
            } else {
                stops[stops.count - 1].pickups = (stops[stops.count - 1].pickups ?? []) + [end.task]
            }
        }
        return stops
    }

    /// A task kind in the page's words: the text `task_kind_<kind>` its module gives, else its own summary.
    func kindName(_ kind: String, _ t: Texts) -> String {
        let key = "task_kind_" + kind.replacingOccurrences(of: ".", with: "_")
        if t.has(key) { return t(key) }
        return rounds.catalogue?.all[kind]?.kind.summary ?? kind
    }

    /// A reference as a person reads it: an identifier's first eight characters, any other reference whole.
    static func shortReference(_ reference: String) -> String {
        UUID(uuidString: reference) == nil ? reference : String(reference.lowercased().prefix(8))
    }

    /// The food bank the caller plans rounds for.
    static func bank(of caller: Caller) throws -> UUID {
        guard let bank = caller.operatorOrganisations.sorted(by: { $0.uuidString < $1.uuidString }).first else {
            throw KernelError.forbidden("rounds are planned by the food bank's coordinators")
        }
        return bank
    }
}
