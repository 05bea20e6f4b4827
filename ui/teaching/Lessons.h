#pragma once

// The lessons: each a model the window trains (with a fixed seed, so every learner gets the same
// model), the data it fits (carried inside the program, with provenance in resources/data/), an
// input to type once it has trained, and a short text in the window's language: what the model
// computes, what to watch, what it gets wrong. One lesson has a known answer (the keyword task:
// its deciding step is known, and the curves show how much attention lands on it per epoch); the
// others rebuild the seed tutorials' models natively (../shared/seeds: 000, 001, 002, 004).

#include "runtime/TrainingSetup.h"

#include <QList>
#include <QString>

#include <optional>

namespace studio {

struct Lesson {
    QString id;            // "keyword", "tutorial-004", … (the command line's --lesson)
    QString tutorial;      // the seed tutorial it follows ("004"); empty for a built-in task
    QString title;
    QString html;          // what it computes, what to watch, what it gets wrong
    bool trainsModel = true;  // false: the lesson only opens `models`
    TrainingSetup setup;   // dataFile: a Qt resource (":/lessons/…"), copied out before training
    QString inputText;     // typed once the model has joined; empty: the training series is the input
    // Models a lesson opens (Qt resources, side by side; after its trained model, if it trains one),
    // and the series they are given.
    QStringList models;
    QStringList companions;  // Qt resources copied out beside the models (a Keras tokenizer sidecar)
    QString inputSeries;
    bool knownAnswer = false;
    QStringList decidingWords;  // known-answer lessons: the words that decide the label, marked in the text
};

// Every lesson, in order, in the window's language.
QList<Lesson> allLessons();
std::optional<Lesson> lessonById(const QString& id);

} // namespace studio
