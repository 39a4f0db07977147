import CClang
import Glibc

/// A parsed C translation unit; owns the libclang index and unit and frees both.
///
/// The only type (with `Cursor` and `CType`) that talks to libclang; everything
/// else in the SDK sees plain Swift values.
public final class TranslationUnit {
    let index: CXIndex
    let unit: CXTranslationUnit

    /// Parses `path` as C with `arguments` (include paths, defines).
    ///
    /// - Parameters:
    ///   - path: the file to parse; with `contents` it names the in-memory file.
    ///   - contents: when given, parsed instead of the file on disk.
    ///   - arguments: compiler arguments, e.g. `-I/usr/include/x`.
    /// - Throws: `ClangError.parseFailed` when libclang produces no unit at all.
    ///   A unit with error diagnostics is returned; callers decide what is fatal.
    public init(path: String, contents: String? = nil, arguments: [String]) throws {
        guard let index = clang_createIndex(0, 0) else { throw ClangError.parseFailed(path: path, code: -1) }
        self.index = index
        let options = CXTranslationUnit_DetailedPreprocessingRecord.rawValue
            | CXTranslationUnit_SkipFunctionBodies.rawValue
        var parsed: CXTranslationUnit?
        let args = ["-x", "c", "-std=c11"] + arguments
        let code: CXErrorCode = withCStrings(args) { argv in
            path.withCString { cPath in
                if let contents {
                    return contents.withCString { cContents in
                        var unsaved = CXUnsavedFile(
                            Filename: cPath, Contents: cContents,
                            Length: UInt(contents.utf8.count))
                        return clang_parseTranslationUnit2(
                            index, cPath, argv, Int32(args.count), &unsaved, 1, options, &parsed)
                    }
                }
                return clang_parseTranslationUnit2(
                    index, cPath, argv, Int32(args.count), nil, 0, options, &parsed)
            }
        }
        guard code == CXError_Success, let parsed else {
            clang_disposeIndex(index)
            throw ClangError.parseFailed(path: path, code: Int(code.rawValue))
        }
        unit = parsed
    }

    deinit {
        clang_disposeTranslationUnit(unit)
        clang_disposeIndex(index)
    }

    /// The root cursor; its children are the top-level declarations and macros.
    public var root: Cursor { Cursor(clang_getTranslationUnitCursor(unit), owner: self) }

    /// Every diagnostic libclang reported, in order.
    public var diagnostics: [Diagnostic] {
        (0..<clang_getNumDiagnostics(unit)).map { i in
            let diagnostic = clang_getDiagnostic(unit, i)
            defer { clang_disposeDiagnostic(diagnostic) }
            let severity = Diagnostic.Severity(clang_getDiagnosticSeverity(diagnostic))
            let text = string(clang_formatDiagnostic(
                diagnostic, CXDiagnostic_DisplaySourceLocation.rawValue | CXDiagnostic_DisplayColumn.rawValue))
            let location = SourceLocation(clang_getDiagnosticLocation(diagnostic))
            return Diagnostic(severity: severity, message: text, location: location)
        }
    }

    /// Spellings of the tokens a cursor covers (a macro definition's name and body).
    func tokens(of cursor: CXCursor) -> [String] {
        let extent = clang_getCursorExtent(cursor)
        var tokens: UnsafeMutablePointer<CXToken>?
        var count: UInt32 = 0
        clang_tokenize(unit, extent, &tokens, &count)
        guard let tokens else { return [] }
        defer { clang_disposeTokens(unit, tokens, count) }
        return (0..<Int(count)).map { string(clang_getTokenSpelling(unit, tokens[$0])) }
    }
}

/// What libclang could not do at all.
public enum ClangError: Error, CustomStringConvertible {
    case parseFailed(path: String, code: Int)

    public var description: String {
        switch self {
        case .parseFailed(let path, let code):
            return "libclang could not parse \(path) (CXErrorCode \(code))"
        }
    }
}

/// One compiler diagnostic, as libclang formats it.
public struct Diagnostic: Sendable, CustomStringConvertible {
    public enum Severity: Int, Sendable, Comparable {
        case ignored, note, warning, error, fatal

        init(_ severity: CXDiagnosticSeverity) {
            self = Severity(rawValue: Int(severity.rawValue)) ?? .fatal
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    }

    public let severity: Severity
    public let message: String
    public let location: SourceLocation

    public var description: String { message }
}

/// A file and line in the parsed sources.
public struct SourceLocation: Sendable, Hashable {
    public let file: String
    public let line: Int

    init(_ location: CXSourceLocation) {
        var file: CXFile?
        var line: UInt32 = 0
        clang_getSpellingLocation(location, &file, &line, nil, nil)
        self.file = file.map { string(clang_getFileName($0)) } ?? ""
        self.line = Int(line)
    }
}

/// Consumes a `CXString`.
func string(_ value: CXString) -> String {
    defer { clang_disposeString(value) }
    guard let c = clang_getCString(value) else { return "" }
    return String(cString: c)
}

func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer<CChar>($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
