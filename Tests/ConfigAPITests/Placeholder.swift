import Testing
@testable import ConfigAPI

@Test func builds() { #expect(Bool(true)) }
