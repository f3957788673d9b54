import Foundation

/// The actions on logistics tasks: listed for planners, created by hand for
/// moves no module asked for, cancelled while pending, by the coordinators of
/// the task's organisation.
public struct TaskUseCases: Sendable {
    let units: UnitOfWorkRunner
    let tasks: TaskService

    public init(units: UnitOfWorkRunner, tasks: TaskService) {
        self.units = units
        self.tasks = tasks
    }

    public func list(status: TaskStatus?, page: PageRequest, by caller: Caller) async throws -> Page<LogisticsTask> {
        let readable = caller.readableOrganisations
        let tasks = self.tasks
        return try await units.read { db in try await tasks.list(visibleTo: readable, status: status, page: page, in: db) }
    }

    /// A manual task (kind `kernel.manual`): tasks of module kinds are created by their modules.
    public func createManual(_ input: TaskService.Input, by caller: Caller) async throws -> LogisticsTask {
        guard input.kind == Kernel.manualTaskKind.id else {
            throw KernelError.invalid(field: "kind", message: "tasks of module kinds are created by their modules; use kernel.manual")
        }
        try caller.require(caller.canManage(input.organisationId), "you cannot create tasks for this organisation")
        let tasks = self.tasks
        return try await units.write(by: caller) { tx in
            let task = try await tasks.create(input, in: tx)
            try await tx.audit("create", entity: "task", id: task.id.uuidString, organisation: task.organisationId)
            return task
        }
    }

    /// A task, for its organisation's readers and for ``AssignedDriver``: the
    /// driver assigned to an open round that carries it.
    public func task(_ id: UUID, by caller: Caller) async throws -> LogisticsTask {
        let tasks = self.tasks
        let task = try await units.read { db -> LogisticsTask? in
            guard let task = try await tasks.get(id, in: db) else { return nil }
            if caller.canRead(task.organisationId) { return task }
            return try await AssignedDriver.carries(task: id, caller: caller, in: db) ? task : nil
        }
        guard let task else { throw KernelError.notFound(entity: "task", id: id.uuidString) }
        return task
    }

    public func cancel(_ id: UUID, by caller: Caller) async throws -> LogisticsTask {
        let tasks = self.tasks
        return try await units.write(by: caller) { tx in
            guard let task = try await tasks.get(id, in: tx), caller.canRead(task.organisationId) else {
                throw KernelError.notFound(entity: "task", id: id.uuidString)
            }
            try caller.require(caller.canManage(task.organisationId), "you cannot cancel this task")
            let cancelled = try await tasks.cancel(id, in: tx)
            try await tx.audit("cancel", entity: "task", id: id.uuidString, organisation: task.organisationId)
            return cancelled
        }
    }
}
