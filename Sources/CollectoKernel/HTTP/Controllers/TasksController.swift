import Foundation
import Hummingbird

/// Logistics tasks: listed for planners, created by hand for moves no module
/// asked for, cancelled while pending.
struct TasksController {
    let kernel: Kernel

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "tasks")
        let tasks = TaskUseCases(units: kernel.units, tasks: kernel.tasks)
        endpoints.get(
            "tasks", summary: "Tasks of the caller's organisations", query: APIParameter.page + [.oneOf("status", TaskStatus.self)]
        ) { request, context in
            try await tasks.list(
                status: try request.query("status", TaskStatus.init(rawValue:)), page: try request.page(), by: context.caller)
        }
        endpoints.post("tasks", summary: "Create a manual task (kind kernel.manual)", body: TaskService.Input.self) { request, context in
            try await tasks.createManual(try await request.decodeJSON(TaskService.Input.self, context: context), by: context.caller)
        }
        endpoints.get("tasks/{id}", summary: "One task") { _, context in
            try await tasks.task(try context.uuid("id"), by: context.caller)
        }
        endpoints.post("tasks/{id}/cancel", summary: "Cancel a pending task", status: .ok) { _, context in
            try await tasks.cancel(try context.uuid("id"), by: context.caller)
        }
        return endpoints
    }
}
