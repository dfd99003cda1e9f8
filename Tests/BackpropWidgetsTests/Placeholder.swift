import Testing
@testable import BackpropWidgets
@Test func placeholder() {}
