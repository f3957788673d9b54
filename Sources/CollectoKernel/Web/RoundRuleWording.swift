import Foundation

/// A broken rule of the road in the page's words: the rule's name, then what
/// breaks it, with the page's own names for the tasks and sites and its way of
/// writing days, times and weights (the engine's English line is for the API).
struct RoundRuleWording {
    let texts: Texts
    /// How the page names each task and site it shows.
    let tasks: [UUID: String]
    let sites: [UUID: String]

    init(_ texts: Texts, tasks: [UUID: String] = [:], sites: [UUID: String] = [:]) {
        self.texts = texts
        self.tasks = tasks
        self.sites = sites
    }

    func say(_ violation: RoundViolation) -> String {
        let t = texts
        let values: [String: String]
        switch violation {
        case .vehicleUnavailable(let day):
            values = ["day": t.day(day)]
        case .coldChain(let task, let temperature):
            values = ["task": name(task), "temperature": t("temperature_" + temperature.rawValue)]
        case .overCapacity(let stop, let unit, let load, let capacity):
            values = ["stop": String(stop), "load": amount(load, unit), "capacity": amount(capacity, unit)]
        case .foodWithWaste(let stop):
            values = ["stop": String(stop)]
        case .droppedBeforePickup(let stop, let task):
            values = ["stop": String(stop), "task": name(task)]
        case .timeWindowMissed(let stop, let task, let arrival, let end):
            values = ["stop": String(stop), "task": name(task), "arrival": t.instant(arrival), "end": t.instant(end)]
        case .collectedTooLate(let stop, let task, let arrival, let latest):
            values = ["stop": String(stop), "task": name(task), "arrival": t.instant(arrival), "latest": t.instant(latest)]
        case .siteClosed(let stop, let site, let at):
            values = ["stop": String(stop), "site": sites[site] ?? t("round_rule_a_site"), "at": t.instant(at)]
        case .vehicleDoubleBooked, .driverDoubleBooked, .vehicleNotShared:
            values = [:]
        }
        return t("round_rule_" + violation.code) + " : " + t("round_rule_detail_" + violation.code, values)
    }

    private func name(_ task: UUID) -> String {
        tasks[task] ?? String(task.uuidString.lowercased().prefix(8))
    }

    private func amount(_ value: Double, _ unit: String) -> String {
        unit == "kg" ? texts.kg(value) : texts.number(value, decimals: 0) + " L"
    }
}
