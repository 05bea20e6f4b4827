#pragma once

// A read-only HDF5 file seen through the HDF5 C API, reduced to what the Keras reader needs:
// groups, string attributes and number arrays. Every failure is a StudioError naming the file.
//
// The HDF5 C library keeps global state and is not thread-safe, so an open Hdf5File holds the
// one process-wide HDF5 lock for its whole life: create, use and drop it on one thread, and keep
// every Hdf5Handle it hands out inside that life (declare handles after the file).

#include "external/keras/KerasArchive.h"

#include <QByteArray>
#include <QString>

#include <hdf5.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace studio::keras {

// An owned HDF5 identifier, closed with the function that matches its kind (H5Gclose, H5Aclose, ...).
class Hdf5Handle {
public:
    using Closer = herr_t (*)(hid_t);

    Hdf5Handle() = default;
    Hdf5Handle(hid_t id, Closer close) : m_id(id), m_close(close) {}
    ~Hdf5Handle() { reset(); }
    Hdf5Handle(Hdf5Handle&& other) noexcept : m_id(other.m_id), m_close(other.m_close) { other.m_id = H5I_INVALID_HID; }
    Hdf5Handle& operator=(Hdf5Handle&& other) noexcept;
    Hdf5Handle(const Hdf5Handle&) = delete;
    Hdf5Handle& operator=(const Hdf5Handle&) = delete;

    hid_t id() const { return m_id; }
    bool valid() const { return m_id >= 0; }

private:
    void reset();

    hid_t m_id = H5I_INVALID_HID;
    Closer m_close = nullptr;
};

class Hdf5File {
public:
    // `displayName` is how errors name the file, e.g. the path, or "model.weights.h5 inside m.keras".
    static Hdf5File openPath(const QString& path, const QString& displayName);
    // Opens an in-memory file image (HDF5 keeps its own copy; pass the bytes with std::move).
    static Hdf5File openImage(QByteArray image, const QString& displayName);

    Hdf5File(Hdf5File&&) = default;
    ~Hdf5File() = default;

    hid_t root() const { return m_file.id(); }
    const QString& displayName() const { return m_displayName; }

    // The group at `path` relative to `parent` (a hard link only), or nothing when there is none.
    std::optional<Hdf5Handle> openGroup(hid_t parent, const QString& path) const;
    // The names of the links directly inside `group`, in HDF5's name order.
    QStringList childNames(hid_t group) const;
    enum class ChildKind { Group, Dataset, Other };
    ChildKind childKind(hid_t group, const QString& name) const;

    bool hasAttribute(hid_t object, const QString& name) const;
    // A text attribute (variable-length or fixed-length, scalar or array) as raw UTF-8 strings; an
    // empty array of any type (Keras writes float64 [] for layers without weights) is no strings.
    // More than `maxBytes` of text is an error.
    std::vector<QByteArray> readTextAttribute(hid_t object, const QString& name, int64_t maxBytes) const;
    // Keras splits long lists into `name0`, `name1`, ... when `name` itself is absent.
    QStringList readTextListAttribute(hid_t object, const QString& name, int64_t maxBytes) const;
    // The first string of a text attribute, or empty when the attribute is absent.
    QString readOptionalText(hid_t object, const QString& name, int64_t maxBytes) const;

    // The number dataset at `path` relative to `group` converted to float32. Refuses arrays whose
    // element count would push `remainingValues` below zero, and subtracts what it read.
    WeightArray readFloatArray(hid_t group, const QString& path, int64_t& remainingValues,
                               int64_t totalLimit) const;

    // The path of an open object inside the file ("/model_weights/lstm_1"), for messages.
    QString objectPath(hid_t object) const;

private:
    Hdf5File(std::unique_lock<std::mutex> lock, Hdf5Handle file, const QString& displayName);

    // Declared first so it is released last, after the file and its objects are closed.
    std::unique_lock<std::mutex> m_libraryLock;
    Hdf5Handle m_file;
    QString m_displayName;
};

} // namespace studio::keras
