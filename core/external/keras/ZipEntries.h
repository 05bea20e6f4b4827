#pragma once

// The entries of a zip archive (a `.keras` file), read with libzip under limits: opening checks
// every entry's name and declared uncompressed size before anything is inflated, so a hostile
// archive is refused without unpacking it. Every failure is a StudioError naming the archive.

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <map>

struct zip;

namespace studio::keras {

class ZipEntries {
public:
    // Refuses names with ".." or a leading "/" or "\", any entry larger than `maxUnpackedBytes`
    // and entries that together would unpack to more than that.
    ZipEntries(const QString& path, int64_t maxUnpackedBytes);
    ~ZipEntries();
    ZipEntries(const ZipEntries&) = delete;
    ZipEntries& operator=(const ZipEntries&) = delete;

    bool contains(const QString& name) const { return m_entries.count(name) > 0; }
    // The whole entry, refused when its declared size is over `maxBytes` (what the caller accepts
    // for this entry); `purpose` says in the error what the entry is, e.g. "the model config".
    QByteArray read(const QString& name, int64_t maxBytes, const QString& purpose) const;

private:
    struct Entry {
        uint64_t index = 0;
        int64_t uncompressedBytes = 0;
    };

    QString m_path;
    zip* m_archive = nullptr;
    std::map<QString, Entry> m_entries;
};

} // namespace studio::keras
