import CMPI

/// The host MPI library this runtime is linked against, as it describes itself.
public enum HostLibrary {
    /// MPI_Get_library_version's text (callable before MPI_Init): `Open MPI v4.1.4, ...`,
    /// `MPICH Version: 4.0.2 ...`.
    public static var version: String {
        var buffer = [CChar](repeating: 0, count: Int(MPI_MAX_LIBRARY_VERSION_STRING) + 1)
        var length: Int32 = 0
        guard MPI_Get_library_version(&buffer, &length) == MPI_SUCCESS else { return "unknown" }
        return String(decoding: buffer.prefix(Int(length)).prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `Open MPI`, `MPICH`, or the version text's first word for another implementation.
    public static var implementation: String {
        let text = version
        if text.contains("Open MPI") { return "Open MPI" }
        if text.contains("MPICH") { return "MPICH" }
        return text.split(separator: " ").first.map(String.init) ?? "unknown"
    }
}
