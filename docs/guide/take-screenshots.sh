#!/bin/bash
# Takes the README's and the guide's screenshots of the teaching features, in English and Chinese,
# from a built tree: each lesson trained in the window as a learner trains it, then driven with
# xdotool on an Xvfb screen of 1600×1000. Needs xvfb, xdotool and imagemagick (not installed by
# .ci/setup: only for the documentation). Look at every PNG before committing it.
#
#   bash docs/guide/take-screenshots.sh [build-dir]      (default: build)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
APP="$BUILD/app/gui/attention-studio"
OUT=docs/guide/images
for tool in Xvfb xdotool import; do
    command -v "$tool" > /dev/null || { echo "take-screenshots: $tool is missing (apt-get install xvfb xdotool imagemagick)" >&2; exit 1; }
done

DISPLAY_NUMBER=:97
Xvfb "$DISPLAY_NUMBER" -screen 0 1600x1000x24 > /dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2> /dev/null || true' EXIT
export DISPLAY=$DISPLAY_NUMBER
sleep 1

# Starts the window on a lesson in language $1 and trains it (the button under the lesson's text).
start_lesson() {
    local language=$1 lesson=$2 seconds=$3
    LANG=$language LC_ALL=$language "$APP" --lesson "$lesson" > /dev/null 2>&1 &
    APP_PID=$!
    sleep 6
    local window
    window=$(xdotool search --name "Attention Studio" | head -1)
    xdotool windowsize "$window" 1600 1000
    xdotool windowmove "$window" 0 0
    sleep 1
    xdotool mousemove 182 930 click 1
    sleep "$seconds"
}

stop_app() {
    kill "$APP_PID" 2> /dev/null || true
    wait "$APP_PID" 2> /dev/null || true
}

# Where things are on the 1600×1000 screen, per language (Chinese lines are taller): the trained
# model's «superb», the Curves dock's close button, the tutorial Keras model's Why? link once the
# page is scrolled down.
declare -A SUPERB=([en]="696 758" [zh]="675 821")
declare -A CLOSE_CURVES=([en]="1591 197" [zh]="1592 206")
declare -A WHY_LINK=([en]="499 575" [zh]="470 670")

for pair in en:en_US.UTF-8 zh:zh_CN.UTF-8; do
    suffix=${pair%%:*}
    language=${pair#*:}

    # The keyword lesson trained: its curves, the deciding word marked, step 9 («superb») chosen.
    start_lesson "$language" keyword 45
    xdotool mousemove ${SUPERB[$suffix]} click 1
    sleep 1
    import -window root "$OUT/lesson-trained-$suffix.png"
    # Inside the Attention on the whole right column (Curves closed), scrolled to the score and softmax.
    xdotool mousemove ${CLOSE_CURVES[$suffix]} click 1
    sleep 1
    xdotool mousemove 1200 950 click --repeat 12 --delay 50 5
    sleep 1
    import -window root "$OUT/inside-step-$suffix.png"
    # Presentation mode: large type, chrome hidden.
    xdotool key F11
    sleep 2
    import -window root "$OUT/presentation-$suffix.png"
    stop_app

    # Tutorial 001: the tutorial's own Keras model beside the app's; its padding warning explained.
    start_lesson "$language" tutorial-001 75
    xdotool mousemove 700 850 click --repeat 10 --delay 50 5
    sleep 1
    xdotool mousemove ${WHY_LINK[$suffix]} click 1
    sleep 2
    import -window root "$OUT/why-$suffix.png"
    stop_app
done
