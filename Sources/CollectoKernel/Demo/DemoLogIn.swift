import Foundation

/// One of the demo's log-ins: who it is, where it belongs and what it is for.
/// The demo creates exactly these users, and `collectod demo` / `serve --demo`
/// print this same list, so the two never disagree.
public struct DemoLogIn: Sendable, Hashable {
    /// The demo organisation a log-in belongs to.
    public enum Seat: Sendable, Hashable {
        case foodBank, partner(Int), donor, workshop, city
    }

    public let email: String
    public let name: String
    public let seat: Seat
    public let role: Role
    /// What a reader of the README would use it for.
    public let summary: String

    /// Every demo log-in, in the order they are printed.
    public static let all: [DemoLogIn] = [
        .init(
            email: "admin@banque-alimentaire.example.org", name: "Claire Admin", seat: .foodBank, role: .admin, summary: "food bank admin"),
        .init(
            email: "coordination@banque-alimentaire.example.org", name: "Marc Coordination", seat: .foodBank, role: .coordinator,
            summary: "food bank coordinator (plans rounds)"),
        .init(
            email: "chauffeur1@banque-alimentaire.example.org", name: "Yann Chauffeur", seat: .foodBank, role: .driver, summary: "driver"),
        .init(
            email: "chauffeur2@banque-alimentaire.example.org", name: "Sophie Chauffeur", seat: .foodBank, role: .driver, summary: "driver"),
        .init(
            email: "responsable@epicerie1.example.org", name: "Paul Responsable", seat: .partner(0), role: .admin,
            summary: "partner association admin (épicerie 1)"),
        .init(
            email: "benevole@epicerie1.example.org", name: "Nadia Bénévole", seat: .partner(0), role: .member,
            summary: "partner association member (épicerie 1)"),
        .init(
            email: "benevole@partenaire2.example.org", name: "Jeanne Bénévole", seat: .partner(1), role: .member,
            summary: "partner association member (a second partner)"),
        .init(email: "dons@magasin2.example.org", name: "Luc Dons", seat: .donor, role: .admin, summary: "donor (a supermarket) admin"),
        .init(
            email: "atelier@bocaux.example.org", name: "Karim Atelier", seat: .workshop, role: .admin, summary: "processing workshop admin"),
        .init(
            email: "dechets@metropole.example.org", name: "Anne Déchets", seat: .city, role: .coordinator,
            summary: "city service coordinator"),
        .init(
            email: "collecte@metropole.example.org", name: "Hugo Collecte", seat: .city, role: .driver,
            summary: "city service driver (biowaste rounds)"),
    ]

    /// The list as `collectod demo` prints it.
    public static var text: String {
        let width = (all.map(\.email.count).max() ?? 0) + 2
        let lines = all.map { "  " + $0.email.padding(toLength: width, withPad: " ", startingAt: 0) + $0.summary }
        return (["Demo log-ins (password: \(DemoNetwork.password)):"] + lines).joined(separator: "\n")
    }
}
