#include "FitProgress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace studio::cli {
namespace {

constexpr int kBarWidth = 30;     // as Keras draws it
constexpr qint64 kRedrawMs = 100; // at most ten redraws a second

QString duration(double seconds)
{
    const auto whole = static_cast<qint64>(std::llround(seconds));
    if (whole >= 3600)
        return QStringLiteral("%1:%2:%3").arg(whole / 3600).arg(whole / 60 % 60, 2, 10, QLatin1Char('0')).arg(whole % 60, 2, 10, QLatin1Char('0'));
    if (whole >= 60)
        return QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1s").arg(whole);
}

} // namespace

QString formatMetric(double value)
{
    return std::isnan(value) ? QStringLiteral("-") : QString::number(value, 'f', 4);
}

FitProgress::FitProgress(QString metric, bool terminal, FILE* out)
    : m_metric(std::move(metric))
    , m_terminal(terminal)
    , m_out(out)
{
    m_epochClock.start();
}

bool FitProgress::isTerminal(FILE* stream)
{
    return ::isatty(::fileno(stream)) == 1;
}

QString FitProgress::barLine(int64_t done, int64_t total, double secondsLeft, double secondsTaken, double loss,
                             const QString& metric, double metricValue)
{
    const int digits = static_cast<int>(QString::number(total).size());
    const int filled = total > 0 ? static_cast<int>(kBarWidth * std::min(done, total) / total) : 0;
    QString bar(kBarWidth, QLatin1Char('.'));
    for (int i = 0; i < filled; ++i)
        bar[i] = QLatin1Char('=');
    if (filled > 0 && filled < kBarWidth)
        bar[filled - 1] = QLatin1Char('>');
    QString line = QStringLiteral("%1/%2 [%3]").arg(done, digits).arg(total).arg(bar);
    if (secondsLeft >= 0.0)
        line += QStringLiteral(" - ETA: %1").arg(duration(secondsLeft));
    else
        line += QStringLiteral(" - %1").arg(duration(secondsTaken));
    line += QStringLiteral(" - loss: %1 - %2: %3").arg(formatMetric(loss), metric, formatMetric(metricValue));
    return line;
}

void FitProgress::write(const QString& text, bool newline)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), m_out);
    if (newline)
        std::fputc('\n', m_out);
    std::fflush(m_out);
}

void FitProgress::report(const TrainingProgress& progress)
{
    if (progress.epochEnd) {
        if (m_terminal && m_epoch == progress.epoch)
            write(QString(), /*newline=*/true);  // the bar stays, finished, above the epoch's line
        write(QStringLiteral("epoch %1/%2  loss %3  %4 %5  val loss %6  val %4 %7")
                  .arg(progress.epoch)
                  .arg(progress.epochs)
                  .arg(formatMetric(progress.trainLoss), m_metric, formatMetric(progress.trainMetric),
                       formatMetric(progress.validationLoss), formatMetric(progress.validationMetric)),
              /*newline=*/true);
        m_epoch = 0;
        m_epochClock.restart();
        return;
    }
    if (!m_terminal)
        return;
    if (progress.epoch != m_epoch) {
        m_epoch = progress.epoch;
        m_stepBefore = progress.step - 1;  // the first report comes after the epoch's first batch
        m_lastDrawMs = -1;
        write(QStringLiteral("Epoch %1/%2").arg(progress.epoch).arg(progress.epochs), /*newline=*/true);
    }
    const int64_t done = progress.step - m_stepBefore;
    const int64_t total = std::max(progress.stepsPerEpoch, done);
    const qint64 elapsedMs = m_epochClock.elapsed();
    const bool last = done >= total;
    if (!last && m_lastDrawMs >= 0 && elapsedMs - m_lastDrawMs < kRedrawMs)
        return;
    m_lastDrawMs = elapsedMs;
    const double seconds = static_cast<double>(elapsedMs) / 1000.0;
    const double left = last ? -1.0 : seconds / static_cast<double>(done) * static_cast<double>(total - done);
    // \r and "erase to the end of the line": a shorter line leaves nothing of the longer one.
    write(QStringLiteral("\r") + barLine(done, total, left, seconds, progress.trainLoss, m_metric, progress.trainMetric)
              + QStringLiteral("\x1b[K"),
          /*newline=*/false);
}

} // namespace studio::cli
