import Foundation

/// A bar chart drawn on the server as SVG: no chart library in the browser, no
/// script. The chart is an image with a text alternative; the page shows the
/// same figures in a table beside it, and as CSV.
public struct SVGBarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable {
        public let label: String
        public let value: Double
        /// The value as the page writes it (`1 234,5 kg`).
        public let shown: String

        public init(label: String, value: Double, shown: String) {
            self.label = label
            self.value = value
            self.shown = shown
        }
    }

    public let title: String
    public let bars: [Bar]

    public init(title: String, bars: [Bar]) {
        self.title = title
        self.bars = bars
    }

    /// The chart's SVG: horizontal bars, one row each, labelled and valued, scaled to the largest.
    public var svg: String {
        let row = 28
        let labelWidth = 200
        let barWidth = 360
        let height = max(1, bars.count) * row + 8
        let largest = bars.map(\.value).max().map { $0 > 0 ? $0 : 1 } ?? 1
        var parts: [String] = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(labelWidth + barWidth + 120) \(height)\" role=\"img\" "
                + "aria-label=\"\(Self.escaped(title))\" class=\"bar-chart\">",
            "<title>\(Self.escaped(title))</title>",
        ]
        for (index, bar) in bars.enumerated() {
            let y = index * row + 4
            let width = Int((max(0, bar.value) / largest * Double(barWidth)).rounded())
            parts.append(
                "<text x=\"\(labelWidth - 8)\" y=\"\(y + 18)\" text-anchor=\"end\" font-size=\"14\" fill=\"#1a1a1a\">"
                    + "\(Self.escaped(Self.short(bar.label)))</text>")
            parts.append("<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(max(width, 1))\" height=\"18\" fill=\"#0b4f8a\"></rect>")
            parts.append(
                "<text x=\"\(labelWidth + max(width, 1) + 6)\" y=\"\(y + 18)\" font-size=\"14\" fill=\"#1a1a1a\">\(Self.escaped(bar.shown))</text>"
            )
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    static func short(_ label: String) -> String { label.count > 28 ? String(label.prefix(27)) + "…" : label }

    /// Text made safe inside an SVG element or attribute.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
