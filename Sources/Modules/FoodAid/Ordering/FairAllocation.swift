import Foundation

/// Shares a scarce product between partner orders at cut-off.
///
/// Where demand fits the supply, everyone gets what they asked. Otherwise the
/// supply is shared in proportion to the households each partner serves,
/// never more than asked, in whole units: shares are computed by water-filling
/// (a partner whose share exceeds its request gets its request, and the rest is
/// shared again among the others), floored, and the units left over go one by
/// one to the largest fractional shares, ties broken by more households, then
/// by partner id — the same input always gives the same result.
///
/// The households are the count the food bank approved. A partner with no
/// approved count yet counts as 0 households: when stock is short it gets only
/// what the others' shares leave (their requests capped, the units left over),
/// and its note says it has no approved count.
public struct FairAllocation: Sendable {
    /// One order line asking for the product.
    public struct Request: Sendable, Hashable {
        public let orderId: UUID
        public let partnerId: UUID
        public let requested: Int
        /// The approved households count; 0 when there is none (see ``householdsApproved``).
        public let households: Int
        /// Whether the food bank has approved a households count for the partner.
        public let householdsApproved: Bool
        public init(orderId: UUID, partnerId: UUID, requested: Int, households: Int?) {
            self.orderId = orderId
            self.partnerId = partnerId
            self.requested = requested
            self.households = households ?? 0
            self.householdsApproved = households != nil
        }
    }

    /// What one order line gets, and why.
    public struct Share: Sendable, Hashable {
        public let orderId: UUID
        public let allocated: Int
        public let note: String
    }

    public init() {}

    public func allocate(available: Int, requests: [Request]) -> [Share] {
        let demand = requests.reduce(0) { $0 + $1.requested }
        let supply = max(0, available)
        if demand <= supply {
            return requests.map {
                .init(orderId: $0.orderId, allocated: $0.requested, note: "supply sufficient: \(demand) asked, \(supply) available")
            }
        }
        let totalHouseholds = requests.reduce(0) { $0 + max(0, $1.households) }
        let weight: (Request) -> Double = { totalHouseholds > 0 ? Double(max(0, $0.households)) : 1 }
        var exact: [UUID: Double] = [:]
        var open = requests
        var remaining = Double(supply)
        while !open.isEmpty {
            let weights = open.reduce(0) { $0 + weight($1) }
            guard weights > 0 else { break }
            let capped = open.filter { remaining * weight($0) / weights >= Double($0.requested) }
            if capped.isEmpty {
                for request in open { exact[request.orderId] = remaining * weight(request) / weights }
                break
            }
            for request in capped {
                exact[request.orderId] = Double(request.requested)
                remaining -= Double(request.requested)
            }
            open.removeAll { request in capped.contains { $0.orderId == request.orderId } }
        }
        var units: [UUID: Int] = [:]
        for request in requests { units[request.orderId] = min(request.requested, Int((exact[request.orderId] ?? 0).rounded(.down))) }
        var leftover = supply - units.values.reduce(0, +)
        let byRemainder = requests.sorted { a, b in
            let ra = (exact[a.orderId] ?? 0) - Double(units[a.orderId] ?? 0)
            let rb = (exact[b.orderId] ?? 0) - Double(units[b.orderId] ?? 0)
            if abs(ra - rb) > 1e-9 { return ra > rb }
            if a.households != b.households { return a.households > b.households }
            return a.partnerId.uuidString < b.partnerId.uuidString
        }
        while leftover > 0 {
            var gave = false
            for request in byRemainder where leftover > 0 && (units[request.orderId] ?? 0) < request.requested {
                units[request.orderId, default: 0] += 1
                leftover -= 1
                gave = true
            }
            if !gave { break }
        }
        return requests.map { request in
            let got = units[request.orderId] ?? 0
            let basis =
                request.householdsApproved
                ? "shared by households (\(request.households) of \(totalHouseholds))"
                : "no approved households count: counted as 0 households (of \(totalHouseholds)), served from what the others leave"
            return Share(
                orderId: request.orderId, allocated: got,
                note: "short: \(demand) asked for \(supply) available; \(basis), \(got) of \(request.requested)")
        }
    }
}
