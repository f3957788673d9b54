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

    let intake: IntakeUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "microtransform")
        endpoints.get(
            "workshops/{workshopId}/intakes", summary: "Produce offered to the workshop (by status)",
            query: [.oneOf("status", IntakeStatus.self)] + APIParameter.page
        ) { request, context in
            let workshop = try context.uuid("workshopId")
            let page = try request.page()
            let status = try request.query("status", IntakeStatus.init(rawValue:))
            return try await intake.intakes(workshop, status: status, page: page, by: context.caller)
        }
        endpoints.post(
            "workshops/{workshopId}/intakes", summary: "Declare produce brought by a farm or a market", body: IntakeService.Declaration.self
        ) { request, context in
            let workshop = try context.uuid("workshopId")
            let declaration = try await request.decodeJSON(IntakeService.Declaration.self, context: context)
            return try await intake.declare(declaration, at: workshop, by: context.caller)
        }
        endpoints.post(
            "intakes/{id}/accept", summary: "Accept produce (a chilled trip in unless on site)", status: .ok,
            body: IntakeService.Acceptance.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let acceptance = try await request.decodeJSON(IntakeService.Acceptance.self, context: context)
            return try await intake.accept(id, acceptance, by: context.caller)
        }
        endpoints.post("intakes/{id}/refuse", summary: "Refuse produce, saying why", status: .ok, body: Refusal.self) { request, context in
            let id = try context.uuid("id")
            let refusal = try await request.decodeJSON(Refusal.self, context: context)
            return try await intake.refuse(id, reason: refusal.reason, by: context.caller)
        }
        endpoints.post(
            "intakes/{id}/receive", summary: "Weigh in accepted produce: it becomes an input lot", status: .ok, body: WeighIn.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let weighIn = try await request.decodeJSON(WeighIn.self, context: context)
            return try await intake.receive(id, kg: weighIn.kg, by: context.caller)
        }
        endpoints.get(
            "workshops/{workshopId}/input-lots", summary: "Input lots (by status)",
            query: [.oneOf("status", InputLotStatus.self)] + APIParameter.page
        ) {
            request, context in
            let workshop = try context.uuid("workshopId")
            let page = try request.page()
            let status = try request.query("status", InputLotStatus.init(rawValue:))
            return try await intake.inputLots(workshop, status: status, page: page, by: context.caller)
        }
        return endpoints
    }
}
