#!/usr/bin/env bash
# Builds the libFuzzer targets with Debian's clang++ (ASan + UBSan) into build-fuzz/ and runs
# each one for the given number of seconds (per target; default 30, so 60 s in total for the
# two targets). Exits non-zero if any target finds a crash or a sanitizer report; the input
# that triggered it is left in build-fuzz/artifacts/.
#
# Usage: tests/fuzz/run.sh [seconds-per-target]
# Needs: clang, libclang-rt-14-dev (scripts/install-deps --test).
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-30}"
out=build-fuzz
mkdir -p "$out/artifacts"

CXX="${CXX_FUZZ:-clang++}"
flags=(-std=c++20 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=undefined -Isrc)
# Only the pure parsers and what they need; no Beast, no spdlog.
parser_sources=(src/http/form.cpp src/http/url_codec.cpp src/http/multipart.cpp src/core/error.cpp)

status=0
for target in form multipart; do
    echo "== building ${target}_fuzz"
    "$CXX" "${flags[@]}" "tests/fuzz/${target}_fuzz.cpp" "${parser_sources[@]}" -o "$out/${target}_fuzz"
    # New inputs go to the first (scratch) directory; the seed corpus is only read.
    mkdir -p "$out/corpus-$target"
    echo "== running ${target}_fuzz for ${seconds}s"
    if ! "$out/${target}_fuzz" "$out/corpus-$target" "tests/fuzz/corpus/$target" \
            -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$out/artifacts/${target}-" -print_final_stats=1; then
        echo "!! ${target}_fuzz found a failure; see $out/artifacts/" >&2
        status=1
    fi
done
exit "$status"
