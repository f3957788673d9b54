import CollectoKernel
import Foundation

/// Who may do what, read from the modules' declared permissions: one row per
/// permission, one column per role held in the organisation concerned and per
/// role held at the food bank (which counts in every organisation).
struct PermissionMatrix {
    let permissions: [Permission]

    init(_ permissions: [Permission]) {
        self.permissions = permissions.sorted { $0.name < $1.name }
    }

    static let roles: [Role] = [.admin, .coordinator, .member, .readOnly, .driver]

    var text: String {
        let nameWidth = max(12, permissions.map(\.name.count).max() ?? 0) + 2
        let header = Self.roles.map { $0.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0) }.joined()
        var lines = [
            "".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + "in the organisation concerned".padding(
                    toLength: 12 * Self.roles.count + 2, withPad: " ", startingAt: 0) + "at the food bank (every organisation)",
            "permission".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + header + "  " + header + "  also",
        ]
        for permission in permissions {
            let own = Self.roles.map { cell(permission.grants(inOwnOrganisation: $0)) }.joined()
            let bank = Self.roles.map { cell(permission.grants(atFoodBank: $0)) }.joined()
            let also = permission.relationship.map { "\($0.name): \($0.summary)" } ?? ""
            lines.append(permission.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + own + "  " + bank + "  " + also)
        }
        lines.append("")
        lines.append("yes: the role holds the permission. The food bank's roles count in every organisation; \"also\" names")
        lines.append("a relationship to the data that grants it too (checked by the action on the data it loads).")
        return lines.joined(separator: "\n")
    }

    private func cell(_ granted: Bool) -> String {
        (granted ? "yes" : "-").padding(toLength: 12, withPad: " ", startingAt: 0)
    }
}
