import CollectoKernel
import Foundation

/// The families of produce the workshop plans with: recipes ask for one, and
/// every input lot is one. Sorting at the food bank only knows "fruit and
/// vegetables", so an intake's kind is guessed from the product's name and
/// confirmed by the workshop when it accepts the intake.
public enum ProduceKind: String, Sendable, AcceptedValues, CaseIterable, Hashable {
    case vegetables, fruit

    /// Names of fruit as sorters write them (singular, without accents folded);
    /// a word of the product's name matches when it is one of these, or one of
    /// these with a plural `s` or `x`, so "poireaux" (leeks) is not "poire".
    static let fruitWords: Set<String> = [
        "pomme", "poire", "fraise", "framboise", "abricot", "prune", "peche", "banane", "orange", "clementine", "mandarine",
        "kiwi", "raisin", "cerise", "melon", "pasteque", "ananas", "mangue", "fruit", "citron", "myrtille", "cassis", "groseille",
        "nectarine", "figue", "rhubarbe", "coing", "mure", "prunelle", "mirabelle", "quetsche", "reine-claude", "kaki",
    ]

    /// Vegetables whose names hold a fruit's word: checked first.
    static let vegetablePhrases = ["pomme de terre", "pommes de terre", "pomme-de-terre", "pommes-de-terre", "fruit de mer"]

    /// The kind a product name suggests, or nil when the name says nothing.
    static func guess(from productName: String?) -> ProduceKind? {
        guard let raw = productName, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let name = raw.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
        if vegetablePhrases.contains(where: { name.contains($0) }) { return .vegetables }
        let words = name.split { !($0.isLetter || $0 == "-") }.map(String.init)
        let isFruit = words.contains { word in
            fruitWords.contains(word)
                || (word.count > 3 && (word.hasSuffix("s") || word.hasSuffix("x")) && fruitWords.contains(String(word.dropLast())))
        }
        return isFruit ? .fruit : .vegetables
    }
}
