import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A `collectod serve` process started by a test, on a port the OS chose.
final class ServerProcess: Sendable {
    let process: Process
    let port: Int
    let output: Mutex<String>

    /// Starts the binary with `environment` added and waits until it says where it serves.
    init(binary: URL, environment: [String: String]) throws {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0"]
        var merged = ProcessInfo.processInfo.environment
        merged["COLLECTOD_CONFIG"] = nil
        merged.merge(environment) { $1 }
        process.environment = merged
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil && Date() < deadline && process.isRunning {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                found = Int(text[range].dropFirst("http://127.0.0.1:".count).dropLast())
            }
        }
        guard let found else {
            process.terminate()
            throw ServerStartFailure(output: text)
        }
        self.process = process
        self.port = found
        self.output = Mutex(text)
    }

    /// Sends a JSON request; returns the status and the body.
    func request(_ method: String, _ path: String, token: String? = nil, body: Data? = nil) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// Asks the server to stop (SIGTERM) and waits for it.
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// The server exited or stayed silent instead of serving.
struct ServerStartFailure: Error, CustomStringConvertible {
    let output: String
    var description: String { "the server did not start: \(output)" }
}
