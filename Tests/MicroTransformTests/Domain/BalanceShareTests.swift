import Testing

@testable import MicroTransform

/// A batch that mixed several sources is shared between them: every term's
/// shares add up to the term, each source's produce is what it gave, and a
/// source's equation closes whenever the batch's does.
@Suite struct BalanceShareTests {
    typealias Terms = ProcessingBalance.Terms

    /// A small deterministic generator, so that a failure always comes back.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    @Test func sharesAddUpAndCloseForEverySplit() {
        var random = Generator(state: 42)
        for _ in 0..<2_000 {
            let parts = (0..<Int.random(in: 1...4, using: &random)).map { _ in Int.random(in: 1...40_000, using: &random) }
            let produce = parts.reduce(0, +)
            let added = Int.random(in: 0...30_000, using: &random)
            let output = Int.random(in: 0...(produce + added), using: &random)
            let waste = Int.random(in: 0...(produce + added - output), using: &random)
            let measured = Bool.random(using: &random)
            let unaccounted = measured ? Int.random(in: -50...50, using: &random) : 0
            let evaporation = produce + added - output - waste - unaccounted
            let tampered = Int.random(in: 0...1, using: &random) * Int.random(in: -9...9, using: &random)
            let batch = Terms(
                produce: produce, added: added, output: output + tampered, waste: waste,
                evaporationMeasured: measured ? evaporation : 0, evaporationEstimated: measured ? 0 : evaporation, unaccounted: unaccounted
            )
            var before = 0
            var sum = Terms()
            for part in parts {
                let share = batch.share(before: before, part: part)
                #expect(share.produce == part)
                if tampered == 0 { #expect(share.left == share.right, "\(batch) \(parts)") }
                sum = sum + share
                before += part
            }
            #expect(sum == batch, "\(parts)")
        }
    }

    @Test func aSingleSourceTakesTheWholeBatch() {
        let batch = Terms(produce: 30_000, added: 12_345, output: 38_000, waste: 1_500, evaporationMeasured: 2_800, unaccounted: 45)
        #expect(batch.share(before: 0, part: 30_000) == batch)
    }
}
