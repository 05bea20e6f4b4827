#include "external/keras/Hdf5File.h"

#include "common/StudioError.h"

#include <QFile>
#include <QStringList>

#include <hdf5_hl.h>

#include <limits>

namespace studio::keras {

namespace {

std::mutex& hdf5LibraryMutex()
{
    static std::mutex mutex;
    return mutex;
}

// HDF5 prints its whole error stack to stderr by default; the reader reports one sentence instead.
// Set on every open because a thread-safe HDF5 build keeps this setting per thread.
void silenceAutomaticErrorPrinting()
{
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

herr_t keepInnermostDescription(unsigned /*depth*/, const H5E_error2_t* error, void* clientData)
{
    auto* detail = static_cast<QString*>(clientData);
    if (detail->isEmpty() && error->desc && *error->desc)
        *detail = QString::fromUtf8(error->desc);
    return 0;
}

// The most specific line of the current HDF5 error stack, e.g. "truncated file: eof = 4096, ...".
// Must be called right after the failing call: the next API call clears the stack.
QString hdf5ErrorDetail()
{
    QString detail;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keepInnermostDescription, &detail);
    return detail.isEmpty() ? QStringLiteral("HDF5 gave no detail") : detail;
}

[[noreturn]] void throwOpenError(const QString& displayName)
{
    throw StudioError(QStringLiteral("%1 could not be opened as an HDF5 file (%2): it may be truncated or damaged, "
                                     "so save or copy the model again.")
                          .arg(displayName, hdf5ErrorDetail()));
}

[[noreturn]] void throwReadError(const QString& displayName, const QString& what)
{
    throw StudioError(QStringLiteral("%1 could not be read at %2 (%3): the file may be truncated or damaged, so save "
                                     "or copy the model again.")
                          .arg(displayName, what, hdf5ErrorDetail()));
}

QString typeClassName(H5T_class_t typeClass)
{
    switch (typeClass) {
    case H5T_STRING: return QStringLiteral("text");
    case H5T_COMPOUND: return QStringLiteral("a compound type");
    case H5T_ENUM: return QStringLiteral("an enumeration (e.g. booleans)");
    case H5T_OPAQUE: return QStringLiteral("opaque bytes");
    case H5T_REFERENCE: return QStringLiteral("object references");
    case H5T_VLEN: return QStringLiteral("variable-length sequences");
    case H5T_ARRAY: return QStringLiteral("nested arrays");
    case H5T_BITFIELD: return QStringLiteral("a bit field");
    case H5T_TIME: return QStringLiteral("time values");
    default: return QStringLiteral("an unknown type");
    }
}

QString dimsText(const std::vector<hsize_t>& dims)
{
    QStringList parts;
    for (const hsize_t d : dims)
        parts << QString::number(static_cast<qulonglong>(d));
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

// Frees the strings HDF5 allocated for a variable-length read, however the caller leaves.
class VariableLengthStrings {
public:
    VariableLengthStrings(hid_t memoryType, hid_t space, size_t count)
        : m_memoryType(memoryType), m_space(space), m_pointers(count, nullptr) {}
    ~VariableLengthStrings()
    {
#if H5_VERSION_GE(1, 12, 0)
        H5Treclaim(m_memoryType, m_space, H5P_DEFAULT, m_pointers.data());
#else
        H5Dvlen_reclaim(m_memoryType, m_space, H5P_DEFAULT, m_pointers.data());
#endif
    }
    VariableLengthStrings(const VariableLengthStrings&) = delete;
    VariableLengthStrings& operator=(const VariableLengthStrings&) = delete;
    char** data() { return m_pointers.data(); }
    const std::vector<char*>& pointers() const { return m_pointers; }

private:
    hid_t m_memoryType;
    hid_t m_space;
    std::vector<char*> m_pointers;
};

} // namespace

Hdf5Handle& Hdf5Handle::operator=(Hdf5Handle&& other) noexcept
{
    if (this != &other) {
        reset();
        m_id = other.m_id;
        m_close = other.m_close;
        other.m_id = H5I_INVALID_HID;
    }
    return *this;
}

void Hdf5Handle::reset()
{
    if (m_id >= 0 && m_close)
        m_close(m_id);
    m_id = H5I_INVALID_HID;
}

Hdf5File::Hdf5File(std::unique_lock<std::mutex> lock, Hdf5Handle file, const QString& displayName)
    : m_libraryLock(std::move(lock)), m_file(std::move(file)), m_displayName(displayName)
{
}

Hdf5File Hdf5File::openPath(const QString& path, const QString& displayName)
{
    std::unique_lock<std::mutex> lock(hdf5LibraryMutex());
    silenceAutomaticErrorPrinting();
    const Hdf5Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    // Closing the file closes whatever is still open in it, so nothing outlives the lock.
    H5Pset_fclose_degree(access.id(), H5F_CLOSE_STRONG);
#if H5_VERSION_GE(1, 10, 7)
    // Reading needs no lock file, and taking one fails on read-only and some network mounts.
    H5Pset_file_locking(access.id(), false, true);
#endif
    const QByteArray encodedPath = QFile::encodeName(path);
    const hid_t id = H5Fopen(encodedPath.constData(), H5F_ACC_RDONLY, access.id());
    if (id < 0)
        throwOpenError(displayName);
    return Hdf5File(std::move(lock), Hdf5Handle(id, H5Fclose), displayName);
}

Hdf5File Hdf5File::openImage(QByteArray image, const QString& displayName)
{
    std::unique_lock<std::mutex> lock(hdf5LibraryMutex());
    silenceAutomaticErrorPrinting();
    // HDF5 takes its own copy (flags 0) and `image` is freed on return, so the doubled memory lasts
    // only for the open. The no-copy flags would avoid that, but HDF5 1.10's high-level library
    // leaks its bookkeeping with H5LT_FILE_IMAGE_DONT_RELEASE, which fails sanitizer runs.
    const unsigned copyAndRelease = 0;
    const hid_t id = image.isEmpty()
        ? H5I_INVALID_HID
        : H5LTopen_file_image(image.data(), static_cast<size_t>(image.size()), copyAndRelease);
    if (id < 0)
        throwOpenError(displayName);
    return Hdf5File(std::move(lock), Hdf5Handle(id, H5Fclose), displayName);
}

QString Hdf5File::objectPath(hid_t object) const
{
    const ssize_t length = H5Iget_name(object, nullptr, 0);
    if (length <= 0)
        return QStringLiteral("?");
    QByteArray name(static_cast<int>(length) + 1, '\0');
    H5Iget_name(object, name.data(), static_cast<size_t>(name.size()));
    return QString::fromUtf8(name.constData());
}

std::optional<Hdf5Handle> Hdf5File::openGroup(hid_t parent, const QString& path) const
{
    const QByteArray encoded = path.toUtf8();
    const hid_t id = H5Gopen2(parent, encoded.constData(), H5P_DEFAULT);
    if (id < 0)
        return std::nullopt;
    return Hdf5Handle(id, H5Gclose);
}

QStringList Hdf5File::childNames(hid_t group) const
{
    H5G_info_t info;
    if (H5Gget_info(group, &info) < 0)
        throwReadError(m_displayName, QStringLiteral("group \"%1\"").arg(objectPath(group)));
    QStringList names;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const ssize_t length = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (length < 0)
            throwReadError(m_displayName, QStringLiteral("group \"%1\"").arg(objectPath(group)));
        QByteArray name(static_cast<int>(length) + 1, '\0');
        H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), static_cast<size_t>(name.size()),
                           H5P_DEFAULT);
        names << QString::fromUtf8(name.constData());
    }
    return names;
}

Hdf5File::ChildKind Hdf5File::childKind(hid_t group, const QString& name) const
{
    const QByteArray encoded = name.toUtf8();
    H5L_info_t link;
    // Only hard links: soft links could loop, external ones would open other files.
    if (H5Lget_info(group, encoded.constData(), &link, H5P_DEFAULT) < 0 || link.type != H5L_TYPE_HARD)
        return ChildKind::Other;
    const Hdf5Handle object(H5Oopen(group, encoded.constData(), H5P_DEFAULT), H5Oclose);
    if (!object.valid())
        return ChildKind::Other;
    switch (H5Iget_type(object.id())) {
    case H5I_GROUP: return ChildKind::Group;
    case H5I_DATASET: return ChildKind::Dataset;
    default: return ChildKind::Other;
    }
}

bool Hdf5File::hasAttribute(hid_t object, const QString& name) const
{
    const QByteArray encoded = name.toUtf8();
    return H5Aexists(object, encoded.constData()) > 0;
}

std::vector<QByteArray> Hdf5File::readTextAttribute(hid_t object, const QString& name, int64_t maxBytes) const
{
    const QString where = QStringLiteral("attribute \"%1\" of \"%2\"").arg(name, objectPath(object));
    const QByteArray encodedName = name.toUtf8();
    const Hdf5Handle attribute(H5Aopen(object, encodedName.constData(), H5P_DEFAULT), H5Aclose);
    if (!attribute.valid())
        throwReadError(m_displayName, where);
    const Hdf5Handle fileType(H5Aget_type(attribute.id()), H5Tclose);
    const Hdf5Handle space(H5Aget_space(attribute.id()), H5Sclose);
    if (!fileType.valid() || !space.valid())
        throwReadError(m_displayName, where);
    const hssize_t count = H5Sget_simple_extent_npoints(space.id());
    if (count < 0)
        throwReadError(m_displayName, where);
    if (count == 0)
        return {};  // Keras writes an empty float64 array for a layer without weights.
    if (H5Tget_class(fileType.id()) != H5T_STRING)
        throw StudioError(QStringLiteral("%1 has %2 stored as %3 instead of text: save the model again with Keras, "
                                         "which writes it as a list of names.")
                              .arg(m_displayName, where, typeClassName(H5Tget_class(fileType.id()))));
    const auto tooLong = [&] {
        return StudioError(QStringLiteral("%1 has more than %2 bytes of text in %3, past the reader's limit: the file "
                                          "is damaged or not a Keras model.")
                                .arg(m_displayName, QString::number(maxBytes), where));
    };
    // Each string costs at least one byte of the budget, which also bounds the pointer array below.
    if (count > maxBytes)
        throw tooLong();

    const Hdf5Handle memoryType(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_cset(memoryType.id(), H5Tget_cset(fileType.id()));
    std::vector<QByteArray> strings;
    strings.reserve(static_cast<size_t>(count));
    int64_t totalBytes = 0;
    if (H5Tis_variable_str(fileType.id()) > 0) {
        H5Tset_size(memoryType.id(), H5T_VARIABLE);
        VariableLengthStrings buffer(memoryType.id(), space.id(), static_cast<size_t>(count));
        if (H5Aread(attribute.id(), memoryType.id(), buffer.data()) < 0)
            throwReadError(m_displayName, where);
        for (const char* text : buffer.pointers()) {
            strings.emplace_back(text ? QByteArray(text) : QByteArray());
            totalBytes += strings.back().size();
            if (totalBytes > maxBytes)
                throw tooLong();
        }
        return strings;
    }

    // Fixed length: h5py writes numpy `S` strings null-padded; read them padded and cut at the first NUL.
    const size_t width = H5Tget_size(fileType.id());
    if (width == 0 || static_cast<int64_t>(width) > maxBytes / count)
        throw tooLong();
    H5Tset_size(memoryType.id(), width);
    H5Tset_strpad(memoryType.id(), H5T_STR_NULLPAD);
    QByteArray packed(static_cast<int>(width * static_cast<size_t>(count)), '\0');
    if (H5Aread(attribute.id(), memoryType.id(), packed.data()) < 0)
        throwReadError(m_displayName, where);
    for (hssize_t i = 0; i < count; ++i) {
        const char* start = packed.constData() + static_cast<size_t>(i) * width;
        strings.emplace_back(start, static_cast<int>(qstrnlen(start, static_cast<uint>(width))));
    }
    return strings;
}

QStringList Hdf5File::readTextListAttribute(hid_t object, const QString& name, int64_t maxBytes) const
{
    QStringList list;
    const auto append = [&](const QString& attributeName) {
        for (const QByteArray& text : readTextAttribute(object, attributeName, maxBytes))
            list << QString::fromUtf8(text);
    };
    if (hasAttribute(object, name)) {
        append(name);
        return list;
    }
    for (int chunk = 0; hasAttribute(object, name + QString::number(chunk)); ++chunk)
        append(name + QString::number(chunk));
    return list;
}

QString Hdf5File::readOptionalText(hid_t object, const QString& name, int64_t maxBytes) const
{
    if (!hasAttribute(object, name))
        return {};
    const std::vector<QByteArray> strings = readTextAttribute(object, name, maxBytes);
    return strings.empty() ? QString() : QString::fromUtf8(strings.front());
}

WeightArray Hdf5File::readFloatArray(hid_t group, const QString& path, int64_t& remainingValues,
                                     int64_t totalLimit) const
{
    const QByteArray encodedPath = path.toUtf8();
    const Hdf5Handle dataset(H5Dopen2(group, encodedPath.constData(), H5P_DEFAULT), H5Dclose);
    if (!dataset.valid())
        throw StudioError(QStringLiteral("%1 lists the weight \"%2\" in \"%3\" but has no readable dataset there (%4): "
                                         "the file is damaged, so save the model again.")
                              .arg(m_displayName, path, objectPath(group), hdf5ErrorDetail()));
    const QString where = QStringLiteral("dataset \"%1\"").arg(objectPath(dataset.id()));

    const Hdf5Handle fileType(H5Dget_type(dataset.id()), H5Tclose);
    const Hdf5Handle space(H5Dget_space(dataset.id()), H5Sclose);
    if (!fileType.valid() || !space.valid())
        throwReadError(m_displayName, where);
    const H5T_class_t typeClass = H5Tget_class(fileType.id());
    if (typeClass != H5T_FLOAT && typeClass != H5T_INTEGER)
        throw StudioError(QStringLiteral("%1 stores %2 as %3 rather than numbers: save the weights as float32 or "
                                         "float16.")
                              .arg(m_displayName, where, typeClassName(typeClass)));

    WeightArray array;
    array.name = path;
    int64_t valueCount = 0;
    switch (H5Sget_simple_extent_type(space.id())) {
    case H5S_SCALAR:
        valueCount = 1;  // shape {}
        break;
    case H5S_NULL:
        array.shape = {0};
        break;
    case H5S_SIMPLE: {
        const int rank = H5Sget_simple_extent_ndims(space.id());
        if (rank < 0)
            throwReadError(m_displayName, where);
        std::vector<hsize_t> dims(static_cast<size_t>(rank));
        H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
        constexpr auto kMaxCount = std::numeric_limits<int64_t>::max();
        bool hasZero = false;
        for (const hsize_t d : dims)
            hasZero = hasZero || d == 0;
        valueCount = hasZero ? 0 : 1;
        for (const hsize_t d : dims) {
            if (d > static_cast<hsize_t>(kMaxCount) || (valueCount > 0 && static_cast<int64_t>(d) > kMaxCount / valueCount))
                throw StudioError(QStringLiteral("%1 declares %2 with dimensions %3 that no array can have: the file is "
                                                 "damaged, so save the model again.")
                                      .arg(m_displayName, where, dimsText(dims)));
            if (!hasZero)
                valueCount *= static_cast<int64_t>(d);
            array.shape.push_back(static_cast<int64_t>(d));
        }
        break;
    }
    default:
        throwReadError(m_displayName, where);
    }

    // Checked before allocating: a damaged header must not make the reader reserve gigabytes.
    if (valueCount > remainingValues)
        throw StudioError(QStringLiteral("%1 holds more weight values than the limit of %2 (reached at %3): use a "
                                         "smaller model or raise the limit.")
                              .arg(m_displayName, QString::number(totalLimit), where));
    remainingValues -= valueCount;
    array.values.resize(static_cast<size_t>(valueCount));
    // HDF5 converts float16/float64/integers to float32 on the way in.
    if (valueCount > 0
        && H5Dread(dataset.id(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.values.data()) < 0)
        throwReadError(m_displayName, where);
    return array;
}

} // namespace studio::keras
