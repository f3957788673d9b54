import CollectoKernel
import Foundation

/// Recipes' actions, so that the API and the pages share one rule for each:
/// the workshop's managers define and change recipes; its people and the food
/// bank's staff read them.
struct RecipeUseCases: Sendable {
    let units: UnitOfWorkRunner

    /// The workshop's recipes, inactive ones included.
    func recipes(_ workshop: UUID, by caller: Caller) async throws -> [Recipe] {
        try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: workshop)
        return try await units.read { db in
            try await Workshop.mustExist(workshop, in: db)
            return try await RecipeService.list(workshop: workshop, activeOnly: false, in: db)
        }
    }

    /// Defines a recipe.
    func create(_ input: RecipeInput, at workshop: UUID, by caller: Caller) async throws -> Recipe {
        try MicroTransformPermissions.manageRecipes.require(caller, atWorkshop: workshop)
        return try await units.write(by: caller) { tx in
            _ = try await Workshop.get(workshop, in: tx)
            let recipe = try await RecipeService().create(input, workshop: workshop, in: tx)
            try await tx.audit("create", entity: "microtransform.recipe", id: recipe.id.uuidString, organisation: workshop)
            return recipe
        }
    }

    /// Changes a recipe.
    func update(_ id: UUID, _ input: RecipeInput, by caller: Caller) async throws -> Recipe {
        try await units.write(by: caller) { tx in
            let current = try await RecipeService.load(id, in: tx)
            try MicroTransformPermissions.manageRecipes.require(caller, atWorkshop: current.workshopId)
            let recipe = try await RecipeService().update(id, input, in: tx)
            try await tx.audit("update", entity: "microtransform.recipe", id: id.uuidString, organisation: current.workshopId)
            return recipe
        }
    }
}
