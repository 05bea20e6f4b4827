#include "teaching/ScoreTerms.h"

#include "teaching/TraceNumbers.h"

#include <cmath>

namespace studio {

ScoreExplanation ScoreTerms::explain(const AttentionTrace& t, int step, int unit)
{
    ScoreExplanation out;
    const int64_t s = step;
    const std::vector<double> h = traceRow(t.hidden, s, t.width);
    const double e = mapsStepToStep(t.attention) || t.attention == AttentionKind::PerFeature
                         ? 0.0
                         : static_cast<double>(t.scores[static_cast<size_t>(s)]);
    switch (t.attention) {
    case AttentionKind::Additive: {
        const std::vector<double> u = traceRow(t.projected, s, t.termWidth);
        std::vector<double> squashed;
        for (double value : u)
            squashed.push_back(std::tanh(value));
        const std::vector<double> v(t.scoreVector.begin(), t.scoreVector.end());
        out.terms.push_back({QStringLiteral("W h<sub>t</sub> + b"), u, [](int j) { return tr("Row %1 of W times hₜ, plus b[%1]").arg(j + 1); }});
        out.terms.push_back({QStringLiteral("tanh(W h<sub>t</sub> + b)"), squashed, [](int j) { return tr("tanh of entry %1 above").arg(j + 1); }});
        out.terms.push_back({QStringLiteral("v"), v, [](int j) { return tr("v[%1]: a learned weight of the attention").arg(j + 1); }});
        out.html = tr("e<sub>t</sub> = v · tanh(W h<sub>t</sub> + b) = %1 = <b>%2</b>").arg(writtenDot(v, squashed), shownNumber(e));
        break;
    }
    case AttentionKind::TanhDense: {
        std::vector<double> squashed;
        for (double value : h)
            squashed.push_back(std::tanh(value));
        const std::vector<double> w(t.scoreVector.begin(), t.scoreVector.end());
        out.terms.push_back({QStringLiteral("tanh(h<sub>t</sub>)"), squashed, [](int j) { return tr("tanh of hₜ[%1]").arg(j + 1); }});
        out.terms.push_back({QStringLiteral("w"), w, [](int j) { return tr("w[%1]: a learned weight of the attention").arg(j + 1); }});
        out.html = tr("e<sub>t</sub> = w · tanh(h<sub>t</sub>) = %1 = <b>%2</b>").arg(writtenDot(w, squashed), shownNumber(e));
        break;
    }
    case AttentionKind::PositionalBias: {
        const std::vector<double> w(t.scoreVector.begin(), t.scoreVector.end());
        out.terms.push_back({QStringLiteral("w"), w, [](int j) { return tr("w[%1]: a learned weight of the attention").arg(j + 1); }});
        const double bias = t.positionBias.at(static_cast<size_t>(s));
        // The bias alone: the weights before the input says anything (the flaw of tutorial 000).
        double sum = 0.0;
        for (float b : t.positionBias)
            sum += std::exp(static_cast<double>(b));
        std::vector<double> alone;
        for (float b : t.positionBias)
            alone.push_back(std::exp(static_cast<double>(b)) / sum);
        out.terms.push_back({QStringLiteral("b<sub>t</sub>"), std::vector<double>(t.positionBias.begin(), t.positionBias.end()),
                             [](int j) { return tr("b[%1]: the learned bias of position %1, the same for every input").arg(j + 1); }});
        out.terms.push_back({QStringLiteral("softmax(b)"), alone, [](int j) {
            return tr("The weight position %1 would get from the bias alone, before the model reads anything").arg(j + 1);
        }});
        out.html = tr("e<sub>t</sub> = w · h<sub>t</sub> + b<sub>t</sub> = %1 + %2 = <b>%3</b><br>"
                      "b<sub>t</sub> belongs to the position, not to the input: with no input at all the bias alone "
                      "would give this step the weight %4 (uniform: %5).")
                      .arg(termNumber(dotOf(w, h)), termNumber(bias), shownNumber(e), shownNumber(std::exp(bias) / sum),
                           shownNumber(1.0 / static_cast<double>(t.steps)));
        break;
    }
    case AttentionKind::Dot: {
        const std::vector<double> q(t.scoreVector.begin(), t.scoreVector.end());
        out.terms.push_back({QStringLiteral("q"), q, [](int j) { return tr("q[%1]: the learned query, one number per unit of hₜ").arg(j + 1); }});
        out.html = tr("e<sub>t</sub> = q · h<sub>t</sub> = %1 = <b>%2</b>").arg(writtenDot(q, h), shownNumber(e));
        break;
    }
    case AttentionKind::PerFeature: {
        const std::vector<double> u = traceRow(t.projected, s, t.termWidth);
        const std::vector<double> scores = traceRow(t.scores, s, t.width);
        out.terms.push_back({QStringLiteral("W h<sub>t</sub> + b"), u, [](int j) { return tr("Row %1 of W times hₜ, plus b[%1]").arg(j + 1); }});
        out.terms.push_back({QStringLiteral("e<sub>t,d</sub>"), scores, [](int j) { return tr("The score of unit %1: tanh of entry %1 above").arg(j + 1); }});
        out.html = tr("Every unit d of h<sub>t</sub> gets its own score, and its own softmax over time: the table "
                      "below shows unit %1.").arg(unit);
        break;
    }
    case AttentionKind::Self: {
        const std::vector<double> q = traceRow(t.projected, s, t.termWidth);
        const std::vector<double> k = traceRow(t.keys, s, t.termWidth);
        out.terms.push_back({QStringLiteral("q<sub>t</sub>"), q, [](int j) { return tr("The query of step t: row %1 of W_q times hₜ, plus b_q").arg(j + 1); }});
        out.terms.push_back({QStringLiteral("k<sub>t</sub>"), k, [](int j) { return tr("The key of step t: row %1 of W_k times hₜ, plus b_k").arg(j + 1); }});
        out.terms.push_back({QStringLiteral("v<sub>t</sub>"), traceRow(t.values, s, t.termWidth),
                             [](int j) { return tr("The value of step t: row %1 of W_v times hₜ, plus b_v").arg(j + 1); }});
        out.html = tr("Step t asks with its query q<sub>t</sub>; every step s answers with its key k<sub>s</sub>: "
                      "e<sub>t,s</sub> = q<sub>t</sub> · k<sub>s</sub> / √%1, one score per step s (the table below). "
                      "Here, with itself: e<sub>t,t</sub> = <b>%2</b>.")
                      .arg(t.termWidth)
                      .arg(shownNumber(t.scores[static_cast<size_t>(s * t.steps + s)]));
        break;
    }
    case AttentionKind::QueryDot: {
        out.terms.push_back({QStringLiteral("q<sub>t</sub>"), traceRow(t.projected, s, t.termWidth),
                             [](int j) { return tr("The query of step t: tanh of row %1 of W times hₜ, plus b[%1]").arg(j + 1); }});
        out.terms.push_back({QStringLiteral("h<sub>t</sub>"), h, [](int j) { return tr("hₜ[%1]: the state itself is the key and the value").arg(j + 1); }});
        out.html = tr("Step t asks with its own query q<sub>t</sub> = tanh(W h<sub>t</sub> + b); every step s answers with "
                      "its state: e<sub>t,s</sub> = q<sub>t</sub> · h<sub>s</sub>, not scaled, one score per step s (the "
                      "table below). Here, with itself: e<sub>t,t</sub> = <b>%1</b>.")
                      .arg(shownNumber(t.scores[static_cast<size_t>(s * t.steps + s)]));
        break;
    }
    case AttentionKind::None:
        break;
    }
    return out;
}

} // namespace studio
