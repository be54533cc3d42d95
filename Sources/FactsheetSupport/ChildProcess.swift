import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program run to its end with `posix_spawn`, as the leader of a process group of its own that
/// ``Interruption`` kills, children and all, if the command is interrupted meanwhile.
///
/// Its standard output and error go to files (so that no pipe can fill up and stall it), and
/// `waitpid` waits for it without polling (Foundation's `Process` looks every 50 ms on Linux).
public enum ChildProcess {
    /// Runs `executable` with `arguments`, standard input from `/dev/null`, standard output to
    /// the file `output` and standard error to the file `errors` (both made anew); returns its
    /// exit status, or 128 + the signal's number if a signal ended it.
    public static func run(_ executable: String, _ arguments: [String], output: String, errors: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let pid = try spawn(executable, arguments, actions: &actions)
        defer { Interruption.shared.forget(group: pid) }
        return wait(pid)
    }

    /// Starts `executable` as the leader of its own process group, with the file actions given,
    /// and registers the group with ``Interruption``; the caller waits for it and then forgets it.
    public static func spawn(
        _ executable: String, _ arguments: [String], actions: inout posix_spawn_file_actions_t, environment: [String: String] = [:]
    ) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The command ignores these signals (``Interruption`` handles them); the child gets them back.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // This process's environment with `environment`'s variables set over it.
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        let envp = variables.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        // Registered under the interruption's lock, so that an interruption either finds it or
        // comes after it is started and registered.
        let result = Interruption.shared.starting {
            let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            return (result, result == 0 ? pid : nil)
        }
        guard result == 0 else { throw FileError("\(executable): could not be started: \(FileError.reason(result))") }
        return pid
    }

    /// Waits for `pid` to end; its exit status, or 128 + the signal's number.
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return 128 }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
