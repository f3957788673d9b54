import Foundation

/// A list query built filter by filter, with its bindings in step, then
/// ordered and paged in SQL: how stores answer `?status=&limit=&offset=`
/// without loading a whole history to show one page. Both engines run what
/// it writes (`IN (?, …)`, `LIMIT ? OFFSET ?`, a sub-select counted with
/// `COUNT(*)`). ``page(in:_:)`` runs it and tells how many rows the filters
/// match, so that a list says when it is cut.
public struct SQLListQuery: Sendable {
    public private(set) var sql: String
    public private(set) var bindings: [any SQLBindable] = []
    /// False once a filter can match nothing (an empty `IN` list): the caller need not ask.
    public private(set) var canMatch = true
    /// The select with its filters and their bindings, kept when it is ordered and paged: what ``countSQL`` counts.
    private var matched: (sql: String, bindings: [any SQLBindable])?
    /// The page taken by ``order(by:page:)``; nil for the whole list.
    private var request: PageRequest?

    /// Starts from a `SELECT … FROM …` without a `WHERE`.
    public init(_ select: String) {
        sql = select + " WHERE 1 = 1"
    }

    /// Counts the rows the filters match, on every page together; its
    /// bindings are ``countBindings``. A sub-select, so that a select with
    /// joins, `DISTINCT` or `GROUP BY` is counted as it lists.
    public var countSQL: String {
        "SELECT COUNT(*) AS total FROM (\(matched?.sql ?? sql)) AS matched"
    }

    /// The bindings of ``countSQL``: the filters' alone.
    public var countBindings: [any SQLBindable] {
        matched?.bindings ?? bindings
    }

    /// Adds ` AND condition`, its `?` bound to `value` when one is given.
    public mutating func filter(_ condition: String, _ value: (any SQLBindable)?) {
        guard let value else { return }
        sql += " AND " + condition
        bindings.append(value)
    }

    /// Adds ` AND condition` with several `?`, bound in order to `values`.
    public mutating func filter(_ condition: String, values: [any SQLBindable]) {
        sql += " AND " + condition
        bindings.append(contentsOf: values)
    }

    /// Adds ` AND column IN (?, …)` for these ids (nil: no filter), with
    /// `wrap` turning the list into a sub-select when the ids are one step away.
    public mutating func filter(_ column: String, in ids: Set<UUID>?, wrap: (String) -> String = { $0 }) {
        guard let ids else { return }
        guard !ids.isEmpty else {
            canMatch = false
            return
        }
        sql += " AND \(column) IN (" + wrap(Array(repeating: "?", count: ids.count).joined(separator: ", ")) + ")"
        bindings.append(contentsOf: ids.sorted { $0.uuidString < $1.uuidString } as [any SQLBindable])
    }

    /// Orders the list (a stable order, ending with a unique column) and takes one page of it.
    public mutating func order(by ordering: String, page: PageRequest?) {
        matched = (sql, bindings)
        request = page
        sql += " ORDER BY " + ordering
        if let page {
            sql += " LIMIT ? OFFSET ?"
            bindings.append(contentsOf: [page.limit, page.offset] as [any SQLBindable])
        }
    }

    /// How many rows the filters match, on every page together (0 when they can match nothing).
    public func total(in db: any SQLExecutor) async throws -> Int {
        guard canMatch else { return 0 }
        return try await db.scalarInt(countSQL, countBindings)
    }

    /// Runs the query on `db` (the same read as the caller's): the rows of its
    /// page, made into items by `items`, and how many rows the filters match.
    ///
    /// The rows are counted only when the page cannot tell: a page shorter
    /// than its limit (and not past the end) ends the list, so its total is
    /// its offset and its rows; a whole list's total is its length.
    public func page<Item>(in db: any SQLExecutor, _ items: ([SQLRow]) async throws -> [Item]) async throws -> Page<Item> {
        guard canMatch else { return .empty(request) }
        let rows = try await db.query(sql, bindings)
        let list = try await items(rows)
        guard let request else { return Page(items: list, total: rows.count, request: nil) }
        if rows.count < request.limit && (!rows.isEmpty || request.offset == 0) {
            return Page(items: list, total: request.offset + rows.count, request: request)
        }
        return Page(items: list, total: try await total(in: db), request: request)
    }

    /// ``page(in:_:)`` with each row made into an item on its own.
    public func page<Item>(in db: any SQLExecutor, each item: (SQLRow) throws -> Item) async throws -> Page<Item> {
        try await page(in: db) { rows in try rows.map(item) }
    }
}
