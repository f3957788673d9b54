import CollectoKernel
import Foundation
import Testing

/// A permission is a role rule with a scope, plus an optional relationship.
@Suite struct PermissionTests {
    let bank = UUID()
    let partner = UUID()
    let other = UUID()

    func caller(_ roles: [UUID: Role]) -> Caller {
        Caller(userID: UUID(), email: "x@y.test", roles: roles, operatorOrganisations: [bank])
    }

    @Test func aRoleInTheOrganisationConcernedHoldsItThereOnly() {
        let order = Permission(
            "t.orders.place", summary: "", roles: [.admin, .coordinator, .member], foodBankRoles: [.admin, .coordinator])
        let member = caller([partner: .member])
        #expect(order.isHeld(by: member, in: partner))
        #expect(!order.isHeld(by: member, in: other))
        #expect(!order.isHeld(by: caller([partner: .readOnly]), in: partner))
    }

    @Test func theFoodBanksRolesHoldItEverywhereButOnlyThoseNamed() {
        let order = Permission(
            "t.orders.place", summary: "", roles: [.admin, .coordinator, .member], foodBankRoles: [.admin, .coordinator])
        #expect(order.isHeld(by: caller([bank: .coordinator]), in: other))
        #expect(!order.isHeld(by: caller([bank: .member]), in: other))
        let read = Permission("t.orders.read", summary: "", roles: [.admin, .readOnly, .driver])
        #expect(read.isHeld(by: caller([bank: .readOnly]), in: other))
        #expect(!read.isHeld(by: caller([bank: .driver]), in: other), "a food-bank driver does not read every organisation")
    }

    @Test func aFoodBankPermissionIsNotHeldThroughAPartnerRole() throws {
        let manage = Permission("t.stock.manage", summary: "", roles: [.admin, .coordinator], scope: .foodBank)
        #expect(manage.isHeld(by: caller([bank: .admin])))
        #expect(!manage.isHeld(by: caller([partner: .admin]), in: partner))
        #expect(throws: KernelError.self) { try manage.require(self.caller([partner: .admin]), in: self.partner) }
    }

    @Test func ownPeopleOnlyIsNotHeldByTheFoodBank() {
        let cook = Permission("t.batches.run", summary: "", roles: [.admin, .member], scope: .ownPeople)
        #expect(cook.isHeld(by: caller([partner: .member]), in: partner))
        #expect(!cook.isHeld(by: caller([bank: .admin]), in: partner))
    }

    @Test func aRelationshipGrantsItWhenTheUseCaseSaysItHolds() {
        let driver = Permission(
            "t.stops.record", summary: "", roles: [.admin], relationship: .init("assigned_driver", summary: "the round's driver"))
        let someone = caller([other: .driver])
        #expect(!driver.isHeld(by: someone, in: partner, related: false))
        #expect(driver.isHeld(by: someone, in: partner, related: true))
        let plain = Permission("t.plain", summary: "", roles: [.admin])
        #expect(!plain.isHeld(by: someone, in: partner, related: true), "no relationship declared, none counts")
    }

    @Test func whoCannotEvenReadTheOrganisationIsToldNothingExists() throws {
        let edit = Permission("t.profile.edit", summary: "", roles: [.admin])
        #expect(throws: KernelError.notFound(entity: "profile", id: partner.uuidString)) {
            try edit.require(self.caller([self.other: .admin]), in: self.partner, hiding: "profile", id: self.partner)
        }
        #expect(throws: KernelError.self) { try edit.require(self.caller([self.partner: .member]), in: self.partner, hiding: "x", id: 1) }
    }
}
