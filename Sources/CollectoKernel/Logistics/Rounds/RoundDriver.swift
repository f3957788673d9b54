import Foundation

/// Someone a coordinator may put at the wheel of their organisation's rounds: a
/// driver, coordinator or admin of it, not disabled. Only the name and the role
/// are told, so that a coordinator who is not an admin can choose without
/// reading the people's accounts.
public struct RoundDriver: Sendable, Codable, Hashable {
    public var userId: UUID
    public var displayName: String
    public var role: Role
}

extension RoundUseCases {
    /// The people who may drive `organisation`'s rounds, drivers first, then by name.
    public func drivers(of organisation: UUID, by caller: Caller) async throws -> [RoundDriver] {
        try caller.require(caller.canManage(organisation), "only the organisation's coordinators plan its rounds")
        return try await units.read { db in
            try await db.query(
                """
                SELECT u.id, u.display_name, m.role FROM kernel_memberships m JOIN kernel_users u ON u.id = m.user_id
                WHERE m.organisation_id = ? AND m.role IN ('driver', 'coordinator', 'admin') AND u.disabled = 0
                """, [organisation]
            ).map { row in
                RoundDriver(userId: try row.uuid("id"), displayName: try row.string("display_name"), role: try row.value(Role.self, "role"))
            }.sorted {
                ($0.role == .driver ? 0 : 1, $0.displayName, $0.userId.uuidString) < (
                    $1.role == .driver ? 0 : 1, $1.displayName, $1.userId.uuidString
                )
            }
        }
    }
}
