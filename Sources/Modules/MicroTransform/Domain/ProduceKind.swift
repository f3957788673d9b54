/// The families of produce the workshop plans with: recipes ask for one, and
/// every input lot is one. Sorting at the food bank only knows "fruit and
/// vegetables", so an intake's kind is guessed from the product's name and
/// confirmed by the workshop when it accepts the intake.
public enum ProduceKind: String, Sendable, Codable, CaseIterable, Hashable {
    case vegetables, fruit

    /// Names of fruit as sorters write them; anything else fresh is taken for vegetables.
    static let fruitWords = [
        "pomme", "poire", "fraise", "framboise", "abricot", "prune", "pêche", "peche", "banane", "orange", "clémentine",
        "clementine", "mandarine", "kiwi", "raisin", "cerise", "melon", "pastèque", "pasteque", "ananas", "mangue", "fruit",
        "citron", "myrtille", "cassis", "groseille", "nectarine", "figue", "rhubarbe", "coing",
    ]

    /// The kind a product name suggests, or nil when the name says nothing.
    static func guess(from productName: String?) -> ProduceKind? {
        guard let name = productName?.lowercased(), !name.isEmpty else { return nil }
        if fruitWords.contains(where: { name.contains($0) }) { return .fruit }
        return .vegetables
    }
}
