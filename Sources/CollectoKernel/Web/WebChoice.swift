/// One option of a select, a radio group or a set of checkboxes, as a page's
/// view model gives it to its template: the value sent, the words shown, and
/// whether it is the one chosen.
public struct WebChoice: Sendable {
    public let value: String
    public let label: String
    public let selected: Bool

    public init(value: String, label: String, selected: Bool) {
        self.value = value
        self.label = label
        self.selected = selected
    }
}
