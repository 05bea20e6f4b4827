#pragma once

// Enum values and their names in files (config JSON, CLI flags), as a table each enum's
// toString and parse share, so a name is spelled in one place.

#include <QLatin1String>
#include <QString>

#include <array>
#include <cstddef>
#include <utility>

namespace studio {

template <typename Enum, std::size_t N>
using EnumNameTable = std::array<std::pair<Enum, const char*>, N>;

template <typename Enum, std::size_t N>
QString enumName(const EnumNameTable<Enum, N>& table, Enum value)
{
    for (const auto& [candidate, name] : table)
        if (candidate == value)
            return QString::fromLatin1(name);
    return {};
}

// False for an unknown name, leaving `out` alone.
template <typename Enum, std::size_t N>
bool parseEnumName(const EnumNameTable<Enum, N>& table, const QString& name, Enum* out)
{
    for (const auto& [candidate, candidateName] : table) {
        if (name == QLatin1String(candidateName)) {
            *out = candidate;
            return true;
        }
    }
    return false;
}

} // namespace studio
