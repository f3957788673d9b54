import CollectoKernel
import Foundation
import Hummingbird

/// Ordering windows and partner orders over HTTP, from draft to receipt.
struct OrderingController {
    let ordering: OrderingUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.post("windows", summary: "Open an ordering window", body: WindowService.Input.self) { request, context in
            try await ordering.openWindow(try await request.decodeJSON(WindowService.Input.self, context: context), by: context.caller)
        }
        endpoints.get("windows", summary: "Ordering windows (partners: those they may order in)", query: APIParameter.page) {
            request, context in
            try await ordering.windows(page: try request.page(), by: context.caller)
        }
        endpoints.get(
            "windows/{id}/catalogue", summary: "What a partner can order in a window, with units available",
            query: [.uuid("organisationId")]
        ) {
            request, context in
            let id = try context.uuid("id")
            guard let partner = try request.query("organisationId", { UUID(uuidString: $0) }) else {
                throw KernelError.invalid(field: "organisationId", message: "say which partner is ordering")
            }
            return try await ordering.windowCatalogue(id, partner: partner, by: context.caller)
        }
        endpoints.put("windows/{id}/order", summary: "Create or replace a partner's draft order in a window", body: OrderService.Draft.self)
        {
            request, context in
            let id = try context.uuid("id")
            let draft = try await request.decodeJSON(OrderService.Draft.self, context: context)
            return try await ordering.saveDraft(draft, window: id, by: context.caller)
        }
        endpoints.post("windows/{id}/allocate", summary: "Run fair allocation after the cut-off and reserve stock (FEFO)", status: .ok) {
            _, context in
            try await ordering.allocate(window: try context.uuid("id"), by: context.caller)
        }
        endpoints.get(
            "orders", summary: "Orders, newest first (partners: their own; ?windowId=&status=&organisationId=)",
            query: APIParameter.page + [.uuid("windowId"), .oneOf("status", OrderStatus.self), .uuid("organisationId")]
        ) { request, context in
            let window = try request.query("windowId") { UUID(uuidString: $0) }
            let status = try request.query("status") { OrderStatus(rawValue: $0) }
            let organisation = try request.query("organisationId") { UUID(uuidString: $0) }
            return try await ordering.orders(
                window: window, status: status, organisation: organisation, page: try request.page(), by: context.caller)
        }
        endpoints.get("orders/{id}", summary: "One order with its lines") { _, context in
            try await ordering.order(try context.uuid("id"), by: context.caller)
        }
        endpoints.post("orders/{id}/submit", summary: "Submit a draft before the cut-off", status: .ok) { _, context in
            try await ordering.submit(try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "orders/{id}/cancel",
            summary: "Cancel an order: a partner before the cut-off (body optional), food-bank staff after it with a reason",
            status: .ok, body: OrderService.Cancellation.self, bodyOptional: true
        ) { request, context in
            let id = try context.uuid("id")
            let cancellation = try await request.decodeJSONIfPresent(OrderService.Cancellation.self, context: context)
            return try await ordering.cancel(id, reason: cancellation?.reason, by: context.caller)
        }
        addFulfilment(to: endpoints)
        return endpoints
    }
}
