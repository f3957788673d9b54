import CollectoKernel
import Foundation

/// Ordering's actions: the food bank opens windows, allocates and cancels
/// after the cut-off; a partner's people draft, submit, cancel and read their own orders.
struct OrderingUseCases: Sendable {
    let units: UnitOfWorkRunner
    let tasks: TaskService
    let timeZone: TimeZone
    let clock: any WallClock

    func openWindow(_ input: WindowService.Input, by caller: Caller) async throws -> OrderingWindow {
        try FoodAidPermissions.manageWindows.require(caller)
        let zone = timeZone
        return try await units.write(by: caller) { tx in
            let window = try await WindowService(timeZone: zone).open(input, in: tx)
            try await tx.audit("open", entity: "foodaid.window", id: window.id.uuidString, organisation: nil, details: window.name)
            return window
        }
    }

    /// The windows the caller may see: all for the food bank's staff, those
    /// admitting one of the caller's organisations for everyone else.
    func windows(page: PageRequest, by caller: Caller) async throws -> Page<OrderingWindow> {
        let everything = FoodAidPermissions.readOrders.isHeld(by: caller)
        let own = Array(caller.roles.keys)
        return try await units.read { db in
            try await OrderStore().windows(admitting: everything ? nil : own, page: page, in: db)
        }
    }

    func windowCatalogue(_ id: UUID, partner: UUID, by caller: Caller) async throws -> [WindowService.Offer] {
        try FoodAidPermissions.readOrders.require(caller, in: partner, hiding: "ordering window", id: id)
        let zone = timeZone
        return try await units.read { db in
            guard let window = try await OrderStore().window(id, in: db), window.admits(partner) else {
                throw KernelError.notFound(entity: "ordering window", id: id.uuidString)
            }
            return try await WindowService(timeZone: zone).offers(for: window, partner: partner, stock: try await stock(db), in: db)
        }
    }

    func saveDraft(_ draft: OrderService.Draft, window id: UUID, by caller: Caller) async throws -> PartnerOrder {
        try FoodAidPermissions.placeOrders.require(caller, in: draft.organisationId)
        return try await units.write(by: caller) { tx in
            let order = try await OrderService().saveDraft(draft, window: id, in: tx)
            try await tx.audit("save_draft", entity: "foodaid.order", id: order.id.uuidString, organisation: order.organisationId)
            return order
        }
    }

    func allocate(window id: UUID, by caller: Caller) async throws -> [PartnerOrder] {
        try FoodAidPermissions.manageWindows.require(caller)
        return try await units.write(by: caller) { tx in
            let orders = try await AllocationService(stock: try await stock(tx)).allocate(window: id, in: tx)
            try await tx.audit(
                "allocate", entity: "foodaid.window", id: id.uuidString, organisation: nil, details: "\(orders.count) order(s)")
            return orders
        }
    }

    /// Orders newest first, of the organisations the caller may read.
    func orders(
        window: UUID?, status: OrderStatus?, organisation: UUID?, page: PageRequest, by caller: Caller
    ) async throws -> Page<PartnerOrder> {
        let visible = FoodAidPermissions.readOrders.organisations(heldBy: caller)
        let readable = organisation.map { (visible ?? [$0]).intersection([$0]) } ?? visible
        return try await units.read { db in
            try await OrderStore().orders(window: window, organisations: readable, status: status, page: page, in: db)
        }
    }

    func order(_ id: UUID, by caller: Caller) async throws -> PartnerOrder {
        let order = try await units.read { db in try await FulfilmentService.loadOrder(id, in: db) }
        try FoodAidPermissions.readOrders.require(caller, in: order.organisationId, hiding: "order", id: id)
        return order
    }

    func submit(_ id: UUID, by caller: Caller) async throws -> PartnerOrder {
        try await changeOwnOrder(id, action: "submit", by: caller) { try await OrderService().submit(id, in: $0) }
    }

    /// Cancels an order. A partner's people cancel their own draft or
    /// submitted order before the cut-off, a reason optional. Past that, the
    /// food bank's staff cancel a submitted, allocated or validated order with a
    /// reason, and the units it holds go back to stock; anyone else gets
    /// today's refusal (`after_cutoff`, `order_not_cancellable`). Audited with the reason.
    func cancel(_ id: UUID, reason: String?, by caller: Caller) async throws -> PartnerOrder {
        try await units.write(by: caller) { tx in
            let order = try await FulfilmentService.loadOrder(id, in: tx)
            try FoodAidPermissions.readOrders.require(caller, in: order.organisationId, hiding: "order", id: id)
            let orders = OrderService()
            let late = try await orders.partnerMayCancel(order, in: tx, at: tx.now) == false
            let cancelled: PartnerOrder
            if late && FoodAidPermissions.cancelOrdersAfterCutoff.isHeld(by: caller) {
                cancelled = try await orders.cancelAfterCutoff(id, reason: reason, stock: try await stock(tx), in: tx)
            } else {
                try FoodAidPermissions.placeOrders.require(caller, in: order.organisationId)
                if let reason { try Validate.nonEmpty(reason, field: "reason", maxLength: 500) }
                cancelled = try await orders.cancel(id, in: tx)
            }
            let why = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            try await tx.audit(
                "cancel", entity: "foodaid.order", id: id.uuidString, organisation: order.organisationId,
                details: late ? "after the cut-off: \(why ?? "")" : why)
            return cancelled
        }
    }

    /// A change a partner's people make to their own order: 404 to whoever may
    /// not read it, 403 to a reader who may not order.
    private func changeOwnOrder(
        _ id: UUID, action: String, by caller: Caller, _ change: @escaping @Sendable (Transaction) async throws -> PartnerOrder
    ) async throws -> PartnerOrder {
        try await units.write(by: caller) { tx in
            let order = try await FulfilmentService.loadOrder(id, in: tx)
            try FoodAidPermissions.readOrders.require(caller, in: order.organisationId, hiding: "order", id: id)
            try FoodAidPermissions.placeOrders.require(caller, in: order.organisationId)
            let changed = try await change(tx)
            try await tx.audit(action, entity: "foodaid.order", id: id.uuidString, organisation: order.organisationId)
            return changed
        }
    }

    func stock(_ db: any SQLExecutor) async throws -> StockService {
        StockService(rules: try await CategoryRules().shelfLife(in: db))
    }

    func fulfilment(_ db: any SQLExecutor) async throws -> FulfilmentService {
        FulfilmentService(stock: try await stock(db), tasks: tasks, timeZone: timeZone)
    }
}
