import Testing
@testable import GitOps

@Test func builds() { #expect(Bool(true)) }
