import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// Every role, in the workshop, in another workshop and at the food bank, walks
/// the workshop's operations through the real server and gets what the
/// module's declared permissions say: 404 to whoever may not know the
/// workshop, 403 to a reader without the right, and no refusal otherwise.
@Suite struct RoleWalkTests {
    @Test func everyRoleGetsWhatTheDeclaredPermissionsSayInItsOwnWorkshopAndInAnother() async throws {
        let world = try await WorkshopWorld.make()
        let otherWorkshop = try await world.fixtures.organisation("Autre atelier", .processingWorkshop)
        let today = CalendarDate(world.test.clock.now(), in: TimeZone(identifier: "Europe/Paris")!)
        let walk = try await RoleWalk(
            world.fixtures,
            places: [("the workshop", world.workshop), ("another workshop", otherWorkshop), ("the food bank", world.bank)])
        let base = world.base
        let steps: [(RoleWalk.Step, Permission)] = [
            (.init(.get, "\(base)/intakes"), MicroTransformPermissions.readWorkshop),
            (.init(.get, "\(base)/plan"), MicroTransformPermissions.readWorkshop),
            (.init(.get, "\(base)/recipes"), MicroTransformPermissions.readWorkshop),
            (.init(.get, "\(base)/closures"), MicroTransformPermissions.readWorkshop),
            (.init(.get, "\(base)/output-lots"), MicroTransformPermissions.readWorkshop),
            (.init(.get, "\(base)/reports"), MicroTransformPermissions.readWorkshop),
            (
                .init(.post, "\(base)/closures", body: #"{"day": "\#(today.adding(days: 20))", "reason": "inventaire"}"#),
                MicroTransformPermissions.manageWorkshop
            ),
            (.init(.post, "\(base)/plan", body: #"{"days": 3}"#), MicroTransformPermissions.planBatches),
        ]
        try await withAPI(world.test.kernel) { client throws in
            try await walk.walk(steps.map(\.0), on: client) { index, caller in
                // 404 to whoever may not know the workshop, 403 to a reader without the right.
                guard MicroTransformPermissions.readWorkshop.isHeld(by: caller, in: world.workshop.id) else { return .notFound }
                return steps[index].1.isHeld(by: caller, in: world.workshop.id) ? nil : .forbidden
            }
        }
    }

    /// Cells stated by hand, so that the walk cannot agree with a wrong declaration.
    @Test func aWorkshopIsRunByItsOwnPeopleAndReadByTheFoodBank() {
        let workshop = UUID()
        let bank = UUID()
        let bankAdmin = CollectoKernel.Caller(userID: UUID(), email: "a@b.test", roles: [bank: .admin], operatorOrganisations: [bank])
        let cook = CollectoKernel.Caller(userID: UUID(), email: "c@w.test", roles: [workshop: .member], operatorOrganisations: [])
        #expect(MicroTransformPermissions.readWorkshop.isHeld(by: bankAdmin, in: workshop))
        #expect(
            !MicroTransformPermissions.planBatches.isHeld(by: bankAdmin, in: workshop),
            "the food bank reads a workshop, it does not plan it")
        #expect(MicroTransformPermissions.runBatches.isHeld(by: cook, in: workshop))
        #expect(!MicroTransformPermissions.planBatches.isHeld(by: cook, in: workshop))
    }
}
