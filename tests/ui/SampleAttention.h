#pragma once

// Sample inputs for looking at the views: real text and series from resources/data, with
// illustrative attention weights made up by a fixed rule (no model is run in ui tests).

#include "views/SeriesAttentionView.h"
#include "common/ValueTypes.h"
#include "data/CsvReader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace studio::samples {

// Words a sentiment model typically attends to; they get high scores below.
inline bool isOpinionWord(const QString& token)
{
    static const QStringList words = {
        QStringLiteral("good"), QStringLiteral("great"), QStringLiteral("bad"), QStringLiteral("poor"),
        QStringLiteral("slow"), QStringLiteral("boring"), QStringLiteral("best"), QStringLiteral("worst"),
        QStringLiteral("excellent"), QStringLiteral("awful"), QStringLiteral("not"), QStringLiteral("love"),
        QStringLiteral("loved"), QStringLiteral("waste"), QStringLiteral("terrible"), QStringLiteral("wonderful"),
        QStringLiteral("好看"), QStringLiteral("太"), QStringLiteral("慢"), QStringLiteral("精彩")};
    return words.contains(token.toLower());
}

inline std::vector<float> softmax(const std::vector<double>& scores)
{
    double total = 0.0;
    std::vector<float> weights;
    for (double s : scores)
        total += std::exp(s);
    for (double s : scores)
        weights.push_back(static_cast<float>(std::exp(s) / total));
    return weights;
}

// Opinion words high, a gentle rise towards the end (as a recurrent encoder often shows).
inline AttentionMap illustrativeAttention(const QStringList& tokens)
{
    std::vector<double> scores;
    for (int i = 0; i < tokens.size(); ++i)
        scores.push_back((isOpinionWord(tokens.at(i)) ? 3.0 : 0.0) + 0.5 * i / std::max(double(tokens.size()), 1.0)
                         + 0.3 * std::sin(i * 1.7));
    return AttentionMap{{static_cast<int64_t>(tokens.size())}, softmax(scores), tokens};
}

inline QStringList mixedSentence()
{
    return {QStringLiteral("这部"), QStringLiteral("电影"), QStringLiteral("真的"), QStringLiteral("很"),
            QStringLiteral("好看"), QStringLiteral("，"), QStringLiteral("but"), QStringLiteral("the"),
            QStringLiteral("ending"), QStringLiteral("was"), QStringLiteral("太"), QStringLiteral("慢"),
            QStringLiteral("and"), QStringLiteral("not"), QStringLiteral("good"), QStringLiteral(".")};
}

inline QStringList englishSentence()
{
    return {QStringLiteral("the"), QStringLiteral("movie"), QStringLiteral("was"), QStringLiteral("not"),
            QStringLiteral("good"), QStringLiteral("but"), QStringLiteral("the"), QStringLiteral("acting"),
            QStringLiteral("was"), QStringLiteral("really"), QStringLiteral("great"), QStringLiteral(".")};
}

// The first `count` tokens of the IMDb review sentences, split into words and punctuation.
inline QStringList reviewTokens(const QString& resources, int count)
{
    QFile file(resources + QStringLiteral("/data/sentiment/imdb.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QRegularExpression token(QStringLiteral("[\\w']+|[^\\w\\s]"));
    QStringList tokens;
    for (const QJsonValue& record : QJsonDocument::fromJson(file.readAll()).array()) {
        auto it = token.globalMatch(record.toObject().value(QStringLiteral("text")).toString());
        while (it.hasNext() && tokens.size() < count)
            tokens << it.next().captured().toLower();
    }
    return tokens;
}

// Self-attention over a sentence: each token looks at its neighbours and at the opinion words.
inline AttentionMap illustrativeSelfAttention(const QStringList& tokens, double opinionBonus)
{
    AttentionMap map;
    const auto n = static_cast<int64_t>(tokens.size());
    map.shape = {n, n};
    map.tokens = tokens;
    for (int64_t i = 0; i < n; ++i) {
        std::vector<double> scores;
        for (int64_t j = 0; j < n; ++j)
            scores.push_back(-0.6 * std::abs(double(i - j)) + (isOpinionWord(tokens.at(j)) ? opinionBonus : 0.0));
        const std::vector<float> row = softmax(scores);
        map.values.insert(map.values.end(), row.begin(), row.end());
    }
    return map;
}

// Three columns of the quarterly US macro data (1959–2009): real GDP, unemployment, inflation.
inline SeriesData macroSeries(const QString& resources)
{
    SeriesData series;
    CsvReader reader(resources + QStringLiteral("/data/series/macrodata.csv"), CsvOptions{});
    const QStringList wanted = {QStringLiteral("realgdp"), QStringLiteral("unemp"), QStringLiteral("infl")};
    series.names = {QStringLiteral("real GDP"), QStringLiteral("unemployment %"), QStringLiteral("inflation %")};
    series.features.resize(wanted.size());
    QStringList fields;
    while (reader.next(&fields)) {
        for (int f = 0; f < wanted.size(); ++f)
            series.features[f].push_back(fields.at(reader.columnIndex(wanted.at(f))).toDouble());
    }
    return series;
}

// Attention over the last `window` steps of a series, peaking where the first feature moves most.
inline AttentionMap illustrativeSeriesAttention(const SeriesData& series, int window)
{
    const std::vector<double>& level = series.features.at(0);
    const int first = static_cast<int>(level.size()) - window;
    std::vector<double> scores;
    for (int t = first; t < static_cast<int>(level.size()); ++t) {
        const double change = t > 0 ? std::abs(level[t] - level[t - 1]) / std::max(std::abs(level[t - 1]), 1.0) : 0.0;
        scores.push_back(change * 150.0 + 1.5 * (t - first) / window);
    }
    return AttentionMap{{window}, softmax(scores), {}};
}

} // namespace studio::samples
