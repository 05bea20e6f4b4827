#include "external/keras/ZipEntries.h"

#include "common/StudioError.h"

#include <QFile>

#include <zip.h>

#include <algorithm>
#include <limits>

namespace studio::keras {

namespace {

constexpr int64_t kFirstReadBytes = int64_t(16) << 20;  // reserved up front; more as it inflates
constexpr int64_t kReadChunkBytes = int64_t(4) << 20;

QString zipErrorText(int code)
{
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const QString text = QString::fromUtf8(zip_error_strerror(&error));
    zip_error_fini(&error);
    return text;
}

// Names that would land outside a folder if anything ever unpacked the archive to disk.
bool escapesArchive(const QString& name)
{
    return name.contains(QLatin1String("..")) || name.startsWith(QLatin1Char('/'))
        || name.startsWith(QLatin1Char('\\'));
}

// Closes an entry however the read ends.
struct OpenEntry {
    zip_file_t* file;
    ~OpenEntry()
    {
        if (file)
            zip_fclose(file);
    }
};

} // namespace

ZipEntries::ZipEntries(const QString& path, int64_t maxUnpackedBytes) : m_path(path)
{
    int errorCode = 0;
    const QByteArray encodedPath = QFile::encodeName(path);
    // ZIP_CHECKCONS: also compare each local header with the central directory, so a cut or
    // spliced archive fails here rather than half-way through an entry.
    m_archive = zip_open(encodedPath.constData(), ZIP_RDONLY | ZIP_CHECKCONS, &errorCode);
    if (!m_archive)
        throw StudioError(QStringLiteral("%1 could not be opened as a zip archive (%2): it may be truncated or damaged, "
                                         "so save or copy the model again.")
                              .arg(path, zipErrorText(errorCode)));

    // From here on the destructor will not run if the constructor throws: close by hand.
    try {
        const zip_int64_t count = zip_get_num_entries(m_archive, 0);
        int64_t totalBytes = 0;
        for (zip_int64_t i = 0; i < count; ++i) {
            zip_stat_t stat;
            zip_stat_init(&stat);
            if (zip_stat_index(m_archive, static_cast<zip_uint64_t>(i), 0, &stat) != 0
                || !(stat.valid & ZIP_STAT_NAME) || !(stat.valid & ZIP_STAT_SIZE))
                throw StudioError(QStringLiteral("%1 has a zip entry (number %2) whose name or size cannot be read: the "
                                                 "archive is damaged, so save the model again.")
                                      .arg(path, QString::number(i)));
            const QString name = QString::fromUtf8(stat.name);
            if (escapesArchive(name))
                throw StudioError(QStringLiteral("%1 contains an entry named \"%2\" that points outside the archive, so "
                                                 "it is refused: use a .keras file written by Keras.")
                                      .arg(path, name));
            const bool tooLarge = stat.size > static_cast<zip_uint64_t>(maxUnpackedBytes)
                || static_cast<int64_t>(stat.size) > maxUnpackedBytes - totalBytes;
            if (tooLarge)
                throw StudioError(QStringLiteral("%1 would unpack to more than the limit of %2 bytes (entry \"%3\" "
                                                 "declares %4 bytes): the archive is not a plain .keras model, so "
                                                 "save the model again or raise the limit.")
                                      .arg(path, QString::number(maxUnpackedBytes), name,
                                           QString::number(static_cast<qulonglong>(stat.size))));
            totalBytes += static_cast<int64_t>(stat.size);
            m_entries[name] = Entry{static_cast<uint64_t>(i), static_cast<int64_t>(stat.size)};
        }
    } catch (...) {
        zip_discard(m_archive);
        throw;
    }
}

ZipEntries::~ZipEntries()
{
    zip_discard(m_archive);  // read-only: nothing to write back
}

QByteArray ZipEntries::read(const QString& name, int64_t maxBytes, const QString& purpose) const
{
    const auto found = m_entries.find(name);
    if (found == m_entries.end())
        throw StudioError(QStringLiteral("%1 has no \"%2\" entry (%3), so it is not a complete .keras model: save the "
                                         "model again with model.save(\"model.keras\").")
                              .arg(m_path, name, purpose));
    const Entry& entry = found->second;
    if (entry.uncompressedBytes > maxBytes || entry.uncompressedBytes > std::numeric_limits<int>::max())
        throw StudioError(QStringLiteral("%1 has a \"%2\" entry (%3) of %4 bytes, more than the limit of %5 bytes: "
                                         "save a smaller model or raise the limit.")
                              .arg(m_path, name, purpose, QString::number(entry.uncompressedBytes),
                                   QString::number(maxBytes)));

    const auto readError = [&](const QString& detail) {
        return StudioError(QStringLiteral("%1 could not be unpacked at entry \"%2\" (%3): the archive may be truncated "
                                          "or damaged, so save or copy the model again.")
                               .arg(m_path, name, detail));
    };
    const OpenEntry open{zip_fopen_index(m_archive, entry.index, 0)};
    if (!open.file)
        throw readError(QString::fromUtf8(zip_strerror(m_archive)));
    // Only the declared size is ever read, so an entry that inflates to more cannot overrun; and
    // the buffer grows with what actually inflates, so an entry that declares gigabytes in a few
    // compressed bytes costs no more than it holds (found by fuzz_keras_archive).
    QByteArray bytes;
    bytes.reserve(static_cast<qsizetype>(std::min<int64_t>(entry.uncompressedBytes, kFirstReadBytes)));
    while (bytes.size() < entry.uncompressedBytes) {
        const int64_t chunk = std::min<int64_t>(entry.uncompressedBytes - bytes.size(), kReadChunkBytes);
        const qsizetype done = bytes.size();
        if (done + chunk > bytes.capacity())  // doubling, so a large entry is copied O(log n) times
            bytes.reserve(static_cast<qsizetype>(std::min<int64_t>(entry.uncompressedBytes, std::max<int64_t>(2 * bytes.capacity(), done + chunk))));
        bytes.resize(done + static_cast<qsizetype>(chunk));
        const zip_int64_t got = zip_fread(open.file, bytes.data() + done, static_cast<zip_uint64_t>(chunk));
        if (got < 0)
            throw readError(QString::fromUtf8(zip_file_strerror(open.file)));
        if (got == 0)
            throw readError(QStringLiteral("it ends after %1 of %2 bytes")
                                .arg(QString::number(done), QString::number(entry.uncompressedBytes)));
        bytes.resize(done + static_cast<qsizetype>(got));
    }
    return bytes;
}

} // namespace studio::keras
