import Foundation
import HTTPTypes

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
                id: id, name: vehicle.name, plate: vehicle.plate,
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
            days: Weekday.allCases.map { day in
                Model.Day(
                    key: day.rawValue, label: t("weekday_" + day.rawValue),
                    checked: adding.map { $0.weekdays?[day.rawValue] != nil } ?? ![.saturday, .sunday].contains(day))
            },
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
        } catch let error as any DomainError where error.code != "forbidden" && error.code != "not_found" {
            return try await list(request, failed: id, typed: form, error: request.say(error), status: APIError(error).status)
        }
    }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// A new vehicle of the food bank: name, plate, capacity in kilograms and litres, cold, and the weekdays it runs.
    func add(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let form = try request.form(AddForm.self)
        var errors: [String: String] = [:]
        func number(_ name: String, _ text: String?) -> Double {
            guard let value = Double((text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")) else {
                errors[name] = t("vehicles_bad_number")
                return 0
            }
            return value
        }
        let kg = number("capacityKg", form.capacityKg)
        let litres = number("capacityLitres", form.capacityLitres)
        let days = Weekday.allCases.filter { form.weekdays?[$0.rawValue] != nil }
        guard errors.isEmpty else { return try await list(request, adding: form, addErrors: errors, status: .unprocessableContent) }
        guard let bank = caller.operatorOrganisations.sorted(by: { $0.uuidString < $1.uuidString }).first else {
            throw KernelError.forbidden("the fleet is run by the food bank's coordinators")
        }
        do {
            _ = try await vehicles.create(
                VehicleService.Input(
                    ownerOrganisationId: bank, name: (form.name ?? "").trimmingCharacters(in: .whitespaces),
                    plate: (form.plate ?? "").trimmingCharacters(in: .whitespaces), capacityKg: kg, capacityLitres: litres,
                    refrigerated: form.refrigerated != nil, availableWeekdays: days),
                by: caller)
            return .redirect("/vehicles", notice: "vehicle_added")
        } catch let error as any DomainError where error.code != "forbidden" {
            let field = WebRequest.field(of: error) ?? "name"
            let known = ["name", "plate", "capacityKg", "capacityLitres"]
            return try await list(
                request, adding: form, addErrors: [known.contains(field) ? field : "name": request.say(error)],
                status: .unprocessableContent)
        }
    }
}
