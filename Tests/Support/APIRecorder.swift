import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization

/// Keeps every answer the API tests receive, when `COLLECTOD_API_RECORD`
/// names a folder, as one JSON line per answer (method, path, status,
/// content type, body). `scripts/check-api-answers` then checks each against
/// the API description (`collectod openapi`): its status is documented and its
/// body fits the schema. So every API test checks the description too.
enum APIRecorder {
    private static let file: Mutex<FileHandle?> = Mutex(Self.open())

    private static func open() -> FileHandle? {
        guard let folder = ProcessInfo.processInfo.environment["COLLECTOD_API_RECORD"], !folder.isEmpty else { return nil }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = "\(folder)/answers-\(ProcessInfo.processInfo.processIdentifier).ndjson"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return FileHandle(forWritingAtPath: path)
    }

    /// Records one answer, if recording is on.
    static func record(method: HTTPRequest.Method, uri: String, response: TestResponse) {
        file.withLock { handle in
            guard let handle else { return }
            let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
            let line: [String: Any] = [
                "method": method.rawValue, "path": path, "status": Int(response.status.code),
                "contentType": response.headers[.contentType] ?? "", "body": String(buffer: response.body),
            ]
            guard var data = try? JSONSerialization.data(withJSONObject: line) else { return }
            data.append(0x0A)
            handle.write(data)
        }
    }
}
