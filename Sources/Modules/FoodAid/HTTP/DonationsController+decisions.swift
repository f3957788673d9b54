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
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let offer = try await offers.accept(id, acceptance, in: tx)
                try await tx.audit(offer.status.rawValue, entity: "foodaid.offer", id: id.uuidString, organisation: offer.donorId)
                return offer
            }
        }
        endpoints.post("offers/{id}/decline", summary: "Decline an offer, saying why", status: .ok, body: Reason.self) { request, context in
            let id = try context.uuid("id")
            let reason = try await request.decodeJSON(Reason.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let offer = try await offers.decline(id, reason: reason.reason, in: tx)
                try await tx.audit(
                    "decline", entity: "foodaid.offer", id: id.uuidString, organisation: offer.donorId, details: reason.reason)
                return offer
            }
        }
        endpoints.post("offers/{id}/broadcast", summary: "Offer it to the partners near the donor instead", status: .ok) { _, context in
            let id = try context.uuid("id")
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let offer = try await offers.broadcast(id, in: tx)
                try await tx.audit("broadcast", entity: "foodaid.offer", id: id.uuidString, organisation: offer.donorId)
                return offer
            }
        }
        endpoints.post(
            "offers/{id}/claim", summary: "Claim a broadcast offer for a partner (first come, first served)", status: .ok, body: Claim.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let claim = try await request.decodeJSON(Claim.self, context: context)
            guard FoodAidAccess.mayOrder(for: claim.organisationId, context.caller) else {
                throw KernelError.forbidden("you cannot claim for this organisation")
            }
            return try await units.write(by: context.caller) { tx in
                let offer = try await offers.claim(id, by: claim.organisationId, in: tx)
                try await tx.audit("claim", entity: "foodaid.offer", id: id.uuidString, organisation: claim.organisationId)
                return offer
            }
        }
        endpoints.get("settings/donations", summary: "Donation rules: use-by margin at take-over, broadcast radius") { _, _ in
            try await units.read { db in try await DonationRules.load(in: db) }
        }
        endpoints.put("settings/donations", summary: "Change the donation rules", body: DonationRules.self) { request, context in
            let rules = try await request.decodeJSON(DonationRules.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                try await rules.save(in: tx)
                try await tx.audit("update", entity: "foodaid.settings", id: "donation_rules", organisation: nil)
                return rules
            }
        }
    }

    /// Pickups: listing, regular scheduling, sorting.
    func addPickups(to endpoints: Endpoints<AuthenticatedContext>) {
        endpoints.get("pickups", summary: "Pickups (donors: their own)", query: ["limit", "offset", "day", "donorId"]) { request, context in
            let day = try request.query("day", CalendarDate.init)
            let donor = try request.query("donorId") { UUID(uuidString: $0) }
            let caller = context.caller
            let page = try request.page()
            return try await units.read { db in
                try await PickupService(tasks: tasks, timeZone: timeZone).list(day: day, donor: donor, in: db).filter {
                    caller.canRead($0.donorId)
                }
            }.paged(page)
        }
        endpoints.post(
            "pickups/schedule", summary: "Create the regular pickups of donors' usual days in a period", status: .ok, body: Schedule.self
        ) {
            request, context in
            let schedule = try await request.decodeJSON(Schedule.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let created = try await PickupService(tasks: tasks, timeZone: timeZone).scheduleRegular(
                    from: schedule.from, until: schedule.until, warehouse: schedule.warehouseSiteId,
                    estimatedKg: schedule.estimatedKg ?? 100, in: tx)
                try await tx.audit("schedule", entity: "foodaid.pickup", id: nil, organisation: nil, details: "\(created.count) pickup(s)")
                return created
            }
        }
        endpoints.post(
            "pickups/{id}/sorting", summary: "Sort a received pickup into stock, processing and unfit food", status: .ok,
            body: SortingService.Sorting.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let sorting = try await request.decodeJSON(SortingService.Sorting.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let result = try await SortingService(
                    stock: StockService(rules: try await CategoryRules().shelfLife(in: tx)), timeZone: timeZone
                )
                .sort(id, sorting, in: tx)
                try await tx.audit(
                    "sort", entity: "foodaid.pickup", id: id.uuidString, organisation: result.pickup.donorId,
                    details: "\(result.gramsToStock) g stock, \(result.gramsToProcessing) g processing, \(result.gramsUnfit) g unfit")
                return result
            }
        }
    }
}
