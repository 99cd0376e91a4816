#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Why a TCP connection could not be made or used.
public enum TCPFailure: Error, Sendable, Equatable {
    /// The host name could not be resolved (`getaddrinfo`'s message).
    case unresolvable(host: String, reason: String)
    /// Nothing answered within the time allowed (connecting, or waiting to read or write).
    case timedOut
    /// A system call failed: refused, unreachable, reset, …
    case failed(SystemCallError)
}

/// A connected TCP socket with deadlines: `connect` gives up after its timeout, and each read
/// or write waits at most the idle timeout for the peer. The socket stays in blocking mode, so
/// a library may also do its own I/O on `descriptor` (libssh2 does). Closed when the object
/// goes away.
public final class TCPConnection: @unchecked Sendable {
    /// The socket, for libraries that read and write it themselves.
    public let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Connects to `host` (a name or an address) on `port` (a number or a service name), trying
    /// each address `getaddrinfo` gives until one answers, all within `timeout` seconds.
    public static func connect(host: String, port: String, timeout: Double) throws(TCPFailure) -> TCPConnection {
        let deadline = Clock.monotonicSeconds() + timeout
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, port, &hints, &list)
        guard code == 0, let list else {
            throw .unresolvable(host: host, reason: String(cString: gai_strerror(code)))
        }
        defer { freeaddrinfo(list) }
        var lastFailure = TCPFailure.timedOut
        var address: UnsafeMutablePointer<addrinfo>? = list
        while let current = address {
            do {
                return try connect(to: current.pointee, host: host, port: port, deadline: deadline)
            } catch {
                lastFailure = error
                if error == .timedOut { break }
            }
            address = current.pointee.ai_next
        }
        throw lastFailure
    }

    private static func connect(to address: addrinfo, host: String, port: String,
                                deadline: Double) throws(TCPFailure) -> TCPConnection {
        let name = "\(host):\(port)"
        let connection: TCPConnection
        let connected: Bool
        do {
            let descriptor = try systemCall("socket", path: name) { socket(address.ai_family, address.ai_socktype, 0) }
            connection = TCPConnection(descriptor: descriptor)
            connected = try connection.connect(to: address, name: name, deadline: deadline)
        } catch {
            throw .failed(error)
        }
        guard connected else { throw .timedOut }
        return connection
    }

    /// Connects the socket without blocking longer than `deadline`; false when it passed.
    private func connect(to address: addrinfo, name: String, deadline: Double) throws(SystemCallError) -> Bool {
        try systemCall("fcntl", path: name) { fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        let flags = try systemCall("fcntl", path: name) { fcntl(descriptor, F_GETFL) }
        try systemCall("fcntl", path: name) { fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) }
        do {
            try systemCall("connect", path: name) { connectSocket(descriptor, address) }
        } catch where error.errorNumber == EINPROGRESS {
            guard try wait(for: Int16(POLLOUT), seconds: deadline - Clock.monotonicSeconds()) else { return false }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            try systemCall("getsockopt", path: name) { getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length) }
            if failure != 0 { throw SystemCallError(operation: "connect", path: name, errorNumber: failure) }
        }
        try systemCall("fcntl", path: name) { fcntl(descriptor, F_SETFL, flags) }
        return true
    }

    /// Reads up to `buffer.count` bytes, waiting at most `idleTimeout` seconds for the first;
    /// 0 means the peer closed the connection.
    public func receive(into buffer: UnsafeMutableRawBufferPointer, idleTimeout: Double) throws(TCPFailure) -> Int {
        try transfer(waitingFor: Int16(POLLIN), idleTimeout: idleTimeout) { () throws(SystemCallError) in
            try systemCall("recv") { recv(descriptor, buffer.baseAddress, buffer.count, 0) }
        }
    }

    /// Writes some of `bytes` (at least one), waiting at most `idleTimeout` seconds for room;
    /// returns how many were written.
    public func send(_ bytes: UnsafeRawBufferPointer, idleTimeout: Double) throws(TCPFailure) -> Int {
        try transfer(waitingFor: Int16(POLLOUT), idleTimeout: idleTimeout) { () throws(SystemCallError) in
            try systemCall("send") { sendBytes(descriptor, bytes) }
        }
    }

    /// Waits up to `idleTimeout` seconds for `events`, then runs `call`.
    private func transfer(waitingFor events: Int16, idleTimeout: Double,
                          _ call: () throws(SystemCallError) -> Int) throws(TCPFailure) -> Int {
        let ready: Bool
        do {
            ready = try wait(for: events, seconds: idleTimeout)
        } catch {
            throw .failed(error)
        }
        guard ready else { throw .timedOut }
        do {
            return try call()
        } catch {
            throw .failed(error)
        }
    }

    /// Ends both directions at once: a thread blocked reading or writing the socket returns.
    public func shutDown() {
        shutDownSocket(descriptor)
    }

    /// Seconds since data last went either way on the connection, as the kernel counts
    /// (`TCP_INFO`); nil where the system does not say.
    public var secondsSinceData: Double? {
        #if canImport(Glibc)
        var info = tcp_info()
        var length = socklen_t(MemoryLayout<tcp_info>.size)
        guard getsockopt(descriptor, Int32(IPPROTO_TCP), TCP_INFO, &info, &length) == 0 else { return nil }
        return Double(min(info.tcpi_last_data_recv, info.tcpi_last_data_sent)) / 1000
        #else
        return nil
        #endif
    }

    /// Waits until the socket is ready for `events` or `seconds` pass (false then).
    private func wait(for events: Int16, seconds: Double) throws(SystemCallError) -> Bool {
        let deadline = Clock.monotonicSeconds() + max(0, seconds)
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        while true {
            let milliseconds = Int32(max(0, min(Double(Int32.max), (deadline - Clock.monotonicSeconds()) * 1000)))
            let ready = try systemCall("poll") { poll(&entry, 1, milliseconds) }
            if ready > 0 { return true }
            if Clock.monotonicSeconds() >= deadline { return false }
        }
    }
}

/// The C library's `connect`, `send` and `shutdown` (inside `TCPConnection` those names are its own).
private func connectSocket(_ descriptor: Int32, _ address: addrinfo) -> Int32 {
    connect(descriptor, address.ai_addr, address.ai_addrlen)
}

private func sendBytes(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    #if canImport(Glibc)
    send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
    #else
    send(descriptor, bytes.baseAddress, bytes.count, 0)
    #endif
}

private func shutDownSocket(_ descriptor: Int32) {
    #if canImport(Glibc)
    _ = shutdown(descriptor, Int32(SHUT_RDWR))
    #else
    _ = shutdown(descriptor, SHUT_RDWR)
    #endif
}
