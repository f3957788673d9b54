import Foundation
import HTTPTypes
import Hummingbird

/// Reports answer in JSON, or in CSV when the request says `?format=csv`:
/// one place that picks the format and sets the content type.
public enum ReportResponse {
    /// Whether the request asks for CSV.
    public static func wantsCSV(_ request: Request) -> Bool {
        request.uri.queryParameters.get("format") == "csv"
    }

    /// `report` as JSON, or the CSV `csv` makes when the request asks for it.
    public static func make<Report: Encodable>(_ report: Report, for request: Request, csv: (Report) throws -> String) throws -> Response {
        if wantsCSV(request) {
            return Response(
                status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: try csv(report))))
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try LowercaseIdentifiers.json(report))))
    }
}
