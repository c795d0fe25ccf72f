import Testing

@Test func placeholderChapterTests() { #expect(Bool(true)) }
