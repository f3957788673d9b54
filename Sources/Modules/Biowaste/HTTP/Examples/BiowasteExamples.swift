import CollectoKernel
import Foundation

// The examples the API description shows for the biowaste request bodies:
// what a city service and its collection points would send on the deployment's data.

extension DestinationStore.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"siteId": "\(ids[.treatmentSite])", "treatment": "composting", "accepts": ["unfit_food", "peelings"], "dailyCapacityKg": 8000}
        """
    }
}

extension PickupsController.PlanRequest: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"day": "\#(ids.day(1))", "forecastDays": 3}"# }
}

extension CollectionService.Recording: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"containers": [{"containerId": "\#(ids[.container])", "kg": 42.5}]}"#
    }
}

extension PointService.PointInput: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"siteId": "\#(ids[.partnerSite])", "expectedKgPerWeek": 60}"# }
}

extension PointService.ContainerInput: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"type": "bac 240 L", "volumeLitres": 240, "count": 2, "handling": "swap"}"#
    }
}

extension PointService.Request: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"containerId": "\#(ids[.container])", "fillLevel": 0.8, "note": "bac presque plein"}"#
    }
}

extension PointService.ScheduleInput: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"everyDays": 7, "firstDay": "\#(ids.day(2))"}"# }
}

extension RegisterService.Correction: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"kg": 41.8, "reason": "pesée refaite au quai"}"# }
}

extension PointsController.ScheduleRun: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"from": "\#(ids.day(1))", "until": "\#(ids.day(7))"}"# }
}
