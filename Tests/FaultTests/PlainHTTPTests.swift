import Foundation
import TestSupport
import Testing

/// A token over plain HTTP to a host that is not loopback: refused before any connection, from the
/// address alone, unless `--allow-insecure-http`. The server is real: `git-http-server.py` on
/// 192.0.2.1 (TEST-NET-1), an address added to the loopback interface of a network namespace of
/// the test's own, so nothing leaves the machine.
@Suite struct PlainHTTPTests {
    static let token = "tok-plain-http-2b7d"

    static let script = #"""
        set -u
        ip link set lo up && ip addr add 192.0.2.1/32 dev lo || exit 90
        mkfifo "$OUT/stdin"
        python3 "$SERVER" --root "$ROOT" --token "$TOKEN" --host 192.0.2.1 --lifetime 120 \
            --request-log "$OUT/requests.log" < "$OUT/stdin" > "$OUT/port" &
        server=$!
        exec 3> "$OUT/stdin"
        tries=0
        while [ ! -s "$OUT/port" ] && [ $tries -lt 600 ]; do sleep 0.05; tries=$((tries + 1)); done
        url="http://192.0.2.1:$(cat "$OUT/port")/remote.git"
        for run in refused allowed; do
            [ $run = allowed ] && flag=--allow-insecure-http || flag=--quiet
            touch "$OUT/requests.log"
            cp "$OUT/requests.log" "$OUT/requests-before-$run.log"
            GITHUB_TOKEN="$TOKEN" "$CONFIG_API" bump --remote "$url" $flag --author "Fault Test <fault@example.com>" \
                myproject api 3f2c1a9 > "$OUT/$run.out" 2> "$OUT/$run.err"
            echo $? > "$OUT/$run.status"
        done
        cp "$OUT/requests.log" "$OUT/requests-after.log"
        echo "$url" > "$OUT/url"
        kill $server
        exec 3>&-
        """#

    @Test func aTokenIsRefusedOverPlainHTTPUnlessAllowed() throws {
        let workspace = try FaultWorkspace()
        let out = workspace.folder.child("findings")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let result = try NamespaceScript.run(["-n"], Self.script, environment: [
            "OUT": out, "ROOT": workspace.folder.path, "TOKEN": Self.token, "SERVER": GitHTTPServer.scriptPath,
        ])
        #expect(result.status == 0, "\(result.output)")
        let read = { (name: String) in (try? String(contentsOfFile: "\(out)/\(name)", encoding: .utf8)) ?? "" }
        let url = read("url").trimmingCharacters(in: .whitespacesAndNewlines)

        #expect(read("refused.status") == "77\n")
        #expect(read("refused.err") == "config-api: refusing to send the token to \(url) over plain HTTP (it is not "
                + "loopback): use https://, or --allow-insecure-http to send it anyway\n")
        #expect(read("requests-before-allowed.log").isEmpty, "refused before any connection")

        #expect(read("allowed.status") == "0\n", "\(read("allowed.err"))")
        #expect(read("allowed.out").hasPrefix("pushed "))
        #expect(read("requests-after.log").contains("token POST /remote.git/git-receive-pack"))
        #expect(FaultWorkspace.apiHash(in: try workspace.remoteText()) == "3f2c1a9")
    }
}
