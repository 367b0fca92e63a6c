#!/usr/bin/env bash
# Formatting and static checks: clang-format, cppcheck and clang-tidy must stay quiet.
# Needs a configured build folder (BUILD_DIR, default build) for compile_commands.json.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"
scripts/install-deps.sh --with-lint
files=$(git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'fuzz/*.cc')
clang-format --dry-run --Werror $files
cppcheck --enable=warning,performance,portability --std=c++20 --quiet --error-exitcode=1 -I src src
clang-tidy -p "$build_dir" --quiet --warnings-as-errors='*' $(git ls-files 'src/*.cc') 2>/dev/null
