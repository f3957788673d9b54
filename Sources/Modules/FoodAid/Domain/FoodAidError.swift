import CollectoKernel
import Foundation

/// The food-aid rules a request can break, each with the values a page needs
/// to say it in the user's language (`values`), a stable `code` that clients
/// match on, and an English `message` for logs and curl.
enum FoodAidError: DomainError, Equatable {
    /// Why a window takes no more orders.
    enum WindowLimit: Equatable, Sendable {
        case orders(max: Int)
        case kilograms(max: Double, remaining: Double)
        case closed
    }

    // Stock
    case stockInsufficient(lot: UUID, movement: String)
    case lotRecalled(lot: UUID, byWorkshop: Bool)
    case lotNotQuarantined(lot: UUID, status: String)
    // Catalogue
    case productCodeTaken(code: String, product: String?)
    case csvInvalid(problems: [String])
    // Ordering
    case beforeCutoff(window: UUID, cutoff: Date)
    case alreadyAllocated(window: UUID)
    case windowNotOpen(window: UUID, opensAt: Date)
    case afterCutoff(window: UUID, cutoff: Date?)
    case windowFull(window: UUID, limit: WindowLimit)
    case orderNotDraft(order: UUID, status: String)
    case orderNotCancellable(order: UUID, status: String)
    case orderStatus(order: UUID, status: String, expected: String)
    case quotaExceeded(field: String, product: String, quantity: Int, quota: Int)
    /// A line asks more units of a product than one order may hold.
    case aboveMaxPerOrder(field: String, product: String, limit: Int)
    // Donations
    case pickupStatus(pickup: UUID, status: String)
    case sortingMismatch(sortedGrams: Int, receivedGrams: Int)
    case weightDifferenceUnexplained(driverGrams: Int, sortedGrams: Int, toleranceGrams: Int)
    case useByTooClose(line: Int, useBy: String, takeOver: Date, minimumHours: Int)
    case offerGone(offer: UUID)
    case offerDecided(offer: UUID, status: String)
    // Sharing
    case surplusStatus(surplus: UUID, status: String, action: String)
    case doubleBooking(equipment: UUID, startsAt: String, endsAt: String)
    case bookingClosed(booking: UUID, status: String)
    // Parcels
    case parcelStatus(request: UUID, status: String)
    case noComposition(householdSize: Int)
    case compositionOverlap(composition: UUID, name: String, householdMin: Int, householdMax: Int)
    case compositionRetired(composition: UUID)
    case stockShort(parcels: Int, shortages: [String])
    // Partner profiles
    case noPendingHouseholds(partner: UUID)

    var kind: ProblemKind {
        switch self {
        case .quotaExceeded, .sortingMismatch, .weightDifferenceUnexplained, .useByTooClose, .stockShort, .csvInvalid: .ruleViolation
        case .aboveMaxPerOrder: .invalid
        default: .conflict
        }
    }

    var code: String {
        switch self {
        case .stockInsufficient: "stock_insufficient"
        case .lotRecalled: "lot_recalled"
        case .lotNotQuarantined: "lot_not_quarantined"
        case .productCodeTaken: "product_code_taken"
        case .csvInvalid: "csv_invalid"
        case .beforeCutoff: "before_cutoff"
        case .alreadyAllocated: "already_allocated"
        case .windowNotOpen: "window_not_open"
        case .afterCutoff: "after_cutoff"
        case .windowFull: "window_full"
        case .orderNotDraft: "order_not_draft"
        case .orderNotCancellable: "order_not_cancellable"
        case .orderStatus: "order_status"
        case .quotaExceeded: "quota_exceeded"
        case .aboveMaxPerOrder: "above_max_per_order"
        case .pickupStatus: "pickup_status"
        case .sortingMismatch: "sorting_mismatch"
        case .weightDifferenceUnexplained: "weight_difference_unexplained"
        case .useByTooClose: "use_by_too_close"
        case .offerGone: "offer_gone"
        case .offerDecided: "offer_decided"
        case .surplusStatus: "surplus_status"
        case .doubleBooking: "double_booking"
        case .bookingClosed: "booking_closed"
        case .parcelStatus: "parcel_status"
        case .noComposition: "no_composition"
        case .compositionOverlap: "composition_overlap"
        case .compositionRetired: "composition_retired"
        case .stockShort: "stock_short"
        case .noPendingHouseholds: "no_pending_households"
        }
    }

    var message: String {
        switch self {
        case .stockInsufficient(let lot, let movement): "lot \(lot) does not hold enough units for this \(movement)"
        case .lotRecalled(_, byWorkshop: false): "the lot is recalled for good: a recall is never lifted"
        case .lotRecalled(_, byWorkshop: true): "the workshop that made this food recalled it: only a quarantine raised here is lifted"
        case .lotNotQuarantined(_, let status): "the lot is \(status), not quarantined"
        case .productCodeTaken(let code, nil): "a product with code \(code) exists"
        case .productCodeTaken(let code, let product?): "product \(product) has code \(code)"
        case .csvInvalid(let problems): "nothing imported: \(problems.count) problem(s)"
        case .beforeCutoff(_, let cutoff): "allocation runs after the cut-off (\(Instant.format(cutoff)))"
        case .alreadyAllocated: "the window is allocated"
        case .windowNotOpen(_, let opensAt): "the window opens at \(Instant.format(opensAt))"
        case .afterCutoff(_, let cutoff?): "the cut-off was \(Instant.format(cutoff))"
        case .afterCutoff(_, nil): "the cut-off has passed; ask the food bank"
        case .windowFull(_, .orders(let max)): "the window has reached its \(max) orders"
        case .windowFull(_, .kilograms(let max, let remaining)):
            "the warehouse can prepare \(Int(max)) kg in this window; \(Int(remaining)) kg remain"
        case .windowFull(_, .closed): "the window is closed: preparation capacity reached"
        case .orderNotDraft(_, let status): "the order is \(status); only a draft can be changed"
        case .orderNotCancellable(_, let status): "the order is \(status)"
        case .orderStatus(_, let status, let expected): "the order is \(status), not \(expected)"
        case .quotaExceeded(_, let product, let quantity, let quota): "\(quantity) units of \(product) is above your quota of \(quota)"
        case .aboveMaxPerOrder(_, let product, let limit): "at most \(limit) units of \(product) per order"
        case .pickupStatus(_, let status): "the pickup is \(status); sort it once it is received"
        case .sortingMismatch(let sorted, let received): "the sorted weights add up to \(sorted) g, not the \(received) g received"
        case .weightDifferenceUnexplained(let driver, let sorted, let tolerance):
            "the driver weighed \(driver) g and the sorting \(sorted) g: a difference above \(tolerance) g needs weightDifferenceReason"
        case .useByTooClose(let line, _, _, let hours): "line \(line) has less than \(hours) hours before its use-by date at take-over"
        case .offerGone: "another partner claimed this offer first"
        case .offerDecided(_, let status): "the offer is \(status)"
        case .surplusStatus(_, let status, let action): "the surplus is \(status): it cannot be \(action)ed now"
        case .doubleBooking(_, let startsAt, let endsAt): "already booked from \(startsAt) to \(endsAt)"
        case .bookingClosed(_, let status): "the booking is \(status): only a booking still to come or under way can be cancelled"
        case .parcelStatus(_, let status): "the request is \(status)"
        case .noComposition(let size): "no parcel composition for households of \(size)"
        case .compositionOverlap(_, let name, let min, let max):
            "the parcel \(name) already serves households of \(min) to \(max): change or retire it first"
        case .compositionRetired: "this parcel composition is retired"
        case .stockShort(let parcels, _): "not enough stock for \(parcels) parcel(s)"
        case .noPendingHouseholds: "the partner has no households count waiting for approval"
        }
    }

    var field: String? {
        switch self {
        case .weightDifferenceUnexplained: "weightDifferenceReason"
        case .aboveMaxPerOrder(let field, _, _): field
        default: nil
        }
    }

    var details: [String]? {
        switch self {
        case .csvInvalid(let problems): problems
        case .quotaExceeded(let field, _, _, let quota): ["\(field): quota \(quota); send acknowledgeQuota: true to order anyway"]
        case .sortingMismatch: ["stock, processing and unfit must add up to receivedKg to the gram"]
        case .useByTooClose(let line, let useBy, let takeOver, _): ["line \(line): use-by \(useBy), taken over \(Instant.format(takeOver))"]
        case .stockShort(_, let shortages): shortages
        default: nil
        }
    }

    var values: [String: ErrorValue] {
        switch self {
        case .stockInsufficient(let lot, let movement): ["lotId": .of(lot), "movement": .text(movement)]
        case .lotRecalled(let lot, let byWorkshop): ["lotId": .of(lot), "recalledBy": byWorkshop ? "workshop" : "food_bank"]
        case .lotNotQuarantined(let lot, let status): ["lotId": .of(lot), "status": .text(status)]
        case .productCodeTaken(let code, let product):
            ["code": .text(code)].merging(product.map { ["productId": .text($0)] } ?? [:]) { a, _ in a }
        case .csvInvalid(let problems): ["problems": .texts(problems)]
        case .beforeCutoff(let window, let cutoff): ["windowId": .of(window), "cutoffAt": .text(Instant.format(cutoff))]
        case .alreadyAllocated(let window): ["windowId": .of(window)]
        case .windowNotOpen(let window, let opensAt): ["windowId": .of(window), "opensAt": .text(Instant.format(opensAt))]
        case .afterCutoff(let window, let cutoff):
            ["windowId": .of(window)].merging(cutoff.map { ["cutoffAt": .text(Instant.format($0))] } ?? [:]) { a, _ in a }
        case .windowFull(let window, .orders(let max)): ["windowId": .of(window), "maxOrders": .integer(max)]
        case .windowFull(let window, .kilograms(let max, let remaining)):
            ["windowId": .of(window), "maxKg": .number(max), "remainingKg": .number(remaining)]
        case .windowFull(let window, .closed): ["windowId": .of(window)]
        case .orderNotDraft(let order, let status), .orderNotCancellable(let order, let status):
            ["orderId": .of(order), "status": .text(status)]
        case .orderStatus(let order, let status, let expected):
            ["orderId": .of(order), "status": .text(status), "expected": .text(expected)]
        case .quotaExceeded(let field, let product, let quantity, let quota):
            ["field": .text(field), "product": .text(product), "quantity": .integer(quantity), "quota": .integer(quota)]
        case .aboveMaxPerOrder(let field, let product, let limit):
            ["field": .text(field), "product": .text(product), "limit": .integer(limit)]
        case .pickupStatus(let pickup, let status): ["pickupId": .of(pickup), "status": .text(status)]
        case .weightDifferenceUnexplained(let driver, let sorted, let tolerance):
            ["driverGrams": .integer(driver), "sortedGrams": .integer(sorted), "toleranceGrams": .integer(tolerance)]
        case .sortingMismatch(let sorted, let received):
            ["sortedGrams": .integer(sorted), "receivedGrams": .integer(received)]
        case .useByTooClose(let line, let useBy, let takeOver, let hours):
            ["line": .integer(line), "useBy": .text(useBy), "takeOverAt": .text(Instant.format(takeOver)), "minimumHours": .integer(hours)]
        case .offerGone(let offer): ["offerId": .of(offer)]
        case .offerDecided(let offer, let status): ["offerId": .of(offer), "status": .text(status)]
        case .surplusStatus(let surplus, let status, let action):
            ["surplusId": .of(surplus), "status": .text(status), "action": .text(action)]
        case .bookingClosed(let booking, let status): ["bookingId": .of(booking), "status": .text(status)]
        case .doubleBooking(let equipment, let startsAt, let endsAt):
            ["equipmentId": .of(equipment), "startsAt": .text(startsAt), "endsAt": .text(endsAt)]
        case .parcelStatus(let request, let status): ["requestId": .of(request), "status": .text(status)]
        case .noComposition(let size): ["householdSize": .integer(size)]
        case .compositionOverlap(let composition, let name, let min, let max):
            ["compositionId": .of(composition), "name": .text(name), "householdMin": .integer(min), "householdMax": .integer(max)]
        case .compositionRetired(let composition): ["compositionId": .of(composition)]
        case .stockShort(let parcels, let shortages): ["parcels": .integer(parcels), "shortages": .texts(shortages)]
        case .noPendingHouseholds(let partner): ["partnerId": .of(partner)]
        }
    }
}
