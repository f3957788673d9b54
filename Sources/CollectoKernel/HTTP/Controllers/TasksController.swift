import Foundation
import Hummingbird

/// Logistics tasks: listed for planners, created by hand for moves no module
/// asked for, cancelled while pending.
struct TasksController {
    let kernel: Kernel

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "tasks")
        endpoints.get("tasks", summary: "Tasks of the caller's organisations", query: ["limit", "offset", "status"]) { request, context in
            let status = try request.query("status", TaskStatus.init(rawValue:))
            let page = try request.page()
            let readable = context.caller.readableOrganisations
            return try await kernel.units.read { db in try await kernel.tasks.list(visibleTo: readable, status: status, page: page, in: db)
            }
        }
        endpoints.post("tasks", summary: "Create a manual task (kind kernel.manual)", body: TaskService.Input.self) { request, context in
            let input = try await request.decodeJSON(TaskService.Input.self, context: context)
            guard input.kind == Kernel.manualTaskKind.id else {
                throw KernelError.invalid(field: "kind", message: "tasks of module kinds are created by their modules; use kernel.manual")
            }
            try context.caller.require(context.caller.canManage(input.organisationId), "you cannot create tasks for this organisation")
            return try await kernel.units.write(by: context.caller) { tx in
                let task = try await kernel.tasks.create(input, in: tx)
                try await tx.audit("create", entity: "task", id: task.id.uuidString, organisation: task.organisationId)
                return task
            }
        }
        endpoints.get("tasks/{id}", summary: "One task") { _, context in
            let id = try context.uuid("id")
            guard let task = try await kernel.units.read({ db in try await kernel.tasks.get(id, in: db) }),
                context.caller.canRead(task.organisationId)
            else { throw KernelError.notFound(entity: "task", id: id.uuidString) }
            return task
        }
        endpoints.post("tasks/{id}/cancel", summary: "Cancel a pending task", status: .ok) { _, context in
            let id = try context.uuid("id")
            let caller = context.caller
            return try await kernel.units.write(by: caller) { tx in
                guard let task = try await kernel.tasks.get(id, in: tx), caller.canRead(task.organisationId) else {
                    throw KernelError.notFound(entity: "task", id: id.uuidString)
                }
                try caller.require(caller.canManage(task.organisationId), "you cannot cancel this task")
                let cancelled = try await kernel.tasks.cancel(id, in: tx)
                try await tx.audit("cancel", entity: "task", id: id.uuidString, organisation: task.organisationId)
                return cancelled
            }
        }
        return endpoints
    }
}
