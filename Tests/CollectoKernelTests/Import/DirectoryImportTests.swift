import CollectoKernel
import CollectoTestSupport
import Foundation
import Testing

@Suite struct DirectoryImportTests {
    @Test func organisationsAndTheirSitesImportFromCSV() async throws {
        let test = try await TestKernel.make()
        let importer = DirectoryImport(units: test.kernel.units)
        let organisations = """
            name,kind,contact_email,phone
            Épicerie solidaire de Bruz,partner_association,contact@epicerie-bruz.example.org,02 99 00 00 01
            "Ferme du Bois, GAEC",donor,,
            """
        #expect(try await importer.organisations(csv: organisations, by: nil).imported == 2)
        let sites = """
            organisation,name,address,latitude,longitude,storage_classes,service_minutes,opening_hours
            Épicerie solidaire de Bruz,Local,"3 rue de la Gare, Bruz",48.02,-1.74,ambient;chilled,15,monday=09:00-12:00|14:00-18:00;friday=09:00-12:00
            "Ferme du Bois, GAEC",Exploitation,La Lande,48.05,-1.80,,,
            """
        #expect(try await importer.sites(csv: sites, by: nil).imported == 2)
        let stored = try await test.kernel.units.read { db in
            try await SiteService().list(organisations: nil, organisation: nil, in: db).items
        }
        let local = try #require(stored.first { $0.name == "Local" })
        #expect(local.storageClasses == [.ambient, .chilled])
        #expect(local.openingHours.ranges(on: .monday).count == 2)
        #expect(local.address == "3 rue de la Gare, Bruz")
    }

    @Test func aBadLineImportsNothingAndEveryProblemHasItsLine() async throws {
        let test = try await TestKernel.make()
        let importer = DirectoryImport(units: test.kernel.units)
        let csv = """
            name,kind
            Bon partenaire,partner_association
            ,donor
            Autre,spaceship

            Dernier,donor
            Bon partenaire,partner_association
            """
        let error = await #expect(throws: CSVImportError.self) { try await importer.organisations(csv: csv, by: nil) }
        #expect(error?.problems.map(\.line) == [3, 4, 7])
        #expect(error?.problems.map(\.column) == ["name", "kind", nil])
        let count = try await test.kernel.units.read { db in try await db.scalarInt("SELECT COUNT(*) FROM kernel_organisations") }
        #expect(count == 0)
    }

    @Test func aMissingColumnOrAShortLineIsReported() async throws {
        let test = try await TestKernel.make()
        let importer = DirectoryImport(units: test.kernel.units)
        let missing = await #expect(throws: CSVImportError.self) { try await importer.organisations(csv: "name\nA\n", by: nil) }
        #expect(missing?.problems.first?.message == "required column kind is missing")
        let short = await #expect(throws: CSVImportError.self) {
            try await importer.sites(csv: "organisation,name,address,latitude,longitude\nX,Y,Z,48\n", by: nil)
        }
        #expect(short?.problems.first?.line == 2)
    }

    @Test func aQuotedFieldOverSeveralLinesKeepsLaterLineNumbersRight() async throws {
        let test = try await TestKernel.make()
        let importer = DirectoryImport(units: test.kernel.units)
        let csv = "name,kind\n\"Deux\nlignes\",donor\nMauvais,nope\n"
        let error = await #expect(throws: CSVImportError.self) { try await importer.organisations(csv: csv, by: nil) }
        #expect(error?.problems.map(\.line) == [4])
    }
}
