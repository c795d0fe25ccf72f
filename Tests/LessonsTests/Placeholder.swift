import Testing

@Test func placeholderLessonsTests() { #expect(Bool(true)) }
