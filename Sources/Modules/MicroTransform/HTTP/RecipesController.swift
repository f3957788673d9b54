import CollectoKernel
import Foundation
import Hummingbird

/// Recipes, equipment with its calendar (and its retirement), shifts and closed days.
struct RecipesController {
    struct Closure: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case day, reason }
        var day: CalendarDate
        var reason: String
    }

    let recipes: RecipeUseCases
    let resources: ResourceUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "microtransform")
        endpoints.get("workshops/{workshopId}/recipes", summary: "The workshop's recipes") { _, context in
            try await recipes.recipes(try context.uuid("workshopId"), by: context.caller)
        }
        endpoints.post("workshops/{workshopId}/recipes", summary: "Define a recipe", body: RecipeInput.self) { request, context in
            let workshop = try context.uuid("workshopId")
            let input = try await request.decodeJSON(RecipeInput.self, context: context)
            return try await recipes.create(input, at: workshop, by: context.caller)
        }
        endpoints.put("recipes/{id}", summary: "Change a recipe", body: RecipeInput.self) { request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(RecipeInput.self, context: context)
            return try await recipes.update(id, input, by: context.caller)
        }
        endpoints.get("workshops/{workshopId}/equipment", summary: "Equipment with its unavailable times") { _, context in
            try await resources.equipment(try context.uuid("workshopId"), by: context.caller)
        }
        endpoints.post("workshops/{workshopId}/equipment", summary: "Add equipment", body: ResourceService.EquipmentInput.self) {
            request, context in
            let workshop = try context.uuid("workshopId")
            let input = try await request.decodeJSON(ResourceService.EquipmentInput.self, context: context)
            return try await resources.addEquipment(input, at: workshop, by: context.caller)
        }
        endpoints.post(
            "equipment/{id}/unavailability", summary: "Mark equipment unavailable (a day, or times of a day)", status: .ok,
            body: ResourceService.UnavailabilityInput.self
        ) { request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(ResourceService.UnavailabilityInput.self, context: context)
            return try await resources.markUnavailable(id, input, by: context.caller)
        }
        endpoints.delete(
            "equipment/{id}/unavailability/{entryId}", summary: "Delete an unavailable time of a piece of equipment"
        ) { _, context in
            try await resources.deleteUnavailability(try context.uuid("entryId"), of: try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "equipment/{id}/retire", summary: "Retire equipment: no new batch on it, planned ones move", status: .ok
        ) { _, context in
            try await resources.retire(try context.uuid("id"), by: context.caller)
        }
        endpoints.delete("shifts/{id}", summary: "Delete a shift of cooks; planned batches that needed it move") { _, context in
            try await resources.deleteShift(try context.uuid("id"), by: context.caller)
        }
        endpoints.get("workshops/{workshopId}/shifts", summary: "Cooks' shifts (?from=&until=)", query: [.date("from"), .date("until")]) {
            request, context in
            let workshop = try context.uuid("workshopId")
            let from = try request.query("from", CalendarDate.init)
            let until = try request.query("until", CalendarDate.init)
            return try await resources.shifts(workshop, from: from, until: until, by: context.caller)
        }
        endpoints.post("workshops/{workshopId}/shifts", summary: "Add a shift of cooks", body: ResourceService.ShiftInput.self) {
            request, context in
            let workshop = try context.uuid("workshopId")
            let input = try await request.decodeJSON(ResourceService.ShiftInput.self, context: context)
            return try await resources.addShift(input, at: workshop, by: context.caller)
        }
        endpoints.get("workshops/{workshopId}/closures", summary: "Days the workshop is closed") { _, context in
            try await resources.closures(try context.uuid("workshopId"), by: context.caller)
        }
        endpoints.post("workshops/{workshopId}/closures", summary: "Close the workshop for a day", status: .ok, body: Closure.self) {
            request, context in
            let workshop = try context.uuid("workshopId")
            let input = try await request.decodeJSON(Closure.self, context: context)
            return try await resources.close(ClosedDay(day: input.day, reason: input.reason), at: workshop, by: context.caller)
        }
        endpoints.delete("workshops/{workshopId}/closures/{day}", summary: "Open a closed day again", pathParameters: [.date("day")]) {
            _, context in
            try await resources.reopen(context.parameters.get("day") ?? "", at: try context.uuid("workshopId"), by: context.caller)
        }
        return endpoints
    }
}
