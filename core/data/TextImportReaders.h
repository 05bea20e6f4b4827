#pragma once

// The readers behind importText, one per format, and what they share. Internal to core/data.

#include "data/LineReader.h"
#include "data/TextImport.h"

#include <QFile>
#include <QJsonValue>

namespace studio::textimport {

TextCorpus readDelimited(const QString& path, QChar delimiter, const TextImportOptions& options, const ImportControl& control);
TextCorpus readJsonArray(const QString& path, const TextImportOptions& options, const ImportControl& control);
TextCorpus readJsonLines(const QString& path, const TextImportOptions& options, const ImportControl& control);
TextCorpus readFolder(const QString& path, const ImportControl& control);
TextCorpus readPlainText(const QString& path, const ImportControl& control);

// The field to read among `available`: `requested` when given (exact, then case-insensitive),
// otherwise the first of `candidates` present (case-insensitive). Empty when there is none.
QString chooseField(const QStringList& available, const QString& requested, const QStringList& candidates);

// "\"a\", \"b\"" for messages listing what a file has.
QString quotedList(const QStringList& names);

// A JSON label value as text (see TextImport.h); sets *ok false for arrays and objects.
QString labelFromJson(const QJsonValue& value, bool* ok);

// Throws ImportCancelled when the import was cancelled.
void throwIfCancelled(const QString& path, const ImportControl& control);

// UTF-8 bytes as a QString; throws StudioError naming the file and the line (when not 0) when
// they are not valid UTF-8.
QString decodeUtf8(const QByteArray& bytes, const QString& path, qint64 line);

} // namespace studio::textimport
