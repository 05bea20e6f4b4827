#pragma once

#include <QString>
#include <stdexcept>

namespace studio {

// The one exception type core throws for problems a person can fix (bad file, bad flag, bad
// configuration). `what()` is a complete sentence meant to be shown as it is.
class StudioError : public std::runtime_error {
public:
    explicit StudioError(const QString& message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromStdString(what()); }
};

} // namespace studio
