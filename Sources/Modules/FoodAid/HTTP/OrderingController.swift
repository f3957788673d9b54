import CollectoKernel
import Foundation
import Hummingbird

/// Ordering windows and partner orders, from draft to receipt.
struct OrderingController {
    let units: UnitOfWorkRunner
    let tasks: TaskService
    let timeZone: TimeZone

    func stock(_ db: any SQLExecutor) async throws -> StockService {
        StockService(rules: try await CategoryRules().shelfLife(in: db))
    }

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.post("windows", summary: "Open an ordering window", body: WindowService.Input.self) { request, context in
            let input = try await request.decodeJSON(WindowService.Input.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let window = try await WindowService(timeZone: timeZone).open(input, in: tx)
                try await tx.audit("open", entity: "foodaid.window", id: window.id.uuidString, organisation: nil, details: window.name)
                return window
            }
        }
        endpoints.get("windows", summary: "Ordering windows (partners: those they may order in)", query: ["limit", "offset"]) {
            request, context in
            let page = try request.page()
            let caller = context.caller
            return try await units.read { db in
                try await OrderStore().windows(in: db).filter { window in
                    caller.seesEverything || caller.roles.keys.contains(where: window.admits)
                }
            }.paged(page)
        }
        endpoints.get(
            "windows/{id}/catalogue", summary: "What a partner can order in a window, with units available", query: ["organisationId"]
        ) {
            request, context in
            let id = try context.uuid("id")
            guard let partner = try request.query("organisationId", { UUID(uuidString: $0) }) else {
                throw KernelError.invalid(field: "organisationId", message: "say which partner is ordering")
            }
            guard context.caller.canRead(partner) else { throw KernelError.notFound(entity: "ordering window", id: id.uuidString) }
            return try await units.read { db in
                guard let window = try await OrderStore().window(id, in: db), window.admits(partner) else {
                    throw KernelError.notFound(entity: "ordering window", id: id.uuidString)
                }
                return try await WindowService(timeZone: timeZone).offers(for: window, partner: partner, stock: try await stock(db), in: db)
            }
        }
        endpoints.put("windows/{id}/order", summary: "Create or replace a partner's draft order in a window", body: OrderService.Draft.self)
        {
            request, context in
            let id = try context.uuid("id")
            let draft = try await request.decodeJSON(OrderService.Draft.self, context: context)
            guard FoodAidAccess.mayOrder(for: draft.organisationId, context.caller) else {
                throw KernelError.forbidden("you cannot order for this organisation")
            }
            return try await units.write(by: context.caller) { tx in
                let order = try await OrderService().saveDraft(draft, window: id, in: tx)
                try await tx.audit("save_draft", entity: "foodaid.order", id: order.id.uuidString, organisation: order.organisationId)
                return order
            }
        }
        endpoints.post("windows/{id}/allocate", summary: "Run fair allocation after the cut-off and reserve stock (FEFO)", status: .ok) {
            _, context in
            let id = try context.uuid("id")
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let orders = try await AllocationService(stock: try await stock(tx)).allocate(window: id, in: tx)
                try await tx.audit(
                    "allocate", entity: "foodaid.window", id: id.uuidString, organisation: nil, details: "\(orders.count) order(s)")
                return orders
            }
        }
        endpoints.get(
            "orders", summary: "Orders, newest first (partners: their own; ?windowId=&status=&organisationId=)",
            query: ["limit", "offset", "windowId", "status", "organisationId"]
        ) { request, context in
            let window = try request.query("windowId") { UUID(uuidString: $0) }
            let status = try request.query("status") { OrderStatus(rawValue: $0) }
            let organisation = try request.query("organisationId") { UUID(uuidString: $0) }
            let page = try request.page()
            let visible = context.caller.readableOrganisations
            let readable = organisation.map { (visible ?? [$0]).intersection([$0]) } ?? visible
            return try await units.read { db in
                try await OrderStore().orders(window: window, organisations: readable, status: status, page: page, in: db)
            }
        }
        endpoints.get("orders/{id}", summary: "One order with its lines") { _, context in
            let id = try context.uuid("id")
            let order = try await units.read { db in try await FulfilmentService.loadOrder(id, in: db) }
            try FoodAidAccess.requireOrderAccess(order, context.caller)
            return order
        }
        for (action, summary) in [("submit", "Submit a draft before the cut-off"), ("cancel", "Cancel an order before the cut-off")] {
            endpoints.post("orders/{id}/\(action)", summary: summary, status: .ok) { _, context in
                let id = try context.uuid("id")
                let caller = context.caller
                return try await units.write(by: caller) { tx in
                    let order = try await FulfilmentService.loadOrder(id, in: tx)
                    try FoodAidAccess.requireOrderAccess(order, caller)
                    guard FoodAidAccess.mayOrder(for: order.organisationId, caller) else {
                        throw KernelError.forbidden("you cannot change this order")
                    }
                    let service = OrderService()
                    let changed = action == "submit" ? try await service.submit(id, in: tx) : try await service.cancel(id, in: tx)
                    try await tx.audit(action, entity: "foodaid.order", id: id.uuidString, organisation: order.organisationId)
                    return changed
                }
            }
        }
        addFulfilment(to: endpoints)
        return endpoints
    }
}
