import Foundation
import HTTPTypes
import Hummingbird

/// The fleet for the food bank's coordinators: every vehicle they may plan
/// with (capacity, cold, the weekdays it runs, the days it is out), and taking
/// one out of service for a day (servicing, lent out) with the reason, which
/// the round check then honours.
struct VehiclePages: Sendable {
    let vehicles: VehicleUseCases
    let clock: any WallClock
    let timeZone: TimeZone

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/vehicles") { request in try await list(request) }
        pages.post("/vehicles") { request in try await add(request) }
        pages.post("/vehicles/:id/unavailable") { request in try await unavailable(request, id: try request.uuid("id")) }
        pages.get("/vehicles/:id") { request in try await edit(request, id: try request.uuid("id")) }
        pages.post("/vehicles/:id") { request in try await save(request, id: try request.uuid("id")) }
        pages.post("/vehicles/:id/available/:day") { request in
            let id = try request.uuid("id")
            guard let day = request.context.parameters.get("day").flatMap(CalendarDate.init) else {
                throw KernelError.invalid(field: "day", message: "a day is YYYY-MM-DD")
            }
            _ = try await vehicles.markAvailable(id, on: day, by: try request.caller)
            return .redirect("/vehicles/\(id.uuidString.lowercased())", notice: "vehicle_back_in_service")
        }
        return pages
    }

    struct UnavailableForm: Decodable {
        var day: String?
        var reason: String?
    }

    struct AddForm: Decodable {
        var name: String?
        var plate: String?
        var capacityKg: String?
        var capacityLitres: String?
        var refrigerated: String?
        var weekdays: [String: String]?
    }

    struct Model: Sendable {
        struct Day: Sendable {
            let key: String
            let label: String
            let checked: Bool
        }
        struct Row: Sendable {
            let id: String
            let path: String
            let name: String
            let plate: String
            let capacity: String
            let refrigerated: Bool
            let weekdays: String
            let out: String?
            let action: String
            let day: String
            let reason: String
            let error: String?
            let idempotency: String
        }
        let rows: [Row]
        let empty: Bool
        let typed: [String: String]
        let refrigerated: Bool
        let days: [Day]
        let fieldError: [String: String]
        let idempotency: String
    }

    func list(
        _ request: WebRequest, failed: UUID? = nil, typed: UnavailableForm? = nil, error: String? = nil, adding: AddForm? = nil,
        addErrors: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        try caller.require(caller.managesEverything, "the fleet is run by the food bank's coordinators")
        let t = request.texts
        let today = CalendarDate(clock.now(), in: timeZone)
        let fleet = try await vehicles.list(page: PageRequest(limit: 500), by: caller).items.sorted { $0.name < $1.name }
        let rows = fleet.map { vehicle in
            let id = vehicle.id.uuidString.lowercased()
            let mine = failed == vehicle.id
            return Model.Row(
                id: id, path: "/vehicles/\(id)", name: vehicle.name, plate: vehicle.plate,
                capacity: t.number(vehicle.capacityKg, decimals: 0) + " kg · " + t.number(vehicle.capacityLitres, decimals: 0) + " L",
                refrigerated: vehicle.refrigerated,
                weekdays: Weekday.allCases.filter(vehicle.availableWeekdays.contains).map { t("weekday_" + $0.rawValue) }
                    .joined(separator: ", "),
                out: Self.nonEmpty(vehicle.unavailableDays.filter { $0 >= today }.sorted().map(t.day).joined(separator: ", ")),
                action: "/vehicles/\(id)/unavailable", day: mine ? typed?.day ?? "" : today.adding(days: 1).description,
                reason: mine ? typed?.reason ?? "" : "", error: mine ? error : nil, idempotency: request.idempotencyKey())
        }
        let model = Model(
            rows: rows, empty: rows.isEmpty,
            typed: [
                "name": adding?.name ?? "", "plate": adding?.plate ?? "", "capacityKg": adding?.capacityKg ?? "",
                "capacityLitres": adding?.capacityLitres ?? "",
            ],
            refrigerated: adding?.refrigerated != nil,
            days: Self.days(
                t, checked: { day in adding.map { $0.weekdays?[day.rawValue] != nil } ?? ![.saturday, .sunday].contains(day) }),
            fieldError: addErrors, idempotency: request.idempotencyKey())
        return .page("vehicles", title: t("vehicles_title"), model: model, status: status)
    }

    func unavailable(_ request: WebRequest, id: UUID) async throws -> WebAnswer {
        let caller = try request.caller
        let form = try request.form(UnavailableForm.self)
        guard let day = form.day.flatMap(CalendarDate.init) else {
            return try await list(
                request, failed: id, typed: form, error: request.texts("vehicles_bad_day"), status: .unprocessableContent)
        }
        do {
            _ = try await vehicles.markUnavailable(
                id, on: day, reason: (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines), by: caller)
            return .redirect("/vehicles", notice: "vehicle_unavailable")
        } catch let error as RoundRulesBroken {
            let said = ([request.say(error)] + Self.sayBroken(error, request.texts)).joined(separator: " ")
            return try await list(request, failed: id, typed: form, error: said, status: APIError(error).status)
        } catch let error as any DomainError where error.code != "forbidden" && error.code != "not_found" {
            return try await list(request, failed: id, typed: form, error: request.say(error), status: APIError(error).status)
        }
    }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// The weekday checkboxes, each checked as `checked` says.
    static func days(_ t: Texts, checked: (Weekday) -> Bool) -> [Model.Day] {
        Weekday.allCases.map { day in Model.Day(key: day.rawValue, label: t("weekday_" + day.rawValue), checked: checked(day)) }
    }

    /// A vehicle form's fields read: its numbers said beside their field when they are not numbers.
    struct Parsed {
        var changes: VehicleService.Changes
        var errors: [String: String]
    }

    static func parse(_ form: AddForm, _ t: Texts) -> Parsed {
        var errors: [String: String] = [:]
        func number(_ name: String, _ text: String?) -> Double {
            guard let value = Double((text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")) else {
                errors[name] = t("vehicles_bad_number")
                return 0
            }
            return value
        }
        let changes = VehicleService.Changes(
            name: (form.name ?? "").trimmingCharacters(in: .whitespaces), plate: (form.plate ?? "").trimmingCharacters(in: .whitespaces),
            capacityKg: number("capacityKg", form.capacityKg), capacityLitres: number("capacityLitres", form.capacityLitres),
            refrigerated: form.refrigerated != nil, availableWeekdays: Weekday.allCases.filter { form.weekdays?[$0.rawValue] != nil })
        return Parsed(changes: changes, errors: errors)
    }

    /// Where a use case's error about a vehicle's fields is said: beside the field it names, else beside the name.
    static func fieldErrors(_ error: any DomainError, _ request: WebRequest) -> [String: String] {
        let field = WebRequest.field(of: error) ?? (error.code == "plate_taken" ? "plate" : "name")
        let known = ["name", "plate", "capacityKg", "capacityLitres"]
        return [known.contains(field) ? field : "name": request.say(error)]
    }

    /// A new vehicle of the food bank: name, plate, capacity in kilograms and litres, cold, and the weekdays it runs.
    func add(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let form = try request.form(AddForm.self)
        let parsed = Self.parse(form, request.texts)
        guard parsed.errors.isEmpty else {
            return try await list(request, adding: form, addErrors: parsed.errors, status: .unprocessableContent)
        }
        guard let bank = caller.operatorOrganisations.sorted(by: { $0.uuidString < $1.uuidString }).first else {
            throw KernelError.forbidden("the fleet is run by the food bank's coordinators")
        }
        let changes = parsed.changes
        do {
            _ = try await vehicles.create(
                VehicleService.Input(
                    ownerOrganisationId: bank, name: changes.name, plate: changes.plate, capacityKg: changes.capacityKg,
                    capacityLitres: changes.capacityLitres, refrigerated: changes.refrigerated, availableWeekdays: changes.availableWeekdays
                ),
                by: caller)
            return .redirect("/vehicles", notice: "vehicle_added")
        } catch let error as any DomainError where error.code != "forbidden" {
            return try await list(request, adding: form, addErrors: Self.fieldErrors(error, request), status: .unprocessableContent)
        }
    }
}
