import Testing
@testable import BackpropLessons
@Test func placeholder() {}
