#!/bin/sh
# cmake --install into an empty prefix, then: every file is where Debian expects it, the desktop
# entry names the installed program and icon, and the installed programs run from there (the
# window offscreen, until its demo model's first answer is on screen).
# Usage: check_install.sh BUILD_DIR
set -eu
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" > /dev/null
for file in bin/attention-studio bin/attention-cli \
            share/applications/attention-studio.desktop \
            share/mime/packages/attention-studio.xml \
            share/icons/hicolor/scalable/apps/attention-studio.svg \
            share/doc/attention-studio/user-guide.en.html \
            share/doc/attention-studio/user-guide.zh_CN.html \
            share/doc/attention-studio/images/window-zh.png \
            share/doc/attention-studio/README.md; do
  [ -e "$prefix/$file" ] || { echo "install: $file is missing from $prefix"; exit 1; }
done
desktop="$prefix/share/applications/attention-studio.desktop"
grep -qx 'Exec=attention-studio %F' "$desktop" || { echo "install: the desktop entry does not run attention-studio"; exit 1; }
grep -qx 'Icon=attention-studio' "$desktop" || { echo "install: the desktop entry does not name the icon"; exit 1; }
grep -q '^Name\[zh_CN\]\|^Comment\[zh_CN\]' "$desktop" || { echo "install: the desktop entry has no Chinese"; exit 1; }
"$prefix/bin/attention-cli" tasks > /dev/null
home=$(mktemp -d)
HOME="$home" QT_QPA_PLATFORM=offscreen "$prefix/bin/attention-studio" --startup-time | grep -q 'first heatmap after'
rm -rf "$home"
echo "install: $(find "$prefix" -type f | wc -l) files, both programs run from $prefix"
