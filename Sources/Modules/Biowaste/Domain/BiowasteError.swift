import CollectoKernel
import Foundation

/// The biowaste rules a request can break, each with the values a page needs
/// to say it in the user's language (`values`), the stable `code` clients
/// already match on, and an English `message` for logs and curl.
enum BiowasteError: DomainError, Equatable {
    /// The site is already a collection point.
    case pointExists(site: UUID)
    /// No city service exists to carry pickups.
    case noCityService
    /// The pickup's task is on no round yet, so nobody carries it.
    case notOnARound(pickup: UUID)
    /// The pickup is no longer planned (collected, refused, delivered or failed).
    case pickupStatus(pickup: UUID, status: String)
    /// Only collection and delivery entries of the register are corrected.
    case notCorrectable(entry: Int, kind: String)

    var kind: ProblemKind {
        switch self {
        case .pointExists, .noCityService, .notOnARound, .pickupStatus, .notCorrectable: .conflict
        }
    }

    var code: String {
        switch self {
        case .pointExists: "point_exists"
        case .noCityService: "no_city_service"
        case .notOnARound: "not_on_a_round"
        case .pickupStatus: "pickup_status"
        case .notCorrectable: "not_correctable"
        }
    }

    var message: String {
        switch self {
        case .pointExists: "this site is already a collection point"
        case .noCityService: "no city service to carry pickups"
        case .notOnARound: "the pickup is not on a round yet"
        case .pickupStatus(_, let status): "the pickup is \(status)"
        case .notCorrectable: "only collection and delivery entries are corrected"
        }
    }

    var values: [String: ErrorValue] {
        switch self {
        case .pointExists(let site): ["siteId": .of(site)]
        case .noCityService: [:]
        case .notOnARound(let pickup): ["pickupId": .of(pickup)]
        case .pickupStatus(let pickup, let status): ["pickupId": .of(pickup), "status": .text(status)]
        case .notCorrectable(let entry, let kind): ["entryId": .integer(entry), "kind": .text(kind)]
        }
    }
}
