import CollectoKernel
import Foundation

/// Unfit food from sorting and losses from processing (kernel
/// ``BiowasteProduced`` events) become waste waiting at the producing site,
/// which becomes a collection point if it was not one.
enum WasteArrivals {
    static func handler(timeZone: TimeZone) -> EventHandler {
        EventHandler.on(BiowasteProduced.self, name: "biowaste.arrivals") { event, envelope, tx in
            guard event.kg > 0, try await SiteService().get(event.siteId, in: tx) != nil else { return }
            guard try await tx.queryFirst("SELECT id FROM biowaste_arrivals WHERE event_id = ?", [envelope.id]) == nil else { return }
            try await PointService.ensurePoint(event.siteId, in: tx)
            _ = try await PointService.addWaiting(
                site: event.siteId, source: "event", eventID: envelope.id, nature: event.nature, kg: event.kg, fillLevel: nil,
                container: nil, note: "\(event.sourceModule): \(event.reason ?? event.sourceReference)",
                due: CalendarDate(event.producedAt, in: timeZone), in: tx)
        }
    }
}
