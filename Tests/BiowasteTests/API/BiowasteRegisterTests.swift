import Biowaste
import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Once a pickup is collected and delivered through the HTTP API of a live
/// server: the register lists it in order and is corrected by new entries only,
/// it exports as CSV, the reports agree with it, and another partner sees none
/// of it.
@Suite struct BiowasteRegisterTests {
    struct Report: Decodable {
        struct Line: Decodable { let key: String; let kg: Double }
        let collectedKg: Double
        let deliveredKg: Double
        let byPoint: [Line]
        let byDestination: [Line]
        let refusalRate: Double
        let co2eAvoidedKg: Double
    }

    private func reports(_ client: any TestClientProtocol, token: String) async throws -> Report {
        try await client.json(.get, "/api/v1/biowaste/reports", token: token).decode(Report.self)
    }

    @Test func theRegisterListsCollectionRefusalAndDeliveryInOrderWithCarrierAndVehicle() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            _ = try await circuit.delivered(client)
            let register = try await circuit.register(client, token: circuit.coordinator.token)
            #expect(register.map(\.kind) == ["collection", "refusal", "delivery"])
            #expect(register[0].vehicleId == circuit.truck.id)
            #expect(register[0].carrierOrganisationId == circuit.city.id)
            #expect(register[0].treatment == "composting")
        }
    }

    @Test func aCorrectionIsANewEntryAndLeavesTheOriginalAsItWas() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            _ = try await circuit.delivered(client)
            let register = try await circuit.register(client, token: circuit.coordinator.token)
            let corrected = try await circuit.correct(client, register[0])
            #expect(corrected.status == .created, "\(corrected.text)")
            // 110.4 kg reweighed at 112 kg: the correction carries the difference.
            #expect(try corrected.decode(RegisterEntry.self).kg == 1.6)
            let after = try await circuit.register(client, token: circuit.coordinator.token)
            #expect(after[0] == register[0])
            #expect(after.count == 4)
        }
    }

    @Test func theRegisterExportsAsCSVNamingTheProducer() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            _ = try await circuit.delivered(client)
            let csv = try await client.json(.get, "/api/v1/biowaste/register?format=csv", token: circuit.coordinator.token)
            #expect(csv.text.hasPrefix("entry,date,kind,producer"))
            #expect(csv.text.contains("Épicerie"))
        }
    }

    @Test func reportsAgreeWithTheCorrectedRegisterToTheKilogram() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            _ = try await circuit.delivered(client)
            _ = try await circuit.correct(client, try await circuit.register(client, token: circuit.coordinator.token)[0])
            let after = try await circuit.register(client, token: circuit.coordinator.token)
            let report = try await reports(client, token: circuit.coordinator.token)
            let registered = after.filter { $0.kind == "collection" || $0.kind == "correction" }.reduce(0) { $0 + $1.kg }
            #expect(report.collectedKg == 112)
            #expect(abs(report.collectedKg - registered) < 0.0005)
            #expect(report.byPoint.map(\.kg) == [112])
            #expect(report.byDestination.first?.key == circuit.compost.id.uuidString.lowercased())
            #expect(report.refusalRate == 0.5)
            #expect(abs(report.co2eAvoidedKg - 11.2) < 0.001)
            #expect(report.deliveredKg == 109.9)
            // The producer's own reports show the same.
            #expect(try await reports(client, token: circuit.member.token).collectedKg == 112)
        }
    }

    @Test func anotherPartnerSeesNoneOfThePointItsPickupsRegisterOrReports() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            _ = try await circuit.delivered(client)
            let other = circuit.otherMember.token
            #expect(try await client.json(.get, "/api/v1/biowaste/points/\(circuit.shop.id)", token: other).status == .notFound)
            #expect(try await circuit.pickupIDs(client, token: other).isEmpty)
            #expect(try await circuit.register(client, token: other).isEmpty)
            #expect(try await reports(client, token: other).collectedKg == 0)
        }
    }
}
