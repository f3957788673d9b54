import CollectoKernel
import Foundation
import Mustache

/// The printable delivery note of an order: what left the warehouse, lot by
/// lot with dates and weights, for the partner to check and sign.
struct DeliveryNote: Sendable {
    /// The values the template shows.
    struct Content: Sendable {
        var foodBank: String
        var partner: String
        var address: String
        var orderId: String
        var windowName: String
        var deliveryDay: String
        var fulfilment: String
        var status: String
        var lines: [[String: String]]
        var totalUnits: Int
        var totalKg: String
        var printedAt: String

        var dictionary: [String: Any] {
            [
                "foodBank": foodBank, "partner": partner, "address": address, "orderId": orderId, "windowName": windowName,
                "deliveryDay": deliveryDay, "fulfilment": fulfilment, "status": status, "lines": lines, "hasLines": !lines.isEmpty,
                "totalUnits": String(totalUnits), "totalKg": totalKg, "printedAt": printedAt,
            ]
        }
    }

    /// Parsed once; a broken template fails the first render loudly in tests.
    static let template: MustacheTemplate = {
        do { return try MustacheTemplate(string: DeliveryNoteTemplate.html) } catch { fatalError("delivery note template: \(error)") }
    }()

    let fulfilment: FulfilmentService

    func render(_ order: PartnerOrder, now: Date, timeZone: TimeZone, in db: any SQLExecutor) async throws -> String {
        guard let window = try await OrderStore().window(order.windowId, in: db),
            let partner = try await OrganisationService().get(order.organisationId, in: db),
            let warehouse = try await SiteService().get(window.warehouseSiteId, in: db),
            let bank = try await OrganisationService().get(warehouse.organisationId, in: db)
        else { throw KernelError.notFound(entity: "order", id: order.id.uuidString) }
        let site = try await order.deliverySiteId.asyncMap { try await SiteService().get($0, in: db) } ?? nil
        var lines: [[String: String]] = []
        var units = 0
        var kg = 0.0
        let picks = try await fulfilment.shippedOrReserved(order.id, on: window.deliveryDay, in: db)
        for pick in picks {
            units += pick.units
            kg += pick.kg
            lines.append([
                "product": pick.productName, "lot": String(pick.lotId.uuidString.prefix(8)).lowercased(),
                "date": pick.useBy.map { "use by \($0)" } ?? pick.bestBefore.map { "best before \($0)" } ?? "",
                "label": pick.pastBestBefore ? "past best-before date" : "", "units": String(pick.units),
                "kg": String(format: "%.3f", pick.kg),
            ])
        }
        let content = Content(
            foodBank: bank.name, partner: partner.name,
            address: site.map {
                [$0.name, $0.address, [$0.postcode, $0.city].compactMap { $0 }.joined(separator: " ")].joined(separator: ", ")
            } ?? "",
            orderId: order.id.uuidString.lowercased(), windowName: window.name, deliveryDay: window.deliveryDay.description,
            fulfilment: window.fulfilment == .delivery ? "Delivery" : "Collection at the warehouse", status: order.status.rawValue,
            lines: lines, totalUnits: units, totalKg: String(format: "%.3f", kg),
            printedAt: now.formatted(Date.ISO8601FormatStyle(timeZone: timeZone)))
        return Self.template.render(content.dictionary)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
