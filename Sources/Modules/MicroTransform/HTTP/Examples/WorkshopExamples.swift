import CollectoKernel
import Foundation

// The examples the API description shows for the workshop's request bodies:
// what its manager and cooks would send on the deployment's data.

extension WorkshopRegistration: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"organisationId": "\#(ids[.workshop])", "siteId": "\#(ids[.kitchen])", "dailyCapacityKg": 400}"#
    }
}

extension WorkshopChange: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"dailyCapacityKg": 450}"# }
}

extension ResourceService.EquipmentInput: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"name": "Marmite \#(ids.today.description)", "type": "kettle", "capacityKg": 150}"#
    }
}

extension ResourceService.UnavailabilityInput: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"day": "\#(ids.day(5))", "from": "08:00", "until": "12:00", "reason": "détartrage"}"#
    }
}

extension ResourceService.ShiftInput: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"day": "\#(ids.day(6))", "from": "08:00", "until": "16:00", "cooks": 3}"#
    }
}

extension RecipesController.Closure: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"day": "\#(ids.day(20))", "reason": "inventaire"}"# }
}

extension RecipeInput: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { pumpkin("Soupe", code: "POTIRON", ids) }

    public static func changeExample(_ ids: ExampleIDs) -> String { pumpkin("Velouté", code: "VELOUTE", ids) }

    private static func pumpkin(_ dish: String, code: String, _ ids: ExampleIDs) -> String {
        """
        {"name": "\(dish) de potiron \(ids.today.description)", "produceKind": "vegetables", "productName": "potiron",
         "minProduceShare": 0.6, "maxProduceShare": 0.9, "addedIngredients": "eau, sel, crème", "yield": 1.1,
         "minBatchKg": 20, "maxBatchKg": 120, "staff": 2,
         "steps": [{"name": "épluchage", "equipmentType": "prep_table", "minutes": 45},
                   {"name": "cuisson", "equipmentType": "kettle", "minutes": 60},
                   {"name": "stérilisation", "equipmentType": "autoclave", "minutes": 90}],
         "output": {"name": "\(dish) de potiron 1 L", "productCode": "ATELIER-\(code)-\(ids.today.year)", "packaging": "bocal 1 L",
                    "unitKg": 1, "shelfLifeDays": 365, "dateKind": "best_before", "temperature": "ambient"},
         "limits": {"minCookingCelsius": 90, "minCookingMinutes": 30, "maxCoolingMinutes": 120}}
        """
    }
}

extension IntakeService.Declaration: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"sourceSiteId": "\(ids[.donorSite])", "productName": "pommes", "produceKind": "fruit", "kg": 35, "spoilDate": "\(ids.day(4))"}
        """
    }
}

extension IntakeService.Acceptance: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"produceKind": "vegetables", "spoilDate": "\#(ids.day(3))"}"# }
}

extension IntakeController.WeighIn: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"kg": 28.4}"# }
}

extension IntakeController.Refusal: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"reason": "trop abîmé pour la cuisson"}"# }
}

extension PlanningService.PlanRequest: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"from": "\#(ids.day(1))", "days": 7}"# }
}

extension PlanningService.Move: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"day": "\#(ids.day(2))", "start": "09:00"}"# }
}

extension PlanningService.ManualBatch: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"recipeId": "\(ids[.recipe])", "day": "\(ids.day(1))", "start": "09:00", "equipment": ["\(ids[.kettle])"],
         "inputs": [{"lotId": "\(ids[.inputLot])", "kg": 10}], "addedKg": 2}
        """
    }
}

extension BatchRunService.Start: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"addedKg": 2}"# }
}

extension BatchRunService.Finish: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"outputUnits": 40, "wasteKg": 3.2, "evaporationKg": 1.5,
         "haccp": {"cookingCelsius": 95, "cookingMinutes": 60, "coolingMinutes": 90, "coreCelsius": 72, "ph": 4.2}}
        """
    }
}

extension BatchRunService.Decision: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"reason": "relevés HACCP vérifiés"}"# }
}

extension Genealogy.RecallRequest: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"inputLotId": "\#(ids[.inputLot])", "reason": "alerte pesticides"}"# }
}
