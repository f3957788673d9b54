import CollectoKernel
import Foundation

/// A standard emergency parcel for households of a given size: which
/// products, how many of each.
public struct ParcelComposition: Sendable, Codable, Hashable {
    /// One product of the parcel.
    public struct Line: Sendable, Codable, Hashable {
        public var productId: UUID
        public var quantity: Int
    }

    public var id: UUID
    public var name: String
    public var householdMin: Int
    public var householdMax: Int
    public var active: Bool
    public var lines: [Line]
    public var createdAt: Date

    /// What the food bank sends to define a composition.
    struct Input: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case name, householdMin, householdMax, lines }
        static let ranges: [FieldRange] = [
            .integer("householdMin", 1...20), .integer("householdMax", 1...20), .integer("lines[].quantity", 1...1000),
        ]
        var name: String
        var householdMin: Int
        var householdMax: Int
        var lines: [Line]
    }
}

/// A referring social service's request for emergency parcels: only how many
/// and for what household size — never who they are for.
public struct ParcelRequest: Sendable, Codable, Hashable {
    public var id: UUID
    public var referrerId: UUID
    public var householdSize: Int
    public var parcels: Int
    public var neededBy: CalendarDate
    public var compositionId: UUID?
    public var status: ParcelRequestStatus
    public var createdAt: Date
    public var updatedAt: Date

    /// What a referrer sends.
    struct Input: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case referrerId, householdSize, parcels, neededBy }
        static let ranges: [FieldRange] = [.integer("householdSize", 1...20), .integer("parcels", 1...100)]
        var referrerId: UUID
        var householdSize: Int
        var parcels: Int
        var neededBy: CalendarDate
    }
}

/// Where a parcel request is in its life.
public enum ParcelRequestStatus: String, Sendable, AcceptedValues, CaseIterable {
    case requested, prepared, handedOver = "handed_over", cancelled
}
