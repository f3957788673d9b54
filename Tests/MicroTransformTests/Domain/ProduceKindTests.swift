import Testing

@testable import MicroTransform

@Suite struct ProduceKindTests {
    @Test(arguments: [
        ("pommes", ProduceKind.fruit), ("Poires abîmées", .fruit), ("pêches", .fruit), ("Clémentines", .fruit),
        ("fruits rouges", .fruit), ("reine-claude", .fruit), ("poireaux", .vegetables), ("Pommes de terre", .vegetables),
        ("carottes", .vegetables), ("potiron", .vegetables), ("oranges sanguines", .fruit), ("prunes", .fruit),
    ])
    func nameSuggestsItsKindByWholeWords(name: String, kind: ProduceKind) {
        #expect(ProduceKind.guess(from: name) == kind)
    }

    @Test func aBlankNameSaysNothing() {
        #expect(ProduceKind.guess(from: nil) == nil)
        #expect(ProduceKind.guess(from: "  ") == nil)
    }
}
