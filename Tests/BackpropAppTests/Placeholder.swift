import Testing
@testable import BackpropApp
@Test func placeholder() {}
