import Foundation
import Synchronization

/// The API description as the server serves it. Anyone may read it, with
/// placeholder ids in its examples (built once); the food bank's staff, who
/// see the whole network anyway, get examples with the deployment's own ids,
/// read at most once a minute so that the description costs the database
/// nothing under load.
final class ServedDescription: Sendable {
    let document: OpenAPIDocument
    let kernel: Kernel
    private let placeholders: Data
    private let withIDs = Mutex<(data: Data, at: Date)?>(nil)
    /// How long examples with real ids are served before they are read again.
    static let freshness: TimeInterval = 60

    init(document: OpenAPIDocument, kernel: Kernel) {
        self.document = document
        self.kernel = kernel
        let ids = ExampleIDs.placeholders(now: kernel.clock.now(), timeZone: kernel.settings.timeZone)
        placeholders = (try? document.json(examples: ids)) ?? Data("{}".utf8)
    }

    func json(withDeploymentIDs: Bool) async throws -> Data {
        guard withDeploymentIDs else { return placeholders }
        let now = kernel.clock.now()
        if let cached = withIDs.withLock({ $0 }), now.timeIntervalSince(cached.at) < Self.freshness, now >= cached.at {
            return cached.data
        }
        let data = try document.json(examples: try await ExampleIDReader(kernel: kernel).read())
        withIDs.withLock { $0 = (data, now) }
        return data
    }
}
