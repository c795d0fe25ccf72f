import Testing

@Test func placeholderWorkbookTests() { #expect(Bool(true)) }
