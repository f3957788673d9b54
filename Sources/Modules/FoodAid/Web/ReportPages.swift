import CollectoKernel
import Foundation
import Hummingbird

/// The food bank's figures for a year: tonnage distributed and received month
/// by month, the fresh share, by category, by funding origin and by partner,
/// each as an SVG chart with its table, and the period's supply report as CSV.
struct ReportPages {
    let reports: ReportUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/reports") { request in try await show(request) }
        pages.get("/foodaid/reports/supply.csv") { request in
            let (from, until) = try period(request)
            let report = try await reports.supply(from: from, until: until, by: try request.caller)
            return .file(
                Data(try report.csv().utf8), contentType: "text/csv; charset=utf-8", name: "approvisionnement-\(from)-\(until).csv")
        }
        return pages
    }

    /// The year asked (`?year=`), this year by default, as the period from its first day to the next year's.
    func period(_ request: WebRequest) throws -> (CalendarDate, CalendarDate) {
        let today = CalendarDate(reports.clock.now(), in: reports.timeZone)
        let year = request.query("year").flatMap(Int.init) ?? today.year
        guard (2000...2199).contains(year), let from = CalendarDate(year: year, month: 1, day: 1),
            let until = CalendarDate(year: year + 1, month: 1, day: 1)
        else { throw KernelError.invalid(field: "year", message: "year from 2000 to 2199") }
        return (from, until)
    }

    struct Model: Sendable {
        struct Figure: Sendable {
            let label: String
            let shown: String
        }
        struct Chart: Sendable {
            let id: String
            let title: String
            let svg: String
            let rows: [Figure]
        }
        let year: String
        let previousYear: String
        let nextYear: String
        let freshShare: String
        let distributed: String
        let received: String
        let charts: [Chart]
        let csvPath: String
    }

    /// A year's weights are read in whole kilograms (the CSV keeps the grams).
    static func tonnage(_ kg: Double, _ t: Texts) -> String { t.number(kg, decimals: 0) + " kg" }

    func show(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let (from, until) = try period(request)
        let year = try await reports.supply(from: from, until: until, by: caller)
        var months: [(String, Double, Double)] = []
        var month = from
        while month < until {
            let next = month.startOfNextMonth
            let report = try await reports.supply(from: month, until: next, by: caller)
            let name = t("foodaid_month_\(month.month)")
            months.append((name, report.distributedByCategory.values.reduce(0, +), report.receivedByCategory.values.reduce(0, +)))
            month = next
        }
        func chart(_ id: String, _ title: String, _ values: [(String, Double)]) -> Model.Chart {
            let bars = values.map { SVGBarChart.Bar(label: $0.0, value: $0.1, shown: Self.tonnage($0.1, t)) }
            return Model.Chart(
                id: id, title: title, svg: SVGBarChart(title: title, bars: bars).svg,
                rows: bars.map { Model.Figure(label: $0.label, shown: $0.shown) })
        }
        func sorted(_ values: [String: Double], key: (String) -> String) -> [(String, Double)] {
            values.map { (key($0.key), $0.value) }.sorted { $0.1 > $1.1 }
        }
        let charts = [
            chart("distributed-month", t("foodaid_reports_distributed_month"), months.map { ($0.0, $0.1) }),
            chart("received-month", t("foodaid_reports_received_month"), months.map { ($0.0, $0.2) }),
            chart(
                "category", t("foodaid_reports_by_category"),
                sorted(year.distributedByCategory) { t("foodaid_category_" + $0) }),
            chart(
                "funding", t("foodaid_reports_by_funding"),
                sorted(year.distributedByFundingOrigin) { t.has("foodaid_funding_" + $0) ? t("foodaid_funding_" + $0) : $0 }),
            chart(
                "partner", t("foodaid_reports_by_partner"),
                Array(sorted(year.distributedByPartner) { $0 }.prefix(15))),
        ]
        let model = Model(
            year: String(from.year), previousYear: String(from.year - 1), nextYear: String(from.year + 1),
            freshShare: t.number(year.freshShare * 100, decimals: 1) + " %",
            distributed: Self.tonnage(year.distributedByCategory.values.reduce(0, +), t),
            received: Self.tonnage(year.receivedByCategory.values.reduce(0, +), t),
            charts: charts, csvPath: "/foodaid/reports/supply.csv?year=\(from.year)")
        return .page("foodaid-reports", title: t("foodaid_reports_title", ["year": String(from.year)]), model: model)
    }
}
