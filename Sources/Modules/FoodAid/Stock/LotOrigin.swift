import CollectoKernel

/// Where a lot came from, for traceability and for the tonnage reports: a
/// donor pickup sorted at the warehouse, a purchase (or an aid programme's
/// delivery), a donation brought to the warehouse, a processing batch's
/// output, or a transfer between warehouses.
public enum LotOrigin: String, Sendable, AcceptedValues, CaseIterable {
    case pickup, purchase, donation, processing, transfer
}
