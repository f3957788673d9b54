import Foundation

/// What a driver may record on board: a weight above the vehicle's capacity
/// plus 10% is a typing slip (5,000 kg on a 100 kg van) and is refused; above
/// the capacity itself it may be true (a heavy day, a scale's error) but needs
/// a reason in the entry's note.
struct VehicleLoad {
    /// The share above capacity refused outright.
    static let tolerance = 0.10

    let capacityKg: Double

    var ceilingKg: Double { capacityKg * (1 + Self.tolerance) }

    /// Checks the stop's entries against the load already on board (the
    /// round's recorded stops: pickups in, drops out).
    func check(_ completion: StopCompletion, at stop: Round.Stop, of round: Round) throws {
        var onBoard = 0.0
        for recorded in round.stops where recorded.completedAt != nil && recorded.id != stop.id {
            for action in recorded.actions {
                guard let kg = action.actualKg else { continue }
                onBoard = max(0, onBoard + (action.action == .pickup ? kg : -kg))
            }
        }
        for entry in completion.entries where entry.action == .drop {
            onBoard = max(0, onBoard - (entry.actualKg ?? 0))
        }
        var loaded: [(index: Int, note: String?)] = []
        for (index, entry) in completion.entries.enumerated() where entry.action == .pickup {
            guard let kg = entry.actualKg else { continue }
            guard kg <= ceilingKg else {
                throw KernelError.invalid(
                    field: "entries[\(index)].actualKg",
                    message: "\(Self.kg(kg)) kg is more than this vehicle carries (\(Self.kg(capacityKg)) kg, 10% over at most)")
            }
            onBoard += kg
            loaded.append((index, entry.note))
        }
        guard onBoard > capacityKg, let first = loaded.first else { return }
        guard onBoard <= ceilingKg else {
            throw KernelError.invalid(
                field: "entries[\(first.index)].actualKg",
                message: "the vehicle would carry \(Self.kg(onBoard)) kg, more than its \(Self.kg(capacityKg)) kg and 10% over")
        }
        if loaded.allSatisfy({ ($0.note ?? "").trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw KernelError.invalid(
                field: "entries[\(first.index)].note",
                message: "\(Self.kg(onBoard)) kg on board is above the vehicle's \(Self.kg(capacityKg)) kg capacity: say why in the note")
        }
    }

    static func kg(_ value: Double) -> String {
        Grams.kg(Grams.of(kg: value)).formatted(.number.grouping(.never))
    }
}
