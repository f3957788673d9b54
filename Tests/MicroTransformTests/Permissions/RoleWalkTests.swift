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
    struct Operation {
        let method: HTTPRequest.Method
        let path: String
        var body: String? = nil
        let permission: Permission
    }

    func expectedRefusal(_ operation: Operation, for caller: CollectoKernel.Caller, workshop: UUID) -> HTTPResponse.Status? {
        guard MicroTransformPermissions.readWorkshop.isHeld(by: caller, in: workshop) else { return .notFound }
        return operation.permission.isHeld(by: caller, in: workshop) ? nil : .forbidden
    }

    @Test func everyRoleGetsWhatTheDeclaredPermissionsSayInItsOwnWorkshopAndInAnother() async throws {
        let world = try await WorkshopWorld.make()
        let otherWorkshop = try await world.fixtures.organisation("Autre atelier", .processingWorkshop)
        let today = CalendarDate(world.test.clock.now(), in: TimeZone(identifier: "Europe/Paris")!)
        try await withLiveServer(world.test.kernel) { client throws in
            var callers: [(role: Role, place: String, token: String, caller: CollectoKernel.Caller)] = []
            let places: [(String, Organisation)] = [
                ("the workshop", world.workshop), ("another workshop", otherWorkshop), ("the food bank", world.bank),
            ]
            for (place, organisation) in places {
                for role in Role.allCases {
                    let login = try await world.fixtures.logIn(
                        "\(role.rawValue)@\(place.filter(\.isLetter)).test", role: role, in: organisation.id)
                    let caller = CollectoKernel.Caller(
                        userID: login.user.id, email: login.user.email, roles: [organisation.id: role],
                        operatorOrganisations: organisation.kind == .foodBank ? [organisation.id] : [],
                        organisationKinds: [organisation.id: organisation.kind])
                    callers.append((role, place, login.token, caller))
                }
            }
            let base = world.base
            let operations: [Operation] = [
                .init(method: .get, path: "\(base)/intakes", permission: MicroTransformPermissions.readWorkshop),
                .init(method: .get, path: "\(base)/plan", permission: MicroTransformPermissions.readWorkshop),
                .init(method: .get, path: "\(base)/recipes", permission: MicroTransformPermissions.readWorkshop),
                .init(method: .get, path: "\(base)/closures", permission: MicroTransformPermissions.readWorkshop),
                .init(method: .get, path: "\(base)/output-lots", permission: MicroTransformPermissions.readWorkshop),
                .init(method: .get, path: "\(base)/reports", permission: MicroTransformPermissions.readWorkshop),
                .init(
                    method: .post, path: "\(base)/closures", body: #"{"day": "\#(today.adding(days: 20))", "reason": "inventaire"}"#,
                    permission: MicroTransformPermissions.manageWorkshop),
                .init(method: .post, path: "\(base)/plan", body: #"{"days": 3}"#, permission: MicroTransformPermissions.planBatches),
            ]
            for operation in operations {
                for caller in callers {
                    let who = "\(operation.method) \(operation.path) as \(caller.role.rawValue) of \(caller.place)"
                    let response = try await client.json(operation.method, operation.path, token: caller.token, raw: operation.body)
                    #expect(response.status.code < 500, "\(who): \(response.text)")
                    if let refusal = expectedRefusal(operation, for: caller.caller, workshop: world.workshop.id) {
                        #expect(response.status == refusal, "\(who): \(response.status) \(response.text)")
                    } else {
                        #expect(![.forbidden, .notFound].contains(response.status), "\(who) is refused: \(response.text)")
                    }
                }
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
