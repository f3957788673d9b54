import Foundation

/// A named right that a module checks: who may do what is read in one place
/// per module, from the permissions it declares, and printed by
/// `collectod modules --permissions`.
///
/// A permission is a role rule (the roles that hold it, and where the role must
/// be held) plus, where the data decides, a named relationship rule that the
/// use case evaluates on the data it loaded ("the driver assigned to this
/// round"). Use cases never test roles themselves: they ask a permission.
public struct Permission: Sendable, Hashable, Codable {
    /// Where a role must be held for the permission to count.
    public enum Scope: String, Sendable, Hashable, Codable {
        /// In the organisation the data belongs to. The food bank's staff (not
        /// its drivers) hold it in every organisation through their role at the food bank.
        case organisation
        /// In the organisation the data belongs to, and only there: the food bank's
        /// staff do not hold it elsewhere (a workshop's own cooks run its batches).
        case ownPeople = "own_people"
        /// At the food bank (an operator organisation) only: the network's own staff.
        case foodBank = "food_bank"
        /// In any organisation the caller belongs to (creating something of one's own, such as an account).
        case anyOrganisation = "any_organisation"
    }

    /// A relationship to the data that grants the permission beside the role rule.
    public struct Relationship: Sendable, Hashable, Codable {
        public let name: String
        public let summary: String

        public init(_ name: String, summary: String) {
            self.name = name
            self.summary = summary
        }
    }

    public let name: String
    public let summary: String
    public let roles: Set<Role>
    public let scope: Scope
    public let relationship: Relationship?
    /// For ``Scope/organisation``: the food-bank roles that hold it in every
    /// organisation (by default the same roles, drivers excepted).
    public let foodBankRoles: Set<Role>

    public init(
        _ name: String, summary: String, roles: Set<Role>, scope: Scope = .organisation, foodBankRoles: Set<Role>? = nil,
        relationship: Relationship? = nil
    ) {
        self.name = name
        self.summary = summary
        self.roles = roles
        self.scope = scope
        self.relationship = relationship
        switch scope {
        case .organisation: self.foodBankRoles = foodBankRoles ?? roles.subtracting([.driver])
        case .foodBank: self.foodBankRoles = roles
        case .ownPeople, .anyOrganisation: self.foodBankRoles = []
        }
    }

    /// Whether `role`, held in the organisation the data belongs to, grants it.
    public func grants(inOwnOrganisation role: Role) -> Bool {
        scope != .foodBank && roles.contains(role)
    }

    /// Whether `role`, held at the food bank, grants it in every organisation.
    public func grants(atFoodBank role: Role) -> Bool {
        foodBankRoles.contains(role)
    }

    /// Whether the role rule grants the permission for data of `organisation`
    /// (ignored for ``Scope/foodBank`` and ``Scope/anyOrganisation``).
    public func isHeld(by caller: Caller, in organisation: UUID? = nil) -> Bool {
        switch scope {
        case .foodBank:
            return caller.operatorOrganisations.contains { caller.role(in: $0).map(roles.contains) ?? false }
        case .anyOrganisation:
            return caller.roles.values.contains(where: roles.contains)
        case .ownPeople:
            guard let organisation, let role = caller.role(in: organisation) else { return false }
            return roles.contains(role)
        case .organisation:
            if let organisation, let role = caller.role(in: organisation), roles.contains(role) { return true }
            // Every food-bank role the caller holds counts (a coordinator there may also be a driver elsewhere).
            return caller.operatorOrganisations.contains { caller.role(in: $0).map(foodBankRoles.contains) ?? false }
        }
    }

    /// Whether the role rule or the relationship (evaluated by the use case) grants it.
    public func isHeld(by caller: Caller, in organisation: UUID? = nil, related: Bool) -> Bool {
        isHeld(by: caller, in: organisation) || (relationship != nil && related)
    }

    /// The organisations whose data the caller may see or change under this
    /// permission, for filtering a list in SQL: nil when a food-bank role grants
    /// it everywhere, else those of the caller's organisations where their role grants it.
    public func organisations(heldBy caller: Caller) -> Set<UUID>? {
        if isHeld(by: caller) { return nil }
        return Set(caller.roles.keys.filter { isHeld(by: caller, in: $0) })
    }

    /// Throws 403 ``KernelError/forbidden(_:)`` unless the caller holds the permission.
    public func require(_ caller: Caller, in organisation: UUID? = nil, related: Bool = false) throws {
        guard isHeld(by: caller, in: organisation, related: related) else { throw KernelError.forbidden(refusal) }
    }

    /// As ``require(_:in:related:)``, but a caller who may not even read the
    /// organisation's data gets 404, so that nobody learns what another partner has.
    public func require(
        _ caller: Caller, in organisation: UUID, related: Bool = false, hiding entity: String, id: any CustomStringConvertible
    ) throws {
        guard isHeld(by: caller, in: organisation, related: related) else {
            if caller.canRead(organisation) || related { throw KernelError.forbidden(refusal) }
            throw KernelError.notFound(entity: entity, id: id.description)
        }
    }

    private var refusal: String {
        let who = roles.sorted(by: >).map(\.rawValue).joined(separator: ", ")
        let place =
            switch scope {
            case .organisation: "of the organisation concerned (or the food bank's staff)"
            case .ownPeople: "of the organisation concerned"
            case .foodBank: "of the food bank"
            case .anyOrganisation: "of an organisation"
            }
        let also = relationship.map { ", or \($0.summary)" } ?? ""
        return "\(name) is held by the \(who) \(place)\(also)"
    }
}
