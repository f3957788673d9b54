import CollectoKernel
import Foundation

/// A partner's monthly solidarity contribution statement: what it was shipped in
/// the month, per category, at the category's price per kilogram, with the
/// total it owes; printable from the browser.
struct StatementPages {
    let reports: ReportUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/statements") { request in try await show(request) }
        return pages
    }

    struct Model: Sendable {
        struct Line: Sendable {
            let category: String
            let kg: String
            let price: String
            let amount: String
        }
        let month: String
        let previous: String
        let next: String?
        let lines: [Line]
        let empty: Bool
        let totalKg: String
        let totalAmount: String
    }

    func show(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        guard let partner = FoodAidWeb.partner(of: caller) else {
            throw KernelError.forbidden("contribution statements are a partner association's")
        }
        let t = request.texts
        let today = CalendarDate(reports.clock.now(), in: reports.timeZone)
        let thisMonth = CalendarDate(year: today.year, month: today.month, day: 1) ?? today
        // The statement of a finished month by default: last month's.
        let lastMonth =
            CalendarDate(year: today.month == 1 ? today.year - 1 : today.year, month: today.month == 1 ? 12 : today.month - 1, day: 1)
            ?? thisMonth
        let asked = request.query("month").flatMap { CalendarDate($0 + "-01") } ?? lastMonth
        guard asked <= thisMonth, asked.year >= 2000 else { throw KernelError.invalid(field: "month", message: "a month up to this one") }
        let month = Self.text(asked)
        let statement = try await reports.statement(of: partner, month: month, by: caller)
        let previous = CalendarDate(
            year: asked.month == 1 ? asked.year - 1 : asked.year, month: asked.month == 1 ? 12 : asked.month - 1, day: 1)
        let model = Model(
            month: month, previous: previous.map(Self.text) ?? month, next: asked < thisMonth ? Self.text(asked.startOfNextMonth) : nil,
            lines: statement.lines.map {
                Model.Line(
                    category: t.has("foodaid_category_" + $0.category) ? t("foodaid_category_" + $0.category) : $0.category,
                    kg: t.kg($0.kg), price: t.euros($0.pricePerKg), amount: t.euros($0.amount))
            },
            empty: statement.lines.isEmpty, totalKg: t.kg(statement.totalKg), totalAmount: t.euros(statement.totalAmount))
        let title = t("foodaid_statement_title", ["month": t("foodaid_month_\(asked.month)") + " " + String(asked.year)])
        return .page("foodaid-statement", title: title, model: model)
    }

    /// `YYYY-MM`.
    static func text(_ date: CalendarDate) -> String { String(date.description.prefix(7)) }
}
