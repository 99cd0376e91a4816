internal import CLibGit2
internal import SystemCalls

/// The TCP stream libgit2 uses for every network connection (HTTP, under TLS, and SSH), in
/// place of its own, which has no timeouts in 1.5: connecting gives up after the connect
/// timeout, each read or write after the idle timeout, and a connection to a host or port
/// other than the configured remote's (a redirect) is refused before it is made. Limits and
/// the allowed origin come from the `ConnectionMonitor` of the calling thread.
enum SocketStream {
    /// Registers the stream with libgit2 for the whole process (after `git_libgit2_init`).
    static func register() -> Int32 {
        var registration = git_stream_registration()
        registration.version = Int32(GIT_STREAM_VERSION)
        registration.`init` = { out, host, port in
            guard let out, let host, let port else { return -1 }
            return SocketStream.open(out, host: String(cString: host), port: String(cString: port))
        }
        return git_stream_register(GIT_STREAM_STANDARD, &registration)
    }

    private static func open(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_stream>?>,
                             host: String, port: String) -> Int32 {
        let monitor = ConnectionMonitor.current
        if let origin = monitor?.origin, !origin.admits(host: host, port: port) {
            let target = RemoteOrigin(scheme: origin.scheme, host: host, port: port).description
            monitor?.record(.otherOrigin(target))
            return fail("refusing to connect to \(target): not the configured remote's origin")
        }
        let stream = UnsafeMutablePointer<config_api_socket_stream>.allocate(capacity: 1)
        stream.initialize(to: config_api_socket_stream())
        stream.pointee.parent.version = Int32(GIT_STREAM_VERSION)
        stream.pointee.parent.connect = { SocketStream.state(of: $0)?.connect() ?? -1 }
        stream.pointee.parent.read = { stream, data, length in
            SocketStream.state(of: stream)?.read(into: UnsafeMutableRawBufferPointer(start: data, count: length)) ?? -1
        }
        stream.pointee.parent.write = { stream, data, length, _ in
            SocketStream.state(of: stream)?.write(UnsafeRawBufferPointer(start: data, count: length)) ?? -1
        }
        stream.pointee.parent.close = { SocketStream.state(of: $0)?.close() ?? 0 }
        stream.pointee.parent.free = { SocketStream.release($0) }
        stream.pointee.socket = -1
        let state = StreamState(stream: stream, host: host, port: port, monitor: monitor)
        stream.pointee.context = Unmanaged.passRetained(state).toOpaque()
        out.pointee = UnsafeMutableRawPointer(stream).assumingMemoryBound(to: git_stream.self)
        return 0
    }

    private static func socketStream(_ stream: UnsafeMutablePointer<git_stream>?)
        -> UnsafeMutablePointer<config_api_socket_stream>? {
        stream.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: config_api_socket_stream.self) }
    }

    private static func state(of stream: UnsafeMutablePointer<git_stream>?) -> StreamState? {
        guard let context = socketStream(stream)?.pointee.context else { return nil }
        return Unmanaged<StreamState>.fromOpaque(context).takeUnretainedValue()
    }

    private static func release(_ stream: UnsafeMutablePointer<git_stream>?) {
        guard let stream = socketStream(stream) else { return }
        if let context = stream.pointee.context { Unmanaged<StreamState>.fromOpaque(context).release() }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Sets libgit2's error message for this thread; returns -1.
    static func fail(_ message: String) -> Int32 {
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), message)
        return -1
    }
}

/// One stream's connection and what it reports to its monitor.
private final class StreamState {
    private let stream: UnsafeMutablePointer<config_api_socket_stream>
    private let host: String
    private let port: String
    private let monitor: ConnectionMonitor?
    private var connection: TCPConnection?

    init(stream: UnsafeMutablePointer<config_api_socket_stream>, host: String, port: String,
         monitor: ConnectionMonitor?) {
        self.stream = stream
        self.host = host
        self.port = port
        self.monitor = monitor
    }

    private var policy: NetworkPolicy { monitor?.policy ?? .standard }

    func connect() -> Int32 {
        do {
            let connection = try TCPConnection.connect(host: host, port: port, timeout: policy.connectTimeout)
            self.connection = connection
            stream.pointee.socket = connection.descriptor
            monitor?.watch(connection)
            return 0
        } catch {
            return report(error, during: .connect)
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let connection else { return Int(SocketStream.fail("read on a closed connection")) }
        do {
            return try connection.receive(into: buffer, idleTimeout: policy.idleTimeout)
        } catch {
            return Int(report(error, during: .idle))
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let connection else { return Int(SocketStream.fail("write on a closed connection")) }
        do {
            return try connection.send(bytes, idleTimeout: policy.idleTimeout)
        } catch {
            return Int(report(error, during: .idle))
        }
    }

    func close() -> Int32 {
        connection = nil
        stream.pointee.socket = -1
        return 0
    }

    private func report(_ error: TCPFailure, during phase: NetworkTimeout) -> Int32 {
        switch error {
        case .timedOut:
            monitor?.record(.timedOut(phase))
            return SocketStream.fail("\(host):\(port): \(phase.rawValue) timeout")
        case .unresolvable(let host, let reason):
            monitor?.record(.unresolvable(host: host, reason: reason))
            return SocketStream.fail("cannot resolve \(host): \(reason)")
        case .failed(let error):
            monitor?.record(.failed(reason: error.reason))
            return SocketStream.fail("\(host):\(port): \(error.reason)")
        }
    }
}
