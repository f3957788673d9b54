import CollectoKernel
import Configuration
import Foundation
import Logging
import SystemPackage

/// collectod's configuration: the JSON file in `config/` (or `--config`),
/// where every key can be overridden by a `COLLECTOD_*` environment variable
/// (`http.port` → `COLLECTOD_HTTP_PORT`, `modules.enabled` → `COLLECTOD_MODULES_ENABLED=foodaid,biowaste`).
/// With no file and no variable, the defaults run: SQLite under `data/`, port 8080.
struct AppConfiguration: Sendable {
    /// The embedded SQLite file, used unless ``databaseURL`` names a PostgreSQL server.
    var databasePath: String
    /// `postgres://user[:password]@host[:port]/database` to share one database between instances
    /// (`sqlite:PATH` is accepted too).
    var databaseURL: String?
    var databasePoolSize: Int
    var host: String
    var port: Int
    var enabledModules: [String]
    var logLevel: Logger.Level
    var kernel: KernelSettings
    var relay: EventRelay.Settings

    /// Why the configuration cannot be used.
    struct Invalid: Error, CustomStringConvertible {
        let key: String
        let problem: String
        var description: String { "configuration key \(key): \(problem)" }
    }

    static let defaultFile = "config/collectod.json"

    /// Reads the file (if present) and the environment.
    static func load(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> AppConfiguration {
        let path = file ?? environment["COLLECTOD_CONFIG"] ?? defaultFile
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "collectod")
        ]
        let explicit = file != nil || environment["COLLECTOD_CONFIG"] != nil
        providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(path), allowMissing: !explicit))
        return try read(ConfigReader(providers: providers))
    }

    static func read(_ config: ConfigReader) throws -> AppConfiguration {
        let zoneName = config.string(forKey: "time.zone", default: "Europe/Paris")
        guard let zone = TimeZone(identifier: zoneName) else { throw Invalid(key: "time.zone", problem: "unknown time zone \(zoneName)") }
        let levelName = config.string(forKey: "log.level", default: "info")
        guard let level = Logger.Level(rawValue: levelName) else {
            throw Invalid(key: "log.level", problem: "use trace, debug, info, notice, warning, error or critical")
        }
        let port = config.int(forKey: "http.port", default: 8080)
        guard (0...65535).contains(port) else { throw Invalid(key: "http.port", problem: "\(port) is not a port") }
        let cost = config.int(forKey: "auth.bcryptCost", default: 11)
        guard (4...31).contains(cost) else { throw Invalid(key: "auth.bcryptCost", problem: "bcrypt cost must be 4 to 31") }
        let hours = config.double(forKey: "auth.tokenLifetimeHours", default: 12)
        guard hours.isFinite, hours > 0, hours <= 24 * 90 else {
            throw Invalid(key: "auth.tokenLifetimeHours", problem: "must be more than 0 and at most 2160 (90 days)")
        }
        let speed = config.double(forKey: "logistics.averageSpeedKmh", default: 30)
        guard speed > 0 && speed < 200 else { throw Invalid(key: "logistics.averageSpeedKmh", problem: "must be between 0 and 200") }
        var kernel = KernelSettings(timeZone: zone, averageSpeedKmh: speed, tokenLifetime: hours * 3600, bcryptCost: UInt8(cost))
        var throttle = LogInThrottle.Settings()
        throttle.enabled = config.bool(forKey: "auth.throttle.enabled", default: true)
        throttle.freeAttempts = config.int(forKey: "auth.throttle.freeAttempts", default: throttle.freeAttempts)
        throttle.accountMaximumDelay = config.double(forKey: "auth.throttle.accountMaxDelaySeconds", default: throttle.accountMaximumDelay)
        throttle.addressMaximumDelay = config.double(forKey: "auth.throttle.addressMaxDelaySeconds", default: throttle.addressMaximumDelay)
        guard (1...100).contains(throttle.freeAttempts) else {
            throw Invalid(key: "auth.throttle.freeAttempts", problem: "must be 1 to 100")
        }
        for (key, value) in [
            ("accountMaxDelaySeconds", throttle.accountMaximumDelay), ("addressMaxDelaySeconds", throttle.addressMaximumDelay),
        ] {
            guard value.isFinite, (0...86_400).contains(value) else {
                throw Invalid(key: "auth.throttle.\(key)", problem: "must be 0 to 86400")
            }
        }
        kernel.logInThrottle = throttle
        kernel.secureCookies = config.bool(forKey: "http.secureCookies", default: false)
        kernel.trustedProxies = Set(
            config.stringArray(forKey: "http.trustedProxies", default: []).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            })
        for module in InstalledModules.all {
            var values: [String: String] = [:]
            for option in module.options {
                let key = ConfigKey("\(module.id.rawValue).\(option.key)")
                // A JSON number is not a string to the file provider: read it as a number then.
                if let value = config.string(forKey: key) ?? config.double(forKey: key).map({ String($0) }) { values[option.key] = value }
            }
            kernel.moduleOptions[module.id.rawValue] = values
        }
        var relay = EventRelay.Settings()
        relay.pollInterval = .milliseconds(max(50, config.int(forKey: "events.pollIntervalMs", default: 1000)))
        relay.maxAttempts = max(1, config.int(forKey: "events.maxAttempts", default: 10))
        return AppConfiguration(
            databasePath: config.string(forKey: "database.path", default: "data/collectod.sqlite"),
            databaseURL: config.string(forKey: "database.url").flatMap { $0.isEmpty ? nil : $0 },
            databasePoolSize: max(1, config.int(forKey: "database.poolSize", default: 10)),
            host: config.string(forKey: "http.host", default: "127.0.0.1"), port: port,
            enabledModules: config.stringArray(forKey: "modules.enabled", default: ["foodaid", "microtransform", "biowaste"])
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            logLevel: level,
            kernel: kernel, relay: relay)
    }
}
