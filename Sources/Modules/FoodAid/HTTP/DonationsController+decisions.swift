import CollectoKernel
import Foundation
import Hummingbird

extension DonationsController {
    /// The food bank's decisions on offers, and partners' claims.
    func addDecisions(to endpoints: Endpoints<AuthenticatedContext>) {
        endpoints.post(
            "offers/{id}/accept", summary: "Accept an offer in whole or part: a pickup task is created", status: .ok,
            body: OfferService.Acceptance.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let acceptance = try await request.decodeJSON(OfferService.Acceptance.self, context: context)
            return try await donations.accept(id, acceptance, by: context.caller)
        }
        endpoints.post("offers/{id}/decline", summary: "Decline an offer, saying why", status: .ok, body: Reason.self) { request, context in
            let id = try context.uuid("id")
            let reason = try await request.decodeJSON(Reason.self, context: context)
            return try await donations.decline(id, reason: reason.reason, by: context.caller)
        }
        endpoints.post("offers/{id}/broadcast", summary: "Offer it to the partners near the donor instead", status: .ok) { _, context in
            try await donations.broadcast(try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "offers/{id}/claim", summary: "Claim a broadcast offer for a partner (first come, first served)", status: .ok, body: Claim.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let claim = try await request.decodeJSON(Claim.self, context: context)
            return try await donations.claim(id, for: claim.organisationId, by: context.caller)
        }
        endpoints.get("settings/donations", summary: "Donation rules: use-by margin at take-over, broadcast radius") { _, context in
            try await donations.donationRules(by: context.caller)
        }
        endpoints.put("settings/donations", summary: "Change the donation rules", body: DonationRules.self) { request, context in
            let rules = try await request.decodeJSON(DonationRules.self, context: context)
            return try await donations.changeDonationRules(rules, by: context.caller)
        }
    }

    /// Pickups: listing, regular scheduling, sorting.
    func addPickups(to endpoints: Endpoints<AuthenticatedContext>) {
        endpoints.get("pickups", summary: "Pickups (donors: their own)", query: APIParameter.page + [.date("day"), .uuid("donorId")]) {
            request, context in
            let day = try request.query("day", CalendarDate.init)
            let donor = try request.query("donorId") { UUID(uuidString: $0) }
            let page = try request.page()
            return try await donations.pickups(day: day, donor: donor, page: page, by: context.caller)
        }
        endpoints.get("pickups/{id}", summary: "One pickup: both weighings once sorted, and why they differ") { _, context in
            try await donations.pickup(try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "pickups/schedule", summary: "Create the regular pickups of donors' usual days in a period", status: .ok, body: Schedule.self
        ) {
            request, context in
            let schedule = try await request.decodeJSON(Schedule.self, context: context)
            return try await donations.scheduleRegularPickups(
                from: schedule.from, until: schedule.until, warehouse: schedule.warehouseSiteId, estimatedKg: schedule.estimatedKg,
                by: context.caller)
        }
        endpoints.post(
            "pickups/{id}/sorting", summary: "Sort a received pickup into stock, processing and unfit food", status: .ok,
            body: SortingService.Sorting.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let sorting = try await request.decodeJSON(SortingService.Sorting.self, context: context)
            return try await donations.sort(id, sorting, by: context.caller)
        }
    }
}
