#include "explain/ExplanationReport.h"

#include "analysis/ExplanationAgreement.h"

#include <cmath>

namespace studio {
namespace {

QString number(double value, int decimals = 3)
{
    return std::isfinite(value) ? QString::number(value, 'f', decimals) : QStringLiteral("–");
}

QString signedNumber(double value)
{
    return std::isfinite(value) ? (value >= 0.0 ? QStringLiteral("+") : QString()) + QString::number(value, 'f', 3)
                                : QStringLiteral("–");
}

QString how(const QString& sentence)
{
    return QStringLiteral("<p style=\"color:#555\"><i>%1</i></p>").arg(sentence.toHtmlEscaped());
}

QString heading(const QString& text)
{
    return QStringLiteral("<h4 style=\"margin-bottom:2px\">%1</h4>").arg(text.toHtmlEscaped());
}

QString row(const QStringList& cells, bool header = false)
{
    QString html = QStringLiteral("<tr>");
    for (const QString& cell : cells)
        html += header ? QStringLiteral("<th align=\"left\">%1&nbsp;&nbsp;</th>").arg(cell.toHtmlEscaped())
                       : QStringLiteral("<td>%1&nbsp;&nbsp;</td>").arg(cell.toHtmlEscaped());
    return html + QStringLiteral("</tr>");
}

QString agreementPart(const Explanation& explanation, int topK)
{
    QString html = heading(ExplanationReport::tr("Agreement with the attention"));
    const std::vector<MethodAgreement> agreement = agreementWithAttention(explanation, topK);
    if (!explanation.scores(AttributionMethod::Attention)) {
        return html + QStringLiteral("<p>%1</p>").arg(
                          ExplanationReport::tr("No attention row to compare with.").toHtmlEscaped());
    }
    if (agreement.empty())
        return html + QStringLiteral("<p>%1</p>").arg(ExplanationReport::tr("Computing…").toHtmlEscaped());
    html += QStringLiteral("<table>") +
            row({ExplanationReport::tr("method"), ExplanationReport::tr("Kendall τ"), ExplanationReport::tr("top-%1 overlap").arg(topK)},
                true);
    for (const MethodAgreement& entry : agreement)
        html += row({ExplanationReport::methodName(entry.method), number(entry.kendallTau), number(entry.topKOverlap, 2)});
    html += QStringLiteral("</table>");
    return html + how(ExplanationReport::tr("τ near 1: the method orders the steps as the attention does; near 0: no relation; "
                                            "below 0: the opposite order. The overlap is the share of the %1 most attended "
                                            "steps that are also among the method's %1 strongest.")
                          .arg(topK));
}

QString faithfulnessPart(const Explanation& explanation)
{
    QString html = heading(ExplanationReport::tr("Faithfulness (ERASER)"));
    if (!explanation.complete)
        return html + QStringLiteral("<p>%1</p>").arg(ExplanationReport::tr("Computing…").toHtmlEscaped());
    if (explanation.faithfulness.empty())
        return html + QStringLiteral("<p>%1</p>").arg(ExplanationReport::tr("Not measured.").toHtmlEscaped());
    const int k = static_cast<int>(explanation.faithfulness.front().comprehensiveness.size());
    html += QStringLiteral("<table>") +
            row({ExplanationReport::tr("top steps by"), ExplanationReport::tr("comprehensiveness"),
                 ExplanationReport::tr("sufficiency")},
                true);
    for (const FaithfulnessCurve& curve : explanation.faithfulness) {
        QString comprehensive = number(curve.aopcComprehensiveness);
        QString sufficient = number(curve.aopcSufficiency);
        if (curve.draws > 0 && !curve.comprehensivenessSpread.empty()) {
            double spreadC = 0.0;
            double spreadS = 0.0;
            for (size_t i = 0; i < curve.comprehensivenessSpread.size(); ++i) {
                spreadC += curve.comprehensivenessSpread[i];
                spreadS += curve.sufficiencySpread[i];
            }
            const auto n = static_cast<double>(curve.comprehensivenessSpread.size());
            comprehensive += QStringLiteral(" ± ") + number(spreadC / n);
            sufficient += QStringLiteral(" ± ") + number(spreadS / n);
        }
        html += row({ExplanationReport::rankingName(curve.ranking), comprehensive, sufficient});
    }
    html += QStringLiteral("</table>");
    return html + how(ExplanationReport::tr("Averaged over k = 1…%1 (AOPC). Comprehensiveness: how far the score falls when "
                                            "a ranking's top k steps are removed — higher means it found steps the model "
                                            "uses. Sufficiency: how far it falls when only those steps are kept — lower "
                                            "means they suffice. Read both against random steps (mean ± spread).")
                          .arg(k));
}

// Attention frozen to another input's (ExplainOptions::frozenFrom): its row of the table, or the
// reason it is not there; nothing when it was not asked for.
QString frozenRow(const Explanation& explanation)
{
    const FrozenAttention& frozen = explanation.interventions.frozen;
    if (!frozen.requested || !frozen.available)
        return {};
    return row({ExplanationReport::tr("another input's"), number(frozen.score), signedNumber(frozen.score - explanation.score)});
}

QString frozenNotes(const Explanation& explanation)
{
    const FrozenAttention& frozen = explanation.interventions.frozen;
    if (!frozen.requested)
        return {};
    if (!frozen.available) {
        // Where no intervention is possible the reason was given once already.
        if (!explanation.interventions.available && frozen.reason == explanation.interventions.reason)
            return {};
        return QStringLiteral("<p>%1</p>").arg(
            ExplanationReport::tr("Attention from another input: not possible here: %1.").arg(frozen.reason).toHtmlEscaped());
    }
    constexpr int kLongestInput = 120;  // characters of the other input shown; the rest elided
    QString from = frozen.from.join(QLatin1Char(' '));
    if (from.size() > kLongestInput)
        from = from.left(kLongestInput - 1) + QChar(0x2026);
    return QStringLiteral("<p>%1</p>").arg(ExplanationReport::tr("The other input's steps: %1").arg(from).toHtmlEscaped())
           + how(ExplanationReport::tr("Another input's: this input's hidden states weighed by the other input's attention, "
                                       "step by step. A small change means that, for this input, the other input's weights do "
                                       "as well as its own; a large one, that its own weights carry part of its prediction."));
}

QString interventionsPart(const Explanation& explanation)
{
    QString html = heading(ExplanationReport::tr("Interventions on the attention"));
    if (!explanation.complete)
        return html + QStringLiteral("<p>%1</p>").arg(ExplanationReport::tr("Computing…").toHtmlEscaped());
    const AttentionInterventions& done = explanation.interventions;
    if (!done.available) {
        return html
               + QStringLiteral("<p>%1</p>").arg(ExplanationReport::tr("Not possible for this model: %1.").arg(done.reason).toHtmlEscaped())
               + frozenNotes(explanation);
    }
    const double score = explanation.score;
    html += QStringLiteral("<table>") +
            row({ExplanationReport::tr("attention"), ExplanationReport::tr("score"), ExplanationReport::tr("change")}, true);
    html += row({ExplanationReport::tr("as computed"), number(score), QString()});
    html += row({ExplanationReport::tr("uniform"), number(done.uniform), signedNumber(done.uniform - score)});
    html += row({ExplanationReport::tr("permuted (%1 draws)").arg(done.permutations),
                 number(done.permuted) + QStringLiteral(" ± ") + number(done.permutedSpread),
                 signedNumber(done.permuted - score)});
    html += row({ExplanationReport::tr("top step zeroed"), number(done.topZeroed), signedNumber(done.topZeroed - score)});
    html += frozenRow(explanation);
    html += QStringLiteral("</table>");
    return html + how(ExplanationReport::tr("The hidden states stay as they are; only the weights change. If uniform or "
                                            "shuffled weights barely move the score, the prediction does not depend on "
                                            "where the attention points (Jain & Wallace 2019; Wiegreffe & Pinter 2019)."))
           + frozenNotes(explanation);
}

QString completenessPart(const Explanation& explanation)
{
    if (!explanation.integratedGradients)
        return {};
    const IntegratedGradientsCompleteness& check = *explanation.integratedGradients;
    QString html = heading(ExplanationReport::tr("Integrated gradients' completeness"));
    html += QStringLiteral("<p>%1</p>").arg(ExplanationReport::tr("sum %1, expected %2, error %3")
                                                .arg(number(check.sum), number(check.expected), number(check.error, 4))
                                                .toHtmlEscaped());
    return html + how(ExplanationReport::tr("The attributions should add up to score(input) − score(baseline); a large error "
                                            "means the path needs more steps."));
}

} // namespace

QString ExplanationReport::methodName(AttributionMethod method)
{
    switch (method) {
    case AttributionMethod::Attention: return tr("Attention α");
    case AttributionMethod::AttentionNorm: return tr("α·‖h‖");
    case AttributionMethod::Gradient: return tr("Gradient ‖∂s/∂e‖");
    case AttributionMethod::GradientTimesInput: return tr("Gradient × input");
    case AttributionMethod::Occlusion: return tr("Occlusion");
    case AttributionMethod::IntegratedGradients: return tr("Integrated gradients");
    }
    return {};
}

QString ExplanationReport::featureMethodName(AttributionMethod method)
{
    switch (method) {
    case AttributionMethod::Gradient: return tr("Gradient ∂s/∂x per feature");
    case AttributionMethod::GradientTimesInput: return tr("Gradient × input per feature");
    case AttributionMethod::Occlusion: return tr("Occlusion per feature");
    case AttributionMethod::IntegratedGradients: return tr("Integrated gradients per feature");
    case AttributionMethod::Attention:
    case AttributionMethod::AttentionNorm: break;  // one value per step: never per feature
    }
    return methodName(method);
}

QString ExplanationReport::rankingName(const QString& ranking)
{
    AttributionMethod method;
    if (parseAttributionMethod(ranking, &method))
        return methodName(method);
    return ranking == QStringLiteral("random") ? tr("random steps") : ranking;
}

QString ExplanationReport::scoreLine(const Explanation& explanation)
{
    if (explanation.predictedClass >= 0)
        return tr("Explained: the raw output of the predicted class %1, %2.")
            .arg(explanation.predictedClass)
            .arg(number(explanation.score));
    return tr("Explained: the model's output, %1.").arg(number(explanation.score));
}

QString ExplanationReport::html(const Explanation& explanation, int topK)
{
    QString html = agreementPart(explanation, topK);
    html += faithfulnessPart(explanation);
    html += interventionsPart(explanation);
    html += completenessPart(explanation);
    if (!explanation.notes.isEmpty()) {
        html += heading(tr("Notes"));
        for (const QString& note : explanation.notes)
            html += QStringLiteral("<p>%1</p>").arg(note.toHtmlEscaped());
    }
    return html;
}

} // namespace studio
