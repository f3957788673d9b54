import CollectoKernel

/// FoodAid's demo data: every demo partner declares the households it serves.
enum FoodAidDemoData {
    static let loader = DemoDataLoader(name: "foodaid.partner_profiles") { network, tx in
        var random = SeededGenerator(seed: 4)
        for partner in network.partners {
            let households = Int.random(in: 40...600, using: &random)
            try await PartnerProfileStore().save(
                PartnerProfile(
                    organisationId: partner.organisation.id, households: households,
                    beneficiaries: households * Int.random(in: 2...3, using: &random), updatedAt: tx.now),
                in: tx)
        }
    }
}
