#include "external/keras/KerasFileKind.h"

#include <QFile>

#include <zip.h>

#include <array>

namespace studio::keras {
namespace {

constexpr std::array<char, 8> kHdf5Signature{'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
constexpr std::array<char, 4> kZipSignature{'P', 'K', '\x03', '\x04'};
constexpr qint64 kFirstUserBlock = 512;  // HDF5 allows a user block of 512, 1024, 2048, ... bytes
constexpr int kUserBlockTries = 6;       // up to 16 KB

bool startsWith(QFile& file, qint64 offset, const char* signature, qint64 size)
{
    if (!file.seek(offset))
        return false;
    const QByteArray bytes = file.read(size);
    return bytes.size() == size && std::equal(bytes.begin(), bytes.end(), signature);
}

} // namespace

bool isKerasFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    if (startsWith(file, 0, kHdf5Signature.data(), kHdf5Signature.size()))
        return true;
    qint64 offset = kFirstUserBlock;
    for (int i = 0; i < kUserBlockTries; ++i, offset *= 2)
        if (startsWith(file, offset, kHdf5Signature.data(), kHdf5Signature.size()))
            return true;
    if (!startsWith(file, 0, kZipSignature.data(), kZipSignature.size()))
        return false;
    file.close();
    int error = 0;
    zip_t* archive = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY, &error);
    if (!archive)
        return false;
    const bool keras = zip_name_locate(archive, "model.weights.h5", 0) >= 0;
    zip_discard(archive);
    return keras;
}

} // namespace studio::keras
