import Logging
import Synchronization

/// Sets up process-wide logging once: key=value lines on standard error at the configured level.
enum LoggingBootstrap {
    private static let done = Mutex(false)

    static func logger(level: Logger.Level) -> Logger {
        done.withLock { done in
            if !done {
                LoggingSystem.bootstrap { label in
                    var handler = StreamLogHandler.standardError(label: label)
                    handler.logLevel = .trace
                    return handler
                }
                done = true
            }
        }
        var logger = Logger(label: "collectod")
        logger.logLevel = level
        return logger
    }
}
