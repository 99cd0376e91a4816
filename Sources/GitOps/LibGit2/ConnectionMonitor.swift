import Dispatch
internal import SystemCalls

/// Why a connection of a network operation failed, as the socket stream saw it (libgit2's own
/// message for these is generic or missing).
enum ConnectionFailure: Equatable {
    case timedOut(NetworkTimeout)
    case unresolvable(host: String, reason: String)
    case failed(reason: String)
    case otherOrigin(String)
}

/// The connections of one libgit2 network operation: the limits they run under (from the
/// operation's `NetworkPolicy`), the only origin they may reach, and the first failure among
/// them. The socket stream finds the monitor of the operation running on its thread through
/// `current`.
///
/// For SSH, libssh2 reads and writes the socket itself, so the stream's own idle deadline never
/// applies: a watchdog thread asks the kernel how long each socket has been silent and shuts
/// down one that passed the idle timeout, which ends libssh2's blocking wait with an error.
final class ConnectionMonitor: @unchecked Sendable {
    /// The monitor of the libgit2 call running on this thread.
    @TaskLocal static var current: ConnectionMonitor?

    let policy: NetworkPolicy
    /// Where connections may go; nil: anywhere (no host in the address).
    let origin: RemoteOrigin?
    private let watchesSilentSockets: Bool
    /// Serialises `failure` and `connections` between the operation's thread and the watchdog.
    private let queue = DispatchQueue(label: "config-api.connection-monitor")
    private var recordedFailure: ConnectionFailure?
    private var connections: [WeakConnection] = []
    private let stopped = DispatchSemaphore(value: 0)

    init(policy: NetworkPolicy, url: String) {
        self.policy = policy
        origin = RemoteOrigin(url)
        watchesSilentSockets = origin?.scheme == "ssh"
    }

    /// The first failure recorded, if any.
    var failure: ConnectionFailure? { queue.sync { recordedFailure } }

    /// Records `failure` unless an earlier one is recorded.
    func record(_ failure: ConnectionFailure) {
        queue.sync { if recordedFailure == nil { recordedFailure = failure } }
    }

    /// Adds a new connection for the watchdog to watch.
    func watch(_ connection: TCPConnection) {
        queue.sync { connections.append(WeakConnection(connection)) }
    }

    /// Runs `body` (a libgit2 network call) with this monitor as `current`, and for SSH with the
    /// watchdog running.
    func during<Result>(_ body: () -> Result) -> Result {
        if watchesSilentSockets { startWatchdog() }
        defer { if watchesSilentSockets { stopped.signal() } }
        return Self.$current.withValue(self, operation: body)
    }

    private func startWatchdog() {
        let interval = min(1, policy.idleTimeout / 4)
        try? DetachedThread.start { [self] in
            while stopped.wait(timeout: .now() + interval) == .timedOut {
                shutDownSilentConnections()
            }
        }
    }

    private func shutDownSilentConnections() {
        let live = queue.sync { connections.compactMap(\.connection) }
        for connection in live {
            guard let silence = connection.secondsSinceData, silence > policy.idleTimeout else { continue }
            record(.timedOut(.idle))
            connection.shutDown()
        }
    }
}

/// A connection the watchdog looks at without keeping it open.
private struct WeakConnection {
    weak var connection: TCPConnection?

    init(_ connection: TCPConnection) {
        self.connection = connection
    }
}
