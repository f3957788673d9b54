import Foundation

/// A list query built filter by filter, with its bindings in step, then
/// ordered and paged in SQL: how stores answer `?status=&limit=&offset=`
/// without loading a whole history to show one page. Both engines run what
/// it writes (`IN (?, …)`, `LIMIT ? OFFSET ?`).
public struct SQLListQuery: Sendable {
    public private(set) var sql: String
    public private(set) var bindings: [any SQLBindable] = []
    /// False once a filter can match nothing (an empty `IN` list): the caller need not ask.
    public private(set) var canMatch = true

    /// Starts from a `SELECT … FROM …` without a `WHERE`.
    public init(_ select: String) {
        sql = select + " WHERE 1 = 1"
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
        sql += " ORDER BY " + ordering
        if let page {
            sql += " LIMIT ? OFFSET ?"
            bindings.append(contentsOf: [page.limit, page.offset] as [any SQLBindable])
        }
    }
}
