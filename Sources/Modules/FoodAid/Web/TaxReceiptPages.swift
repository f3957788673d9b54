import CollectoKernel
import Foundation
import Hummingbird

/// The food bank's tax receipts: a year's receipts with their donors, issuing
/// them (new donors get one; a donor whose gifts changed gets a correcting
/// receipt that cancels the earlier one), and each one printable.
struct TaxReceiptPages {
    let receipts: TaxReceiptUseCases
    let clock: any WallClock
    let timeZone: TimeZone

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/receipts") { request in try await list(request) }
        pages.post("/foodaid/receipts/issue") { request in
            let form = try request.form(IssueForm.self)
            guard let year = form.year.flatMap(Int.init), (2000...2100).contains(year) else {
                throw KernelError.invalid(field: "year", message: "year from 2000 to 2100")
            }
            let issued = try await receipts.issue(year: year, by: try request.caller)
            return .redirect(
                "/foodaid/receipts?year=\(year)", notice: issued.isEmpty ? "foodaid_receipts_nothing_new" : "foodaid_receipts_issued")
        }
        pages.get("/foodaid/receipts/:id") { request in
            .printable(try await receipts.printable(try request.uuid("id"), by: try request.caller))
        }
        return pages
    }

    struct IssueForm: Decodable {
        var year: String?
    }

    struct Model: Sendable {
        struct Receipt: Sendable {
            let reference: String
            let donor: String
            let issued: String
            let kg: String
            let value: String
            let path: String
            let cancelled: Bool
            let cancels: String?
        }
        let year: String
        let previousYear: String
        let nextYear: String?
        let receipts: [Receipt]
        let empty: Bool
        let liveCount: String
        let totalKg: String
        let totalValue: String
        let idempotency: String
    }

    func list(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        guard caller.managesEverything else { throw KernelError.forbidden("the food bank's coordinators issue tax receipts") }
        let t = request.texts
        let thisYear = CalendarDate(clock.now(), in: timeZone).year
        let year = request.query("year").flatMap(Int.init) ?? thisYear
        guard (2000...2100).contains(year) else { throw KernelError.invalid(field: "year", message: "year from 2000 to 2100") }
        let found = try await receipts.receipts(year: year, donor: nil, page: PageRequest(limit: 2000), by: caller).items
        let donors = try await OrganisationUseCases(units: receipts.units).names(of: found.map(\.donorId), by: caller)
        let references = Dictionary(found.map { ($0.id, $0.reference) }, uniquingKeysWith: { first, _ in first })
        let live = found.filter { $0.cancelledById == nil }
        let model = Model(
            year: String(year), previousYear: String(year - 1), nextYear: year < thisYear ? String(year + 1) : nil,
            receipts: found.sorted { $0.number > $1.number }.map {
                Model.Receipt(
                    reference: $0.reference, donor: donors[$0.donorId] ?? "", issued: t.instant($0.issuedAt), kg: t.kg($0.totalKg),
                    value: t.euros($0.totalValue), path: "/foodaid/receipts/\($0.id.uuidString.lowercased())",
                    cancelled: $0.cancelledById != nil, cancels: $0.cancelsId.flatMap { references[$0] })
            },
            empty: found.isEmpty, liveCount: t.count(live.count), totalKg: t.kg(live.reduce(0) { $0 + $1.totalKg }),
            totalValue: t.euros(live.reduce(0) { $0 + $1.totalValue }), idempotency: request.idempotencyKey())
        return .page("foodaid-receipts", title: t("foodaid_receipts_staff_title", ["year": String(year)]), model: model)
    }
}

/// A donor's tax receipts: the list, and each one printable.
struct DonorReceiptPages {
    let receipts: TaxReceiptUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/donor/receipts") { request in try await list(request) }
        pages.get("/foodaid/donor/receipts/:id") { request in
            .printable(try await receipts.printable(try request.uuid("id"), by: try request.caller))
        }
        return pages
    }

    struct Model: Sendable {
        struct Receipt: Sendable {
            let reference: String
            let year: String
            let issued: String
            let kg: String
            let value: String
            let path: String
            let cancelled: Bool
        }
        let receipts: [Receipt]
        let empty: Bool
    }

    func list(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        guard let donor = FoodAidWeb.donor(of: caller) else { throw KernelError.forbidden("tax receipts are a donor's") }
        let t = request.texts
        let found = try await receipts.receipts(year: nil, donor: donor, page: PageRequest(limit: 100), by: caller).items
        let model = Model(
            receipts: found.sorted { $0.issuedAt > $1.issuedAt }.map {
                Model.Receipt(
                    reference: $0.reference, year: String($0.year), issued: t.instant($0.issuedAt), kg: t.kg($0.totalKg),
                    value: t.euros($0.totalValue), path: "/foodaid/donor/receipts/\($0.id.uuidString.lowercased())",
                    cancelled: $0.cancelledById != nil)
            },
            empty: found.isEmpty)
        return .page("foodaid-donor-receipts", title: t("foodaid_receipts_title"), model: model)
    }
}
