import ProjectConfig
import Testing
import YAMLPatch

/// Batches (`apply --batch`, a payload's `operations`) and a payload's `order`.
struct DeployRequestTests {
    @Test func aYAMLBatchFileIsAListOfRequests() throws {
        let text = """
            # release 2026-01
            - path: projects/shop/applications/api
              spec: {git: {hash: 3f2c1a9}}
            - path: projects/shop/databases/db
              action: apply
              spec:
                  version: "8.4"
            - {path: projects/blog/applications/web, action: delete}
            """
        let batch = try DeployRequest.batch(fromText: Array(text.utf8), origin: "release.yaml")
        #expect(batch.isBatch && batch.order == .none)
        #expect(batch.operations.map(\.path.description)
                == ["projects/shop/applications/api", "projects/shop/databases/db", "projects/blog/applications/web"])
        #expect(batch.operations.map(\.action) == [.apply, .apply, .delete])
        #expect(batch.operations[0].writtenHash == "3f2c1a9" && batch.operations[1].writtenHash == nil)
    }

    /// A refused operation is named, in the file at its line and column.
    @Test(arguments: [
        ("- path: projects/a/applications/x\n  spec: {}\n- path: projects/a/apps/y\n  spec: {}\n",
         "operations[1]: invalid resource path", 3, 3),
        ("[{\"path\": \"projects/a/applications/x\", \"spec\": {}}, {\"path\": \"projects/a/applications/y\"}]",
         "operations[1]: apply needs a spec", 1, 53),
        ("- path: projects/a/applications/x\n  acton: delete\n", "operations[0]: unknown key 'acton'", 1, 3),
        ("[]", "the batch is empty", nil, nil),
        ("{path: projects/a/applications/x}", "a batch is a list", nil, nil),
        ("- [", "did not find expected node content", 2, 1),
    ] as [(String, String, Int?, Int?)])
    func refusedBatchesNameTheOperation(text: String, message: String, line: Int?, column: Int?) {
        do {
            _ = try DeployRequest.batch(fromText: Array(text.utf8), origin: "b.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.message.hasPrefix(message), "\(error)")
            #expect(error.file == "b.yaml" && error.line == line && (line == nil || error.column == column), "\(error)")
        }
    }

    @Test func aPayloadBatchWithOrder() throws {
        let request = try payload("""
            {"operations": [{"path": "projects/p/applications/a", "spec": {"git": {"hash": "abcdef1"}}},
                            {"path": "projects/q/databases/d", "spec": {"version": "2"}}],
             "order": {"ancestry": true, "key": "1767312000"}}
            """)
        #expect(request.isBatch && request.operations.count == 2)
        #expect(request.order == OrderRequirement(ancestry: true, key: OrderKey(1_767_312_000)))
        #expect(try payload(#"{"path": "projects/p/applications/a", "spec": {}, "order": {"key": 7}}"#).order.key
                == OrderKey(7))
    }

    @Test(arguments: [
        (#"{"operations": [], "order": {}}"#, "the batch is empty"),
        (#"{"operations": [{"path": "projects/p/applications/a"}]}"#, "operations[0]: apply needs a spec"),
        (#"{"operations": [{"path": "projects/p/applications/a", "spec": {}}], "path": "x"}"#, "exclude each other"),
        (#"{"path": "projects/p/applications/a", "spec": {}, "order": {"ancestry": "yes"}}"#,
         "order.ancestry is a string"),
        (#"{"path": "projects/p/applications/a", "spec": {}, "order": {"key": "2026-01-02"}}"#,
         "is not an ordering key"),
        (#"{"path": "projects/p/applications/a", "spec": {}, "order": {"key": -1}}"#, "is not an ordering key"),
        (#"{"path": "projects/p/applications/a", "spec": {}, "order": {"keys": "1"}}"#, "unknown key 'order.keys'"),
        (#"{"path": "projects/p/applications/a", "spec": {}, "order": true}"#, "order is a boolean"),
        (#"{"path": "projects/p/applications/a", "spec": {}, "orders": {}}"#, "unknown key 'orders'"),
    ])
    func refusedPayloads(json: String, reason: String) {
        do {
            _ = try payload(json)
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .invalidRequest && error.message.contains(reason), "\(error.message)")
        }
    }

    /// The 64 KB limit holds for a whole batch.
    @Test func aBatchOverSixtyFourKilobytesIsRefused() {
        let note = String(repeating: "n", count: 1_000)
        let operation = #"{"path": "projects/p/applications/a", "spec": {"x-note": "\#(note)"}}"#
        let json = #"{"operations": [\#(Array(repeating: operation, count: 70).joined(separator: ","))]}"#
        #expect(throws: ProjectConfigError.self) { try payload(json) }
    }

    @Test func orderKeysAreIntegersAndTrailersNameTheirItem() throws {
        #expect(try OrderKey(parsing: "0042", origin: "k") == OrderKey(42))
        #expect(try OrderKey(parsing: "9223372036854775807", origin: "k").value == .max)
        for text in ["", "1.5", "+1", "-1", " 1", "9223372036854775808", "1e9", "١٢"] {
            #expect(throws: ProjectConfigError.self) { try OrderKey(parsing: text, origin: "k") }
        }
        let api = try ResourcePath(parsing: "projects/p/applications/api")
        #expect(OrderTrailer.value(api, OrderKey(9)) == "projects/p/applications/api 9")
        #expect(OrderTrailer.orderKey(of: api, trailer: ("config-api-order", "projects/p/applications/api 12"))
                == OrderKey(12))
        #expect(OrderTrailer.orderKey(of: api, trailer: ("Config-API-Order", "projects/p/applications/web 12")) == nil)
        #expect(OrderTrailer.orderKey(of: api, trailer: ("Config-API-Order", "projects/p/applications/api x")) == nil)
        #expect(OrderTrailer.orderKey(of: api, trailer: ("Signed-off-by", "projects/p/applications/api 1")) == nil)
    }

    @Test func requirementsAddUp() throws {
        let flags = OrderRequirement(ancestry: true)
        #expect(try flags.combined(with: OrderRequirement(key: OrderKey(3)))
                == OrderRequirement(ancestry: true, key: OrderKey(3)))
        #expect(throws: ProjectConfigError.self) {
            try OrderRequirement(key: OrderKey(1)).combined(with: OrderRequirement(key: OrderKey(2)))
        }
    }

    private func payload(_ json: String) throws(ProjectConfigError) -> DeployRequest {
        try DispatchPayload.request(fromPayload: JSONText.parse(json, origin: "test"))
    }
}
