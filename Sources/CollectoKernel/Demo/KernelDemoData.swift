import Foundation

/// Loads the demo network: one food bank with its warehouse, 130 partner
/// associations, 460 donors and suppliers, a processing workshop, a city
/// service with two treatment sites, 12 vehicles and the demo log-ins, all
/// around Rennes. Deterministic: the same seed gives the same network.
public struct KernelDemoData: Sendable {
    public static let partnerCount = 130
    public static let donorCount = 400
    public static let supplierCount = 60

    let kernel: Kernel

    public init(kernel: Kernel) {
        self.kernel = kernel
    }

    /// Whether the database already holds organisations (the demo refuses to load twice).
    public func isLoaded() async throws -> Bool {
        try await kernel.units.read { db in try await db.scalarInt("SELECT COUNT(*) FROM kernel_organisations") } > 0
    }

    /// Loads the kernel's network and every enabled module's demo data in one transaction.
    @discardableResult
    public func load() async throws -> DemoNetwork {
        let kernel = self.kernel
        return try await kernel.units.write(by: nil) { tx in
            var builder = Builder(
                tx: tx, today: CalendarDate(tx.now, in: kernel.settings.timeZone), timeZone: kernel.settings.timeZone,
                identity: kernel.identity, tasks: kernel.tasks)
            let network = try await builder.build()
            for entry in kernel.registry.enabled {
                for loader in entry.registration.demoData {
                    try await loader.load(network, tx)
                }
            }
            try await tx.audit("load_demo", entity: "database", id: nil, organisation: network.foodBank.organisation.id)
            return network
        }
    }

    /// Builds the network in a transaction.
    struct Builder {
        let tx: Transaction
        let today: CalendarDate
        let timeZone: TimeZone
        let identity: IdentityService
        let tasks: TaskService
        var random = SeededGenerator(seed: 2026)

        mutating func build() async throws -> DemoNetwork {
            let rennes = DemoGeography.communes[0]
            let foodBank = try await member(
                "Banque Alimentaire d'Ille-et-Vilaine", .foodBank, site: "Entrepôt de la Banque Alimentaire", near: rennes,
                storage: [.ambient, .chilled, .frozen], hours: weekdays("07:30", "17:00"), service: 20)
            var partners: [DemoNetwork.Member] = []
            let partnerKinds = ["Épicerie solidaire", "Restos du cœur", "Secours populaire", "CCAS", "Secours catholique", "Croix-Rouge"]
            for index in 0..<KernelDemoData.partnerCount {
                let commune = DemoGeography.communes[index % DemoGeography.communes.count]
                let kind = partnerKinds[(index / DemoGeography.communes.count + index) % partnerKinds.count]
                let suffix = index < DemoGeography.communes.count * partnerKinds.count ? "" : " \(index)"
                partners.append(
                    try await member(
                        "\(kind) de \(commune.name)\(suffix) #\(index + 1)", .partnerAssociation, site: "Local \(kind)", near: commune,
                        storage: index % 3 == 0 ? [.ambient, .chilled] : [.ambient], hours: partnerHours(index), service: 15))
            }
            var donors: [DemoNetwork.Member] = []
            let chains = ["Carrefour Market", "Intermarché", "E.Leclerc", "Super U", "Lidl", "Biocoop", "Auchan", "Netto"]
            let producers = ["Ferme", "GAEC", "Maraîchage", "Verger", "Boulangerie"]
            for index in 0..<KernelDemoData.donorCount {
                let commune = DemoGeography.communes[Int.random(in: 0..<DemoGeography.communes.count, using: &random)]
                let isShop = index % 4 != 0
                let name =
                    isShop
                    ? "\(chains[index % chains.count]) \(commune.name) #\(index + 1)"
                    : "\(producers[index % producers.count]) de \(commune.name) #\(index + 1)"
                donors.append(
                    try await member(
                        name, .donor, site: isShop ? "Magasin" : "Exploitation", near: commune,
                        storage: isShop ? [.ambient, .chilled, .frozen] : [.ambient], hours: weekdays("08:00", "19:00"), service: 10))
            }
            var suppliers: [DemoNetwork.Member] = []
            for index in 0..<KernelDemoData.supplierCount {
                let commune = DemoGeography.communes[Int.random(in: 0..<DemoGeography.communes.count, using: &random)]
                suppliers.append(
                    try await member(
                        "Fournisseur \(["Grossiste", "Laiterie", "Conserverie", "Coopérative"][index % 4]) \(commune.name) #\(index + 1)",
                        .supplier, site: "Dépôt", near: commune, storage: [.ambient, .chilled], hours: weekdays("06:00", "14:00"),
                        service: 15))
            }
            let workshop = try await member(
                "Atelier de transformation Les Bocaux Solidaires", .processingWorkshop, site: "Atelier", near: DemoGeography.communes[2],
                storage: [.ambient, .chilled], hours: weekdays("08:00", "16:30"), service: 15)
            let city = try await member(
                "Rennes Métropole — Direction des déchets", .cityService, site: "Centre technique", near: rennes,
                storage: [.ambient], hours: weekdays("08:00", "17:00"), service: 10)
            let treatment = [
                try await member(
                    "Plateforme de compostage de Vezin", .treatmentSite, site: "Plateforme", near: DemoGeography.communes[7],
                    storage: [.ambient], hours: weekdays("07:00", "18:00"), service: 20),
                try await member(
                    "Unité de méthanisation de Mordelles", .treatmentSite, site: "Unité", near: DemoGeography.communes[14],
                    storage: [.ambient], hours: weekdays("06:00", "20:00"), service: 25),
            ]
            let vehicles = try await fleet(owner: foodBank.organisation.id, sharedWith: [workshop.organisation.id, city.organisation.id])
            let users = try await demoUsers(
                foodBank: foodBank.organisation.id, partners: partners.prefix(2).map(\.organisation.id),
                donor: donors[1].organisation.id, workshop: workshop.organisation.id, city: city.organisation.id)
            try await sampleTasks(foodBank: foodBank, partners: partners, donors: donors)
            return DemoNetwork(
                foodBank: foodBank, partners: partners, donors: donors, suppliers: suppliers, workshop: workshop, cityService: city,
                treatmentSites: treatment, vehicles: vehicles, users: users, today: today,
                timeZone: timeZone)
        }

        mutating func member(
            _ name: String, _ kind: OrganisationKind, site: String, near commune: DemoGeography.Commune, storage: [TemperatureClass],
            hours: OpeningHours, service: Int
        ) async throws -> DemoNetwork.Member {
            let slug = name.lowercased().filter { $0.isLetter && $0.isASCII }.prefix(24)
            let organisation = try await OrganisationService().create(
                .init(name: name, kind: kind, contactEmail: "contact@\(slug).example.org", phone: phone()), in: tx)
            let street = DemoGeography.streets[Int.random(in: 0..<DemoGeography.streets.count, using: &random)]
            let number = Int.random(in: 1...180, using: &random)
            let created = try await SiteService().create(
                .init(
                    organisationId: organisation.id, name: site, address: "\(number) \(street)", postcode: commune.postcode,
                    city: commune.name,
                    latitude: commune.latitude + Double.random(in: -0.012...0.012, using: &random),
                    longitude: commune.longitude + Double.random(in: -0.018...0.018, using: &random), openingHours: hours,
                    storageClasses: storage, serviceMinutes: service),
                in: tx)
            return .init(organisation: organisation, site: created)
        }

        mutating func phone() -> String {
            "02 99 " + (0..<3).map { _ in String(format: "%02d", Int.random(in: 0...99, using: &random)) }.joined(separator: " ")
        }

        func weekdays(_ from: String, _ until: String) -> OpeningHours {
            let range = OpeningHours.Range(from: LocalTime(from)!, until: LocalTime(until)!)
            return OpeningHours([.monday: [range], .tuesday: [range], .wednesday: [range], .thursday: [range], .friday: [range]])
        }

        func partnerHours(_ index: Int) -> OpeningHours {
            let morning = OpeningHours.Range(from: LocalTime("09:00")!, until: LocalTime("12:00")!)
            let afternoon = OpeningHours.Range(from: LocalTime("14:00")!, until: LocalTime("18:00")!)
            let days: [Weekday] =
                index % 2 == 0
                ? [.monday, .tuesday, .wednesday, .thursday, .friday] : [.tuesday, .wednesday, .thursday, .friday, .saturday]
            return OpeningHours(Dictionary(uniqueKeysWithValues: days.map { ($0, [morning, afternoon]) }))
        }

        func fleet(owner: UUID, sharedWith: [UUID]) async throws -> [Vehicle] {
            let models: [(String, Double, Double, Bool)] = [
                ("Renault Master frigorifique", 1_100, 12_000, true), ("Iveco Daily frigorifique", 1_400, 16_000, true),
                ("Renault Master", 1_300, 13_000, false), ("Peugeot Boxer", 1_200, 12_000, false),
                ("Citroën Jumper frigorifique", 1_000, 11_000, true), ("Renault Trafic", 800, 6_000, false),
                ("Iveco Eurocargo 12 t", 5_000, 40_000, false), ("Renault Kangoo", 500, 3_000, false),
                ("Fiat Ducato frigorifique", 1_100, 12_000, true), ("Mercedes Sprinter", 1_300, 14_000, false),
                ("Benne biodéchets 7,5 t", 3_000, 16_000, false), ("Renault Master biodéchets", 1_000, 8_000, false),
            ]
            var vehicles: [Vehicle] = []
            for (index, model) in models.enumerated() {
                let plate = String(format: "GA-%03d-BA", index + 101)
                let weekdays: [Weekday] =
                    index % 5 == 4 ? [.monday, .wednesday, .friday] : [.monday, .tuesday, .wednesday, .thursday, .friday]
                vehicles.append(
                    try await VehicleService().create(
                        .init(
                            ownerOrganisationId: owner, name: model.0, plate: plate, capacityKg: model.1, capacityLitres: model.2,
                            refrigerated: model.3, sharedWith: index >= 10 || index == 3 ? sharedWith : [], availableWeekdays: weekdays),
                        in: tx))
            }
            return vehicles
        }

        func demoUsers(foodBank: UUID, partners: [UUID], donor: UUID, workshop: UUID, city: UUID) async throws -> [String: UUID] {
            var users: [String: UUID] = [:]
            // Every demo log-in shares one password: hashed once.
            let password = try await identity.preparePassword(DemoNetwork.password)
            for logIn in DemoLogIn.all {
                let organisation =
                    switch logIn.seat {
                    case .foodBank: foodBank
                    case .partner(let index): partners[index]
                    case .donor: donor
                    case .workshop: workshop
                    case .city: city
                    }
                let user = try await identity.createUser(
                    email: logIn.email, displayName: logIn.name, password: password,
                    memberships: [.init(organisationId: organisation, role: logIn.role)], in: tx)
                users[logIn.email] = user.id
            }
            return users
        }

        /// A few manual tasks for tomorrow, so a round can be built by hand right away.
        func sampleTasks(foodBank: DemoNetwork.Member, partners: [DemoNetwork.Member], donors: [DemoNetwork.Member]) async throws {
            var tomorrow = today.adding(days: 1)
            while tomorrow.weekday == .saturday || tomorrow.weekday == .sunday { tomorrow = tomorrow.adding(days: 1) }
            let zone = timeZone
            let window = TimeWindow(
                from: tomorrow.instant(at: LocalTime("08:00")!, in: zone), until: tomorrow.instant(at: LocalTime("17:00")!, in: zone))
            for (index, partner) in partners.prefix(4).enumerated() {
                _ = try await tasks.create(
                    .init(
                        kind: Kernel.manualTaskKind.id, reference: "demo-delivery-\(index + 1)", organisationId: partner.organisation.id,
                        pickup: .init(siteId: foodBank.site.id, window: window), drop: .init(siteId: partner.site.id, window: window),
                        kg: Double(120 + index * 40), litres: Double(300 + index * 80), temperature: .ambient, isFood: true),
                    in: tx)
            }
            _ = try await tasks.create(
                .init(
                    kind: Kernel.manualTaskKind.id, reference: "demo-pickup-1", organisationId: foodBank.organisation.id,
                    pickup: .init(siteId: donors[1].site.id, window: window), drop: .init(siteId: foodBank.site.id, window: window),
                    kg: 90, litres: 250, temperature: .chilled, isFood: true),
                in: tx)
        }
    }
}
