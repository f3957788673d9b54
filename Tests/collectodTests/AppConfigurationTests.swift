import CollectoKernel
import Foundation
import Testing

@testable import collectod

@Suite struct AppConfigurationTests {
    @Test func withNoFileTheEmbeddedDefaultsApply() async throws {
        let configuration = try await AppConfiguration.load(file: nil, environment: [:])
        #expect(configuration.port == 8080)
        #expect(configuration.databasePath == "data/collectod.sqlite")
        #expect(configuration.enabledModules == ["foodaid", "microtransform", "biowaste"])
        #expect(configuration.kernel.timeZone.identifier == "Europe/Paris")
    }

    @Test func environmentVariablesOverrideTheFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("collectod-\(UUID().uuidString).json")
        try Data(
            #"{"http": {"port": 9000, "host": "0.0.0.0"}, "modules": {"enabled": ["foodaid"]}, "time": {"zone": "Europe/Paris"}}"#.utf8
        ).write(to: file)
        let fromFile = try await AppConfiguration.load(file: file.path, environment: [:])
        #expect(fromFile.port == 9000)
        #expect(fromFile.host == "0.0.0.0")
        #expect(fromFile.enabledModules == ["foodaid"])
        let overridden = try await AppConfiguration.load(
            file: file.path,
            environment: [
                "COLLECTOD_HTTP_PORT": "9100", "COLLECTOD_MODULES_ENABLED": "biowaste, foodaid", "COLLECTOD_DATABASE_PATH": "/tmp/x.sqlite",
                "COLLECTOD_AUTH_TOKEN_LIFETIME_HOURS": "2",
            ])
        #expect(overridden.port == 9100)
        #expect(overridden.enabledModules == ["biowaste", "foodaid"])
        #expect(overridden.databasePath == "/tmp/x.sqlite")
        #expect(overridden.kernel.tokenLifetime == 7200)
    }

    @Test func badValuesAreRefusedNamingTheKey() async throws {
        let error = await #expect(throws: AppConfiguration.Invalid.self) {
            try await AppConfiguration.load(file: nil, environment: ["COLLECTOD_TIME_ZONE": "Mars/Olympus"])
        }
        #expect(error?.key == "time.zone")
        await #expect(throws: (any Error).self) {
            try await AppConfiguration.load(file: "/nonexistent/explicit.json", environment: [:])
        }
    }

    @Test func modulesReadTheirOptionsUnderTheirIdFromTheFileAndTheEnvironment() async throws {
        let shipped = try await AppConfiguration.load(file: "config/collectod.json", environment: [:])
        let biowaste = try #require(shipped.kernel.moduleOptions["biowaste"])
        #expect(biowaste["emissionFactors.composting.kgCO2ePerTonne"].flatMap(Double.init) == 100)
        #expect(biowaste["emissionFactors.composting.source"]?.contains("ADEME") == true)
        let overridden = try await AppConfiguration.load(
            file: "config/collectod.json",
            environment: ["COLLECTOD_BIOWASTE_EMISSION_FACTORS_METHANISATION_KG_CO2E_PER_TONNE": "170"])
        #expect(overridden.kernel.moduleOptions["biowaste"]?["emissionFactors.methanisation.kgCO2ePerTonne"] == "170")
    }
}
