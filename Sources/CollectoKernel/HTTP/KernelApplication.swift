import Hummingbird
import Logging

/// The HTTP application around a kernel: the API router, with the event relay
/// as a service that starts with the server and stops after it. The server and
/// the tests assemble it here, so that what the tests run is what is deployed.
public func makeKernelApplication(
    kernel: Kernel, host: String, port: Int, serverName: String? = nil, logger: Logger,
    metricsText: @escaping @Sendable () async -> String = { "" },
    onServerRunning: @escaping @Sendable (Int?) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let (router, _) = APIRouterBuilder(kernel: kernel, metricsText: metricsText).build()
    var app = Application(
        router: router, configuration: .init(address: .hostname(host, port: port), serverName: serverName),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) }, logger: logger)
    app.addServices(kernel.relay)
    return app
}
