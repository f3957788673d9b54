import Foundation
import HTTPTypes

/// One vehicle's page for the owner's coordinators: its name, plate, capacity,
/// cold and weekdays changed in the same fields as when it was added, and the
/// days it is out put back in service. A change that a round still to drive
/// cannot take is refused with every such round's broken rule, the typed values kept.
extension VehiclePages {
    struct EditModel: Sendable {
        struct DayOut: Sendable {
            let label: String
            let path: String
            let idempotency: String
        }
        let action: String
        let typed: [String: String]
        let refrigerated: Bool
        let days: [Model.Day]
        let fieldError: [String: String]
        let broken: [String]
        let hasBroken: Bool
        let brokenIntro: String
        let out: [DayOut]
        let noDayOut: Bool
        let idempotency: String
    }

    func edit(
        _ request: WebRequest, id: UUID, typed: AddForm? = nil, errors: [String: String] = [:], broken: [String] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        try caller.require(caller.managesEverything, "the fleet is run by the food bank's coordinators")
        let t = request.texts
        let vehicle = try await vehicles.vehicle(id, by: caller)
        let today = CalendarDate(clock.now(), in: timeZone)
        let path = "/vehicles/\(id.uuidString.lowercased())"
        let model = EditModel(
            action: path,
            typed: [
                "name": typed?.name ?? vehicle.name, "plate": typed?.plate ?? vehicle.plate,
                "capacityKg": typed?.capacityKg ?? Self.plain(vehicle.capacityKg),
                "capacityLitres": typed?.capacityLitres ?? Self.plain(vehicle.capacityLitres),
            ],
            refrigerated: typed.map { $0.refrigerated != nil } ?? vehicle.refrigerated,
            days: Self.days(t) { day in typed.map { $0.weekdays?[day.rawValue] != nil } ?? vehicle.availableWeekdays.contains(day) },
            fieldError: errors, broken: broken, hasBroken: !broken.isEmpty, brokenIntro: t("vehicles_needed_by_rounds"),
            out: vehicle.unavailableDays.filter { $0 >= today }.sorted().map { day in
                EditModel.DayOut(label: t.day(day), path: "\(path)/available/\(day)", idempotency: request.idempotencyKey())
            },
            noDayOut: !vehicle.unavailableDays.contains { $0 >= today }, idempotency: request.idempotencyKey())
        return .page("vehicle", title: vehicle.name, model: model, status: status)
    }

    func save(_ request: WebRequest, id: UUID) async throws -> WebAnswer {
        let caller = try request.caller
        let form = try request.form(AddForm.self)
        let parsed = Self.parse(form, request.texts)
        guard parsed.errors.isEmpty else {
            return try await edit(request, id: id, typed: form, errors: parsed.errors, status: .unprocessableContent)
        }
        do {
            _ = try await vehicles.update(id, parsed.changes, by: caller)
            return .redirect("/vehicles/\(id.uuidString.lowercased())", notice: "vehicle_saved")
        } catch let error as RoundRulesBroken {
            return try await edit(
                request, id: id, typed: form, broken: Self.sayBroken(error, request.texts), status: APIError(error).status)
        } catch let error as any DomainError where error.code != "forbidden" && error.code != "not_found" {
            return try await edit(
                request, id: id, typed: form, errors: Self.fieldErrors(error, request), status: APIError(error).status)
        }
    }

    /// Each round a change would break, by its day, with each rule in the page's words.
    static func sayBroken(_ error: RoundRulesBroken, _ t: Texts) -> [String] {
        error.entries.flatMap { entry in
            entry.violations.map { violation in
                (entry.round.map { t("vehicles_round_of") + " " + t.day($0.day) + " — " } ?? "") + RoundRuleWording(t).say(violation)
            }
        }
    }

    /// A capacity as typed back into its field: whole numbers without decimals.
    static func plain(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}
