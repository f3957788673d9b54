import CollectoKernel
import Testing

/// A stored value the code does not know is an error to see, never a default that hides it.
@Suite struct SQLRowTests {
    @Test func anUnknownStoredEnumValueThrowsInsteadOfFallingBackToADefault() throws {
        let known = SQLRow(columns: ["status"], values: [.text("pending")])
        #expect(try known.value(TaskStatus.self, "status") == .pending)
        let unknown = SQLRow(columns: ["status"], values: [.text("lost_in_transit")])
        #expect(throws: StorageError.self) { try unknown.value(TaskStatus.self, "status") }
    }
}
