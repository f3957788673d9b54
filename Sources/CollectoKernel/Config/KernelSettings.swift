import Foundation

/// The kernel's settings, read from the configuration at start-up.
public struct KernelSettings: Sendable {
    /// The deployment's time zone: opening hours, round start times and calendar days are read in it.
    public var timeZone: TimeZone
    /// Straight-line average speed used to check that time windows are reachable.
    public var averageSpeedKmh: Double
    /// How long a log-in token lives.
    public var tokenLifetime: TimeInterval
    /// bcrypt cost for password hashes.
    public var bcryptCost: UInt8
    /// How wrong passwords are slowed down.
    public var logInThrottle = LogInThrottle.Settings()
    /// Addresses of the load balancers in front of collectod, whose `X-Forwarded-For` is believed.
    public var trustedProxies: Set<String> = []
    /// The log-in cookie of the pages carries `Secure`: set when the deployment is reached over TLS.
    public var secureCookies = false
    /// Module options as configured, by module id then option key.
    public var moduleOptions: [String: [String: String]] = [:]

    public init(
        timeZone: TimeZone = TimeZone(identifier: "Europe/Paris")!, averageSpeedKmh: Double = 30, tokenLifetime: TimeInterval = 12 * 3600,
        bcryptCost: UInt8 = 11
    ) {
        self.timeZone = timeZone
        self.averageSpeedKmh = averageSpeedKmh
        self.tokenLifetime = tokenLifetime
        self.bcryptCost = bcryptCost
    }
}
