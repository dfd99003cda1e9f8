import Testing
@testable import BackpropData
@Test func placeholder() {}
