/// A command that ran into a problem it can explain (as opposed to bad
/// arguments, which ArgumentParser reports with the usage).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
