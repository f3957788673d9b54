import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// A second `processing_workshop` organisation beside the world's Atelier, in
/// Nantes, with its kitchen, another site of its own, and its admin,
/// coordinator and member — not yet registered as a workshop: the
/// registration and isolation tests set it up through the API alone.
struct SecondWorkshop {
    typealias Login = WorkshopWorld.Login
    let world: WorkshopWorld
    let organisation: Organisation
    let kitchen: Site
    let annex: Site
    let admin: Login
    let coordinator: Login
    let member: Login

    static func make() async throws -> SecondWorkshop {
        let world = try await WorkshopWorld.make()
        // A minute after the Atelier was registered, so that the order of registration shows.
        world.test.clock.advance(by: 60)
        let fixtures = world.fixtures
        let organisation = try await fixtures.organisation("Conserverie", .processingWorkshop)
        return SecondWorkshop(
            world: world, organisation: organisation,
            kitchen: try await fixtures.site(of: organisation.id, name: "Cuisine de Nantes", latitude: 47.22, longitude: -1.55),
            annex: try await fixtures.site(of: organisation.id, name: "Annexe", latitude: 47.25, longitude: -1.5),
            admin: try await fixtures.logIn("admin@conserverie.test", role: .admin, in: organisation.id),
            coordinator: try await fixtures.logIn("coord@conserverie.test", role: .coordinator, in: organisation.id),
            member: try await fixtures.logIn("member@conserverie.test", role: .member, in: organisation.id))
    }

    static let workshops = "/api/v1/microtransform/workshops"
    var base: String { "\(Self.workshops)/\(organisation.id)" }

    struct Registration: Encodable {
        let organisationId: UUID
        let siteId: UUID
        var dailyCapacityKg: Double? = nil
    }

    /// `POST /workshops` for this organisation (or another), as `token`.
    func register(
        _ client: any TestClientProtocol, by token: String, organisation: UUID? = nil, site: UUID? = nil, capacity: Double? = nil
    ) async throws -> TestResponse {
        try await client.json(
            .post, Self.workshops, token: token,
            body: Registration(organisationId: organisation ?? self.organisation.id, siteId: site ?? kitchen.id, dailyCapacityKg: capacity))
    }

    /// Registered by its admin, then equipped by its coordinator as the world's workshop is.
    func setUp(_ client: any TestClientProtocol) async throws {
        let registered = try await register(client, by: admin.token)
        try #require(registered.status == .created, "\(registered.text)")
        try await world.equip(client, workshop: organisation.id, by: coordinator.token)
    }

    /// Produce declared at a workshop's own kitchen by its manager, accepted and weighed in by hand: an available input lot
    /// (the declared intake is answered).
    static func bringIn(
        _ client: any TestClientProtocol, _ productName: String, kg: Double, at workshop: UUID, kitchen: UUID, spoilDate: CalendarDate,
        by token: String
    ) async throws -> Intake {
        struct Declaration: Encodable { let sourceSiteId: UUID; let productName: String; let kg: Double; let spoilDate: CalendarDate }
        let declared = try await client.json(
            .post, "\(workshops)/\(workshop)/intakes", token: token,
            body: Declaration(sourceSiteId: kitchen, productName: productName, kg: kg, spoilDate: spoilDate))
        try #require(declared.status == .created, "\(declared.text)")
        let intake = try declared.decode(Intake.self)
        let accepted = try await client.json(.post, "/api/v1/microtransform/intakes/\(intake.id)/accept", token: token, raw: "{}")
        try #require(accepted.status == .ok, "\(accepted.text)")
        let weighed = try await client.json(
            .post, "/api/v1/microtransform/intakes/\(intake.id)/receive", token: token, body: WorkshopCircuit.WeighIn(kg: kg))
        try #require(weighed.status == .ok, "\(weighed.text)")
        return intake
    }
}
