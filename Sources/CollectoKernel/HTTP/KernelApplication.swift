import Hummingbird
import Logging

/// The HTTP application around a kernel: the API router, with the database and
/// the event relay as services of its group. They start with the server; on
/// SIGTERM the server stops first, then the relay, then the database. The
/// server and the tests assemble it here, so that what the tests run is what is deployed.
///
/// `beforeListening` runs once the services run and before the server listens:
/// the server migrates (and loads the demo) there.
public func makeKernelApplication(
    kernel: Kernel, host: String, port: Int, serverName: String? = nil, logger: Logger,
    metricsText: @escaping @Sendable () async -> String = { "" },
    beforeListening: (@Sendable () async throws -> Void)? = nil,
    onServerRunning: @escaping @Sendable (Int?) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let (router, _) = APIRouterBuilder(kernel: kernel, metricsText: metricsText).build()
    var app = Application(
        router: router, configuration: .init(address: .hostname(host, port: port), serverName: serverName),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) }, logger: logger)
    // Shut down in reverse order: the relay before the database it writes to.
    app.addServices(kernel.database, kernel.relay)
    if let beforeListening { app.beforeServerStarts(perform: beforeListening) }
    return app
}
