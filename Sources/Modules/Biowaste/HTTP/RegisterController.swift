import CollectoKernel
import Foundation
import Hummingbird

/// The register, its corrections, the city's reports and the emission factors.
struct RegisterController {
    let register: RegisterUseCases
    let reports: ReportUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "biowaste")
        endpoints.raw(
            .get, "register", summary: "The chronological register (?from=&until=&siteId=&format=csv)", contentType: "application/json",
            query: [.date("from"), .date("until"), .uuid("siteId"), APIParameter.format]
        ) { request, context in
            let from = try request.query("from", CalendarDate.init)
            let until = try request.query("until", CalendarDate.init)
            let site = try request.query("siteId") { UUID(uuidString: $0) }
            let extract = try await register.register(
                from: from, until: until, site: site, asCSV: ReportResponse.wantsCSV(request), by: context.caller)
            if let csv = extract.csv {
                return Response(
                    status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: csv)))
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: try LowercaseIdentifiers.json(extract.entries))))
        }
        endpoints.post(
            "register/{id}/corrections", summary: "Correct an entry with a later one (never edited)", body: RegisterService.Correction.self,
            pathParameters: [.wholeNumber("id", 1...Int(Int32.max))]
        ) {
            request, context in
            guard let id = context.parameters.get("id", as: Int.self) else {
                throw KernelError.invalid(field: "id", message: "id is a number")
            }
            let correction = try await request.decodeJSON(RegisterService.Correction.self, context: context)
            return try await register.correct(id, correction, by: context.caller)
        }
        endpoints.raw(
            .get, "reports",
            summary: "Tonnage per point, month and destination; refusal rate; kg diverted; CO2e avoided (?from=&until=&format=csv)",
            contentType: "application/json", query: [.date("from"), .date("until"), APIParameter.format]
        ) { request, context in
            let from = try request.query("from", CalendarDate.init)
            let until = try request.query("until", CalendarDate.init)
            let report = try await reports.tonnage(from: from, until: until, by: context.caller)
            return try ReportResponse.make(report, for: request) { try $0.csv() }
        }
        endpoints.get("settings/emission-factors", summary: "CO2e avoided per tonne by treatment, with sources (from the configuration)") {
            _, context in reports.emissionFactors(by: context.caller)
        }
        return endpoints
    }
}
