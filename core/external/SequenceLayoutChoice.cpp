#include "external/SequenceLayoutChoice.h"

#include <QCoreApplication>
#include <QStringList>

namespace studio {
namespace {

QString pythonBool(bool value) { return value ? QStringLiteral("True") : QStringLiteral("False"); }

QString layoutText(bool timeMajor, bool tokens)
{
    if (timeMajor)
        return tokens ? QCoreApplication::translate("studio", "time-major (T, 1)") : QCoreApplication::translate("studio", "time-major (T, 1, F)");
    return tokens ? QCoreApplication::translate("studio", "batch-first (1, T)") : QCoreApplication::translate("studio", "batch-first (1, T, F)");
}

} // namespace

LayoutEvidence metaEvidence(const ModelMeta& meta)
{
    LayoutEvidence evidence;
    if (meta.batchFirstGiven) {
        evidence.batchFirst = meta.batchFirst;
        evidence.because = QCoreApplication::translate("studio", "the file's meta.json says batch_first=%1")
                               .arg(meta.batchFirst ? QStringLiteral("true") : QStringLiteral("false"));
    }
    return evidence;
}

LayoutEvidence graphEvidence(const std::vector<RecurrentCall>& calls)
{
    LayoutEvidence evidence;
    if (calls.empty()) {
        evidence.noRecurrentCall = true;
        return evidence;
    }
    QStringList ops;
    QStringList each;
    std::optional<bool> first;
    bool agree = true;
    for (const RecurrentCall& call : calls) {
        if (!call.batchFirst) {
            evidence.because = call.op.endsWith(QLatin1String(" (packed)"))
                ? QCoreApplication::translate("studio", "the model's %1 call reads a packed sequence whose packing is not in its graph")
                      .arg(call.op.section(QLatin1Char(' '), 0, 0))
                : QCoreApplication::translate("studio", "the batch_first argument of the model's %1 call is not a constant").arg(call.op);
            return evidence;
        }
        if (!ops.contains(call.op))
            ops << call.op;
        each << QStringLiteral("%1: %2").arg(call.op, pythonBool(*call.batchFirst));
        if (first && *first != *call.batchFirst)
            agree = false;
        if (!first)
            first = call.batchFirst;
    }
    if (!agree) {
        evidence.because = QCoreApplication::translate("studio", "the model's recurrent calls disagree on batch_first (%1)")
                               .arg(each.join(QStringLiteral(", ")));
        return evidence;
    }
    evidence.batchFirst = first;
    if (calls.size() == 1)
        evidence.because = QCoreApplication::translate("studio", "the model's %1 call has batch_first=%2").arg(calls.front().op, pythonBool(*first));
    else if (ops.size() == 1)
        evidence.because = QCoreApplication::translate("studio", "the model's %1 %2 calls all have batch_first=%3")
                               .arg(static_cast<int>(calls.size())).arg(ops.front(), pythonBool(*first));
    else
        evidence.because = QCoreApplication::translate("studio", "the model's %1 recurrent calls (%2) all have batch_first=%3")
                               .arg(static_cast<int>(calls.size())).arg(ops.join(QStringLiteral(", ")), pythonBool(*first));
    return evidence;
}



LayoutChoice chooseLayout(SequenceLayout asked, const LayoutEvidence& meta, const LayoutEvidence& graph, bool hasMeta,
                          bool tokens)
{
    const LayoutEvidence& known = meta.batchFirst ? meta : graph;
    LayoutChoice choice;
    if (asked != SequenceLayout::Auto) {
        const bool timeMajor = asked == SequenceLayout::TimeMajor;
        choice.layout = asked;
        choice.reason = QCoreApplication::translate("studio", "Fed %1, as asked").arg(layoutText(timeMajor, tokens));
        if (known.batchFirst && *known.batchFirst == timeMajor)
            choice.reason += QCoreApplication::translate("studio", ", although %1").arg(known.because);
        choice.reason += QLatin1Char('.');
        return choice;
    }
    if (known.batchFirst) {
        const bool timeMajor = !*known.batchFirst;
        choice.layout = timeMajor ? SequenceLayout::TimeMajor : SequenceLayout::BatchFirst;
        choice.reason = QCoreApplication::translate("studio", "Fed %1: %2").arg(layoutText(timeMajor, tokens), known.because);
        // meta.json wins, but a graph that says otherwise is worth a word.
        if (&known == &meta && graph.batchFirst && *graph.batchFirst != *meta.batchFirst)
            choice.reason += QCoreApplication::translate("studio", ", although %1").arg(graph.because);
        choice.reason += QLatin1Char('.');
        return choice;
    }
    choice.layout = SequenceLayout::BatchFirst;
    if (graph.noRecurrentCall)
        choice.reason = QCoreApplication::translate("studio", "Fed %1 by assumption: the model has no LSTM, GRU or RNN call whose batch_first "
                                       "would tell its layout, and %2.")
                            .arg(layoutText(false, tokens),
                                 hasMeta ? QCoreApplication::translate("studio", "its meta.json does not state batch_first")
                                         : QCoreApplication::translate("studio", "it has no meta.json that states it"));
    else
        choice.reason = QCoreApplication::translate("studio", "Fed %1 by assumption: the layout could not be told, as %2.")
                            .arg(layoutText(false, tokens), graph.because);
    return choice;
}

} // namespace studio
