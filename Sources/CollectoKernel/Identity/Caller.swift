import Foundation

/// Who is making a request: the user and their role in each organisation.
/// Every access decision in kernel and modules is a question asked of a caller.
public struct Caller: Sendable, Hashable {
    public let userID: UUID
    public let email: String
    /// The user's role in each organisation they belong to.
    public let roles: [UUID: Role]
    /// The subset of ``roles``' organisations that operate the network (food banks).
    public let operatorOrganisations: Set<UUID>
    /// The kind of each organisation the caller belongs to, so that modules never read the kernel's tables to ask.
    public let organisationKinds: [UUID: OrganisationKind]
    /// The organisation a person who belongs to several of one kind chose to act for in the browser: it comes
    /// first in ``organisations(ofKind:)``. Nil for the API, whose every request names the organisation it acts on.
    public let actingOrganisation: UUID?

    public init(
        userID: UUID, email: String, roles: [UUID: Role], operatorOrganisations: Set<UUID>,
        organisationKinds: [UUID: OrganisationKind] = [:], actingOrganisation: UUID? = nil
    ) {
        self.userID = userID
        self.email = email
        self.roles = roles
        self.operatorOrganisations = operatorOrganisations
        self.organisationKinds = organisationKinds
        self.actingOrganisation = actingOrganisation.flatMap { roles[$0] == nil ? nil : $0 }
    }

    /// The same caller acting for `organisation`, one of theirs; unchanged when they do not belong to it.
    public func acting(for organisation: UUID) -> Caller {
        Caller(
            userID: userID, email: email, roles: roles, operatorOrganisations: operatorOrganisations,
            organisationKinds: organisationKinds, actingOrganisation: organisation)
    }

    /// The kinds of which the caller belongs to more than one organisation: they choose which one they act for.
    public var kindsWithSeveral: Set<OrganisationKind> {
        var counts: [OrganisationKind: Int] = [:]
        for organisation in roles.keys where !operatorOrganisations.contains(organisation) {
            if let kind = organisationKinds[organisation] { counts[kind, default: 0] += 1 }
        }
        return Set(counts.filter { $0.value > 1 }.keys)
    }

    public func role(in organisation: UUID) -> Role? { roles[organisation] }

    /// The kind of one of the caller's organisations.
    public func kind(of organisation: UUID) -> OrganisationKind? { organisationKinds[organisation] }

    /// The caller's organisations of a kind, with their role, in a stable order: the one they act for first.
    public func organisations(ofKind kind: OrganisationKind) -> [(organisation: UUID, role: Role)] {
        roles.filter { organisationKinds[$0.key] == kind }.map { ($0.key, $0.value) }.sorted {
            ($0.0 == actingOrganisation ? 0 : 1, $0.0.uuidString) < ($1.0 == actingOrganisation ? 0 : 1, $1.0.uuidString)
        }
    }

    /// The caller's best role in an operator (food-bank) organisation.
    public var operatorRole: Role? {
        operatorOrganisations.compactMap { roles[$0] }.max()
    }

    /// Operator staff other than drivers see every organisation's kernel data.
    public var seesEverything: Bool {
        guard let role = operatorRole else { return false }
        return role != .driver
    }

    /// Operator admins and coordinators manage every organisation's operations.
    public var managesEverything: Bool { operatorRole?.canManage ?? false }

    /// May read data that belongs to `organisation`.
    public func canRead(_ organisation: UUID) -> Bool {
        if seesEverything { return true }
        guard let role = roles[organisation] else { return false }
        return role != .driver
    }

    /// May change the operations (sites, vehicles, rounds) of `organisation`.
    public func canManage(_ organisation: UUID) -> Bool {
        managesEverything || (roles[organisation]?.canManage ?? false)
    }

    /// May add users to `organisation` or change their roles.
    public func canAdminister(_ organisation: UUID) -> Bool {
        operatorRole == .admin || roles[organisation] == .admin
    }

    /// The organisations whose data the caller may read; nil means all of them.
    public var readableOrganisations: Set<UUID>? {
        seesEverything ? nil : Set(roles.filter { $0.value != .driver }.keys)
    }

    /// Throws ``KernelError/forbidden(_:)`` unless `allowed`.
    public func require(_ allowed: Bool, _ message: @autoclosure () -> String) throws {
        if !allowed { throw KernelError.forbidden(message()) }
    }
}
