#include "teaching/HeadTerms.h"

#include "teaching/TraceNumbers.h"

#include <algorithm>
#include <cmath>

namespace studio {

HeadExplanation HeadTerms::explain(const AttentionTrace& t)
{
    HeadExplanation out;
    const int64_t outputs = t.outputs();
    const int64_t width = t.contextWidth();
    const std::vector<double> c(t.context.begin(), t.context.end());
    out.headers = {tr("Output"), QStringLiteral("z = W_o c + b_o"), t.head == HeadKind::Regression ? tr("Value") : tr("Probability")};
    double largest = -INFINITY;
    for (float z : t.logits)
        largest = std::max(largest, static_cast<double>(z));
    double total = 0.0;
    for (float z : t.logits)
        total += std::exp(static_cast<double>(z) - largest);
    for (int64_t k = 0; k < outputs; ++k) {
        HeadRow row;
        row.z = t.logits[static_cast<size_t>(k)];
        const double bias = t.headBias.empty() ? 0.0 : t.headBias[static_cast<size_t>(k)];
        row.name = QString::number(k);
        if (t.head == HeadKind::Binary)
            row.name = t.labels.size() == 2 ? t.labels.at(1) : QStringLiteral("1");
        else if (k < t.labels.size())
            row.name = t.labels.at(static_cast<int>(k));
        row.zWords = tr("%1 + %2 = %3").arg(writtenDot(traceRow(t.headWeights, k, width), c), termNumber(bias), QString::number(row.z, 'g', 7));
        row.value = row.z;
        row.valueWords = tr("The model's output, as it is");
        if (t.head == HeadKind::Binary) {
            row.value = 1.0 / (1.0 + std::exp(-row.z));
            row.valueWords = tr("σ(%1) = 1 / (1 + exp(−%1))").arg(shownNumber(row.z));
        } else if (t.head == HeadKind::MultiClass) {
            row.value = std::exp(row.z - largest) / total;
            row.valueWords = tr("exp(z) / Σ exp over the %1 outputs").arg(outputs);
        }
        out.rows.push_back(row);
    }
    if (t.head == HeadKind::Binary && outputs == 1) {
        const double p = out.rows.front().value;
        const QString positive = t.labels.size() == 2 ? t.labels.at(1) : QStringLiteral("1");
        const QString negative = t.labels.size() == 2 ? t.labels.at(0) : QStringLiteral("0");
        out.prediction = p >= 0.5 ? tr("Prediction: <b>%1</b> (p = %2 ≥ 0.5)").arg(positive.toHtmlEscaped(), shownNumber(p))
                                  : tr("Prediction: <b>%1</b> (p = %2 < 0.5, so 1 − p = %3 for %1)")
                                        .arg(negative.toHtmlEscaped(), shownNumber(p), shownNumber(1.0 - p));
    } else if (t.head == HeadKind::MultiClass) {
        const auto best = std::max_element(t.logits.begin(), t.logits.end()) - t.logits.begin();
        const QString name = best < t.labels.size() ? t.labels.at(static_cast<int>(best)) : QString::number(best);
        out.prediction = tr("Prediction: <b>%1</b>, the output with the largest z").arg(name.toHtmlEscaped());
    } else {
        out.prediction = tr("The prediction is z itself (before the target's normalisation is undone).");
    }
    return out;
}

} // namespace studio
