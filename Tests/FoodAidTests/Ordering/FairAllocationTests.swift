import FoodAid
import Foundation
import Testing

@Suite struct FairAllocationTests {
    func request(_ requested: Int, households: Int, id: Int) -> FairAllocation.Request {
        let uuid = UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", id))!
        return .init(orderId: uuid, partnerId: uuid, requested: requested, households: households)
    }

    @Test func whenSupplySufficesEveryoneGetsWhatTheyAsked() {
        let shares = FairAllocation().allocate(
            available: 100, requests: [request(30, households: 10, id: 1), request(70, households: 500, id: 2)])
        #expect(shares.map(\.allocated) == [30, 70])
        #expect(shares.allSatisfy { $0.note.hasPrefix("supply sufficient") })
    }

    @Test func whenShortSupplyIsSharedByHouseholds() {
        let shares = FairAllocation().allocate(
            available: 60,
            requests: [request(50, households: 100, id: 1), request(50, households: 200, id: 2), request(50, households: 300, id: 3)])
        #expect(shares.map(\.allocated) == [10, 20, 30])
        #expect(shares.reduce(0) { $0 + $1.allocated } == 60)
    }

    @Test func nobodyGetsMoreThanAskedAndTheRestIsSharedAgain() {
        // B's share by households would be 40, but it asked for 5: the 35 go to A and C by households.
        let shares = FairAllocation().allocate(
            available: 80,
            requests: [request(100, households: 100, id: 1), request(5, households: 200, id: 2), request(100, households: 100, id: 3)])
        #expect(shares.map(\.allocated) == [38, 5, 37])
    }

    @Test func remaindersGoDeterministicallyInWholeUnits() {
        let requests = [request(10, households: 1, id: 1), request(10, households: 1, id: 2), request(10, households: 1, id: 3)]
        let first = FairAllocation().allocate(available: 10, requests: requests)
        let again = FairAllocation().allocate(available: 10, requests: requests.reversed())
        #expect(first.map(\.allocated).reduce(0, +) == 10)
        #expect(first.map(\.allocated).sorted() == [3, 3, 4])
        #expect(
            Dictionary(uniqueKeysWithValues: first.map { ($0.orderId, $0.allocated) })
                == Dictionary(uniqueKeysWithValues: again.map { ($0.orderId, $0.allocated) }))
    }

    @Test func nothingAvailableMeansNothingAllocated() {
        let shares = FairAllocation().allocate(available: 0, requests: [request(4, households: 50, id: 1)])
        #expect(shares.map(\.allocated) == [0])
        #expect(shares[0].note.contains("short"))
    }

    @Test func partnersWithoutDeclaredHouseholdsShareEquallyWhenNobodyDeclared() {
        let shares = FairAllocation().allocate(
            available: 6, requests: [request(10, households: 0, id: 1), request(10, households: 0, id: 2)])
        #expect(shares.map(\.allocated) == [3, 3])
    }
}
