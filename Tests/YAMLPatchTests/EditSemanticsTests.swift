import Testing
@testable import YAMLPatch

/// Merge (yq's `*=`: mappings merge, lists and scalars are replaced, new keys go after the last
/// one), delete (an entry's lines with its own comment lines) and append, in the seed's 4-space
/// style, the common 2-space compact style, and flow collections. Every expectation is the
/// whole new text.
@Suite struct EditSemanticsTests {
    static let seedStyle = """
        apps:
            - name: api
              port: 80

            # the web site
            - name: web
              port: 81
        config:
            a: 1
            b:
                - x

        """
    static let compactStyle = """
        apps:
        - name: api
          port: 80
        - name: web
          port: 81
        config:
          a: 1
          b:
          - x

        """
    static let flowStyle = """
        apps: [{name: api, port: 80}, {name: web, port: 81}]
        config: {a: 1, b: [x]}

        """
    static let spec = YAMLValue.mapping([
        .init(key: "port", value: .int(82)),
        .init(key: "env", value: .mapping([.init(key: "LOG", value: .string("debug"))])),
        .init(key: "tags", value: .sequence([.string("a"), .string("on")])),
    ])

    @Test func mergeReplacesScalarsAndAppendsNewKeysAfterTheLastOne() throws {
        #expect(try edited(Self.seedStyle, "apps[name=web]", .merge(Self.spec, appendLists: false)) == """
            apps:
                - name: api
                  port: 80

                # the web site
                - name: web
                  port: 82
                  env:
                      LOG: debug
                  tags:
                      - a
                      - "on"
            config:
                a: 1
                b:
                    - x

            """)
        #expect(try edited(Self.compactStyle, "apps[name=web]", .merge(Self.spec, appendLists: false)) == """
            apps:
            - name: api
              port: 80
            - name: web
              port: 82
              env:
                LOG: debug
              tags:
              - a
              - "on"
            config:
              a: 1
              b:
              - x

            """)
        #expect(try edited(Self.flowStyle, "apps[name=web]", .merge(Self.spec, appendLists: false)) == """
            apps: [{name: api, port: 80}, {name: web, port: 82, env: {LOG: debug}, tags: [a, "on"]}]
            config: {a: 1, b: [x]}

            """)
    }

    @Test func mergeReplacesListsOrAppendsToThemAndNullSetsNull() throws {
        let spec = YAMLValue.mapping([.init(key: "b", value: .sequence([.string("z")])), .init(key: "a", value: .null)])
        #expect(try edited(Self.seedStyle, "config", .merge(spec, appendLists: false)).hasSuffix("""
            config:
                a: null
                b:
                    - z

            """))
        #expect(try edited(Self.compactStyle, "config", .merge(spec, appendLists: true)).hasSuffix("""
            config:
              a: null
              b:
              - x
              - z

            """))
        #expect(try edited(Self.flowStyle, "config", .merge(spec, appendLists: true))
            .hasSuffix("config: {a: null, b: [x, z]}\n"))
        #expect(try edited(Self.flowStyle, "config", .merge(spec, appendLists: false))
            .hasSuffix("config: {a: null, b: [z]}\n"))
    }

    @Test func mergeAndSetCreateMissingKeysButSelectorsNeverCreateItems() throws {
        #expect(try edited(Self.seedStyle, "config.c.d", .set(.int(1))).hasSuffix("""
                b:
                    - x
                c:
                    d: 1

            """))
        #expect(try edited("top:\nother: 1\n", "top.k", .set(.string("v"))) == "top:\n  k: v\nother: 1\n")
        let nested = EditOperation.merge(.mapping([.init(key: "d", value: .int(1))]), appendLists: false)
        #expect(try edited(Self.flowStyle, "config.c", nested)
            .hasSuffix("config: {a: 1, b: [x], c: {d: 1}}\n"))
        #expect(throws: YAMLPatchError.self) { try edited(Self.seedStyle, "apps[name=db].port", .set(.int(1))) }
    }

    @Test func deleteRemovesExactlyTheEntryLinesWithTheirOwnComments() throws {
        #expect(try edited(Self.seedStyle, "apps[name=web]", .delete) == """
            apps:
                - name: api
                  port: 80

            config:
                a: 1
                b:
                    - x

            """)
        #expect(try edited(Self.seedStyle, "config.a", .delete).hasSuffix("config:\n    b:\n        - x\n"))
        #expect(try edited(Self.compactStyle, "apps[0]", .delete).hasPrefix("apps:\n- name: web\n  port: 81\nconfig:"))
        #expect(try edited(Self.compactStyle, "apps[0].name", .delete).hasPrefix("apps:\n- port: 80\n- name: web"))
        #expect(try edited(Self.compactStyle, "config.b[0]", .delete).hasSuffix("config:\n  a: 1\n  b: []\n"))
    }

    /// Items separated by blank lines: the separator goes with the deleted item, so no double
    /// blank line and no blank line under the parent key are left behind.
    @Test func deleteTakesOneSeparatingBlankLineAlong() throws {
        let spaced = "list:\n  - a: 1\n\n  # b's note\n  - b: 2\n\n  - c: 3\n\nnext: 1\n"
        #expect(try edited(spaced, "list[1]", .delete) == "list:\n  - a: 1\n\n  - c: 3\n\nnext: 1\n")
        #expect(try edited(spaced, "list[0]", .delete) == "list:\n  # b's note\n  - b: 2\n\n  - c: 3\n\nnext: 1\n")
        #expect(try edited(spaced, "list[2]", .delete) == "list:\n  - a: 1\n\n  # b's note\n  - b: 2\n\nnext: 1\n")
        #expect(try edited("a: 1\nb: 2\n", "a", .delete) == "b: 2\n")
    }

    @Test func deleteFromFlowCollectionsFixesCommas() throws {
        #expect(try edited(Self.flowStyle, "apps[0]", .delete).hasPrefix("apps: [{name: web, port: 81}]\n"))
        #expect(try edited(Self.flowStyle, "apps[-1]", .delete).hasPrefix("apps: [{name: api, port: 80}]\n"))
        #expect(try edited(Self.flowStyle, "apps[1].name", .delete)
            .hasPrefix("apps: [{name: api, port: 80}, {port: 81}]\n"))
        #expect(try edited(Self.flowStyle, "config.b[0]", .delete).hasSuffix("config: {a: 1, b: []}\n"))
        #expect(try edited("l: [a, b, c, d]\n", "l[2]", .delete) == "l: [a, b, d]\n")
    }

    @Test func appendAddsItemsLikeTheirSiblings() throws {
        let item = YAMLValue.mapping([.init(key: "name", value: .string("db")), .init(key: "port", value: .int(5432))])
        #expect(try edited(Self.seedStyle, "apps", .append(item)).hasPrefix("""
            apps:
                - name: api
                  port: 80

                # the web site
                - name: web
                  port: 81

                - name: db
                  port: 5432
            config:
            """))
        #expect(try edited(Self.compactStyle, "apps", .append(item)).hasPrefix("""
            apps:
            - name: api
              port: 80
            - name: web
              port: 81
            - name: db
              port: 5432
            config:
            """))
        #expect(try edited(Self.flowStyle, "apps", .append(item)).hasPrefix(
            "apps: [{name: api, port: 80}, {name: web, port: 81}, {name: db, port: 5432}]\n"))
        #expect(try edited("l: []\n", "l", .append(.string("yes"))) == "l: [\"yes\"]\n")
        #expect(try edited("l:\nm: 1\n", "l", .append(.int(1))) == "l:\n  - 1\nm: 1\n")
        #expect(throws: YAMLPatchError.self) { try edited(Self.seedStyle, "config", .append(.int(1))) }
    }

    @Test func setReplacesCollectionsAndScalarsInTheirSlot() throws {
        #expect(try edited(Self.seedStyle, "config.b", .set(.string("flat"))).hasSuffix("    b: flat\n"))
        #expect(try edited(Self.compactStyle, "apps[1]", .set(.mapping([.init(key: "name", value: .string("new"))])))
            .contains("- name: new\nconfig:"))
        let mapping = YAMLValue.mapping([.init(key: "k", value: .bool(true))])
        #expect(try edited("a: 1 # one\n", "a", .set(mapping)) == "a: # one\n  k: true\n")
        #expect(try edited("- a\n- b\n", "[1]", .set(.sequence([.int(1), .int(2)]))) == "- a\n- - 1\n  - 2\n")
        #expect(try edited("a: x\n", ".", .set(.mapping([.init(key: "b", value: .int(1))]))) == "b: 1\n")
    }
}
