import Foundation

/// The fields of a site as a form sends them (the `site-fields` partial: name,
/// address, coordinates, service minutes, an opening range per weekday), read
/// into a ``SiteService/Input`` with an error per field the partial shows, for
/// the onboarding form and a site's own page alike.
struct SiteFormFields: Decodable, Sendable {
    var siteName: String?
    var address: String?
    var postcode: String?
    var city: String?
    var latitude: String?
    var longitude: String?
    var serviceMinutes: String?
    var opens: [String: String]?
    var closes: [String: String]?

    /// One weekday's row of the form.
    struct Day: Sendable {
        let key: String
        let label: String
        let opens: String
        let closes: String
        let error: String?
    }

    /// The fields the partial shows an error beside.
    static let fieldNames: Set<String> = ["siteName", "address", "latitude", "longitude", "serviceMinutes"]

    /// What the partial shows: the typed values (or the site's), the weekday rows, with their errors.
    static func typed(_ form: SiteFormFields?, site: Site?, t: Texts) -> [String: String] {
        // Six decimals of a degree are about 10 cm: enough for a door, short enough to read.
        func number(_ value: Double) -> String {
            var text = String(format: "%.6f", value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return t.language == .fr ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        return [
            "siteName": form?.siteName ?? site?.name ?? "", "address": form?.address ?? site?.address ?? "",
            "postcode": form?.postcode ?? site?.postcode ?? "", "city": form?.city ?? site?.city ?? "",
            "latitude": form?.latitude ?? site.map { number($0.latitude) } ?? "",
            "longitude": form?.longitude ?? site.map { number($0.longitude) } ?? "",
            "serviceMinutes": form?.serviceMinutes ?? site.map { String($0.serviceMinutes) } ?? "15",
        ]
    }

    static func days(_ form: SiteFormFields?, site: Site?, errors: [String: String], t: Texts) -> [Day] {
        Weekday.allCases.map { day in
            let range = site?.openingHours.days[day]?.first
            return Day(
                key: day.rawValue, label: t("weekday_" + day.rawValue),
                opens: form?.opens?[day.rawValue] ?? range.map { $0.from.description } ?? "",
                closes: form?.closes?[day.rawValue] ?? range.map { $0.until.description } ?? "",
                error: errors["openingHours.\(day.rawValue)"])
        }
    }

    /// The site these fields describe for `organisation`, and the errors found before any use case runs.
    func read(organisation: UUID, storage: [TemperatureClass]? = nil, t: Texts) -> (SiteService.Input, [String: String]) {
        var errors: [String: String] = [:]
        func trimmed(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func optional(_ text: String?) -> String? { trimmed(text).isEmpty ? nil : trimmed(text) }
        func coordinate(_ name: String, _ text: String?) -> Double {
            guard let value = Double(trimmed(text).replacingOccurrences(of: ",", with: ".")) else {
                errors[name] = t("organisation_bad_coordinate")
                return 0
            }
            return value
        }
        let latitude = coordinate("latitude", latitude)
        let longitude = coordinate("longitude", longitude)
        let service = Int(trimmed(serviceMinutes))
        if service == nil { errors["serviceMinutes"] = t("organisation_bad_minutes") }
        var hours: [Weekday: [OpeningHours.Range]] = [:]
        for day in Weekday.allCases {
            let from = trimmed(opens?[day.rawValue])
            let until = trimmed(closes?[day.rawValue])
            if from.isEmpty && until.isEmpty { continue }
            guard let start = LocalTime(from), let end = LocalTime(until) else {
                errors["openingHours.\(day.rawValue)"] = t("organisation_bad_hours")
                continue
            }
            hours[day] = [OpeningHours.Range(from: start, until: end)]
        }
        let input = SiteService.Input(
            organisationId: organisation, name: trimmed(siteName), address: trimmed(address), postcode: optional(postcode),
            city: optional(city), latitude: latitude, longitude: longitude, openingHours: OpeningHours(hours), storageClasses: storage,
            serviceMinutes: service ?? 15)
        return (input, errors)
    }
}
