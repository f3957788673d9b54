import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FoodAid

/// Every role, in the partner that owns the data, in another partner and at the
/// food bank, walks FoodAid's operations on one partner's data through the real
/// server. Each answer must be the one the module's declared permissions give:
/// a refusal (404 to whoever may not even read the partner's data, 403 to a
/// reader without the right) exactly when the permission is not held.
@Suite struct RoleWalkTests {
    /// One operation on partner A's data and the permissions that guard it, in the order the action asks them.
    struct Operation {
        let method: HTTPRequest.Method
        let path: String
        var body: String? = nil
        /// A permission whose refusal hides the data (404) from whoever cannot read it.
        var hiding: Permission? = nil
        let permission: Permission
    }

    /// What the declared permissions say the caller gets: nil for "not refused".
    func expectedRefusal(_ operation: Operation, for caller: CollectoKernel.Caller, partner: UUID) -> HTTPResponse.Status? {
        if let hiding = operation.hiding, !hiding.isHeld(by: caller, in: partner) {
            return caller.canRead(partner) ? .forbidden : .notFound
        }
        guard operation.permission.isHeld(by: caller, in: partner) else {
            return operation.hiding == nil || caller.canRead(partner) ? .forbidden : .notFound
        }
        return nil
    }

    @Test func everyRoleGetsWhatTheDeclaredPermissionsSayOnItsOwnPartnersDataAndOnAnothers() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        let (partnerA, partnerB) = (world.partners[0].organisation, world.partners[1].organisation)
        try await withAPI(world.test.kernel) { client throws in
            let flour = try await world.product(client, .init(code: "FLOUR", name: "Farine 1 kg", category: "dry_grocery", unitWeightKg: 1))
            _ = try await world.receive(client, flour, 100, bestBefore: world.today.adding(days: 200))
            let window = try await world.window(client)
            let draft = #"{"organisationId": "\#(partnerA.id)", "lines": [{"productId": "\#(flour.id)", "quantity": 2}]}"#
            let saved = try await client.json(
                .put, "/api/v1/foodaid/windows/\(window.id)/order", token: world.partners[0].member.token, raw: draft)
            let order = try saved.decode(FoodAidWorld.OrderView.self)

            let walk = try await RoleWalk(
                world.fixtures, places: [("partner A", partnerA), ("partner B", partnerB), ("the food bank", world.bank)])
            let base = "/api/v1/foodaid"
            let operations: [Operation] = [
                .init(
                    method: .get, path: "\(base)/partners/\(partnerA.id)/profile", hiding: FoodAidPermissions.readPartnerProfile,
                    permission: FoodAidPermissions.readPartnerProfile),
                .init(
                    method: .put, path: "\(base)/partners/\(partnerA.id)/profile", body: #"{"households": 10, "beneficiaries": 20}"#,
                    permission: FoodAidPermissions.editPartnerProfile),
                .init(
                    method: .get, path: "\(base)/partners/\(partnerA.id)/deliveries", hiding: FoodAidPermissions.readPartnerProfile,
                    permission: FoodAidPermissions.readPartnerProfile),
                .init(
                    method: .get, path: "\(base)/partners/\(partnerA.id)/statements/2026-11", hiding: FoodAidPermissions.readStatements,
                    permission: FoodAidPermissions.readStatements),
                .init(
                    method: .get, path: "\(base)/orders/\(order.id)", hiding: FoodAidPermissions.readOrders,
                    permission: FoodAidPermissions.readOrders),
                .init(
                    method: .get, path: "\(base)/orders/\(order.id)/delivery-note", hiding: FoodAidPermissions.readOrders,
                    permission: FoodAidPermissions.readOrders),
                .init(
                    method: .get, path: "\(base)/windows/\(window.id)/catalogue?organisationId=\(partnerA.id)",
                    hiding: FoodAidPermissions.readOrders, permission: FoodAidPermissions.readOrders),
                .init(method: .put, path: "\(base)/windows/\(window.id)/order", body: draft, permission: FoodAidPermissions.placeOrders),
                .init(
                    method: .post, path: "\(base)/orders/\(order.id)/submit", hiding: FoodAidPermissions.readOrders,
                    permission: FoodAidPermissions.placeOrders),
                .init(method: .get, path: "\(base)/orders/\(order.id)/picking-list", permission: FoodAidPermissions.fulfilOrders),
                .init(method: .post, path: "\(base)/orders/\(order.id)/validate", permission: FoodAidPermissions.fulfilOrders),
                .init(method: .post, path: "\(base)/windows/\(window.id)/allocate", permission: FoodAidPermissions.manageWindows),
                .init(method: .get, path: "\(base)/lots", permission: FoodAidPermissions.manageStock),
                .init(
                    method: .post, path: "\(base)/parcel-requests",
                    body:
                        #"{"referrerId": "\#(partnerA.id)", "householdSize": 3, "parcels": 1, "neededBy": "\#(world.today.adding(days: 3))"}"#,
                    permission: FoodAidPermissions.requestParcels),
                .init(
                    method: .post, path: "\(base)/equipment", body: #"{"ownerId": "\#(partnerA.id)", "name": "Diable", "kind": "trolley"}"#,
                    permission: FoodAidPermissions.declareEquipment),
                .init(method: .get, path: "\(base)/reports/supply?month=2026-11", permission: FoodAidPermissions.readSupplyReport),
            ]
            try await walk.walk(operations.map { RoleWalk.Step($0.method, $0.path, body: $0.body) }, on: client) { index, caller in
                expectedRefusal(operations[index], for: caller, partner: partnerA.id)
            }
        }
    }

    /// A few cells of the matrix stated by hand, so that the walk cannot agree with a wrong declaration.
    @Test func theRulesAPartnerReliesOnReadAsTheyShould() {
        let partner = UUID()
        let bank = UUID()
        func caller(_ role: Role, in organisation: UUID) -> CollectoKernel.Caller {
            .init(
                userID: UUID(), email: "x@y.test", roles: [organisation: role],
                operatorOrganisations: organisation == bank ? [bank] : [])
        }
        #expect(FoodAidPermissions.placeOrders.isHeld(by: caller(.member, in: partner), in: partner))
        #expect(!FoodAidPermissions.placeOrders.isHeld(by: caller(.readOnly, in: partner), in: partner))
        #expect(
            !FoodAidPermissions.placeOrders.isHeld(by: caller(.admin, in: UUID()), in: partner), "another partner never orders for this one"
        )
        #expect(FoodAidPermissions.placeOrders.isHeld(by: caller(.coordinator, in: bank), in: partner))
        #expect(!FoodAidPermissions.placeOrders.isHeld(by: caller(.member, in: bank), in: partner))
        #expect(!FoodAidPermissions.readOrders.isHeld(by: caller(.driver, in: partner), in: partner), "drivers read rounds, not orders")
        #expect(!FoodAidPermissions.manageStock.isHeld(by: caller(.admin, in: partner), in: partner))
        #expect(FoodAidPermissions.manageStock.isHeld(by: caller(.coordinator, in: bank)))
    }
}
