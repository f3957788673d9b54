import CollectoKernel
import FoodAid
import Foundation
import Testing

@Suite struct ShelfLifeRulesTests {
    func lot(useBy: String? = nil, bestBefore: String? = nil, created: TimeInterval = 0) -> Lot {
        Lot(
            id: UUID(), productId: UUID(), siteId: UUID(), useBy: useBy.flatMap(CalendarDate.init),
            bestBefore: bestBefore.flatMap(CalendarDate.init),
            originKind: .purchase, originReference: "", status: .available, onHand: 10, reserved: 0,
            createdAt: Date(timeIntervalSince1970: created))
    }

    let day = CalendarDate("2026-03-10")!

    @Test func aLotPastItsUseByDateNeverGoesOut() {
        let rules = ShelfLifeRules()
        #expect(rules.mayGoOut(lot(useBy: "2026-03-10"), category: .dairy, on: day))
        #expect(!rules.mayGoOut(lot(useBy: "2026-03-09"), category: .dairy, on: day))
        #expect(!rules.mayGoOut(lot(useBy: "2026-03-09"), category: .dryGrocery, on: day))
    }

    @Test func aLotPastItsBestBeforeDateGoesOutOnlyWithinTheCategorysGrace() {
        let rules = ShelfLifeRules(graceDays: [.dryGrocery: 30])
        let pasta = lot(bestBefore: "2026-02-15")
        #expect(rules.mayGoOut(pasta, category: .dryGrocery, on: day))
        #expect(rules.isPastBestBefore(pasta, on: day))
        #expect(!rules.mayGoOut(lot(bestBefore: "2026-02-01"), category: .dryGrocery, on: day))
        #expect(!rules.mayGoOut(lot(bestBefore: "2026-03-09"), category: .baby, on: day))
    }

    @Test func fefoPutsTheFirstToExpireFirst() {
        let late = lot(useBy: "2026-04-01")
        let early = lot(bestBefore: "2026-03-12")
        let undated = lot()
        let sameDateOlder = lot(useBy: "2026-04-01", created: -100)
        #expect(ShelfLifeRules.fefo([undated, late, early, sameDateOlder]).map(\.id) == [early.id, sameDateOlder.id, late.id, undated.id])
    }
}
