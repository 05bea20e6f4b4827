#include "SoakBenchmark.h"
#include "WindowDriving.h"

#include "window/MainWindow.h"
#include "window/OpenModels.h"
#include "training/TrainingPanel.h"
#include "runtime/TrainingJob.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace studio::render {
namespace {

constexpr int kProbeIntervalMs = 2;      // the stall probe's timer
constexpr int kLongRunEpochs = 10'000;   // the panel's largest: the run outlasts the soak
constexpr int kLongRunExamples = 3000;   // epochs of about a second here, so each soak sees many
constexpr double kMiB = 1024.0 * 1024.0;

// The least-squares slope of resident memory over time, in MiB per hour.
double slopeMiBPerHour(const std::vector<SoakSample>& samples)
{
    if (samples.size() < 2)
        return 0.0;
    double meanX = 0.0;
    double meanY = 0.0;
    for (const SoakSample& sample : samples) {
        meanX += sample.minutes;
        meanY += static_cast<double>(sample.residentBytes) / kMiB;
    }
    meanX /= static_cast<double>(samples.size());
    meanY /= static_cast<double>(samples.size());
    double covariance = 0.0;
    double variance = 0.0;
    for (const SoakSample& sample : samples) {
        const double dx = sample.minutes - meanX;
        covariance += dx * (static_cast<double>(sample.residentBytes) / kMiB - meanY);
        variance += dx * dx;
    }
    return variance > 0.0 ? covariance / variance * 60.0 : 0.0;
}

void summarise(SoakReport& report)
{
    std::vector<SoakSample> warm;
    for (const SoakSample& sample : report.samples) {
        report.peakResidentBytes = std::max(report.peakResidentBytes, sample.residentBytes);
        report.longestStallMs = std::max(report.longestStallMs, sample.longestStallMs);
        if (sample.minutes >= report.settings.warmupMinutes)
            warm.push_back(sample);
    }
    if (warm.empty() && !report.samples.empty())
        warm.push_back(report.samples.back());
    if (warm.empty())
        return;
    report.warmResidentBytes = warm.front().residentBytes;
    report.finalResidentBytes = warm.back().residentBytes;
    if (report.warmResidentBytes > 0)
        report.growthPercent = 100.0 * static_cast<double>(report.finalResidentBytes - report.warmResidentBytes)
            / static_cast<double>(report.warmResidentBytes);
    report.growthMiBPerHour = slopeMiBPerHour(warm);
}

} // namespace

QJsonObject SoakReport::toJson() const
{
    QJsonArray rows;
    for (const SoakSample& sample : samples)
        rows.append(QJsonObject{{QStringLiteral("minutes"), sample.minutes},
                                {QStringLiteral("residentBytes"), sample.residentBytes},
                                {QStringLiteral("longestStallMs"), sample.longestStallMs},
                                {QStringLiteral("keystrokes"), sample.keystrokes},
                                {QStringLiteral("answers"), sample.answers},
                                {QStringLiteral("epochs"), sample.epochs}});
    return QJsonObject{
        {QStringLiteral("minutes"), settings.minutes},
        {QStringLiteral("warmupMinutes"), settings.warmupMinutes},
        {QStringLiteral("sampleSeconds"), settings.sampleSeconds},
        {QStringLiteral("keystrokeIntervalMs"), settings.keystrokeIntervalMs},
        {QStringLiteral("warmResidentBytes"), warmResidentBytes},
        {QStringLiteral("finalResidentBytes"), finalResidentBytes},
        {QStringLiteral("peakResidentBytes"), peakResidentBytes},
        {QStringLiteral("growthPercent"), growthPercent},
        {QStringLiteral("growthMiBPerHour"), growthMiBPerHour},
        {QStringLiteral("longestStallMs"), longestStallMs},
        {QStringLiteral("keystrokes"), keystrokes},
        {QStringLiteral("answers"), answers},
        {QStringLiteral("epochs"), epochs},
        {QStringLiteral("trainingSteps"), trainingSteps},
        {QStringLiteral("samples"), rows},
    };
}

SoakReport runSoakBenchmark(const SoakSettings& settings, const std::function<qint64()>& residentBytes,
                            const std::function<void(const SoakSample&)>& onSample)
{
    QStandardPaths::setTestModeEnabled(true);  // settings and runs folders of the benchmark's own
    SoakReport report;
    report.settings = settings;
    MainWindow window;
    window.resize(1500, 950);
    window.show();
    TrainingJob* job = window.training()->job();

    // A first short run gives the window a model to answer the typing.
    window.training()->applySetup(benchTrainingSetup(/*epochs=*/1));
    window.training()->startButton()->click();
    waitFor(job, &TrainingJob::finished, QStringLiteral("bench --soak: the first training run's end"));
    if (window.models()->count() == 0)
        waitFor(window.models(), &OpenModels::modelOpened, QStringLiteral("bench --soak: opening the trained model"));
    typeLongText(window);

    // The long run; should it end before the soak does, another starts.
    TrainingSetup longRun = benchTrainingSetup(kLongRunEpochs);
    longRun.taskOptions.count = kLongRunExamples;
    window.training()->applySetup(longRun);
    bool soaking = true;
    QObject::connect(job, &TrainingJob::progress, &window, [&](const TrainingProgress& progress) {
        report.trainingSteps = std::max(report.trainingSteps, static_cast<int>(std::min<int64_t>(progress.step, INT32_MAX)));
    });
    QObject::connect(job, &TrainingJob::attentionRecorded, &window, [&] { ++report.epochs; });
    QObject::connect(job, &TrainingJob::finished, &window, [&] {
        if (soaking)
            QTimer::singleShot(0, window.training()->startButton(), &QPushButton::click);
    });
    QObject::connect(window.models(), &OpenModels::resultReady, &window, [&] { ++report.answers; });

    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0;
    qint64 intervalStall = 0;
    QTimer probe;
    probe.setInterval(kProbeIntervalMs);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        intervalStall = std::max(intervalStall, now - lastTick);
        lastTick = now;
    });
    QTimer typing;
    typing.setInterval(settings.keystrokeIntervalMs);
    QObject::connect(&typing, &QTimer::timeout, [&] {
        typeOrDelete(window, /*add=*/report.keystrokes % 2 == 0);
        ++report.keystrokes;
    });
    QTimer sampling;
    sampling.setInterval(settings.sampleSeconds * 1000);
    QObject::connect(&sampling, &QTimer::timeout, [&] {
        SoakSample sample;
        sample.minutes = static_cast<double>(clock.elapsed()) / 60'000.0;
        sample.residentBytes = residentBytes();
        sample.longestStallMs = intervalStall;
        sample.keystrokes = report.keystrokes;
        sample.answers = report.answers;
        sample.epochs = report.epochs;
        intervalStall = 0;
        report.samples.push_back(sample);
        if (onSample)
            onSample(sample);
    });

    QEventLoop soak;
    QTimer::singleShot(static_cast<int>(settings.minutes * 60'000.0), &soak, &QEventLoop::quit);
    window.training()->startButton()->click();
    probe.start();
    typing.start();
    sampling.start();
    soak.exec();
    soaking = false;
    typing.stop();
    sampling.stop();
    probe.stop();
    if (job->isRunning()) {
        job->stop();
        waitFor(job, &TrainingJob::finished, QStringLiteral("bench --soak: the training run's stop"));
    }
    summarise(report);
    return report;
}

} // namespace studio::render
