#pragma once

// CPython's marshal format (Python/marshal.c, r_object), versions 3.6-3.13, read into plain values:
// the code object a Keras Lambda layer stores, with its constants, names and bytecode. Parsed,
// never executed. Used by LambdaCode, which recognises what the code computes. Qt Core only.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace studio::keras::marshal {

// Code object flags and 3.11+ local kinds (Include/cpython/code.h).
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

// Nested containers and code objects deeper than this are refused (lambdas nest a few levels;
// deeper is hostile or broken); also the depth to which constants are rendered and collected.
constexpr int kMaxDepth = 100;

int layoutMinor(CodeLayout layout);

// Base64 text as Keras stores it (line breaks every 76 characters) -> the marshal bytes. Throws
// StudioError for text that is not base64, or empty.
QByteArray decodeBase64(const QString& base64);

// The code object of a marshal stream. The layouts are told apart by parsing; when none reads to
// the end, throws the StudioError of the one that got furthest.
std::shared_ptr<const CodeObject> parseCode(const QByteArray& bytes);

// A constant as Python would print it (shortened), for descriptions.
QString render(const Value& value, int depth = 0);

} // namespace studio::keras::marshal
