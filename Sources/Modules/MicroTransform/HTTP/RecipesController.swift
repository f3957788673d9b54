import CollectoKernel
import Foundation
import Hummingbird

/// Recipes, equipment with its calendar, shifts and closed days.
struct RecipesController {
    struct Closure: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case day, reason }
        var day: CalendarDate
        var reason: String
    }

    let units: UnitOfWorkRunner

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "microtransform")
        let resources = ResourceService()
        endpoints.get("workshops/{workshopId}/recipes", summary: "The workshop's recipes") { _, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireReader(workshop, context.caller)
            return try await units.read { db in try await RecipeService.list(workshop: workshop, activeOnly: false, in: db) }
        }
        endpoints.post("workshops/{workshopId}/recipes", summary: "Define a recipe", body: RecipeInput.self) { request, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireManager(workshop, context.caller)
            let input = try await request.decodeJSON(RecipeInput.self, context: context)
            return try await units.write(by: context.caller) { tx in
                _ = try await Workshop.get(workshop, in: tx)
                let recipe = try await RecipeService().create(input, workshop: workshop, in: tx)
                try await tx.audit("create", entity: "microtransform.recipe", id: recipe.id.uuidString, organisation: workshop)
                return recipe
            }
        }
        endpoints.put("recipes/{id}", summary: "Change a recipe", body: RecipeInput.self) { request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(RecipeInput.self, context: context)
            return try await units.write(by: context.caller) { tx in
                let current = try await RecipeService.load(id, in: tx)
                try WorkshopAccess.requireManager(current.workshopId, context.caller)
                let recipe = try await RecipeService().update(id, input, in: tx)
                try await tx.audit("update", entity: "microtransform.recipe", id: id.uuidString, organisation: current.workshopId)
                return recipe
            }
        }
        endpoints.get("workshops/{workshopId}/equipment", summary: "Equipment with its unavailable times") { _, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireReader(workshop, context.caller)
            return try await units.read { db in try await ResourceService.equipment(workshop: workshop, in: db) }
        }
        endpoints.post("workshops/{workshopId}/equipment", summary: "Add equipment", body: ResourceService.EquipmentInput.self) {
            request, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireManager(workshop, context.caller)
            let input = try await request.decodeJSON(ResourceService.EquipmentInput.self, context: context)
            return try await units.write(by: context.caller) { tx in
                _ = try await Workshop.get(workshop, in: tx)
                let item = try await resources.addEquipment(input, workshop: workshop, in: tx)
                try await tx.audit("create", entity: "microtransform.equipment", id: item.id.uuidString, organisation: workshop)
                return item
            }
        }
        endpoints.post(
            "equipment/{id}/unavailability", summary: "Mark equipment unavailable (a day, or times of a day)", status: .ok,
            body: ResourceService.UnavailabilityInput.self
        ) { request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(ResourceService.UnavailabilityInput.self, context: context)
            return try await units.write(by: context.caller) { tx in
                guard let row = try await tx.queryFirst("SELECT workshop_id FROM microtransform_equipment WHERE id = ?", [id]) else {
                    throw KernelError.notFound(entity: "equipment", id: id.uuidString)
                }
                let workshop = try row.uuid("workshop_id")
                try WorkshopAccess.requireManager(workshop, context.caller)
                try await resources.addUnavailability(input, equipment: id, in: tx)
                try await tx.audit(
                    "unavailable", entity: "microtransform.equipment", id: id.uuidString, organisation: workshop, details: input.reason)
                return try await ResourceService.equipment(workshop: workshop, in: tx).first { $0.id == id }
            }
        }
        endpoints.get("workshops/{workshopId}/shifts", summary: "Cooks' shifts (?from=&until=)", query: ["from", "until"]) {
            request, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireReader(workshop, context.caller)
            let from = try request.query("from", CalendarDate.init) ?? CalendarDate(year: 2000, month: 1, day: 1)!
            let until = try request.query("until", CalendarDate.init) ?? CalendarDate(year: 2100, month: 1, day: 1)!
            return try await units.read { db in try await ResourceService.shifts(workshop: workshop, from: from, until: until, in: db) }
        }
        endpoints.post("workshops/{workshopId}/shifts", summary: "Add a shift of cooks", body: ResourceService.ShiftInput.self) {
            request, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireManager(workshop, context.caller)
            let input = try await request.decodeJSON(ResourceService.ShiftInput.self, context: context)
            return try await units.write(by: context.caller) { tx in
                _ = try await Workshop.get(workshop, in: tx)
                let shift = try await resources.addShift(input, workshop: workshop, in: tx)
                try await tx.audit("create", entity: "microtransform.shift", id: shift.id.uuidString, organisation: workshop)
                return shift
            }
        }
        endpoints.get("workshops/{workshopId}/closures", summary: "Days the workshop is closed") { _, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireReader(workshop, context.caller)
            return try await units.read { db in try await ResourceService.closures(workshop: workshop, in: db) }
        }
        endpoints.post("workshops/{workshopId}/closures", summary: "Close the workshop for a day", status: .ok, body: Closure.self) {
            request, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireManager(workshop, context.caller)
            let input = try await request.decodeJSON(Closure.self, context: context)
            return try await units.write(by: context.caller) { tx in
                _ = try await Workshop.get(workshop, in: tx)
                try await resources.close(ClosedDay(day: input.day, reason: input.reason), workshop: workshop, in: tx)
                try await tx.audit("close", entity: "microtransform.workshop", id: input.day.description, organisation: workshop)
                return try await ResourceService.closures(workshop: workshop, in: tx)
            }
        }
        return endpoints
    }
}
