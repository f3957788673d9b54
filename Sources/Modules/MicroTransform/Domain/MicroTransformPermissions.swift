import CollectoKernel
import Foundation

/// Who may do what at a workshop, in one place: the food bank's admins and
/// coordinators or the workshop organisation's admin register it, and they or
/// its coordinators move it or change its capacity; its admins and
/// coordinators manage it (intake decisions, recipes, resources, plans,
/// releases, recalls), its members also weigh in produce and run batches, the
/// food bank's staff and the workshop's own people read it, and nobody else
/// even learns it exists. A farm's or a market's people may also declare the
/// produce they bring. Use cases ask these permissions; nothing else in the
/// module tests a role.
enum MicroTransformPermissions {
    static let readWorkshop = Permission(
        "microtransform.workshop.read",
        summary: "Read a workshop: intakes, input lots, recipes, resources, the plan, batches, output lots and reports",
        roles: [.admin, .coordinator, .member, .readOnly])
    static let registerWorkshop = Permission(
        "microtransform.workshop.register",
        summary: "Register a processing workshop organisation's workshop (its kitchen site and daily capacity)", roles: [.admin],
        foodBankRoles: [.admin, .coordinator])
    static let configureWorkshop = Permission(
        "microtransform.workshop.configure", summary: "Move a workshop to another of its sites or change its daily capacity",
        roles: [.admin, .coordinator], foodBankRoles: [.admin, .coordinator])
    static let readTraceability = Permission(
        "microtransform.traceability.read", summary: "Trace an output lot to its produce and origins, and an input lot to its outputs",
        roles: [.admin, .coordinator, .member, .readOnly])
    static let manageWorkshop = Permission(
        "microtransform.workshop.manage",
        summary: "Add and retire equipment; add and delete its unavailable times, cooks' shifts and closed days",
        roles: [.admin, .coordinator], scope: .ownPeople)
    static let manageRecipes = Permission(
        "microtransform.recipes.manage", summary: "Define and change the workshop's recipes", roles: [.admin, .coordinator],
        scope: .ownPeople)
    static let declareIntake = Permission(
        "microtransform.intake.declare", summary: "Declare produce brought to the workshop by a farm or a market",
        roles: [.admin, .coordinator], scope: .ownPeople,
        relationship: .init(
            "producer", summary: "the admins, coordinators and members of the organisation whose site the produce comes from"))
    static let offerProduce = Permission(
        "microtransform.intake.offer", summary: "Offer one's own site's produce to a workshop (the producer of a declaration)",
        roles: [.admin, .coordinator, .member], scope: .ownPeople)
    static let decideIntake = Permission(
        "microtransform.intake.decide", summary: "Accept or refuse produce offered to the workshop", roles: [.admin, .coordinator],
        scope: .ownPeople)
    static let receiveIntake = Permission(
        "microtransform.intake.receive", summary: "Weigh in accepted produce at the workshop",
        roles: [.admin, .coordinator, .member], scope: .ownPeople)
    static let planBatches = Permission(
        "microtransform.batches.plan",
        summary: "Plan batches: replan, make a batch by hand, move, lock, unlock and delete planned batches",
        roles: [.admin, .coordinator], scope: .ownPeople)
    static let runBatches = Permission(
        "microtransform.batches.run", summary: "Run batches and record HACCP", roles: [.admin, .coordinator, .member],
        scope: .ownPeople)
    static let releaseBatches = Permission(
        "microtransform.batches.release", summary: "Release or discard a batch's quarantined output",
        roles: [.admin, .coordinator], scope: .ownPeople)
    static let recallInputs = Permission(
        "microtransform.recalls.issue", summary: "Recall an input lot or an origin, blocking every output made from it",
        roles: [.admin, .coordinator], scope: .ownPeople)

    /// Every permission the module declares, for the registrar and the matrix.
    static var all: [Permission] {
        [
            readWorkshop, registerWorkshop, configureWorkshop, readTraceability, manageWorkshop, manageRecipes, declareIntake,
            offerProduce, decideIntake, receiveIntake, planBatches, runBatches, releaseBatches, recallInputs,
        ]
    }
}

extension Permission {
    /// Asks the permission for a workshop's data: a caller who may not even
    /// read the workshop gets 404 (`no workshop <id>`), so that nobody learns
    /// another partner's workshop exists; one who reads it but lacks the right gets 403.
    func require(_ caller: Caller, atWorkshop workshop: UUID) throws {
        try require(caller, in: workshop, hiding: "workshop", id: workshop)
    }
}
