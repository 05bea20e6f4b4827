#include "teaching/TraceNumbers.h"

#include "teaching/SoftmaxTableModel.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace studio {
namespace {

constexpr size_t kWrittenTerms = 4;  // products written out in a dot product before "…"

} // namespace

QString shownNumber(double value)
{
    return SoftmaxTableModel::shown(value);
}

QString termNumber(double value)
{
    return value < 0.0 ? QStringLiteral("(%1)").arg(shownNumber(value)) : shownNumber(value);
}

std::vector<double> traceRow(const std::vector<float>& values, int64_t row, int64_t width)
{
    std::vector<double> out;
    const auto begin = static_cast<size_t>(row * width);
    for (size_t i = begin; i < begin + static_cast<size_t>(width) && i < values.size(); ++i)
        out.push_back(values[i]);
    return out;
}

QString writtenDot(const std::vector<double>& a, const std::vector<double>& b)
{
    QStringList products;
    const size_t count = std::min(a.size(), b.size());
    for (size_t i = 0; i < count && i < kWrittenTerms; ++i)
        products << QStringLiteral("%1·%2").arg(termNumber(a[i]), termNumber(b[i]));
    QString text = products.join(QStringLiteral(" + "));
    if (count > kWrittenTerms)
        text += QCoreApplication::translate("studio::InsideAttentionPanel", " + … (%1 products)").arg(count);
    return text;
}

double dotOf(const std::vector<double>& a, const std::vector<double>& b)
{
    double sum = 0.0;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        sum += a[i] * b[i];
    return sum;
}

} // namespace studio
