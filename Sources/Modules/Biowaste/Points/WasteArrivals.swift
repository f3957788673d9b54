import CollectoKernel
import Foundation

/// Unfit food from sorting and losses from processing (kernel
/// ``BiowasteProduced`` events) become waste waiting at the producing site,
/// which becomes a collection point if it was not one.
///
/// Waste reported only after a collection that was made at the site since it
/// was produced (a relay catching up on a backlog) went with that collection:
/// it is recorded against it rather than left waiting for a pickup nobody needs.
enum WasteArrivals {
    static func handler(timeZone: TimeZone) -> EventHandler {
        EventHandler.on(BiowasteProduced.self, name: "biowaste.arrivals") { event, envelope, tx in
            guard event.kg > 0, try await SiteService().get(event.siteId, in: tx) != nil else { return }
            guard try await tx.queryFirst("SELECT id FROM biowaste_arrivals WHERE event_id = ?", [envelope.id]) == nil else { return }
            try await PointService.ensurePoint(event.siteId, in: tx)
            let waste = try await PointService.addWaiting(
                site: event.siteId, source: "event", eventID: envelope.id, nature: event.nature, kg: event.kg, fillLevel: nil,
                container: nil, note: "\(event.sourceModule): \(event.reason ?? event.sourceReference)",
                due: CalendarDate(event.producedAt, in: timeZone), producedBy: (event.sourceModule, event.sourceReference), in: tx)
            if let taken = try await tx.queryFirst(
                """
                SELECT id FROM biowaste_pickups WHERE site_id = ? AND status IN ('collected', 'delivered') AND collected_at >= ?
                ORDER BY collected_at, id LIMIT 1
                """, [event.siteId, event.producedAt])
            {
                try await tx.execute(
                    "UPDATE biowaste_arrivals SET status = 'collected', pickup_id = ? WHERE id = ?", [try taken.uuid("id"), waste.id])
            }
        }
    }
}
