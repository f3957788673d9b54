import CollectoKernel
import Foundation
import Hummingbird

/// Equipment partners lend each other (a chest freezer, a pallet truck, a
/// van's cold box): what there is and when it is booked, a booking for the
/// partner (never over another), cancelling its own, and declaring a piece of
/// its own for the others.
struct EquipmentPages {
    let sharing: SharingUseCases
    let timeZone: TimeZone

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/equipment") { request in try await show(request) }
        pages.post("/foodaid/equipment") { request in try await declare(request) }
        pages.post("/foodaid/equipment/:id/book") { request in try await book(request, equipment: try request.uuid("id")) }
        pages.post("/foodaid/equipment/:id/bookings/:booking/cancel") { request in
            let (caller, _) = try SharingPages.partner(request)
            _ = try await sharing.cancelBooking(try request.uuid("booking"), of: try request.uuid("id"), reason: nil, by: caller)
            return .redirect("/foodaid/equipment", notice: "foodaid_equipment_cancelled")
        }
        return pages
    }

    struct DeclareForm: Decodable {
        var name: String?
        var kind: String?
    }

    struct BookForm: Decodable {
        var startsAt: String?
        var endsAt: String?
    }

    struct Model: Sendable {
        struct Booking: Sendable {
            let when: String
            let ours: Bool
            let cancelPath: String?
            let idempotency: String
        }
        struct Item: Sendable {
            let id: String
            let name: String
            let kind: String
            let ours: Bool
            let bookings: [Booking]
            let bookPath: String
            let startsAt: String
            let endsAt: String
            let error: String?
            let idempotency: String
        }
        let items: [Item]
        let empty: Bool
        let canDeclare: Bool
        /// The caller may book for the partner (not a read-only member).
        let canBook: Bool
        let typed: [String: String]
        let declareError: String?
        let idempotency: String
    }

    func show(
        _ request: WebRequest, failed: UUID? = nil, typedBooking: BookForm? = nil, bookingError: String? = nil,
        typed: DeclareForm? = nil, declareError: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let (caller, partner) = try SharingPages.partner(request)
        let t = request.texts
        let now = sharing.units.clock.now()
        let canBook = FoodAidPermissions.bookEquipment.isHeld(by: caller, in: partner)
        let canDeclare = FoodAidPermissions.declareEquipment.isHeld(by: caller, in: partner)
        var items: [Model.Item] = []
        for item in try await sharing.equipment(page: PageRequest(limit: 200), by: caller).items {
            let id = item.id.uuidString.lowercased()
            let bookings = try await sharing.bookings(of: item.id, by: caller)
                .filter { $0.endsAt > now && $0.status == "booked" }.sorted { $0.startsAt < $1.startsAt }
            let mine = failed == item.id
            items.append(
                Model.Item(
                    id: id, name: item.name, kind: item.kind, ours: item.ownerId == partner,
                    bookings: bookings.map { booking in
                        let ours = booking.borrowerId == partner
                        return Model.Booking(
                            when: t(
                                "foodaid_equipment_from_until", ["from": t.instant(booking.startsAt), "until": t.instant(booking.endsAt)]),
                            ours: ours,
                            cancelPath: (ours && canBook) || (item.ownerId == partner && canDeclare)
                                ? "/foodaid/equipment/\(id)/bookings/\(booking.id.uuidString.lowercased())/cancel" : nil,
                            idempotency: request.idempotencyKey())
                    },
                    bookPath: "/foodaid/equipment/\(id)/book", startsAt: mine ? typedBooking?.startsAt ?? "" : "",
                    endsAt: mine ? typedBooking?.endsAt ?? "" : "", error: mine ? bookingError : nil, idempotency: request.idempotencyKey())
            )
        }
        let model = Model(
            items: items, empty: items.isEmpty, canDeclare: canDeclare, canBook: canBook,
            typed: ["name": typed?.name ?? "", "kind": typed?.kind ?? ""], declareError: declareError, idempotency: request.idempotencyKey()
        )
        return .page("foodaid-equipment", title: t("foodaid_equipment_title"), model: model, status: status)
    }

    func instant(_ text: String?) -> Date? { WebRequest.instant(fromLocal: text, in: timeZone) }

    func book(_ request: WebRequest, equipment: UUID) async throws -> WebAnswer {
        let (caller, partner) = try SharingPages.partner(request)
        let form = try request.form(BookForm.self)
        guard let starts = instant(form.startsAt), let ends = instant(form.endsAt) else {
            return try await show(
                request, failed: equipment, typedBooking: form, bookingError: request.texts("foodaid_equipment_bad_time"),
                status: .unprocessableContent)
        }
        do {
            _ = try await sharing.book(equipment, EquipmentBooking.Input(borrowerId: partner, startsAt: starts, endsAt: ends), by: caller)
            return .redirect("/foodaid/equipment", notice: "foodaid_equipment_booked")
        } catch let error as any DomainError where error.code != "forbidden" && error.code != "not_found" {
            return try await show(
                request, failed: equipment, typedBooking: form, bookingError: request.say(error), status: APIError(error).status)
        }
    }

    func declare(_ request: WebRequest) async throws -> WebAnswer {
        let (caller, partner) = try SharingPages.partner(request)
        let form = try request.form(DeclareForm.self)
        do {
            _ = try await sharing.declareEquipment(
                Equipment.Input(
                    ownerId: partner, name: (form.name ?? "").trimmingCharacters(in: .whitespaces),
                    kind: (form.kind ?? "").trimmingCharacters(in: .whitespaces), siteId: nil), by: caller)
            return .redirect("/foodaid/equipment", notice: "foodaid_equipment_declared")
        } catch let error as any DomainError where error.code != "forbidden" {
            return try await show(request, typed: form, declareError: request.say(error), status: .unprocessableContent)
        }
    }
}
