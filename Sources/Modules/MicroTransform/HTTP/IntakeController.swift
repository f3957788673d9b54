import CollectoKernel
import Foundation
import Hummingbird

/// Produce offered to the workshop, its decisions and weigh-ins, and the input lots.
struct IntakeController {
    struct Refusal: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case reason }
        var reason: String
    }

    struct WeighIn: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case kg }
        static let ranges: [FieldRange] = [.kilograms("kg", 0.001...20_000)]
        var kg: Double
    }

    let units: UnitOfWorkRunner
    let tasks: TaskService
    let timeZone: TimeZone

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "microtransform")
        let service = IntakeService(tasks: tasks, timeZone: timeZone)
        endpoints.get("workshops", summary: "Workshops the caller may see") { _, context in
            let caller = context.caller
            return try await units.read { db in
                try await db.query("SELECT * FROM microtransform_workshops ORDER BY organisation_id").map {
                    Workshop(organisationId: try $0.uuid("organisation_id"), siteId: try $0.uuid("site_id"))
                }.filter { caller.canRead($0.organisationId) }
            }
        }
        endpoints.get(
            "workshops/{workshopId}/intakes", summary: "Produce offered to the workshop (by status)", query: ["status", "limit", "offset"]
        ) { request, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireReader(workshop, context.caller)
            let page = try request.page()
            let status = try request.query("status", IntakeStatus.init(rawValue:))
            return try await units.read { db in try await IntakeService.list(workshop: workshop, status: status, page: page, in: db) }
        }
        endpoints.post(
            "workshops/{workshopId}/intakes", summary: "Declare produce brought by a farm or a market", body: IntakeService.Declaration.self
        ) { request, context in
            let workshopID = try context.uuid("workshopId")
            let declaration = try await request.decodeJSON(IntakeService.Declaration.self, context: context)
            let caller = context.caller
            return try await units.write(by: caller) { tx in
                let workshop = try await Workshop.get(workshopID, in: tx)
                let site = try await SiteService().get(declaration.sourceSiteId, in: tx)
                let isManager = [Role.admin, .coordinator].contains(caller.role(in: workshopID))
                let isProducer = site.map { [Role.admin, .coordinator, .member].contains(caller.role(in: $0.organisationId)) } ?? false
                try caller.require(isManager || isProducer, "only the workshop's managers or the producing site's people declare produce")
                let intake = try await service.declare(declaration, workshop: workshop, in: tx)
                try await tx.audit("declare", entity: "microtransform.intake", id: intake.id.uuidString, organisation: workshopID)
                return intake
            }
        }
        endpoints.post(
            "intakes/{id}/accept", summary: "Accept produce (a chilled trip in unless on site)", status: .ok,
            body: IntakeService.Acceptance.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let acceptance = try await request.decodeJSON(IntakeService.Acceptance.self, context: context)
            return try await units.write(by: context.caller) { tx in
                let intake = try await IntakeService.load(id, in: tx)
                try WorkshopAccess.requireManager(intake.workshopId, context.caller)
                let accepted = try await service.accept(id, acceptance, in: tx)
                try await tx.audit("accept", entity: "microtransform.intake", id: id.uuidString, organisation: intake.workshopId)
                return accepted
            }
        }
        endpoints.post("intakes/{id}/refuse", summary: "Refuse produce, saying why", status: .ok, body: Refusal.self) { request, context in
            let id = try context.uuid("id")
            let refusal = try await request.decodeJSON(Refusal.self, context: context)
            return try await units.write(by: context.caller) { tx in
                let intake = try await IntakeService.load(id, in: tx)
                try WorkshopAccess.requireManager(intake.workshopId, context.caller)
                let refused = try await service.refuse(id, reason: refusal.reason, in: tx)
                try await tx.audit(
                    "refuse", entity: "microtransform.intake", id: id.uuidString, organisation: intake.workshopId, details: refusal.reason)
                return refused
            }
        }
        endpoints.post(
            "intakes/{id}/receive", summary: "Weigh in accepted produce: it becomes an input lot", status: .ok, body: WeighIn.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let weighIn = try await request.decodeJSON(WeighIn.self, context: context)
            return try await units.write(by: context.caller) { tx in
                let intake = try await IntakeService.load(id, in: tx)
                try WorkshopAccess.requireCook(intake.workshopId, context.caller)
                let lot = try await service.receive(id, kg: weighIn.kg, in: tx)
                try await tx.audit("receive", entity: "microtransform.intake", id: id.uuidString, organisation: intake.workshopId)
                return lot
            }
        }
        endpoints.get("workshops/{workshopId}/input-lots", summary: "Input lots (by status)", query: ["status", "limit", "offset"]) {
            request, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireReader(workshop, context.caller)
            let page = try request.page()
            let status = try request.query("status", InputLotStatus.init(rawValue:))
            return try await units.read { db in try await InputLotStore.list(workshop: workshop, status: status, page: page, in: db) }
        }
        return endpoints
    }
}
