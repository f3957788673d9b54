import CollectoKernel
import Foundation

/// Donation offers: declared by donors, accepted (in whole or part) or
/// declined by the food bank, or broadcast to nearby partners, the first
/// to claim taking it.
struct OfferService: Sendable {
    /// What a donor declares.
    struct Declaration: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case donorId, siteId, availableFrom, availableUntil, lines }
        static let ranges: [FieldRange] = [.kilograms("lines[].estimatedKg", 0.001...50_000)]
        /// One kind of goods.
        struct Line: Sendable, Codable {
            var productId: UUID?
            var category: ProductCategory
            var description: String
            var estimatedKg: Double
            var useBy: CalendarDate?
            var bestBefore: CalendarDate?
            var temperature: TemperatureClass?
        }
        var donorId: UUID
        var siteId: UUID?
        var availableFrom: Date
        var availableUntil: Date
        var lines: [Line]
    }

    /// The food bank's decision: accepted kg per line (all lines in full when absent).
    struct Acceptance: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case lines, warehouseSiteId }
        static let ranges: [FieldRange] = [.integer("lines[].lineNo", 1...10_000), .kilograms("lines[].acceptedKg", 0...50_000)]
        /// What is accepted of one line.
        struct Line: Sendable, Codable {
            var lineNo: Int
            var acceptedKg: Double
        }
        var lines: [Line]?
        var warehouseSiteId: UUID
    }

    let timeZone: TimeZone
    let pickups: PickupService

    func declare(_ declaration: Declaration, in tx: Transaction) async throws -> DonationOffer {
        guard let donor = try await OrganisationService().get(declaration.donorId, in: tx), [.donor, .supplier].contains(donor.kind) else {
            throw KernelError.invalid(field: "donorId", message: "\(declaration.donorId) is not a donor or supplier")
        }
        let site = try await donorSite(declaration.donorId, declaration.siteId, in: tx)
        guard declaration.availableUntil > declaration.availableFrom, declaration.availableUntil > tx.now else {
            throw KernelError.invalid(
                field: "availableUntil", message: "the goods must be available until a later time than from, and than now")
        }
        guard !declaration.lines.isEmpty else { throw KernelError.invalid(field: "lines", message: "an offer has at least one line") }
        let today = CalendarDate(tx.now, in: timeZone)
        var lines: [DonationOffer.Line] = []
        for (index, line) in declaration.lines.enumerated() {
            try Validate.nonEmpty(line.description, field: "lines[\(index)].description", maxLength: 300)
            try Validate.range(line.estimatedKg, 0.001...50_000, field: "lines[\(index)].estimatedKg")
            if let useBy = line.useBy, useBy < today {
                throw KernelError.invalid(field: "lines[\(index)].useBy", message: "nothing past its use-by date is accepted")
            }
            var temperature = line.temperature ?? line.category.defaultTemperature
            if let product = line.productId {
                guard let found = try await CatalogueService().get(product, in: tx) else {
                    throw KernelError.invalid(field: "lines[\(index)].productId", message: "no product \(product)")
                }
                temperature = line.temperature ?? found.temperature
            }
            lines.append(
                .init(
                    lineNo: index + 1, productId: line.productId, category: line.category, description: line.description,
                    estimatedKg: line.estimatedKg,
                    acceptedKg: nil, useBy: line.useBy, bestBefore: line.bestBefore, temperature: temperature))
        }
        let offer = DonationOffer(
            id: UUID(), donorId: declaration.donorId, siteId: site, availableFrom: declaration.availableFrom,
            availableUntil: declaration.availableUntil,
            status: .offered, decisionReason: nil, claimedBy: nil, pickupId: nil, lines: lines, createdAt: tx.now, updatedAt: tx.now)
        try await OfferStore().insert(offer, in: tx)
        return offer
    }

    /// Accepts an offer in whole or part; each accepted line must keep the use-by margin at take-over.
    func accept(_ id: UUID, _ acceptance: Acceptance, in tx: Transaction) async throws -> DonationOffer {
        let offer = try await pending(id, in: tx)
        let rules = try await DonationRules.load(in: tx)
        let takeOver = max(tx.now, offer.availableFrom)
        var accepted: [Int: Double] = [:]
        if let lines = acceptance.lines {
            for (index, line) in lines.enumerated() {
                guard let offered = offer.lines.first(where: { $0.lineNo == line.lineNo }) else {
                    throw KernelError.invalid(field: "lines[\(index)].lineNo", message: "the offer has no line \(line.lineNo)")
                }
                try Validate.range(line.acceptedKg, 0...offered.estimatedKg, field: "lines[\(index)].acceptedKg")
                accepted[line.lineNo] = line.acceptedKg
            }
        } else {
            for line in offer.lines { accepted[line.lineNo] = line.estimatedKg }
        }
        // The same margin holds at the pickup itself: the round must collect the goods by then.
        var latestPickup: Date?
        for line in offer.lines where (accepted[line.lineNo] ?? 0) > 0 {
            guard let useBy = line.useBy else { continue }
            let endOfUseBy = useBy.adding(days: 1).instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone)
            let latest = endOfUseBy.addingTimeInterval(-Double(rules.minimumUseByHours) * 3600)
            latestPickup = min(latestPickup ?? latest, latest)
            if endOfUseBy.timeIntervalSince(takeOver) < Double(rules.minimumUseByHours) * 3600 {
                throw FoodAidError.useByTooClose(
                    line: line.lineNo, useBy: "\(useBy)", takeOver: takeOver, minimumHours: rules.minimumUseByHours)
            }
        }
        let total = accepted.values.reduce(0, +)
        guard total > 0 else { throw KernelError.invalid(field: "lines", message: "accept at least some of the offer, or decline it") }
        for line in offer.lines {
            try await tx.execute(
                "UPDATE foodaid_offer_lines SET accepted_kg = ? WHERE offer_id = ? AND line_no = ?",
                [accepted[line.lineNo] ?? 0, id, line.lineNo])
        }
        let whole = offer.lines.allSatisfy { abs((accepted[$0.lineNo] ?? 0) - $0.estimatedKg) < 0.0005 }
        let temperature =
            offer.lines.filter { (accepted[$0.lineNo] ?? 0) > 0 }.map(\.temperature).max { $0.coldness < $1.coldness } ?? .ambient
        let pickup = try await pickups.create(
            donor: offer.donorId, site: offer.siteId, warehouse: acceptance.warehouseSiteId, offer: offer.id,
            window: TimeWindow(from: takeOver, until: offer.availableUntil), kg: total, temperature: temperature,
            latestPickupAt: latestPickup, in: tx)
        try await tx.execute(
            "UPDATE foodaid_offers SET status = ?, pickup_id = ?, updated_at = ? WHERE id = ?",
            [(whole ? OfferStatus.accepted : .partiallyAccepted).rawValue, pickup.id, tx.now, id])
        return try await OfferStore().get(id, in: tx)!
    }

    func decline(_ id: UUID, reason: String, in tx: Transaction) async throws -> DonationOffer {
        _ = try await pending(id, in: tx)
        try Validate.nonEmpty(reason, field: "reason", maxLength: 500)
        try await tx.execute(
            "UPDATE foodaid_offers SET status = 'declined', decision_reason = ?, updated_at = ? WHERE id = ?", [reason, tx.now, id])
        return try await OfferStore().get(id, in: tx)!
    }

    /// Offers a small local offer to the partners near the donor instead of collecting it.
    func broadcast(_ id: UUID, in tx: Transaction) async throws -> DonationOffer {
        _ = try await pending(id, in: tx)
        try await tx.execute("UPDATE foodaid_offers SET status = 'broadcast', updated_at = ? WHERE id = ?", [tx.now, id])
        return try await OfferStore().get(id, in: tx)!
    }

    /// The first partner to claim a broadcast offer gets it; the other nearby
    /// partners, who saw it too, are told 409 `offer_gone` (not 404: it was
    /// there). A partner it was never offered to gets 404.
    func claim(_ id: UUID, by partner: UUID, in tx: Transaction) async throws -> DonationOffer {
        guard let offer = try await OfferStore().get(id, in: tx), offer.status == .broadcast || offer.claimedBy != nil,
            try await isWithinRadius(offer, of: partner, in: tx)
        else { throw KernelError.notFound(entity: "offer", id: id.uuidString) }
        guard offer.status == .broadcast else { throw FoodAidError.offerGone(offer: offer.id) }
        let changed = try await tx.execute(
            "UPDATE foodaid_offers SET status = 'claimed', claimed_by = ?, updated_at = ? WHERE id = ? AND status = 'broadcast'",
            [partner, tx.now, id])
        guard changed == 1 else { throw FoodAidError.offerGone(offer: offer.id) }
        return try await OfferStore().get(id, in: tx)!
    }

    /// Whether a broadcast offer's donor site is within the radius of one of the partner's sites.
    func isNear(_ offer: DonationOffer, partner: UUID, in db: any SQLExecutor) async throws -> Bool {
        guard offer.status == .broadcast || offer.claimedBy == partner else { return false }
        return try await isWithinRadius(offer, of: partner, in: db)
    }

    /// Whether the offer's donor site is within the broadcast radius of one of the partner's sites.
    func isWithinRadius(_ offer: DonationOffer, of partner: UUID, in db: any SQLExecutor) async throws -> Bool {
        guard let donorSite = try await SiteService().get(offer.siteId, in: db) else { return false }
        let radius = try await DonationRules.load(in: db).broadcastRadiusKm
        let sites = try await SiteService().list(organisations: [partner], organisation: partner, in: db).items
        return sites.contains { $0.distanceKm(to: donorSite) <= radius }
    }

    private func pending(_ id: UUID, in tx: Transaction) async throws -> DonationOffer {
        guard let offer = try await OfferStore().get(id, in: tx) else { throw KernelError.notFound(entity: "offer", id: id.uuidString) }
        guard offer.status == .offered else {
            throw FoodAidError.offerDecided(offer: offer.id, status: offer.status.rawValue)
        }
        return offer
    }

    private func donorSite(_ donor: UUID, _ requested: UUID?, in tx: Transaction) async throws -> UUID {
        if let requested {
            guard try await SiteService().get(requested, in: tx)?.organisationId == donor else {
                throw KernelError.invalid(field: "siteId", message: "the site is not one of the donor's")
            }
            return requested
        }
        if let profile = try await DonorProfileStore().get(donor, in: tx), let site = profile.siteId { return site }
        guard let first = try await SiteService().list(organisations: nil, organisation: donor, in: tx).items.first else {
            throw KernelError.invalid(field: "siteId", message: "the donor has no site to pick up from")
        }
        return first.id
    }
}

extension TemperatureClass {
    /// Ambient < chilled < frozen.
    var coldness: Int {
        switch self {
        case .ambient: 0
        case .chilled: 1
        case .frozen: 2
        }
    }
}
