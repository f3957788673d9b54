import Foundation

/// A module as `GET /modules` lists it: what it registered on the kernel
/// when enabled, for an administrator checking a deployment.
public struct ModuleSummary: Codable, Sendable {
    public var id: String
    public var version: String
    public var enabled: Bool
    public var taskKinds: [String]
    public var publishes: [String]
    public var handles: [String]
    public var permissions: [Permission]
}

extension Kernel {
    /// Every installed module with what it registered (when enabled).
    public func moduleSummaries() -> [ModuleSummary] {
        registry.installed.map { module in
            let registration = registry.enabled.first { $0.module.id == module.id }?.registration
            return ModuleSummary(
                id: module.id.rawValue, version: module.version, enabled: registration != nil,
                taskKinds: registration?.taskKinds.map(\.id) ?? [], publishes: registration?.publishedEvents ?? [],
                handles: registration?.handlers.map(\.eventType) ?? [], permissions: registration?.permissions ?? [])
        }
    }
}
