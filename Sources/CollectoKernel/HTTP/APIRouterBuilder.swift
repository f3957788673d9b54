import Foundation
import Hummingbird
import Logging

/// Builds the router of the whole API from the kernel's controllers and the
/// enabled modules' endpoints, and the OpenAPI description of exactly those routes.
public struct APIRouterBuilder: Sendable {
    /// Where the JSON API lives.
    public static let apiPrefix = "/api/v1"

    let kernel: Kernel
    /// Renders `/metrics` (Prometheus text); the executable owns the metrics backend.
    let metricsText: @Sendable () async -> String

    public init(kernel: Kernel, metricsText: @escaping @Sendable () async -> String = { "" }) {
        self.kernel = kernel
        self.metricsText = metricsText
    }

    /// The router and the operations mounted on it.
    public func build() -> (router: Router<AppRequestContext>, operations: [APIOperation]) {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware())
        let allowed = AllowedMethods()
        router.add(middleware: MethodNotAllowedMiddleware(allowed: allowed))
        router.add(middleware: AuthenticationMiddleware(identity: kernel.identity))

        var operations: [APIOperation] = []
        let operational = operationalEndpoints()
        router.addRoutes(operational.collection)
        operations += operational.operations.map { $0.mounted(at: "") }

        let publicAPI = AuthController(kernel: kernel).publicEndpoints
        router.addRoutes(publicAPI.collection, atPath: RouterPath(Self.apiPrefix))
        operations += publicAPI.operations.map { $0.mounted(at: Self.apiPrefix) }

        let authenticated = router.group(RouterPath(Self.apiPrefix), context: AuthenticatedContext.self)
        authenticated.add(
            middleware: IdempotencyMiddleware(database: kernel.units.database, clock: kernel.clock, caller: { $0.caller }))
        let kernelEndpoints = [
            AuthController(kernel: kernel).endpoints, OrganisationsController(kernel: kernel).endpoints,
            SitesController(kernel: kernel).endpoints, UsersController(kernel: kernel).endpoints,
            VehiclesController(kernel: kernel).endpoints, TasksController(kernel: kernel).endpoints,
            RoundsController(kernel: kernel).endpoints, SystemController(kernel: kernel).endpoints,
        ]
        for endpoints in kernelEndpoints {
            authenticated.addRoutes(endpoints.collection)
            operations += endpoints.operations.map { $0.mounted(at: Self.apiPrefix) }
        }
        for entry in kernel.registry.enabled {
            let prefix = entry.module.id.rawValue
            for endpoints in entry.registration.endpoints {
                authenticated.addRoutes(endpoints.collection, atPath: RouterPath(prefix))
                operations += endpoints.operations.map { $0.mounted(at: "\(Self.apiPrefix)/\(prefix)") }
            }
        }
        WebRouter(kernel: kernel, web: kernel.web).mount(on: router)
        allowed.set(operations + [Self.openAPIOperation])
        let document = OpenAPIDocument(operations: operations + [Self.openAPIOperation], version: kernel.version)
        let served = ServedDescription(document: document, kernel: kernel)
        // Anyone reads the description; its examples name the deployment's own ids only for the food bank's staff.
        router.get(RouterPath(Self.apiPrefix + "/openapi.json")) { _, context in
            let data = try await served.json(withDeploymentIDs: context.caller?.seesEverything == true)
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return (router, operations + [Self.openAPIOperation])
    }

    static let openAPIOperation = APIOperation(
        method: .get, path: apiPrefix + "/openapi.json", summary: "This API's OpenAPI 3.1 description", tag: "system",
        successStatus: .ok, requestBody: nil, queryParameters: [], authenticated: false)

    private func operationalEndpoints() -> Endpoints<AppRequestContext> {
        let endpoints = Endpoints<AppRequestContext>(tag: "operations")
        let kernel = self.kernel
        let metricsText = self.metricsText
        endpoints.get("healthz", summary: "Liveness and database reachability") { _, _ in
            _ = try await kernel.units.read { db in try await db.scalarInt("SELECT 1") }
            return ["status": "ok"]
        }
        endpoints.raw(.get, "metrics", summary: "Prometheus metrics", contentType: "text/plain; version=0.0.4") { _, _ in
            let text = await metricsText()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        return endpoints
    }
}
