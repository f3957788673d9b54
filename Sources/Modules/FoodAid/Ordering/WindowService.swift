import CollectoKernel
import Foundation

/// Opening ordering windows and showing partners what they can order in them.
struct WindowService: Sendable {
    /// What the food bank sends to open a window.
    struct Input: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable {
            case name, warehouseSiteId, opensAt, cutoffAt, deliveryDay, fulfilment, maxKg, maxOrders, partnerIds
        }
        static let ranges: [FieldRange] = [.kilograms("maxKg", 1...1_000_000), .integer("maxOrders", 1...10_000)]
        var name: String
        var warehouseSiteId: UUID
        var opensAt: Date
        var cutoffAt: Date
        var deliveryDay: CalendarDate
        var fulfilment: Fulfilment
        var maxKg: Double?
        var maxOrders: Int?
        var partnerIds: [UUID]?
    }

    /// A catalogue line as a partner sees it in a window.
    struct Offer: Sendable, Codable {
        var product: Product
        var availableUnits: Int
        var quota: Int?
    }

    let timeZone: TimeZone

    func open(_ input: Input, in tx: Transaction) async throws -> OrderingWindow {
        try Validate.nonEmpty(input.name, field: "name", maxLength: 200)
        // A window is opened for orders still to come, by the server's clock.
        guard input.cutoffAt > tx.now else {
            throw KernelError.invalid(field: "cutoffAt", message: "the cut-off \(Instant.format(input.cutoffAt)) has passed")
        }
        guard input.cutoffAt > input.opensAt else {
            throw KernelError.invalid(field: "cutoffAt", message: "the cut-off must come after the opening")
        }
        guard input.deliveryDay >= CalendarDate(input.cutoffAt, in: timeZone) else {
            throw KernelError.invalid(field: "deliveryDay", message: "the delivery day cannot come before the cut-off")
        }
        if let maxKg = input.maxKg { try Validate.range(maxKg, 1...1_000_000, field: "maxKg") }
        if let maxOrders = input.maxOrders { try Validate.range(maxOrders, 1...10_000, field: "maxOrders") }
        guard try await SiteService().get(input.warehouseSiteId, in: tx) != nil else {
            throw KernelError.invalid(field: "warehouseSiteId", message: "no site \(input.warehouseSiteId)")
        }
        for partner in input.partnerIds ?? [] {
            guard let organisation = try await OrganisationService().get(partner, in: tx), organisation.kind == .partnerAssociation else {
                throw KernelError.invalid(field: "partnerIds", message: "\(partner) is not a partner association")
            }
        }
        let window = OrderingWindow(
            id: UUID(), name: input.name, warehouseSiteId: input.warehouseSiteId, opensAt: input.opensAt, cutoffAt: input.cutoffAt,
            deliveryDay: input.deliveryDay, fulfilment: input.fulfilment, maxKg: input.maxKg, maxOrders: input.maxOrders, status: .open,
            partnerIds: Array(Set(input.partnerIds ?? [])).sorted { $0.uuidString < $1.uuidString }, createdAt: tx.now)
        try await OrderStore().insert(window, in: tx)
        return window
    }

    /// Active products with the units still free for the window's day and the partner's quota.
    func offers(for window: OrderingWindow, partner: UUID, stock: StockService, in db: any SQLExecutor) async throws -> [Offer] {
        let products = try await CatalogueService().list(activeOnly: true, category: nil, in: db).items
        let free = try await stock.freeUnits(on: window.deliveryDay, products: products, in: db)
        var quotas: [UUID: Int] = [:]
        for row in try await db.query("SELECT product_id, units_per_window FROM foodaid_quotas WHERE organisation_id = ?", [partner]) {
            quotas[try row.uuid("product_id")] = try row.int("units_per_window")
        }
        return products.map { Offer(product: $0, availableUnits: free[$0.id] ?? 0, quota: quotas[$0.id]) }
    }
}
