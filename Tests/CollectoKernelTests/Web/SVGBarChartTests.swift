import Foundation
import Testing

@testable import CollectoKernel

/// Charts drawn on the server: an image with its text alternative, bars scaled to the largest, every label escaped.
@Suite struct SVGBarChartTests {
    @Test func barsAreScaledToTheLargestAndLabelsCannotInjectMarkup() throws {
        let chart = SVGBarChart(
            title: "Distribué <par> mois",
            bars: [
                .init(label: "janvier", value: 50, shown: "50 kg"), .init(label: "<script>alert(1)</script>", value: 100, shown: "100 kg"),
                .init(label: "mars", value: 0, shown: "0 kg"),
            ])
        let svg = chart.svg
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-label=\"Distribué &lt;par&gt; mois\""))
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(svg.contains("width=\"360\""), "the largest bar takes the whole width")
        #expect(svg.contains("width=\"180\""), "half the largest, half the width")
        #expect(svg.contains("width=\"1\""), "a zero still shows as a sliver")
    }

    @Test func anEmptyChartIsStillAnImage() {
        let svg = SVGBarChart(title: "Rien", bars: []).svg
        #expect(svg.contains("<title>Rien</title>"))
        #expect(svg.hasSuffix("</svg>"))
    }
}
