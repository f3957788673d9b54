import CollectoKernel
import Foundation

/// Tax receipts' actions, so that the JSON API and the pages share one rule
/// per action: the food bank's staff issue the year's receipts; a donor's
/// people read and print their own.
struct TaxReceiptUseCases: Sendable {
    let units: UnitOfWorkRunner

    /// Issues the year's receipts (new ones, and correcting ones that cancel changed receipts).
    func issue(year: Int, by caller: Caller) async throws -> [TaxReceipt] {
        try FoodAidPermissions.issueTaxReceipts.require(caller)
        return try await units.write(by: caller) { tx in
            let issued = try await TaxReceiptService().issue(year: year, in: tx)
            for receipt in issued {
                try await tx.audit(
                    "issue", entity: "foodaid.tax_receipt", id: receipt.id.uuidString, organisation: receipt.donorId,
                    details: receipt.reference)
            }
            return issued
        }
    }

    /// The receipts of the donors whose data the caller reads.
    func receipts(year: Int?, donor: UUID?, page: PageRequest, by caller: Caller) async throws -> Page<TaxReceipt> {
        let donors = FoodAidPermissions.readTaxReceipts.organisations(heldBy: caller)
        return try await units.read { db in
            try await TaxReceiptService().receipts(year: year, donor: donor, donors: donors, page: page, in: db)
        }
    }

    /// The printable receipt (HTML); 404 to a caller who may not read the donor's data.
    func printable(_ id: UUID, by caller: Caller) async throws -> String {
        try await units.read { db in
            let all = try await TaxReceiptService().receipts(year: nil, donor: nil, in: db).items
            guard let receipt = all.first(where: { $0.id == id }),
                FoodAidPermissions.readTaxReceipts.isHeld(by: caller, in: receipt.donorId),
                let donor = try await OrganisationService().get(receipt.donorId, in: db)
            else { throw KernelError.notFound(entity: "tax receipt", id: id.uuidString) }
            let issuer = try await OrganisationService().first(ofKind: .foodBank, in: db)?.name
            return TaxReceiptDocument.render(
                receipt, donor: donor, issuer: issuer ?? "", cancels: all.first { $0.id == receipt.cancelsId }?.reference,
                cancelledBy: all.first { $0.id == receipt.cancelledById }?.reference)
        }
    }
}
