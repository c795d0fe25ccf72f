import Testing

@Test func placeholderMathTests() { #expect(Bool(true)) }
