import CollectoKernel
import CollectoTestSupport
import Foundation
import Testing

@Suite struct SQLListQueryTests {
    @Test func filtersAreAddedInStepWithTheirBindingsAndAbsentOnesAreSkipped() {
        let first = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
        let second = UUID(uuidString: "00000000-0000-0000-0000-000000000002")!
        var query = SQLListQuery("SELECT * FROM t")
        query.filter("status = ?", "open")
        query.filter("day = ?", nil)
        query.filter("owner", in: [second, first]) { "SELECT id FROM owners WHERE org IN (\($0))" }
        query.order(by: "created_at DESC, id", page: PageRequest(limit: 10, offset: 20))
        #expect(
            query.sql
                == "SELECT * FROM t WHERE 1 = 1 AND status = ? AND owner IN (SELECT id FROM owners WHERE org IN (?, ?)) ORDER BY created_at DESC, id LIMIT ? OFFSET ?"
        )
        let expected: [any SQLBindable] = ["open", first, second, 10, 20]
        #expect(query.bindings.map(\.sqlValue) == expected.map(\.sqlValue))
        #expect(query.canMatch)
    }

    @Test func anEmptyListMatchesNothing() {
        var query = SQLListQuery("SELECT * FROM t")
        query.filter("owner", in: [])
        #expect(!query.canMatch)
        var unfiltered = SQLListQuery("SELECT * FROM t")
        unfiltered.filter("owner", in: nil)
        #expect(unfiltered.canMatch)
        #expect(unfiltered.sql == "SELECT * FROM t WHERE 1 = 1")
    }

    @Test func aPageOfARealTableComesBackInOrder() async throws {
        let test = try await TestKernel.make()
        let rows = try await test.kernel.units.write(by: nil) { tx -> [String] in
            try await tx.execute("CREATE TABLE list_probe (name TEXT PRIMARY KEY, kind TEXT NOT NULL)", [])
            for (name, kind) in [("a", "x"), ("b", "y"), ("c", "x"), ("d", "x"), ("e", "x")] {
                try await tx.execute("INSERT INTO list_probe (name, kind) VALUES (?, ?)", [name, kind])
            }
            var query = SQLListQuery("SELECT name FROM list_probe")
            query.filter("kind = ?", "x")
            query.order(by: "name DESC", page: PageRequest(limit: 2, offset: 1))
            return try await tx.query(query.sql, query.bindings).map { try $0.string("name") }
        }
        #expect(rows == ["d", "c"])
    }

    @Test func theTotalCountsWhatTheFiltersMatchWhateverThePage() async throws {
        var query = SQLListQuery("SELECT name FROM t")
        query.filter("kind = ?", "x")
        query.order(by: "name DESC", page: PageRequest(limit: 2, offset: 1))
        #expect(query.countSQL == "SELECT COUNT(*) AS total FROM (SELECT name FROM t WHERE 1 = 1 AND kind = ?) AS matched")
        #expect(query.countBindings.map(\.sqlValue) == ["x"].map(\.sqlValue))
        let test = try await TestKernel.make()
        let pages = try await test.kernel.units.write(by: nil) { tx -> [Page<String>] in
            try await tx.execute("CREATE TABLE count_probe (name TEXT PRIMARY KEY, kind TEXT NOT NULL)", [])
            for (name, kind) in [("a", "x"), ("b", "y"), ("c", "x"), ("d", "x"), ("e", "x")] {
                try await tx.execute("INSERT INTO count_probe (name, kind) VALUES (?, ?)", [name, kind])
            }
            var pages: [Page<String>] = []
            for page in [PageRequest(limit: 2, offset: 1), PageRequest(limit: 2, offset: 3), PageRequest(limit: 2, offset: 9)] {
                var query = SQLListQuery("SELECT name FROM count_probe")
                query.filter("kind = ?", "x")
                query.order(by: "name DESC", page: page)
                pages.append(try await query.page(in: tx, each: { try $0.string("name") }))
            }
            var nothing = SQLListQuery("SELECT name FROM count_probe")
            nothing.filter("name", in: [])
            nothing.order(by: "name", page: PageRequest())
            pages.append(try await nothing.page(in: tx, each: { try $0.string("name") }))
            return pages
        }
        #expect(pages.map(\.items) == [["d", "c"], ["a"], [], []])
        #expect(pages.map(\.total) == [4, 4, 4, 0])
    }
}
