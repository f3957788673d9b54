import CollectoKernel
import Foundation

/// The workshop's rules a request can break, each with the values a page needs
/// to say it in the user's language (`values`), a stable `code` that clients
/// match on (the codes the API always answered), and an English `message` for
/// logs and curl.
enum MicroTransformError: DomainError, Equatable {
    /// What was asked of a batch that is not in the status it needs.
    enum BatchAction: String, Sendable, Equatable {
        case start, finish, move, lock, unlock, delete, release, discard

        /// The status the batch must be in.
        var expected: BatchStatus {
            switch self {
            case .start, .move, .lock, .unlock, .delete: .planned
            case .finish: .running
            case .release, .discard: .quarantined
            }
        }
    }

    // Batches
    case batchStatus(batch: UUID, status: BatchStatus, action: BatchAction)
    case batchConflict(batch: UUID, day: CalendarDate, start: LocalTime)
    case batchRecalled(batch: UUID, reason: String?)
    case outputNotQuarantined(lot: UUID)
    /// A change would leave locked batches where they no longer fit (equipment, cooks, opening): the manager moves them first.
    case lockedBatchInTheWay(batches: [UUID])
    /// A batch made by hand breaks the plan's hard rules (each one in `details`).
    case batchBreaksRules(violations: [String])
    /// Equipment retired already.
    case equipmentRetired(equipment: UUID)
    // Intake
    case produceSpoiled(intake: UUID, spoilDate: CalendarDate)
    case intakeStatus(intake: UUID, status: IntakeStatus, expected: IntakeStatus)
    case intakeWithoutLot(intake: UUID, status: IntakeStatus)
    // Workshops
    /// The organisation has a workshop already: it is changed, not registered again.
    case workshopExists(organisation: UUID)
    /// Only an organisation of kind `processing_workshop` runs a workshop (`kind` nil: no such organisation).
    case notAWorkshop(organisation: UUID, kind: OrganisationKind?)
    /// A workshop cooks at one of its own organisation's sites (unknown sites included, so nothing is learnt of others').
    case notTheWorkshopsSite(site: UUID, organisation: UUID)

    var kind: ProblemKind {
        switch self {
        case .batchBreaksRules: .ruleViolation
        case .notAWorkshop, .notTheWorkshopsSite: .invalid
        default: .conflict
        }
    }

    var field: String? {
        switch self {
        case .workshopExists, .notAWorkshop: "organisationId"
        case .notTheWorkshopsSite: "siteId"
        default: nil
        }
    }

    var details: [String]? {
        switch self {
        case .batchBreaksRules(let violations): violations
        default: nil
        }
    }

    var code: String {
        switch self {
        case .batchStatus: "batch_status"
        case .batchConflict: "batch_conflict"
        case .batchRecalled: "batch_recalled"
        case .outputNotQuarantined: "output_recalled"
        case .lockedBatchInTheWay: "locked_batch_in_the_way"
        case .batchBreaksRules: "batch_breaks_rules"
        case .equipmentRetired: "equipment_retired"
        case .produceSpoiled: "spoiled"
        case .intakeStatus, .intakeWithoutLot: "intake_status"
        case .workshopExists: "workshop_exists"
        case .notAWorkshop: "not_a_workshop"
        case .notTheWorkshopsSite: "not_the_workshops_site"
        }
    }

    var message: String {
        switch self {
        case .batchStatus(_, let status, .start): "the batch is \(status.rawValue)"
        case .batchStatus(_, let status, .finish): "the batch is \(status.rawValue), not running"
        case .batchStatus(_, let status, .move): "only a planned batch can be moved; this one is \(status.rawValue)"
        case .batchStatus(_, _, .lock), .batchStatus(_, _, .unlock): "only a planned batch is locked or unlocked"
        case .batchStatus(_, _, .delete): "only a planned batch can be deleted"
        case .batchStatus(_, _, .release), .batchStatus(_, _, .discard): "only a quarantined batch is released or discarded"
        case .batchConflict: "the workshop is closed then, or equipment or cooks are taken at that time"
        case .batchRecalled(_, let reason):
            "the batch's output is recalled (\(reason ?? "an input was recalled")): it never goes out again"
        case .outputNotQuarantined(let lot): "the output lot \(lot) is not held in quarantine"
        case .lockedBatchInTheWay(let batches):
            "locked batches would no longer fit (\(batches.map(\.uuidString).joined(separator: ", "))): move or unlock them first"
        case .batchBreaksRules(let violations): "the batch breaks the plan's rules: \(violations.joined(separator: "; "))"
        case .equipmentRetired: "the equipment is retired already"
        case .produceSpoiled(_, let spoilDate): "the produce spoiled on \(spoilDate); refuse it instead"
        case .intakeStatus(_, let status, let expected): "the intake is \(status.rawValue), not \(expected.rawValue)"
        case .intakeWithoutLot: "the intake has no lot"
        case .workshopExists(let organisation): "the organisation \(organisation) has a workshop already"
        case .notAWorkshop(let organisation, nil): "no organisation \(organisation)"
        case .notAWorkshop(_, let kind?): "the organisation is a \(kind.rawValue), not a processing_workshop"
        case .notTheWorkshopsSite(let site, _): "the site \(site) is not one of the organisation's sites"
        }
    }

    var values: [String: ErrorValue] {
        switch self {
        case .batchStatus(let batch, let status, let action):
            [
                "batchId": .of(batch), "status": .text(status.rawValue), "action": .text(action.rawValue),
                "expected": .text(action.expected.rawValue),
            ]
        case .batchConflict(let batch, let day, let start): ["batchId": .of(batch), "day": .of(day), "start": .of(start)]
        case .batchRecalled(let batch, let reason):
            ["batchId": .of(batch)].merging(reason.map { ["recallReason": .text($0)] } ?? [:]) { a, _ in a }
        case .outputNotQuarantined(let lot): ["outputLotId": .of(lot)]
        case .lockedBatchInTheWay(let batches): ["batchIds": .texts(batches.map { $0.uuidString.lowercased() })]
        case .batchBreaksRules(let violations): ["violations": .texts(violations)]
        case .equipmentRetired(let equipment): ["equipmentId": .of(equipment)]
        case .produceSpoiled(let intake, let spoilDate): ["intakeId": .of(intake), "spoilDate": .of(spoilDate)]
        case .intakeStatus(let intake, let status, let expected):
            ["intakeId": .of(intake), "status": .text(status.rawValue), "expected": .text(expected.rawValue)]
        case .intakeWithoutLot(let intake, let status): ["intakeId": .of(intake), "status": .text(status.rawValue)]
        case .workshopExists(let organisation): ["organisationId": .of(organisation)]
        case .notAWorkshop(let organisation, let kind):
            ["organisationId": .of(organisation)].merging(kind.map { ["kind": .text($0.rawValue)] } ?? [:]) { a, _ in a }
        case .notTheWorkshopsSite(let site, let organisation): ["siteId": .of(site), "organisationId": .of(organisation)]
        }
    }
}
