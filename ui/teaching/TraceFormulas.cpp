#include "teaching/TraceFormulas.h"

#include <QStringList>

namespace studio {
namespace {

const QString kHighlight = QStringLiteral("<span style='background-color:#ffe680'>%1</span>");

QString sub(const QString& base, const QString& index) { return QStringLiteral("%1<sub>%2</sub>").arg(base, index); }

QString scoreFormula(AttentionKind kind)
{
    const QString h = sub(QStringLiteral("h"), QStringLiteral("t"));
    switch (kind) {
    case AttentionKind::Additive:
        return QStringLiteral("%1 = v<sup>⊤</sup> tanh(W %2 + b)").arg(sub(QStringLiteral("e"), QStringLiteral("t")), h);
    case AttentionKind::TanhDense:
        return QStringLiteral("%1 = w<sup>⊤</sup> tanh(%2)").arg(sub(QStringLiteral("e"), QStringLiteral("t")), h);
    case AttentionKind::PositionalBias:
        return QStringLiteral("%1 = w<sup>⊤</sup> %2 + %3")
            .arg(sub(QStringLiteral("e"), QStringLiteral("t")), h, sub(QStringLiteral("b"), QStringLiteral("t")));
    case AttentionKind::Dot:
        return QStringLiteral("%1 = q<sup>⊤</sup> %2").arg(sub(QStringLiteral("e"), QStringLiteral("t")), h);
    case AttentionKind::PerFeature:
        return QStringLiteral("%1 = tanh(W %2 + b)<sub>d</sub>").arg(sub(QStringLiteral("e"), QStringLiteral("t,d")), h);
    case AttentionKind::Self:
        return QStringLiteral("%1 = %2 · %3 / √d<sub>k</sub>, &nbsp; %4 = W<sub>q</sub> %5 + b<sub>q</sub>, &nbsp; "
                              "%6 = W<sub>k</sub> %7 + b<sub>k</sub>")
            .arg(sub(QStringLiteral("e"), QStringLiteral("t,s")), sub(QStringLiteral("q"), QStringLiteral("t")),
                 sub(QStringLiteral("k"), QStringLiteral("s")), sub(QStringLiteral("q"), QStringLiteral("t")), h,
                 sub(QStringLiteral("k"), QStringLiteral("s")), sub(QStringLiteral("h"), QStringLiteral("s")));
    case AttentionKind::QueryDot:
        return QStringLiteral("%1 = %2 · %3, &nbsp; %4 = tanh(W %5 + b)")
            .arg(sub(QStringLiteral("e"), QStringLiteral("t,s")), sub(QStringLiteral("q"), QStringLiteral("t")),
                 sub(QStringLiteral("h"), QStringLiteral("s")), sub(QStringLiteral("q"), QStringLiteral("t")), h);
    case AttentionKind::None:
        break;
    }
    return {};
}

QString softmaxFormula(AttentionKind kind)
{
    switch (kind) {
    case AttentionKind::PerFeature:
        return QStringLiteral("α<sub>t,d</sub> = exp(e<sub>t,d</sub>) / Σ<sub>s</sub> exp(e<sub>s,d</sub>)");
    case AttentionKind::Self:
    case AttentionKind::QueryDot:
        return QStringLiteral("α<sub>t,s</sub> = exp(e<sub>t,s</sub>) / Σ<sub>r</sub> exp(e<sub>t,r</sub>)");
    default:
        return QStringLiteral("α<sub>t</sub> = exp(e<sub>t</sub>) / Σ<sub>s</sub> exp(e<sub>s</sub>)");
    }
}

// The context line; `weighted` marks the summed term (α·h), highlighted on its own.
QString contextFormula(AttentionKind kind, const QString& weightedStyle)
{
    switch (kind) {
    case AttentionKind::PerFeature:
        return QStringLiteral("c<sub>d</sub> = Σ<sub>t</sub> ") + weightedStyle.arg(QStringLiteral("α<sub>t,d</sub> h<sub>t,d</sub>"));
    case AttentionKind::Self:
        return QStringLiteral("c = mean<sub>t</sub> Σ<sub>s</sub> ")
               + weightedStyle.arg(QStringLiteral("α<sub>t,s</sub> v<sub>s</sub>")) + QStringLiteral(", &nbsp; v<sub>s</sub> = W<sub>v</sub> h<sub>s</sub> + b<sub>v</sub>");
    case AttentionKind::QueryDot:
        return QStringLiteral("c = [ h<sub>last</sub> ; Σ<sub>t</sub> Σ<sub>s</sub> ")
               + weightedStyle.arg(QStringLiteral("α<sub>t,s</sub> h<sub>s</sub>")) + QStringLiteral(" ]");
    case AttentionKind::TanhDense:
        return QStringLiteral("c = tanh(Σ<sub>t</sub> ") + weightedStyle.arg(QStringLiteral("α<sub>t</sub> h<sub>t</sub>")) + QStringLiteral(")");
    default:
        return QStringLiteral("c = Σ<sub>t</sub> ") + weightedStyle.arg(QStringLiteral("α<sub>t</sub> h<sub>t</sub>"));
    }
}

QString headFormula(HeadKind head)
{
    switch (head) {
    case HeadKind::Binary:
        return QStringLiteral("z = W<sub>o</sub> c + b<sub>o</sub>, &nbsp; p = σ(z) = 1 / (1 + exp(−z))");
    case HeadKind::MultiClass:
        return QStringLiteral("z = W<sub>o</sub> c + b<sub>o</sub>, &nbsp; p<sub>k</sub> = exp(z<sub>k</sub>) / Σ<sub>j</sub> exp(z<sub>j</sub>)");
    case HeadKind::Regression:
        return QStringLiteral("ŷ = W<sub>o</sub> c + b<sub>o</sub>");
    }
    return {};
}

} // namespace

QString traceFormulaHtml(const AttentionTrace& trace, TraceStage highlighted)
{
    const auto styled = [highlighted](TraceStage stage, const QString& text) {
        return stage == highlighted ? kHighlight.arg(text) : text;
    };
    const QString cell = trace.cell == RecurrentCell::Lstm ? QStringLiteral("LSTM") : QStringLiteral("GRU");
    const QString hidden = trace.bidirectional
        ? QStringLiteral("h<sub>t</sub> = [ →%1(x<sub>1</sub> … x<sub>t</sub>) ; ←%1(x<sub>t</sub> … x<sub>T</sub>) ]").arg(cell)
        : QStringLiteral("h<sub>t</sub> = %1(x<sub>1</sub> … x<sub>t</sub>)").arg(cell);
    const QString gates = trace.cell == RecurrentCell::Lstm
        ? QStringLiteral("c<sub>t</sub> = f<sub>t</sub> ⊙ c<sub>t−1</sub> + i<sub>t</sub> ⊙ g<sub>t</sub>, &nbsp; "
                         "h<sub>t</sub> = o<sub>t</sub> ⊙ tanh(c<sub>t</sub>)")
        : QStringLiteral("h<sub>t</sub> = (1 − z<sub>t</sub>) ⊙ n<sub>t</sub> + z<sub>t</sub> ⊙ h<sub>t−1</sub>");
    QStringList lines;
    lines << styled(TraceStage::Gates, gates);
    lines << styled(TraceStage::Hidden, hidden);
    if (trace.attention != AttentionKind::None) {
        lines << styled(TraceStage::Score, scoreFormula(trace.attention));
        lines << styled(TraceStage::Softmax, softmaxFormula(trace.attention));
        const QString weighted = highlighted == TraceStage::Weighted ? kHighlight : QStringLiteral("%1");
        lines << styled(TraceStage::Context, contextFormula(trace.attention, weighted));
    }
    lines << styled(TraceStage::Head, headFormula(trace.head));
    return lines.join(QStringLiteral("<br>"));
}

} // namespace studio
