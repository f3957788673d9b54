import CollectoKernel
import Foundation
import Hummingbird

/// Donors' tax receipts: issued by the food bank, read by the donor.
struct TaxReceiptsController {
    /// Which year to issue.
    struct Issue: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case year }
        static let ranges: [FieldRange] = [.integer("year", 2000...2100)]
        var year: Int
    }

    let units: UnitOfWorkRunner

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.post(
            "tax-receipts", summary: "Issue the year's receipts (new, or correcting ones that cancel changed receipts)", status: .ok,
            body: Issue.self
        ) {
            request, context in
            let issue = try await request.decodeJSON(Issue.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let issued = try await TaxReceiptService().issue(year: issue.year, in: tx)
                for receipt in issued {
                    try await tx.audit(
                        "issue", entity: "foodaid.tax_receipt", id: receipt.id.uuidString, organisation: receipt.donorId,
                        details: receipt.reference)
                }
                return issued
            }
        }
        endpoints.get("tax-receipts", summary: "Tax receipts (donors: their own)", query: ["year", "donorId", "limit", "offset"]) {
            request, context in
            let year = try request.query("year") { Int($0) }
            let donor = try request.query("donorId") { UUID(uuidString: $0) }
            let page = try request.page()
            let caller = context.caller
            return try await units.read { db in
                try await TaxReceiptService().receipts(year: year, donor: donor, in: db).filter { caller.canRead($0.donorId) }
            }.paged(page)
        }
        endpoints.raw(.get, "tax-receipts/{id}/html", summary: "A printable tax receipt", contentType: "text/html") { _, context in
            let id = try context.uuid("id")
            let caller = context.caller
            let html = try await units.read { db in
                let all = try await TaxReceiptService().receipts(year: nil, donor: nil, in: db)
                guard let receipt = all.first(where: { $0.id == id }), caller.canRead(receipt.donorId),
                    let donor = try await OrganisationService().get(receipt.donorId, in: db)
                else { throw KernelError.notFound(entity: "tax receipt", id: id.uuidString) }
                let issuer = try await OrganisationService().first(ofKind: .foodBank, in: db)?.name
                return TaxReceiptDocument.render(
                    receipt, donor: donor, issuer: issuer ?? "", cancels: all.first { $0.id == receipt.cancelsId }?.reference,
                    cancelledBy: all.first { $0.id == receipt.cancelledById }?.reference)
            }
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        return endpoints
    }
}
