#pragma once

// A saved screen of the window, one file a teacher hands out (.assession, JSON): the open models
// with their files inside it (each model's file and the sidecars beside it that share its name,
// e.g. MODEL.tokenizer.json), each model's choices, the input (the text, or the series CSV inside
// it), the chosen step, the colours, whether "Inside the Attention" is open, the lesson shown,
// and the window's layout. Opening it restores the screen: the models' files are written out under a folder of
// the caller's and opened from there, so the session opens where its models never were.
//
// Plain Qt Core and file access: the window calls these on a worker thread (BackgroundQueue).

#include "common/ValueTypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace studio {

struct SessionModel {
    QString path;  // where to open it from (after readSessionFile: inside the extraction folder)
    int candidate = -1;
    SequenceLayout layout = SequenceLayout::Auto;
    QString formula;
};

struct SavedSession {
    std::vector<SessionModel> models;
    QString text;        // the typed input (empty when a series is the input)
    QString seriesPath;  // the series CSV (after readSessionFile: inside the extraction folder)
    int readSteps = 0;   // forecasters: the last rows they read (0: their window)
    int step = 0;        // 0-based
    QString colormap;    // Colormap::key
    bool automaticRange = true;
    double rangeLower = 0.0;
    double rangeUpper = 1.0;
    bool insideOpen = false;  // "Inside the Attention" on screen
    int insideModel = 0;
    QString lesson;           // the lesson shown (its id), empty for none
    QByteArray windowState;   // QMainWindow::saveState
};

// Writes `session` to `path`, the files of its models and series inside, atomically: a failed
// write leaves the file that was there whole. Throws StudioError naming the file and what to do.
void writeSessionFile(const QString& path, const SavedSession& session);

// Reads `path`, writes the files inside it under `extractFolder` (one folder per model) and
// returns the session with their paths there. Throws StudioError naming the file and the field
// for a file that is not a session, a newer version, or a damaged entry.
SavedSession readSessionFile(const QString& path, const QString& extractFolder);

} // namespace studio
