// Folders of class subfolders (the aclImdb layout: DIR/pos/*.txt, DIR/neg/*.txt) and plain text
// with one example per line.

#include "data/TextImportReaders.h"

#include "common/StudioError.h"
#include "data/CsvReader.h"

#include <QDir>
#include <QFileInfo>

namespace studio::textimport {
namespace {

const QString kTextFilter = QStringLiteral("*.txt");
// aclImdb/train/unsup holds 50,000 unlabelled reviews: not a class.
const QString kUnlabelledFolder = QStringLiteral("unsup");

struct ClassFolder {
    QString name;
    QFileInfoList files;
};

QFileInfoList textFilesIn(const QString& folder)
{
    return QDir(folder).entryInfoList({kTextFilter}, QDir::Files | QDir::Readable, QDir::Name);
}

QStringList subfoldersOf(const QString& folder)
{
    QStringList names = QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    names.removeAll(kUnlabelledFolder);
    return names;
}

std::vector<ClassFolder> classFoldersOf(const QString& path)
{
    const QStringList subfolders = subfoldersOf(path);
    // The folder above the class folders (aclImdb itself, holding train and test) is a common
    // pick; its train folder also holds stray .txt files (urls_pos.txt), so look for it first.
    for (const QString& name : subfolders) {
        const QString inner = QDir(path).filePath(name);
        for (const QString& grandchild : subfoldersOf(inner))
            if (!textFilesIn(QDir(inner).filePath(grandchild)).isEmpty())
                throw StudioError(QStringLiteral("%1 holds folders of class folders (%2): choose one of them, e.g. %3.")
                                      .arg(path, subfolders.join(QLatin1String(", ")), inner));
    }
    std::vector<ClassFolder> classes;
    for (const QString& name : subfolders) {
        QFileInfoList files = textFilesIn(QDir(path).filePath(name));
        if (!files.isEmpty())
            classes.push_back({name, std::move(files)});
    }
    if (classes.empty())
        throw StudioError(QStringLiteral("%1 has no subfolder with .txt files: put each class's texts in a subfolder named "
                                         "after the class, one example per file (e.g. pos/1.txt, neg/2.txt).")
                              .arg(path));
    return classes;
}

} // namespace

TextCorpus readFolder(const QString& path, const ImportControl& control)
{
    const std::vector<ClassFolder> classes = classFoldersOf(path);
    qint64 bytesTotal = 0;
    for (const ClassFolder& folder : classes)
        for (const QFileInfo& file : folder.files)
            bytesTotal += file.size();

    TextCorpus corpus;
    corpus.labelField = QStringLiteral("folder");
    corpus.setHasLabels(true);
    corpus.reserveText(bytesTotal);
    qint64 bytesDone = 0;
    qint64 nextProgressAt = 0;
    for (const ClassFolder& folder : classes) {
        for (const QFileInfo& info : folder.files) {
            throwIfCancelled(path, control);
            const QString filePath = info.filePath();
            if (info.size() == 0) {
                ++corpus.skippedEmpty;
                continue;
            }
            if (info.size() > control.limits.maxFieldBytes)
                throw StudioError(QStringLiteral("%1 is %2 bytes, more than %3, the limit for one text: a class folder holds "
                                                 "one example per file; move this file out of it.")
                                      .arg(filePath)
                                      .arg(info.size())
                                      .arg(describeBytes(control.limits.maxFieldBytes)));
            if (corpus.size() + corpus.skippedEmpty >= control.limits.maxRows)
                throw StudioError(QStringLiteral("%1 has more than %2 text files, the limit for one import: import a part of "
                                                 "it.")
                                      .arg(path)
                                      .arg(control.limits.maxRows));
            checkTextFile(filePath);
            QFile file(filePath);
            if (!file.open(QIODevice::ReadOnly))
                throw StudioError(QStringLiteral("Cannot open %1: %2.").arg(filePath, file.errorString()));
            QByteArray bytes = file.readAll();
            bytesDone += bytes.size();
            if (bytes.startsWith("\xEF\xBB\xBF"))
                bytes.remove(0, 3);
            const QString text = decodeUtf8(bytes, filePath, /*line=*/0).trimmed();
            if (text.isEmpty())
                ++corpus.skippedEmpty;
            else
                corpus.append(text.toUtf8(), folder.name, /*line=*/0, filePath);
            if (control.progress && bytesDone >= nextProgressAt) {
                control.progress(bytesDone, bytesTotal);
                nextProgressAt = bytesDone + ImportControl::kProgressEveryBytes;
            }
        }
    }
    if (control.progress)
        control.progress(bytesTotal, bytesTotal);
    return corpus;
}

TextCorpus readPlainText(const QString& path, const ImportControl& control)
{
    LineReader reader(path, control);
    TextCorpus corpus;
    corpus.reserveText(QFileInfo(path).size());
    QByteArray line;
    while (reader.next(&line)) {
        const QString text = decodeUtf8(line, path, reader.lineNumber()).trimmed();
        // Blank lines separate nothing in this format: they are not examples (and not counted).
        if (text.isEmpty())
            continue;
        if (corpus.size() >= control.limits.maxRows)
            throw StudioError(QStringLiteral("%1, line %2: the file has more than %3 texts, the limit for one file: split "
                                             "it, or import only the part you need.")
                                  .arg(path)
                                  .arg(reader.lineNumber())
                                  .arg(control.limits.maxRows));
        corpus.append(text.toUtf8(), QString(), reader.lineNumber());
    }
    return corpus;
}

} // namespace studio::textimport
