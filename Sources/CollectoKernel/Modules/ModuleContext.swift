import Foundation
import Logging

/// What the kernel lends a module: storage, time, settings and the kernel
/// services it may call. A module gets nothing else from the kernel, so its
/// dependencies are all visible here.
public struct ModuleContext: Sendable {
    public let moduleID: ModuleID
    public let units: UnitOfWorkRunner
    public let clock: any WallClock
    public let settings: KernelSettings
    public let tasks: TaskService
    public let logger: Logger
    /// The module's own settings from the configuration (see ``CollectoModule/options``).
    public let options: ModuleOptions
}
