import ClangFrontEnd
import Foundation
import MPIModel

/// The parse stage: reads the host's `mpi.h` with libclang and builds the raw model
/// (functions, handle and callback types, constants, status layout), unclassified.
public struct HeaderScanner {
    public let host: HostMPI
    /// Extra compiler arguments (defines) for unusual installations.
    public var extraArguments: [String] = []

    public init(host: HostMPI) { self.host = host }

    var arguments: [String] { host.includeDirectories.map { "-I" + $0 } + extraArguments }

    /// Parses the header and returns the model.
    ///
    /// - Throws: `ScanError.headerErrors` with libclang's diagnostics when the header has errors.
    public func scan() throws -> MPIAPI {
        let unit = try TranslationUnit(path: host.header, arguments: arguments)
        let errors = unit.diagnostics.filter { $0.severity >= .error }
        guard errors.isEmpty else { throw ScanError.headerErrors(header: host.header, diagnostics: errors) }

        let declarations = unit.root.children.filter { isFromMPIHeaders($0.location.file) }
        let typedefs = declarations.filter { $0.kind == .typedef && $0.spelling.hasPrefix("MPI_") }
        let handleTypes = typedefs.compactMap(handleType)
        let callbackNames = Set(typedefs.filter { $0.typedefUnderlyingType.canonical.isFunction }.map(\.spelling))
        let mapper = TypeMapper(handleNames: Set(handleTypes.map(\.kind.typeName)), callbackNames: callbackNames)

        let callbacks = typedefs.filter { callbackNames.contains($0.spelling) }.map { cursor -> CallbackType in
            let function = functionType(of: cursor, in: unit)
            return CallbackType(
                name: cursor.spelling, result: mapper.map(function.resultType),
                parameters: function.argumentTypes.map(mapper.map), isVariadic: function.isVariadic)
        }

        let functions = scanFunctions(declarations, mapper: mapper)
        let macros = declarations.filter { $0.kind == .macroDefinition && $0.spelling.hasPrefix("MPI_") }
        let objectLike = macros.filter { !$0.isMacroFunctionLike }
        let probe = MacroProbe(host: host, arguments: arguments, mapper: mapper)
        // A macro whose only token is its name has no value to evaluate.
        let empty = Set(objectLike.filter { $0.tokens.count <= 1 }.map(\.spelling))
        var constants = try probe.evaluate(Array(Set(objectLike.map(\.spelling))), emptyMacros: empty)
        constants += enumConstants(declarations)
        let info = try probe.hostInfo(header: host.header)

        return MPIAPI(
            host: info,
            handleTypes: handleTypes.sorted { $0.kind < $1.kind },
            callbackTypes: uniqueSorted(callbacks, by: \.name),
            functions: functions,
            constants: uniqueSorted(constants, by: \.name),
            status: statusLayout(typedefs),
            functionLikeMacros: Set(macros.filter(\.isMacroFunctionLike).map(\.spelling)).sorted(),
            enumTypes: Set(typedefs.filter { $0.typedefUnderlyingType.canonical.kind == .enumeration }.map(\.spelling)).sorted())
    }

    func isFromMPIHeaders(_ file: String) -> Bool {
        host.includeDirectories.contains { file.hasPrefix($0 + "/") } || file == host.header
    }

    /// An `MPI_` typedef that is neither a scalar, the status, nor a function type is a handle.
    func handleType(_ cursor: Cursor) -> HandleType? {
        let name = cursor.spelling
        let underlying = cursor.typedefUnderlyingType
        let canonical = underlying.canonical
        guard !TypeMapper.scalarTypedefs.contains(name), name != "MPI_Status", !canonical.isFunction else { return nil }
        switch canonical.kind {
        case .pointer where !canonical.pointee.canonical.isFunction:
            return HandleType(kind: HandleKind(name), representation: .pointer, hostSpelling: underlying.spelling)
        case .int, .unsignedInt, .long, .unsignedLong:
            return HandleType(kind: HandleKind(name), representation: .integer, hostSpelling: underlying.spelling)
        default:
            return nil
        }
    }

    func scanFunctions(_ declarations: [Cursor], mapper: TypeMapper) -> [MPIFunction] {
        let all = declarations.filter { $0.kind == .function }
        let profiled = Set(all.map(\.spelling).filter { $0.hasPrefix("PMPI_") }.map { String($0.dropFirst()) })
        var seen = Set<String>()
        var functions: [MPIFunction] = []
        for cursor in all where cursor.spelling.hasPrefix("MPI_") && seen.insert(cursor.spelling).inserted {
            let parameters = cursor.arguments.enumerated().map { index, argument in
                parameter(argument, index: index, mapper: mapper)
            }
            functions.append(MPIFunction(
                name: cursor.spelling, returnType: mapper.map(cursor.resultType), parameters: parameters,
                hasProfilingTwin: profiled.contains(cursor.spelling), isVariadic: cursor.isVariadic))
        }
        return functions.sorted { $0.name < $1.name }
    }

    func parameter(_ cursor: Cursor, index: Int, mapper: TypeMapper) -> Parameter {
        // libclang reports a parameter's type as written, so `int a[]` stays an incomplete array.
        let type = cursor.type
        let name = cursor.spelling.isEmpty ? "arg\(index)" : cursor.spelling
        return Parameter(name: name, type: mapper.map(type), hostSpelling: type.spelling + " " + name)
    }

    func enumConstants(_ declarations: [Cursor]) -> [HostConstant] {
        declarations.filter { $0.kind == .enumDecl || $0.kind == .typedef }.flatMap { declaration in
            (declaration.kind == .typedef ? declaration.children : [declaration]).flatMap(\.children)
                .filter { $0.kind == .enumConstant && $0.spelling.hasPrefix("MPI_") }
                .map { HostConstant(name: $0.spelling, value: .integer($0.enumConstantValue)) }
        }
    }

    func statusLayout(_ typedefs: [Cursor]) -> StatusLayout? {
        guard let status = typedefs.first(where: { $0.spelling == "MPI_Status" }) else { return nil }
        let type = status.typedefUnderlyingType.canonical
        let names = ["MPI_SOURCE", "MPI_TAG", "MPI_ERROR"]
        let fields = names.compactMap { name in
            type.offsetOf(field: name).map { StatusLayout.Field(name: name, offset: $0, size: 4) }
        }
        return StatusLayout(size: Int(type.sizeInBytes), fields: fields)
    }
}

func uniqueSorted<T>(_ items: [T], by key: KeyPath<T, String>) -> [T] {
    var seen = Set<String>()
    return items.filter { seen.insert($0[keyPath: key]).inserted }.sorted { $0[keyPath: key] < $1[keyPath: key] }
}

/// The function type behind a callback typedef, following typedef chains without
/// canonicalising, so that parameter types keep their MPI names (`MPI_Comm`, not the host struct).
func functionType(of typedef: Cursor, in unit: TranslationUnit) -> CType {
    var type = typedef.typedefUnderlyingType
    for _ in 0..<8 {
        switch type.kind {
        case .typedef: type = type.declaration(in: unit).typedefUnderlyingType
        case .elaborated: type = type.named
        case .pointer: type = type.pointee
        default: return type
        }
    }
    return type
}

extension CType {
    var isFunction: Bool { kind == .functionProto || kind == .functionNoProto }
}
