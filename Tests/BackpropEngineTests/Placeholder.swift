import Testing
@testable import BackpropEngine
@Test func placeholder() {}
