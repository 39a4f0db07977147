import MPIEmitters
import Testing

@Suite struct TemplateTests {
    @Test func placeholdersAreReplacedByTheirValues() throws {
        let template = Template(name: "t", text: "a {{x}} b {{y}}{{x}}\n")
        #expect(try template.render(["x": "1", "y": "2"]) == "a 1 b 21\n")
    }

    @Test func aPlaceholderWithoutValueOrAValueWithoutPlaceholderIsAnError() {
        #expect(throws: (any Error).self) { try Template(name: "t", text: "{{missing}}").render([:]) }
        #expect(throws: (any Error).self) { try Template(name: "t", text: "plain").render(["extra": "1"]) }
        #expect(throws: (any Error).self) { try Template(name: "t", text: "{{open").render(["open": "1"]) }
    }
}
