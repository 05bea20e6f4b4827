#include "external/keras/MarshalCode.h"

#include "common/StudioError.h"

#include <QLocale>
#include <QtEndian>

#include <cstring>
#include <limits>
#include <optional>

namespace studio::keras::marshal {
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
constexpr int kMaxRenderedLength = 120;

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

QString renderItems(const std::vector<ValuePtr>& items, const QString& separator, int depth)
{
    QStringList parts;
    for (const ValuePtr& item : items)
        parts.append(render(*item, depth + 1));
    return parts.join(separator);
}

} // namespace

int layoutMinor(CodeLayout layout)
{
    switch (layout) {
    case CodeLayout::Python36: return 6;
    case CodeLayout::Python38: return 8;
    case CodeLayout::Python311: return 11;
    }
    return -1;
}

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

} // namespace studio::keras::marshal
