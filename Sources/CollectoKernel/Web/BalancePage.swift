import Foundation

/// The network's mass balance for the food bank's staff: for a period (or one
/// donation), each enabled module's lines and the equations they must satisfy,
/// with every difference shown, and the same figures as CSV. It calls the same
/// use case as `GET /api/v1/balance`.
struct BalancePage: Sendable {
    let balance: ReadMassBalance
    let clock: any WallClock
    let timeZone: TimeZone

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/balance") { request in try await show(request) }
        pages.get("/balance.csv") { request in
            let asked = try period(request)
            let report = try await balance(from: asked.from, until: asked.until, source: asked.source, by: try request.caller)
            return .file(
                Data(try report.csv().utf8), contentType: "text/csv; charset=utf-8", name: "bilan-matiere-\(asked.from)-\(asked.until).csv")
        }
        return pages
    }

    struct Period {
        var from: CalendarDate
        var until: CalendarDate
        var source: String?
    }

    /// The period asked (`?from=&until=`, this month so far by default) and the source, if any.
    func period(_ request: WebRequest) throws -> Period {
        let today = CalendarDate(clock.now(), in: timeZone)
        func date(_ name: String, _ fallback: CalendarDate) throws -> CalendarDate {
            guard let text = request.query(name), !text.isEmpty else { return fallback }
            guard let date = CalendarDate(text) else { throw KernelError.invalid(field: name, message: "a date, YYYY-MM-DD") }
            return date
        }
        let source = request.query("source").flatMap { $0.isEmpty ? nil : $0 }
        return Period(
            from: try date("from", CalendarDate(year: today.year, month: today.month, day: 1) ?? today), until: try date("until", today),
            source: source)
    }

    struct Model: Sendable {
        struct Line: Sendable {
            let account: String
            let key: String
            let kg: String
        }
        struct Check: Sendable {
            let name: String
            let left: String
            let right: String
            let difference: String
            let closes: Bool
            let weighing: Bool
        }
        struct Section: Sendable {
            let id: String
            let title: String
            let lines: [Line]
            let checks: [Check]
            let hasChecks: Bool
            let restated: String?
        }
        let from: String
        let until: String
        let source: String
        let error: String?
        let errorField: String?
        let sections: [Section]
        let shown: Bool
        let closes: Bool
        let csvPath: String
    }

    func show(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        try caller.require(caller.seesEverything, "only the food bank's staff read the network's mass balance")
        let t = request.texts
        let asked: Period
        let report: MassBalance
        do {
            asked = try period(request)
            report = try await balance(from: asked.from, until: asked.until, source: asked.source, by: caller)
        } catch let error as any DomainError {
            let model = Model(
                from: request.query("from") ?? "", until: request.query("until") ?? "", source: request.query("source") ?? "",
                error: request.say(error), errorField: error.field, sections: [], shown: false, closes: false, csvPath: "")
            return .page("balance", title: t("balance_title"), model: model, status: APIError(error).status)
        }
        let sections = report.sections.enumerated().map { index, section in
            Model.Section(
                id: "section-\(index)", title: Self.label(t, "balance_\(section.module)_section_", Self.slug(section.title), section.title),
                lines: section.lines.map { line in
                    Model.Line(
                        account: Self.label(t, "balance_\(section.module)_", line.account, line.account),
                        key: line.key.map { Self.label(t, "balance_\(section.module)_key_", $0, $0) } ?? "", kg: t.kg(line.kg))
                },
                checks: section.checks.map { check in
                    let parts = check.name.split(separator: ".", maxSplits: 1).map(String.init)
                    let key = "balance_\(section.module)_check_\(parts[0])"
                    let name =
                        t.has(key)
                        ? t(key, ["key": parts.count > 1 ? Self.label(t, "balance_\(section.module)_key_", parts[1], parts[1]) : ""])
                        : check.equation
                    return Model.Check(
                        name: name, left: t.kg(Grams.kg(check.leftGrams)), right: t.kg(Grams.kg(check.rightGrams)),
                        difference: t.kg(check.differenceKg), closes: check.differenceGrams == 0, weighing: check.kind == .weighing)
                },
                hasChecks: !section.checks.isEmpty, restated: section.restatedAt.map(t.instant))
        }
        var csv = "/balance.csv?from=\(asked.from)&until=\(asked.until)"
        if let source = asked.source, let encoded = source.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
            csv += "&source=" + encoded
        }
        let model = Model(
            from: asked.from.description, until: asked.until.description, source: asked.source ?? "", error: nil, errorField: nil,
            sections: sections, shown: true, closes: report.closes, csvPath: csv)
        return .page("balance", title: t("balance_title"), model: model)
    }

    /// The catalogue's words for `name` under `prefix`, or the name as the module wrote it.
    static func label(_ t: Texts, _ prefix: String, _ name: String, _ fallback: String) -> String {
        t.has(prefix + name) ? t(prefix + name) : fallback.replacingOccurrences(of: "_", with: " ")
    }

    static func slug(_ title: String) -> String {
        title.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }
}
