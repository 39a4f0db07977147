import CClang

/// A C type as libclang sees it: spelling, kind and the structure the scanner walks.
public struct CType {
    let raw: CXType

    init(_ raw: CXType) { self.raw = raw }

    /// The type kinds the scanner distinguishes.
    public enum Kind: Sendable, Equatable {
        case void, bool, char, signedChar, unsignedChar, short, unsignedShort, int, unsignedInt
        case long, unsignedLong, longLong, unsignedLongLong, float, double, longDouble
        case pointer, typedef, elaborated, record, enumeration
        case functionProto, functionNoProto, constantArray, incompleteArray
        case invalid
        case other(Int)
    }

    public var kind: Kind {
        switch raw.kind {
        case CXType_Void: return .void
        case CXType_Bool: return .bool
        case CXType_Char_S, CXType_Char_U: return .char
        case CXType_SChar: return .signedChar
        case CXType_UChar: return .unsignedChar
        case CXType_Short: return .short
        case CXType_UShort: return .unsignedShort
        case CXType_Int: return .int
        case CXType_UInt: return .unsignedInt
        case CXType_Long: return .long
        case CXType_ULong: return .unsignedLong
        case CXType_LongLong: return .longLong
        case CXType_ULongLong: return .unsignedLongLong
        case CXType_Float: return .float
        case CXType_Double: return .double
        case CXType_LongDouble: return .longDouble
        case CXType_Pointer: return .pointer
        case CXType_Typedef: return .typedef
        case CXType_Elaborated: return .elaborated
        case CXType_Record: return .record
        case CXType_Enum: return .enumeration
        case CXType_FunctionProto: return .functionProto
        case CXType_FunctionNoProto: return .functionNoProto
        case CXType_ConstantArray: return .constantArray
        case CXType_IncompleteArray: return .incompleteArray
        case CXType_Invalid: return .invalid
        case let other: return .other(Int(other.rawValue))
        }
    }

    public var spelling: String { string(clang_getTypeSpelling(raw)) }
    public var isConst: Bool { clang_isConstQualifiedType(raw) != 0 }
    public var pointee: CType { CType(clang_getPointeeType(raw)) }
    public var canonical: CType { CType(clang_getCanonicalType(raw)) }
    public var elementType: CType { CType(clang_getArrayElementType(raw)) }
    public var arraySize: Int64 { clang_getArraySize(raw) }
    /// For an elaborated type (`struct x`), the type it names.
    public var named: CType { CType(clang_Type_getNamedType(raw)) }
    /// The name a typedef type refers to (`MPI_Comm`), empty otherwise.
    public var typedefName: String { string(clang_getTypedefName(raw)) }
    public var sizeInBytes: Int64 { clang_Type_getSizeOf(raw) }
    /// A record field's offset in bytes, or nil when the type has no such field.
    public func offsetOf(field: String) -> Int? {
        let bits = field.withCString { clang_Type_getOffsetOf(raw, $0) }
        return bits < 0 ? nil : Int(bits / 8)
    }

    /// A function type's result and parameter types.
    public var resultType: CType { CType(clang_getResultType(raw)) }
    public var argumentTypes: [CType] {
        let count = clang_getNumArgTypes(raw)
        guard count > 0 else { return [] }
        return (0..<UInt32(count)).map { CType(clang_getArgType(raw, $0)) }
    }
    public var isVariadic: Bool { clang_isFunctionTypeVariadic(raw) != 0 }

    /// The declaration of a typedef, record or enum type.
    public func declaration(in unit: TranslationUnit) -> Cursor {
        Cursor(clang_getTypeDeclaration(raw), owner: unit)
    }
}
