#include "external/keras/LambdaCode.h"

#include "common/StudioError.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtEndian>

#include <cstring>
#include <limits>
#include <memory>

// Reads CPython's marshal format (Python/marshal.c, r_object) for versions 3.6-3.13 and matches the
// code object's bytecode against the one shape a reduction lambda compiles to:
//     load module, load attribute(s), load the input, load constants, call, return.
// Nothing is ever executed; anything outside that shape is reported, not guessed at.

namespace studio::keras {
namespace {

// ---- marshal type codes (Python/marshal.c) ----
constexpr char kTypeNull = '0';
constexpr char kTypeNone = 'N';
constexpr char kTypeFalse = 'F';
constexpr char kTypeTrue = 'T';
constexpr char kTypeStopIteration = 'S';
constexpr char kTypeEllipsis = '.';
constexpr char kTypeInt = 'i';
constexpr char kTypeInt64 = 'I';     // written by old Pythons only, still readable
constexpr char kTypeLong = 'l';
constexpr char kTypeFloat = 'f';
constexpr char kTypeBinaryFloat = 'g';
constexpr char kTypeComplex = 'x';
constexpr char kTypeBinaryComplex = 'y';
constexpr char kTypeBytes = 's';
constexpr char kTypeInterned = 't';
constexpr char kTypeUnicode = 'u';
constexpr char kTypeAscii = 'a';
constexpr char kTypeAsciiInterned = 'A';
constexpr char kTypeShortAscii = 'z';
constexpr char kTypeShortAsciiInterned = 'Z';
constexpr char kTypeTuple = '(';
constexpr char kTypeSmallTuple = ')';
constexpr char kTypeList = '[';
constexpr char kTypeDict = '{';
constexpr char kTypeSet = '<';
constexpr char kTypeFrozenSet = '>';
constexpr char kTypeCode = 'c';
constexpr char kTypeRef = 'r';
constexpr quint8 kFlagRef = 0x80;    // "remember this object": later 'r' entries refer to it

constexpr int kLongDigitBits = 15;   // marshal writes Python ints as 15-bit digits
constexpr int kMaxDepth = 100;       // lambdas nest a few levels; deeper is hostile or broken
constexpr int kMaxRenderedLength = 120;

// ---- code object flags and 3.11+ local kinds (Include/cpython/code.h) ----
constexpr qint32 kCoVarArgs = 0x04;
constexpr qint32 kCoVarKeywords = 0x08;
constexpr quint8 kFastFree = 0x80;

struct Value;
using ValuePtr = std::shared_ptr<const Value>;   // shared: 'r' refs point at one object

enum class CodeLayout { Python36, Python38, Python311 };

struct CodeObject {
    CodeLayout layout = CodeLayout::Python36;
    qint32 argCount = 0;        // positional, positional-only ones included (3.8+)
    qint32 kwOnlyCount = 0;
    qint32 flags = 0;
    QByteArray bytecode;
    std::vector<ValuePtr> consts;
    QStringList names;
    QStringList localNames;     // co_varnames (3.6-3.10) or co_localsplusnames (3.11+)
    QStringList freeNames;
    QString name;

    // In 64 bits: the counts are read from the stream, and two near 2^31 overflowed an int
    // (found by fuzz_lambda_code).
    qint64 argumentTotal() const
    {
        return qint64(argCount) + kwOnlyCount + ((flags & kCoVarArgs) ? 1 : 0) + ((flags & kCoVarKeywords) ? 1 : 0);
    }
};

struct Value {
    enum class Kind { None, Bool, Int, BigInt, Float, Complex, Bytes, Str, Tuple, List, Dict, Set, Code, Other };
    Kind kind = Kind::None;
    qint64 integer = 0;         // Int, and Bool as 0/1
    double real = 0.0;
    QString text;               // Str; the name for Other ("Ellipsis")
    QByteArray bytes;
    std::vector<ValuePtr> items; // Tuple, List, Set; Dict as key, value, key, value...
    std::shared_ptr<const CodeObject> code;
};

ValuePtr makeValue(Value::Kind kind)
{
    auto value = std::make_shared<Value>();
    value->kind = kind;
    return value;
}

QString layoutName(CodeLayout layout)
{
    switch (layout) {
    case CodeLayout::Python36: return QStringLiteral("Python 3.6-3.7");
    case CodeLayout::Python38: return QStringLiteral("Python 3.8-3.10");
    case CodeLayout::Python311: return QStringLiteral("Python 3.11+");
    }
    return {};
}

int layoutMinor(CodeLayout layout)
{
    switch (layout) {
    case CodeLayout::Python36: return 6;
    case CodeLayout::Python38: return 8;
    case CodeLayout::Python311: return 11;
    }
    return -1;
}

// Parses one marshal stream under one code-object layout. Throws StudioError at the first problem;
// position() then tells how far the layout got, so the caller can report the most plausible one.
class MarshalReader {
public:
    MarshalReader(const QByteArray& bytes, CodeLayout layout) : m_bytes(bytes), m_layout(layout) {}

    std::shared_ptr<const CodeObject> readCodeStream()
    {
        const ValuePtr top = readObject(0);
        if (top->kind != Value::Kind::Code)
            fail(QStringLiteral("holds a %1 rather than a code object").arg(kindName(top->kind)));
        if (m_pos != m_bytes.size())
            fail(QStringLiteral("goes on for %1 more byte(s) after its code object").arg(m_bytes.size() - m_pos));
        return top->code;
    }

    qsizetype position() const { return m_pos; }

private:
    [[noreturn]] void fail(const QString& what) const
    {
        throw StudioError(QStringLiteral("The Lambda code %1 (byte %2 of %3, read as %4).")
                              .arg(what).arg(m_pos).arg(m_bytes.size()).arg(layoutName(m_layout)));
    }

    void need(qsizetype count, const char* what) const
    {
        if (count < 0 || count > m_bytes.size() - m_pos)
            fail(QStringLiteral("is truncated: its marshal stream ends inside %1").arg(QLatin1String(what)));
    }

    quint8 readByte(const char* what)
    {
        need(1, what);
        return static_cast<quint8>(m_bytes.at(m_pos++));
    }

    qint32 readInt32(const char* what)
    {
        need(4, what);
        const qint32 value = qFromLittleEndian<qint32>(m_bytes.constData() + m_pos);
        m_pos += 4;
        return value;
    }

    QByteArray readBytes(qsizetype count, const char* what)
    {
        need(count, what);
        const QByteArray bytes = m_bytes.mid(m_pos, count);
        m_pos += count;
        return bytes;
    }

    // A count that must fit in what is left: each element takes at least one byte.
    qsizetype readCount(bool shortForm, const char* what)
    {
        const qsizetype count = shortForm ? readByte(what) : readInt32(what);
        need(count, what);
        return count;
    }

    ValuePtr readObject(int depth)
    {
        if (depth > kMaxDepth)
            fail(QStringLiteral("nests objects deeper than %1 levels").arg(kMaxDepth));
        const qsizetype start = m_pos;
        const quint8 byte = readByte("a type code");
        const char type = static_cast<char>(byte & ~kFlagRef);
        if (type == kTypeRef)
            return readRef();
        // Containers and code objects take their ref index before their children (r_ref_reserve).
        const bool remember = (byte & kFlagRef) != 0;
        const std::size_t refIndex = m_refs.size();
        if (remember)
            m_refs.push_back(nullptr);
        const ValuePtr value = readBody(type, start, depth);
        if (remember)
            m_refs[refIndex] = value;
        return value;
    }

    ValuePtr readRef()
    {
        const qint32 index = readInt32("a reference");
        if (index < 0 || static_cast<std::size_t>(index) >= m_refs.size() || !m_refs[std::size_t(index)])
            fail(QStringLiteral("refers to marshal object %1, which is not among the %2 read before it")
                     .arg(index).arg(m_refs.size()));
        return m_refs[std::size_t(index)];
    }

    ValuePtr readBody(char type, qsizetype start, int depth)
    {
        switch (type) {
        case kTypeNone: return makeValue(Value::Kind::None);
        case kTypeTrue: case kTypeFalse: {
            auto value = std::make_shared<Value>();
            value->kind = Value::Kind::Bool;
            value->integer = type == kTypeTrue ? 1 : 0;
            return value;
        }
        case kTypeStopIteration: case kTypeEllipsis: {
            auto value = std::make_shared<Value>();
            value->kind = Value::Kind::Other;
            value->text = type == kTypeEllipsis ? QStringLiteral("Ellipsis") : QStringLiteral("StopIteration");
            return value;
        }
        case kTypeInt: return integerValue(readInt32("an int"));
        case kTypeInt64: {
            const QByteArray raw = readBytes(8, "an int64");
            return integerValue(qFromLittleEndian<qint64>(raw.constData()));
        }
        case kTypeLong: return readLong();
        case kTypeFloat: return floatValue(readTextFloat());
        case kTypeBinaryFloat: return floatValue(readBinaryFloat());
        case kTypeComplex: readTextFloat(); readTextFloat(); return makeValue(Value::Kind::Complex);
        case kTypeBinaryComplex: readBinaryFloat(); readBinaryFloat(); return makeValue(Value::Kind::Complex);
        case kTypeBytes: {
            auto value = std::make_shared<Value>();
            value->kind = Value::Kind::Bytes;
            value->bytes = readBytes(readCount(false, "a bytes object"), "a bytes object");
            return value;
        }
        case kTypeInterned: case kTypeUnicode:
            return stringValue(QString::fromUtf8(readBytes(readCount(false, "a string"), "a string")));
        case kTypeAscii: case kTypeAsciiInterned:
            return stringValue(QString::fromLatin1(readBytes(readCount(false, "a string"), "a string")));
        case kTypeShortAscii: case kTypeShortAsciiInterned:
            return stringValue(QString::fromLatin1(readBytes(readCount(true, "a string"), "a string")));
        case kTypeTuple: case kTypeSmallTuple:
            return readSequence(Value::Kind::Tuple, readCount(type == kTypeSmallTuple, "a tuple"), depth);
        case kTypeList: return readSequence(Value::Kind::List, readCount(false, "a list"), depth);
        case kTypeSet: case kTypeFrozenSet:
            return readSequence(Value::Kind::Set, readCount(false, "a set"), depth);
        case kTypeDict: return readDict(depth);
        case kTypeCode: return readCode(depth);
        default:
            m_pos = start;
            fail(QStringLiteral("has an unknown marshal type code 0x%1")
                     .arg(static_cast<quint8>(type), 2, 16, QLatin1Char('0')));
        }
    }

    static ValuePtr integerValue(qint64 number)
    {
        auto value = std::make_shared<Value>();
        value->kind = Value::Kind::Int;
        value->integer = number;
        return value;
    }

    static ValuePtr floatValue(double number)
    {
        auto value = std::make_shared<Value>();
        value->kind = Value::Kind::Float;
        value->real = number;
        return value;
    }

    static ValuePtr stringValue(const QString& text)
    {
        auto value = std::make_shared<Value>();
        value->kind = Value::Kind::Str;
        value->text = text;
        return value;
    }

    // Digits are 15-bit, least significant first; the sign is the sign of the digit count.
    ValuePtr readLong()
    {
        const qint32 signedCount = readInt32("a long int");
        const qint64 count = signedCount < 0 ? -qint64(signedCount) : qint64(signedCount);
        need(count * 2, "a long int");
        constexpr int kDigitsInInt64 = 4;   // 4 x 15 bits fit below 2^63
        qint64 magnitude = 0;
        for (qint64 i = 0; i < count; ++i) {
            const quint16 digit = qFromLittleEndian<quint16>(m_bytes.constData() + m_pos);
            m_pos += 2;
            if (digit >> kLongDigitBits)
                fail(QStringLiteral("has a long int digit out of range"));
            if (i < kDigitsInInt64)
                magnitude |= qint64(digit) << (kLongDigitBits * i);
        }
        if (count > kDigitsInInt64)
            return makeValue(Value::Kind::BigInt);
        return integerValue(signedCount < 0 ? -magnitude : magnitude);
    }

    double readTextFloat()
    {
        const QByteArray text = readBytes(readByte("a float"), "a float");
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (!ok)
            fail(QStringLiteral("has a float that is not a number"));
        return number;
    }

    double readBinaryFloat()
    {
        const QByteArray raw = readBytes(8, "a float");
        const quint64 bits = qFromLittleEndian<quint64>(raw.constData());
        double number = 0.0;
        std::memcpy(&number, &bits, sizeof number);
        return number;
    }

    ValuePtr readSequence(Value::Kind kind, qsizetype count, int depth)
    {
        auto value = std::make_shared<Value>();
        value->kind = kind;
        value->items.reserve(std::size_t(count));
        for (qsizetype i = 0; i < count; ++i)
            value->items.push_back(readObject(depth + 1));
        return value;
    }

    ValuePtr readDict(int depth)
    {
        auto value = std::make_shared<Value>();
        value->kind = Value::Kind::Dict;
        // Key, value pairs until a TYPE_NULL where a key would be.
        while (true) {
            need(1, "a dict");
            if (m_bytes.at(m_pos) == kTypeNull) {
                ++m_pos;
                return value;
            }
            value->items.push_back(readObject(depth + 1));
            value->items.push_back(readObject(depth + 1));
        }
    }

    ValuePtr expect(Value::Kind kind, const char* field, int depth)
    {
        const ValuePtr value = readObject(depth + 1);
        if (value->kind != kind)
            fail(QStringLiteral("has a %1 where the code object's %2 should be")
                     .arg(kindName(value->kind), QLatin1String(field)));
        return value;
    }

    QStringList expectNames(const char* field, int depth)
    {
        const ValuePtr tuple = expect(Value::Kind::Tuple, field, depth);
        QStringList names;
        for (const ValuePtr& item : tuple->items) {
            if (item->kind != Value::Kind::Str)
                fail(QStringLiteral("has a %1 among the code object's %2").arg(kindName(item->kind), QLatin1String(field)));
            names.append(item->text);
        }
        return names;
    }

    // The field order of w_object's code branch in each version's Python/marshal.c.
    ValuePtr readCode(int depth)
    {
        auto code = std::make_shared<CodeObject>();
        code->layout = m_layout;
        code->argCount = readInt32("a code object");
        if (m_layout != CodeLayout::Python36)
            readInt32("a code object");   // posonlyargcount: already counted in argcount
        code->kwOnlyCount = readInt32("a code object");
        if (m_layout != CodeLayout::Python311)
            readInt32("a code object");   // nlocals
        readInt32("a code object");       // stacksize
        code->flags = readInt32("a code object");
        code->bytecode = expect(Value::Kind::Bytes, "bytecode", depth)->bytes;
        code->consts = expect(Value::Kind::Tuple, "constants", depth)->items;
        code->names = expectNames("names", depth);
        if (m_layout == CodeLayout::Python311)
            readLocalsPlus(*code, depth);
        else {
            code->localNames = expectNames("varnames", depth);
            code->freeNames = expectNames("freevars", depth);
            expectNames("cellvars", depth);
        }
        expect(Value::Kind::Str, "filename", depth);
        code->name = expect(Value::Kind::Str, "name", depth)->text;
        if (m_layout == CodeLayout::Python311)
            expect(Value::Kind::Str, "qualname", depth);
        readInt32("a code object");       // firstlineno
        expect(Value::Kind::Bytes, "line table", depth);
        if (m_layout == CodeLayout::Python311)
            expect(Value::Kind::Bytes, "exception table", depth);
        if (code->argumentTotal() > code->localNames.size() || code->argCount < 0 || code->kwOnlyCount < 0)
            fail(QStringLiteral("declares more arguments than it has local names"));
        auto value = std::make_shared<Value>();
        value->kind = Value::Kind::Code;
        value->code = code;
        return value;
    }

    void readLocalsPlus(CodeObject& code, int depth)
    {
        const QStringList names = expectNames("localsplusnames", depth);
        const QByteArray kinds = expect(Value::Kind::Bytes, "localspluskinds", depth)->bytes;
        if (kinds.size() != names.size())
            fail(QStringLiteral("has %1 local kinds for %2 local names").arg(kinds.size()).arg(names.size()));
        for (qsizetype i = 0; i < names.size(); ++i)
            (static_cast<quint8>(kinds.at(i)) & kFastFree ? code.freeNames : code.localNames).append(names.at(i));
    }

    static QString kindName(Value::Kind kind)
    {
        switch (kind) {
        case Value::Kind::None: return QStringLiteral("None");
        case Value::Kind::Bool: return QStringLiteral("bool");
        case Value::Kind::Int: case Value::Kind::BigInt: return QStringLiteral("int");
        case Value::Kind::Float: return QStringLiteral("float");
        case Value::Kind::Complex: return QStringLiteral("complex");
        case Value::Kind::Bytes: return QStringLiteral("bytes object");
        case Value::Kind::Str: return QStringLiteral("string");
        case Value::Kind::Tuple: return QStringLiteral("tuple");
        case Value::Kind::List: return QStringLiteral("list");
        case Value::Kind::Dict: return QStringLiteral("dict");
        case Value::Kind::Set: return QStringLiteral("set");
        case Value::Kind::Code: return QStringLiteral("code object");
        case Value::Kind::Other: return QStringLiteral("constant");
        }
        return {};
    }

    const QByteArray& m_bytes;
    const CodeLayout m_layout;
    qsizetype m_pos = 0;
    std::vector<ValuePtr> m_refs;
};

QByteArray decodeBase64(const QString& base64)
{
    // codecs.encode(..., "base64") (Keras' func_dump) breaks lines every 76 characters.
    // Characters outside Latin-1 become '?', which the strict decoder below rejects.
    QByteArray text;
    for (const char c : base64.toLatin1())
        if (c != '\n' && c != '\r' && c != ' ')
            text.append(c);
    const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        throw StudioError(QStringLiteral("The Lambda code is not valid base64 text."));
    if (decoded.decoded.isEmpty())
        throw StudioError(QStringLiteral("The Lambda code is empty."));
    return decoded.decoded;
}

// The layouts are told apart by parsing: only the right one reads to the end with the right
// field types. When none does, the error of the one that got furthest names the real problem.
std::shared_ptr<const CodeObject> parseCode(const QByteArray& bytes)
{
    std::optional<StudioError> furthestError;
    qsizetype furthest = -1;
    for (const CodeLayout layout : {CodeLayout::Python311, CodeLayout::Python38, CodeLayout::Python36}) {
        MarshalReader reader(bytes, layout);
        try {
            return reader.readCodeStream();
        } catch (const StudioError& error) {
            if (reader.position() > furthest) {
                furthest = reader.position();
                furthestError = error;
            }
        }
    }
    throw *furthestError;
}

// ---- rendering constants as Python would print them ----

QString render(const Value& value, int depth = 0);

QString renderItems(const std::vector<ValuePtr>& items, const QString& separator, int depth)
{
    QStringList parts;
    for (const ValuePtr& item : items)
        parts.append(render(*item, depth + 1));
    return parts.join(separator);
}

QString render(const Value& value, int depth)
{
    if (depth > kMaxDepth)
        return QStringLiteral("...");
    QString text;
    switch (value.kind) {
    case Value::Kind::None: text = QStringLiteral("None"); break;
    case Value::Kind::Bool: text = value.integer ? QStringLiteral("True") : QStringLiteral("False"); break;
    case Value::Kind::Int: text = QString::number(value.integer); break;
    case Value::Kind::BigInt: text = QStringLiteral("<large int>"); break;
    case Value::Kind::Float: {
        text = QString::number(value.real, 'g', QLocale::FloatingPointShortest);
        if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')) && !text.contains(QLatin1Char('n')))
            text += QStringLiteral(".0");
        break;
    }
    case Value::Kind::Complex: text = QStringLiteral("<complex>"); break;
    case Value::Kind::Bytes: text = QStringLiteral("b'") + QString::fromLatin1(value.bytes.toHex()) + QLatin1Char('\''); break;
    case Value::Kind::Str: text = QLatin1Char('\'') + value.text + QLatin1Char('\''); break;
    case Value::Kind::Tuple:
        text = QLatin1Char('(') + renderItems(value.items, QStringLiteral(", "), depth)
            + (value.items.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
        break;
    case Value::Kind::List: text = QLatin1Char('[') + renderItems(value.items, QStringLiteral(", "), depth) + QLatin1Char(']'); break;
    case Value::Kind::Set: text = QLatin1Char('{') + renderItems(value.items, QStringLiteral(", "), depth) + QLatin1Char('}'); break;
    case Value::Kind::Dict: text = QStringLiteral("{...}"); break;
    case Value::Kind::Code: text = QStringLiteral("<code ") + value.code->name + QLatin1Char('>'); break;
    case Value::Kind::Other: text = value.text; break;
    }
    if (text.size() > kMaxRenderedLength)
        text = text.left(kMaxRenderedLength) + QStringLiteral("...");
    return text;
}

// Names and constants of the code and of code objects nested in its constants (a comprehension,
// an inner lambda), so a description shows everything the function touches.
void collectInfo(const CodeObject& code, LambdaCodeInfo& info, int depth)
{
    for (const QString& name : code.names)
        if (!info.names.contains(name))
            info.names.append(name);
    for (const ValuePtr& constant : code.consts) {
        info.constants.append(render(*constant));
        if (constant->kind == Value::Kind::Code && depth < kMaxDepth)
            collectInfo(*constant->code, info, depth + 1);
    }
}

LambdaCodeInfo infoOf(const CodeObject& code)
{
    LambdaCodeInfo info;
    collectInfo(code, info, 0);
    info.argumentNames = code.localNames.mid(0, code.argumentTotal());
    info.freeVariables = code.freeNames;
    info.pythonMinor = layoutMinor(code.layout);
    return info;
}

// ---- the bytecode shape of `lambda x: module.function(x, constants..., keyword=constants...)` ----

enum class Op { Skip, Resume, Precall, LoadGlobal, LoadAttr, LoadMethod, LoadFast, LoadConst, KwNames, Call, CallKw, Return, Other };

constexpr int kNoOpcode = -1;

// The opcodes one CPython version family uses for that shape (Lib/opcode.py of each version).
struct Dialect {
    const char* label;
    int extendedArg, nop, cache, pushNull, resume, precall;
    int loadGlobal, loadAttr, loadMethod, loadFast, loadConst, kwNames;
    int call, callKw, callMethod, returnValue;
    bool globalNameShifted;   // 3.11+: LOAD_GLOBAL oparg = name index << 1 | push-null bit
    bool attrNameShifted;     // 3.12+: LOAD_ATTR oparg = name index << 1 | method bit
};

constexpr Dialect kPython36To310{"3.6-3.10", 144, 9, kNoOpcode, kNoOpcode, kNoOpcode, kNoOpcode,
    116, 106, 160, 124, 100, kNoOpcode, 131, 141, 161, 83, false, false};
constexpr Dialect kPython311{"3.11", 144, 9, 0, 2, 151, 166,
    116, 106, 160, 124, 100, 172, 171, kNoOpcode, kNoOpcode, 83, true, false};
constexpr Dialect kPython312{"3.12", 144, 9, 0, 2, 151, kNoOpcode,
    116, 106, kNoOpcode, 124, 100, 172, 171, kNoOpcode, kNoOpcode, 83, true, true};
constexpr Dialect kPython313{"3.13", 71, 30, 0, 34, 149, kNoOpcode,
    91, 82, kNoOpcode, 85, 83, kNoOpcode, 53, 57, kNoOpcode, 36, true, true};

struct Instruction {
    Op op = Op::Other;
    qint64 arg = 0;
};

Op classify(const Dialect& d, int opcode)
{
    if (opcode == d.nop || opcode == d.cache || opcode == d.pushNull) return Op::Skip;
    if (opcode == d.resume) return Op::Resume;
    if (opcode == d.precall) return Op::Precall;
    if (opcode == d.loadGlobal) return Op::LoadGlobal;
    if (opcode == d.loadAttr) return Op::LoadAttr;
    if (opcode == d.loadMethod) return Op::LoadMethod;
    if (opcode == d.loadFast) return Op::LoadFast;
    if (opcode == d.loadConst) return Op::LoadConst;
    if (opcode == d.kwNames) return Op::KwNames;
    if (opcode == d.call || opcode == d.callMethod) return Op::Call;
    if (opcode == d.callKw) return Op::CallKw;
    if (opcode == d.returnValue) return Op::Return;
    return Op::Other;
}

// 3.6+ wordcode: (opcode, oparg) byte pairs, EXTENDED_ARG supplying the oparg's high bytes.
std::vector<Instruction> decode(const Dialect& d, const QByteArray& bytecode)
{
    std::vector<Instruction> instructions;
    qint64 extended = 0;
    for (qsizetype i = 0; i + 1 < bytecode.size(); i += 2) {
        const int opcode = static_cast<quint8>(bytecode.at(i));
        const qint64 arg = (extended << 8) | static_cast<quint8>(bytecode.at(i + 1));
        if (opcode == d.extendedArg) {
            extended = arg & 0xffffffff;
            continue;
        }
        extended = 0;
        const Op op = classify(d, opcode);
        if (op != Op::Skip)
            instructions.push_back({op, arg});
    }
    return instructions;
}

struct CallShape {
    QStringList path;                                        // "tf", "math", "reduce_sum"
    std::vector<ValuePtr> positional;                        // after the input
    std::vector<std::pair<QString, ValuePtr>> keywords;
};

const Value* constantAt(const CodeObject& code, qint64 index)
{
    return index >= 0 && std::size_t(index) < code.consts.size() ? code.consts[std::size_t(index)].get() : nullptr;
}

bool nameAt(const CodeObject& code, qint64 index, QStringList& path)
{
    if (index < 0 || index >= code.names.size())
        return false;
    path.append(code.names.at(index));
    return true;
}

// Keyword names come as a tuple of strings: the last LOAD_CONST (CALL_FUNCTION_KW, CALL_KW) or
// KW_NAMES' constant (3.11, 3.12).
bool splitKeywords(const Value* names, CallShape& shape)
{
    if (!names || names->kind != Value::Kind::Tuple || names->items.size() > shape.positional.size())
        return false;
    const std::size_t firstKeyword = shape.positional.size() - names->items.size();
    for (std::size_t i = 0; i < names->items.size(); ++i) {
        if (names->items[i]->kind != Value::Kind::Str)
            return false;
        shape.keywords.emplace_back(names->items[i]->text, shape.positional[firstKeyword + i]);
    }
    shape.positional.resize(firstKeyword);
    return true;
}

std::optional<CallShape> matchCall(const CodeObject& code, const Dialect& d)
{
    const std::vector<Instruction> ins = decode(d, code.bytecode);
    std::size_t at = 0;
    const auto is = [&](Op op) { return at < ins.size() && ins[at].op == op; };
    if (d.resume != kNoOpcode) {
        if (!is(Op::Resume))
            return std::nullopt;
        ++at;
    }
    CallShape shape;
    if (!is(Op::LoadGlobal) || !nameAt(code, d.globalNameShifted ? ins[at].arg >> 1 : ins[at].arg, shape.path))
        return std::nullopt;
    // Attributes down to the function; LOAD_METHOD (3.7-3.11) can only be the last of them.
    for (++at; is(Op::LoadAttr) || is(Op::LoadMethod); ++at) {
        const qint64 arg = is(Op::LoadAttr) && d.attrNameShifted ? ins[at].arg >> 1 : ins[at].arg;
        if (ins[at - 1].op == Op::LoadMethod || !nameAt(code, arg, shape.path))
            return std::nullopt;
    }
    if (!is(Op::LoadFast) || ins[at].arg != 0)   // the call's first argument is the lambda's input
        return std::nullopt;
    for (++at; is(Op::LoadConst); ++at) {
        const Value* constant = constantAt(code, ins[at].arg);
        if (!constant)
            return std::nullopt;
        shape.positional.push_back(code.consts[std::size_t(ins[at].arg)]);
    }
    const Value* keywordNames = nullptr;
    if (is(Op::KwNames)) {
        keywordNames = constantAt(code, ins[at].arg);
        if (!keywordNames)
            return std::nullopt;
        ++at;
    }
    if (d.precall != kNoOpcode) {
        if (!is(Op::Precall))
            return std::nullopt;
        ++at;
    }
    if (is(Op::CallKw)) {
        if (shape.positional.empty())
            return std::nullopt;
        keywordNames = shape.positional.back().get();
        shape.positional.pop_back();
    } else if (!is(Op::Call)) {
        return std::nullopt;
    }
    const qint64 argumentCount = ins[at].arg;
    if (argumentCount != qint64(shape.positional.size()) + 1)
        return std::nullopt;
    if (keywordNames && !splitKeywords(keywordNames, shape))
        return std::nullopt;
    ++at;
    if (!is(Op::Return) || at + 1 != ins.size())
        return std::nullopt;
    return shape;
}

std::optional<CallShape> matchCall(const CodeObject& code)
{
    if (code.layout != CodeLayout::Python311)
        return matchCall(code, kPython36To310);
    // One layout, three opcode sets; RESUME's number and 3.11's PRECALL keep them apart.
    for (const Dialect* dialect : {&kPython311, &kPython312, &kPython313})
        if (auto shape = matchCall(code, *dialect))
            return shape;
    return std::nullopt;
}

// ---- which calls are reductions ----

struct KnownFamily {
    QStringList prefixes;
    QStringList functions;                   // in LambdaReduction order: sum, mean, max, min
    QStringList keepDimsKeywords;
};

const std::vector<KnownFamily>& knownFamilies()
{
    static const std::vector<KnownFamily> families{
        {{QStringLiteral("K"), QStringLiteral("backend"), QStringLiteral("keras.backend"), QStringLiteral("tf.keras.backend"),
          QStringLiteral("ops"), QStringLiteral("keras.ops")},
         {QStringLiteral("sum"), QStringLiteral("mean"), QStringLiteral("max"), QStringLiteral("min")},
         {QStringLiteral("keepdims")}},
        // TensorFlow 1 spelled keepdims "keep_dims"; tutorials of that time still circulate.
        {{QStringLiteral("tf"), QStringLiteral("tf.math")},
         {QStringLiteral("reduce_sum"), QStringLiteral("reduce_mean"), QStringLiteral("reduce_max"), QStringLiteral("reduce_min")},
         {QStringLiteral("keepdims"), QStringLiteral("keep_dims")}},
    };
    return families;
}

constexpr LambdaReduction kReductions[] = {LambdaReduction::Sum, LambdaReduction::Mean, LambdaReduction::Max, LambdaReduction::Min};

struct Outcome {
    std::optional<LambdaFunction> function;
    QString refusal;
};

Outcome refuse(const QString& reason) { return {std::nullopt, reason}; }

// The arguments after the input: (axis, keepdims) positionally or by keyword, as K.sum,
// tf.reduce_sum and keras.ops.sum all declare them.
Outcome readArguments(const CallShape& call, const KnownFamily& family, LambdaFunction function)
{
    constexpr std::size_t kMaxArguments = 2;
    const Value* axis = call.positional.size() > 0 ? call.positional[0].get() : nullptr;
    const Value* keepDims = call.positional.size() > 1 ? call.positional[1].get() : nullptr;
    if (call.positional.size() > kMaxArguments)
        return refuse(QStringLiteral("it passes more arguments than an axis and keepdims"));
    for (const auto& [keyword, value] : call.keywords) {
        const Value** slot = keyword == QLatin1String("axis") ? &axis
            : family.keepDimsKeywords.contains(keyword) ? &keepDims : nullptr;
        if (!slot)
            return refuse(QStringLiteral("it passes the keyword '%1', which this reader does not know").arg(keyword));
        if (*slot)
            return refuse(QStringLiteral("it passes '%1' twice").arg(keyword));
        *slot = value.get();
    }
    if (!axis || axis->kind == Value::Kind::None)
        return refuse(QStringLiteral("it has no axis, so it reduces every axis, the batch axis included"));
    if (axis->kind != Value::Kind::Int)
        return refuse(QStringLiteral("its axis %1 is not one integer").arg(render(*axis)));
    if (axis->integer == 0)
        return refuse(QStringLiteral("its axis 0 is the batch axis"));
    if (axis->integer < std::numeric_limits<int>::min() || axis->integer > std::numeric_limits<int>::max())
        return refuse(QStringLiteral("its axis %1 is out of range").arg(axis->integer));
    if (keepDims && keepDims->kind != Value::Kind::Bool)
        return refuse(QStringLiteral("its keepdims %1 is not True or False").arg(render(*keepDims)));
    function.axis = int(axis->integer);
    function.keepDims = keepDims && keepDims->integer != 0;
    return {function, {}};
}

Outcome recognise(const CodeObject& code)
{
    // Exactly `lambda x:`; `lambda *x:` would make the input a tuple.
    if (code.argCount != 1 || code.argumentTotal() != 1)
        return refuse(QStringLiteral("it does not take exactly one input (its arguments: %1)")
                          .arg(code.localNames.mid(0, code.argumentTotal()).join(QStringLiteral(", "))));
    if (!code.freeNames.isEmpty())
        return refuse(QStringLiteral("it reads the closure variables %1").arg(code.freeNames.join(QStringLiteral(", "))));
    const std::optional<CallShape> call = matchCall(code);
    if (!call)
        return refuse(QStringLiteral("its bytecode is not one call of a function on its input with constant arguments"));
    const QString function = call->path.last();
    const QString prefix = call->path.mid(0, call->path.size() - 1).join(QLatin1Char('.'));
    for (const KnownFamily& family : knownFamilies()) {
        const qsizetype index = family.functions.indexOf(function);
        if (index >= 0 && family.prefixes.contains(prefix)) {
            LambdaFunction reduction;
            reduction.reduction = kReductions[index];
            return readArguments(*call, family, reduction);
        }
    }
    return refuse(QStringLiteral("%1 is not a reduction this reader knows").arg(call->path.join(QLatin1Char('.'))));
}

QString foundText(const LambdaCodeInfo& info)
{
    const auto listed = [](const QStringList& items) {
        return items.isEmpty() ? QStringLiteral("(none)") : items.join(QStringLiteral(", "));
    };
    return QStringLiteral("names: ") + listed(info.names) + QStringLiteral("; constants: ") + listed(info.constants);
}

// The base64 code of either version's lambda config, or nullopt for a named function (whose code
// the file does not hold) with its name in `namedFunction`.
std::optional<QString> lambdaCodeOf(const QJsonValue& config, QString& namedFunction)
{
    const auto codeOfDump = [](const QJsonValue& dump) -> std::optional<QString> {
        // func_dump's (code, defaults, closure), saved as a JSON list.
        const QJsonArray parts = dump.toArray();
        if (dump.isArray() && parts.size() == 3 && parts.at(0).isString())
            return parts.at(0).toString();
        return std::nullopt;
    };
    if (config.isString()) {   // Keras 2 "function_type": "function"
        namedFunction = config.toString();
        return std::nullopt;
    }
    if (auto code = codeOfDump(config))
        return code;
    const QJsonObject object = config.toObject();
    const QString className = object.value(QStringLiteral("class_name")).toString();
    const QJsonValue inner = object.value(QStringLiteral("config"));
    if (className == QLatin1String("__lambda__")) {
        if (inner.toObject().value(QStringLiteral("code")).isString())   // Lambda.get_config
            return inner.toObject().value(QStringLiteral("code")).toString();
        if (auto code = codeOfDump(inner.toObject().value(QStringLiteral("value"))))   // serialization_lib
            return code;
    }
    if (className == QLatin1String("function") && inner.isString()) {   // Keras 3 named function
        namedFunction = inner.toString();
        return std::nullopt;
    }
    throw StudioError(QStringLiteral("The Lambda layer's function config is neither a Keras 2 [code, defaults, "
                                     "closure] list nor a Keras 3 \"__lambda__\" object."));
}

} // namespace

LambdaCodeInfo readLambdaCode(const QString& base64)
{
    return infoOf(*parseCode(decodeBase64(base64)));
}

std::optional<LambdaFunction> recogniseLambda(const QJsonValue& functionConfig, QString* description)
{
    QString namedFunction;
    const std::optional<QString> base64 = lambdaCodeOf(functionConfig, namedFunction);
    if (!base64) {
        if (description)
            *description = QStringLiteral("the named Python function '%1', whose code the file does not hold").arg(namedFunction);
        return std::nullopt;
    }
    const std::shared_ptr<const CodeObject> code = parseCode(decodeBase64(*base64));
    const Outcome outcome = recognise(*code);
    if (description) {
        *description = foundText(infoOf(*code));
        if (!outcome.function)
            *description += QStringLiteral("; not recognised: ") + outcome.refusal;
    }
    return outcome.function;
}

} // namespace studio::keras
