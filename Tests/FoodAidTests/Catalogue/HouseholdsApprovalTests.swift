import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A partner's households count weighs in fair allocation only once the food
/// bank's staff approve it: a partner's change, the first one included, waits
/// as a pending value that both sides read on the profile.
@Suite struct HouseholdsApprovalTests {
    struct Update: Encodable { let households: Int; let beneficiaries: Int }
    struct Rejection: Encodable { let reason: String? }

    static func auditCount(_ world: FoodAidWorld, action: String, partner: UUID) async throws -> Int {
        try await world.test.kernel.units.read { db in
            try await db.queryFirst(
                "SELECT COUNT(*) AS n FROM kernel_audit_log WHERE action = ? AND entity_id = ?", [action, partner.uuidString])?.int("n")
                ?? 0
        }
    }

    @Test func aPartnersChangeIsPendingUntilTheFoodBankApprovesIt() async throws {
        let world = try await FoodAidWorld.make(households: [100])
        let partner = world.partners[0].organisation.id
        let admin = try await world.fixtures.logIn("admin@partner.test", role: .admin, in: partner)
        try await withAPI(world.test.kernel) { client throws in
            let path = "/api/v1/foodaid/partners/\(partner)/profile"
            let saved = try await client.json(.put, path, token: admin.token, body: Update(households: 99_999, beneficiaries: 200_000))
            #expect(saved.status == .ok, "\(saved.text)")
            let pending = try saved.decode(PartnerProfile.self)
            #expect(pending.households == 100)
            #expect(pending.pendingHouseholds == 99_999)
            #expect(pending.pendingRequestedBy == admin.user.id)
            #expect(pending.pendingRequestedAt != nil)
            // Both sides see the pending value.
            for token in [world.partners[0].member.token, world.coordinator.token] {
                let read = try await client.json(.get, path, token: token).decode(PartnerProfile.self)
                #expect(read.households == 100 && read.pendingHouseholds == 99_999)
            }
            let list = try await client.json(.get, "/api/v1/foodaid/partners/households/pending", token: world.coordinator.token)
            #expect(list.status == .ok, "\(list.text)")
            #expect(try list.decode([PartnerProfile].self).map(\.organisationId) == [partner])

            let approved = try await client.json(
                .post, "/api/v1/foodaid/partners/\(partner)/households/approve", token: world.coordinator.token)
            #expect(approved.status == .ok, "\(approved.text)")
            let profile = try approved.decode(PartnerProfile.self)
            #expect(profile.households == 99_999 && profile.pendingHouseholds == nil && profile.pendingRequestedBy == nil)
            #expect(try await client.json(.get, path, token: admin.token).decode(PartnerProfile.self).households == 99_999)
            #expect(
                try await client.json(.get, "/api/v1/foodaid/partners/households/pending", token: world.coordinator.token)
                    .decode([PartnerProfile].self).isEmpty)
        }
        #expect(try await Self.auditCount(world, action: "approve_households", partner: partner) == 1)
    }

    @Test func aRejectedChangeLeavesTheApprovedCountAndSaysWhy() async throws {
        let world = try await FoodAidWorld.make(households: [100])
        let partner = world.partners[0].organisation.id
        let admin = try await world.fixtures.logIn("admin@partner.test", role: .admin, in: partner)
        try await withAPI(world.test.kernel) { client throws in
            let path = "/api/v1/foodaid/partners/\(partner)/profile"
            _ = try await client.json(.put, path, token: admin.token, body: Update(households: 5_000, beneficiaries: 10_000))
            let rejected = try await client.json(
                .post, "/api/v1/foodaid/partners/\(partner)/households/reject", token: world.coordinator.token,
                body: Rejection(reason: "our visit counted about 120"))
            #expect(rejected.status == .ok, "\(rejected.text)")
            let profile = try await client.json(.get, path, token: admin.token).decode(PartnerProfile.self)
            #expect(profile.households == 100 && profile.pendingHouseholds == nil)
            #expect(profile.rejectedHouseholds == 5_000 && profile.rejectionReason == "our visit counted about 120")
            // Nothing pending any more: approving or rejecting again is a conflict.
            let again = try await client.json(
                .post, "/api/v1/foodaid/partners/\(partner)/households/approve", token: world.coordinator.token)
            #expect(again.status == .conflict)
            #expect(again.apiError?.code == "no_pending_households")
            // A reject without a body is allowed.
            _ = try await client.json(.put, path, token: admin.token, body: Update(households: 130, beneficiaries: 300))
            #expect(
                try await client.json(.post, "/api/v1/foodaid/partners/\(partner)/households/reject", token: world.coordinator.token)
                    .status == .ok)
        }
        #expect(try await Self.auditCount(world, action: "reject_households", partner: partner) == 2)
    }

    @Test func onlyTheFoodBanksStaffApproveRejectOrListPendingChanges() async throws {
        let world = try await FoodAidWorld.make(households: [100])
        let partner = world.partners[0].organisation.id
        let admin = try await world.fixtures.logIn("admin@partner.test", role: .admin, in: partner)
        try await withAPI(world.test.kernel) { client throws in
            _ = try await client.json(
                .put, "/api/v1/foodaid/partners/\(partner)/profile", token: admin.token, body: Update(households: 500, beneficiaries: 900))
            for action in ["approve", "reject"] {
                #expect(
                    try await client.json(.post, "/api/v1/foodaid/partners/\(partner)/households/\(action)", token: admin.token).status
                        == .forbidden)
            }
            #expect(
                try await client.json(.get, "/api/v1/foodaid/partners/households/pending", token: admin.token).status == .forbidden)
            let profile = try await client.json(.get, "/api/v1/foodaid/partners/\(partner)/profile", token: admin.token)
                .decode(PartnerProfile.self)
            #expect(profile.households == 100 && profile.pendingHouseholds == 500)
        }
    }

    @Test func aFoodBankCoordinatorsChangeIsApprovedAtOnce() async throws {
        let world = try await FoodAidWorld.make(households: [100])
        let partner = world.partners[0].organisation.id
        try await withAPI(world.test.kernel) { client throws in
            let saved = try await client.json(
                .put, "/api/v1/foodaid/partners/\(partner)/profile", token: world.coordinator.token,
                body: Update(households: 140, beneficiaries: 300))
            #expect(saved.status == .ok)
            let profile = try saved.decode(PartnerProfile.self)
            #expect(profile.households == 140 && profile.pendingHouseholds == nil)
        }
    }

    @Test func householdsOutsideOneToOneHundredThousandAreRefused() async throws {
        let world = try await FoodAidWorld.make(households: [100])
        let partner = world.partners[0].organisation.id
        let admin = try await world.fixtures.logIn("admin@partner.test", role: .admin, in: partner)
        try await withAPI(world.test.kernel) { client throws in
            for households in [0, 100_001] {
                let response = try await client.json(
                    .put, "/api/v1/foodaid/partners/\(partner)/profile", token: admin.token,
                    body: Update(households: households, beneficiaries: 200_000))
                #expect(response.status == .unprocessableContent, "\(households)")
                #expect(response.apiError?.field == "households")
            }
        }
    }

    @Test func allocationFollowsOnlyTheApprovedCount() async throws {
        let world = try await PartnerOrders.world()
        let partner = world.partners[0].organisation.id
        let admin = try await world.fixtures.logIn("admin@partner.test", role: .admin, in: partner)
        try await withLiveServer(world.test.kernel) { client throws in
            let declared = try await client.json(
                .put, "/api/v1/foodaid/partners/\(partner)/profile", token: admin.token,
                body: Update(households: 99_999, beneficiaries: 200_000))
            #expect(declared.status == .ok)
            let orders = try await PartnerOrders.submitted(world, client)
            // 60 packs for partners of 100 (99,999 pending), 200 and 300 households.
            #expect(orders.shares(of: orders.pasta, in: try await orders.allocated(client)) == [10, 20, 30])
        }
    }

    @Test func anApprovedCountWeighsInTheNextAllocation() async throws {
        let world = try await PartnerOrders.world()
        let partner = world.partners[0].organisation.id
        let admin = try await world.fixtures.logIn("admin@partner.test", role: .admin, in: partner)
        try await withLiveServer(world.test.kernel) { client throws in
            _ = try await client.json(
                .put, "/api/v1/foodaid/partners/\(partner)/profile", token: admin.token,
                body: Update(households: 99_999, beneficiaries: 200_000))
            #expect(
                try await client.json(.post, "/api/v1/foodaid/partners/\(partner)/households/approve", token: world.coordinator.token)
                    .status == .ok)
            let orders = try await PartnerOrders.submitted(world, client)
            // The first partner's share is capped at the 50 it asked for; the 10 left go 200:300.
            #expect(orders.shares(of: orders.pasta, in: try await orders.allocated(client)) == [50, 4, 6])
        }
    }

    @Test func aPartnerWithNoApprovedCountIsServedOnlyFromWhatTheOthersLeave() async throws {
        let world = try await PartnerOrders.world()
        let partner = world.partners[0].organisation.id
        let admin = try await world.fixtures.logIn("admin@partner.test", role: .admin, in: partner)
        // A partner that has never had a count approved: its first declaration is pending.
        try await world.test.kernel.units.write(by: nil) { tx in
            try await tx.execute("DELETE FROM foodaid_partner_profiles WHERE organisation_id = ?", [partner])
        }
        try await withLiveServer(world.test.kernel) { client throws in
            let declared = try await client.json(
                .put, "/api/v1/foodaid/partners/\(partner)/profile", token: admin.token, body: Update(households: 120, beneficiaries: 300))
            #expect(declared.status == .ok, "\(declared.text)")
            let profile = try declared.decode(PartnerProfile.self)
            #expect(profile.households == nil && profile.pendingHouseholds == 120)
            let orders = try await PartnerOrders.submitted(world, client)
            let allocated = try await orders.allocated(client)
            #expect(orders.shares(of: orders.pasta, in: allocated) == [0, 24, 36])
            #expect(orders.shares(of: orders.milk, in: allocated) == [10, 10, 10])
            let note = allocated.byPartner[partner]!.lines.first { $0.productId == orders.pasta.id }!.allocationNote
            #expect(note?.contains("no approved households count") == true, "\(note ?? "")")
        }
    }
}
