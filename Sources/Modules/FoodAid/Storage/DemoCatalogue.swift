import CollectoKernel
import Foundation

/// The demo catalogue: about 200 products a French food bank distributes,
/// built from families and their usual packagings.
enum DemoCatalogue {
    /// One product family: its products' names, packagings and unit weights.
    struct Family {
        let category: ProductCategory
        let prefix: String
        let names: [String]
        let packs: [(label: String, kg: Double)]
        let temperature: TemperatureClass
        let funding: [FundingOrigin]
    }

    static let families: [Family] = [
        Family(
            category: .fruitAndVegetables, prefix: "FV",
            names: [
                "Pommes", "Poires", "Carottes", "Pommes de terre", "Oignons", "Tomates", "Courgettes", "Poireaux", "Choux", "Bananes",
                "Oranges", "Salades", "Navets", "Potirons", "Clémentines",
            ],
            packs: [("filet 1 kg", 1), ("cagette 5 kg", 5)], temperature: .ambient, funding: [.donation, .localPurchase]),
        Family(
            category: .dairy, prefix: "DA",
            names: [
                "Lait demi-écrémé", "Yaourts nature", "Yaourts aux fruits", "Fromage blanc", "Beurre doux", "Emmental râpé", "Camembert",
                "Crème fraîche", "Lait entier", "Desserts chocolat", "Comté", "Petits suisses",
            ],
            packs: [("unité", 0.5), ("lot familial", 1.5)], temperature: .chilled, funding: [.euAid, .donation, .nationalPurchase]),
        Family(
            category: .meatAndFish, prefix: "MF",
            names: [
                "Steaks hachés", "Filets de poulet", "Jambon blanc", "Saucisses", "Filets de colin", "Thon au naturel",
                "Sardines à l'huile",
                "Maquereaux", "Poisson pané", "Rôti de porc",
            ],
            packs: [("barquette", 0.5), ("colis", 2)], temperature: .frozen, funding: [.euAid, .nationalPurchase, .donation]),
        Family(
            category: .dryGrocery, prefix: "DG",
            names: [
                "Pâtes coquillettes", "Spaghetti", "Riz long", "Semoule", "Lentilles", "Farine", "Sucre", "Huile de tournesol",
                "Café moulu",
                "Céréales", "Biscuits", "Compote", "Haricots verts", "Petits pois", "Maïs", "Ratatouille", "Sauce tomate", "Confiture",
                "Chocolat en poudre", "Purée en flocons", "Conserves de légumes", "Pois chiches", "Thé", "Miel", "Cassoulet", "Raviolis",
                "Soupe déshydratée", "Riz au lait", "Madeleines", "Pain de mie",
            ],
            packs: [("paquet 500 g", 0.5), ("paquet 1 kg", 1)], temperature: .ambient,
            funding: [.euAid, .nationalPurchase, .donation, .localPurchase]),
        Family(
            category: .drinks, prefix: "DR",
            names: [
                "Jus d'orange", "Jus de pomme", "Eau minérale", "Lait UHT", "Boisson au soja", "Sirop de grenadine", "Jus multifruits",
                "Eau gazeuse", "Lait chocolaté", "Nectar d'abricot",
            ],
            packs: [("brique 1 L", 1.05), ("pack 6 x 1,5 L", 9.2)], temperature: .ambient, funding: [.donation, .nationalPurchase]),
        Family(
            category: .baby, prefix: "BB",
            names: [
                "Lait infantile 1er âge", "Lait infantile 2e âge", "Petits pots légumes", "Petits pots fruits", "Céréales bébé",
                "Couches taille 3",
                "Couches taille 4", "Lingettes bébé",
            ],
            packs: [("unité", 0.4), ("lot", 1.2)], temperature: .ambient, funding: [.nationalPurchase, .donation]),
        Family(
            category: .hygiene, prefix: "HY",
            names: [
                "Savon", "Gel douche", "Shampooing", "Dentifrice", "Brosses à dents", "Papier toilette", "Lessive", "Liquide vaisselle",
                "Protections périodiques", "Déodorant",
            ],
            packs: [("unité", 0.3), ("lot", 1.5)], temperature: .ambient, funding: [.donation, .localPurchase]),
        Family(
            category: .preparedMeals, prefix: "PM",
            names: ["Hachis parmentier", "Lasagnes", "Couscous", "Chili con carne", "Gratin dauphinois"],
            packs: [("barquette 1 part", 0.35), ("barquette 4 parts", 1.3)], temperature: .chilled, funding: [.donation]),
    ]

    /// Every demo product as catalogue input.
    static var products: [CatalogueService.Input] {
        var inputs: [CatalogueService.Input] = []
        for family in families {
            for (nameIndex, name) in family.names.enumerated() {
                for (packIndex, pack) in family.packs.enumerated() {
                    inputs.append(
                        CatalogueService.Input(
                            code: "\(family.prefix)-\(String(format: "%02d", nameIndex + 1))-\(packIndex + 1)",
                            name: "\(name) (\(pack.label))",
                            category: family.category, unit: pack.label, unitWeightKg: pack.kg, temperature: family.temperature,
                            fundingOrigin: family.funding[(nameIndex + packIndex) % family.funding.count], active: true,
                            maxPerOrder: family.category == .baby ? 30 : nil))
                }
            }
        }
        return inputs
    }
}
