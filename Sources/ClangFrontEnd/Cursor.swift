import CClang

/// A node of the parsed unit: a declaration, a macro definition, a parameter.
///
/// Holds its translation unit alive, so a cursor never outlives the clang data it points into.
public struct Cursor {
    let raw: CXCursor
    let owner: TranslationUnit

    init(_ raw: CXCursor, owner: TranslationUnit) {
        self.raw = raw
        self.owner = owner
    }

    /// The kinds the SDK acts on; everything else is `.other`.
    public enum Kind: Sendable, Equatable {
        case function, typedef, macroDefinition, enumDecl, enumConstant, variable, structDecl, parameter, field
        case other(Int)
    }

    public var kind: Kind {
        switch clang_getCursorKind(raw) {
        case CXCursor_FunctionDecl: return .function
        case CXCursor_TypedefDecl: return .typedef
        case CXCursor_MacroDefinition: return .macroDefinition
        case CXCursor_EnumDecl: return .enumDecl
        case CXCursor_EnumConstantDecl: return .enumConstant
        case CXCursor_VarDecl: return .variable
        case CXCursor_StructDecl: return .structDecl
        case CXCursor_ParmDecl: return .parameter
        case CXCursor_FieldDecl: return .field
        case let other: return .other(Int(other.rawValue))
        }
    }

    public var spelling: String { string(clang_getCursorSpelling(raw)) }
    public var type: CType { CType(clang_getCursorType(raw)) }
    public var resultType: CType { CType(clang_getCursorResultType(raw)) }
    public var location: SourceLocation { SourceLocation(clang_getCursorLocation(raw)) }

    /// Direct children, in source order.
    public var children: [Cursor] {
        final class Box { var items: [CXCursor] = [] }
        let box = Box()
        clang_visitChildren(raw, { child, _, data in
            Unmanaged<Box>.fromOpaque(data!).takeUnretainedValue().items.append(child)
            return CXChildVisit_Continue
        }, Unmanaged.passUnretained(box).toOpaque())
        return box.items.map { Cursor($0, owner: owner) }
    }

    /// A function's parameters.
    public var arguments: [Cursor] {
        let count = clang_Cursor_getNumArguments(raw)
        guard count > 0 else { return [] }
        return (0..<UInt32(count)).map { Cursor(clang_Cursor_getArgument(raw, $0), owner: owner) }
    }

    public var isVariadic: Bool { clang_Cursor_isVariadic(raw) != 0 }
    public var isMacroFunctionLike: Bool { clang_Cursor_isMacroFunctionLike(raw) != 0 }
    public var isDefinition: Bool { clang_isCursorDefinition(raw) != 0 }

    /// The underlying type of a typedef declaration.
    public var typedefUnderlyingType: CType { CType(clang_getTypedefDeclUnderlyingType(raw)) }

    /// An enum constant's value.
    public var enumConstantValue: Int64 { clang_getEnumConstantDeclValue(raw) }

    /// A macro definition's tokens: its name, then its body.
    public var tokens: [String] { owner.tokens(of: raw) }

    /// The compile-time value of a declaration's initializer, when libclang can evaluate it.
    public var evaluated: EvaluatedValue? {
        guard let result = clang_Cursor_Evaluate(raw) else { return nil }
        defer { clang_EvalResult_dispose(result) }
        switch clang_EvalResult_getKind(result) {
        case CXEval_Int:
            if clang_EvalResult_isUnsignedInt(result) != 0 {
                return .integer(Int64(bitPattern: UInt64(clang_EvalResult_getAsUnsigned(result))))
            }
            return .integer(clang_EvalResult_getAsLongLong(result))
        case CXEval_Float:
            return .float(clang_EvalResult_getAsDouble(result))
        case CXEval_StrLiteral:
            return .string(String(cString: clang_EvalResult_getAsStr(result)))
        default:
            return nil
        }
    }
}

/// What `Cursor.evaluated` found.
public enum EvaluatedValue: Sendable, Equatable {
    case integer(Int64)
    case float(Double)
    case string(String)
}
