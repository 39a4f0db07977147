import MPIModel
import MPISemantics
import Testing

@Suite struct AnnotationTableTests {
    @Test func malformedLinesBecomeDiagnosticsNamingTheLine() {
        let table = AnnotationTable(parsing: """
            # comment
            MPI_Foo\tbuf\tbuffer(read, bytes(n))
            MPI_Foo\tonly two fields
            MPI_Bar\tx\tteleport
            MPI_Foo\tbuf\tscalar
            """, source: "t.tsv")
        #expect(table.kind(function: "MPI_Foo", parameter: "buf") == .scalar)
        #expect(table.diagnostics.map(\.location) == ["t.tsv:3", "t.tsv:4", "t.tsv:5"])
        #expect(table.diagnostics.allSatisfy { $0.severity == .error })
        #expect(table.diagnostics[2].message.contains("annotated twice"))
    }

    @Test func nonblockingAndPersistentTwinsShareTheBlockingEntry() {
        let table = AnnotationTable(parsing: "MPI_Gatherv\trecvcounts\tarray(in, remote_size(comm), root(root))\n")
        let expected = try? ParameterKind(parsing: "array(in, remote_size(comm), root(root))")
        #expect(table.kind(function: "MPI_Igatherv", parameter: "recvcounts") == expected)
        #expect(table.kind(function: "MPI_Gatherv_init", parameter: "recvcounts") == expected)
        #expect(table.kind(function: "MPI_Gather", parameter: "recvcounts") == nil)
    }

    @Test func theRepositoryTableParsesWithoutErrors() throws {
        let text = try String(contentsOf: Repository.annotations, encoding: .utf8)
        let table = AnnotationTable(parsing: text)
        #expect(table.diagnostics.isEmpty, "\(table.diagnostics)")
        #expect(table.entries.count > 60)
    }
}
