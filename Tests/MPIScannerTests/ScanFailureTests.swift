import MPIScanner
import Testing

@Suite struct ScanFailureTests {
    @Test func aHeaderLibclangCannotParseIsReportedWithItsDiagnostics() throws {
        let error = try #require(throws: ScanError.self) { try HeaderScanner(host: Fixtures.host("broken")).scan() }
        guard case .headerErrors(let header, let diagnostics) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(header.hasSuffix("broken/mpi.h"))
        #expect(!diagnostics.isEmpty)
        #expect(error.description.contains("libclang cannot parse"))
        #expect(error.description.contains("MPI_Unknown"))
    }

    @Test func aMissingIncludeDirectoryMeansNoMPI() throws {
        let error = try #require(throws: ScanError.self) { try HostMPI.locate(includeDirectory: "/nonexistent/mpi") }
        #expect(error.description.contains("no MPI found"))
        #expect(error.description.contains("/nonexistent/mpi"))
    }

    @Test func includeDirectoriesAreReadFromCompilerWrapperOutput() {
        #expect(HostMPI.includeDirectories(from: "/usr/include/a /usr/include/b\n") == ["/usr/include/a", "/usr/include/b"])
        #expect(HostMPI.includeDirectories(from: "gcc -I/opt/mpich/include -L/opt/mpich/lib -lmpi") == ["/opt/mpich/include"])
    }
}
