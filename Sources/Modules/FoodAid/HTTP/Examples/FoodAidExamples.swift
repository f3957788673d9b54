import CollectoKernel
import Foundation

// The examples the API description shows for FoodAid's request bodies: what
// the food bank's staff, a partner or a donor would send on the deployment's data.

extension CatalogueService.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"code": "LENT-500-\(ids.today.description)", "name": "Lentilles vertes 500 g", "category": "dry_grocery", "unit": "sachet",
         "unitWeightKg": 0.5, "temperature": "ambient", "fundingOrigin": "donation", "active": true, "maxPerOrder": 40}
        """
    }

    public static func changeExample(_ ids: ExampleIDs) -> String {
        """
        {"code": "LENT-1KG-\(ids.today.description)", "name": "Lentilles vertes 1 kg", "category": "dry_grocery", "unit": "sachet",
         "unitWeightKg": 1, "temperature": "ambient", "fundingOrigin": "donation", "active": true, "maxPerOrder": 20}
        """
    }
}

extension CategoryRules.Rule: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"bestBeforeGraceDays": 60, "contributionPerKg": 0.12, "giftValuePerKg": 3.5}"#
    }
}

extension StockService.Receipt: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"productId": "\(ids[.product])", "siteId": "\(ids[.warehouse])", "quantity": 24, "kg": 12.35,
         "bestBefore": "\(ids.day(180))", "originKind": "purchase", "originReference": "facture 2026-118"}
        """
    }
}

extension StockUseCases.Correction: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"kind": "loss", "change": -1, "reason": "sachet percé"}"#
    }
}

extension LiftQuarantine.Request: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"reason": "analyse du laboratoire négative"}"# }
}

extension RecallService.Request: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"lotIds": ["\#(ids[.lot])"], "reason": "alerte du fournisseur", "final": false}"#
    }
}

extension WindowService.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"name": "Commande de la semaine", "warehouseSiteId": "\(ids[.warehouse])", "opensAt": "\(ids.instant(hours: 0))",
         "cutoffAt": "\(ids.instant(hours: 48))", "deliveryDay": "\(ids.day(4))", "fulfilment": "delivery", "maxOrders": 200,
         "partnerIds": ["\(ids[.partner])"]}
        """
    }
}

extension OrderService.Draft: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"organisationId": "\#(ids[.partner])", "lines": [{"productId": "\#(ids[.product])", "quantity": 2}]}"#
    }
}

extension OrderService.Cancellation: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"reason": "le local est fermé cette semaine"}"# }
}

extension FulfilmentService.Receipt: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"lines": [{"productId": "\#(ids[.product])", "received": 2, "receivedKg": 1.0}]}"#
    }
}

extension OfferService.Declaration: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"donorId": "\(ids[.donor])", "siteId": "\(ids[.donorSite])", "availableFrom": "\(ids.instant(hours: 1))",
         "availableUntil": "\(ids.instant(hours: 9))",
         "lines": [{"category": "dry_grocery", "description": "pâtes et riz", "estimatedKg": 40, "bestBefore": "\(ids.day(200))"}]}
        """
    }
}

extension OfferService.Acceptance: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"warehouseSiteId": "\#(ids[.warehouse])"}"# }
}

extension DonationsController.Claim: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"organisationId": "\#(ids[.partner])"}"# }
}

extension DonationsController.Reason: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"reason": "pas de camion ce jour-là"}"# }
}

extension DonationsController.Schedule: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"from": "\#(ids.day(1))", "until": "\#(ids.day(14))", "warehouseSiteId": "\#(ids[.warehouse])", "estimatedKg": 60}"#
    }
}

extension SortingService.Sorting: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"receivedKg": 20, "stock": [{"productId": "\(ids[.product])", "quantity": 10, "kg": 12, "bestBefore": "\(ids.day(120))"}],
         "processing": [{"category": "fruit_vegetables", "productName": "carottes", "kg": 6, "remainingShelfLifeDays": 3}],
         "unfit": [{"kg": 2, "reason": "abîmé"}], "weightDifferenceReason": "la balance du camion pèse la caisse"}
        """
    }
}

extension DonationRules: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"broadcastRadiusKm": 15, "minimumUseByHours": 48}"# }
}

extension DonorProfile.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"donorType": "supermarket", "siteId": "\#(ids[.donorSite])", "usualPickupDays": ["tuesday", "friday"]}"#
    }
}

extension PartnerProfile.Update: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"households": 120, "beneficiaries": 310}"# }
}

extension PartnerQuota.Setting: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"unitsPerWindow": 24}"# }
}

extension PartnerProfile.Rejection: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"reason": "le bilan annuel compte 95 foyers"}"# }
}

extension ParcelComposition.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"name": "Colis de \(ids.today.description) pour 5 à 6 personnes", "householdMin": 19, "householdMax": 20,
         "lines": [{"productId": "\(ids[.product])", "quantity": 1}]}
        """
    }
}

extension ParcelRequest.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"referrerId": "\#(ids[.partner])", "householdSize": 3, "parcels": 1, "neededBy": "\#(ids.day(3))"}"#
    }
}

extension Surplus.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"organisationId": "\(ids[.partner])", "siteId": "\(ids[.partnerSite])", "description": "yaourts nature",
         "quantity": 24, "useBy": "\(ids.day(3))"}
        """
    }
}

extension SharingController.Actor: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"organisationId": "\#(ids[.partner])"}"# }
}

extension SharingController.Cancellation: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"reason": "la fête de quartier est reportée"}"# }
}

extension Equipment.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"ownerId": "\#(ids[.partner])", "siteId": "\#(ids[.partnerSite])", "name": "Chambre froide mobile", "kind": "cold_room"}"#
    }
}

extension EquipmentBooking.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"borrowerId": "\#(ids[.partner])", "startsAt": "\#(ids.instant(hours: 72))", "endsAt": "\#(ids.instant(hours: 80))"}"#
    }
}

extension TaxReceiptsController.Issue: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String { #"{"year": \#(ids.today.year)}"# }
}
