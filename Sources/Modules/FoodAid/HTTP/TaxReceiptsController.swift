import CollectoKernel
import Foundation
import Hummingbird

/// Donors' tax receipts over HTTP: issued by the food bank, read by the donor.
struct TaxReceiptsController {
    /// Which year to issue.
    struct Issue: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case year }
        static let ranges: [FieldRange] = [.integer("year", 2000...2100)]
        var year: Int
    }

    let receipts: TaxReceiptUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.post(
            "tax-receipts", summary: "Issue the year's receipts (new, or correcting ones that cancel changed receipts)", status: .ok,
            body: Issue.self
        ) {
            request, context in
            let issue = try await request.decodeJSON(Issue.self, context: context)
            return try await receipts.issue(year: issue.year, by: context.caller)
        }
        endpoints.get(
            "tax-receipts", summary: "Tax receipts (donors: their own)",
            query: [.wholeNumber("year", 2000...2100), .uuid("donorId")] + APIParameter.page
        ) {
            request, context in
            let year = try request.whole("year", in: 2000...2100)
            let donor = try request.query("donorId") { UUID(uuidString: $0) }
            let page = try request.page()
            return try await receipts.receipts(year: year, donor: donor, page: page, by: context.caller)
        }
        endpoints.raw(.get, "tax-receipts/{id}/html", summary: "A printable tax receipt", contentType: "text/html") { _, context in
            let html = try await receipts.printable(try context.uuid("id"), by: context.caller)
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        return endpoints
    }
}
